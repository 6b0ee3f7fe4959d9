"""The rule-selection check on FA-KES's train split: a change is kept when it wins on most of five
seeded random folds of the train articles, field by field, against a baseline commit.

    .venv/bin/python bench/train_folds.py --base HEAD~1            # this tree against its parent
    .venv/bin/python bench/train_folds.py --base 4f9363c~1 --head 4f9363c [--seed 7] [--folds 5]

Each tree is evaluated in a process of its own, with PYTHONPATH pointing at its src/ (the baseline,
and --head when given, are exported with ``git archive`` to a temporary directory; without --head
the current working tree is used, uncommitted edits included). The 640 train articles are shuffled
with ``random.Random(seed)`` (sorted by unit_id first) and dealt into ``--folds`` folds; for each fold
and field the script prints both accuracies and the verdict: won, tied or lost. Only the train split
is read: the test split is never used to choose a rule.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CSV = REPO.parent / "shared" / "data" / "fakes" / "fakes.csv"
FIELDS = ("location", "actor", "cause", "date", "civilians")

# Run inside the evaluated tree's process: [unit_id, {field: correct}] per train article, in order.
_CHILD = """
import json, sys
from pathlib import Path
from claimweave.evaluate.fakes import FIELDS, evaluate
rep = evaluate(Path(sys.argv[1]), "train")
print(json.dumps([[i.unit_id, {f: i.gold[f] == i.pred[f] for f in FIELDS}] for i in rep.items]))
"""


def export(ref: str, dest: Path) -> Path:
    """The src/ of ``ref`` written under ``dest``; returns that src directory."""
    proc = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", ref, "src"],
                          capture_output=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"train_folds: git archive {ref} failed: {proc.stderr.decode().strip()}")
    tar = dest / "src.tar"
    tar.write_bytes(proc.stdout)
    with tarfile.open(tar) as tf:
        tf.extractall(dest, filter="data")
    return dest / "src"


def correctness(src: Path, csv_path: Path) -> dict[str, dict[str, bool]]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(csv_path)], capture_output=True, text=True,
                          env=env, check=False)
    if proc.returncode != 0:
        sys.exit(f"train_folds: evaluating {src} failed:\n{proc.stderr}")
    out: dict[str, dict[str, bool]] = {}
    for uid, ok in json.loads(proc.stdout.strip().splitlines()[-1]):
        key, n = uid, 1
        while key in out:  # a unit_id listed twice is two articles
            n += 1
            key = f"{uid}#{n}"
        out[key] = ok
    return out


def folds(unit_ids: list[str], k: int, seed: int) -> list[list[str]]:
    ids = sorted(unit_ids)
    random.Random(seed).shuffle(ids)
    return [ids[i::k] for i in range(k)]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", required=True, help="baseline git ref (e.g. HEAD~1)")
    ap.add_argument("--head", default=None, help="git ref to compare (default: the working tree)")
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args(argv)
    if not args.csv.is_file():
        sys.exit(f"train_folds: FA-KES CSV not found at {args.csv}")
    csv_path = args.csv.resolve()
    with tempfile.TemporaryDirectory(prefix="train-folds-") as tmp:
        base_dir, head_dir = Path(tmp, "base"), Path(tmp, "head")
        base_dir.mkdir()
        base = correctness(export(args.base, base_dir), csv_path)
        if args.head:
            head_dir.mkdir()
            head = correctness(export(args.head, head_dir), csv_path)
        else:
            head = correctness(REPO / "src", csv_path)
    if set(base) != set(head):
        sys.exit("train_folds: the two trees evaluated different train articles")
    parts = folds(list(base), args.folds, args.seed)
    head_name = args.head or "working tree"
    print(f"FA-KES train split, {len(base)} articles, {args.folds} folds (seed {args.seed}): "
          f"base {args.base} vs head {head_name}\n")
    print(f"{'field':<10} {'fold':>4} {'n':>4} {'base':>6} {'head':>6}  verdict")
    tally: dict[str, dict[str, int]] = {f: {"won": 0, "tied": 0, "lost": 0} for f in FIELDS}
    for f in FIELDS:
        for n, ids in enumerate(parts, 1):
            a = sum(base[i][f] for i in ids) / len(ids)
            b = sum(head[i][f] for i in ids) / len(ids)
            verdict = "won" if b > a else "lost" if b < a else "tied"
            tally[f][verdict] += 1
            print(f"{f:<10} {n:>4} {len(ids):>4} {a:>6.3f} {b:>6.3f}  {verdict}")
    print()
    print(f"{'field':<10} {'base':>6} {'head':>6}  folds")
    for f in FIELDS:
        a = sum(x[f] for x in base.values()) / len(base)
        b = sum(x[f] for x in head.values()) / len(head)
        t = tally[f]
        print(f"{f:<10} {a:>6.3f} {b:>6.3f}  won {t['won']}, tied {t['tied']}, lost {t['lost']} of {args.folds}")


if __name__ == "__main__":
    main()
