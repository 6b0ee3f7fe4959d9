"""Quantities in English and French text: numbers, ranges, qualified and vague counts.

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
  leading zero, numbers glued to letters ("F-16", "A320", "#1"), tweet numbering at line start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from claimweave.annotate.dates import MONTH_ABBR_EN, MONTHS_EN, MONTHS_FR
from claimweave.model import Quantity

_EN_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion".split()
)
_FR_WORDS = frozenset(
    "un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize "
    "vingt vingts trente quarante cinquante soixante cent cents mille million millions milliard "
    "milliards".split()
)
_MULT = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "cent": 100,
         "mille": 1000, "millions": 10**6, "million.": 10**6, "milliard": 10**9, "milliards": 10**9}
# Vague plurals: conventional lower bound, open upper bound.
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2 * 10**6,
          "tens": 20, "several": 3, "dizaines": 20, "centaines": 200, "milliers": 2000,
          "plusieurs": 3, "quelques": 2, "few": 2}
# Approximate nouns ("une vingtaine"): about N.
_ABOUT_NOUNS = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
                "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
                "millier": 1000}
_MONTH_WORDS = frozenset({*MONTHS_EN, *MONTH_ABBR_EN, *MONTHS_FR})

_TOKEN = re.compile(r"[^\W_]+")
_DIGITS = re.compile(
    r"\d{1,3}(?:(?:,|\.|[ \u00a0\u202f](?=\d{3}(?![\d,.]\d)))\d{3})+(?![\d])|\d+(?:[.,]\d+)?"
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
_NOUN_AFTER = re.compile(r"[ \t]+(?P<w>[a-zé]+)")
_MULT_AFTER = re.compile(rf"{_SP}+(?P<w>hundred|thousand|million|billion|mille|millions?|milliards?)(?![a-z])")


@dataclass
class _Q:
    start: int
    end: int
    min: int | None
    max: int | None
    qualifier: str | None = None


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
    if before.isalnum() or before in "#@_/:'’" or (before == "-" and s > 1 and text[s - 2].isalpha()):
        return None
    after = text[e] if e < len(text) else " "
    if after == "/" or (after in ".-" and text[e + 1:e + 2].isdigit() and raw.isdigit()
                        and re.match(r"[.-]\d+[.-]\d", text[e:e + 8])):
        return None
    if len(raw) > 1 and raw[0] == "0" and raw[1].isdigit():
        return None  # 07, 0914: dates and times
    if _NOT_COUNT_POST.match(text, e) or _MONEY_PRE.search(text, max(0, s - 5), s):
        return None
    if _MONEY_POST.match(text, e):
        return None
    plural_s = after == "s" and not text[e + 1:e + 2].isalpha()
    if after.isalpha() and not plural_s:
        return None  # 1st, 3e, 10km, 24h
    decimal = re.fullmatch(r"(\d+)[.,](\d{1,2})", raw)
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
        number = float(raw.replace(",", ".")) if decimal else value
        return _Q(s, mult.end(), int(number * factor), int(number * factor))
    if decimal:
        return None
    if plural_s:
        if 1900 <= value <= 2099 or value < 10:
            return None  # the 1990s
        return _Q(s, e + 1, value, None, "at_least")
    # Day numbers next to a month name, and tweet numbering at line start.
    if _word_before(text, s) in _MONTH_WORDS and value <= 31:
        return None
    nxt = _NOUN_AFTER.match(text, e)
    if nxt and nxt.group("w") in _MONTH_WORDS and value <= 31 or (
            value <= 31 and re.match(r"(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?[A-Z][a-z]+", text[e:e + 16])
            and _word_before(text[e:e + 30].split(None, 2)[-1] if False else "", 0) == ""
            and re.match(r"[ \t]+(?:of[ \t]+)?(?:" + "|".join(w.capitalize() for w in MONTHS_EN) + ")", text[e:e + 16])):
        return None
    line_start = text.rfind("\n", 0, s) + 1
    if not text[line_start:s].strip() and _LINE_NUMBER.match(text, e):
        return None
    if raw.isdigit() and len(raw) == 4 and 1900 <= value <= 2099:
        noun = nxt.group("w") if nxt else ""
        if _DATE_PRE.search(text, max(0, s - 12), s) or not (noun.endswith("s") or noun in _COUNT_NOUNS):
            return None  # a year, unless qualified (checked by the caller) -- see _year_ok
    return _Q(s, e, value, value)


_COUNT_NOUNS = frozenset({"people", "men", "women", "children", "dead", "killed", "wounded",
                          "injured", "personnes", "morts", "civils", "blessés", "enfants", "femmes"})
