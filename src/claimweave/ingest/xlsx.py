"""Spreadsheets (``.xlsx``, ``.xlsm``) through openpyxl, read-only and streamed: like a CSV file,
one document per row of each sheet, the sheet's first non-empty row its header
(:mod:`.columns`: FA-KES, generic names, or the ``--text-col``/... mapping).

``Document.path`` is ``"<path>#<sheet>!<row>"`` with the spreadsheet's row number. Cells are
the values last saved (formulas are not computed); a date cell becomes an ISO date, a whole
number loses its ``.0``. A sheet without a text column is E107 and the other sheets go on; a row
whose cells total more than ``max_bytes`` characters is E104. Not a zip, or not a workbook, is
E108; a password-protected workbook (an OLE container) is E112.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl

from ..errors import Errors, InputError
from ..model import Document
from .columns import sheet_documents
from .extracted import open_zip
from .options import IngestOptions


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _sheet(ws: Any, label: str, options: IngestOptions) -> Iterator[Document | InputError]:
    numbered = enumerate(ws.iter_rows(values_only=True), start=1)
    rows = ((n, [cell_text(v) for v in values]) for n, values in numbered)
    return sheet_documents(rows, f"{label}#{ws.title}", options)


def read_xlsx(path: Path, label: str, options: IngestOptions) -> Iterator[Document | InputError]:
    open_zip(path, label, "spreadsheet .xlsx", options.max_bytes).close()
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        raise InputError(Errors.E108, path=label,
                         reason=f"not a readable workbook ({type(exc).__name__}: {exc})") from None
    try:
        for ws in book.worksheets:
            try:
                yield from _sheet(ws, label, options)
            except InputError:
                raise
            except Exception as exc:
                yield InputError(Errors.E108, path=f"{label}#{ws.title}",
                                 reason=f"{type(exc).__name__}: {exc}")
    finally:
        book.close()
