"""Date mentions in English and French text, resolved against the publication date.

Compiled regexes only (dateparser's search is far too slow). Choices:

- a month+day without a year takes the latest year that is not after ``published`` (news reports
  past events); without ``published`` the year and the interval stay ``None``;
- weekdays ("on Friday", "this Wednesday") resolve to the most recent such day on or before
  ``published``; "last Friday"/"vendredi dernier" strictly before, "next Friday" strictly after;
- weeks run Monday to Sunday; "since X"/"depuis X" stretches X's interval up to ``published``;
- "early/mid/late September" keeps month precision over days 1-10, 11-20 and 21-end;
- numeric dates: ISO Y-M-D; D.M.Y and D-M-Y are day first; D/M/Y vs M/D/Y is decided only when
  one reading is impossible or after ``published``, otherwise only the year is kept;
- seasons are meteorological; "winter 2017" is Dec 2016 - Feb 2017.

Arabic (text holding Arabic letters): both month systems, alone or paired ("آذار/مارس",
"15 آذار (مارس) 2017", "الخامس"-style ordinals are not read), Arabic-Indic digits, weekdays
("يوم الجمعة", "الأحد الماضي"), "اليوم", "أمس"/"البارحة", "أول أمس", "الأسبوع الماضي", "الشهر
الماضي", "العام الماضي", and "عام 2017". A bare month needs a word before it ("في", "خلال",
"منذ", "مطلع", "أواخر", "شهر"...) or a year or "الماضي" after it: "مارس" is also a verb.

Simple prepositions ("on", "in", "le", "en") stay outside the mention; modifiers that change the
meaning ("last", "since", "early", "dernier") are inside it.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Iterable
from datetime import date, timedelta

from claimweave.annotate import arabic as ar
from claimweave.model import DateMention, DateValue

MONTHS_EN = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBR_EN = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
MONTHS_FR = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
WEEKDAYS_EN = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
WEEKDAY_ABBR_EN = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5,
    "sun": 6,
}
WEEKDAYS_FR = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}
_MONTH = {**MONTHS_EN, **MONTH_ABBR_EN, **MONTHS_FR}
_WEEKDAY = {**WEEKDAYS_EN, **WEEKDAY_ABBR_EN, **WEEKDAYS_FR}
_SMALL = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4,
    "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
}
_FEW = ("few", "couple", "several", "quelques", "plusieurs")
_PARTS = {
    "early": "early", "the beginning of": "early", "the start of": "early", "début": "early",
    "debut": "early", "mid": "mid", "the middle of": "mid", "mi": "mid", "late": "late",
    "the end of": "late", "fin": "late",
}
_SEASONS = {
    "spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12,
    "printemps": 3, "été": 6, "ete": 6, "automne": 9, "hiver": 12,
}


def _lit(words: Iterable[str], lower: bool = True) -> str:
    """Alternation of literal case variants, longest first.

    Every pattern starts with a plain literal alternation (or a digit) so that the regex engine's
    prefix scan applies: optional prefixes ("last", "Friday,", "early") are matched backwards
    from the anchor afterwards, which keeps the finder at about 1 µs per word.
    """
    variants: set[str] = set()
    for w in words:
        variants.update({w.capitalize(), w.upper()} | ({w} if lower else set()))
    alts = sorted(variants, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(v).replace(r"\ ", _SP + "+") for v in alts) + ")"


_SP = r"[ \t\u00a0]"
_APOS = "['’]"
_YEAR = r"(?:19|20)\d\d(?![\d%])"
_ORD = r"(?:st|nd|rd|th)?"
_MON_EN = _lit([*MONTHS_EN, *MONTH_ABBR_EN], lower=False) + r"(?![a-zA-Z])"
_MON_FR = _lit(MONTHS_FR) + r"(?![a-zà-ÿ])"
_MON = f"(?:{_MON_EN}|{_MON_FR})"
_WD_ANY = _lit([*WEEKDAYS_EN, *WEEKDAY_ABBR_EN], lower=False) + r"\.?|" + _lit(WEEKDAYS_FR)
_N = (r"\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|a\s+couple\s+of"
      r"|several|few")
_N_FR = r"\d{1,2}|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quelques|plusieurs"
_REL_EN = (
    "today", "tonight", "yesterday", "the day before yesterday", "last night", "this morning",
    "this afternoon", "this evening", "this week", "this month", "this year", "earlier this week",
    "earlier this month", "earlier this year", "later this week", "later this month",
    "later this year", "last week", "last weekend", "last month", "last year", "the past week",
    "the past month", "the past year", "the previous week", "the previous month",
    "the previous year", "the last week", "the last month", "the last year",
)
_REL_FR = (
    "aujourd'hui", "aujourd’hui", "avant-hier", "hier soir", "hier", "ce matin", "cette nuit",
    "cette semaine", "plus tôt cette semaine", "cette année", "plus tôt cette année", "ce mois-ci",
    "ce mois", "plus tôt ce mois-ci", "la semaine dernière", "la semaine passée",
    "le mois dernier", "le mois passé", "l'an dernier", "l'an passé", "l'année dernière",
    "l'année passée", "l’an dernier", "l’an passé", "l’année dernière", "l’année passée",
)


def _pre(body: str) -> re.Pattern[str]:
    """A prefix matched backwards from an anchor: it must end right where the anchor starts."""
    return re.compile(rf"(?i:\b(?:{body}))$")


_WD_PRE = _pre(rf"(?P<wd>{_WD_ANY}),?{_SP}+(?:the{_SP}+|le{_SP}+)?")
_PART_PRE = _pre(
    rf"(?P<part>early|mid|late|the{_SP}+(?:beginning|start|middle|end){_SP}+of|début|debut|mi|fin)"
    rf"[ \t\u00a0-]+|(?P<mod>last|this|next|past){_SP}+"
)
_YEAR_PRE = _pre(
    rf"(?P<prep>in|since|during|until|till|by|from|through|throughout|before|after|early|mid|late"
    rf"|the{_SP}+(?:beginning|start|middle|end){_SP}+of|en|depuis|avant|après|jusqu{_APOS}en"
    rf"|début|debut|fin|courant)[ \t\u00a0-]+"
)
_RANGE_PRE = _pre(rf"(?:between|from|entre|de){_SP}+")
_SEASON_PRE = _pre(rf"(?P<mod>last|this|next|the|cet?|au|l{_APOS}|à{_SP}+l{_APOS}){_SP}*")
_WEEKDAY_PRE = _pre(rf"(?P<mod>last|this|next|past|ce){_SP}+")
_AGO_PRE = _pre(rf"(?P<n>{_N}){_SP}+")

# (anchor pattern, kind, backward prefix, prefix required)
_RULES: list[tuple[str, str, re.Pattern[str] | None, bool]] = [
    (rf"(?P<mon>{_MON_EN})(?:(?<=[a-z])\.)?{_SP}*(?P<day>\d\d?){_ORD}(?:,?{_SP}*(?P<year>{_YEAR}))?(?!\d)",
     "md", _WD_PRE, False),
    (rf"(?P<day>\d(?<![\w.,:/]\d)\d?|1er){_ORD}{_SP}+(?:of{_SP}+)?(?P<mon>{_MON})(?:\.?,?{_SP}*(?P<year>{_YEAR}))?",
     "md", _WD_PRE, False),
    (rf"(?P<mon>{_MON})(?:\.?,?{_SP}+(?:of{_SP}+)?(?P<year>{_YEAR})|{_SP}?{_APOS}(?P<yy>\d\d)(?!\d)"
     rf"|{_SP}+(?P<mod2>dernier|passé|prochain)(?![a-z]))?", "month", _PART_PRE, False),
    (rf"(?P<year>{_YEAR}){_SP}*(?:and|to|-|–|et|à){_SP}*(?P<year2>{_YEAR})", "years", _RANGE_PRE, True),
    (rf"(?P<year>{_YEAR})", "year", _YEAR_PRE, True),
    (rf"(?P<season>{_lit(_SEASONS)})(?![a-z])(?:{_SP}+(?:of{_SP}+)?(?P<year>{_YEAR})"
     rf"|{_SP}+(?P<mod2>dernier|prochain))?", "season", _SEASON_PRE, False),
    (rf"(?P<wd>{_lit(WEEKDAYS_EN, lower=False)}|{_lit(WEEKDAYS_FR)})(?![a-z])"
     rf"(?:{_SP}+(?P<mod2>dernier|passé|prochain))?"
     rf"(?:{_SP}+(?:morning|afternoon|evening|night|matin|soir|après-midi))?(?![a-z])",
     "weekday", _WEEKDAY_PRE, False),
    (rf"(?P<unit>{_lit(('day', 'week', 'month', 'year'))})s?{_SP}+ago(?![a-z])", "ago", _AGO_PRE, True),
    (rf"{_lit(('il y a',))}{_SP}+(?P<n>{_N_FR}){_SP}+(?P<unit>jour|semaine|mois|an|année)s?(?![a-z])",
     "ago", None, False),
    (rf"(?P<rel>{_lit(_REL_EN + _REL_FR)})(?![\w])", "rel", None, False),
    (r"(?P<a>\d\d?\d?\d?)(?P<sep>[./-])(?P<b>\d\d?)(?P=sep)(?P<c>\d\d\d?\d?)(?!\d)", "numeric",
     None, False),
]
_COMPILED = [(re.compile(p), k, pre, req) for p, k, pre, req in _RULES]
_SINCE = re.compile(r"(?i:\b(?:ever\s+)?since|depuis(?:\s+le)?)\s+$")
_SINCE_IN = re.compile(r"(?i:since|depuis)\s")
_BARE_MONTH_PREP = re.compile(
    r"(?i:\b(?:in|since|during|until|till|by|from|through|throughout|of|before|after|between|"
    r"and|to|en|depuis|de|au|à|jusqu'en|jusqu’en|avant|après)\s+|\bd['’])$"
)


# ---- interval helpers ------------------------------------------------------------------------


def _iso(d: date) -> str:
    return d.isoformat()


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _day_value(text: str, d: date) -> DateValue:
    return DateValue(text, _iso(d), _iso(d), d.year, d.month, d.day, "day")


def _span_value(text: str, a: date, b: date, precision: str) -> DateValue:
    year = a.year if a.year == b.year else None
    month = a.month if year is not None and a.month == b.month else None
    day = a.day if a == b else None
    return DateValue(text, _iso(a), _iso(b), year, month, day, precision)


def _month_value(text: str, y: int, m: int, part: str | None = None) -> DateValue:
    first, last = 1, _last_day(y, m)
    if part == "early":
        last = 10
    elif part == "mid":
        first, last = 11, 20
    elif part == "late":
        first = 21
    return DateValue(text, _iso(date(y, m, first)), _iso(date(y, m, last)), y, m, None, "month")


def _year_value(text: str, y: int, part: str | None = None) -> DateValue:
    a, b = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}.get(part or "", (1, 12))
    return DateValue(text, f"{y}-{a:02d}-01", _iso(date(y, b, _last_day(y, b))), y, None, None, "year")


def _week_of(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def _month_day(text: str, m: int, d: int, year: int | None, pub: date | None) -> DateValue | None:
    if year is None and pub is not None:
        year = pub.year if (m, d) <= (pub.month, pub.day) else pub.year - 1
    if year is None:
        if d > _last_day(2000, m):
            return None
        return DateValue(text, None, None, None, m, d, "day")
    day = _safe(year, m, d)
    return _day_value(text, day) if day else None


def _month_only(text: str, m: int, year: int | None, pub: date | None, part: str | None,
                mod: str | None) -> DateValue:
    if year is None and pub is not None:
        if mod in ("next", "prochain"):
            year = pub.year if m > pub.month else pub.year + 1
        elif mod in ("last", "dernier", "passé"):
            year = pub.year if m < pub.month else pub.year - 1
        else:
            year = pub.year if m <= pub.month else pub.year - 1
    if year is None:
        return DateValue(text, None, None, None, m, None, "month")
    return _month_value(text, year, m, part)


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + delta
    return k // 12, k % 12 + 1


# ---- handlers --------------------------------------------------------------------------------


def _norm(s: str | None) -> str:
    return " ".join((s or "").lower().replace("’", "'").rstrip(".").split())


Groups = dict[str, str | None]


def _h_md(g: Groups, text: str, pub: date | None, before: str) -> DateValue | None:
    day_s = g["day"] or ""
    day = 1 if day_s.lower() == "1er" else int(day_s)
    if not 1 <= day <= 31:
        return None
    year = int(g["year"] or 0) or None
    return _month_day(text, _MONTH[_norm(g["mon"])], day, year, pub)


def _h_month(g: Groups, text: str, pub: date | None, before: str) -> DateValue | None:
    name = _norm(g["mon"])
    year = int(g.get("year") or 0) or None
    if g.get("yy"):
        year = 2000 + int(g["yy"] or 0)
    part = _PARTS.get(_norm(g.get("part"))) if g.get("part") else None
    mod = _norm(g.get("mod") or g.get("mod2")) or None
    # A bare month name needs a preposition before it ("May", "mars" are common words).
    bare = year is None and part is None and mod is None
    if bare and (name in MONTH_ABBR_EN or not _BARE_MONTH_PREP.search(before)):
        return None
    return _month_only(text, _MONTH[name], year, pub, part, mod)


def _h_year(g: Groups, text: str, pub: date | None, before: str) -> DateValue | None:
    prep = _norm(g.get("prep"))
    return _year_value(text, int(g["year"] or 0), _PARTS.get(prep))


def _h_years(g: Groups, text: str, pub: date | None, before: str) -> DateValue | None:
    a, b = int(g["year"] or 0), int(g["year2"] or 0)
    if b < a:
        return None
    return DateValue(text, f"{a}-01-01", f"{b}-12-31", a if a == b else None, None, None, "year")


def _h_season(g: Groups, text: str, pub: date | None, before: str) -> DateValue | None:
    mod, mod2 = _norm(g.get("mod")), _norm(g.get("mod2"))
    start_month = _SEASONS[_norm(g["season"])]
    last = mod == "last" or mod2 == "dernier"
    if g.get("year"):
        year = int(g["year"] or 0)
        if start_month == 12:  # the winter whose January lies in ``year``
            year -= 1
    elif last or mod in ("this", "ce", "cet"):
        if pub is None:
            return DateValue(text, None, None, None, None, None, "season")
        year = pub.year if pub.month >= start_month else pub.year - 1  # latest season begun
        end_y, end_m = _shift_month(year, start_month, 2)
        if last and pub <= date(end_y, end_m, _last_day(end_y, end_m)):
            year -= 1  # still running: "last summer" is the one before
    else:
        return None
    end_y, end_m = _shift_month(year, start_month, 2)
    first = date(year, start_month, 1)
    last_day = date(end_y, end_m, _last_day(end_y, end_m))
    return DateValue(text, _iso(first), _iso(last_day), end_y, None, None, "season")


def _h_weekday(g: Groups, text: str, pub: date | None, before: str) -> DateValue | None:
    mod, mod2 = _norm(g.get("mod")), _norm(g.get("mod2"))
    if pub is None:
        return DateValue(text, None, None, None, None, None, "day")
    wd = _WEEKDAY[_norm(g["wd"])]
    if mod == "next" or mod2 == "prochain":
        delta = -((wd - pub.weekday()) % 7 or 7)
    elif mod in ("last", "past") or mod2 in ("dernier", "passé"):
        delta = (pub.weekday() - wd) % 7 or 7
    else:
        delta = (pub.weekday() - wd) % 7
    return _day_value(text, pub - timedelta(days=delta))


def _count(word: str | None) -> int | None:
    w = _norm(word)
    if w.isdigit():
        return int(w)
    if any(f in w for f in _FEW):
        return None
    return _SMALL.get(w)


_UNITS = {"jour": "day", "semaine": "week", "mois": "month", "an": "year", "année": "year"}


def _h_ago(g: Groups, text: str, pub: date | None, before: str) -> DateValue | None:
    n = _count(g["n"])
    unit = _norm(g["unit"])
    unit = _UNITS.get(unit, unit)
    if n is None and unit != "day":
        return None
    precision = "week" if n is None else unit
    if pub is None:
        return DateValue(text, None, None, None, None, None, precision)
    if n is None:  # "a few"/"several" days: 2 to 7 days
        return _span_value(text, pub - timedelta(days=7), pub - timedelta(days=2), "week")
    if unit == "day":
        return _day_value(text, pub - timedelta(days=n))
    if unit == "week":
        return _span_value(text, *_week_of(pub - timedelta(days=7 * n)), "week")
    if unit == "month":
        return _month_value(text, *_shift_month(pub.year, pub.month, -n))
    return _year_value(text, pub.year - n)


_REL_KEYS = {
    "today": "today", "tonight": "today", "this morning": "today", "this afternoon": "today",
    "this evening": "today", "aujourd'hui": "today", "ce matin": "today", "cette nuit": "today",
    "yesterday": "yesterday", "last night": "yesterday", "hier": "yesterday",
    "hier soir": "yesterday", "the day before yesterday": "-2", "avant-hier": "-2",
    "last week": "last_week", "the previous week": "last_week", "la semaine dernière": "last_week",
    "la semaine passée": "last_week", "the past week": "past_week", "the last week": "past_week",
    "this week": "this_week", "earlier this week": "this_week", "later this week": "this_week",
    "cette semaine": "this_week", "plus tôt cette semaine": "this_week",
    "last weekend": "weekend", "last month": "last_month", "the previous month": "last_month",
    "le mois dernier": "last_month", "le mois passé": "last_month", "the past month": "past_month",
    "the last month": "past_month", "this month": "this_month", "earlier this month": "this_month",
    "later this month": "this_month", "ce mois": "this_month", "ce mois-ci": "this_month",
    "plus tôt ce mois-ci": "this_month", "last year": "last_year", "the previous year": "last_year",
    "l'an dernier": "last_year", "l'an passé": "last_year", "l'année dernière": "last_year",
    "l'année passée": "last_year", "the past year": "past_year", "the last year": "past_year",
    "this year": "this_year", "earlier this year": "this_year", "later this year": "this_year",
    "cette année": "this_year", "plus tôt cette année": "this_year",
}
_REL_PRECISION = {"today": "day", "yesterday": "day", "-2": "day", "weekend": "week"}
_REL_DAYS = {"today": 0, "yesterday": 1, "-2": 2}


def _h_rel(g: Groups, text: str, pub: date | None, before: str) -> DateValue | None:
    key = _REL_KEYS.get(_norm(g["rel"]))
    if key is None:
        return None
    precision = _REL_PRECISION.get(key) or key.split("_")[-1]
    if pub is None:
        return DateValue(text, None, None, None, None, None, precision)
    if key in _REL_DAYS:
        return _day_value(text, pub - timedelta(days=_REL_DAYS[key]))
    if key == "weekend":
        sunday = pub - timedelta(days=(pub.weekday() + 1) % 7 or 7)
        return _span_value(text, sunday - timedelta(days=1), sunday, "week")
    if key == "last_week":
        return _span_value(text, *_week_of(pub - timedelta(days=7)), "week")
    if key == "this_week":
        return _span_value(text, _week_of(pub)[0], pub, "week")
    if key == "past_week":
        return _span_value(text, pub - timedelta(days=7), pub, "week")
    if key == "last_month":
        return _month_value(text, *_shift_month(pub.year, pub.month, -1))
    if key == "this_month":
        return DateValue(text, _iso(pub.replace(day=1)), _iso(pub), pub.year, pub.month, None, "month")
    if key == "past_month":
        return _span_value(text, pub - timedelta(days=30), pub, "month")
    if key == "last_year":
        return _year_value(text, pub.year - 1)
    if key == "this_year":
        return DateValue(text, f"{pub.year}-01-01", _iso(pub), pub.year, None, None, "year")
    return _span_value(text, pub - timedelta(days=365), pub, "year")  # past_year


def _h_numeric(g: Groups, text: str, pub: date | None, before: str) -> DateValue | None:
    if before and (before[-1].isalnum() or before[-1] in "./-,:"):
        return None
    a, b, c, sep = ar.ascii_digits(g["a"] or ""), int(g["b"] or 0), ar.ascii_digits(g["c"] or ""), g["sep"]
    if len(a) == 4 and sep == "-" and len(c) <= 2:
        d = _safe(int(a), b, int(c))  # ISO year-month-day
    elif len(c) != 4 or len(a) > 2 or not c.startswith(("19", "20")):
        return None
    elif sep != "/":
        d = _safe(int(c), b, int(a))  # D.M.Y and D-M-Y are day first
    else:
        y, first = int(c), int(a)
        options = {x for x in (_safe(y, b, first), _safe(y, first, b)) if x and (pub is None or x <= pub)}
        if len(options) != 1:
            return _year_value(text, y) if options else None
        d = options.pop()
    return _day_value(text, d) if d else None


# ---- Arabic ----------------------------------------------------------------------------------

_AR_SP = r"[ \t\u00a0]"
_AR_D = "[0-9\u0660-\u0669\u06f0-\u06f9]"
_AR_YEAR = f"(?:19|20|\u0661\u0669|\u0662\u0660|\u06f1\u06f9|\u06f2\u06f0){_AR_D}{_AR_D}(?!{_AR_D})"
_AR_MON1 = ar.alternation(ar.MONTHS)
# "آذار/مارس", "آذار (مارس)", "شهر آذار"
_AR_MON = rf"(?:شهر{_AR_SP}+)?(?P<mon>{_AR_MON1})(?:{_AR_SP}*[/(-]{_AR_SP}*{_AR_MON1}{_AR_SP}*\)?)?"
_AR_YEAR_PART = rf"[ \t\u00a0,،]*(?:من{_AR_SP}+)?(?:(?:ال)?عام{_AR_SP}+|سن[ةه]{_AR_SP}+)?(?P<year>{_AR_YEAR})(?:{_AR_SP}*م(?![^\W\d_]))?"
_AR_WD = rf"(?:يوم{_AR_SP}+)?(?P<wd>{ar.alternation(ar.WEEKDAYS)})"
_AR_MOD = rf"{_AR_SP}+(?P<mod>{ar.alternation(['الماضي', 'الماضيه', 'المنصرم', 'المنصرمه', 'الفائت', 'الفائته', 'المقبل', 'القادم', 'الجاري', 'الحالي'])})"
_AR_TIME = rf"(?:(?:فجر|صباح|ظهر|عصر|مساء|ليل[ةه]?|منتصف{_AR_SP}+ليل[ةه]?){_AR_SP}+)?"
_AR_PART = {"مطلع": "early", "اوائل": "early", "بدايه": "early", "اول": "early", "منتصف": "mid",
            "اواسط": "mid", "اواخر": "late", "نهايه": "late", "اخر": "late"}
# A simple preposition stays outside the mention; a part of the month is inside it.
_AR_PREP = rf"(?:(?P<prep>{ar.alternation(['في', 'خلال', 'منذ', 'حتي', 'قبل', 'بعد'])}){_AR_SP}+)?(?P<s>(?:(?P<part>{ar.alternation(_AR_PART)}){_AR_SP}+)?"
_AR_REL = {"اليوم": "today", "امس": "yesterday", "الامس": "yesterday", "البارحه": "yesterday",
           "الليله الماضيه": "yesterday", "اول امس": "-2", "اول من امس": "-2", "امس الاول": "-2",
           "الاسبوع الماضي": "last_week", "الاسبوع الفائت": "last_week", "هذا الاسبوع": "this_week",
           "الشهر الماضي": "last_month", "الشهر الفائت": "last_month", "هذا الشهر": "this_month",
           "العام الماضي": "last_year", "السنه الماضيه": "last_year", "هذا العام": "this_year"}
_AR_B = r"(?<![^\W\d_])"  # no letter before (a clitic is taken by the rule itself)
_AR_CL = r"(?:[وفب](?=[^\W\d_]))?"
_AR_RULES = [
    (rf"{_AR_B}{_AR_CL}(?P<s>(?:{_AR_WD}[ \t\u00a0,،]+)?(?P<day>{_AR_D}{{1,2}}){_AR_SP}*(?:من{_AR_SP}+)?{_AR_MON}(?:{_AR_YEAR_PART})?)", "ar_md"),
    (rf"{_AR_B}{_AR_CL}{_AR_PREP}{_AR_MON}(?:{_AR_YEAR_PART}|{_AR_MOD})?)(?![^\W\d_])", "ar_month"),
    (rf"{_AR_B}{_AR_CL}(?P<s>{_AR_TIME}(?:يوم{_AR_SP}+)?(?P<rel>{ar.alternation(_AR_REL)}))(?![^\W\d_])", "ar_rel"),
    (rf"{_AR_B}{_AR_CL}(?P<s>{_AR_TIME}{_AR_WD}(?:{_AR_MOD})?)(?![^\W\d_])", "ar_weekday"),
    (rf"{_AR_B}{_AR_CL}{_AR_PREP}(?:(?:ال)?عام|سن[ةه]){_AR_SP}+(?P<year>{_AR_YEAR}))", "ar_year"),
]
_AR_COMPILED = [(re.compile(p), k) for p, k in _AR_RULES]
_AR_LAST = frozenset({"الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته"})
_AR_NEXT = frozenset({"المقبل", "القادم"})


def _arabic_candidates(text: str) -> list[tuple[int, int, Groups, str]]:
    found: list[tuple[int, int, Groups, str]] = []
    for rx, kind in _AR_COMPILED:
        for m in rx.finditer(text):
            g: Groups = m.groupdict()
            found.append((m.start("s"), m.end("s"), g, kind))
    return found


def _ar_year(g: Groups) -> int | None:
    year = g.get("year")
    return int(ar.ascii_digits(year)) if year else None


def _h_ar_md(g: Groups, text: str, pub: date | None, before: str) -> DateValue | None:
    day = int(ar.ascii_digits(g["day"] or "0"))
    if not 1 <= day <= 31:
        return None
    return _month_day(text, ar.MONTHS[ar.norm(g["mon"] or "")], day, _ar_year(g), pub)


def _h_ar_month(g: Groups, text: str, pub: date | None, before: str) -> DateValue | None:
    mod = ar.norm(g.get("mod") or "")
    part = ar.norm(g.get("part") or "")
    year = _ar_year(g)
    if year is None and not mod and not part and not g.get("prep") and not text.startswith("شهر"):
        return None  # a bare "مارس" may be a verb
    m = ar.MONTHS[ar.norm(g["mon"] or "")]
    eng_mod = "last" if mod in _AR_LAST else "next" if mod in _AR_NEXT else None
    return _month_only(text, m, year, pub, _AR_PART.get(part), eng_mod)


def _h_ar_rel(g: Groups, text: str, pub: date | None, before: str) -> DateValue | None:
    key = _AR_REL[" ".join(ar.norm(g["rel"] or "").split())]
    return _h_rel({"rel": key.replace("_", " ") if "_" in key else _REL_NAME[key]}, text, pub, before)


_REL_NAME = {"today": "today", "yesterday": "yesterday", "-2": "avant-hier"}


def _h_ar_weekday(g: Groups, text: str, pub: date | None, before: str) -> DateValue | None:
    mod = ar.norm(g.get("mod") or "")
    wd = ar.WEEKDAYS[ar.norm(g["wd"] or "")]
    name = [k for k, v in WEEKDAYS_EN.items() if v == wd][0]
    eng = "last" if mod in _AR_LAST else "next" if mod in _AR_NEXT else None
    return _h_weekday({"wd": name, "mod": eng}, text, pub, before)


def _h_ar_year(g: Groups, text: str, pub: date | None, before: str) -> DateValue | None:
    year = _ar_year(g)
    return _year_value(text, year, _AR_PART.get(ar.norm(g.get("part") or ""))) if year else None


_HANDLERS: dict[str, Callable[[Groups, str, date | None, str], DateValue | None]] = {
    "md": _h_md, "month": _h_month, "year": _h_year, "years": _h_years, "season": _h_season,
    "weekday": _h_weekday, "ago": _h_ago, "rel": _h_rel, "numeric": _h_numeric,
    "ar_md": _h_ar_md, "ar_month": _h_ar_month, "ar_rel": _h_ar_rel, "ar_weekday": _h_ar_weekday,
    "ar_year": _h_ar_year,
}


def _pub(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _since(text: str, s: int, e: int, val: DateValue, pub: date | None) -> tuple[int, DateValue]:
    """Stretch "since X"/"depuis X" from X's start up to the publication date."""
    m = _SINCE.search(text, max(0, s - 20), s)
    if m is None and not _SINCE_IN.match(val.text):
        return s, val
    s = m.start() if m else s
    start, end, year = val.start, val.end, val.year
    if pub is not None and start is not None and start <= _iso(pub):
        end = _iso(pub)
        year = year if year == pub.year else None
    month = val.month if end == val.end else None
    day = val.day if end == val.end else None
    return s, DateValue(text[s:e], start, end, year, month, day, val.precision)


_TOKEN = re.compile(r"[^\W_]+")
_DIGIT_KINDS = ("md", "years", "year", "numeric")


def _first_words(kind: str) -> set[str]:
    words = {
        "md": {*MONTHS_EN, *MONTH_ABBR_EN, "1er"},
        "month": {*MONTHS_EN, *MONTH_ABBR_EN, *MONTHS_FR},
        "season": set(_SEASONS),
        "weekday": {*WEEKDAYS_EN, *WEEKDAYS_FR},
        "ago": {"day", "days", "week", "weeks", "month", "months", "year", "years", "il"},
        "rel": {re.split(r"[\s'’-]", w)[0] for w in _REL_EN + _REL_FR},
    }
    return words.get(kind, set())


def _dispatch() -> dict[str, list[int]]:
    table: dict[str, list[int]] = {}
    for i, (_rx, kind, _pre, _req) in enumerate(_COMPILED):
        for w in _first_words(kind):
            table.setdefault(w, []).append(i)
    return table


_BY_WORD = _dispatch()
_BY_DIGIT = [i for i, (_rx, kind, _p, _r) in enumerate(_COMPILED) if kind in _DIGIT_KINDS]


def _candidates(text: str) -> list[tuple[int, int, Groups, str]]:
    """Try each rule only where a word that can start it occurs (much faster than scanning)."""
    found: list[tuple[int, int, Groups, str]] = []
    for tok in _TOKEN.finditer(text):
        word = tok.group().lower()
        rules = _BY_DIGIT if word[0].isdigit() else _BY_WORD.get(word)
        if not rules:
            continue
        pos = tok.start()
        for i in rules:
            rx, kind, prefix, required = _COMPILED[i]
            m = rx.match(text, pos)
            if m is None:
                continue
            s, e = m.span()
            g: Groups = m.groupdict()
            if prefix is not None:
                pm = prefix.search(text, max(0, s - 40), s)
                if pm is not None:
                    s = pm.start()
                    g.update({k: v for k, v in pm.groupdict().items() if v})
                elif required:
                    continue
            found.append((s, e, g, kind))
    return found


def find_dates(text: str, base: int = 0, published: str | None = None,
               lang: str | None = None) -> list[DateMention]:
    """Date mentions of ``text`` (offsets shifted by ``base``), sorted, non-overlapping.

    English and French patterns always both apply (they rarely collide); ``lang`` is accepted
    for the finder contract.
    """
    pub = _pub(published)
    found = _candidates(text)
    if ar.has_arabic(text):
        found += _arabic_candidates(text)
    found.sort(key=lambda t: (t[0] - t[1], t[0]))  # longest first, then leftmost
    starts: list[int] = []  # taken spans, kept sorted and non-overlapping
    ends: list[int] = []
    out: list[DateMention] = []

    def overlaps(s: int, e: int) -> bool:
        i = bisect.bisect_right(starts, s)
        return (i > 0 and ends[i - 1] > s) or (i < len(starts) and starts[i] < e)

    for s, e, g, kind in found:
        if overlaps(s, e):
            continue
        val = _HANDLERS[kind](g, text[s:e], pub, text[max(0, s - 16):s])
        if val is None:
            continue
        s, val = _since(text, s, e, val, pub)
        if overlaps(s, e):
            continue
        i = bisect.bisect_right(starts, s)
        starts.insert(i, s)
        ends.insert(i, e)
        out.append(DateMention(base + s, base + e, text[s:e], val))
    out.sort(key=lambda d: d.start)
    return out


# ---- publication dates -----------------------------------------------------------------------

_LEAD_PREFIX = re.compile(
    r"\s*(?:(?i:date\s+of\s+publication|(?:last\s+)?updated(?:\s+at|\s+on)?|posted(?:\s+on)?|"
    r"published(?:\s+on)?|publié\s+le|mis\s+à\s+jour\s+le)\s*:?\s*)?"
)


def leading_date(text: str) -> str | None:
    """ISO date of a publication date at the very start of ``text`` ("Wed 05 Apr 2017 ...")."""
    head = text[:100]
    lead = _LEAD_PREFIX.match(head)
    pos = lead.end() if lead else 0
    for d in find_dates(head):
        if d.start > pos:
            break
        if d.start == pos and d.value.precision == "day" and d.value.start:
            return d.value.start
    return None


def parse_date(s: str) -> str | None:
    """ISO date of a metadata string: ISO 8601, RFC 2822, "5 April 2017", "April 5, 2017"."""
    s = s.strip()
    if not s:
        return None
    m = re.match(r"((?:19|20)\d{2})-(\d{2})-(\d{2})(?:$|[T\s])", s)
    if m:
        d = _safe(int(m[1]), int(m[2]), int(m[3]))
        return _iso(d) if d else None
    found = leading_date(s)
    if found:
        return found
    from email.utils import parsedate_tz

    parts = parsedate_tz(s)
    if parts and parts[0] and 1900 <= parts[0] < 2100:
        d = _safe(parts[0], parts[1], parts[2])
        if d:
            return _iso(d)
    if not re.search(r"(?:19|20)\d{2}", s):
        return None  # relative or partial: never resolved against today's date
    import dateparser  # slow import; only for rare odd metadata strings

    got = dateparser.parse(s, languages=["en", "fr"], settings={"PREFER_DAY_OF_MONTH": "first",
                                                                 "REQUIRE_PARTS": ["year"]})
    return got.date().isoformat() if got else None
