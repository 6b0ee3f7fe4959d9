"""Property tests (Hypothesis) over ingest, annotate and the whole pipeline.

Promises checked for arbitrary input: ingest never raises (a file is a Document or an InputError
that carries its path and a catalogue code); every annotator gives offsets inside the text, sorted
and non-overlapping, whose ``text`` is exactly the span; the pipeline never raises and its record
keeps the claimweave/1 contract (JSON Schema plus offsets, references and sha256).
Segmentation's tiling properties live in ``test_tiling.py``.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claimweave.annotate import actors, dates, numbers, places, weapons
from claimweave.errors import Errors, InputError
from claimweave.ingest import iter_documents
from claimweave.ingest.decode import decode_bytes
from claimweave.ingest.document import sha256_text
from claimweave.options import ExtractOptions
from claimweave.pipeline import make_document, run
from claimweave.record import to_dict
from claimweave.schema import contract_errors
from pagegen import page, warc_response

SCALE = int(os.environ.get("CLAIMWEAVE_FUZZ_SCALE", "1"))  # e.g. 50 for a long run
FAST = settings(max_examples=150 * SCALE, deadline=None, suppress_health_check=list(HealthCheck))
NO_LANG = ExtractOptions(detect_language=False)
DECODE_CODES = {Errors.E101, Errors.E102, Errors.E103}

# -- text strategies ---------------------------------------------------------------------------

WORDS = st.sampled_from([
    "killed", "wounded", "civilians", "children", "more than", "at least", "dozens", "17", "1200-1500",
    "Hajin", "Raqqa", "Deir ez-Zor", "Idlib", "coalition", "ISIS", "Russia", "regime", "SDF",
    "airstrike", "barrel bomb", "chlorine", "shelling", "according to", "said", "told", "via",
    "on November 3", "Tuesday", "2018", "last week", "mardi dernier", "selon", "tués", "blessés",
    "Read more", "Read 3 tweets", "1/", "2/", "#Syria", "@monitor", "\n", "\n\n", "\r\n", " ",
    ",", ".", "“", "”", "(", ")", "-", "–", "\u200f", "\u2028", "\x85", "ﷺ", "ß", "İ", "ﬃ", "𝐇",
    "\ud800", "\x00", "\x1b[31m",
])
SOUP = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=60).map(" ".join)


@st.composite
def mutated_pages(draw: st.DrawFn) -> str:
    """A generated page, then a few random splices, deletions and duplications."""
    text = page(random.Random(draw(st.integers(0, 2**32 - 1))))
    for _ in range(draw(st.integers(0, 4))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 80)))
        op = draw(st.sampled_from(["insert", "delete", "dup", "case"]))
        if op == "insert":
            text = text[:i] + draw(st.one_of(WORDS, st.text(max_size=8))) + text[i:]
        elif op == "delete":
            text = text[:i] + text[j:]
        elif op == "dup":
            text = text[:j] + text[i:j] + text[j:]
        else:
            text = text[:i] + text[i:j].upper() + text[j:]
    return text


TEXTS = st.one_of(st.text(), SOUP, mutated_pages())

# -- ingest ------------------------------------------------------------------------------------


def _check_error(err: InputError, label: str) -> None:
    assert isinstance(err.code, Errors)
    path = str(err.params.get("path", ""))
    assert path == label or path.startswith(label + "#"), (path, label)
    assert str(err).startswith(f"[{err.code.name}] {path}")


@FAST
@given(st.binary(max_size=4096))
@example(b"\xef\xbb\xbf")
@example(b"\xff\xfe" + "hé".encode("utf-16-le"))
@example("Ça va".encode()[:-1] + b"\xc3")
def test_decode_bytes_is_total(data: bytes) -> None:
    try:
        text = decode_bytes(data, "in.txt")
    except InputError as exc:
        assert exc.code in DECODE_CODES
        _check_error(exc, "in.txt")
    else:
        assert isinstance(text, str) and text.strip()


@FAST
@given(st.text(min_size=1))
def test_utf8_text_decodes_exactly(text: str) -> None:
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates are not text a file can hold
        return
    if "\x00" in text:  # NULs are read as binary or as BOM-less UTF-16: no exactness promised
        return
    try:
        out = decode_bytes(data, "in.txt")
    except InputError as exc:
        assert exc.code in DECODE_CODES  # blank or control-heavy text
    else:
        assert out == (text[1:] if text.startswith("\ufeff") else text)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
JSONL_ROWS = st.dictionaries(
    st.sampled_from(["id", "text", "html", "title", "url", "outlet", "author", "published", "x"]),
    JSON_VALUES | SOUP, max_size=6)


@st.composite
def jsonl_bytes(draw: st.DrawFn) -> bytes:
    lines = []
    for row in draw(st.lists(JSONL_ROWS, max_size=5)):
        line = json.dumps(row)
        if draw(st.booleans()) and line:
            line = line[: draw(st.integers(0, len(line)))]  # truncated line
        lines.append(line)
    return "\n".join(lines).encode("utf-8", "surrogatepass")


@st.composite
def csv_bytes(draw: st.DrawFn) -> bytes:
    header = draw(st.lists(st.sampled_from(["id", "text", "title", "outlet", "published", "article_content",
                                             "x", "", '"'] ), min_size=1, max_size=5))
    rows = draw(st.lists(st.lists(st.one_of(SOUP, st.text(max_size=10)), max_size=6), max_size=5))
    body = ",".join(header) + "\n" + "\n".join(",".join(c.replace("\x00", "") for c in r) for r in rows)
    enc = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1256", "latin-1"]))
    return body.encode(enc, "replace")


NEST = st.recursive(SOUP, lambda inner: st.tuples(
    st.sampled_from(["div", "p", "article", "section", "script", "style", "table", "td", "b", "x-y"]),
    st.lists(inner, max_size=3)).map(lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>"), max_leaves=20)


@st.composite
def html_bytes(draw: st.DrawFn) -> bytes:
    body = draw(NEST)
    if draw(st.booleans()):
        body = body[: draw(st.integers(0, len(body)))]
    charset = draw(st.sampled_from(["", '<meta charset="utf-8">', '<meta charset="windows-1256">',
                                    '<meta charset="bogus-enc">']))
    return f"<html><head>{charset}<title>t</title></head><body>{body}</body></html>".encode(
        "utf-8", "surrogatepass")


@st.composite
def warc_bytes(draw: st.DrawFn) -> bytes:
    out = b""
    for _ in range(draw(st.integers(1, 3))):
        rec = warc_response(draw(html_bytes()), content_type=draw(st.sampled_from(["text/html", "text/plain",
                                                                      "text/html; charset=cp1256"])),
                           status=draw(st.sampled_from(["200 OK", "404 Not Found", "2xx"])))
        if draw(st.booleans()):
            rec = gzip.compress(rec)
        out += rec
    if draw(st.booleans()):
        out = out[: draw(st.integers(0, len(out)))]
    return out


SUFFIXED: list[tuple[str, Callable[[], st.SearchStrategy[bytes]]]] = [
    (".txt", lambda: SOUP.map(lambda s: s.encode("utf-8", "surrogatepass"))),
    (".jsonl", jsonl_bytes), (".csv", csv_bytes), (".html", html_bytes), (".warc", warc_bytes),
    (".warc.gz", warc_bytes), (".dat", lambda: st.binary(max_size=512)),
]
FILES = st.sampled_from(SUFFIXED).flatmap(
    lambda sf: st.tuples(st.just(sf[0]), st.one_of(sf[1](), st.binary(max_size=512))))


@FAST
@given(st.lists(FILES, min_size=1, max_size=4))
def test_readers_never_raise(files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        labels = []
        for i, (suffix, data) in enumerate(files):
            p = Path(tmp) / f"f{i}{suffix}"
            p.write_bytes(data)
            labels.append(str(p))
        items = list(iter_documents([tmp]))
    for label in labels:  # WARC and CSV may hold no document at all; the others say something
        if label.endswith((".txt", ".jsonl", ".html", ".dat")):
            assert any(str(getattr(i, "path", None) or i.params.get("path", "")).startswith(label)
                       for i in items), label
    for item in items:
        if isinstance(item, InputError):
            label = next(lb for lb in labels if str(item.params.get("path", "")).startswith(lb))
            _check_error(item, label)
        else:
            assert item.sha256 == sha256_text(item.text)
            assert item.path is not None and any(item.path.startswith(lb) for lb in labels)
            assert item.text.strip()


# -- annotate ----------------------------------------------------------------------------------

FINDERS: dict[str, Callable[[str, int], list[Any]]] = {
    "actors": actors.find_actors,
    "places": places.find_places,
    "dates": lambda t, b: dates.find_dates(t, b, published="2018-11-05"),
    "dates_nopub": lambda t, b: dates.find_dates(t, b),
    "quantities": numbers.find_quantities,
    "quantities_fr": lambda t, b: numbers.find_quantities(t, b, lang="fr"),
    "weapons": weapons.find_weapons,
}


@settings(max_examples=200 * SCALE, deadline=None, suppress_health_check=list(HealthCheck))
@given(TEXTS, st.integers(0, 10_000), st.sampled_from(sorted(FINDERS)))
def test_finders_offsets_valid_and_disjoint(text: str, base: int, name: str) -> None:
    found = FINDERS[name](text, base)
    last = base
    for m in found:
        assert base <= m.start < m.end <= base + len(text), (name, m)
        assert m.text == text[m.start - base:m.end - base], (name, m)
        assert m.start >= last, (name, "overlap or unsorted", m)
        last = m.end


# -- the whole pipeline ------------------------------------------------------------------------


def _record_ok(text: str, options: ExtractOptions = NO_LANG, **meta: str | None) -> dict[str, Any]:
    doc = make_document(text, path="fuzz.txt", **meta)
    rec = to_dict(run(doc, options))
    wire = json.loads(json.dumps(rec, ensure_ascii=False, allow_nan=False))
    errors = contract_errors(wire, text)
    assert not errors, errors
    return wire


@settings(max_examples=250 * SCALE, deadline=None, suppress_health_check=list(HealthCheck))
@given(TEXTS, st.sampled_from([None, "2018-11-05", "1999-02-28"]))
def test_pipeline_keeps_the_contract(text: str, published: str | None) -> None:
    _record_ok(text, published=published)


@settings(max_examples=40 * SCALE, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(mutated_pages(), SOUP))
def test_pipeline_with_language_detection(text: str) -> None:
    _record_ok(text, ExtractOptions())


@settings(max_examples=60 * SCALE, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated_pages(), st.data())
def test_pipeline_with_comment_offset(text: str, data: st.DataObject) -> None:
    """HTML documents carry ``comments_start``; any value inside the text must be safe."""
    cut = data.draw(st.integers(0, len(text)))
    doc = make_document(text, path="fuzz.html")
    rec = to_dict(run(replace(doc, comments_start=cut), NO_LANG))
    assert not contract_errors(json.loads(json.dumps(rec)), text)
