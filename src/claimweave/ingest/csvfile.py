"""CSV files: one document per row; the header says which column holds what (:mod:`.columns`:
FA-KES, generic names, or the ``--text-col``/``--id-col``/``--date-col``/``--title-col`` mapping).

``Document.path`` is ``"<path>#<row>"`` where the header is row 1 and the first data row is row 2
(the spreadsheet row number; a quoted field may span several physical lines). The encoding is
sniffed from the first MiB (BOM, UTF-8, else charset-normalizer) and the file is streamed; a
decoding error or malformed CSV stops the file with E103/E108 at that row; a row with a field
over the limit, or whose fields total more than ``max_bytes`` characters, is E104 and the rows
after it go on.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import Errors, InputError
from ..model import Document
from .columns import find_columns, row_document
from .decode import _guess, _utf16_guess, binary_reason
from .options import IngestOptions

_HEAD = 1 << 20


def _raise_field_limit(limit: int) -> None:
    if csv.field_size_limit() < limit:
        csv.field_size_limit(min(limit, sys.maxsize))


def _encoding(head: bytes, label: str) -> str:
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            return enc
    if b"\x00" in head:
        utf16 = _utf16_guess(head)
        if utf16 is None:
            raise InputError(Errors.E102, path=label, reason="NUL bytes")
        return utf16
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < _HEAD)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    reason = binary_reason(head)
    if reason is not None:
        raise InputError(Errors.E102, path=label, reason=reason)
    return _guess(head) or "utf-8"


def read_csv(path: Path, label: str, options: IngestOptions) -> Iterator[Document | InputError]:
    _raise_field_limit(options.max_bytes)
    with open(path, "rb") as fh:
        head = fh.read(_HEAD)
        if not head.strip():
            raise InputError(Errors.E101, path=label)
        fh.seek(0)
        text = io.TextIOWrapper(fh, encoding=_encoding(head, label), newline="", errors="strict")
        reader = csv.reader(text)
        rowno = 1
        try:
            header = next(reader, None)
            if header is None:
                raise InputError(Errors.E101, path=label)
            cols = find_columns(header, label, options.columns)
            for rowno, row in enumerate(_rows(reader), start=2):
                where = f"{label}#{rowno}"
                if row is None or sum(len(c) for c in row) > options.max_bytes:
                    yield InputError(Errors.E104, path=where, limit=options.max_bytes)
                    continue
                if not any(cell.strip() for cell in row):
                    continue
                try:
                    yield row_document(row, header, cols, where)
                except InputError as exc:
                    yield exc
        except UnicodeDecodeError as exc:
            yield InputError(Errors.E103, path=f"{label}#{rowno + 1}", reason=str(exc.reason))
        except csv.Error as exc:
            yield InputError(Errors.E108, path=f"{label}#{rowno + 1}", reason=f"CSV: {exc}")


def _rows(reader: Iterator[list[str]]) -> Iterator[list[str] | None]:
    """The reader's rows, with ``None`` for a row holding a field over the size limit: the csv
    module drops the rest of that row and the next row parses afresh, so the file goes on."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger than field limit" not in str(exc):
                raise
            yield None
            continue
        yield row
