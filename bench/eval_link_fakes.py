"""Pairwise precision/recall/F1 of `claimweave link` against FA-KES's implicit incident grouping
(the method is described in ``claimweave.evaluate.fakes_link``).

    python bench/eval_link_fakes.py ../shared/data/fakes/fakes.csv [--db FILE] [--split all|train|test]
    [--show 15] [--json] [--ceiling]

``--ceiling`` also groups the articles by the four facts that ``claimweave eval fakes`` predicts
for each one (all four ours; then one field ours and three the crowd's), to show how far linking
on extracted facts can go against this gold and which field holds it back; and it counts the
pairs of articles that share at least 90% of their words (the same text, republished) and how
many of them the crowd gave the same four facts, which no linker can exceed.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from claimweave.evaluate.fakes_link import article_incidents, gold, link_fakes, score
from claimweave.store import Ledger


def ceiling(csv_path: Path, split: str) -> dict[str, object]:
    from claimweave.evaluate.fakes import evaluate, gold_date
    from claimweave.evaluate.fakes_link import PairScore, pairs

    items = evaluate(csv_path, "all").items
    g = gold(csv_path)
    ids = sorted({i.unit_id for i in items if split in ("all", g[i.unit_id][1])})
    fields = ("date", "location", "actor", "cause")
    truth = {i.unit_id: (gold_date(i.gold["date"]),) + tuple(i.gold[f] for f in fields[1:]) for i in items}
    pred = {i.unit_id: tuple(i.pred[f] for f in fields) for i in items}
    gp = frozenset(pairs(dict(truth), ids))
    out = {"all four ours": PairScore(split, len(ids), gp, frozenset(pairs(dict(pred), ids))).f1}
    for k, f in enumerate(fields):
        mixed = {u: truth[u][:k] + (pred[u][k],) + truth[u][k + 1:] for u in truth}
        out[f"only {f} ours"] = PairScore(split, len(ids), gp, frozenset(pairs(dict(mixed), ids))).f1
    res: dict[str, object] = {k: round(v, 3) for k, v in out.items()}
    same, agree = near_duplicates(csv_path, truth, ids)
    res["near-duplicate pairs"] = same
    res["near-duplicate pairs with the same crowd facts"] = agree
    return res


def near_duplicates(csv_path: Path, truth: dict[str, tuple[str, ...]], ids: list[str]) -> tuple[int, int]:
    import csv
    import re
    import sys
    from itertools import combinations

    csv.field_size_limit(sys.maxsize)
    word = re.compile(r"[a-z]{3,}")
    with csv_path.open(encoding="utf-8", newline="") as fh:
        words = {r["unit_id"]: frozenset(word.findall(r["article_content"].lower()))
                 for r in csv.DictReader(fh)}
    same = agree = 0
    for a, b in combinations(ids, 2):
        wa, wb = words[a], words[b]
        if wa and wb and len(wa & wb) >= 0.9 * len(wa | wb):
            same += 1
            agree += truth[a] == truth[b]
    return same, agree


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("csv", type=Path)
    ap.add_argument("--db", type=Path, default=None, help="ledger to (re)use; default: a temp file")
    ap.add_argument("--split", choices=["all", "train", "test"], default="all")
    ap.add_argument("--show", type=int, default=15)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--ceiling", action="store_true")
    a = ap.parse_args()
    db = a.db or Path(tempfile.mkdtemp()) / "fakes.db"
    t0 = time.perf_counter()
    with Ledger.open(db) as ledger:
        link_fakes(a.csv, ledger)
        mine = article_incidents(ledger)
    sc = score(a.csv, mine, a.split)
    fig = {**sc.figures(), "ingest_and_link_s": round(time.perf_counter() - t0, 1)}
    if a.ceiling:
        fig["ceiling"] = ceiling(a.csv, a.split)
    if a.json:
        print(json.dumps(fig))
        return
    print(json.dumps(fig, indent=1))
    g = gold(a.csv)
    for title, bad in (("linked by us, different gold facts", sorted(sc.ours - sc.gold)),
                       ("same gold facts, not linked by us", sorted(sc.gold - sc.ours))):
        print(f"\n## {title}: {len(bad)}")
        for x, y in bad[:a.show]:
            print(f"- {x} {g[x][0]} | {y} {g[y][0]} | ours {mine.get(x)} / {mine.get(y)}")


if __name__ == "__main__":
    main()
