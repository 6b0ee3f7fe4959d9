"""Headline aggregators: stories of a headline, an optional image caption and a lede.

A headline is a line standing after a blank line (or first), with no sentence-final period,
followed by an image caption or by prose. A page is an aggregator when at least two headlines
carry a caption, or stand alone in title case above a multi-line block.
"""

from __future__ import annotations

import re

from .chrome import is_chrome
from .lines import Line, is_title_like, words
from .units import Draft

CAPTION = re.compile(
    r"(?i)(?:\((?:[^()]*\b(?:photo|image|picture|credit|file|ap|afp|reuters|getty|youtube|agency|epa|sana|anadolu)\b[^()]*)\)?\s*$"
    r"|\bphoto\s*:|\bimage\s*:|\bcredit\s*:|\bclick\s+to\s+(?:see|enlarge)|\bfull-size\s+image\b"
    r"|\bvia\s+(?:ap|afp|reuters)\)?\s*$|^\s*(?:photo|image|pictured|above|top)\b[^.]{0,80}$)"
)


def is_caption(line: str) -> bool:
    return len(line) <= 400 and bool(CAPTION.search(line))


def _headline_shape(t: str) -> bool:
    n = len(words(t))
    return (3 <= n <= 25 and len(t) <= 220 and not t.endswith((".", ",", ";", ":"))
            and not is_chrome(t) and not is_caption(t))


def _prose(t: str) -> bool:
    return len(words(t)) >= 10 or t.endswith((".", "”", '"', "…"))


def _headlines(lines: list[Line]) -> tuple[list[int], int]:
    """Indexes of headline lines, and how many of them are strong evidence of the genre."""
    out: list[int] = []
    strong = 0
    for i, ln in enumerate(lines[:-1]):
        if not (ln.blank_before or i == 0) or not _headline_shape(ln.text):
            continue
        nxt = lines[i + 1]
        if is_caption(nxt.text):
            out.append(i)
            strong += 1
        elif _prose(nxt.text):
            out.append(i)
            after = lines[i + 2] if i + 2 < len(lines) else None
            if is_title_like(ln.text) and nxt.blank_before and after is not None and not after.blank_before:
                strong += 1
    return out, strong


def is_aggregator(lines: list[Line]) -> bool:
    return _headlines(lines)[1] >= 2


def cut_aggregator(lines: list[Line]) -> list[Draft]:
    roots: list[Draft] = []
    heads, _ = _headlines(lines)
    for ln in lines[: heads[0] if heads else len(lines)]:
        roots.append(Draft("boilerplate" if is_chrome(ln.text) else "paragraph", ln.start, ln.end))
    for k, h in enumerate(heads):
        stop = heads[k + 1] if k + 1 < len(heads) else len(lines)
        body = lines[h + 1:stop]
        story = Draft("story", lines[h].start, (body[-1] if body else lines[h]).end)
        story.add("headline", lines[h].start, lines[h].end)
        if body and is_caption(body[0].text):
            story.add("caption", body[0].start, body[0].end)
            body = body[1:]
        for j, ln in enumerate(body):
            kind = "boilerplate" if is_chrome(ln.text) else "lede" if j == 0 else "paragraph"
            story.add(kind, ln.start, ln.end)
        roots.append(story)
    return roots
