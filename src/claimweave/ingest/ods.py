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

from ..errors import InputError
from ..model import Document
from .columns import sheet_documents
from .extracted import open_zip
from .odt import OFFICE, TABLE, TEXT, content, inline_text
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


def _rows(sheet: Any) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells); a repeated row is read once (the same text twice would be one
    document anyway) but counted as often as it repeats."""
    rowno = 0
    for row in sheet.iter(f"{{{TABLE}}}table-row"):
        rowno += 1
        yield rowno, _cells(row)
        rowno += int(row.get(f"{{{TABLE}}}number-rows-repeated", "1") or 1) - 1


def _sheet(sheet: Any, label: str, options: IngestOptions) -> Iterator[Document | InputError]:
    return sheet_documents(_rows(sheet), f"{label}#{sheet.get(f'{{{TABLE}}}name') or 'Sheet'}", options)


def read_ods(path: Path, label: str, options: IngestOptions) -> Iterator[Document | InputError]:
    with open_zip(path, label, "OpenDocument .ods", options.max_bytes) as archive:
        root = content(archive, label)
    for sheet in root.iter(f"{{{TABLE}}}table"):
        yield from _sheet(sheet, label, options)
