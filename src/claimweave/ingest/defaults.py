"""The built-in ingest readers, registered as a default plugin."""

from __future__ import annotations

from typing import Any

from ..hookspecs import hookimpl
from .csvfile import read_csv
from .files import read_html, read_text
from .jsonl import read_jsonl
from .warc import read_warc


@hookimpl
def claimweave_readers() -> dict[str, Any]:
    return {
        ".txt": read_text, ".text": read_text, ".md": read_text,
        ".html": read_html, ".htm": read_html, ".xhtml": read_html,
        ".jsonl": read_jsonl, ".ndjson": read_jsonl,
        ".csv": read_csv,
        ".warc": read_warc, ".warc.gz": read_warc,
    }
