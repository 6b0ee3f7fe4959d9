"""Lines and blocks: the raw material every genre cutter works from.

A :class:`Line` is one physical line trimmed of surrounding whitespace; a :class:`Block`
is a run of non-blank lines between blank lines. Offsets index the document text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"[^\n]*\n?")


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str
    blank_before: bool  # a blank line (or the start of text) precedes this line


@dataclass(frozen=True, slots=True)
class Block:
    lines: tuple[Line, ...]

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Non-blank lines of ``text[start:end]``, trimmed, with absolute offsets."""
    end = len(text) if end is None else end
    out: list[Line] = []
    blank = True
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        raw = text[pos:stop]
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            s = pos + lead
            e = s + len(stripped)
            out.append(Line(s, e, stripped, blank))
            blank = False
        else:
            blank = True
        pos = stop + 1
    return out


def blocks(lines: list[Line]) -> list[Block]:
    out: list[list[Line]] = []
    for ln in lines:
        if ln.blank_before or not out:
            out.append([ln])
        else:
            out[-1].append(ln)
    return [Block(tuple(b)) for b in out]


_WORD = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)
SMALL_WORDS = frozenset(
    ["a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for", "from", "with", "as", "vs", "via", "into", "over", "after", "before", "about", "against", "amid", "between", "near", "than", "that", "this", "its", "it", "is", "are", "was", "were", "be", "de", "la", "le", "les", "des", "du", "et", "en", "au", "aux", "sur", "pour", "par", "dans"]
)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_title_like(text: str, max_words: int = 25) -> bool:
    """A headline: short, no sentence-final period, content words mostly capitalised."""
    t = text.strip()
    if not t or len(t) > 220 or t.endswith((".", ",", ";", ":")) and not t.endswith("..."):
        return False
    ws = words(t)
    if not 2 <= len(ws) <= max_words:
        return False
    content = [w for w in ws if w.lower() not in SMALL_WORDS]
    if not content:
        return False
    caps = sum(1 for w in content if w[0].isupper())
    return caps / len(content) >= 0.6 or t.upper().startswith("BREAKING")
