"""Per-part speed: microseconds per word of each annotator and of the frame marker, on the
FA-KES articles (or on the demo corpus when FA-KES is absent). A benchmark: it asserts nothing.

    .venv/bin/python bench/bench_parts.py [--csv PATH] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CSV = REPO.parent / "shared" / "data" / "fakes" / "fakes.csv"


def _texts(csv_path: Path, limit: int) -> list[str]:
    if csv_path.is_file():
        csv.field_size_limit(sys.maxsize)
        with csv_path.open(encoding="utf-8", newline="") as fh:
            return [r["article_content"] for r, _ in zip(csv.DictReader(fh), range(limit), strict=False)]
    return [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus" / "demo").glob("*.txt"))]


def _time(fn: Callable[[str], object], texts: list[str]) -> float:
    for t in texts[:5]:
        fn(t)  # warm-up: lazy loading (gazetteer index, KB, lingua models) is not counted
    t0 = time.perf_counter()
    for t in texts:
        fn(t)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--limit", type=int, default=300)
    args = ap.parse_args()
    from claimweave.annotate import actors, dates, lang, numbers, places, weapons
    from claimweave.frame import find_frames
    from claimweave.model import Unit

    texts = _texts(args.csv, args.limit)
    words = sum(len(t.split()) for t in texts)
    parts: dict[str, Callable[[str], object]] = {
        "actors": actors.find_actors,
        "places": places.find_places,
        "dates": lambda t: dates.find_dates(t, published="2017-04-05"),
        "quantities": numbers.find_quantities,
        "weapons": weapons.find_weapons,
        "language (first 400 chars)": lang.detect,
        "frames": lambda t: find_frames(t, (Unit("u1", "paragraph", 0, len(t)),)),
    }
    print(f"{len(texts)} texts, {words} words")
    print(f"{'part':<28} {'µs/word':>8} {'words/s':>12}")
    for name, fn in parts.items():
        secs = _time(fn, texts)
        print(f"{name:<28} {1e6 * secs / words:>8.2f} {words / secs:>12,.0f}")


if __name__ == "__main__":
    main()
