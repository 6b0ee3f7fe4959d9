"""Word ``.docx`` through python-docx: the body's paragraphs and tables in document order.

A paragraph is one block (its line breaks kept as ``\\n``); a table row is one block, its cells
separated by tabs (a merged cell once). Headers, footers and comments are not read. Title and
author come from the core properties (not their dates: a file's creation date is not a
publication date). Not a zip, or a zip without a Word document in it, is E108; a
password-protected file (an OLE container) is E112. A legacy ``.doc`` is not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.table import Table

from ..errors import Errors, InputError
from ..model import Document
from .document import make_document
from .extracted import join_paragraphs, open_zip
from .options import IngestOptions


def _blocks(doc: Any) -> Iterator[str]:
    for block in doc.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                cells = []
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        cells.append(" ".join(cell.text.split()))
                yield "\t".join(cells)
        else:
            yield block.text


def read_docx(path: Path, label: str, options: IngestOptions) -> Iterator[Document]:
    open_zip(path, label, "Word .docx", options.max_bytes).close()
    try:
        doc = docx.Document(str(path))
        text = join_paragraphs(_blocks(doc))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise InputError(Errors.E108, path=label,
                         reason=f"not a readable Word document ({type(exc).__name__}: {exc})"
                         ) from None
    if not text:
        raise InputError(Errors.E109, path=label)
    props = doc.core_properties
    yield make_document(text, path=label, title=props.title, author=props.author)
