"""WARC files (``.warc``, ``.warc.gz``) through warcio: HTML responses become documents.

Only ``response`` records with an HTTP 2xx status (and ``resource`` records) whose Content-Type
is HTML or XHTML are read; others are skipped silently. At most ``max_bytes + 1`` bytes of a
payload are read (after transfer and content decoding), so a decompression bomb costs bounded
memory: a larger payload is E104 for that record. ``Document.path`` is ``"<path>#<offset>"``
with the record's byte offset in the (possibly compressed) file, ``Document.url`` is
WARC-Target-URI, and the WARC-Record-ID and WARC-Date go to ``Document.meta``. A WARC that cannot
be parsed stops with E108 after the records read so far.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import Errors, InputError
from ..model import Document
from .decode import decode_bytes
from .files import html_document
from .html import declared_charset
from .options import IngestOptions

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _content_type(record: object) -> tuple[str, str | None]:
    headers = getattr(record, "http_headers", None) or getattr(record, "rec_headers", None)
    value = (headers.get_header("Content-Type") if headers is not None else None) or ""
    parts = [p.strip() for p in value.split(";")]
    charset = next((p.split("=", 1)[1].strip("\"' ") for p in parts[1:]
                    if p.lower().startswith("charset=")), None)
    return parts[0].lower(), charset


def _wanted(record: object) -> bool:
    kind = getattr(record, "rec_type", None)
    if kind == "response":
        http = getattr(record, "http_headers", None)
        code = http.get_statuscode() if http is not None else None
        if not code or not str(code).startswith("2"):
            return False
    elif kind != "resource":
        return False
    return _content_type(record)[0] in _HTML_TYPES


def read_warc(path: Path, label: str, options: IngestOptions) -> Iterator[Document | InputError]:
    with open(path, "rb") as fh:
        records = ArchiveIterator(fh)
        try:
            for record in records:
                if not _wanted(record):
                    continue
                payload = record.content_stream().read(options.max_bytes + 1)
                # get_record_offset() reads the record to its end: only after the payload.
                where = f"{label}#{records.get_record_offset()}"
                if len(payload) > options.max_bytes:
                    yield InputError(Errors.E104, path=where, limit=options.max_bytes)
                    continue
                rh = record.rec_headers
                meta = tuple((k, v) for k, v in (("warc_record_id", rh.get_header("WARC-Record-ID")),
                                                 ("warc_date", rh.get_header("WARC-Date"))) if v)
                try:
                    charset = _content_type(record)[1] or declared_charset(payload)
                    html = decode_bytes(payload, where, declared=charset)
                    yield html_document(html, where, options, meta=meta,
                                        url=rh.get_header("WARC-Target-URI"))
                except InputError as exc:
                    yield exc
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as exc:
            yield InputError(Errors.E108, path=label, reason=f"WARC: {exc}")
