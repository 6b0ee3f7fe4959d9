"""Persuasion marks on FA-KES, for reading by a person: a seeded random sample with context, and
the rate of marks per 1,000 words for each source.

    .venv/bin/python bench/frames_sample.py [--csv PATH] [--n 100] [--seed 7]

Precision is measured by reading the printed sample and judging each mark; the judgements and
the resulting table are kept in bench/frames_precision.md.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from pathlib import Path

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "fakes" / "fakes.csv"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    if not args.csv.is_file():
        sys.exit(f"frames_sample: FA-KES CSV not found at {args.csv}")
    from claimweave.pipeline import make_document, run

    csv.field_size_limit(sys.maxsize)
    with args.csv.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    marks = []
    words: Counter[str] = Counter()
    per_source: Counter[str] = Counter()
    for r in rows:
        text = r["article_content"]
        rec = run(make_document(text, doc_id=r["unit_id"], outlet=r["source"]))
        words[r["source"]] += len(text.split())
        for m in rec.frames.marks:
            per_source[r["source"]] += 1
            marks.append((r["unit_id"], r["source"], m, text))
    print(f"{len(marks)} marks in {len(rows)} articles ({sum(words.values())} words)\n")
    print("source          marks  words   per 1,000 words")
    for src in sorted(words, key=lambda s: -per_source[s] / words[s]):
        print(f"{src:<15} {per_source[src]:>5}  {words[src]:>6}  {1000 * per_source[src] / words[src]:>6.2f}")
    print()
    by_tech = Counter(m.technique for _, _, m, _ in marks)
    print("marks by technique:", dict(by_tech.most_common()))
    print()
    for i, (uid, src, m, text) in enumerate(random.Random(args.seed).sample(marks, min(args.n, len(marks)))):
        left = " ".join(text[max(0, m.start - 90):m.start].split())
        right = " ".join(text[m.end:m.end + 60].split())
        print(f"{i + 1:>3}. [{m.technique}] {uid} ({src}): …{left} [[{text[m.start:m.end]}]] {right}…")


if __name__ == "__main__":
    main()
