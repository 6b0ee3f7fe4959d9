"""Reports, not sentences: what one document is mostly about, and how alike two reports read.

A report is mostly about one *main incident*. Its place is the place its claims name most, the
headline and lead counting double and a town more than a country; its date is the day its claims
state most (else a week or month they state, else the publication's window). The report's claims
that fit that place and date (or state none) are its main claims: a claim with no place or date
of its own takes the main incident's. A claim elsewhere or on another date is another incident
the report mentions, linked on its own; a cumulative toll is background and joins none.

Wording: each report is a TF-IDF vector (scikit-learn's ``HashingVectorizer``, sublinear term
frequency) over its headline, lead and the names its claims give that belong to the incident
alone (named victims, physical targets; the words of a name of several words count twice). The
IDF comes from the leads of the ledger's latest :data:`IDF_SAMPLE` documents (smoothed, so a
handful of reports gives plain term frequency). A vector keeps its :data:`TOP` heaviest terms,
l2-normalised; an incident keeps the same of the sum of its reports' vectors (its centroid),
so comparing is a short dot product at any scale.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .features import ClaimFeatures

LEAD = 1000  # characters of the document text read as its lead
TOP = 32  # terms kept per report vector and per incident centroid
IDF_SAMPLE = 20_000
N_FEATURES = 2 ** 20

Vec = dict[int, float]


def _vectorizer() -> Any:
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(n_features=N_FEATURES, alternate_sign=False, norm=None,
                             stop_words="english", lowercase=True,
                             token_pattern=r"(?u)\b(?:[^\W\d_]{3,}|\d{2,})\b")


class Wording:
    """TF-IDF over hashed terms; ``fit`` takes the sample of leads the IDF is counted on."""

    def __init__(self) -> None:
        self._hv = _vectorizer()
        self._idf: Any = None

    def fit(self, leads: Sequence[str]) -> None:
        import numpy as np

        n = len(leads)
        if not n:
            self._idf = None
            return
        x = self._hv.transform(leads)
        df = np.bincount(x.indices, minlength=N_FEATURES)
        self._idf = (np.log((n + 1) / (df + 1)) + 1.0).astype(np.float32)

    def vectors(self, texts: Sequence[str]) -> list[Vec]:
        """One l2-normalised vector of its :data:`TOP` heaviest terms per text."""
        if not texts:
            return []
        x = self._hv.transform(texts).tocsr()
        out: list[Vec] = []
        for i in range(x.shape[0]):
            lo, hi = x.indptr[i], x.indptr[i + 1]
            terms = x.indices[lo:hi].tolist()
            counts = x.data[lo:hi].tolist()
            idf = self._idf
            w = {t: (1.0 + math.log(c)) * (float(idf[t]) if idf is not None else 1.0)
                 for t, c in zip(terms, counts, strict=True)}
            out.append(top(w))
        return out


def top(w: Vec, k: int = TOP) -> Vec:
    """The ``k`` heaviest terms of ``w``, l2-normalised."""
    kept = sorted(w.items(), key=lambda tw: (-tw[1], tw[0]))[:k]
    norm = math.sqrt(sum(v * v for _, v in kept))
    return {t: round(v / norm, 4) for t, v in kept} if norm else {}


def cosine(a: Vec, b: Vec) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def add(centroid: Vec, v: Vec, n: int) -> Vec:
    """The centroid of ``n`` reports with one more, ``v`` (both normalised)."""
    s = {t: w * n for t, w in centroid.items()}
    for t, w in v.items():
        s[t] = s.get(t, 0.0) + w
    return top(s)


def _json_names(text: str | None, key: str) -> list[str]:
    try:
        items = json.loads(text) if text else []
    except ValueError:
        return []
    return [str(i[key]) for i in items if isinstance(i, dict) and i.get(key)]


def claim_names(row: Any) -> list[str]:
    """The names one claim row gives that belong to its incident alone: its named victims and
    physical targets. (Actors, claimants, sources and places recur across stories: an outlet, a
    government, a city; the place is scored apart.)"""
    from .features import row_value

    names = _json_names(row_value(row, "named_victims_json"), "name")
    names += _json_names(row_value(row, "targets_json"), "text")
    return names


def report_text(title: str | None, lead: str | None, names: Iterable[str]) -> str:
    """What a report's vector is made of: headline, lead, and the words of its claims' names,
    those of a name of several words (a full name, "the Kessin market") twice: such a name
    says more of which story it is than a word alone."""
    names = list(names)
    return " ".join([title or "", lead or "", *names, *(n for n in names if len(n.split()) > 1)])


@dataclass(slots=True)
class Report:
    """One document's main incident as the linker sees it: ``rep`` carries the main place, date,
    perpetrator, cause and count; ``members`` are the main claims (they take the main place and
    date when they state none); ``others`` are its claims about other incidents or background."""

    rep: ClaimFeatures
    vec: Vec
    members: list[ClaimFeatures]
    others: list[ClaimFeatures]


def _vote(feats: list[ClaimFeatures], key: Any, lead_end: int) -> Any:
    votes: dict[Any, float] = {}
    for f in feats:
        k = key(f)
        if k is not None:
            votes[k] = votes.get(k, 0.0) + (2 if f.start < lead_end else 1) * (1.5 if f.prank <= 2 else 1)
    return max(votes, key=lambda k: votes[k]) if votes else None  # ties: first named


def _near(f: ClaimFeatures, m: ClaimFeatures) -> bool:
    """``f``'s place fits the main place ``m``: none, the same, a coarse place of the same region,
    or a town within 40 km."""
    if f.place_key is None or m.place_key is None or f.place_key == m.place_key:
        return True
    if f.prank > 2 or m.prank > 2:
        return f.region == m.region
    if None in (f.lat, f.lon, m.lat, m.lon):
        return f.region == m.region
    from .engine import km

    return km(f.lat, f.lon, m.lat, m.lon) <= 40  # type: ignore[arg-type]


def _when(f: ClaimFeatures, m: ClaimFeatures) -> bool:
    """``f``'s date fits the main date: none of its own, or windows that meet."""
    if f.lo is None or f.hi is None or f.reported or m.lo is None or m.hi is None or m.reported:
        return True
    return f.lo <= m.hi and m.lo <= f.hi


def main_incident(doc_feats: list[ClaimFeatures], vec: Vec) -> Report | None:
    """The report's main incident, or None when it has no claim about one (only tolls)."""
    live = [f for f in doc_feats if not f.toll]
    if not live:
        return None
    family = Counter(f.family for f in live).most_common(1)[0][0]
    fam = [f for f in live if f.family == family]
    place = _vote(fam, lambda f: f.place_key, LEAD)
    where = next(f for f in fam if f.place_key == place) if place is not None else fam[0]
    rep = replace(fam[0], region=where.region, place_key=where.place_key, lat=where.lat,
                  lon=where.lon, prank=where.prank)
    there = [f for f in fam if _near(f, rep)]  # the date is voted among the claims at the place
    day = _vote(there, lambda f: (f.lo, f.hi) if f.precise else None, LEAD)
    if day is None:
        day = _vote(there, lambda f: (f.lo, f.hi) if f.lo is not None and not f.reported else None, LEAD)
    when = next((f for f in there if (f.lo, f.hi) == day), None) if day is not None else None
    if when is None:
        when = next((f for f in there if f.lo is not None), there[0])
    rep = replace(rep, lo=when.lo, hi=when.hi, precise=when.precise, reported=when.reported)
    members: list[ClaimFeatures] = []
    others = [f for f in doc_feats if f.toll or f.family != family]
    for f in fam:
        if _near(f, rep) and _when(f, rep):
            if f.place_key is None and rep.place_key is not None:
                f.place_key, f.lat, f.lon, f.prank, f.region = (rep.place_key, rep.lat, rep.lon,
                                                                rep.prank, rep.region)
            if (f.lo is None or f.reported) and rep.lo is not None and not rep.reported:
                f.lo, f.hi, f.precise, f.reported = rep.lo, rep.hi, rep.precise, False
            members.append(f)
        else:
            others.append(f)
    perps = Counter(f.perp for f in members if f.perp)
    causes = Counter(f.cause for f in members if f.cause)
    top_perp = perps.most_common(1)[0][0] if perps else None
    carrier = next((f for f in members if f.perp == top_perp), rep) if top_perp else rep
    vmins = [f.vmin for f in members if f.vmin is not None]
    vmaxs = [f.vmax for f in members if f.vmax is not None]
    mask = 0
    for f in members:
        mask |= f.mask
    rep = replace(rep, seq=members[0].seq, actor=carrier.actor, side=carrier.side,
                  cause=causes.most_common(1)[0][0] if causes else None,
                  vmin=max(vmins) if vmins else None, vmax=max(vmaxs) if vmaxs else None, mask=mask)
    return Report(rep, vec, members, others)
