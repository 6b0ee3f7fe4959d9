"""Benchmark `link`: N generated claims (our own templates, varied; five a document, whose headline
is its first claim's text) in a fresh ledger, then one `link_ledger` run; prints claims,
incidents, seconds and peak RSS.

    python bench/bench_link.py --n 1000000        # the issue's goal: < 10 min, < 2 GB
    python bench/bench_link.py --n 20000          # a quick check
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from datetime import date as Date
from pathlib import Path

from claimweave.link import link_ledger
from claimweave.store import Ledger
from claimweave.store.rows import CLAIM_COLUMNS

PLACES = [("Mosul", 99072, 36.335, 43.119, "IQ"), ("Khan Shaykhun", 168325, 35.44, 36.65, "SY"),
          ("Duma", 170592, 33.57, 36.40, "SY"), ("Raqqa", 172955, 35.95, 39.01, "SY"),
          ("Afrin", 174186, 36.51, 36.87, "SY"), ("Hajin", 174506, 34.69, 40.83, "SY"),
          ("Homs", 169577, 34.73, 36.71, "SY"), ("Deir ez-Zor", 170794, 35.34, 40.14, "SY"),
          ("Al Atarib", 174030, 36.14, 36.83, "SY"), ("Albu Kamal", 174448, 34.45, 40.92, "SY"),
          ("Damascus", 170654, 33.51, 36.29, "SY"), ("Al Mayadin", 173480, 35.02, 40.45, "SY")]
ACTORS = [("international_coalition", "International coalition"), ("isis", "Islamic State"),
          ("russia", "Russia"), ("syrian_government", "Syrian government"), (None, None)]
CAUSES = [("airstrike", "shelling"), ("car_bomb", "explosion"), ("shelling", "shelling"),
          ("chlorine", "chemical")]
TEMPLATES = ["{n} civilians were killed when {a} {w} hit {p} on {d}",
             "{a} {w} on {p} left at least {n} dead, according to {s}",
             "Residents of {p} said {n} people died in the {w}",
             "A {w} by {a} killed {n} in {p}, {s} reported"]
SOURCES = ["SOHR", "local activists", "civil defence", "a medical source", "state media"]


def generate(ledger: Ledger, n: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    conn = ledger.connection
    day0 = Date(2013, 1, 1).toordinal()
    cols = ", ".join(CLAIM_COLUMNS)
    sql = f"INSERT INTO claims (doc, ord, {cols}) VALUES (?, ?, {', '.join('?' * len(CLAIM_COLUMNS))})"
    conn.execute("BEGIN")
    docs = n // 5 + 1
    for d in range(docs):
        pub = Date.fromordinal(day0 + rnd.randrange(2500)).isoformat()
        conn.execute("INSERT INTO documents (seq, sha256, id, outlet, published, text, record, "
                     "added_at) VALUES (?, ?, ?, ?, ?, '', '{}', '')",
                     (d + 1, f"sha{d}", f"doc{d}", rnd.choice(SOURCES), pub))
    rows = []
    for i in range(n):
        doc = i // 5 + 1
        name, gid, lat, lon, cc = rnd.choice(PLACES)
        aid, aname = rnd.choice(ACTORS)
        weapon, cause = rnd.choice(CAUSES)
        day = Date.fromordinal(day0 + rnd.randrange(2500))
        k = rnd.randint(1, 60)
        text = rnd.choice(TEMPLATES).format(n=k, a=aname or "unknown attackers", w=weapon.replace("_", " "),
                                            p=name, d=day.strftime("%d %B %Y"), s=rnd.choice(SOURCES))
        dated = rnd.random() < 0.7
        row = dict.fromkeys(CLAIM_COLUMNS)
        row.update(id=f"c{i % 5 + 1}", unit_id="u1", kind="casualty", span_start=0, span_end=len(text),
                   text=text, actor=aname, actor_id=aid, place=name, lat=lat, lon=lon, country=cc,
                   geonames_id=gid, precision="city", weapon=weapon, cause=cause,
                   victims_min=k, victims_max=k, sources_json=json.dumps([{"name": rnd.choice(SOURCES), "actor_id": None}]),
                   victims_json=json.dumps([{"type": "civilians", "outcome": "killed", "min": k,
                                             "max": k, "text": f"{k} civilians"}]),
                   date_json=json.dumps({"text": "", "start": day.isoformat(), "end": day.isoformat(),
                                         "year": day.year, "month": day.month, "day": day.day,
                                         "precision": "day"}) if dated else None)
        rows.append((doc, i % 5, *(row[c] for c in CLAIM_COLUMNS)))
        if len(rows) >= 50_000:
            conn.executemany(sql, rows)
            rows = []
    conn.executemany(sql, rows)
    # A headline for the report wording: its first claim's text.
    conn.execute("UPDATE documents SET title = (SELECT text FROM claims c WHERE c.doc = documents.seq "
                 "AND c.ord = 0)")
    conn.execute("COMMIT")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, default=None)
    a = ap.parse_args()
    db = a.db or Path(tempfile.mkdtemp()) / "bench_link.db"
    t0 = time.perf_counter()
    with Ledger.open(db) as ledger:
        generate(ledger, a.n)
        t1 = time.perf_counter()
        stats = link_ledger(ledger)
        t2 = time.perf_counter()
        incidents = ledger.connection.execute("SELECT count(*) FROM incidents").fetchone()[0]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"claims": a.n, "incidents": incidents, "generate_s": round(t1 - t0, 1),
                      "link_s": round(t2 - t1, 1), "peak_rss_mb": round(peak_mb),
                      "detail": stats.summary()}))


if __name__ == "__main__":
    main()
