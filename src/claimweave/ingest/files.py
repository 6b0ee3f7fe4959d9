"""Readers for single-document files: plain text, HTML, and files of unknown type."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import Errors, InputError
from ..model import Document
from .decode import decode_bytes
from .document import make_document
from .html import declared_charset, extract_html
from .options import IngestOptions


def read_limited(path: Path, label: str, max_bytes: int) -> bytes:
    """The file's bytes; E104 if its size (checked before reading) exceeds ``max_bytes``."""
    try:
        with open(path, "rb") as fh:
            if os.fstat(fh.fileno()).st_size > max_bytes:
                raise InputError(Errors.E104, path=label, limit=max_bytes)
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(Errors.E108, path=label, reason=exc.strerror or str(exc)) from None
    if len(data) > max_bytes:  # grew while we looked
        raise InputError(Errors.E104, path=label, limit=max_bytes)
    return data


def read_text(path: Path, label: str, options: IngestOptions) -> Iterator[Document]:
    text = decode_bytes(read_limited(path, label, options.max_bytes), label)
    yield make_document(text, path=label)


def html_document(
    html: str, label: str, options: IngestOptions,
    meta: tuple[tuple[str, str], ...] = (), **given: object,
) -> Document:
    """A Document from an HTML string; explicitly ``given`` fields win over page metadata."""
    page = extract_html(html, label, comments=options.html_comments)
    fields: dict[str, object] = {
        "title": page.title, "author": page.author, "published": page.published,
        "outlet": page.sitename, "url": page.url,
    }
    fields.update({k: v for k, v in given.items() if v not in (None, "")})
    return make_document(page.text, path=label, comments_start=page.comments_start, meta=meta,
                         **fields)


def read_html(path: Path, label: str, options: IngestOptions) -> Iterator[Document]:
    data = read_limited(path, label, options.max_bytes)
    html = decode_bytes(data, label, declared=declared_charset(data))
    yield html_document(html, label, options)


def read_unknown(path: Path, label: str, options: IngestOptions) -> Iterator[Document]:
    """Sniff: a file that decodes as text is plain text; a binary one is unsupported (E110)."""
    data = read_limited(path, label, options.max_bytes)
    try:
        text = decode_bytes(data, label)
    except InputError as exc:
        if exc.code is Errors.E102:
            from . import supported

            raise InputError(Errors.E110, path=label, suffix=path.suffix, supported=supported()
                             ) from None
        raise
    yield make_document(text, path=label)
