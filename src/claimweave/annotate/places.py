"""Place mentions: gazetteer names found by token lookup, longest match first.

Latin-script names must be capitalised (or in a hashtag); names that are also common
words are stoplisted in the gazetteer, and small foreign towns / ``mid_sentence`` names
are skipped at the start of a sentence or in all-caps. Arabic-script names match as
written, with a leading clitic (و ب ل ف ك) tolerated. "Idlib province", "province of
Idlib", "Aleppo countryside", "محافظة إدلب" give the governorate.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from claimweave.annotate.gazetteer import (
    STRONG_ARTICLES,
    WEAK_ARTICLES,
    Gazetteer,
    load,
    name_key,
    norm_token,
)
from claimweave.model import Place, PlaceMention


class Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_LETTERS = "(?:[^\\W\\d_]|[\u0610-\u061a\u064b-\u065f\u0670])"
_TOKEN = re.compile(
    rf"#\w+|(?:[A-Z]\.){{2,}}|{_LETTERS}+(?:['’‘ʿʾ`]{_LETTERS}+)*"
)
_HASHTAG_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[^\W\d_a-zA-Z]+")
_ELISION = re.compile(r"^(?:[dlDLjJnNsS]|[qQ]u)['’]")
_POSSESSIVE = ("'s", "’s")
_JOIN_GAPS = frozenset({" ", "-", "‐", "–", "\u00a0", "  ", " - "})
_SENT_END = frozenset(".!?:;\n•|")
_OPENERS = " \t\"'“”‘’«»([*-–—"
_CONNECTORS = frozenset({"of", "de", "du", "des", "la", "le", "ibn", "bin", "bint", "el"})
_CLITICS = "وبلفك"
# Generic first words of longer names ("Bab al-Hawa", "Tal al-Abd"): no match alone before more name.
_GENERIC_HEADS = frozenset(
    {"bab", "tal", "tall", "tell", "tel", "ain", "ayn", "deir", "dayr", "kafr", "khan", "ras", "jabal", "jebel",
     "wadi", "bir", "qasr", "abu", "umm", "beit", "bayt", "jisr", "hay", "souq", "suq", "sheikh", "shaykh"}
)
_GOV_SUFFIX = frozenset({"province", "provinces", "governorate", "governorates", "countryside", "gouvernorat"})
_GOV_PREFIX = re.compile(
    r"(?:\b(?:[Pp]rovince|[Gg]overnorate|[Gg]ouvernorat|[Cc]ountryside)\s+(?:of\s+(?:the\s+)?|d[e']\s*|d’\s*|du\s+)?"
    r"|محافظة\s+|ريف\s+)$"
)


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    raw: str
    norm: str
    cap: bool  # capitalised Latin, Arabic, or hashtag part
    joined: bool  # separated from the previous token by a space or hyphen only
    hyphen_after: bool
    initial: bool  # first word of a sentence or line
    hashtag: bool


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in _SENT_END


def _tokens(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    prev_end = -10
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        raw = m.group()
        parts: list[tuple[int, int, str, bool]]
        if raw[0] == "#":
            parts = [(s + p.start(), s + p.end(), p.group(), True) for p in _HASHTAG_PART.finditer(raw, 1)]
        else:
            if raw[-2:] in _POSSESSIVE:
                raw, e = raw[:-2], e - 2
            el = _ELISION.match(raw)
            if el and len(raw) > el.end():
                s += el.end()
                raw = raw[el.end():]
            parts = [(s, e, raw, False)]
        for ps, pe, praw, tag in parts:
            gap = text[prev_end:ps] if prev_end >= 0 else "\n"
            joined = gap in _JOIN_GAPS or (tag and gap in ("", "_"))
            if toks and gap in ("-", "‐"):
                toks[-1].hyphen_after = True
            norm = norm_token(praw.replace(".", "") if praw.endswith(".") else praw)
            toks.append(_Tok(ps, pe, praw, norm, tag or praw[0].isupper() or not praw[0].isascii() and not praw[0].islower(),
                             joined, False, _sentence_initial(text, ps) and not tag, tag))
            prev_end = pe
    return toks


def _is_article(t: _Tok) -> bool:
    return t.norm in STRONG_ARTICLES and (t.norm not in WEAK_ARTICLES or t.hyphen_after)


def _first_forms(norm: str) -> list[str]:
    forms = [norm]
    if norm and norm[0] in _CLITICS and len(norm) > 3:
        forms.append(norm[1:])
        if norm.startswith("لل"):
            forms.append("ال" + norm[2:])
    return forms


def _match_at(gaz: Gazetteer, toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """Longest acceptable name starting at token ``i``: (last token index, gazetteer row)."""
    n = len(toks)
    j = i
    if _is_article(toks[i]) and i + 1 < n and toks[i + 1].joined:
        j = i + 1
    head = toks[j]
    if not head.cap or _is_article(head):
        return None
    for form in _first_forms(head.norm):
        most = gaz.first.get(form)
        if not most:
            continue
        content = [form]
        ends = [j]
        k = j + 1
        while len(content) < most and k < n and toks[k].joined:
            t = toks[k]
            if not _is_article(t):
                # A capitalised head may carry lower-case parts: "Deir ezzor", "Ras al-ain".
                if not (t.cap or t.norm in _CONNECTORS or t.raw.isalpha() and t.raw.islower()):
                    break
                content.append(t.norm)
                ends.append(k)
            k += 1
        for m in range(len(content), 0, -1):
            key = " ".join(content[:m])
            rows = gaz.keys.get(key)
            if rows and _acceptable(gaz, key, toks, i, ends[m - 1]):
                return ends[m - 1], rows[0]
    return None


def _acceptable(gaz: Gazetteer, key: str, toks: list[_Tok], i: int, last: int) -> bool:
    first = toks[i]
    if key in _GENERIC_HEADS and last + 1 < len(toks):
        nxt = toks[last + 1]
        if nxt.joined and (nxt.cap or _is_article(nxt)):
            return False
    if key in gaz.exact_case:
        return all(t.raw.replace(".", "").isupper() for t in toks[i : last + 1])
    if key in gaz.weak and not first.hashtag:
        raws = [t.raw for t in toks[i : last + 1] if not _is_article(t)]
        if first.initial or all(r.isupper() and len(r) > 1 for r in raws):
            return False
    return not (key in gaz.weak and first.hashtag and len(key) < 4)


def _governorate(gaz: Gazetteer, place: Place, countryside: bool) -> Place | None:
    if place.precision == "governorate":
        return place
    if countryside and place.country == "SY" and place.admin1 == "Damascus":
        return gaz.lookup("Rif Dimashq")
    return gaz.governorate_of(place)


def find_places(text: str, base: int = 0) -> list[PlaceMention]:
    """Place mentions in ``text``; offsets are ``base`` + index into ``text``."""
    gaz = load()
    toks = _tokens(text)
    out: list[PlaceMention] = []
    i, n = 0, len(toks)
    while i < n:
        hit = _match_at(gaz, toks, i)
        if hit is None:
            i += 1
            continue
        last, row = hit
        place = gaz.place(row)
        start, end = toks[i].start, toks[last].end
        nxt = toks[last + 1] if last + 1 < n else None
        pre = _GOV_PREFIX.search(text, max(0, start - 40), start)
        if place.country in ("SY", "IQ") and (nxt and nxt.joined and nxt.norm in _GOV_SUFFIX or pre):
            countryside = bool(nxt and nxt.norm == "countryside") or bool(pre and "ريف" in pre.group())
            gov = _governorate(gaz, place, countryside)
            if gov is not None:
                place = gov
                if nxt and nxt.joined and nxt.norm in _GOV_SUFFIX:
                    end = nxt.end
                    last += 1
                elif pre:
                    start = pre.start()
        if _foreign_misreading(text, start, place) or inside_non_place(text, start, end):
            i = last + 1
            continue
        if not out or base + start >= out[-1].end:
            out.append(PlaceMention(base + start, base + end, text[start:end], place))
        i = last + 1
    return out


def outside_names(mentions: list[PlaceMention], names: Sequence[Span]) -> list[PlaceMention]:
    """Drop places that lie inside a longer name: "al-Sham" in "Ahrar al-Sham", "Iraq" in "Islamic
    State of Iraq". A metonym that is the whole name ("Damascus denied") stays a place."""
    spans = sorted((n.start, n.end) for n in names)
    starts = [a for a, _ in spans]
    out = []
    for m in mentions:
        k = bisect_right(starts, m.start)
        inside = any(a <= m.start and m.end <= b and b - a > m.end - m.start
                     for a, b in spans[max(0, k - 4):k])
        if not inside:
            out.append(m)
    return out


# Where an Arabic-article name ("al-Jadida", "as-Susah") may be resolved outside Syria and Iraq.
_ARABIC_REGION = frozenset({"SY", "IQ", "LB", "JO", "TR", "IL", "PS", "SA", "IR", "KW", "EG"})
_ARTICLE_PREFIX = re.compile(r"(?i)^(?:al|el|ar|as|ash|ad|at|an|az|ad)[-\s]")

# ---------------------------------------------------------------- spans that are no place
# A gazetteer name inside a person's name, a street's or an operation's is no place.

# Titles and ranks before a name ("Mr. Jackson", "Gen. Mosul", "Sheikh Aden").
_TITLES = (
    "Mr|Mrs|Ms|Mme|Mlle|Messrs|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Rev|Reverend|Father|Imam|Mullah|"
    "Ayatollah|Sheikh|Shaykh|Sheik|Emir|Gen|General|Général|Lt|Lieutenant|Col|Colonel|Maj|Major|Capt|"
    "Captain|Cpt|Sgt|Sergeant|Cpl|Corporal|Pvt|Private|Adm|Admiral|Brig|Brigadier|Cmdr|Commander|"
    "Commandant|Marshal|President|Président|Presidente|Pres|Vice|Premier|Minister|Ministre|Senator|"
    "Sen|Sénateur|Rep|Congressman|Congresswoman|Gov|Governor|Mayor|Judge|Justice|Deputy|Ambassador|"
    "Monsieur|Madame|Señor|Señora|Sra|Sr|Don|Doña|Dom|Pastor|Bishop|Cardinal|Pope|Saint|Ustaz|Hajji|Haji"
)
_TITLE_BEFORE = re.compile(rf"(?<![\w.])(?:{_TITLES}|M)\.?[ \u00a0]+(?:[A-Z]\.[ \u00a0]*)*$")
# A capitalised word, maybe with initials ("Charles H. Jackson"), right before the name.
_WORD_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][^\W\d_]+)[ \u00a0]+(?:[A-Z]\.[ \u00a0]*)*$")
_NAME_AFTER = re.compile(r"[ \u00a0]+[A-Z][^\W\d_A-Z]")
# Common given names across the languages of conflict reporting. Names that are also towns or
# countries on their own (Jordan, Paris, Florence, Victoria, Santiago, Israel) are left out.
_GIVEN_NAMES_TEXT = """
aaron abdel abdelaziz abdul abdullah abdullahi abdulrahman adam adrian ahmad ahmed aisha alan albert
alberto alejandro alex alexander alexandra alexei alfredo ali alice alicia amal amina amir amy ana andrea
andrei andres andrew andriy andrzej angela ann anna anne anthony antonio arturo ashraf barbara ben
benjamin bernard betty bill bob brian bruce carlos carmen caroline catherine charles charlotte chris
christian christine christopher claire daniel daniela david dennis diana diego dmitri dmitry donald
dorothy douglas eduardo edward elena elizabeth emily emma eric ernesto eugene fatima fatuma felipe
fernando francisco frank fred gary george gerald gregory hamid hamza hans harry hassan helen henry
hussein ibrahim igor isabel ivan jack jacques james jan jane jason javier jean jeffrey jennifer jessica
joan joe johann john jorge jose josé joseph joshua juan julia karen kate katherine kenneth kevin khaled
khalid laura lawrence linda lisa louis luis luz mahmoud manuel margaret maria mariam marie mario mark
martha mary matthew michael michel miguel mikhail mohamed mohammad mohammed muhammad mustafa mykola
nancy natalia nicholas nicolas nikolai oleg oleksandr oleksiy olga omar oscar pablo patricia patrick
paul pedro peter petro philip philippe pierre rachel rafael ramon raymond rebecca richard robert roberto
ronald rosa ruth ryan salah salim samuel sandra sara sarah scott sergei sergey sergio stephen
steven susan taras thomas timothy ugo victor viktor vladimir volodymyr walter william yaroslav yousef
youssef yuri yusuf yury
"""
_GIVEN_NAMES = frozenset(_GIVEN_NAMES_TEXT.split())
# Street words after a name ("New Braunfels Avenue", "Khreshchatyk Street", "Jackson St."). Not
# "Road" or "Highway": a road named for a town ("the Aleppo road") leads to it.
_STREET_AFTER = re.compile(
    r"[ \u00a0]+(?:Street|St|Avenue|Ave|Boulevard|Blvd|Square|Lane|Ln|Drive|Plaza|Alley|Terrace|"
    r"Parkway|Pkwy|Prospekt|Prospect|Strasse|Straße|Ulitsa|Vulytsia)\b"
)
# Street words before a name, with a connector ("Avenida Bolivar", "rue de Rivoli", "Place de la
# Concorde", "Calle 26"); lower-case forms only where the word is no ordinary English word.
_STREET_BEFORE = re.compile(
    r"(?<![\w-])(?:(?i:avenida|avda|calle|carrera|calzada|paseo|rue|boulevard|bd|plaza|praça|praca|"
    r"rua|largo|piazza|viale|jalan|jl|ulitsa|ulica|vulytsia|vul|prospekt|chaussée|allée|quai)"
    r"|Avenue|Av|Place|Via|Corso|Street|Square)\.?[ \u00a0]+"
    r"(?:(?i:de|del|de la|de los|de las|des|du|la|le|les|los|las|da|do|dos|das|di|della|degli|d'|d’)[ \u00a0]*)*$"
)
# An operation's name: "Operation Olive Branch", "Operation Iron Swords", "opération Barkhane".
_OPERATION = re.compile(
    r"(?<![\w-])(?i:operation|opération|operación|operação|operazione|op\.)[ \u00a0]+"
    r"(?:[A-Z][^\W\d_A-Z][^\W\d_]*[ \u00a0]+){0,2}$"
)


def inside_non_place(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is part of a person's, a street's or an operation's
    name: a title or common given name right before it ("Charles Jackson", "Mr. Jackson"), the
    name itself a given name before a surname ("Fatima Aden"), a street word after or before it
    ("New Braunfels Avenue", "Avenida Bolivar", "rue de Rivoli"), or "Operation" up to two
    capitalised words before it ("Operation Iron Swords")."""
    lo = max(0, start - 40)
    if _STREET_BEFORE.search(text, lo, start) or _STREET_AFTER.match(text, end):
        return True
    if text[start:end].isupper():
        return False  # "US" after a name, "MOSCOW" after "Operation": a headline or dateline
    if _OPERATION.search(text, lo, start):
        return True
    if _TITLE_BEFORE.search(text, lo, start):
        return True
    if text[start:end].lower() in _GIVEN_NAMES and _NAME_AFTER.match(text, end):
        return True  # "Fatima Aden": a given name that is also a town's, before a surname
    m = _WORD_BEFORE.search(text, lo, start)
    return bool(m and m.group(1).lower() in _GIVEN_NAMES)


# Words of a PERSON entity that show it holds a place's name as a place ("Idlib Governor",
# "Aleppo city"): the statistical entity is wrong or the place is still meant.
_PLACE_WORDS = frozenset({
    "province", "governorate", "countryside", "city", "town", "village", "district", "region",
    "county", "state", "airport", "base", "camp", "border", "crossing", "river", "valley", "mountain",
    "mountains", "desert", "island", "islands", "north", "south", "east", "west", "northern",
    "southern", "eastern", "western", "central", "old", "new", "al", "el", "ar", "as", "ash", "ad",
})
_TITLE_WORD = re.compile(rf"(?:{_TITLES})\.?$")


def _foreign_misreading(text: str, start: int, place: Place) -> bool:
    """"Mosul al-Jadida" is not El Jadida in Morocco."""
    return (place.country not in _ARABIC_REGION and place.precision not in ("country", "region")
            and bool(_ARTICLE_PREFIX.match(text[start:start + 4])))


def fakes_governorate(place: Place) -> str | None:
    """FA-KES location label for a Syrian place, or None.

    FA-KES has no label for As-Suwayda (nor for non-Syrian places): those give None.
    Damascus and Rif Dimashq (Douma, Eastern Ghouta, Darayya...) both give "damascus".
    """
    if place.country != "SY" or place.admin1 is None:
        return None
    return _FAKES.get(place.admin1)


_FAKES = {
    "Aleppo": "aleppo",
    "Damascus": "damascus",
    "Rif Dimashq": "damascus",
    "Idlib": "idlib",
    "Deir ez-Zor": "deir ezzor",
    "Raqqa": "raqqa",
    "Homs": "homs",
    "Hasakah": "hasakeh",
    "Hama": "hama",
    "Daraa": "daraa",
    "Latakia": "lattakia",
    "Quneitra": "quneitra",
    "Tartus": "tartous",
}


def disambiguate(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Between Syrian or Iraqi places of the same name, prefer the one whose governorate the
    rest of the document names ("Hader" near "Quneitra", not the village of that name in Aleppo)."""
    gaz = load()
    context: dict[str, int] = {}
    for m in mentions:
        if m.place.admin1 and m.place.country in ("SY", "IQ"):
            context[m.place.admin1] = context.get(m.place.admin1, 0) + 1
    out: list[PlaceMention] = []
    for m in mentions:
        rows = gaz.keys.get(name_key(m.text), ())
        cands = [gaz.place(r) for r in rows[:12]]
        cands = [p for p in cands if p.country in ("SY", "IQ") and p.precision in ("village", "city")]
        if len(cands) > 1 and m.place in cands:
            own = context.get(m.place.admin1 or "", 0) - 1
            best = max(cands, key=lambda p: (context.get(p.admin1 or "", 0) - (p == m.place), p == m.place))
            if context.get(best.admin1 or "", 0) > max(own, 0) and best != m.place:
                m = PlaceMention(m.start, m.end, m.text, best)
        out.append(m)
    return out
