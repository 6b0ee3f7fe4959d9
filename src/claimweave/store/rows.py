"""Flatten records into table rows.

Victims summary columns (for sorting and filtering; the full list is ``victims_json``): among the
claim's victims with outcome killed/dead if any, else all of them, ``victims_min`` is the largest
stated minimum and ``victims_max`` the largest stated maximum. ``victims_summary`` reads e.g.
``"17+ civilians killed; 3-5 children injured"``.

Open-world columns (migration 5): ``actor_entity_type`` / ``claimant_entity_type`` /
``target_entity_type`` (set only when the actor has no knowledge-base id), ``targets_json`` and
``named_victims_json`` (JSON lists as in the contract), ``scope`` and ``event``.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Claim, Ref, Victims
from ..record import date_dict, named_victim_dict, place_dict, ref_dict, target_dict

_DEATH = frozenset({"killed", "dead"})


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _name(r: Ref | None) -> str | None:
    return None if r is None else r.name


def _id(r: Ref | None) -> str | None:
    return None if r is None else r.actor_id


def _etype(r: Ref | None) -> str | None:
    return None if r is None else r.entity_type


def _count(v: Victims) -> str:
    if v.min is None and v.max is None:
        return "?"
    if v.max is None:
        return f"{v.min}+"
    if v.min is None:
        return f"up to {v.max}"
    return str(v.min) if v.min == v.max else f"{v.min}-{v.max}"


def victims_summary(victims: tuple[Victims, ...]) -> tuple[str | None, int | None, int | None]:
    if not victims:
        return None, None, None
    text = "; ".join(f"{_count(v)} {v.type} {v.outcome}" for v in victims)
    chosen = [v for v in victims if v.outcome in _DEATH] or list(victims)
    mins = [v.min for v in chosen if v.min is not None]
    maxs = [v.max for v in chosen if v.max is not None]
    return text, (max(mins) if mins else None), (max(maxs) if maxs else None)


def targets_summary(targets: list[dict[str, Any]]) -> str | None:
    """``"al-Quds hospital (medical); the market (market)"`` from ``targets_json`` items."""
    return "; ".join(f"{t['text']} ({t['type']})" for t in targets) or None


def named_victims_summary(victims: list[dict[str, Any]]) -> str | None:
    """``"Ana Ruiz (journalist, killed)"`` from ``named_victims_json`` items."""
    return "; ".join(f"{v['name']} ({', '.join(x for x in (v.get('role'), v.get('outcome')) if x)})"
                     for v in victims) or None


def json_list(value: str | None) -> list[Any]:
    """A stored JSON list column; NULL (a row written before the column existed) is []."""
    out = json.loads(value) if value else []
    return out if isinstance(out, list) else []


def claim_row(c: Claim) -> dict[str, Any]:
    summary, vmin, vmax = victims_summary(c.victims)
    p, d = c.place, c.date
    return {
        "id": c.id, "unit_id": c.unit_id, "kind": c.kind, "span_start": c.start,
        "span_end": c.end, "text": c.text,
        "claimant": _name(c.claimant), "claimant_actor_id": _id(c.claimant),
        "claimant_entity_type": _etype(c.claimant),
        "actor": _name(c.actor), "actor_id": _id(c.actor), "actor_entity_type": _etype(c.actor),
        "target": _name(c.target), "target_actor_id": _id(c.target),
        "target_entity_type": _etype(c.target),
        "sources": " > ".join(s.name for s in c.sources) or None,
        "victims_summary": summary, "victims_min": vmin, "victims_max": vmax,
        "place": p.name if p else None, "lat": p.lat if p else None, "lon": p.lon if p else None,
        "country": p.country if p else None, "geonames_id": p.geonames_id if p else None,
        "precision": p.precision if p else None,
        "date_start": d.start if d else None, "date_end": d.end if d else None,
        "date_precision": d.precision if d else None,
        "weapon": c.weapon, "cause": c.cause,
        "scope": c.scope, "event": c.event,
        "sources_json": dumps([ref_dict(s) for s in c.sources]),
        "victims_json": dumps([{"type": v.type, "outcome": v.outcome, "min": v.min, "max": v.max,
                                "text": v.text} for v in c.victims]),
        "place_json": None if p is None else dumps(place_dict(p)),
        "date_json": None if d is None else dumps(date_dict(d)),
        "targets_json": dumps([target_dict(t) for t in c.targets]),
        "named_victims_json": dumps([named_victim_dict(v) for v in c.named_victims]),
    }


CLAIM_COLUMNS = tuple(claim_row(Claim(id="", unit_id="", kind="", start=0, end=0, text="")))
