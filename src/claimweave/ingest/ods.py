"""OpenDocument spreadsheets (``.ods``) read straight from the zip's ``content.xml`` with lxml,
like a CSV file: one document per row of each sheet, the sheet's first non-empty row its header
(:mod:`.columns`). ``Document.path`` is ``"<path>#<sheet>!<row>"``.

A cell's text is its paragraphs (joined by a space); a date cell gives its ISO date. Repeated
cells (``number-columns-repeated``) count as many columns as they stand for, blank ones never
expanded; a repeated row (``number-rows-repeated``) is read once and counts as many row numbers:
a sheet that declares a million empty rows costs nothing. Encrypted (E112) and unreadable (E108)
files as for ``.odt``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import Errors, InputError
from ..model import Document
from .columns import find_columns, row_document
from .extracted import open_zip
from .odt import OFFICE, TABLE, TEXT, inline_text, xml_parser
from .options import IngestOptions

MAX_COLUMNS = 1024  # a row's cells beyond this are not read


def _cell(cell: Any) -> str:
    date = cell.get(f"{{{OFFICE}}}date-value")
    if date:
        return date[:10] if date[10:] in ("", "T00:00:00") else date
    return " ".join(" ".join(inline_text(p).split()) for p in cell.iter(f"{{{TEXT}}}p"))


def _cells(row: Any) -> list[str]:
    out: list[str] = []
    for cell in row:
        if cell.tag not in (f"{{{TABLE}}}table-cell", f"{{{TABLE}}}covered-table-cell"):
            continue
        value = _cell(cell)
        repeat = int(cell.get(f"{{{TABLE}}}number-columns-repeated", "1") or 1)
        out += [value] * (min(repeat, MAX_COLUMNS - len(out)) if value else min(repeat, 1))
        if len(out) >= MAX_COLUMNS:
            break
    while out and not out[-1]:
        out.pop()
    return out


def _sheet(sheet: Any, label: str, options: IngestOptions) -> Iterator[Document | InputError]:
    where = f"{label}#{sheet.get(f'{{{TABLE}}}name') or 'Sheet'}"
    header: list[str] | None = None
    cols: dict[str, int] = {}
    rowno = 0
    for row in sheet.iter(f"{{{TABLE}}}table-row"):
        rowno += 1
        cells = _cells(row)
        if header is None and any(c.strip() for c in cells):
            header = cells
            try:
                cols = find_columns(header, where, options.columns)
            except InputError as exc:
                yield exc
                return
        elif header is not None and any(c.strip() for c in cells):
            if sum(len(c) for c in cells) > options.max_bytes:
                yield InputError(Errors.E104, path=f"{where}!{rowno}", limit=options.max_bytes)
            else:
                try:
                    yield row_document(cells, header, cols, f"{where}!{rowno}")
                except InputError as exc:
                    yield exc
        # a repeated row is read once (the same text twice would be one document anyway)
        rowno += int(row.get(f"{{{TABLE}}}number-rows-repeated", "1") or 1) - 1


def read_ods(path: Path, label: str, options: IngestOptions) -> Iterator[Document | InputError]:
    with open_zip(path, label, "OpenDocument .ods", options.max_bytes) as archive:
        if "META-INF/manifest.xml" in archive.namelist() and b"encryption-data" in archive.read(
                "META-INF/manifest.xml"):
            raise InputError(Errors.E112, path=label, kind="OpenDocument file",
                             reason="its parts are encrypted with a password")
        try:
            root = etree.fromstring(archive.read("content.xml"), xml_parser())
        except KeyError:
            raise InputError(Errors.E108, path=label,
                             reason="not an OpenDocument file (no content.xml)") from None
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise InputError(Errors.E108, path=label, reason=f"content.xml: {exc}") from None
    for sheet in root.iter(f"{{{TABLE}}}table"):
        yield from _sheet(sheet, label, options)
