"""Arabic text: tokens with their original offsets, a matching form, and clitic stems.

Arabic writes conjunctions, prepositions and the article on the word ("وبالمرصد" = "and by the
observatory"). A token keeps its span in the original text; ``norm`` is its matching form
(diacritics and tatweel dropped, alef variants as bare alef, alef maqsura as ya, ta marbuta as
ha); ``stems`` are the forms with a leading clitic removed, each with how many letters of the
token it dropped, so a match can start after the clitic and evidence points at the word itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_MARKS = "\u064b-\u065f\u0670\u0640"  # harakat, dagger alef, tatweel
ARABIC_LETTERS = re.compile(r"[\u0621-\u064a\u066e-\u06d3]")
_TOKEN = re.compile(rf"(?:[^\W\d_]|[{_MARKS}])+|\d+|[^\w\s]")
_STRIP = re.compile(f"[{_MARKS}]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def has_arabic(text: str) -> bool:
    return ARABIC_LETTERS.search(text) is not None


def norm(word: str) -> str:
    """The matching form of a word: no diacritics, one alef, ya for alef maqsura, ha for ta marbuta."""
    return _STRIP.sub("", word).translate(_FOLD)


def ascii_digits(s: str) -> str:
    return s.translate(DIGITS)


@lru_cache(maxsize=65536)
def stems(w: str) -> tuple[tuple[str, int], ...]:
    """``w`` (a normalised word) and its forms without a leading clitic, with the number of
    letters dropped: و/ف (and, so), then ب/ل/ك (by, for, like); "لل" is ل + the article."""
    out = [(w, 0)]
    if len(w) > 3 and w[0] in "وف":
        out.append((w[1:], 1))
    for x, k in list(out):
        if len(x) > 3 and x[0] in "بلك":
            out.append((x[1:], k + 1))
        if len(x) > 4 and x.startswith("لل"):
            out.append(("ا" + x[1:], k + 1))  # للمرصد: the article's alef is not written
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True, slots=True)
class ArTok:
    start: int
    end: int
    raw: str
    norm: str

    def offset(self, letters: int) -> int:
        """Start offset after the first ``letters`` letters of the token (marks skipped)."""
        pos, seen = self.start, 0
        while seen < letters and pos < self.end:
            pos += 1
            seen += 1
            while pos < self.end and _STRIP.match(self.raw[pos - self.start]):
                pos += 1
        return pos


def tokens(text: str, start: int = 0, end: int | None = None) -> list[ArTok]:
    end = len(text) if end is None else end
    return [ArTok(m.start(), m.end(), m.group(), norm(m.group())) for m in _TOKEN.finditer(text, start, end)]


def bare(w: str) -> str:
    """A normalised noun without its accusative alef ("قتيلا" -> "قتيل")."""
    return w[:-1] if len(w) > 3 and w.endswith("ا") and not w.endswith("اا") else w


# ---- months, weekdays and relative days (matched on normalised words) --------------------------

MONTHS: dict[str, int] = {
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7,
    "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
}
# First words of month names, for the number finder ("15 آذار" is a day, not a count).
MONTH_FIRST_WORDS = frozenset(k.split()[0] for k in MONTHS)
WEEKDAYS: dict[str, int] = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4,
                            "السبت": 5, "الاحد": 6}


# ---- number words ----------------------------------------------------------------------------

UNITS: dict[str, int] = {
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثني": 2,
    "ثلاثه": 3, "ثلاث": 3, "اربعه": 4, "اربع": 4, "خمسه": 5, "خمس": 5, "سته": 6, "ست": 6,
    "سبعه": 7, "سبع": 7, "ثمانيه": 8, "ثماني": 8, "ثمان": 8, "تسعه": 9, "تسع": 9, "احد": 1, "احدي": 1,
}
TENS: dict[str, int] = {
    "عشره": 10, "عشر": 10, "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40,
    "اربعين": 40, "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
}
HUNDREDS: dict[str, int] = {
    "مئه": 100, "مائه": 100, "مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200,
    **{f"{u}{h}": v * 100 for u, v in (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7),
                                        ("ثمان", 8), ("تسع", 9)) for h in ("مئه", "مائه")},
}
THOUSANDS: dict[str, int] = {"الف": 1000, "الفا": 1000, "الفان": 2000, "الفين": 2000, "الاف": 1000}
# Vague plurals, as in English: "عشرات" (tens, dozens) at least 20, "مئات" 200, "آلاف" 2000.
VAGUE: dict[str, int] = {"عشرات": 20, "العشرات": 20, "مئات": 200, "المئات": 200, "الاف": 2000,
                         "الالاف": 2000, "عده": 3, "بضعه": 2, "بضع": 2}
# Nouns of people whose dual ending is unambiguous (their plural is broken, or the -ان form):
# "قتيلان" is two killed, "طفلين" two children; "مدنيين" stays a plural.
DUAL_STEMS = frozenset({
    "قتيل", "جريح", "شهيد", "طفل", "طفلت", "شخص", "امرات", "سيدت", "رجل", "جندي", "عنصر",
    "مصاب", "جثت", "شقيق", "صحفي", "مدني", "مقاتل", "مسلح", "مسعف", "مواطن", "ضابط", "معتقل",
    "مخطوف", "مفقود",
})
# Stems whose -ين form is also their plural: only -ان is read as a dual.
SOUND_PLURAL = frozenset({"صحفي", "مدني", "مقاتل", "مسلح", "مسعف", "مواطن", "مصاب", "معتقل",
                          "مخطوف", "مفقود"})


def dual(w: str) -> bool:
    """Whether the normalised word is the dual of a noun of people ("قتيلان", "طفلتين")."""
    for suffix in ("ان", "ين"):
        if w.endswith(suffix) and len(w) > 4:
            stem = w[:-2]
            if stem in DUAL_STEMS and (suffix == "ان" or stem not in SOUND_PLURAL):
                return True
    return False


def pattern(word: str) -> str:
    """A regex for the written variants of a normalised word: any alef for ``ا``, ta marbuta
    for a final ``ه``, alef maqsura for a final ``ي``; August is "آب" only ("أب" is a father)."""
    if word == "اب":
        return "آب"
    out = []
    for i, ch in enumerate(word):
        last = i == len(word) - 1 or word[i + 1] == " "
        if ch == "ا":
            out.append("[اأإآ]")
        elif ch == "ه" and last:
            out.append("[هة]")
        elif ch == "ي" and last:
            out.append("[يى]")
        elif ch == " ":
            out.append(r"[ \t\u00a0]+")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def alternation(words: object) -> str:
    return "(?:" + "|".join(pattern(w) for w in sorted(words, key=len, reverse=True)) + ")"  # type: ignore[call-overload]
