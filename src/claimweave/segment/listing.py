"""'Read more' listings: teaser items glued together by a crawler.

Each item reads "<author> <outlet> <headline> <truncated lede>" and ends with "Read more".
The author-and-outlet prefix is found as the word prefix shared by several items; the
outlet inside it is recognised from the actor knowledge base, else by outlet-like words.
"""

from __future__ import annotations

import re
from collections import Counter

from .lines import SMALL_WORDS, split_lines
from .units import Draft

READ_MORE = re.compile(r"(?:Read more|Read More|READ MORE|Lire la suite|Lire plus)(?:\s*[»›>…]+)?")
_TOKEN = re.compile(r"\S+")
OUTLET_WORDS = re.compile(
    r"(?i)\b(?:media|news|center|centre|agency|press|times|post|herald|tribune|daily|network|"
    r"review|monitor|journal|gazette|report|insider|today|tv|radio|observer|telegraph|info)\b"
)
LEDE_OPENERS = frozenset(
    "On In At After Before Within Since Recently Yesterday Today Earlier Last Meanwhile "
    "According Following During Over Despite While When Le La Les Un Une Selon Depuis "
    "Hier Mardi Lundi Mercredi Jeudi Vendredi Samedi Dimanche".split()
)


def is_listing(text: str) -> bool:
    return len(READ_MORE.findall(text)) >= 3


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start() + start, m.end() + start, m.group()) for m in _TOKEN.finditer(text[start:end])]


def _shared_prefix(items: list[list[tuple[int, int, str]]]) -> tuple[str, ...]:
    """The longest word prefix (2..8 words) that starts at least two items."""
    best: tuple[str, ...] = ()
    for n in range(2, 9):
        counts = Counter(tuple(t[2] for t in it[:n]) for it in items if len(it) > n + 3)
        if not counts:
            break
        prefix, c = counts.most_common(1)[0]
        if c < 2:
            break
        best = prefix
    return best


def split_byline(text: str, outlet_spans: list[tuple[int, int]]) -> tuple[str | None, str | None]:
    """Split "Jane Roe Some Media Center" into author and outlet."""
    for s, e in outlet_spans:
        if e == len(text) and s > 0:
            return text[:s].strip() or None, text[s:].strip()
    ws = text.split()
    for k in (2, 3, 1):
        rest = " ".join(ws[k:])
        if k < len(ws) and OUTLET_WORDS.search(rest):
            return " ".join(ws[:k]), rest
    return text, None


def _lede_start(toks: list[tuple[int, int, str]]) -> int | None:
    for k in range(2, len(toks)):
        prev, word = toks[k - 1][2], toks[k][2]
        bare = word.strip("“\"'(")
        if prev.endswith(("?", "!")) and bare[:1].isupper():
            return k
        if bare in LEDE_OPENERS:
            return k
        if bare[:1].isupper() and k + 1 < len(toks):
            nxt = toks[k + 1][2]
            if word.endswith(",") and nxt[:1].islower():
                return k
            if nxt[:1].islower() and nxt.strip(",.").lower() not in SMALL_WORDS and nxt[:1].isalpha():
                return k
    return None


def cut_listing(text: str, outlet_finder=None) -> tuple[list[Draft], str | None, str | None]:
    """Return drafts plus the (author, outlet) most items carry."""
    roots: list[Draft] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in READ_MORE.finditer(text):
        spans.append((pos, m.start()))
        roots.append(Draft("boilerplate", m.start(), m.end()))
        pos = m.end()
    spans.append((pos, len(text)))
    # The page title: a first line standing alone before the first item.
    first_lines = split_lines(text, spans[0][0], spans[0][1])
    if len(first_lines) > 1 and first_lines[1].blank_before:
        title = first_lines[0]
        roots.append(Draft("title", title.start, title.end))
        spans[0] = (title.end, spans[0][1])
    items = [_tokens(text, s, e) for s, e in spans]
    prefix = _shared_prefix(items)
    author = outlet = None
    if prefix:
        ptext = " ".join(prefix)
        found = outlet_finder(ptext) if outlet_finder else []
        author, outlet = split_byline(ptext, found)
    for toks in items:
        if not toks:
            continue
        story = Draft("story", toks[0][0], toks[-1][1], speaker=author)
        k0 = 0
        if prefix and tuple(t[2] for t in toks[: len(prefix)]) == prefix:
            story.add("byline", toks[0][0], toks[len(prefix) - 1][1])
            k0 = len(prefix)
        body = toks[k0:]
        if not body:
            roots.append(story)
            continue
        k = _lede_start(body)
        if k is None:
            story.add("lede", body[0][0], body[-1][1])
        else:
            story.add("headline", body[0][0], body[k - 1][1])
            story.add("lede", body[k][0], body[-1][1])
        roots.append(story)
    return roots, author, outlet
