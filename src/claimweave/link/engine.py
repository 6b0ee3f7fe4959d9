"""The in-memory linker: blocked, greedy, incremental, report by report.

A report's main claims are linked as one (:meth:`Linker.link_report`, :mod:`.reports`): their
main place, date, perpetrator, cause and count are scored as below, plus
:data:`REPORT_WORDING` x the cosine of the report's TF-IDF vector and the incident's centroid;
candidates are the incidents of its block and date window and those sharing its heaviest terms.
When either side has no date only the wording can say it is the same story (a cosine of at
least :data:`COS_MIN`, :data:`COS_MIN_NEAR` at the same place); dated sides more than a week
apart never join. After the run, a second look (:meth:`Linker.consolidate`) merges a new
incident into an older one it would join as a report, when their wording agrees
(:data:`SECOND_LOOK`). A report's other claims, and claims linked alone, follow the claim rules:

Blocks are (kind family, region); inside a block, incidents are indexed by every day of their
date window, so a claim is compared only with the incidents whose window meets its own (undated
claims: only with incidents at the same place). The claim joins the best-scoring incident when
the score reaches :data:`THRESHOLD`, else it opens a new one. A cumulative toll (or a claim of
scope "background") joins none.
Scores (see :func:`score`):

- place: same place +2; both at village/city precision and <= 15 km apart +1.5, > 40 km -3
- date: both dated to the day, same day +1, different days -3 (two reports that each state
  their day and disagree on it are, as for Airwars and UCDP, two incidents unless all else agrees)
- actor: the claim's perpetrator side already named in the incident +1 (a different side is no
  penalty: competing attribution is what makes an incident contested); an actor outside the
  knowledge base has no side and counts by its normalised name instead ("Rapid Support Forces"
  and "the Rapid Support Forces" are one perpetrator)
- cause: same cause of death +1, a different one -1 (not at the same place)
- numbers: killed counts within a factor 1.5 of each other +0.5
- document: a claim of the same document already joined the incident +1 (a report's headline,
  lede and denial paragraph tell one incident more often than two)
- wording: 4 x Jaccard of the content-word masks
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .features import MASK_BITS, ClaimFeatures
from .identity import is_name_key
from .reports import Report, add, cosine, top

THRESHOLD = 2.0
SAME_DOC = 1.0
MAX_SPAN = 62  # days indexed per incident or searched per claim
_DOCS = 8  # documents remembered per incident for the same-document bonus
_MASK_CAP = 160  # bits: an incident's word mask stops growing past this many
REPORT_WORDING = 32  # x the cosine of a report's vector and an incident's centroid
COS_MIN = 0.15  # the wording a report needs to join an incident when one of them has no date
COS_MIN_NEAR = 0.1  # the same when both name the same place (or towns <= 15 km apart)
SECOND_LOOK = 0.3  # the wording two of this run's incidents need to be merged on a second look
_TERMS = 8  # heaviest terms a report looks up
_INDEXED = 32  # heaviest terms an incident is indexed by
_POSTING = 12  # latest incidents looked at per term


@dataclass(slots=True)
class Profile:
    id: int
    family: str
    region: str
    lo: int | None
    hi: int | None
    precise: bool
    place_key: str | None
    lat: float | None
    lon: float | None
    prank: int
    sides: set[str] = field(default_factory=set)  # perpetrators: sides and null-id name keys
    causes: set[str] = field(default_factory=set)
    vlo: int | None = None
    vhi: int | None = None
    mask: int = 0
    n: int = 0
    docs: list[int] = field(default_factory=list)  # the last few documents that joined
    vec: dict[int, float] = field(default_factory=dict)  # centroid of its reports' wording
    reports: int = 0  # reports whose main incident this is

    def to_json(self) -> str:
        return json.dumps({"lo": self.lo, "hi": self.hi, "precise": self.precise,
                           "place_key": self.place_key, "lat": self.lat, "lon": self.lon,
                           "prank": self.prank, "sides": sorted(self.sides),
                           "causes": sorted(self.causes), "vlo": self.vlo, "vhi": self.vhi,
                           "mask": format(self.mask, "x"), "n": self.n, "docs": self.docs,
                           "vec": sorted(self.vec.items()), "reports": self.reports})

    @classmethod
    def from_json(cls, pid: int, family: str, region: str, text: str) -> Profile:
        d: dict[str, Any] = json.loads(text)
        return cls(pid, family, region, d["lo"], d["hi"], d["precise"], d["place_key"], d["lat"],
                   d["lon"], d["prank"], set(d["sides"]), set(d["causes"]), d["vlo"], d["vhi"],
                   int(d["mask"], 16), d["n"], list(d.get("docs", [])),
                   {int(t): float(w) for t, w in d.get("vec", [])}, int(d.get("reports", 0)))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def jaccard(a: int, b: int) -> float:
    union = (a | b).bit_count()
    return (a & b).bit_count() / union if union else 0.0


def _same_place(f: ClaimFeatures, p: Profile) -> bool:
    """The same place, or towns at most 15 km apart."""
    if f.place_key is not None and f.place_key == p.place_key:
        return True
    return (f.lat is not None and f.lon is not None and p.lat is not None and p.lon is not None
            and f.prank <= 2 and p.prank <= 2 and km(f.lat, f.lon, p.lat, p.lon) <= 15)


def score(f: ClaimFeatures, p: Profile) -> tuple[float, list[str]]:
    s, why = 0.0, []
    if f.place_key is not None and f.place_key == p.place_key:
        s += 2
        why.append("same place")
    elif (f.lat is not None and f.lon is not None and p.lat is not None and p.lon is not None
          and f.prank <= 2 and p.prank <= 2):
        d = km(f.lat, f.lon, p.lat, p.lon)
        if d <= 15:
            s += 1.5
            why.append(f"places {d:.0f} km apart")
        elif d > 40:
            s -= 3
            why.append(f"places {d:.0f} km apart")
    if f.precise and p.precise:
        s += 1 if f.lo == p.lo else -3
        why.append("same day" if f.lo == p.lo else "different days")
    perp = f.perp
    if perp is not None and perp in p.sides:
        s += 1
        why.append("same perpetrator" if is_name_key(perp) else "same perpetrator side")
    if f.cause is not None and p.causes:
        if f.cause in p.causes:
            s += 1
            why.append("same cause")
        elif f.place_key != p.place_key:  # at the same place, a cause in dispute is no divider
            s -= 1
            why.append("different cause")
    if f.vmin is not None and p.vlo is not None and p.vhi is not None and \
            p.vlo / 1.5 <= f.vmin <= p.vhi * 1.5:
        s += 0.5
        why.append("comparable counts")
    if f.doc in p.docs:
        s += SAME_DOC
        why.append("same document")
    j = jaccard(f.mask, p.mask)
    s += 4 * j
    why.append(f"wording {j:.2f}")
    return s, why


class Linker:
    """Holds the incidents of the blocks in play; ``link`` assigns one claim."""

    def __init__(self, next_id: int = 1) -> None:
        self.next_id = next_id
        self.incidents: dict[int, Profile] = {}
        self._days: dict[tuple[str, str], dict[int, list[int]]] = {}
        self._places: dict[tuple[str, str, str], list[int]] = {}
        self._terms: dict[tuple[str, int], list[int]] = {}
        self.dirty: set[int] = set()
        self.new: set[int] = set()

    def add(self, p: Profile) -> None:
        self.incidents[p.id] = p
        self._register(p)
        self._register_terms(p)

    def _register(self, p: Profile) -> None:
        if p.lo is not None and p.hi is not None:
            days = self._days.setdefault((p.family, p.region), {})
            for d in range(p.lo, min(p.hi, p.lo + MAX_SPAN) + 1):
                days.setdefault(d, []).append(p.id)
        if p.place_key is not None:
            ids = self._places.setdefault((p.family, p.region, p.place_key), [])
            if p.id not in ids[-3:]:
                ids.append(p.id)

    def _register_terms(self, p: Profile) -> None:
        for t in _heaviest(p.vec, _INDEXED):
            ids = self._terms.setdefault((p.family, t), [])
            if p.id not in ids[-_POSTING:]:
                ids.append(p.id)
                if len(ids) > 4 * _POSTING:
                    del ids[:-_POSTING]

    def candidates(self, f: ClaimFeatures) -> list[Profile]:
        seen: dict[int, Profile] = {}
        if f.lo is not None and f.hi is not None:
            days = self._days.get((f.family, f.region), {})
            for d in range(f.lo, min(f.hi, f.lo + MAX_SPAN) + 1):
                for pid in days.get(d, ()):
                    p = self.incidents.get(pid)
                    if p is not None and pid not in seen and p.lo is not None and p.hi is not None \
                            and p.lo <= f.hi and f.lo <= p.hi:
                        seen[pid] = p
        if f.place_key is not None:  # undated incidents at the same place
            for pid in self._places.get((f.family, f.region, f.place_key), [])[-50:]:
                q = self.incidents.get(pid)
                if q is not None and (f.lo is None or q.lo is None):
                    seen[pid] = q
        return list(seen.values())

    def link(self, f: ClaimFeatures) -> tuple[int | None, float, str]:
        """The incident ``f`` joins (a new one when none fits); None when it cannot be linked."""
        if f.lo is None and f.place_key is None:
            return None, 0.0, "no date and no place"
        if f.toll:
            return None, 0.0, "a cumulative toll, not one incident"
        need = THRESHOLD + (1.0 if f.lo is None else 0.0) + (1.0 if f.region == "?" else 0.0)
        best: tuple[float, Profile | None, list[str]] = (need, None, [])
        for p in self.candidates(f):
            s, why = score(f, p)
            if s >= best[0] and (best[1] is None or s > best[0]):
                best = (s, p, why)
        s, found, why = best
        if found is None:
            p = self._open(f)
            self._merge(p, f)
            self.add(p)
            return p.id, 0.0, "new incident"
        self._merge(found, f)
        return found.id, round(s, 3), "; ".join(why)

    def _open(self, f: ClaimFeatures) -> Profile:
        """A new incident where ``f`` is (its claims merged in and indexed by the caller)."""
        p = Profile(self.next_id, f.family, f.region, f.lo, f.hi, f.precise, f.place_key,
                    f.lat, f.lon, f.prank)
        self.next_id += 1
        self.new.add(p.id)
        return p

    def _best(self, f: ClaimFeatures, vec: dict[int, float], only: Callable[[Profile], bool] | None = None
              ) -> tuple[float, Profile | None, list[str]]:
        """The best-scoring incident for a report's main features ``f`` and wording ``vec``
        (None when none reaches the threshold), among those ``only`` allows."""
        need = THRESHOLD + (1.0 if f.lo is None else 0.0) + (1.0 if f.region == "?" else 0.0)
        seen = {p.id: p for p in self.candidates(f)}
        for t in _heaviest(vec):
            for pid in self._terms.get((f.family, t), [])[-_POSTING:]:
                if pid not in seen and pid in self.incidents:
                    seen[pid] = self.incidents[pid]
        best: tuple[float, Profile | None, list[str]] = (need, None, [])
        for p in seen.values():
            if only is not None and not only(p):
                continue
            dated = f.lo is not None and f.hi is not None and p.lo is not None and p.hi is not None
            if dated and (f.lo > p.hi + 7 or p.lo > f.hi + 7):  # type: ignore[operator]
                continue
            c = cosine(vec, p.vec)
            s, why = score(f, p)
            if not dated and c < (COS_MIN_NEAR if _same_place(f, p) else COS_MIN):
                continue
            s += REPORT_WORDING * c
            why.append(f"report wording {c:.2f}")
            if "?" not in (f.region, p.region) and f.region != p.region:
                s -= 2
                why.append("different region")
            if s >= best[0] and (best[1] is None or s > best[0]):
                best = (s, p, why)
        return best

    def consolidate(self) -> dict[int, int]:
        """A second look at this run's new incidents, oldest first: one that, taken as a report,
        would join an older incident (by the same rule as :meth:`link_report`) is merged into it
        (a story whose first reports read too differently to join at once). Only incidents new in
        this run are merged away, so no incident a person has seen disappears. Returns
        {merged-away id: id it joined}."""
        moved: dict[int, int] = {}
        for pid in sorted(self.new):
            p = self.incidents[pid]
            if not p.vec:
                continue
            f = ClaimFeatures(0, -1, p.family, p.region, p.lo, p.hi, p.precise, False, p.place_key,
                              p.lat, p.lon, p.prank, None, None, None, p.vlo, p.vhi, p.mask)
            vec = p.vec
            _, q, _ = self._best(f, vec, lambda q, pid=pid, vec=vec: q.id < pid  # type: ignore[misc]
                                 and cosine(vec, q.vec) >= SECOND_LOOK)
            if q is None:
                continue
            self._absorb(q, p)
            moved[pid] = q.id
        return moved

    def _absorb(self, q: Profile, p: Profile) -> None:
        if q.lo is None and p.lo is not None:
            q.lo, q.hi, q.precise = p.lo, p.hi, p.precise
        if p.place_key is not None and p.prank < q.prank:
            q.place_key, q.lat, q.lon, q.prank = p.place_key, p.lat, p.lon, p.prank
        q.sides |= p.sides
        q.causes |= p.causes
        if p.vlo is not None:
            q.vlo = p.vlo if q.vlo is None else min(q.vlo, p.vlo)
        if p.vhi is not None:
            q.vhi = p.vhi if q.vhi is None else max(q.vhi, p.vhi)
        if q.mask.bit_count() < _MASK_CAP:
            q.mask |= p.mask
        q.n += p.n
        q.docs = list(dict.fromkeys(q.docs + p.docs))[-_DOCS:]
        w = {t: v * q.reports for t, v in q.vec.items()}
        for t, v in p.vec.items():
            w[t] = w.get(t, 0.0) + v * p.reports
        q.vec = top(w)
        q.reports += p.reports
        del self.incidents[p.id]
        self.new.discard(p.id)
        self.dirty.discard(p.id)
        self.dirty.add(q.id)
        self._register(q)
        self._register_terms(q)

    def link_report(self, r: Report) -> list[tuple[int, int | None, float, str]]:
        """Link a report's main claims as one: the incident its main place, date, perpetrator,
        cause, count and wording fit best (a new one when none reaches the threshold). When
        either side has no date, the wording must say it is the same story (:data:`COS_MIN`);
        two dated sides whose windows are more than a week apart never join."""
        f = r.rep
        if f.lo is None and f.place_key is None and not r.vec:
            return [(m.seq, None, 0.0, "no date, no place and no wording") for m in r.members]
        best = self._best(f, r.vec)
        s, found, why = best
        if found is None:
            found = self._open(f)
            self.add(found)
            reason = "main incident of its report: new incident"
        else:
            reason = "main incident of its report: " + "; ".join(why)
        for m in r.members:
            self._merge(found, m)
        found.vec = add(found.vec, r.vec, found.reports)
        found.reports += 1
        self._register_terms(found)
        return [(m.seq, found.id, round(s, 3) if why else 0.0, reason) for m in r.members]

    def _merge(self, p: Profile, f: ClaimFeatures) -> None:
        moved = False
        if f.lo is not None and f.hi is not None:
            if p.lo is None or p.hi is None or (f.precise and not p.precise):
                p.lo, p.hi, p.precise, moved = f.lo, f.hi, f.precise, True
            elif f.precise and p.precise and max(p.hi, f.hi) - min(p.lo, f.lo) <= 7:
                moved = f.lo < p.lo or f.hi > p.hi
                p.lo, p.hi = min(p.lo, f.lo), max(p.hi, f.hi)
            elif not f.precise and not p.precise and max(p.lo, f.lo) <= min(p.hi, f.hi):
                p.lo, p.hi = max(p.lo, f.lo), min(p.hi, f.hi)
        if f.place_key is not None and f.prank < p.prank:
            p.place_key, p.lat, p.lon, p.prank, moved = f.place_key, f.lat, f.lon, f.prank, True
        perp = f.perp
        if perp:
            p.sides.add(perp)
        if f.cause:
            p.causes.add(f.cause)
        if f.vmin is not None:
            p.vlo = f.vmin if p.vlo is None else min(p.vlo, f.vmin)
            top = f.vmax if f.vmax is not None else f.vmin
            p.vhi = top if p.vhi is None else max(p.vhi, top)
        if p.mask.bit_count() < _MASK_CAP:
            p.mask |= f.mask
        p.n += 1
        if f.doc not in p.docs:
            p.docs = (p.docs + [f.doc])[-_DOCS:]
        self.dirty.add(p.id)
        if moved:
            self._register(p)


def _heaviest(vec: dict[int, float], n: int = _TERMS) -> list[int]:
    return [t for t, _ in sorted(vec.items(), key=lambda tw: -tw[1])[:n]]


assert MASK_BITS > _MASK_CAP
