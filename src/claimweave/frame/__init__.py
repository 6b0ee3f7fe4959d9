"""Frame: persuasion techniques and framing vocabulary marked on spans, as evidence.

Marks say what a passage does ("name calling: 'US-backed jihadists'") and why; they are never a
verdict on an outlet. Words inside a direct quote attributed to a speaker are the speaker's,
not the writer's: such spans get no mark and count in no framing tally.
"""

from __future__ import annotations

import re

from ..model import FrameMark, Frames, FramingTerm, Unit, UnitMode
from .lexicon import FRAMING, TECHNIQUES

SKIP_KINDS = frozenset({"related"})
_QUOTE = re.compile(r"“[^”]{3,}”|«[^»]{3,}»|\"[^\"\n]{3,}\"|‘[^’]{12,}’")
_SPEECH = re.compile(r"(?i)\b(?:said|says|told|tells|added|stated|declared|according to|quoted|reports?|reported|"
                     r"insisted|claimed|wrote|tweeted|a déclaré|a dit|selon|affirme|a affirmé)\b")
_CTA = re.compile(
    r"(?im)(?:^|[.!?]\s+)(?:please\s+)?(?:donate|support|help|join|share|subscribe|sign|call on|contact|gift|give|"
    r"chip in|act now|stand with|tell your|don['’]t let|will you (?:help|join|support)|soutenez|"
    r"faites un don|partagez|rejoignez|aidez|signez)\b")
_SATIRE = re.compile(
    r"(?i)stay tuned for another|exciting episode|;-?\)|\blol\b|\b/s\b|what could possibly go wrong|"
    r"surprise,? surprise|shocking,? i know|guess what")
_FIRST_PERSON = re.compile(r"(?<![\w'’])(?:I|I['’]m|I['’]d|we|We|our|Our|my|My|je|Je|nous|Nous)(?![\w'’])")
_JUDGEMENT = re.compile(r"(?i)\b(?:should|must|ought to|shame|disgrace|outrageous|doit|devrait)\b")


def attributed_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Direct quotes in ``text[start:end]`` whose sentence names a speaker."""
    out = []
    for m in _QUOTE.finditer(text, start, end):
        around = text[max(start, m.start() - 120):min(end, m.end() + 120)]
        if _SPEECH.search(around):
            out.append((m.start(), m.end()))
    return out


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a <= s and e <= b for a, b in spans)


_TERM_PATTERNS = [(concept, re.compile(p, re.I), label)
                  for concept, terms in FRAMING.items() for p, label in terms.items()]


def find_frames(text: str, units: tuple[Unit, ...]) -> Frames:
    parents: set[str] = {u.parent for u in units if u.parent}
    marks: list[FrameMark] = []
    terms: list[FramingTerm] = []
    modes: list[UnitMode] = []
    for u in units:
        if u.id in parents or u.kind in SKIP_KINDS:
            continue
        quoted = attributed_quotes(text, u.start, u.end)
        unit_marks = 0
        for t in TECHNIQUES:
            for m in t.pattern.finditer(text, u.start, u.end):
                if m.end() > m.start() and not _inside(quoted, m.start(), m.end()):
                    marks.append(FrameMark(t.name, m.start(), m.end(), u.id,
                                           f"{t.reason}: “{m.group()}”"))
                    unit_marks += 1
        if u.kind != "boilerplate":
            for concept, pat, label in _TERM_PATTERNS:
                for m in pat.finditer(text, u.start, u.end):
                    if not _inside(quoted, m.start(), m.end()):
                        terms.append(FramingTerm(concept, label, m.start(), m.end(), u.id))
        modes.append(_mode(text, u, quoted, unit_marks))
    marks.extend(_repetition(text, marks))
    marks.sort(key=lambda k: (k.start, k.end, k.technique))
    terms.sort(key=lambda k: (k.start, k.concept))
    return Frames(tuple(marks), tuple(terms), tuple(modes))


def _mode(text: str, u: Unit, quoted: list[tuple[int, int]], marks: int) -> UnitMode:
    chunk = text[u.start:u.end]
    for a, b in reversed(quoted):  # quoted speech says nothing of the writer's register
        chunk = chunk[:a - u.start] + " " * (b - a) + chunk[b - u.start:]
    cta = bool(_CTA.search(chunk))
    if _SATIRE.search(chunk):
        mode = "satire"
    elif (u.kind in ("comment", "tweet") and (_FIRST_PERSON.search(chunk) or "?" in chunk or marks)
          or len(_FIRST_PERSON.findall(chunk)) >= 2 or _JUDGEMENT.search(chunk) and marks
          or marks >= 2 or cta):
        mode = "opinion"
    else:
        mode = "reporting"
    return UnitMode(u.id, mode, cta)


_REPEATABLE = frozenset({"loaded_language", "name_calling", "slogans", "doubt"})


def _repetition(text: str, marks: list[FrameMark]) -> list[FrameMark]:
    """A loaded phrase said three times or more in one document is repetition as well."""
    seen: dict[str, list[FrameMark]] = {}
    for m in marks:
        if m.technique in _REPEATABLE:
            seen.setdefault(text[m.start:m.end].lower(), []).append(m)
    return [FrameMark("repetition", m.start, m.end, m.unit_id,
                      f"the same loaded phrase used {len(ms)} times: “{text[m.start:m.end]}”")
            for ms in seen.values() if len(ms) >= 3 for m in ms]
