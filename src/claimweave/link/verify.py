"""Reference check: label each claim consistent, inconsistent or unmatched against a table of
known events (Airwars, UCDP GED, VDC or FA-KES-style exports; columns mapped by options).

A claim is matched with the reference events of its region (or within ``max_km`` when both
have coordinates) whose date falls in the claim's date window widened by ``days`` (an
undated claim uses its incident's window). Unmatched: no such event. Otherwise the event that
disagrees least is chosen; the claim is inconsistent when its civilians-killed range excludes
the event's count, or its perpetrator does not match the event's actor; else consistent.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Any, TextIO

from ..store import Ledger
from .engine import km
from .features import date_window, document_dates, features, row_value
from .identity import normalise_name
from .regions import _kb, region_of, side_of


@dataclass(frozen=True)
class Columns:
    date: str = "date"
    place: str | None = "location"
    lat: str | None = None
    lon: str | None = None
    actor: str | None = "actor"
    count: str | None = "nb_civilians"
    id: str | None = None


@dataclass(frozen=True)
class RefEvent:
    id: str
    day: int | None
    region: str | None
    lat: float | None
    lon: float | None
    actor: str
    count: int | None


def parse_day(s: str) -> int | None:
    s = s.strip()
    try:
        return Date.fromisoformat(s[:10]).toordinal()
    except ValueError:
        pass
    try:
        m, d, y = (int(x) for x in s.split("/"))
        return Date(2000 + y if y < 100 else y, m, d).toordinal()
    except ValueError:
        return None


def _region(name: str) -> str | None:
    from ..annotate.gazetteer import load
    from ..annotate.places import _FAKES

    name = name.strip()
    fakes = {v: k for k, v in reversed(list(_FAKES.items()))}
    if name.lower() in fakes:
        return region_of({"geonames_id": None, "country": "SY", "precision": "governorate",
                          "place": fakes[name.lower()]})
    p = load().lookup(name) if name else None
    if p is None:
        return None
    return region_of({"geonames_id": p.geonames_id, "country": p.country,
                      "precision": p.precision, "place": p.name})


def _float(s: str | None) -> float | None:
    try:
        return float(s) if s not in (None, "") else None
    except ValueError:
        return None


def read_reference(path: Path, cols: Columns) -> list[RefEvent]:
    csv.field_size_limit(sys.maxsize)
    out = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for i, r in enumerate(csv.DictReader(fh), start=2):
            cnt = _float(r.get(cols.count)) if cols.count else None
            out.append(RefEvent(
                id=r[cols.id] if cols.id else f"row {i}", day=parse_day(r.get(cols.date) or ""),
                region=_region(r.get(cols.place) or "") if cols.place else None,
                lat=_float(r.get(cols.lat)) if cols.lat else None,
                lon=_float(r.get(cols.lon)) if cols.lon else None,
                actor=(r.get(cols.actor) or "").strip().lower() if cols.actor else "",
                count=int(cnt) if cnt is not None else None))
    return out


def _actor_matches(actor_id: str | None, ref: str, name: str | None = None) -> bool:
    """Does the claim's actor match the reference's? A knowledge-base actor by its id, name, side
    or FA-KES category; an actor outside the knowledge base by its normalised name."""
    if not actor_id:
        n = normalise_name(name)
        return bool(n) and (n == ref or n in ref or ref in n)
    kb = _kb()
    a = kb.get(actor_id) if actor_id in kb else None
    names = {actor_id.lower(), (side_of(actor_id) or "").lower()}
    if a is not None:
        names |= {a.name.lower(), (a.fakes_actor or "").lower()}
    return any(n and (n == ref or n in ref or ref in n) for n in names)


def _compare(row: Any, f: Any, ev: RefEvent) -> list[str]:
    bad = []
    if ev.count is not None and f.vmin is not None and row["kind"] == "casualty":
        hi = f.vmax if f.vmax is not None else None
        if ev.count < f.vmin or (hi is not None and ev.count > hi):
            bad.append(f"count: claim {f.vmin}{'' if hi == f.vmin else '-' + str(hi or '')}, "
                       f"reference {ev.count}")
    # An actor outside the knowledge base is compared by its name, unless it is a generic
    # description ("gunmen"), which contradicts no named actor.
    named = row["actor_id"] or (row["actor"] and row_value(row, "actor_entity_type") not in (None, "generic"))
    if ev.actor and ev.actor != "unknown" and named and \
            not _actor_matches(row["actor_id"], ev.actor, row["actor"]):
        bad.append(f"actor: claim {row['actor']}, reference {ev.actor}")
    return bad


def verify_ledger(ledger: Ledger, reference: Path, cols: Columns, days: int = 1,
                  max_km: float = 25.0) -> list[dict[str, Any]]:
    from ..store.incidents import CLAIM_SELECT

    refs = read_reference(reference, cols)
    by_region: dict[str | None, list[RefEvent]] = {}
    for ev in refs:
        by_region.setdefault(ev.region, []).append(ev)
    conn = ledger.connection
    windows = {r["id"]: (r["day_lo"], r["day_hi"]) for r in conn.execute(
        "SELECT id, day_lo, day_hi FROM incidents")}
    rows = conn.execute(f"SELECT ci.incident AS incident, q.* FROM ({CLAIM_SELECT}) q "
                        "LEFT JOIN claim_incident ci ON ci.claim = q.seq ORDER BY q.seq").fetchall()
    feats = [features(r, region_of, side_of) for r in rows]
    document_dates(feats)
    out = []
    for row, f in zip(rows, feats, strict=True):
        lo, hi = f.lo, f.hi
        if lo is None and row["incident"] in windows:
            lo, hi = windows[row["incident"]]
        if lo is None:
            lo, hi, _ = date_window(None, row["published"])
        cands = [ev for ev in (refs if f.lat is not None else by_region.get(f.region, []))
                 if ev.day is not None and lo is not None and hi is not None
                 and lo - days <= ev.day <= hi + days
                 and (ev.region == f.region if ev.lat is None or f.lat is None or f.lon is None
                      else km(f.lat, f.lon, ev.lat, ev.lon or 0.0) <= max_km)]
        item: dict[str, Any] = {"document": row["document_id"], "claim": row["id"],
                                "incident": row["incident"], "kind": row["kind"],
                                "killed": [f.vmin, f.vmax] if f.vmin is not None else None}
        if not cands:
            item.update(label="unmatched", reference=None,
                        reasons=[f"no reference event in {f.region} within {days} day(s) of the claim"])
        else:
            scored = sorted(((_compare(row, f, ev), ev) for ev in cands), key=lambda x: len(x[0]))
            bad, ev = scored[0]
            item.update(label="inconsistent" if bad else "consistent", reference=ev.id,
                        reasons=bad or [f"date and place match reference {ev.id}"])
        out.append(item)
    return out


def write_labels(labels: list[dict[str, Any]], fmt: str, out: TextIO) -> Counter[str]:
    if fmt == "csv":
        w = csv.DictWriter(out, fieldnames=["document", "claim", "incident", "kind", "killed", "label",
                                            "reference", "reasons"], lineterminator="\r\n")
        w.writeheader()
        for x in labels:
            w.writerow({**x, "reasons": " | ".join(x["reasons"])})
    else:
        for x in labels:
            out.write(json.dumps(x, ensure_ascii=False) + "\n")
    return Counter(x["label"] for x in labels)
