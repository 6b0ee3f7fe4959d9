"""HTML pages through trafilatura: main text and the reader-comment section, separately.

``Document.text`` is the main text; when comments are kept and found it is followed by
``"\\n\\n"`` and the comments text, and ``Document.comments_start`` is the offset where the comments
begin. trafilatura finds a comment section by its container, e.g. ``<div id="comments">``,
``<section class="comments">``, ``<ul class="comment-list">``, ``<div id="disqus_thread">``
(id/class starting with "comment", or "comment-list", "post-comments", "article-comments").
A comment section marked up in any other way stays out of both parts or ends up in the main text.
WordPress and Disqus comment lists are read comment by comment with their commenters' names
instead (:mod:`.comments`), and bylines lose "View all posts by" and the like.

trafilatura is only handed a string: nothing the page references is fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura

from ..errors import Errors, InputError
from .comments import clean_author, comment_list

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


@dataclass(frozen=True, slots=True)
class HtmlText:
    text: str
    comments_start: int | None
    title: str | None
    author: str | None
    published: str | None
    sitename: str | None
    url: str | None


def declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def extract_html(html: str, path: str, *, comments: bool = True) -> HtmlText:
    """Extract the main text, comments and metadata; E201 if trafilatura fails, E109 if no text."""
    try:
        doc = trafilatura.bare_extraction(
            html, include_comments=comments, with_metadata=True, include_tables=True,
            include_images=False, include_links=False, deduplicate=False,
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on hostile markup
        raise InputError(Errors.E201, path=path, reason=f"{type(exc).__name__}: {exc}") from None
    main = getattr(doc, "text", None) or ""
    if not main.strip():
        raise InputError(Errors.E109, path=path)
    text, start = main, None
    comment_text = (comment_list(html) or getattr(doc, "comments", None)) if comments else None
    if comment_text and comment_text.strip():
        text = main + "\n\n"
        start = len(text)
        text += comment_text
    return HtmlText(
        text=text,
        comments_start=start,
        title=getattr(doc, "title", None),
        author=clean_author(getattr(doc, "author", None)),
        published=getattr(doc, "date", None),
        sitename=getattr(doc, "sitename", None),
        url=getattr(doc, "url", None),
    )
