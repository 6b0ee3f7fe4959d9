"""Serialise a :class:`~claimweave.model.Record` to the claimweave/1 contract (a plain dict)."""

from __future__ import annotations

from typing import Any

from .model import SCHEMA, Claim, DateValue, NamedVictim, Place, Record, Ref, Target


def ref_dict(r: Ref) -> dict[str, Any]:
    """A reference to an actor: linked to the knowledge base (``actor_id``), or, when ``actor_id``
    is null, known only by its ``name`` and the ``entity_type`` that found it."""
    return {"name": r.name, "actor_id": r.actor_id, "entity_type": r.entity_type}


def _ref(r: Ref | None) -> dict[str, Any] | None:
    return None if r is None else ref_dict(r)


def target_dict(t: Target) -> dict[str, Any]:
    return {"text": t.text, "type": t.type, "start": t.start, "end": t.end}


def named_victim_dict(v: NamedVictim) -> dict[str, Any]:
    return {"name": v.name, "role": v.role, "outcome": v.outcome, "start": v.start, "end": v.end}


def place_dict(p: Place | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country,
            "geonames_id": p.geonames_id, "precision": p.precision}


def date_dict(d: DateValue | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {"text": d.text, "start": d.start, "end": d.end, "year": d.year, "month": d.month,
            "day": d.day, "precision": d.precision}


def claim_dict(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id, "unit_id": c.unit_id, "kind": c.kind, "start": c.start, "end": c.end,
        "text": c.text,
        "claimant": _ref(c.claimant),
        "sources": [_ref(s) for s in c.sources],
        "actor": _ref(c.actor),
        "target": _ref(c.target),
        "victims": [{"type": v.type, "outcome": v.outcome, "min": v.min, "max": v.max,
                     "text": v.text} for v in c.victims],
        "place": place_dict(c.place),
        "date": date_dict(c.date),
        "weapon": c.weapon,
        "cause": c.cause,
        "targets": [target_dict(t) for t in c.targets],
        "named_victims": [named_victim_dict(v) for v in c.named_victims],
        "scope": c.scope,
        "event": c.event,
    }


def _framing_summary(rec: Record) -> dict[str, dict[str, int]]:
    """The document's chosen words summed per concept: {"syrian_state": {"regime": 3}}."""
    out: dict[str, dict[str, int]] = {}
    for t in rec.frames.terms:
        terms = out.setdefault(t.concept, {})
        terms[t.term] = terms.get(t.term, 0) + 1
    return out


def to_dict(rec: Record) -> dict[str, Any]:
    d = rec.document
    modes = {m.unit_id: m for m in rec.frames.modes}
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "document": {"id": d.id, "path": d.path, "sha256": d.sha256, "title": d.title,
                     "genre": rec.genre, "language": rec.language, "outlet": d.outlet,
                     "author": d.author, "published": d.published},
        "units": [{"id": u.id, "kind": u.kind, "start": u.start, "end": u.end,
                   "speaker": u.speaker, "lang": u.lang, "parent": u.parent,
                   "mode": modes[u.id].mode if u.id in modes else None,
                   "call_to_action": modes[u.id].call_to_action if u.id in modes else None}
                  for u in rec.units],
        "places": [{"name": m.place.name, "start": m.start, "end": m.end, "lat": m.place.lat,
                    "lon": m.place.lon, "country": m.place.country,
                    "geonames_id": m.place.geonames_id, "precision": m.place.precision}
                   for m in rec.annotations.places],
        "claims": [claim_dict(c) for c in rec.claims],
        "frames": [{"technique": f.technique, "start": f.start, "end": f.end,
                    "unit_id": f.unit_id, "reason": f.reason} for f in rec.frames.marks],
        "framing": [{"concept": t.concept, "term": t.term, "start": t.start, "end": t.end,
                     "unit_id": t.unit_id} for t in rec.frames.terms],
        "framing_summary": _framing_summary(rec),
    }
    return out
