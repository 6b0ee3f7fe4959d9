"""Building :class:`~claimweave.model.Document` values with their sha256 and fallback id."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import date, datetime

from ..model import Document


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_FORMATS = ("%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y%m%d")


def iso_date(value: object) -> str | None:
    """An ISO day (YYYY-MM-DD) for an unambiguous date string, else None (never a guess)."""
    if value is None:
        return None
    s = str(value).strip()
    if not s:
        return None
    m = _ISO_DAY.match(s)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    for fmt in _FORMATS:
        try:
            return datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _clean(value: object) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def make_document(
    text: str,
    *,
    path: str | None,
    id: object = None,
    title: object = None,
    outlet: object = None,
    author: object = None,
    published: object = None,
    url: object = None,
    comments_start: int | None = None,
    meta: Iterable[tuple[str, str]] = (),
) -> Document:
    digest = sha256_text(text)
    given = _clean(id)
    return Document(
        id=given if given is not None else digest[:16],
        text=text,
        sha256=digest,
        path=path,
        title=_clean(title),
        outlet=_clean(outlet),
        author=_clean(author),
        published=iso_date(published),
        url=_clean(url),
        comments_start=comments_start,
        meta=tuple(meta),
    )
