"""Sentence spans inside a unit, aware of the abbreviations of news prose."""

from __future__ import annotations

import re

from ..annotate.nlp import case_style

_ABBREV = frozenset(
    ["u.s", "u.n", "u.k", "e.u", "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "maj", "capt", "cpt", "st", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "e.g", "i.e", "al", "gov", "govt", "dept", "approx", "est", "fig", "jr", "sr", "prof", "rev", "adm", "cmdr", "brig", "m", "mme", "mlle", "av", "ave", "inc", "ltd", "co", "corp"]
)
# Further abbreviations of wire copy (titles, ranks, places), honoured in text written in one case
# only, where they are common; mixed-case text keeps the list above unchanged.
_WIRE_ABBREV = _ABBREV | frozenset(
    ["sen", "sens", "rep", "reps", "lt.col", "lt.gen", "maj.gen", "brig.gen", "cpl", "pvt", "pfc",
     "cmdt", "insp", "supt", "msgr", "fr", "hon", "pres", "amb", "atty", "messrs", "mmes", "sra", "srta",
     "lic", "ing", "arq", "nos", "nr", "tel", "km", "mt", "ft", "pt", "d.c", "u.s.a", "u.s.s.r", "u.a.e",
     "n.y", "l.a", "p.m", "a.m", "sta", "sto", "pto", "gral", "cnel", "tte", "dpto", "depto", "prov",
     "intl", "assn", "bros", "apt", "blvd", "rd", "hwy"]
)
_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9À-ÖØ-Þ#@\u0600-\u06FF])|[\n]{2,}|\n(?=\s*[-•*\d])")
# Text written in one case only (wire copy in capitals, transcripts in lower case): a sentence
# ends at . ! ? followed by whitespace and any letter or digit, since none is a capital.
_END_UNICASE = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[^\W_])|[\n]{2,}|\n(?=\s*[-•*\d])")

_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into trimmed sentence spans with absolute offsets."""
    out: list[tuple[int, int]] = []
    pos = start
    chunk = text[start:end]
    mixed = case_style(chunk) == "mixed"
    end_re, abbrev = (_END, _ABBREV) if mixed else (_END_UNICASE, _WIRE_ABBREV)
    for m in end_re.finditer(chunk):
        cut = start + m.end()
        if m.group().startswith("."):
            before = re.search(r"([\w.]+)\.$", text[pos:start + m.start() + 1])
            word = before.group(1).lower() if before else ""
            if word in abbrev or (len(word) == 1 and word.isalpha()):
                continue
            if not mixed and _INITIALS.fullmatch(word):  # "GEN. A.B. SMITH"
                continue
        _push(text, pos, cut, out)
        pos = cut
    _push(text, pos, end, out)
    return [_after_tags(text, s, e) for s, e in out]


# A news site's topic tags flattened into the text ("Tags Syria Idlib Russia At least 12 civilians
# were killed ..."): the sentence starts at the first word that can only begin prose.
_TAGS = re.compile(r"Tags?:?\s+")
_PROSE_START = frozenset(re.findall(r"\S+", """The A An At In On As After Before According Since While When More Most
    Dozens Hundreds Scores Several Some Many It This These Those One Two Three Four Five Six Seven
    Eight Nine Ten Eleven Twelve Thirteen Fourteen Fifteen Sixteen Seventeen Eighteen Nineteen
    Twenty Thirty Forty Fifty Sixty Seventy Eighty Ninety Over Nearly Almost About Around Despite
    Following Amid During"""))
# Words of running prose: once one is seen, the prose began without a word from the list above,
# and the sentence is left whole.
_PROSE_WORDS = frozenset(re.findall(r"\S+", """in of on the to by at for with from and a an has have had was were is
    are be been killed killing said says"""))
_WORD = re.compile(r"\S+")
_MAX_TAGS = 30


def _after_tags(text: str, s: int, e: int) -> tuple[int, int]:
    m = _TAGS.match(text, s, e)
    if not m:
        return s, e
    for i, w in enumerate(_WORD.finditer(text, m.end(), e)):
        if i >= _MAX_TAGS or w.group() in _PROSE_WORDS:
            break
        if i and w.group() in _PROSE_START:
            return w.start(), e
    return s, e


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
