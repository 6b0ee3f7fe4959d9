"""Sentence spans inside a unit, aware of the abbreviations of news prose."""

from __future__ import annotations

import re

_ABBREV = frozenset(
    ["u.s", "u.n", "u.k", "e.u", "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "maj", "capt", "cpt", "st", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "e.g", "i.e", "al", "gov", "govt", "dept", "approx", "est", "fig", "jr", "sr", "prof", "rev", "adm", "cmdr", "brig", "m", "mme", "mlle", "av", "ave", "inc", "ltd", "co", "corp"]
)
_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9À-ÖØ-Þ#@\u0600-\u06FF])|[\n]{2,}|\n(?=\s*[-•*\d])")


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into trimmed sentence spans with absolute offsets."""
    out: list[tuple[int, int]] = []
    pos = start
    chunk = text[start:end]
    for m in _END.finditer(chunk):
        cut = start + m.end()
        if m.group().startswith("."):
            before = re.search(r"([\w.]+)\.$", text[pos:start + m.start() + 1])
            word = before.group(1).lower() if before else ""
            if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                continue
        _push(text, pos, cut, out)
        pos = cut
    _push(text, pos, end, out)
    return out


# No real sentence is this long; a longer run (a flattened page, a hostile single line) is cut at
# spaces so the work per sentence stays bounded.
MAX_SENTENCE = 1500


def _push(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    while e - s > MAX_SENTENCE:
        cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
        cut = cut if cut > s else s + MAX_SENTENCE
        out.append((s, cut))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        out.append((s, e))
