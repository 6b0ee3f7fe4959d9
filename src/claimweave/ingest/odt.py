"""OpenDocument text (``.odt``) read straight from its zip: ``content.xml`` and ``meta.xml``
with lxml (no entities resolved, nothing fetched, no huge trees).

Headings and paragraphs (in lists and sections too) are blocks; a table row is a block with its
cells separated by tabs. Inside a paragraph runs of whitespace count as one space, as ODF says;
``text:s`` gives its spaces, ``text:tab`` a tab, ``text:line-break`` a newline. Notes,
annotations and tracked deletions stay out. Title and author from ``meta.xml``. An encrypted
document (its manifest has encryption data) is E112; not a zip or no readable ``content.xml``
is E108.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ..errors import Errors, InputError
from ..model import Document
from .document import make_document
from .extracted import join_paragraphs, open_zip
from .options import IngestOptions

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DC = "http://purl.org/dc/elements/1.1/"
META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
_SKIP = {f"{{{TEXT}}}note", f"{{{OFFICE}}}annotation", f"{{{OFFICE}}}annotation-end",
         f"{{{TEXT}}}tracked-changes", f"{{{TEXT}}}sequence-decls", f"{{{OFFICE}}}forms"}
_BLOCKS = {f"{{{TEXT}}}p", f"{{{TEXT}}}h"}
_WS = re.compile(r"[ \t\r\n]+")


def xml_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def inline_text(el: etree._Element) -> str:
    parts = [_WS.sub(" ", el.text or "")]
    for child in el:
        tag = child.tag
        if tag == f"{{{TEXT}}}s":
            parts.append(" " * max(1, min(int(child.get(f"{{{TEXT}}}c", "1") or 1), 1000)))
        elif tag == f"{{{TEXT}}}tab":
            parts.append("\t")
        elif tag == f"{{{TEXT}}}line-break":
            parts.append("\n")
        elif tag not in _SKIP and isinstance(tag, str):
            parts.append(inline_text(child))
        parts.append(_WS.sub(" ", child.tail or ""))
    return "".join(parts)


def _cell(cell: etree._Element) -> str:
    return " ".join(" ".join(inline_text(p).split()) for p in cell.iter(*_BLOCKS))


def _blocks(el: etree._Element) -> Iterator[str]:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag in _BLOCKS:
            yield inline_text(child).strip(" ")
        elif tag == f"{{{TABLE}}}table-row":
            yield "\t".join(_cell(c) for c in child if c.tag == f"{{{TABLE}}}table-cell")
        else:
            yield from _blocks(child)


def _meta(archive: zipfile.ZipFile) -> tuple[str | None, str | None]:
    try:
        root = etree.fromstring(archive.read("meta.xml"), xml_parser())
    except (KeyError, etree.XMLSyntaxError):
        return None, None
    title = root.findtext(f".//{{{DC}}}title")
    author = root.findtext(f".//{{{DC}}}creator") or root.findtext(f".//{{{META}}}initial-creator")
    return title, author


def content(archive: zipfile.ZipFile, label: str) -> etree._Element:
    """The parsed content.xml of an OpenDocument zip (.odt, .ods): E112 when its parts are
    encrypted, E108 when it has none or it does not parse."""
    if "META-INF/manifest.xml" in archive.namelist() and b"encryption-data" in archive.read(
            "META-INF/manifest.xml"):
        raise InputError(Errors.E112, path=label, kind="OpenDocument file",
                         reason="its parts are encrypted with a password")
    try:
        return etree.fromstring(archive.read("content.xml"), xml_parser())
    except KeyError:
        raise InputError(Errors.E108, path=label,
                         reason="not an OpenDocument file (no content.xml)") from None
    except (etree.XMLSyntaxError, zipfile.BadZipFile, ValueError) as exc:
        raise InputError(Errors.E108, path=label, reason=f"content.xml: {exc}") from None


def read_odt(path: Path, label: str, options: IngestOptions) -> Iterator[Document]:
    with open_zip(path, label, "OpenDocument .odt", options.max_bytes) as archive:
        root = content(archive, label)
        body = root.find(f"{{{OFFICE}}}body")
        text = join_paragraphs(_blocks(body if body is not None else root))
        title, author = _meta(archive)
    if not text:
        raise InputError(Errors.E109, path=label)
    yield make_document(text, path=label, title=title, author=author)
