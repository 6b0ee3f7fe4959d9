"""Our own words only: no run of six words from the sample pages or the evaluation texts may appear
in the repo's src/, tests/, corpus/ or bench/.

The reference texts are ../shared/samples/*.txt (the five hard inputs) and the evaluation texts of
../shared/data: muc4-dev (dev.json ``doctext``), polnear-dev (text/*.txt) and ecbplus (docs.jsonl
``title`` and ``text``). Words are lower-cased letters and digits; every other character
(punctuation, quote marks, markup, line breaks) only separates words, so a phrase split over
string literals, a regex alternation without brackets or a wrapped comment is still caught.

A run never crosses a sentence end ('.', '!', '?' or ';' before a space or a quote mark), so two
neighbouring strings of a test table do not make a phrase by accident.

Common phrases are not copying, and are ignored. The threshold: a six-word run is protected only
when exactly ONE source holds it, a source being one sample page, one MUC-4 message, one PolNeAR
article, or one ECB+ topic (the documents of an ECB+ topic report the same two events, often in the
same wire copy, so they count as one source), and no FA-KES article (../shared/data/fakes/fakes.csv,
titles and contents; 804 articles by 15 outlets that are neither the samples nor the evaluation
texts) holds it. A run that two independent sources share is the language of the news (an idiom, a
formula, a name such as "according to the Syrian Observatory for Human Rights"), not one page's
words; copying a sentence from one page copies runs that only that page holds. The cost: wire copy
two ECB+ topics or a MUC message and a FA-KES article happen to share is not protected.

Set ``CLAIMWEAVE_OWN_WORDS_ROOT`` to check another tree (for example an old commit checked out with
``git worktree add``); the reference material is still looked for at ../shared beside this clone.
Run this file as a script to print every hit with its file and line.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
ROOT = Path(os.environ.get("CLAIMWEAVE_OWN_WORDS_ROOT") or REPO).resolve()
CHECKED_DIRS = ("src", "tests", "corpus", "bench")
N = 6
_WORD = re.compile(r"[^\W_]+")
# A run never crosses a sentence end: '.', '!', '?' or ';' before a space, a quote mark or the end.
_SENTENCE_END = re.compile(r"[.!?;]+(?=[\s\"'’”»)\]]|$)")
_SKIP_DIRS = frozenset({"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis"})


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of ``text``."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def words(text: str) -> list[list[str]]:
    """The words of each sentence of ``text``, lower-cased."""
    low = text.lower()
    return [_WORD.findall(low, a, b) for a, b in sentences(text)]


def shingles(sents: list[list[str]]) -> Iterator[int]:
    for ws in sents:
        for i in range(len(ws) - N + 1):
            yield hash(" ".join(ws[i:i + N]))


def reference_documents(shared: Path) -> Iterator[tuple[str, str, str]]:
    """(name, source, text) of every sample page and evaluation text. The source is the document
    itself, except in ECB+, whose documents of one topic report the same events, often in the same
    wire copy: a topic is one source."""
    for p in sorted((shared / "samples").glob("*.txt")):
        yield f"samples/{p.name}", f"samples/{p.name}", p.read_text(encoding="utf-8", errors="replace")
    data = shared / "data"
    muc = data / "muc4-dev" / "dev.json"
    if muc.is_file():
        with muc.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    d = json.loads(line)
                    yield f"muc4-dev/{d['docid']}", f"muc4-dev/{d['docid']}", d["doctext"]
    for p in sorted((data / "polnear-dev" / "text").glob("*.txt")):
        name = f"polnear-dev/{p.name}"
        yield name, name, p.read_text(encoding="utf-8", errors="replace")
    ecb = data / "ecbplus" / "docs.jsonl"
    if ecb.is_file():
        with ecb.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    d = json.loads(line)
                    yield (f"ecbplus/{d['id']}", f"ecbplus/topic-{d['id'].split('_')[0]}",
                           f"{d.get('title') or ''}\n\n{d.get('text') or ''}")


def fakes_documents(shared: Path) -> Iterator[str]:
    import csv

    path = shared / "data" / "fakes" / "fakes.csv"
    if not path.is_file():
        return
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            yield f"{row.get('article_title') or ''}\n\n{row.get('article_content') or ''}"


@lru_cache(maxsize=1)
def protected(shared: Path = SHARED) -> tuple[dict[int, str], int]:
    """Hashes of the reference six-word runs that are not common -> the document holding each;
    and the number of reference documents read."""
    owner: dict[int, str] = {}  # run -> the one source holding it, or "" once a second holds it
    name_of: dict[int, str] = {}
    n_docs = 0
    for name, source, text in reference_documents(shared):
        n_docs += 1
        for h in set(shingles(words(text))):
            seen = owner.get(h)
            if seen is None:
                owner[h], name_of[h] = source, name
            elif seen != source:
                owner[h] = ""
    for text in fakes_documents(shared):
        for h in set(shingles(words(text))):
            if h in owner:
                owner[h] = ""
    return {h: name_of[h] for h, src in owner.items() if src}, n_docs


def repo_files(root: Path) -> Iterator[Path]:
    for d in CHECKED_DIRS:
        for dirpath, dirnames, filenames in os.walk(root / d):
            dirnames[:] = [x for x in dirnames if x not in _SKIP_DIRS]
            for f in filenames:
                yield Path(dirpath) / f


def hits(root: Path = ROOT, shared: Path = SHARED) -> list[tuple[str, int, str, str]]:
    """(file, line, six words, reference document) for every protected run found under root;
    overlapping hits (a longer copied run) are reported once."""
    prot, _ = protected(shared)
    found = []
    for path in repo_files(root):
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary files hold no prose
        for a, b in sentences(text):
            spans = [(m.start(), m.group().lower()) for m in _WORD.finditer(text, a, b)]
            last = -N
            for i in range(len(spans) - N + 1):
                phrase = " ".join(w for _, w in spans[i:i + N])
                src = prot.get(hash(phrase))
                if src is None:
                    continue
                if i >= last + N:
                    line = text.count("\n", 0, spans[i][0]) + 1
                    found.append((str(path.relative_to(root)), line, phrase, src))
                last = i
    return found


def _require_shared() -> None:
    if not (SHARED / "samples").is_dir():
        pytest.skip(f"reference material not found at {SHARED} (../shared is not beside this clone); "
                    "nothing to compare the repo's words against")


def test_reference_material_is_read() -> None:
    _require_shared()
    prot, n_docs = protected()
    assert n_docs >= 5 and len(prot) > 10_000, (n_docs, len(prot))


def test_no_six_words_in_a_row_from_samples_or_evaluation_texts() -> None:
    _require_shared()
    found = hits()
    report = "\n".join(f"  {f}:{line}: “{phrase}” (from {src})" for f, line, phrase, src in found)
    assert not found, (f"{len(found)} runs of {N}+ words from ../shared/samples or the evaluation texts "
                       f"in {ROOT} (write them in your own words):\n{report}")


def test_a_copied_phrase_is_caught(tmp_path: Path) -> None:
    """The check itself: a run copied from a sample page, whatever its case and punctuation."""
    _require_shared()
    prot, _ = protected()
    sample = next(iter(sorted((SHARED / "samples").glob("*.txt"))))
    ws, i = next((ws, i) for ws in words(sample.read_text(encoding="utf-8", errors="replace"))
                 for i in range(len(ws) - N) if hash(" ".join(ws[i:i + N])) in prot)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "x.py").write_text(
        "s = ('" + " ".join(ws[i:i + 3]).upper() + "',\n  '" + ", ".join(ws[i + 3:i + N]) + "')\n",
        encoding="utf-8")
    assert len(hits(tmp_path)) == 1


if __name__ == "__main__":
    if not (SHARED / "samples").is_dir():
        sys.exit(f"no reference material at {SHARED}")
    for f, line, phrase, src in hits():
        print(f"{f}:{line}: {phrase}    [{src}]")
