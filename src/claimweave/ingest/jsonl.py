"""JSON Lines: one document per line.

Fields: ``id``, ``text`` or ``html`` (HTML goes through trafilatura), optional ``title``, ``url``,
``outlet``, ``author``, ``published``; any other field is kept in ``Document.meta`` (non-string
values as JSON). ``Document.path`` is ``"<path>#<line>"`` with the 1-based physical line number.
Lines are UTF-8 (a BOM on the first line is allowed); a line longer than ``max_bytes`` is E104,
undecodable or invalid JSON is E105, neither text nor html is E106; the other lines go on.
Blank lines are skipped; a file with no non-blank line at all is E101 (empty), never silence.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import Errors, InputError
from ..model import Document
from .document import make_document
from .files import html_document
from .options import IngestOptions

KNOWN = frozenset({"id", "text", "html", "title", "url", "outlet", "author", "published"})


def _lines(fh: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) with ``None`` for a line over the limit (its rest is skipped)."""
    lineno = 0
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line.rstrip(b"\r\n")) > max_bytes:
            while line and not line.endswith(b"\n"):
                line = fh.readline(1 << 20)
            yield lineno, None
        else:
            yield lineno, line


def meta_value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _document(obj: dict[str, Any], label: str, line: int, options: IngestOptions) -> Document:
    where = f"{label}#{line}"
    meta = tuple((k, meta_value(v)) for k, v in obj.items() if k not in KNOWN)
    given = {k: obj.get(k) for k in ("id", "title", "url", "outlet", "author", "published")}
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text:
        if not text.strip():
            raise InputError(Errors.E101, path=where)
        return make_document(text, path=where, meta=meta, **given)
    if isinstance(html, str) and html.strip():
        return html_document(html, where, options, meta=meta, **given)
    if text is not None or html is not None:
        raise InputError(Errors.E101, path=where)
    raise InputError(Errors.E106, path=label, line=line)


def read_jsonl(path: Path, label: str, options: IngestOptions) -> Iterator[Document | InputError]:
    with open(path, "rb") as fh:
        seen = False
        for lineno, raw in _lines(fh, options.max_bytes):
            if raw is None:
                seen = True
                yield InputError(Errors.E104, path=f"{label}#{lineno}", limit=options.max_bytes)
                continue
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            seen = True
            try:
                obj = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                yield InputError(Errors.E105, path=label, line=lineno,
                                 reason=f"invalid UTF-8 at byte {exc.start}")
                continue
            except ValueError as exc:
                yield InputError(Errors.E105, path=label, line=lineno, reason=str(exc))
                continue
            if not isinstance(obj, dict):
                yield InputError(Errors.E105, path=label, line=lineno,
                                 reason=f"a JSON {type(obj).__name__}, not an object")
                continue
            try:
                yield _document(obj, label, lineno, options)
            except InputError as exc:
                yield exc
        if not seen:
            yield InputError(Errors.E101, path=label)
