"""ingest stage: files -> :class:`~claimweave.model.Document` values (or :class:`InputError`).

    from claimweave.ingest import iter_documents, IngestOptions
    for item in iter_documents(["corpus/"], IngestOptions(max_bytes=10_000_000)):
        ...  # a Document, or an InputError to report; the run goes on

Dispatch by suffix (case-insensitive): .txt/.text/.md plain text; .html/.htm/.xhtml HTML via
trafilatura (:mod:`.html`); .jsonl/.ndjson (:mod:`.jsonl`); .csv (:mod:`.csvfile`);
.warc/.warc.gz (:mod:`.warc`); .pdf (:mod:`.pdf`); .docx (:mod:`.word`); .odt (:mod:`.odt`);
.rtf (:mod:`.rtf`); .xlsx/.xlsm (:mod:`.xlsx`); .ods (:mod:`.ods`); anything else is sniffed: text is read as plain
text, binary is E110, which lists the suffixes read. ``Document.path`` is the path as given
(under a directory: joined with the relative name); for many-document files it gets a ``#``
suffix: JSONL ``#<line>``, CSV ``#<row>`` (header = row 1), spreadsheets ``#<sheet>!<row>``,
WARC ``#<record byte offset>``. ``Document.sha256`` is the sha256 of the UTF-8
of ``Document.text``; ``Document.id`` is the id given by a JSONL/CSV row, else ``sha256[:16]``.
Plain text is kept exactly as decoded (see :mod:`.decode`); nothing is ever fetched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from ..errors import Errors, InputError
from ..model import Document
from .files import read_unknown
from .options import Columns, IngestOptions
from .walk import iter_files

__all__ = ["Columns", "IngestOptions", "iter_documents", "reader_for", "supported"]

Reader = Callable[[Path, str, IngestOptions], Iterable[Document | InputError]]

def _readers() -> dict[str, Reader]:
    """Readers by suffix from every registered plugin; plugins registered later win."""
    from ..plugins import manager

    table: dict[str, Reader] = {}
    for found in reversed(manager().hook.claimweave_readers()):
        table.update(found)
    return table


def supported() -> str:
    """The suffixes some reader takes, for messages: ".csv, .docx, ..."."""
    return ", ".join(sorted(_readers()))


def reader_for(path: Path) -> Reader:
    name = path.name.lower()
    table = _readers()
    for suffix in sorted(table, key=len, reverse=True):  # ".warc.gz" before ".gz"
        if name.endswith(suffix):
            return table[suffix]
    return read_unknown


def iter_documents(
    paths: Sequence[str | Path], options: IngestOptions | None = None
) -> Iterator[Document | InputError]:
    """Yield each document of ``paths`` in order, or an :class:`InputError`; never raises for input."""
    opts = options or IngestOptions()
    if not paths:
        yield InputError(Errors.E001)
        return
    for item in iter_files(paths, opts):
        if isinstance(item, InputError):
            yield item
            continue
        path, label = item
        try:
            yield from reader_for(path)(path, label, opts)
        except InputError as exc:
            yield exc
        except Exception as exc:  # a hostile file must not end the run; say what it was
            yield InputError(Errors.E108, path=label, reason=f"{type(exc).__name__}: {exc}")
