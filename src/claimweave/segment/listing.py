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
    ["On", "In", "At", "After", "Before", "Within", "Since", "Recently", "Yesterday", "Today", "Earlier", "Last", "Meanwhile", "More", "According", "Following", "During", "Over", "Despite", "While", "When", "Le", "La", "Les", "Un", "Une", "Selon", "Depuis", "Hier", "Mardi", "Lundi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"]
)


def is_listing(text: str) -> bool:
    return len(READ_MORE.findall(text)) >= 3


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start() + start, m.end() + start, m.group()) for m in _TOKEN.finditer(text[start:end])]


def _shared_byline(items: list[list[tuple[int, int, str]]]) -> tuple[str, ...]:
    """The outlet name repeated near the start of several items (authors may differ).

    Candidates are 2-5 word runs starting at word 0-3 of an item; the most repeated wins,
    then one that reads like an outlet, then one after a two-word author name.
    """
    counts: dict[tuple[str, ...], set[int]] = {}
    where: dict[tuple[tuple[str, ...], int], int] = {}
    for k, it in enumerate(items):
        words_ = [t[2] for t in it[:10]]
        for p in range(0, 4):
            for n in range(2, 6):
                key = tuple(words_[p:p + n])
                if len(key) == n and len(it) > p + n + 3:
                    counts.setdefault(key, set()).add(k)
                    where[(key, p)] = where.get((key, p), 0) + 1
    best: tuple[float, tuple[str, ...]] | None = None
    for key, ks in counts.items():
        if len(ks) < 2 or not all(w[:1].isupper() for w in key):
            continue
        p = max((pp for pp in range(4) if (key, pp) in where), key=lambda pp: where[(key, pp)])
        score = len(ks) * 10 + (4 if OUTLET_WORDS.search(" ".join(key)) else 0) + (3 if p == 2 else 0) + len(key) * 0.5
        if best is None or score > best[0]:
            best = (score, key)
    return best[1] if best else ()


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


def cut_listing(text: str) -> tuple[list[Draft], str | None, str | None]:
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
    outlet_key = _shared_byline(items)
    outlet = " ".join(outlet_key) if outlet_key else None
    authors: Counter[str] = Counter()
    for toks in items:
        if not toks:
            continue
        words_ = [t[2] for t in toks]
        k0, author = 0, None
        for p in range(0, 4):
            if outlet_key and tuple(words_[p:p + len(outlet_key)]) == outlet_key:
                k0 = p + len(outlet_key)
                author = " ".join(words_[:p]) or None
                break
        story = Draft("story", toks[0][0], toks[-1][1], speaker=author)
        if k0:
            story.add("byline", toks[0][0], toks[k0 - 1][1])
            if author:
                authors[author] += 1
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
    top = authors.most_common(1)[0][0] if authors else None
    return roots, top, outlet
