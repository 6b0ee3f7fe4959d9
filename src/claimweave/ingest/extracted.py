"""Helpers for text taken out of a binary format (PDF, Word, OpenDocument, RTF, spreadsheets).

The document's stored text is what these return, so every offset a claim carries points into it.
Paragraphs are joined by a blank line; line ends become ``\\n``; control characters other than
tab and newline are dropped. Zip-based formats are checked before they are opened: not a zip, an
encrypted Office file (an OLE compound file, not a zip) or a member larger than ``max_bytes``
once uncompressed is a clear error, never an exhausted memory.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import Errors, InputError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def clean(text: str) -> str:
    """``\\r\\n`` and ``\\r`` as ``\\n``, a form feed as a blank line, other controls dropped,
    trailing spaces of lines removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = _CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """Non-blank paragraphs, cleaned, separated by one blank line."""
    kept = (clean(p).strip("\n") for p in paragraphs)
    return "\n\n".join(p for p in kept if p.strip())


def open_zip(path: Path, label: str, kind: str, max_bytes: int) -> zipfile.ZipFile:
    """``path`` opened as a zip whose members each fit in ``max_bytes`` uncompressed; E112 for an
    encrypted Office file, E104 for a member too large, E108 for anything that is not a zip."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
        if head == _OLE:
            raise InputError(Errors.E112, path=label, kind=kind,
                             reason="an OLE compound file: a password-protected Office file, "
                                    "or an old binary format under a new name")
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise InputError(Errors.E108, path=label, reason=f"not a {kind} file (not a zip: {exc})"
                         ) from None
    except OSError as exc:
        raise InputError(Errors.E108, path=label, reason=exc.strerror or str(exc)) from None
    for info in archive.infolist():
        if info.file_size > max_bytes:
            archive.close()
            raise InputError(Errors.E104, path=f"{label}#{info.filename}", limit=max_bytes)
        if info.flag_bits & 0x1:
            archive.close()
            raise InputError(Errors.E112, path=label, kind=kind, reason="zip encryption")
    return archive
