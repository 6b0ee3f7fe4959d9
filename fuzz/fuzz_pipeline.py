"""Coverage-guided fuzzing (atheris / libFuzzer) of ingest -> segment -> annotate -> extract.

Each input is one document. Its first byte picks how it enters claimweave: as a file of one of
the supported kinds (plain text, HTML, JSON Lines, CSV, WARC, gzipped WARC, unknown suffix) read
through ``iter_documents``, or as bytes decoded straight into ``pipeline.run``. A crash is any
exception other than :class:`~claimweave.errors.InputError` escaping ingest, any exception at all
escaping the pipeline, an InputError without its path, or a record that breaks the claimweave/1
contract (``claimweave.schema.contract_errors`` with the text).

Short run (what ``tests/test_fuzz_atheris.py`` does in CI, ~25 s):

    .venv/bin/python fuzz/fuzz_pipeline.py --seeds /tmp/cw-corpus
    .venv/bin/python fuzz/fuzz_pipeline.py /tmp/cw-corpus -max_total_time=25 -max_len=8192

Long run (one hour; crashes are written as ``crash-*`` files in the current directory, and a
crash file replays with ``python fuzz/fuzz_pipeline.py crash-<sha>``):

    mkdir -p /tmp/cw-corpus && .venv/bin/python fuzz/fuzz_pipeline.py --seeds /tmp/cw-corpus && \
    .venv/bin/python fuzz/fuzz_pipeline.py /tmp/cw-corpus -max_total_time=3600 -max_len=16384 \
        -timeout=60 -rss_limit_mb=3072 -print_final_stats=1
"""

from __future__ import annotations

import gzip
import json
import random
import sys
import tempfile
from pathlib import Path

import atheris

# One WARC record builder for the fuzz harness and the tests alike (tests/pagegen.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from pagegen import warc_response  # noqa: E402

with atheris.instrument_imports(include=["claimweave"]):
    # Stages imported lazily by the package are imported here so they get instrumented too.
    import claimweave.annotate.actors
    import claimweave.annotate.dates
    import claimweave.annotate.numbers
    import claimweave.annotate.places
    import claimweave.annotate.weapons
    import claimweave.ingest.csvfile
    import claimweave.ingest.jsonl
    import claimweave.ingest.warc
    import claimweave.segment  # noqa: F401
    from claimweave.errors import Errors, InputError
    from claimweave.ingest import iter_documents
    from claimweave.ingest.decode import decode_bytes
    from claimweave.options import ExtractOptions
    from claimweave.pipeline import make_document, run
    from claimweave.record import to_dict
    from claimweave.schema import contract_errors

SUFFIXES = (".txt", ".html", ".jsonl", ".csv", ".warc", ".warc.gz", ".bin")
OPTIONS = ExtractOptions(detect_language=False)
_TMP = Path(tempfile.mkdtemp(prefix="cw-fuzz-"))


class ContractBroken(AssertionError):
    """A record or an error that breaks what claimweave promises (a fuzzing finding)."""


def _check_record(text: str, doc_path: str | None, record: dict[str, object]) -> None:
    wire = json.loads(json.dumps(record, ensure_ascii=False, allow_nan=False))
    errors = contract_errors(wire, text)
    if errors:
        raise ContractBroken(f"{doc_path}: {errors[:3]}")


def _pipeline(doc_text: str, path: str | None) -> None:
    doc = make_document(doc_text, path=path)
    _check_record(doc.text, path, to_dict(run(doc, OPTIONS)))


def _through_files(suffix: str, body: bytes) -> None:
    target = _TMP / f"input{suffix}"
    target.write_bytes(body)
    for item in iter_documents([target]):
        if isinstance(item, InputError):
            where = str(item.params.get("path", ""))
            if not isinstance(item.code, Errors) or not where.startswith(str(target)):
                raise ContractBroken(f"error without its path: {item}")
            continue
        _check_record(item.text, item.path, to_dict(run(item, OPTIONS)))


def test_one_input(data: bytes) -> None:
    if not data:
        return
    mode, body = data[0], data[1:]
    if mode < 0x80:
        _through_files(SUFFIXES[mode % len(SUFFIXES)], body)
        return
    try:
        text = decode_bytes(body, "fuzz")
    except InputError:
        text = body.decode("utf-8", "replace")
    if text:
        _pipeline(text, "fuzz")


# -- seeds -------------------------------------------------------------------------------------

_SENTENCES = (
    "More than 17 civilians were killed on November 3 in Hajin, according to a local monitor.",
    "Coalition warplanes struck Raqqa on Tuesday; 1200-1500 people fled, the Observatory said.",
    "Selon l'OSDH, au moins 12 civils ont été tués mardi dernier à Douma par des barils explosifs.",
    "Russia accuses the coalition of opening safe corridors for ISIS near Deir ez-Zor.",
    "Dozens of children were wounded by shelling in Idlib last week, as activists report.",
)


def _seed_text(r: random.Random) -> str:
    paras = [r.choice(_SENTENCES) for _ in range(r.randint(1, 5))]
    shape = r.randrange(4)
    if shape == 0:
        return "Strikes hit the north again\n\n" + "\n\n".join(paras) + "\n"
    if shape == 1:
        return "\n".join(f"{i}/ {p}" for i, p in enumerate(paras, 1)) + f"\nRead {len(paras)} tweets\n"
    if shape == 2:
        return "\n\n".join(f"Headline {i}\n{p}\nRead more" for i, p in enumerate(paras)) + "\n"
    return "\n\n".join(paras) + "\n\nJane Doe\n\nThey counted more later today.\n\nSam K\n\nSad news.\n"


def write_seeds(directory: Path, n: int = 40, seed: int = 7) -> int:
    """Write a small seed corpus (our own templates) for every input mode; return how many."""
    directory.mkdir(parents=True, exist_ok=True)
    r = random.Random(seed)
    count = 0
    for i in range(n):
        text = _seed_text(r)
        html = ("<html><head><title>t</title></head><body><article>"
                + "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
                + "</article><div id=\"comments\"><p>Jane: they lie</p></div></body></html>").encode()
        row = json.dumps({"id": f"s{i}", "text": text, "published": "2018-11-05"})
        variants = {
            0: text.encode(), 1: html, 2: (row + "\n{broken\n").encode(),
            3: ("id,title,text\n" + f's{i},T,"{text.replace(chr(34), chr(39))}"\n').encode(),
            4: warc_response(html), 5: gzip.compress(warc_response(html)), 6: text.encode("utf-16"),
        }
        for mode, body in variants.items():
            (directory / f"seed-{i:03d}-{mode}").write_bytes(bytes([mode]) + body)
            count += 1
        (directory / f"seed-{i:03d}-t").write_bytes(b"\x80" + text.encode("cp1256", "replace"))
        count += 1
    return count


def main(argv: list[str]) -> None:
    if len(argv) >= 3 and argv[1] == "--seeds":
        print(f"wrote {write_seeds(Path(argv[2]))} seeds to {argv[2]}")
        return
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
