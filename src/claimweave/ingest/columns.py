"""Rows of a table (a CSV file, a spreadsheet's sheet) as documents: which column holds what.

Without a mapping the columns are found by name (header names compared case-insensitively):
FA-KES (header has ``article_content``): ``unit_id`` -> id, ``article_title`` -> title,
``article_content`` -> text, ``source`` -> outlet; its ``date`` is the event date, not the
publication date, so it is not used as ``published``. Otherwise ``id``, ``title``,
``text``|``content``|``body``, ``outlet``|``source``, ``author``, ``published``|``date``, ``url``.

With a mapping (:class:`~.options.Columns`: ``--text-col``, ``--id-col``, ``--date-col``,
``--title-col``) each named column holds its field (``date`` is the publication date); a name
missing from the header is E113 and no row is read; the fields not named are still found by name
among the other columns. Every column that holds no field goes to ``Document.meta``. No text
column -> E107 and no row is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ..errors import Errors, InputError
from ..model import Document
from .document import make_document
from .options import Columns, IngestOptions

FAKES = {"id": "unit_id", "title": "article_title", "text": "article_content", "outlet": "source"}
GENERIC: dict[str, tuple[str, ...]] = {
    "id": ("id",), "title": ("title",), "text": ("text", "content", "body"),
    "outlet": ("outlet", "source"), "author": ("author",), "published": ("published", "date"),
    "url": ("url",),
}
# Document field <- (Columns attribute, command-line option)
MAPPED = {"text": ("text", "--text-col"), "id": ("id", "--id-col"),
          "published": ("date", "--date-col"), "title": ("title", "--title-col")}


def _name(header: str) -> str:
    return header.strip().lstrip("\ufeff").lower()


def _by_name(index: dict[str, int]) -> dict[str, int]:
    if "article_content" in index:
        return {field: index[col] for field, col in FAKES.items() if col in index}
    found: dict[str, int] = {}
    for field, names in GENERIC.items():
        for name in names:
            if name in index:
                found[field] = index[name]
                break
    return found


def find_columns(header: Sequence[str], label: str, mapping: Columns) -> dict[str, int]:
    """Document field -> column index; E113 for a mapped name not in ``header``, E107 when no
    column holds the text."""
    names = [_name(h) for h in header]
    index = {n: i for i, n in reversed(list(enumerate(names))) if n}
    given: dict[str, int] = {}
    for field, (attr, option) in MAPPED.items():
        wanted = getattr(mapping, attr)
        if wanted is None:
            continue
        if _name(wanted) not in index:
            shown = ", ".join(repr(h.strip()) for h in header if h.strip()) or "none"
            raise InputError(Errors.E113, path=label, column=wanted, option=option, columns=shown)
        given[field] = index[_name(wanted)]
    cols = {f: i for f, i in _by_name(index).items() if i not in given.values()}
    cols.update(given)
    if "text" not in cols:
        looked = ", ".join(("article_content", *GENERIC["text"]))
        raise InputError(Errors.E107, path=label, columns=f"{looked}; or name it with --text-col")
    return cols


def row_document(row: Sequence[str], header: Sequence[str], cols: dict[str, int], where: str
                 ) -> Document:
    """The document of one row (cells as strings); E101 when its text cell is blank."""
    used = set(cols.values())
    values = {f: (row[i] if i < len(row) else "") for f, i in cols.items()}
    meta = tuple((header[i].strip().lstrip("\ufeff"), v) for i, v in enumerate(row)
                 if i not in used and i < len(header))
    text = values.pop("text")
    if not text.strip():
        raise InputError(Errors.E101, path=where)
    return make_document(text, path=where, meta=meta, **values)  # type: ignore[arg-type]


def sheet_documents(rows: Iterable[tuple[int, list[str]]], where: str, options: IngestOptions
                    ) -> Iterator[Document | InputError]:
    """The documents of a sheet's numbered rows (.xlsx, .ods): blank rows are skipped, the first
    other row is the header (E107/E113 when its columns cannot be mapped: the sheet stops), a
    row over the size limit is E104 and a row with a blank text cell E101; the run goes on."""
    header: list[str] | None = None
    cols: dict[str, int] = {}
    for rowno, row in rows:
        if not any(c.strip() for c in row):
            continue
        if header is None:
            header = row
            try:
                cols = find_columns(header, where, options.columns)
            except InputError as exc:
                yield exc
                return
            continue
        if sum(len(c) for c in row) > options.max_bytes:
            yield InputError(Errors.E104, path=f"{where}!{rowno}", limit=options.max_bytes)
            continue
        try:
            yield row_document(row, header, cols, f"{where}!{rowno}")
        except InputError as exc:
            yield exc
