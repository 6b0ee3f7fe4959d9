"""Segment: decide a document's genre and cut it into typed units with exact offsets.

Genres: ``thread_dump``, ``listing``, ``aggregator``, ``article_comments``, ``article``.
Leaves tile the text: every non-whitespace character lies in exactly one leaf unit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Document, Unit
from .aggregator import cut_aggregator, is_aggregator
from .article import cut_article
from .lines import split_lines
from .listing import cut_listing, is_listing
from .threads import cut_threads, is_thread_dump
from .units import Draft, finalize, leaves_of

GENRES = ("thread_dump", "listing", "aggregator", "article_comments", "article")


@dataclass(frozen=True, slots=True)
class Segmentation:
    genre: str
    units: tuple[Unit, ...]
    language: str | None
    outlet: str | None = None  # outlet recognised in the text (a listing's byline)
    author: str | None = None


@dataclass(frozen=True, slots=True)
class SegmentHelpers:
    """Services the cutters may use; all optional so segmentation runs on its own."""

    detect_lang: Callable[[str], str | None] | None = None
    is_factual: Callable[[str], bool] | None = None  # names an actor, place or number
    find_outlets: Callable[[str], list[tuple[int, int]]] | None = None


def detect_genre(text: str) -> str:
    lines = split_lines(text)
    if is_thread_dump(lines):
        return "thread_dump"
    if is_listing(text):
        return "listing"
    if is_aggregator(lines):
        return "aggregator"
    return "article"


def segment(doc: Document, helpers: SegmentHelpers | None = None) -> Segmentation:
    h = helpers or SegmentHelpers()
    text = doc.text
    genre = detect_genre(text)
    outlet = author = None
    if genre == "thread_dump":
        roots = cut_threads(text, h.detect_lang)
    elif genre == "listing":
        roots, author, outlet = cut_listing(text)
    elif genre == "aggregator":
        roots = cut_aggregator(split_lines(text))
    else:
        roots = cut_article(split_lines(text), doc.comments_start, h.is_factual)
        if any(r.kind == "thread" for r in roots):
            genre = "article_comments"
        _set_speaker(roots, doc.author or doc.outlet)
    units = finalize(text, roots)
    units, language = _languages(text, units, h.detect_lang)
    return Segmentation(genre, units, language, outlet, author)


def _set_speaker(roots: list[Draft], speaker: str | None) -> None:
    if speaker is None:
        return
    for r in roots:
        if r.kind != "thread" and r.speaker is None:
            r.speaker = speaker


_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


def _languages(
    text: str, units: tuple[Unit, ...], detect: Callable[[str], str | None] | None
) -> tuple[tuple[Unit, ...], str | None]:
    if detect is None:
        return units, None
    from dataclasses import replace

    weight: Counter[str] = Counter()
    lang_of: dict[str, str | None] = {}
    for leaf in leaves_of(units):
        chunk = text[leaf.start:leaf.end]
        lang = detect(chunk) if leaf.kind != "boilerplate" or len(chunk) > 60 else None
        lang_of[leaf.id] = lang
        if lang:
            weight[lang] += len(_LETTERS.findall(chunk))
    # Containers take the language of most of their letters.
    child_w: dict[str, Counter[str]] = {}
    byid = {u.id: u for u in units}
    for uid, lang in lang_of.items():
        p = byid[uid].parent
        while p is not None and lang:
            child_w.setdefault(p, Counter())[lang] += byid[uid].end - byid[uid].start
            p = byid[p].parent
    for pid, c in child_w.items():
        lang_of[pid] = c.most_common(1)[0][0]
    out = tuple(replace(u, lang=lang_of.get(u.id)) for u in units)
    return out, (weight.most_common(1)[0][0] if weight else None)
