"""Headline aggregators: stories of a headline, an optional image caption and a lede."""

from __future__ import annotations

import re

from .chrome import is_chrome
from .lines import Block, is_title_like
from .units import Draft

CAPTION = re.compile(
    r"(?i)(?:\((?:[^()]*\b(?:photo|image|picture|credit|file|ap|afp|reuters|getty|youtube|agency|epa|sana|anadolu)\b[^()]*)\)?\s*$"
    r"|\bphoto\s*:|\bimage\s*:|\bcredit\s*:|\bclick\s+to\s+(?:see|enlarge)|\bfull-size\s+image\b"
    r"|\bvia\s+(?:ap|afp|reuters)\)?\s*$|^\s*(?:photo|image|pictured|above|top)\b[^.]{0,80}$)"
)


def is_caption(line: str) -> bool:
    return len(line) <= 400 and bool(CAPTION.search(line))


def _story_starts(blocks: list[Block]) -> list[int]:
    return [
        i for i, b in enumerate(blocks[:-1])
        if len(b.lines) == 1 and is_title_like(b.lines[0].text)
        and not is_chrome(b.lines[0].text)
        and (len(blocks[i + 1].lines) >= 2 or is_caption(blocks[i + 1].lines[0].text))
    ]


def is_aggregator(blocks: list[Block]) -> bool:
    return len(_story_starts(blocks)) >= 2


def _loose_headline(b: Block) -> bool:
    t = b.lines[0].text
    n = len(t.split())
    return (len(b.lines) == 1 and 3 <= n <= 25 and not t.endswith((".", ",", ";", ":"))
            and not is_chrome(t) and not is_caption(t))


def cut_aggregator(blocks: list[Block]) -> list[Draft]:
    """Cut stories; once the page is known to be an aggregator, sentence-case headlines count too."""
    roots: list[Draft] = []
    starts = set(_story_starts(blocks)) | {
        i for i, b in enumerate(blocks[:-1]) if _loose_headline(b) and not _loose_headline(blocks[i + 1])
    }
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if i in starts:
            j = i + 1
            while j < len(blocks) and j not in starts:
                j += 1
            story = Draft("story", b.start, blocks[j - 1].end)
            story.add("headline", b.start, b.end)
            body = [ln for blk in blocks[i + 1:j] for ln in blk.lines]
            if body and is_caption(body[0].text):
                story.add("caption", body[0].start, body[0].end)
                body = body[1:]
            for k, ln in enumerate(body):
                kind = "boilerplate" if is_chrome(ln.text) else "lede" if k == 0 else "paragraph"
                story.add(kind, ln.start, ln.end)
            roots.append(story)
            i = j
            continue
        for ln in b.lines:
            roots.append(Draft("boilerplate" if is_chrome(ln.text) else "paragraph", ln.start, ln.end))
        i += 1
    return roots
