"""Reader comments of common platforms, one by one with the commenter's name, and clean bylines.

trafilatura gives a page's comment section as one run of text with no names. Where the page
carries a platform's comment markup, each comment is read from it instead:

- WordPress: every ``.comment-body`` (a reply too; replies sit beside their parent's body, not
  in it): the name from ``.fn`` (else ``.comment-author`` less "says:"), the text from
  ``.comment-content`` (else the body's paragraphs outside ``.comment-meta``, ``.comment-author``
  and ``.reply``);
- Disqus, as a saved page renders it: every ``.post-content``: the name from ``.author``, the
  text from ``.post-message``.

The comments' text is each name alone on its line, a blank line, the comment's paragraphs (one
per line), a blank line before the next name: the shape the segmenter reads as one comment per
speaker (:mod:`claimweave.segment.article`). A comment without a name is "Anonymous", as both
platforms show it. Only class names are looked at: nothing is fetched or run.

A byline of "View all posts by Sam Haddad" (WordPress's link title) or "Posted by ..." is the
name alone: :func:`clean_author`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import lxml.html

_MARKERS = ("comment-body", "post-message")
_SAYS = re.compile(r"\s*\b(?:says|said|dit)\s*:?\s*$", re.I)
_BYLINE = re.compile(
    r"^\s*(?:view\s+all\s+(?:posts|articles|stories)\s+by|(?:all\s+)?(?:posts|articles)\s+by|"
    r"(?:posted|written|published)\s+by|by|par|author\s*:|auteur\s*:)(?:\s+|$)", re.I)
NAMELESS = "Anonymous"
MAX_COMMENTS = 5000  # a hostile page's millions of empty comment boxes cost bounded time


def _cls(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _flat(el: Any) -> str:
    return " ".join(el.text_content().split())


def _first(el: Any, *classes: str) -> Any:
    for c in classes:
        found = el.xpath(f".//*[{_cls(c)}]")
        if found:
            return found[0]
    return None


def _paragraphs(el: Any, skip: tuple[str, ...] = ()) -> str:
    outside = "".join(f"[not(ancestor::*[{_cls(c)}])]" for c in skip)
    paras = [_flat(p) for p in el.xpath(f".//p{outside}")] or [_flat(el)]
    return "\n".join(p for p in paras if p)


def _name(el: Any) -> str:
    if el is None:
        return NAMELESS
    name = _SAYS.sub("", _flat(el)).strip()
    return name[:48] if name else NAMELESS


def _wordpress(root: Any) -> Iterator[tuple[str, str]]:
    for body in root.xpath(f"//*[{_cls('comment-body')}]")[:MAX_COMMENTS]:
        content = _first(body, "comment-content")
        text = (_paragraphs(content) if content is not None
                else _paragraphs(body, ("comment-meta", "comment-author", "reply", "comment-metadata")))
        yield _name(_first(body, "fn", "comment-author")), text


def _disqus(root: Any) -> Iterator[tuple[str, str]]:
    for post in root.xpath(f"//*[{_cls('post-content')}]")[:MAX_COMMENTS]:
        message = _first(post, "post-message")
        if message is not None:
            yield _name(_first(post, "author")), _paragraphs(message)


def comment_list(html: str) -> str | None:
    """The page's comments as "name, blank line, text" blocks, or None when no platform's comment
    markup holds any (then trafilatura's comment text stands)."""
    if not any(m in html for m in _MARKERS):
        return None
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    for platform in (_wordpress, _disqus):
        found = [(name, text) for name, text in platform(root) if text.strip()]
        if found:
            return "\n\n".join(f"{name}\n\n{text}" for name, text in found)
    return None


def clean_author(author: str | None) -> str | None:
    """A byline's names without "View all posts by", "Posted by", "By" (each of several authors
    joined by "; "); None when nothing is left."""
    if not author:
        return None
    names = []
    for part in author.split(";"):
        name = part
        while True:
            shorter = _BYLINE.sub("", name, count=1)
            if shorter == name:
                break
            name = shorter
        name = " ".join(name.split())
        if name and name not in names:
            names.append(name)
    return "; ".join(names) or None
