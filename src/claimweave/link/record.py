"""The incident record (Airwars / UCDP GED-like) and its grade, from the claims linked to it.

Grades, first that applies (every grade and reason lists the claims behind it):

- ``contested``: independent lines of evidence attribute the incident to different sides;
- ``conceded``: a belligerent states the action of its own side (and no one denies it);
- ``denied``: a claim denies or does not confirm the incident (a denial counts against);
- ``corroborated``: two or more independent lines of evidence (different origins);
- ``single_source``: one line of evidence, however many outlets repeat it.

Perpetrators are compared by side for a knowledge-base actor, and by normalised name for an
actor outside the knowledge base (whose side is unknown: never "the same side" as another
unknown); a generic description ("gunmen") is listed among the actors but contests no one.

Counts: each line of evidence gives one figure per victim group and outcome (the largest its
claims state); the incident's figure is their consensus: the median line (the lower middle one
of an even number), and the spread of the lines within a factor :data:`BAND` of it (plus 3, for
small counts). A line outside that band is an *outlier*: listed under the count and as a
contradiction, never stretched into the range (a "2,000,000 killed" read from "millions
displaced" beside fifty killed). A background toll (claim scope "background") counts nothing.

Contradictions are counted between lines of evidence: counts (one line's minimum above
another's maximum, for the same victim group and outcome, and each outlier), perpetrator
(different sides or different actors outside the knowledge base),
date (day-precise dates more than a day apart), place (towns more than 40 km apart), denials.

Lines of evidence: a claim's origin (:mod:`.evidence`); a short form of another line's name in
the same incident ("Observatory", "SOHR" beside "Syrian Observatory for Human Rights") is that
line (:func:`merge_aliases`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date as Date
from itertools import combinations
from statistics import median_low
from typing import Any

from .engine import km
from .evidence import Evidence
from .features import PRECISION_RANK
from .identity import normalise_name

BAND = 4.0


def _lines(ev: list[Evidence]) -> dict[str, list[Evidence]]:
    out: dict[str, list[Evidence]] = defaultdict(list)
    for e in ev:
        out[e.origin].append(e)
    return merge_aliases(out)


def _words(name: str) -> list[str]:
    return normalise_name(name).replace(".", "").split()


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in ("for", "of", "and", "the", "de", "al"))


def _full_names(es: list[Evidence]) -> list[list[str]]:
    """The names a line goes by: as written, and its knowledge-base name and aliases."""
    names = {e.origin_name for e in es}
    oid = es[0].origin_id
    if oid:
        from .regions import kb_names

        names |= set(kb_names(oid))
    return [w for w in (_words(n) for n in names) if w]


def _short_for(short: list[str], full: list[str]) -> bool:
    """``short`` is a short form of ``full``: its words a run of ``full``'s, or its initials."""
    if len(short) >= len(full):
        return False
    if len(short) == 1 and len(short[0]) >= 3 and short[0] == _initials(full):
        return True
    return any(full[i:i + len(short)] == short for i in range(len(full) - len(short) + 1))


def merge_aliases(lines: dict[str, list[Evidence]]) -> dict[str, list[Evidence]]:
    """Merge a line outside the knowledge base whose name is a short form of exactly one other
    line's name ("Observatory" -> SOHR) into that line."""
    full = {o: _full_names(es) for o, es in lines.items()}
    out = dict(lines)
    for o, es in lines.items():
        if es[0].origin_id or o not in out:
            continue
        mine = [w for w in full[o] if w]
        into = {p for p in out if p != o and any(_short_for(m, f) for m in mine for f in full[p])}
        if len(into) == 1:
            out[into.pop()] += out.pop(o)
    return out


def _date(ev: list[Evidence]) -> dict[str, Any]:
    days = sorted(e.date["start"] for e in ev if e.date and e.date.get("precision") == "day"
                  and e.date.get("start") and e.date.get("start") == e.date.get("end"))
    if days:
        return {"start": days[0], "end": days[-1], "precision": "day"}
    coarse = [e.date for e in ev if e.date and e.date.get("start")]
    if coarse:
        d = min(coarse, key=lambda d: ("day", "week", "month", "year", "season").index(d["precision"])
                if d["precision"] in ("day", "week", "month", "year", "season") else 9)
        return {"start": d["start"], "end": d["end"], "precision": d["precision"]}
    pubs = sorted(e.published for e in ev if e.published)
    return ({"start": pubs[0], "end": pubs[-1], "precision": "reported"} if pubs
            else {"start": None, "end": None, "precision": None})


def _place(ev: list[Evidence]) -> dict[str, Any] | None:
    places = [e.place for e in ev if e.place]
    if not places:
        return None
    best = min(PRECISION_RANK.get(p["precision"], 9) for p in places)
    top = Counter(p["name"] for p in places if PRECISION_RANK.get(p["precision"], 9) == best)
    name = top.most_common(1)[0][0]
    p = next(p for p in places if p["name"] == name)
    return {k: p.get(k) for k in ("name", "lat", "lon", "country", "geonames_id", "precision")}


def _victims(lines: dict[str, list[Evidence]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    per_line: dict[tuple[str, str], list[tuple[int | None, int | None, str, str]]] = defaultdict(list)
    for ev in lines.values():
        best: dict[tuple[str, str], tuple[int | None, int | None, str]] = {}
        for e in ev:
            for k, (lo, hi) in e.counts().items():
                cur = best.get(k)
                if cur is None or (lo or 0) > (cur[0] or 0):
                    best[k] = (lo, hi, e.ref)
        for k, (lo, hi, ref) in best.items():
            per_line[k].append((lo, hi, ref, ev[0].origin_name))
    out: dict[str, Any] = {}
    conflicts: list[dict[str, Any]] = []
    for (group, outcome), vals in sorted(per_line.items()):
        lows = [v[0] for v in vals if v[0] is not None]
        med = median_low(lows) if lows else None
        top = med * BAND + 3 if med is not None else None
        low = (med - 3) / BAND if med is not None else None
        keep = [v for v in vals if v[0] is None or low is None or top is None or low <= v[0] <= top]
        odd = [v for v in vals if v not in keep]
        highs = [v[1] if v[1] is not None and (top is None or v[1] <= top) else v[0] for v in keep]
        kept_lows = [v[0] for v in keep if v[0] is not None]
        kept_highs = [h for h in highs if h is not None]
        out.setdefault(group, {})[outcome] = {
            "min": min(kept_lows) if kept_lows else None,
            "max": max(kept_highs) if kept_highs else None, "median": med, "lines": len(vals),
            "claims": [v[2] for v in keep],
            "outliers": [{"claim": v[2], "origin": v[3], "min": v[0], "max": v[1]} for v in odd]}
        for v in odd:
            conflicts.append({"reason": f"{group} {outcome}: {v[3]} says {v[0]}, far from the "
                              f"median {med} of {len(vals)} lines (left out of the range)",
                              "claims": [v[2]]})
        for v in keep:
            if v[1] is not None and top is not None and v[1] > top:
                conflicts.append({"reason": f"{group} {outcome}: {v[3]} gives up to {v[1]}, far "
                                  f"above the median {med} (left out of the range)", "claims": [v[2]]})
        for a, b in combinations(keep, 2):
            for x, y in ((a, b), (b, a)):
                if x[0] is not None and y[1] is not None and x[0] > y[1] * 1.1 + 1:
                    conflicts.append({"reason": f"{group} {outcome}: {x[3]} says at least {x[0]}, "
                                      f"{y[3]} says at most {y[1]}", "claims": [x[2], y[2]]})
    return out, conflicts


def _pairs_apart(lines: dict[str, list[Evidence]], what: str) -> list[dict[str, Any]]:
    reps: list[tuple[str, Evidence]] = []
    for origin, ev in lines.items():
        for e in ev:
            if what == "date" and e.date and e.date.get("precision") == "day" and e.date.get("start") \
                    and e.date.get("start") == e.date.get("end"):
                reps.append((origin, e))
                break
            if what == "place" and e.place and e.place.get("lat") is not None and \
                    PRECISION_RANK.get(e.place["precision"], 9) <= 2:
                reps.append((origin, e))
                break
    out = []
    for (oa, a), (ob, b) in combinations(reps, 2):
        if what == "date":
            assert a.date and b.date
            gap = abs(Date.fromisoformat(a.date["start"]).toordinal()
                      - Date.fromisoformat(b.date["start"]).toordinal())
            if gap > 1:
                out.append({"reason": f"date: {oa} {a.date['start']}, {ob} {b.date['start']}",
                            "claims": [a.ref, b.ref]})
        else:
            assert a.place and b.place
            d = km(a.place["lat"], a.place["lon"], b.place["lat"], b.place["lon"])
            if d > 40:
                out.append({"reason": f"place: {oa} {a.place['name']}, {ob} {b.place['name']} "
                            f"({d:.0f} km)", "claims": [a.ref, b.ref]})
    return out


def _who(e: Evidence) -> str:
    """The perpetrator's side, or what kind of actor outside the knowledge base it is."""
    return e.side or e.entity_type or "unknown side"


def build(incident_id: int, ev: list[Evidence]) -> dict[str, Any]:
    lines = _lines(ev)
    victims, count_conflicts = _victims(lines)
    # Perpetrators by side (a knowledge-base actor) or by normalised name (an actor outside it).
    attributions: dict[str, dict[str, list[Evidence]]] = defaultdict(lambda: defaultdict(list))
    actors: dict[str, dict[str, Any]] = {}
    perp_of: dict[str, str] = {}
    for origin, es in lines.items():
        for e in es:
            if e.perp and not e.denial and e.kind != "denial":
                attributions[e.perp][origin].append(e)
                key = e.actor_id or e.perp
                a = actors.setdefault(key, {"actor_id": e.actor_id, "name": e.actor,
                                            "side": e.side, "entity_type": e.entity_type,
                                            "claims": []})
                perp_of[key] = e.perp
                a["claims"].append(e.ref)
    denials = [e for e in ev if e.denial]
    concessions = [e for e in ev if e.concession]
    for key, a in actors.items():
        by = {e.origin for es in attributions[perp_of[key]].values() for e in es}
        own = a["side"] is not None and any(c.claimant_side == a["side"] for c in concessions)
        a["status"] = "known" if own or len(by) >= 2 else "suspected"
    perp: list[dict[str, Any]] = []
    for s1, s2 in combinations(sorted(attributions), 2):
        c1 = next(e for es in attributions[s1].values() for e in es)
        c2 = next(e for es in attributions[s2].values() for e in es)
        if "generic" in (c1.entity_type, c2.entity_type):
            continue  # "gunmen" describes, it names no one: no competing attribution
        if c1.origin != c2.origin or len(attributions[s1]) + len(attributions[s2]) > 2:
            perp.append({"reason": f"perpetrator: {c1.origin_name} names {c1.actor} ({_who(c1)}), "
                         f"{c2.origin_name} names {c2.actor} ({_who(c2)})", "claims": [c1.ref, c2.ref]})
    dates, places = _pairs_apart(lines, "date"), _pairs_apart(lines, "place")
    reasons: list[dict[str, Any]] = []
    grade = "single_source"
    if len(lines) >= 2:
        grade = "corroborated"
        reasons.append({"reason": f"{len(lines)} independent lines of evidence: "
                        + ", ".join(es[0].origin_name for es in lines.values()),
                        "claims": [es[0].ref for es in lines.values()]})
    else:
        reasons.append({"reason": f"one line of evidence ({ev[0].origin_name})",
                        "claims": [e.ref for e in ev]})
    if denials:
        grade = "denied" if not concessions else grade
        reasons.append({"reason": "denied or not confirmed by "
                        + ", ".join(dict.fromkeys(e.chain[-1] for e in denials)),
                        "claims": [e.ref for e in denials]})
    if concessions:
        grade = "conceded"
        reasons.append({"reason": "conceded by " + ", ".join(dict.fromkeys(e.chain[-1] for e in concessions)),
                        "claims": [e.ref for e in concessions]})
    if perp:
        grade = "contested"
    reasons += perp + count_conflicts + dates + places
    return {
        "id": incident_id, "grade": grade, "reasons": reasons,
        "contradictions": {"counts": len(count_conflicts), "perpetrator": len(perp),
                           "date": len(dates), "place": len(places), "denials": len(denials)},
        "corroboration": {"lines_of_evidence": len(lines), "claims": len(ev),
                          "documents": len({e.doc for e in ev})},
        "date": _date(ev), "place": _place(ev), "victims": victims,
        "actors": sorted(actors.values(), key=lambda a: (a["status"] != "known", a["side"] or "")),
        "events": sorted({e.event for e in ev if e.event}),
        "claims": [{"document": e.doc, "claim": e.ref.split("#", 1)[1], "kind": e.kind,
                    "origin": e.origin_name, "chain": e.chain, "text": e.text} for e in ev],
        "sources": [{"origin": es[0].origin_name, "actor_id": es[0].origin_id,
                     "chains": sorted({" < ".join(e.chain) for e in es}),
                     "claims": [e.ref for e in es]} for es in lines.values()],
    }
