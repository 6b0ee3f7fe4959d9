"""Options of the ingest stage."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Columns:
    """Which columns of a table (CSV, spreadsheet) hold a document's fields, by header name
    (compared case-insensitively). A field left None is found by name as before
    (:mod:`.columns`); ``date`` is the publication date."""

    text: str | None = None
    id: str | None = None
    date: str | None = None
    title: str | None = None

    def __bool__(self) -> bool:
        return any((self.text, self.id, self.date, self.title))


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How inputs are read.

    ``max_bytes`` bounds one document: a text/HTML file (checked with ``stat`` before reading),
    one JSON Lines line, one CSV field, one WARC record payload (bytes read are capped, so a
    compressed or chunked record cannot balloon in memory).
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    follow_symlinks: bool = False
    # Keep an HTML page's reader comments (appended after the main text, see comments_start).
    html_comments: bool = True
    # Recurse into directories; hidden files and directories (".name") are always skipped there.
    recursive: bool = True
    # Real paths never read (nor entered) inside directories: the run's own output, see
    # ``walk.output_paths``.
    skip: frozenset[str] = frozenset()
    # Column mapping of CSV files and spreadsheets (--text-col, --id-col, --date-col, --title-col).
    columns: Columns = Columns()
