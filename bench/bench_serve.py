"""Time the workbench's pages and API on a large ledger (not a test; prints a table).

    python bench/bench_serve.py [--claims 50000] [--db /tmp/bench_serve.db] [--browser]

With --browser, Debian's chromium (through playwright) also loads the incidents page from a real
server and prints the browser's own navigation timing (response, DOMContentLoaded, load) and the
time until the interactive map has drawn its marks.

The large ledger is the demo corpus ingested once, then copied N times inside SQLite (new
document ids and sha256s, incidents renumbered and moved by one day per copy), so its shape is
the demo's: about two claims per incident, real text, units, marks and FTS rows.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _shift(day: str | None, k: int) -> str | None:
    if not day or len(day) < 10:
        return day
    try:
        return (date.fromisoformat(day[:10]) + timedelta(days=k)).isoformat() + day[10:]
    except ValueError:
        return day


def build(db: Path, claims: int) -> None:
    seed = Path(tempfile.mkdtemp()) / "seed.db"
    subprocess.run([sys.executable, "-m", "claimweave.cli", "ingest", str(ROOT / "corpus" / "demo"),
                    "--db", str(seed), "-q", "--no-lang"], check=True, capture_output=True)
    src = sqlite3.connect(seed)
    src.row_factory = sqlite3.Row
    n_claims = src.execute("SELECT count(*) FROM claims").fetchone()[0]
    copies = max(1, -(-claims // n_claims))
    src.close()
    db.unlink(missing_ok=True)
    conn = sqlite3.connect(db)
    conn.execute("ATTACH ? AS s", (str(seed),))
    for (sql,) in conn.execute("SELECT sql FROM s.sqlite_master WHERE sql IS NOT NULL AND name NOT"
                               " LIKE '%fts_%' AND name NOT LIKE 'sqlite_%'").fetchall():
        conn.execute(sql)
    conn.execute("INSERT INTO _migrations SELECT * FROM s._migrations")
    max_inc = conn.execute("SELECT max(id) FROM s.incidents").fetchone()[0]
    docs = conn.execute("SELECT * FROM s.documents ORDER BY seq").fetchall()
    cols = [d[1] for d in conn.execute("PRAGMA s.table_info(documents)")]
    ccols = [d[1] for d in conn.execute("PRAGMA s.table_info(claims)") if d[1] not in ("seq", "doc")]
    incs = conn.execute("SELECT id, family, region, day_lo, day_hi, profile, n_claims, grade, record,"
                        " updated_at FROM s.incidents").fetchall()
    for k in range(copies):
        seqmap: dict[int, int] = {}
        for d in docs:
            row = dict(zip(cols, d, strict=True))
            old = row.pop("seq")
            row["sha256"] = f"{row['sha256']}-{k}"
            row["id"] = f"{row['id']}-{k}" if k else row["id"]
            cur = conn.execute(f"INSERT INTO documents ({', '.join(row)}) VALUES "
                               f"({', '.join('?' * len(row))})", list(row.values()))
            seqmap[old] = int(cur.lastrowid or 0)
            new = seqmap[old]
            conn.execute("INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
                         (new, row["title"] or "", row["text"]))
            for t in ("units", "places", "frames", "framing_terms"):
                conn.execute(f"INSERT INTO {t} SELECT ?, * FROM (SELECT * FROM s.{t} WHERE doc = ?)"
                             .replace("SELECT ?, *", "SELECT ?, " + ", ".join(
                                 c[1] for c in conn.execute(f"PRAGMA s.table_info({t})")
                                 if c[1] != "doc")), (new, old))
            for (cseq,) in conn.execute("SELECT seq FROM s.claims WHERE doc = ?", (old,)).fetchall():
                cur = conn.execute(f"INSERT INTO claims (doc, {', '.join(ccols)}) SELECT ?, "
                                   f"{', '.join(ccols)} FROM s.claims WHERE seq = ?", (new, cseq))
                nseq = int(cur.lastrowid or 0)
                conn.execute("INSERT INTO claims_fts (rowid, text) SELECT ?, text FROM s.claims"
                             " WHERE seq = ?", (nseq, cseq))
                link = conn.execute("SELECT incident, score, reason FROM s.claim_incident WHERE"
                                    " claim = ?", (cseq,)).fetchone()
                if link:
                    inc = None if link[0] is None else link[0] + k * max_inc
                    conn.execute("INSERT INTO claim_incident VALUES (?, ?, ?, ?)",
                                 (nseq, inc, link[1], link[2]))
        for r in incs:
            rec = json.loads(r[8]) if r[8] else None
            if rec is not None:
                rec["id"] = r[0] + k * max_inc
                rec["date"]["start"] = _shift(rec["date"]["start"], k)
                rec["date"]["end"] = _shift(rec["date"]["end"], k)
                if k:
                    for c in rec["claims"]:
                        c["document"] = f"{c['document']}-{k}"
            conn.execute("INSERT INTO incidents VALUES (?,?,?,?,?,?,?,?,?,?)",
                         (r[0] + k * max_inc, *r[1:8], json.dumps(rec) if rec else None, r[9]))
        conn.commit()
    conn.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--claims", type=int, default=50_000)
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "bench_serve.db")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--browser", action="store_true", help="also time the page in chromium")
    a = ap.parse_args()
    if not a.db.exists():
        t = time.perf_counter()
        build(a.db, a.claims)
        print(f"built {a.db} in {time.perf_counter() - t:.1f} s")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        from claimweave.serve.app import create_app
        client = TestClient(create_app(a.db))
    conn = sqlite3.connect(a.db)
    n = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
         for t in ("documents", "claims", "incidents")]
    print(f"ledger: {n[0]} documents, {n[1]} claims, {n[2]} incidents")
    urls = ["/incidents", "/incidents?place=Khan+Sheikhoun", "/incidents?grade=contested&sort=count",
            "/incidents?from=2018-01-01&to=2018-03-31", "/incidents?q=nerve+agent", "/incidents/1",
            "/documents/1?claim=c1", "/sources", "/search?q=Douma", "/api/incidents?limit=100",
            "/api/timeline", "/export/incidents.csv?grade=denied", "/api/map",
            "/api/map?governorate=Idlib", "/incidents?place=Rakka", "/incidents?place=%D8%A7%D9%84%D8%B1%D9%82%D8%A9",
            "/incidents?governorate=Idlib&side=syrian_government&bucket=month",
            "/incidents?review=not+reviewed&month=2017-04", "/incidents?bucket=day"]
    print(f"{'url':48} {'median ms':>10} {'max ms':>8} {'bytes':>9}")
    worst = 0.0
    for u in urls:
        times, size = [], 0
        for _ in range(a.repeat):
            t = time.perf_counter()
            r = client.get(u)
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200, (u, r.status_code)
            size = len(r.content)
        print(f"{u:48} {statistics.median(times):10.0f} {max(times):8.0f} {size:9d}")
        worst = max(worst, statistics.median(times))
    print(f"slowest median: {worst:.0f} ms ({'under' if worst < 1000 else 'OVER'} 1 s)")
    if a.browser:
        browser_timing(a.db, a.repeat)


def browser_timing(db: Path, repeat: int, chromium: str = "/usr/bin/chromium") -> None:
    import socket
    import threading

    import uvicorn
    from playwright.sync_api import sync_playwright

    from claimweave.serve.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    js = ("(() => { const n = performance.getEntriesByType('navigation')[0];"
          " return [n.responseEnd, n.domContentLoadedEventEnd, n.loadEventEnd]; })()")
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=chromium, headless=True,
                                  args=["--no-sandbox", "--disable-gpu"])
            for w, h in ((1280, 800), (390, 844)):
                page = b.new_context(viewport={"width": w, "height": h}).new_page()
                rows = []
                for _ in range(repeat):
                    t = time.perf_counter()
                    page.goto(f"http://127.0.0.1:{port}/incidents")
                    page.wait_for_selector("#lmap[data-ready]")
                    ready = (time.perf_counter() - t) * 1000
                    rows.append([*page.evaluate(js), ready])
                med = [statistics.median(r[i] for r in rows) for i in range(4)]
                print(f"chromium {w}x{h} /incidents (median of {repeat}): response {med[0]:.0f} ms,"
                      f" DOMContentLoaded {med[1]:.0f} ms, load {med[2]:.0f} ms,"
                      f" map drawn {med[3]:.0f} ms")
            b.close()
    finally:
        server.should_exit = True


if __name__ == "__main__":
    main()
