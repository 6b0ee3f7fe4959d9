"""Place mentions: gazetteer names found by token lookup, longest match first, then chosen
among the places of their name with the document's context (:func:`disambiguate`).

Latin-script names must be capitalised (or in a hashtag); names that are also common words
are stoplisted in the gazetteer, and small foreign towns / ``mid_sentence`` names are skipped
at the start of a sentence or in all-caps. Arabic-script names match as written (folded), with
a leading clitic (و ب ل ف ك) tolerated. A name borne only by villages of unknown population
needs a cue when it is one word ("in", "village of", "في", "قرية"), and so does a village name
that reads as a person's. "Idlib province", "province of Idlib", "Aleppo countryside",
"محافظة إدلب", "بريف حلب" give the governorate.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from claimweave.annotate.gazetteer import (
    ARTICLE_PREFIX,
    CLITICS,
    SPELT,
    STRONG_ARTICLES,
    WEAK_ARTICLES,
    Gazetteer,
    fold_token,
    join_key,
    load,
    name_key,
    norm_token,
    spelt_key,
    without_clitics,
)
from claimweave.annotate.nlp import common_words, is_common
from claimweave.annotate.place_context import disambiguate
from claimweave.model import Place, PlaceMention


class Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_LETTERS = "(?:[^\\W\\d_]|[\u0610-\u061a\u064b-\u065f\u0670])"
_TOKEN = re.compile(
    rf"#\w+|(?:[A-Z]\.){{2,}}|{_LETTERS}+(?:['’‘ʿʾʼʻ`´]{_LETTERS}+)*"
)
_HASHTAG_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[^\W\d_a-zA-Z]+")
_ELISION = re.compile(r"^(?:[dlDLjJnNsS]|[qQ]u)['’]")
_POSSESSIVE = ("'s", "’s")
_MARKS = "'’‘ʿʾʼʻ`´"
_JOIN_GAPS = frozenset({" ", "-", "‐", "–", "\u00a0", "  ", " - "})
_SENT_END = frozenset(".!?:;\n•|")
_OPENERS = " \t\"'“”‘’«»([*-–—"
_CONNECTORS = frozenset({"of", "de", "du", "des", "la", "le", "ibn", "bin", "bint", "el"})
# Generic first words of longer names ("Bab al-Hawa", "Tal al-Abd"): no match alone before more name.
_GENERIC_HEADS = frozenset(f for w in (
    "bab", "tal", "tall", "tell", "tel", "ain", "ayn", "deir", "dayr", "kafr", "khan", "ras", "jabal", "jebel",
    "wadi", "bir", "qasr", "abu", "umm", "beit", "bayt", "jisr", "hay", "souq", "suq", "sheikh", "shaykh",
    "khirbat", "khirbet", "maarat", "tal", "mazraat", "qaryat", "hawsh", "hosh", "sabkhat", "mazra") for f in (w, fold_token(w)))
_GOV_SUFFIX = frozenset({"province", "provinces", "governorate", "governorates", "countryside", "gouvernorat"})
_GOV_PREFIX = re.compile(
    r"(?:\b(?:[Pp]rovince|[Gg]overnorate|[Gg]ouvernorat|[Cc]ountryside)\s+(?:of\s+(?:the\s+)?|d[e']\s*|d’\s*|du\s+)?"
    r"|[وب]?محافظة\s+|[وبل]?ريف\s+)$"
)


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    raw: str
    norm: str
    key: str  # folded form of norm, as in gazetteer keys
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
            # An ayn or hamza mark starting the word belongs to the name ("Kazim 'Abas", "’Ayn").
            joined = gap.rstrip(_MARKS) in _JOIN_GAPS or (tag and gap in ("", "_"))
            if toks and gap in ("-", "‐"):
                toks[-1].hyphen_after = True
            norm = norm_token(praw.replace(".", "") if praw.endswith(".") else praw)
            toks.append(_Tok(ps, pe, praw, norm, fold_token(norm), tag or praw[0].isupper() or not praw[0].isascii() and not praw[0].islower(),
                             joined, False, _sentence_initial(text, ps) and not tag, tag))
            prev_end = pe
    return toks


def _is_article(t: _Tok) -> bool:
    return t.norm in STRONG_ARTICLES and (t.norm not in WEAK_ARTICLES or t.hyphen_after)


def _first_forms(gaz: Gazetteer, norm: str) -> list[str]:
    """Forms of a name's first word: as written, and without an attached Arabic clitic
    ("وحلب", "بكفرنبل", "للرقة", "وبمعرة"), unless the word as written is a common word ("فرقة")."""
    return [norm] if fold_token(norm) in gaz.words else [norm, *without_clitics(norm)]


def _match_at(gaz: Gazetteer, toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """Longest acceptable name starting at token ``i``: (last token index, gazetteer row). Names
    are looked up by their folded key (Syrian, Iraqi, imported places) and as spelt (the
    world's cities); on a tie the spelling as written wins."""
    n = len(toks)
    j = i
    if _is_article(toks[i]) and i + 1 < n and toks[i + 1].joined:
        j = i + 1
    head = toks[j]
    if not head.cap or _is_article(head):
        return None
    best: tuple[int, int] | None = None
    for plain_form in _first_forms(gaz, head.norm):
        for fold in (True, False):
            form = fold_token(plain_form) if fold else SPELT + plain_form
            most = max(gaz.most_tokens(form), gaz.most_tokens(form[:-1]) if fold and form.endswith("at") else 0)
            if not most:
                continue
            content = [form]
            ends = [j]
            k = j + 1
            while len(content) < most and k < n and toks[k].joined:
                t = toks[k]
                inner_article = t.norm in STRONG_ARTICLES and t.raw.islower() and k + 1 < n and toks[k + 1].joined \
                    and toks[k + 1].cap  # "Abbas as Salih", "Harat ad Duqrah"
                if not (_is_article(t) or inner_article):
                    # A capitalised head may carry lower-case parts: "Deir ezzor", "Ras al-ain".
                    if not (t.cap or t.norm in _CONNECTORS or t.raw.isalpha() and t.raw.islower()):
                        break
                    content.append(t.key if fold else t.norm)
                    ends.append(k)
                k += 1
            for m in range(len(content), 0, -1):
                if best is not None and ends[m - 1] < best[0] or best is not None and ends[m - 1] == best[0] and fold:
                    break
                key = join_key(content[:m]) if fold else " ".join(content[:m])
                rows = gaz.rows_of(key)
                if rows and _acceptable(gaz, key, toks, i, ends[m - 1]):
                    best = (ends[m - 1], rows[0])
                    break
    return best


# Words after which an Arabic one-word village name is read as a place ("في", "قرية", "بلدة",
# "ريف", "شمال" ...): Arabic has no capitals, so a village name that is also a word needs a cue.
_AR_CUES_TEXT = """
في قرية قرى القرية بلدة بلدات البلدة بلدتي قريتي مدينة المدينة مدينتي ريف منطقة مناطق حي مخيم
نحو قرب بالقرب محيط اطراف أطراف مشارف ضواحي شمال جنوب شرق غرب شمالي جنوبي شرقي غربي
الى إلى على من داخل حول ناحية مزرعة مزارع تل مدخل بين و
"""
_AR_CUES = frozenset(norm_token(w) for w in _AR_CUES_TEXT.split())


def _arabic_cue(toks: list[_Tok], i: int) -> bool:
    t = toks[i]
    if t.norm[:1] in "بو" and len(t.norm) > 3 and t.norm[1:2] != t.norm[:1]:
        return True  # "بكفرنبل": in Kafranbel
    if i == 0:
        return False
    prev = toks[i - 1].norm
    return prev in _AR_CUES or (prev[:1] in CLITICS and prev[1:] in _AR_CUES)


# Words around a one-word hamlet name that show a place is meant ("in Madaya", "the villages of
# Foua and Kefraya", "Marjeh district"); the strong ones let a name that reads as a person's be a
# place ("the village of Umm Jamal").
_CUE_WORDS = {
    "before": "in at near of from outside around on into to toward towards besieged village town villages "
              "towns and à de près dans vers entered shelled struck hit stormed captured bombed targeted "
              "seized reached attacked",
    "after": "village town area countryside district neighbourhood neighborhood camp suburb suburbs outskirts",
    "strong": "in near outside around entered shelled struck stormed captured bombed village town villages "
              "towns hamlet à près",
    "place_nouns": "village town villages towns hamlet countryside outskirts",
}
_CUES_BEFORE, _CUES_AFTER, _STRONG_BEFORE, _PLACE_NOUNS = (frozenset(_CUE_WORDS[k].split()) for k in _CUE_WORDS)
_AR_STRONG = _AR_CUES - frozenset(norm_token(w) for w in ("و", "من", "على", "بين", "الى", "إلى"))


def _strong_cue(toks: list[_Tok], i: int) -> bool:
    """A name that also reads as a person's is a place only right after "in", "near", "the
    village of", "قرية", "بلدة", "في" ..."""
    if i == 0:
        return False
    prev = toks[i - 1].norm
    if "\u0600" <= toks[i].raw[0] <= "\u06ff":
        return prev in _AR_STRONG or (prev[:1] in CLITICS and prev[1:] in _AR_STRONG)
    if prev in ("of", "de") and i > 1:
        return toks[i - 2].norm in _PLACE_NOUNS
    return prev in _STRONG_BEFORE


_DIRECTIONS_TEXT = ("north south east west northern southern eastern western northeastern northwestern "
                    "southeastern southwestern central rural")
_DIRECTIONS = frozenset(_DIRECTIONS_TEXT.split())


def _located_after(toks: list[_Tok], last: int) -> bool:
    """Whether a Latin name is followed by the governorate it lies in ("Hasan Ali, Diyala
    province", "Umar, in the Babil countryside", "near Samma in Suwayda governorate", "... in the
    countryside of Hama"): a name so placed is a place, even one that reads as a person's."""
    k, n = last + 1, len(toks)
    if k >= n or "\u0600" <= toks[last].raw[:1] <= "\u06ff":
        return False
    if toks[k].norm == "in":
        k += 1
    if k < n and toks[k].norm == "the":
        k += 1
    while k < n and toks[k].norm in _DIRECTIONS:
        k += 1
    if k + 2 < n and toks[k].norm == "countryside" and toks[k + 1].norm == "of":
        return toks[k + 2].cap
    caps = 0
    while k < n and toks[k].cap and caps < 3 and toks[k].norm not in _GOV_SUFFIX:
        k, caps = k + 1, caps + 1
    return caps > 0 and k < n and toks[k].norm in _GOV_SUFFIX


def _latin_cue(toks: list[_Tok], i: int, last: int) -> bool:
    if toks[i].initial:
        return False
    before = toks[i - 1].norm if i > 0 else ""
    after = toks[last + 1].norm if last + 1 < len(toks) else ""
    return before in _CUES_BEFORE or after in _CUES_AFTER


# Words that say what kind of place the name after them is ("قرية", "بلدة", "مدينة").
_AR_DESCRIPTORS = frozenset(norm_token(w) for w in ("قرية", "بلدة", "مدينة", "مزرعة", "ناحية", "قرى", "بلدات"))
# Words that introduce a governorate ("محافظة إدلب", "ريف حلب"): never a place themselves.
_AR_AREA_WORDS = frozenset(norm_token(w) for w in ("محافظة", "ريف", "بريف", "ومحافظة", "بمحافظة"))


def _acceptable(gaz: Gazetteer, key: str, toks: list[_Tok], i: int, last: int) -> bool:
    first = toks[i]
    if last == i and first.norm in _AR_AREA_WORDS:
        return False
    if key in gaz.cue_only and not (_strong_cue(toks, i) or _located_after(toks, last)):
        return False
    if " " not in key and not first.hashtag and gaz.is_hamlet(key):
        if "\u0600" <= first.raw[0] <= "\u06ff":
            return _arabic_cue(toks, i)
        if not (_latin_cue(toks, i, last) or _located_after(toks, last)):
            return False
    if key.removeprefix(SPELT) in _GENERIC_HEADS and last + 1 < len(toks):
        nxt = toks[last + 1]
        if nxt.joined and (nxt.cap or _is_article(nxt)):
            return False
    if key in gaz.exact_case:
        return all(t.raw.replace(".", "").isupper() for t in toks[i : last + 1])
    if key in gaz.weak and not first.hashtag:
        raws = [t.raw for t in toks[i : last + 1] if not _is_article(t)]
        if first.initial or all(r.isupper() and len(r) > 1 for r in raws):
            return False
    return not (key in gaz.weak and first.hashtag and len(key.removeprefix(SPELT)) < 4)


def _governorate(gaz: Gazetteer, place: Place, countryside: bool) -> Place | None:
    if place.precision == "governorate":
        return place
    if countryside and place.country == "SY" and place.admin1 == "Damascus":
        return gaz.lookup("Rif Dimashq")
    return gaz.governorate_of(place)


def _named_governorate(gaz: Gazetteer, name: str) -> Place | None:
    """The governorate called ``name`` ("Wasit" before "governorate", after "countryside of" or
    "محافظة"), rather than a village of that name."""
    forms = [name, *without_clitics(name)]
    for form in forms:
        for key in (name_key(form), spelt_key(form)):
            for r in gaz.rows_of(key)[:64]:
                if gaz.place(r).precision == "governorate":
                    return gaz.place(r)
    return None


def find_places(text: str, base: int = 0) -> list[PlaceMention]:
    """Place mentions in ``text``; offsets are ``base`` + index into ``text``."""
    gaz = load()
    toks = _tokens(text)
    out: list[PlaceMention] = []
    i, n = 0, len(toks)
    while i < n:
        hit = _match_at(gaz, toks, i)
        if hit is not None and toks[i].norm in _AR_DESCRIPTORS and i + 1 < n:
            inner = _match_at(gaz, toks, i + 1)
            if inner is not None and inner[0] > hit[0]:
                hit = None  # "قرية عين الدلبة": the village of Ayn ad-Dulbah, not a "Qaryat Ayn"
        if hit is None:
            i += 1
            continue
        last, row = hit
        place = gaz.place(row)
        start, end = toks[i].start, toks[last].end
        nxt = toks[last + 1] if last + 1 < n else None
        pre = _GOV_PREFIX.search(text, max(0, start - 40), start)
        known = place.precision != "village" or bool(place.population)  # a hamlet names no province
        area = bool(nxt and nxt.joined and nxt.norm in _GOV_SUFFIX or pre)
        named_gov = _named_governorate(gaz, text[start:end]) if area else None
        if named_gov is not None or place.country in ("SY", "IQ") and known and area:
            countryside = bool(nxt and nxt.norm == "countryside") or bool(pre and "ريف" in pre.group())
            gov = _governorate(gaz, named_gov or place, countryside)
            if gov is not None:
                place = gov
                if nxt and nxt.joined and nxt.norm in _GOV_SUFFIX:
                    end = nxt.end
                    last += 1
                elif pre:
                    start = pre.start()
        if last == i and _word_not_village(toks, i, place) or _part_of_longer_name(gaz, toks, i, last, place):
            i += 1
            continue
        if _foreign_misreading(text, start, place) or inside_non_place(text, start, end) \
                or out and _is_article(toks[i]) and text[out[-1].end - base:start] in (" ", "'s ", "’s "):
            i = last + 1  # "Mosul al-Jadida", "Mosul's al-Jadida": an article-led name after a place is its part
            continue
        if not out or base + start >= out[-1].end:
            out.append(PlaceMention(base + start, base + end, text[start:end], place))
        i = last + 1
    return out


# Below this population a place's name is no evidence on its own against the words around it.
_SMALL = 100_000


def _word_not_village(toks: list[_Tok], i: int, place: Place) -> bool:
    """A one-word Latin name of a Syrian or Iraqi town or village, or of a small place anywhere,
    that is also a common English or French word or a given name ("The War in Syria" is no
    al-Waer, "Suleiman" no Salman, "Roman colonnades" no Roman in Romania, "the University" no
    town) is a place only right after "in", "near", "the village of" ..."""
    raw = toks[i].raw
    if place.precision in ("country", "region", "governorate"):
        return False
    if place.country not in ("SY", "IQ") and (place.population or 0) >= _SMALL:
        return False
    if not raw.isascii() or not raw.isalpha():
        return False
    low = raw.lower()
    return (low in common_words() or low in _GIVEN_NAMES) and not (_strong_cue(toks, i) or _located_after(toks, i))


def _part_of_longer_name(gaz: Gazetteer, toks: list[_Tok], i: int, last: int, place: Place) -> bool:
    """A one-word village name (or a small town's abroad) that is only part of a longer name:
    "Rasm" of "Rasm al-Sabaa", "al-Nasr" of "Bab al-Nasr", "Mamun" of "Mamun Abu Omar". An
    article and a capitalised word after it ("al-Sabaa") continue the name, and so does a
    generic head before it ("Bab", "Tal"). Abroad, so does any capitalised word after it that
    is joined to it, not the first of a sentence, and no common word, given name, day, month,
    acronym, place word or place name ("Jadid Ekeidat"). A following name that is a place's
    itself makes a list whose commas were lost ("Mesraba Al-Hazza"). A Syrian or Iraqi village followed by another
    capitalised name is left alone: lists lose their commas in copied text ("Zamalka Ain
    Tarma"). Arabic script has no capitals to tell: its names are left alone."""
    abroad = place.country not in ("SY", "IQ")
    if last != i or toks[i].hashtag or not toks[i].raw.isascii() or place.precision != "village" and (not abroad or (place.population or 0) >= _SMALL):
        return False
    if i > 0 and toks[i].joined and toks[i - 1].cap and toks[i - 1].key in _GENERIC_HEADS \
            and not toks[i - 1].initial:
        return True
    k = last + 1
    if k >= len(toks) or not toks[k].joined:
        return False
    nxt = toks[k]
    if _is_article(nxt):
        return k + 1 < len(toks) and toks[k + 1].joined and toks[k + 1].cap and _match_at(gaz, toks, k) is None
    if not abroad or not nxt.cap or nxt.initial or nxt.hashtag or nxt.raw.isupper():
        return False
    low = nxt.raw.lower()
    if is_common(low) or low in _GIVEN_NAMES or low in _PLACE_WORDS or low in _GOV_SUFFIX or low in _CALENDAR:
        return False
    return _match_at(gaz, toks, k) is None


_CALENDAR_TEXT = """monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december"""
_CALENDAR = frozenset(_CALENDAR_TEXT.split())


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
_ARABIC_REGION = frozenset({"SY", "IQ", "LB", "JO", "TR", "IL", "PS", "SA", "IR", "KW", "EG", "YE", "SD", "LY", "TN",
                            "DZ", "MA", "MR", "OM", "AE", "QA", "BH", "SO", "DJ", "KM", "SS", "TD"})

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
adel barry bella billy brad diane issa karim larry layla majid maryam martin nour roman sam sami sean
sulaiman sulayman suleiman tara tarek tony ziad zainab
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
adnan alloush anas bakr bashar fahd faisal hafez hafiz hazem hazim jamal kamal maher nasser obeida osama
othman rami riad riyad saleh salih samir samira talal tareq tariq tom ubaidah umar usama uthman walid
waleed yasir yasser zaid zakaria zakariya zeid jawad saud
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
            and bool(ARTICLE_PREFIX.match(text[start:start + 4])))


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


__all__ = ["disambiguate", "fakes_governorate", "find_places", "inside_non_place", "outside_names"]
