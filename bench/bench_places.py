"""Benchmark place resolution: index size on disk, load time and microseconds per word of
``find_places`` + ``disambiguate`` over a text corpus, with the packaged index alone and with an
imported country (a synthetic GeoNames dump of N invented places in Yemen, imported into a
temporary data dir with ``claimweave gazetteer import``'s code).

    python bench/bench_places.py                      # corpus: the demo corpus and tests/world pages
    python bench/bench_places.py --fakes /work/shared/data/fakes/fakes.csv   # FA-KES train articles
    python bench/bench_places.py --imported 50000     # a bigger imported country

Prints a Markdown table (load: median of 5 loads of the built index; wall time on a shared machine
varies with its load, CPU time less).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYLLABLES = ["al", "ba", "dar", "ha", "jar", "kha", "ma", "na", "qa", "ra", "sa", "ta", "wa", "za", "bi", "mu"]


def corpus(fakes: Path | None) -> list[str]:
    if fakes is not None:
        csv.field_size_limit(sys.maxsize)
        with fakes.open(encoding="utf-8") as fh:
            return [r["article_content"] for r in csv.DictReader(fh) if r.get("split") == "train"]
    paths = sorted((ROOT / "corpus" / "demo").glob("*.txt")) + sorted((ROOT / "tests" / "world").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def synthetic_dump(path: Path, n: int) -> None:
    """N invented populated places inside Yemen's bounding box, in GeoNames' 19 columns."""
    rng = random.Random(7)
    lines = []
    for i in range(n):
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        lat, lon = rng.uniform(12.6, 17.9), rng.uniform(42.6, 52.9)
        cols = [str(90_000_000 + i), name, name, "", f"{lat:.5f}", f"{lon:.5f}", "P", "PPL", "YE", "",
                f"{rng.randint(1, 25):02d}", "", "", "", "0", "", "100", "Asia/Aden", "2024-01-01"]
        lines.append("\t".join(cols))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def measure(texts: list[str]) -> dict[str, float]:
    from claimweave.annotate import gazetteer
    from claimweave.annotate.places import disambiguate, find_places

    gazetteer.load.cache_clear()
    t0 = time.perf_counter()
    gazetteer.load()  # builds the cached index when missing
    build = time.perf_counter() - t0
    path = gazetteer.cache_path()
    walls, cpus = [], []
    for _ in range(5):
        w, c = time.perf_counter(), time.process_time()
        gazetteer.load_index(path)
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    words = sum(len(t.split()) for t in texts)
    for _ in range(2):  # the second pass is timed: word caches warm, as in a long run
        t0, c0 = time.perf_counter(), time.process_time()
        found = sum(len(disambiguate(find_places(t))) for t in texts)
        spent, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"size_mb": path.stat().st_size / 1e6, "first_build_s": build, "load_ms": statistics.median(walls) * 1e3,
            "load_cpu_ms": statistics.median(cpus) * 1e3, "us_per_word": spent / words * 1e6,
            "us_cpu_per_word": cpu / words * 1e6, "words": words, "places": found, "rows": len(gazetteer.load().names)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fakes", type=Path, default=None, help="FA-KES CSV: use its train articles as the corpus")
    ap.add_argument("--imported", type=int, default=20000, help="invented places in the imported country")
    args = ap.parse_args()
    texts = corpus(args.fakes)
    packaged = ROOT / "src" / "claimweave" / "data" / "villages.tsv.gz"
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CLAIMWEAVE_CACHE_DIR"] = str(Path(tmp) / "cache")
        os.environ["CLAIMWEAVE_DATA_DIR"] = str(Path(tmp) / "data")
        rows = [("packaged index", measure(texts))]
        from claimweave.annotate.gazetteer_files import import_files

        dump = Path(tmp) / "YE.txt"
        synthetic_dump(dump, args.imported)
        result = import_files([dump])
        rows.append((f"+ imported country ({args.imported:,} places, {result.path.stat().st_size / 1e6:.2f} MB)",
                     measure(texts)))
    print(f"Corpus: {len(texts)} documents, {rows[0][1]['words']:,.0f} words; packaged villages file "
          f"{packaged.stat().st_size / 1e6:.2f} MB\n")
    print("| index | places | index on disk (MB) | first build (s) | load (ms wall) | load (ms CPU) "
          "| µs per word (wall) | µs per word (CPU) | mentions |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, m in rows:
        print(f"| {label} | {m['rows']:,.0f} | {m['size_mb']:.1f} | {m['first_build_s']:.1f} | {m['load_ms']:.0f} "
              f"| {m['load_cpu_ms']:.0f} | {m['us_per_word']:.1f} | {m['us_cpu_per_word']:.1f} | {m['places']:,.0f} |")


if __name__ == "__main__":
    main()
