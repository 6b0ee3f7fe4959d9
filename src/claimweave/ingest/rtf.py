"""RTF through striprtf: the text, never the markup.

RTF is 7-bit: its bytes are read as Latin-1 and striprtf decodes ``\\'xx`` escapes in the code
page the file declares (``\\ansicpgN``, or a font's charset; else Windows-1252) and ``\\uN``
escapes as Unicode. A file that does not start with ``{\\rtf`` is E108; one with no text, E109.
Pictures and embedded objects are dropped.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

from striprtf.striprtf import rtf_to_text

from ..errors import Errors, InputError
from ..model import Document
from .document import make_document
from .extracted import clean
from .files import read_limited
from .options import IngestOptions

_CODEPAGE = re.compile(rb"\\ansicpg(\d{3,5})")


def _codepage(data: bytes) -> str:
    m = _CODEPAGE.search(data[:4096])
    if m:
        name = f"cp{int(m.group(1))}"
        try:
            codecs.lookup(name)
            return name
        except LookupError:
            pass
    return "cp1252"


def read_rtf(path: Path, label: str, options: IngestOptions) -> Iterator[Document]:
    data = read_limited(path, label, options.max_bytes)
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        raise InputError(Errors.E108, path=label, reason="not RTF (no {\\rtf header)")
    try:
        text = rtf_to_text(data.decode("latin-1"), encoding=_codepage(data), errors="replace")
    except Exception as exc:  # striprtf on malformed markup
        raise InputError(Errors.E108, path=label, reason=f"RTF: {type(exc).__name__}: {exc}"
                         ) from None
    text = clean(text).strip("\n")
    if not text.strip():
        raise InputError(Errors.E109, path=label)
    yield make_document(text, path=label)
