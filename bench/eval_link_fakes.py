"""Pairwise precision/recall/F1 of `claimweave link` against FA-KES's implicit incident grouping.

Gold: two articles are the same incident when their crowd facts give the same date, location,
actor and cause of death. Ours: the FA-KES CSV is ingested as it is (the crowd facts go to
``Document.meta`` and are never read by extraction or linking), the ledger is linked, and each
article is put in the incident of its first casualty claim (else its first linked claim); an
article with no linked claim is an incident of its own.

    python bench/eval_link_fakes.py ../shared/data/fakes/fakes.csv [--db FILE] [--split all|train|test]
    [--show 15] [--json]

``--split`` restricts the *pairs* counted to articles of that split (all 804 are linked).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from claimweave.ingest import iter_documents
from claimweave.link import link_ledger
from claimweave.options import ExtractOptions
from claimweave.pipeline import run
from claimweave.store import Ledger


def gold(csv_path: Path) -> dict[str, tuple[tuple[str, ...], str]]:
    csv.field_size_limit(sys.maxsize)
    with csv_path.open(encoding="utf-8", newline="") as fh:
        return {r["unit_id"]: ((r["date"].strip(), r["location"].strip(), r["actor"].strip(),
                                r["cause_of_death"].strip()), r["split"]) for r in csv.DictReader(fh)}


def ours(ledger: Ledger) -> dict[str, int | str]:
    rows = ledger.connection.execute(
        "SELECT d.id AS doc, c.kind AS kind, ci.incident AS inc FROM claims c JOIN documents d "
        "ON d.seq = c.doc JOIN claim_incident ci ON ci.claim = c.seq "
        "WHERE ci.incident IS NOT NULL ORDER BY c.seq").fetchall()
    first: dict[str, int] = {}
    cas: dict[str, int] = {}
    for r in rows:
        first.setdefault(r["doc"], r["inc"])
        if r["kind"] == "casualty":
            cas.setdefault(r["doc"], r["inc"])
    return {**first, **cas}


def pairs(groups: dict[str, object], ids: list[str]) -> set[tuple[str, str]]:
    by: dict[object, list[str]] = defaultdict(list)
    for i in ids:
        by[groups.get(i, f"alone:{i}")].append(i)
    return {tuple(sorted(p)) for g in by.values() for p in combinations(g, 2)}  # type: ignore[misc]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("csv", type=Path)
    ap.add_argument("--db", type=Path, default=None, help="ledger to (re)use; default: a temp file")
    ap.add_argument("--split", choices=["all", "train", "test"], default="all")
    ap.add_argument("--show", type=int, default=15)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    db = a.db or Path(tempfile.mkdtemp()) / "fakes.db"
    t0 = time.perf_counter()
    with Ledger.open(db) as ledger:
        for doc in iter_documents([a.csv]):
            if not isinstance(doc, Exception) and not ledger.has(doc.sha256):
                ledger.write(run(doc, ExtractOptions(detect_language=False)))
        t1 = time.perf_counter()
        stats = link_ledger(ledger)
        t2 = time.perf_counter()
        mine = ours(ledger)
    g = gold(a.csv)
    ids = [i for i, (_, split) in g.items() if a.split in ("all", split)]
    gp = pairs({i: k for i, (k, _) in g.items()}, ids)
    op = pairs(dict(mine), ids)
    tp = len(gp & op)
    p = tp / len(op) if op else 0.0
    r = tp / len(gp) if gp else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    fig = {"split": a.split, "articles": len(ids), "gold_pairs": len(gp), "our_pairs": len(op),
           "true_pairs": tp, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
           "ingest_s": round(t1 - t0, 1), "link_s": round(t2 - t1, 2), "link": stats.summary()}
    if a.json:
        print(json.dumps(fig))
        return
    print(json.dumps(fig, indent=1))
    for title, bad in (("linked by us, different gold facts", sorted(op - gp)),
                       ("same gold facts, not linked by us", sorted(gp - op))):
        print(f"\n## {title}: {len(bad)}")
        for x, y in bad[:a.show]:
            print(f"- {x} {g[x][0]} | {y} {g[y][0]} | ours {mine.get(x)} / {mine.get(y)}")


if __name__ == "__main__":
    main()
