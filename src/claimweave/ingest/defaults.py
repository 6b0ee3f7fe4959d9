"""The built-in ingest readers, registered as a default plugin.

Readers of binary formats load their library (pypdf, python-docx, openpyxl, striprtf) on first
use, so a run over text files never imports them."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..hookspecs import hookimpl
from ..model import Document
from .csvfile import read_csv
from .files import read_html, read_text
from .jsonl import read_jsonl
from .options import IngestOptions
from .warc import read_warc


def _lazy(module: str, name: str) -> Any:
    def read(path: Path, label: str, options: IngestOptions) -> Iterable[Document | InputError]:
        reader = getattr(importlib.import_module(f"{__package__}.{module}"), name)
        return reader(path, label, options)

    read.__name__ = name
    return read


@hookimpl
def claimweave_readers() -> dict[str, Any]:
    xlsx = _lazy("xlsx", "read_xlsx")
    return {
        ".txt": read_text, ".text": read_text, ".md": read_text,
        ".html": read_html, ".htm": read_html, ".xhtml": read_html,
        ".jsonl": read_jsonl, ".ndjson": read_jsonl,
        ".csv": read_csv,
        ".warc": read_warc, ".warc.gz": read_warc,
        ".pdf": _lazy("pdf", "read_pdf"), ".docx": _lazy("word", "read_docx"),
        ".odt": _lazy("odt", "read_odt"), ".rtf": _lazy("rtf", "read_rtf"),
        ".xlsx": xlsx, ".xlsm": xlsx, ".ods": _lazy("ods", "read_ods"),
    }
