"""Frame: persuasion techniques and framing vocabulary marked on spans, as evidence.

Marks say what a passage does ("name calling: 'US-backed jihadists'") and why; they are never a
verdict on an outlet. Words inside a direct quote attributed to a speaker are the speaker's,
not the writer's: such spans get no mark and count in no framing tally.
"""

from __future__ import annotations

import re

from ..model import FrameMark, Frames, FramingTerm, Unit, UnitMode
from .lexicon import FRAMING, TECHNIQUES, Technique

SKIP_KINDS = frozenset({"related"})
_QUOTE = re.compile(r"“[^”]{3,}”|«[^»]{3,}»|\"[^\"\n]{3,}\"|‘[^’]{12,}’")
_SPEECH = re.compile(r"(?i)\b(?:said|says|told|tells|added|stated|declared|according to|quoted|reports?|reported|"
                     r"described|describing|called|calling|condemned|dubbed|termed|labell?ed|"
                     r"insisted|claimed|wrote|tweeted|a déclaré|a dit|selon|affirme|a affirmé)\b")
_CTA = re.compile(
    r"(?im)(?:^|[.!?]\s+)(?:please\s+)?(?:donate|support|help|join|share|subscribe|sign|call on|contact|gift|give|"
    r"chip in|act now|stand with|tell your|don['’]t let|will you (?:help|join|support)|soutenez|"
    r"faites un don|partagez|rejoignez|aidez|signez)\b")
_SATIRE = re.compile(
    r"(?i);-?\)|\blol\b|\b/s\b|what could possibly go wrong|"
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


# "what it called terrorist groups", "described the incident as a heinous crime", "a term the
# regime applies": the words that follow are someone else's, reported.
_REPORTED_WORDS = re.compile(
    r"(?i)(?:\bwhat (?:it|he|she|they|the \w+) (?:calls?|called|describes?|described|terms?|termed)|"
    r"\b(?:described|describing|describes|labels?|labell?ed|calls?|called|dubbed|termed|brands?|branded)"
    r"\b[^.;]{0,70}?\bas|\bdénoncé comme)(?:\s+(?:an?|the|other|so-called|les?|la|des))*\s*[\"“«]?\s*$")


def _reported(text: str, start: int) -> bool:
    return bool(_REPORTED_WORDS.search(text, max(0, start - 90), start))


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a <= s and e <= b for a, b in spans)


_HEAD = re.compile(r"(?:\(\?:|\||^)(?:\\b)?([^\W\d_][\w'’-]*)?")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


_HEAD_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")


def _skip_group(p: str, i: int) -> int:
    """Index just past the group that opens at ``p[i]``."""
    depth = 0
    while i < len(p):
        if p[i] == "\\":
            i += 2
            continue
        if p[i] == "(":
            depth += 1
        elif p[i] == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return i


def _heads(pattern: str) -> frozenset[str] | None:
    """3- or 4-letter prefixes of the words a match may start with; None when some branch may
    start with something other than a word (a quote mark, a hashtag), so the pattern must scan."""
    out: set[str] = set()
    stack: list[tuple[bool, bool]] = []  # (enclosing head context, group opened at a head)
    at_head, head_ctx, i, p = True, True, 0, pattern
    while i < len(p):
        if p.startswith("\\b", i):
            i += 2
        elif p.startswith(_LOOKAROUND, i):
            i = _skip_group(p, i)
        elif p.startswith("(?:", i):
            stack.append((head_ctx, at_head))
            head_ctx = at_head
            i += 3
        elif p[i] == "|":
            at_head = head_ctx
            i += 1
        elif p[i] == ")":
            head_ctx, opened_at_head = stack.pop() if stack else (True, False)
            i += 1
            at_head = opened_at_head and i < len(p) and p[i] in "?*"
        elif at_head:
            m = _HEAD_WORD.match(p, i)
            if m is None:
                return None  # a char class, an escape or a quote mark can start a match
            out.add(m.group().lower()[:4])
            at_head = False
            i = m.end()
        else:
            i += 2 if p[i] == "\\" else 1
    return frozenset(out)


# Each pattern is tried only where a word one of its branches starts with stands (an index
# by 3- and 4-letter prefix); patterns with a branch that starts otherwise scan the unit.
_SCAN = [t for t in TECHNIQUES if _heads(t.pattern.pattern) is None]
_AT_HEADS: dict[str, tuple[int, ...]] = {}
for _i, _t in enumerate(TECHNIQUES):
    for _h in _heads(_t.pattern.pattern) or ():
        _AT_HEADS[_h] = (*_AT_HEADS.get(_h, ()), _i)
_TERM_PATTERNS = [(concept, re.compile(p, re.I), label)
                  for concept, terms in FRAMING.items() for p, label in terms.items()]
_TERM_CACHE: dict[str, tuple[tuple[str, str], ...]] = {}


def _terms_of(word: str) -> tuple[tuple[str, str], ...]:
    """Framing terms a single word is (cached per word form)."""
    hit = _TERM_CACHE.get(word)
    if hit is None:
        hit = tuple((c, label) for c, pat, label in _TERM_PATTERNS if pat.fullmatch(word))
        if len(_TERM_CACHE) < 200_000:
            _TERM_CACHE[word] = hit
    return hit


def _technique_matches(
    text: str, start: int, end: int, words: list[tuple[int, int, str]] | None = None,
) -> list[tuple[Technique, re.Match[str]]]:
    """Technique matches in ``text[start:end]``; fills ``words`` with its (start, end, lower) words."""
    found: list[tuple[Technique, re.Match[str]]] = []
    reach = [-1] * len(TECHNIQUES)
    heads = _AT_HEADS
    for w in _WORD.finditer(text, start, end):
        low = w.group().lower()
        if words is not None:
            words.append((w.start(), w.end(), low))
        four, three = heads.get(low[:4]), heads.get(low[:3])
        if not four and not three:
            continue
        pos = w.start()
        for i in (four or ()) + (three or ()):
            if pos < reach[i]:
                continue
            m = TECHNIQUES[i].pattern.match(text, pos, end)
            if m and m.end() > m.start():
                found.append((TECHNIQUES[i], m))
                reach[i] = m.end()
    for t in _SCAN:
        found.extend((t, m) for m in t.pattern.finditer(text, start, end) if m.end() > m.start())
    return found


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
        words: list[tuple[int, int, str]] = []
        for t, m in _technique_matches(text, u.start, u.end, words):
            if not _inside(quoted, m.start(), m.end()) and not _reported(text, m.start()):
                marks.append(FrameMark(t.name, m.start(), m.end(), u.id, f"{t.reason}: “{m.group()}”"))
                unit_marks += 1
        if u.kind != "boilerplate":
            for ws, we, low in words:
                for concept, label in _terms_of(low):
                    if not _inside(quoted, ws, we):
                        terms.append(FramingTerm(concept, label, ws, we, u.id))
        modes.append(_mode(text, u, quoted, unit_marks))
    marks.extend(_repetition(text, marks))
    marks.sort(key=lambda k: (k.start, k.end, k.technique))
    terms.sort(key=lambda k: (k.start, k.concept))
    return Frames(tuple(marks), tuple(terms), tuple(modes))


_CTA_HINTS = ("donat", "support", "help", "join", "share", "subscri", "sign", "call on", "contact",
              "gift", "give", "chip in", "act now", "stand with", "tell your", "let", "will you",
              "soutenez", "faites un don", "partagez", "rejoignez", "aidez")
_SATIRE_HINTS = (";)", ";-)", "lol", "/s", "possibly go wrong", "surprise",
                 "shocking", "guess what")


def _mode(text: str, u: Unit, quoted: list[tuple[int, int]], marks: int) -> UnitMode:
    chunk = text[u.start:u.end]
    for a, b in reversed(quoted):  # quoted speech says nothing of the writer's register
        chunk = chunk[:a - u.start] + " " * (b - a) + chunk[b - u.start:]
    low = chunk.lower()
    cta = any(h in low for h in _CTA_HINTS) and bool(_CTA.search(chunk))
    if any(h in low for h in _SATIRE_HINTS) and _SATIRE.search(chunk):
        mode = "satire"
    elif (u.kind in ("comment", "tweet") and (_FIRST_PERSON.search(chunk) or "?" in chunk or marks)
          or len(_FIRST_PERSON.findall(chunk)) >= 2 or marks and _JUDGEMENT.search(chunk)
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
