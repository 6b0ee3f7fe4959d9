"""Quantities in English, French and Arabic text: numbers, ranges, qualified and vague counts.

Bounds are recorded as stated ("more than 17" -> min 17, "up to 30" -> max 30). Choices:

- vague plurals take a conventional lower bound, no upper bound, qualifier ``"at_least"``:
  "a few"/"quelques" 2, "several"/"plusieurs" 3, "tens of"/"des dizaines" 20, "dozens" 24,
  "scores of" 40, "hundreds"/"des centaines" 200, "thousands"/"des milliers" 2000 (and "tens of
  thousands" 20000 ...); "100s" means at least 100;
- approximate nouns are ``"about"``: "a dozen" 12 is exact, "une dizaine" about 10, "une
  vingtaine" about 20, "une centaine" about 100;
- "one" is emitted (1); French "un"/"une" alone are not (they are mostly articles);
- "less than"/"fewer than"/"moins de" give ``max`` with qualifier ``"up_to"``;
- never emitted: years (1900-2099 unless qualified or followed by a plural noun), day numbers
  next to a month name, numeric dates, times, percentages, money, ordinals, numbers with a
  leading zero, numbers glued to letters ("F-16", "A320", "#1"), tweet numbering at line start;
- never emitted either: ages, which are no count of anyone ("aged 13 to 19", "ages 13, 17 and 19",
  "a 17-year-old", "âgés de 14 et 16 ans", "un adolescent de 17 ans", "Ana Ruiz, 17, was ...").

Arabic (text holding Arabic letters): Arabic-Indic and Persian digits, a digit with a clitic
before it ("و٣٠"), number words with their compounds ("خمسة وعشرين" 25, "ثلاثة آلاف" 3000,
"ثلاثة عشر" 13), the dual of a noun of people ("قتيلان", "طفلين": 2), vague plurals like the
English ones ("عشرات" at least 20, "مئات" 200, "آلاف" 2000), ranges "بين 10 و15", "من 10 إلى 15",
and the qualifiers "أكثر من", "ما يزيد عن", "ما لا يقل عن", "نحو", "حوالي", "قرابة", "أقل من",
"على الأقل" (before the number or after its noun). A day before a month ("15 من آذار") is no count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from claimweave.annotate import arabic as ar
from claimweave.annotate.dates import MONTH_ABBR_EN, MONTHS_EN, MONTHS_FR
from claimweave.model import Quantity

_EN_WORDS = frozenset(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion"]
)
_FR_WORDS = frozenset(
    ["un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "vingt", "vingts", "trente", "quarante", "cinquante", "soixante", "cent", "cents", "mille", "million", "millions", "milliard", "milliards"]
)
_MULT = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "cent": 100,
         "mille": 1000, "millions": 10**6, "milliard": 10**9, "milliards": 10**9}
# Vague plurals: conventional lower bound, open upper bound.
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2 * 10**6,
          "tens": 20, "several": 3, "dizaines": 20, "centaines": 200, "milliers": 2000,
          "plusieurs": 3, "quelques": 2, "few": 2}
# Approximate nouns ("une vingtaine"): about N.
_ABOUT_NOUNS = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
                "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
                "millier": 1000}
_NO_START = frozenset({"hundred", "thousand", "million", "billion", "millions",
                       "milliard", "milliards"})
_MONTH_WORDS = frozenset({*MONTHS_EN, *MONTH_ABBR_EN, *MONTHS_FR})

_TOKEN = re.compile(r"[^\W_]+")
_DIGITS = re.compile(
    r"\d{1,3}(?:(?:,|\.|\u066c|[ \u00a0\u202f](?=\d{3}(?![\d,.]\d)))\d{3})+(?![\d])|\d+(?:[.,\u066b]\d+)?"
)
_SP = r"[ \t\u00a0]"
_QUALIFIERS = re.compile(
    rf"(?i:\b(?:(?P<more_than>more{_SP}+than|over|upwards{_SP}+of|in{_SP}+excess{_SP}+of|plus{_SP}+de|plus{_SP}+d['’]|>)"
    rf"|(?P<at_least>at{_SP}+least|au{_SP}+moins|no{_SP}+(?:fewer|less){_SP}+than|not{_SP}+less{_SP}+than|a{_SP}+minimum{_SP}+of|at{_SP}+minimum)"
    rf"|(?P<up_to>up{_SP}+to|as{_SP}+many{_SP}+as|jusqu['’]à|at{_SP}+most|no{_SP}+more{_SP}+than|less{_SP}+than|fewer{_SP}+than|moins{_SP}+de|moins{_SP}+d['’]|pas{_SP}+plus{_SP}+de|au{_SP}+plus)"
    rf"|(?P<about>nearly|almost|about|around|some|roughly|approximately|approx\.|an{_SP}+estimated|estimated|close{_SP}+to|près{_SP}+de|environ|presque|quelque|approximativement))"
    rf"{_SP}*)$"
)
_RANGE_PRE = re.compile(rf"(?i:\b(?:between|from|entre|de|d['’]){_SP}*)$")
_RANGE_SEP = re.compile(rf"{_SP}*(?:-|–|—|to|à|or|ou|and|et){_SP}*")
_AT_LEAST_POST = re.compile(rf"{_SP}+(?:or{_SP}+more|ou{_SP}+plus)\b|\+")
_MONEY_PRE = re.compile(r"(?:[$€£¥]|\b(?:US\$|USD|EUR|SYP|Rs\.?))[ \u00a0]?$")
_MONEY_POST = re.compile(
    rf"(?i:{_SP}*(?:(?:million|billion|bn|m|milliards?|millions?){_SP}*)?"
    r"(?:dollars?|euros?|pounds?|usd|eur|dinars?|liras?|lires?|livres?|roubles?|rubles?|\$|€|£))(?![a-z])"
)
_NOT_COUNT_POST = re.compile(
    rf"(?i:{_SP}*(?:%|percent|per{_SP}+cent|pour{_SP}+cent|pourcent)|[:h]\d|{_SP}*(?:a\.m\.|p\.m\.|am|pm|gmt|utc)(?![a-z]))"
)
_LINE_NUMBER = re.compile(r"[ \t]*[/.)](?!\d)")
_DATE_PRE = re.compile(r"(?i:\b(?:in|since|during|until|till|by|from|of|before|after|en|depuis|fiscal|year|année|an)\s+)$")
_MULT_AFTER = re.compile(rf"{_SP}+(?P<w>hundred|thousand|million|billion|mille|millions?|milliards?)(?![a-z])")


@dataclass
class _Q:
    start: int
    end: int
    min: int | None
    max: int | None
    qualifier: str | None = None


def _qualified(q: _Q, m: re.Match[str]) -> _Q:
    """``q`` widened to the qualifier ``m`` before it ("more than", "up to", "أكثر من"), with the
    bounds that qualifier leaves open."""
    kind = next(k for k, v in m.groupdict().items() if v)
    if kind == "up_to":
        return _Q(m.start(), q.end, None, q.max, kind)
    if kind in ("more_than", "at_least"):
        return _Q(m.start(), q.end, q.min, None, kind)
    return _Q(m.start(), q.end, q.min, q.max, kind)


def _word_before(text: str, s: int) -> str:
    m = re.search(r"([^\W\d_]+)[.'’]?[ \t\u00a0]*$", text[max(0, s - 16):s])
    return m.group(1).lower() if m else ""


def _digit_core(text: str, s: int) -> _Q | None:
    """The number starting at ``s`` if it is a count, else None."""
    m = _DIGITS.match(text, s)
    if m is None:
        return None
    raw, e = m.group(), m.end()
    before = text[s - 1] if s else " "
    if before in _AR_CLITICS and (s < 2 or not text[s - 2].isalnum()):
        before = " "  # "و٣٠ جريحاً": a clitic written on the number
    if before.isalnum() or before in "#@_/:'’" or (before == "-" and s > 1 and text[s - 2].isalpha()):
        return None
    after = text[e] if e < len(text) else " "
    if len(raw) > 1 and raw[0] == "0" and raw[1].isdigit():
        return None  # 07, 0914: dates and times
    if _NOT_COUNT_POST.match(text, e) or _MONEY_PRE.search(text, max(0, s - 5), s):
        return None
    if _MONEY_POST.match(text, e):
        return None
    plural_s = after == "s" and not text[e + 1:e + 2].isalpha()
    if after.isalpha() and not plural_s:
        return None  # 1st, 3e, 10km, 24h
    decimal = re.fullmatch(r"(\d+)[.,\u066b](\d{1,2})", raw)
    if decimal is None and not re.fullmatch(r"\d+", raw):
        value = int(re.sub(r"\D", "", raw))
    elif decimal is None:
        value = int(raw)
    else:
        value = 0
    mult = _MULT_AFTER.match(text, e)
    if mult:
        if _MONEY_POST.match(text, mult.end()):
            return None
        factor = _MULT[mult.group("w").lower()]
        number = float(ar.ascii_digits(raw).replace(",", ".").replace("\u066b", ".")) if decimal else value
        return _Q(s, mult.end(), int(number * factor), int(number * factor))
    if decimal:
        return None
    if plural_s:
        if 1900 <= value <= 2099 or value < 10:
            return None  # the 1990s
        return _Q(s, e + 1, value, None, "at_least")
    # Day numbers next to a month name, and tweet numbering at line start.
    if value <= 31 and (_word_before(text, s) in _MONTH_WORDS or _word_after(text, e) in _MONTH_WORDS):
        return None
    if value <= 31 and _AR_DAY.match(text, e):
        return None  # "15 من آذار", "١٥ شباط"
    line_start = text.rfind("\n", 0, s) + 1
    if not text[line_start:s].strip() and _LINE_NUMBER.match(text, e):
        return None
    if raw.isdigit() and len(raw) == 4 and 1900 <= value <= 2099:
        noun = _word_after(text, e)
        plural = noun.endswith("s") and noun not in _NOT_NOUNS
        if _DATE_PRE.search(text, max(0, s - 12), s) or not (plural or noun in _COUNT_NOUNS):
            return None  # a year
    return _Q(s, e, value, value)


_COUNT_NOUNS = frozenset({"people", "men", "women", "children", "dead", "killed", "wounded",
                          "injured", "personnes", "morts", "civils", "blessés", "enfants", "femmes"})
_NOT_NOUNS = frozenset({"has", "was", "is", "as", "its", "this", "his", "thus", "plus", "less",
                        "unless", "versus", "saw", "sees", "brings", "marks", "begins"})
_AFTER = re.compile(r"(?:st|nd|rd|th|er)?[ \t\u00a0]+(?:of[ \t\u00a0]+)?([^\W\d_]+)")


def _word_after(text: str, e: int) -> str:
    m = _AFTER.match(text, e)
    return m.group(1).lower() if m else ""


_BLOCK = re.compile(r"\d{1,4}([./-])\d{1,2}\1\d{2,4}|\d{1,2}:\d\d|\d+/\d+|\d+/(?!\S)")


def _word_core(tokens: list[re.Match[str]], i: int, text: str, lang: str | None) -> tuple[_Q, int] | None:
    """A number written in words starting at token ``i``; returns it and the next token index."""
    word = tokens[i].group().lower()
    s = tokens[i].start()
    nxt = tokens[i + 1].group().lower() if i + 1 < len(tokens) else ""
    gap = text[tokens[i].end():tokens[i + 1].start()] if i + 1 < len(tokens) else ""
    close = i + 1 < len(tokens) and bool(re.fullmatch(r"[ \t\u00a0-]+", gap))
    # Vague plurals and approximate nouns.
    if word in _VAGUE:
        if word == "few" and _word_before(text, s) != "a":
            return None
        if word in ("tens", "scores") and not (close and nxt == "of"):
            return None
        low, j = _VAGUE[word], i + 1
        if close and nxt in ("of", "de") and i + 2 < len(tokens):
            unit = tokens[i + 2].group().lower()
            if unit in ("thousands", "milliers", "millions") and not word.startswith("few"):
                low *= {"thousands": 1000, "milliers": 1000, "millions": 10**6}[unit]
                j = i + 3
        start = tokens[i].start()
        if word == "few":
            start = text.rfind("a", 0, s)
        return _Q(start, tokens[j - 1].end(), low, None, "at_least"), j
    if word in _ABOUT_NOUNS:
        n = _ABOUT_NOUNS[word]
        return _Q(s, tokens[i].end(), n, n, "about"), i + 1
    if word in ("dozen", "douzaine"):
        return None
    if word == "a" and close and nxt in ("dozen", "hundred", "thousand", "million", "couple"):
        n = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 10**6, "couple": 2}[nxt]
        return _Q(s, tokens[i + 1].end(), n, n, "about" if nxt == "couple" else None), i + 2
    words = _FR_WORDS if lang == "fr" else _EN_WORDS if lang == "en" else _EN_WORDS | _FR_WORDS
    if word not in words:
        return None
    if word in _NO_START or (word == "sept" and tokens[i].group() != "sept"):
        return None  # "$696 billion", "Sept." (September)
    run_lang = "en" if word in _EN_WORDS and lang != "fr" else "fr"
    j, parts = i + 1, [word]
    while j < len(tokens):
        gap = text[tokens[j - 1].end():tokens[j].start()]
        w = tokens[j].group().lower()
        if not re.fullmatch(r"[ \t\u00a0-]+", gap):
            break
        if w in ("and", "et") and j + 1 < len(tokens) and tokens[j + 1].group().lower() in words:
            parts.append(w)
            j += 1
            continue
        if w in words or w == "dozen":
            parts.append(w)
            j += 1
            continue
        break
    if parts[-1] in ("and", "et"):
        parts.pop()
        j -= 1
    if parts[-1] == "dozen":
        value = _parse(parts[:-1], run_lang)
        value = value * 12 if value else None
    else:
        value = _parse(parts, run_lang)
    if value is None:
        return None
    if parts == ["un"] or parts == ["une"]:
        return None
    return _Q(s, tokens[j - 1].end(), value, value), j


def _parse(parts: list[str], lang: str) -> int | None:
    try:
        return int(text2num(" ".join(parts), lang))
    except ValueError:
        return None


_STARTERS = frozenset({*_EN_WORDS, *_FR_WORDS, *_VAGUE, *_ABOUT_NOUNS, "a"})


def _cores(text: str, lang: str | None) -> list[_Q]:
    blocked = [m.span() for m in _BLOCK.finditer(text)]
    tokens = list(_TOKEN.finditer(text))
    out: list[_Q] = []
    i, pos = 0, 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.start() < pos:
            i += 1
            continue
        g = tok.group()
        at = tok.start() + (1 if len(g) > 1 and g[0] in _AR_CLITICS and g[1].isdigit() else 0)
        if text[at].isdigit():
            q = None
            if not any(a <= at < b for a, b in blocked):
                q = _digit_core(text, at)
            if q is not None:
                out.append(q)
            digits = _DIGITS.match(text, at)
            pos = max(q.end if q else 0, digits.end() if digits else 0)
            i += 1
            continue
        if tok.group().lower() not in _STARTERS:
            i += 1
            continue
        found = _word_core(tokens, i, text, lang)
        if found is None:
            i += 1
            continue
        q, i = found
        out.append(q)
        pos = q.end
    return out


def _qualify(text: str, cores: list[_Q]) -> list[_Q]:
    """Merge ranges, then attach qualifiers stated before ("more than") or after ("or more")."""
    merged: list[_Q] = []
    k = 0
    while k < len(cores):
        q = cores[k]
        if k + 1 < len(cores) and q.min is not None and q.max == q.min:
            r = cores[k + 1]
            sep = _RANGE_SEP.fullmatch(text, q.end, r.start)
            pre = _RANGE_PRE.search(text, max(0, q.start - 10), q.start)
            joined = sep is not None and r.min is not None and r.max == r.min and r.min > q.min
            if joined and sep and sep.group().strip() in ("and", "et") and pre is None:
                joined = False
            if joined:
                start = pre.start() if pre else q.start
                merged.append(_Q(start, r.end, q.min, r.max, "range"))
                k += 2
                continue
        merged.append(q)
        k += 1
    out: list[_Q] = []
    for q in merged:
        if q.qualifier is None:
            m = _QUALIFIERS.search(text, max(0, q.start - 24), q.start)
            if m is not None:
                q = _qualified(q, m)
            else:
                post = _AT_LEAST_POST.match(text, q.end)
                if post is not None:
                    q = _Q(q.start, post.end(), q.min, None, "at_least")
        out.append(q)
    return out


# An age: after "aged"/"ages"/"at the age of"/"âgé(e)s de", the list of numbers that follows it
# ("ages 13, 17 and 19"); before "-year-old"/"years old"; "de 17 ans"; a number set off by commas or
# brackets right after a name ("Ana Ruiz, 17, was ...", "Ana Ruiz (17)").
_AGE_BEFORE = re.compile(
    r"(?i:\b(?:aged?|ages|âgée?s?(?:\s+de|\s+d['’])?|(?:at\s+|under\s+|over\s+)?the\s+ages?\s+of|"
    r"(?:à\s+)?l['’]âge\s+de)\s+(?:under\s+|below\s+|between\s+)?(?:\d{1,3}\s*(?:,|and|or|to|-|–|et|ou|à)\s*)*)$")
_AGE_AFTER = re.compile(r"(?i:[ \t\u00a0]*-?[ \t\u00a0]*(?:years?|yrs?)[ \t\u00a0]*-?[ \t\u00a0]*olds?\b|-ans?\b)")
_ANS_AFTER = re.compile(r"(?i:[ \t\u00a0]+ans\b)")
_DE_BEFORE = re.compile(r"(?i:\b(?:de|d['’])[ \t\u00a0]*)$")
_NAME_COMMA = re.compile(r"\b[A-Z][\w'’-]+(?:,[ \t\u00a0]*|[ \t\u00a0]*\()$")
_NOT_NAMES = _MONTH_WORDS | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _is_age(text: str, q: _Q) -> bool:
    if _AGE_BEFORE.search(text, max(0, q.start - 60), q.start) or _AGE_AFTER.match(text, q.end):
        return True
    if _ANS_AFTER.match(text, q.end) and _DE_BEFORE.search(text, max(0, q.start - 4), q.start):
        return True  # "un adolescent de 17 ans"
    if q.qualifier is None and q.min is not None and q.min < 120 and text[q.start].isdigit():
        m = _NAME_COMMA.search(text, max(0, q.start - 40), q.start)
        if m is not None and m.group().rstrip(", \t\u00a0(").lower() not in _NOT_NAMES:
            close = ")" if m.group().rstrip().endswith("(") else ","
            return text[q.end:q.end + 1] == close  # "Ana Ruiz, 17," / "Ana Ruiz (17)"
    return False


def find_quantities(text: str, base: int = 0, lang: str | None = None) -> list[Quantity]:
    """Quantities of ``text`` (offsets shifted by ``base``), sorted, non-overlapping."""
    out = []
    cores = _cores(text, lang)
    arabic = ar.has_arabic(text)
    if arabic:
        cores = _ar_merge(cores, _ar_cores(text))
    qs = _qualify(text, cores)
    if arabic:
        qs = _ar_qualify(text, qs)
    for q in qs:
        if _is_age(text, q) or (arabic and _ar_age(text, q)):
            continue
        out.append(Quantity(base + q.start, base + q.end, text[q.start:q.end], q.min, q.max, q.qualifier))
    return out


# ---- Arabic ----------------------------------------------------------------------------------

_AR_CLITICS = frozenset("وفبل")
_AR_SP = r"[ \t\u00a0]"
_AR_DAY = re.compile(rf"{_AR_SP}*(?:من{_AR_SP}+)?(?:شهر{_AR_SP}+)?{ar.alternation(ar.MONTH_FIRST_WORDS)}(?![^\W\d_])")
_AR_WORDS = {**ar.UNITS, **ar.TENS, **ar.HUNDREDS, **{k: v for k, v in ar.THOUSANDS.items() if k != "الاف"}}
_AR_TEEN = frozenset({"عشر", "عشره"})
_AR_AFTER_CLITIC = r"(?:(?<=[وف])|(?<![^\W\d_]))"
_AR_QUALIFIERS = re.compile(
    rf"{_AR_AFTER_CLITIC}(?:(?P<more_than>{ar.alternation(['اكثر من', 'ما يزيد عن', 'ما يزيد علي', 'يزيد عن', 'ما يربو علي', 'ازيد من', 'تجاوز', 'تجاوزت', 'يتجاوز', 'تخطي', 'فاق'])})"
    rf"|(?P<at_least>{ar.alternation(['ما لا يقل عن', 'لا يقل عن', 'علي الاقل'])})"
    rf"|(?P<up_to>{ar.alternation(['اقل من', 'ما يصل الي', 'حتي'])})"
    rf"|(?P<about>{ar.alternation(['نحو', 'حوالي', 'قرابه', 'زهاء', 'ما يقارب', 'ما يقرب من', 'تقريبا'])})){_AR_SP}*$"
)
_AR_AT_LEAST_AFTER = re.compile(rf"{_AR_SP}*(?:[^\s.،,؛]+{_AR_SP}+){{0,2}}?{ar.alternation(['علي الاقل'])}")
_AR_RANGE_SEP = re.compile(rf"{_AR_SP}*(?:و|-|–|{ar.alternation(['الي', 'حتي'])}{_AR_SP}+){_AR_SP}*")
_AR_RANGE_PRE = re.compile(rf"{_AR_AFTER_CLITIC}{ar.alternation(['بين', 'من'])}{_AR_SP}+$")
_AR_AGE = re.compile(rf"^{_AR_SP}*{ar.alternation(['عاما', 'عام', 'سنه', 'سنوات', 'اعوام', 'ربيعا'])}(?![^\W\d_])")
_AR_AGE_BEFORE = re.compile(rf"{ar.alternation(['العمر', 'عمره', 'عمرها', 'بعمر', 'عمر', 'بلغ', 'يبلغ', 'تبلغ'])}[^.،,]{{0,20}}$")


def _ar_cores(text: str) -> list[_Q]:
    """Arabic number words, duals and vague plurals."""
    toks = ar.tokens(text)
    out: list[_Q] = []
    i = 0
    while i < len(toks):
        found = _ar_at(text, toks, i)
        if found is None:
            i += 1
            continue
        q, i = found
        out.append(q)
    return out


def _ar_at(text: str, toks: list[ar.ArTok], i: int) -> tuple[_Q, int] | None:
    t = toks[i]
    for w, k in ar.stems(t.norm):
        s = t.offset(k)
        if w in ar.VAGUE and not (w in ("عده", "بضع", "بضعه") and k):
            low, j = ar.VAGUE[w], i + 1
            if j < len(toks) and toks[j].norm in ("الاف", "الالاف") and w != "الاف":
                low, j = low * 1000, j + 1
            return _Q(s, toks[j - 1].end, low, None, "at_least"), j
        if ar.dual(w):
            return _Q(s, t.end, 2, 2), i + 1
        if w in _AR_WORDS:
            return _ar_words(text, toks, i, w, s)
    return None


def _ar_words(text: str, toks: list[ar.ArTok], i: int, first: str, s: int) -> tuple[_Q, int] | None:
    """A number in words from token ``i`` ("خمسة وعشرين", "ثلاث مئة", "ثلاثة آلاف", "ثلاثة عشر")."""
    nxt = toks[i + 1].norm if i + 1 < len(toks) else ""
    if first in ("احد", "احدي", "اثنا", "اثني") and nxt not in _AR_TEEN:
        return None  # "أحد" alone is "one of"
    total, cur, j, prev_unit = 0, 0, i, False
    while j < len(toks):
        w, wa = first, False
        if j > i:
            if text[toks[j - 1].end:toks[j].start].strip():
                break
            w = toks[j].norm
            wa = w.startswith("و") and w[1:] in _AR_WORDS
            w = w[1:] if wa else w
            if not wa and not (w in ar.HUNDREDS and prev_unit or w in ar.THOUSANDS and cur
                               or w in _AR_TEEN and prev_unit):
                break
        if w in _AR_TEEN and prev_unit and j > i:
            cur += 10
        elif w in ar.UNITS:
            cur += ar.UNITS[w]
        elif w in ar.TENS:
            cur += ar.TENS[w]
        elif w in ar.HUNDREDS:
            cur = cur * 100 if prev_unit and not wa else cur + ar.HUNDREDS[w]
        elif w in ar.THOUSANDS:
            if w in ("الفان", "الفين"):
                total += 2000
            else:
                total += (cur if cur and not wa else 1) * 1000 + (cur if wa else 0)
            cur = 0
        prev_unit = w in ar.UNITS and not (j > i and w in _AR_TEEN)
        j += 1
    value = total + cur
    if value <= 0:
        return None
    return _Q(s, toks[j - 1].end, value, value), j


def _ar_merge(cores: list[_Q], words: list[_Q]) -> list[_Q]:
    """Digit cores and Arabic word cores, sorted; a word core overlapping a digit core is dropped."""
    kept = [w for w in words if not any(c.start < w.end and w.start < c.end for c in cores)]
    return sorted([*cores, *kept], key=lambda q: q.start)


def _ar_qualify(text: str, qs: list[_Q]) -> list[_Q]:
    merged: list[_Q] = []
    k = 0
    while k < len(qs):
        q = qs[k]
        if k + 1 < len(qs) and q.qualifier is None and q.min is not None and q.max == q.min:
            r = qs[k + 1]
            sep = _AR_RANGE_SEP.fullmatch(text, q.end, r.start)
            pre = _AR_RANGE_PRE.search(text, max(0, q.start - 8), q.start)
            if sep is not None and r.qualifier is None and r.min is not None and r.max == r.min \
                    and r.min > q.min and (pre is not None or sep.group().strip() in ("-", "–")):
                merged.append(_Q(pre.start() if pre else q.start, r.end, q.min, r.max, "range"))
                k += 2
                continue
        merged.append(q)
        k += 1
    out = []
    for q in merged:
        if q.qualifier is None:
            m = _AR_QUALIFIERS.search(text, max(0, q.start - 24), q.start)
            if m is not None:
                q = _qualified(q, m)
            elif _AR_AT_LEAST_AFTER.match(text, q.end):
                q = _Q(q.start, q.end, q.min, None, "at_least")  # "١٢ مدنياً على الأقل"
        out.append(q)
    return out


def _ar_age(text: str, q: _Q) -> bool:
    """"يبلغ من العمر ١٢ عاماً", "طفل بعمر ٧ سنوات": an age, no count."""
    return bool(_AR_AGE.match(text[q.end:q.end + 12])) and bool(
        _AR_AGE_BEFORE.search(text, max(0, q.start - 30), q.start))
