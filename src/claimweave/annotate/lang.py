"""Language identification: ISO 639-1 code of a unit's text, or None when too little text.

lingua is loaded lazily (never at import) with a restricted language set, built once.
Arabic script is decided without lingua; hashtags, handles and URLs are ignored.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_STRIP = re.compile(r"https?://\S+|www\.\S+|[#@][\w_]+")
_WORD = re.compile(r"[^\W\d_]{2,}")
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LETTER = re.compile(r"[^\W\d_]")
CODES = ("en", "fr", "ar", "de", "es", "ru", "tr", "it")
MAX_CHARS = 400  # enough for a reliable guess; keeps long paragraphs cheap


LOW_ACCURACY_FROM = 120  # characters; lingua's low-accuracy mode is reliable from about there


@lru_cache(maxsize=2)
def _detector(low_accuracy: bool = False) -> Any:
    """lingua restricted to :data:`CODES`. The low-accuracy mode (trigrams only) loads in 0.05 s
    instead of 1.1 s and runs twice as fast; it serves texts of :data:`LOW_ACCURACY_FROM`
    characters or more, the full models only shorter ones (a tweet, a headline)."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in CODES]
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


def detect(text: str) -> str | None:
    """ISO 639-1 code of ``text`` among :data:`CODES`, or None."""
    clean = _STRIP.sub(" ", text[: MAX_CHARS * 2])
    if len(clean) > MAX_CHARS:
        cut = clean.rfind(" ", 0, MAX_CHARS)
        clean = clean[: cut if cut > 0 else MAX_CHARS]
    if len(_WORD.findall(clean)) < 2:
        return None
    letters = len(_LETTER.findall(clean))
    if letters and len(_ARABIC.findall(clean)) * 2 > letters:
        return "ar"
    # A lone surrogate (possible in text handed to the Python API) cannot cross into lingua.
    clean = clean.encode("utf-8", "replace").decode("utf-8")
    found = _detector(len(clean) >= LOW_ACCURACY_FROM).detect_language_of(clean)
    return found.iso_code_639_1.name.lower() if found is not None else None


def is_arabic(text: str) -> bool:
    """Whether most letters of ``text`` are Arabic script (decided without lingua)."""
    letters = len(_LETTER.findall(text[: MAX_CHARS * 2]))
    return bool(letters) and len(_ARABIC.findall(text[: MAX_CHARS * 2])) * 2 > letters


def is_arabic_unit(lang: str | None, text: str) -> bool:
    """A unit read as Arabic: detected so, or undetected (too short) and written in Arabic script."""
    return lang == "ar" or (lang is None and is_arabic(text))
