"""Parquet input, registered as a default ingest plugin (suffix ``.parquet``).

The columns are those of JSON Lines (``id``, ``text`` or ``html``, optional ``title``, ``url``,
``outlet``, ``author``, ``published``; others go to ``Document.meta``); ``Document.path`` is
``"<path>#<row>"`` (1-based). Row groups are read in batches, so memory stays bounded. Needs
pyarrow (the ``scale`` extra); without it a Parquet file is reported (E108) and the run goes on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import Errors, InputError
from ..hookspecs import hookimpl
from ..ingest.options import IngestOptions
from ..model import Document

BATCH_ROWS = 1024


def read_parquet(path: Path, label: str, options: IngestOptions) -> Iterator[Document | InputError]:
    from ..ingest.jsonl import _document

    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield InputError(Errors.E108, path=label, reason="reading Parquet needs pyarrow "
                         "(pip install 'claimweave[scale]')")
        return
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:
        yield InputError(Errors.E108, path=label, reason=f"{type(exc).__name__}: {exc}")
        return
    row = 0
    for batch in pf.iter_batches(batch_size=BATCH_ROWS):
        for obj in batch.to_pylist():
            row += 1
            clean: dict[str, Any] = {k: v for k, v in obj.items() if v is not None}
            text = clean.get("text")
            if isinstance(text, str) and len(text.encode("utf-8", "surrogatepass")) > options.max_bytes:
                yield InputError(Errors.E104, path=f"{label}#{row}", limit=options.max_bytes)
                continue
            try:
                yield _document(clean, label, row, options)
            except InputError as exc:
                yield exc
    if row == 0:
        yield InputError(Errors.E101, path=label)


@hookimpl
def claimweave_readers() -> dict[str, Any]:
    return {".parquet": read_parquet}
