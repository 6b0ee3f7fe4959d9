"""People's decisions applied to what flows out of the ledger (issue 15: decisions flow out).

The machine's rows are never changed; whatever is read for an export, a grade or a link is read
through here: a claim's current values are its latest decision's, else the machine's, and each
claim carries its review status (``machine``, ``confirmed``, ``corrected``, ``rejected``), who
decided, when and with what note.

- :func:`reviewed_rows`: flat claim rows (``claims`` joined with its document, which must bring
  ``sha256``) as dicts with the current values written over the machine's columns (``kind``,
  ``claimant``/``actor``/``target`` and their ids, the victims columns, the place columns, the
  date columns) and :data:`REVIEW_COLUMNS` added.
- :func:`reviewed_records`: the stored claimweave/1 records with each claim a person decided on
  at its current values, with its ``review`` and, when corrected, ``machine`` (the machine's
  values of the fields a person changed); a claim without a decision is exactly as extracted.

A person names an actor by its name: when the name is exactly a knowledge-base actor's
(:func:`claimweave.annotate.actors.find_actors` covers the whole name) the actor id comes with
it, else the id is empty and the actor is compared by name (``generic`` for a description such
as "gunmen").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from ..chunks import chunked
from .review import Review, claim_key, has_tables, reviews_for

REVIEW_COLUMNS = ("review_status", "reviewed_by", "reviewed_at", "review_note")
PUBLISHABLE = frozenset({"confirmed", "corrected"})  # what --reviewed-only keeps
_REFS = {"claimant": ("claimant_actor_id", "claimant_entity_type"),
         "actor": ("actor_id", "actor_entity_type"),
         "target": ("target_actor_id", "target_entity_type")}


def any_claim_decisions(conn: Any) -> bool:
    """Whether anyone decided on any claim of this ledger (nothing to apply otherwise)."""
    if not has_tables(conn, "audit"):
        return False
    return conn.execute("SELECT 1 FROM audit WHERE target_type = 'claim' LIMIT 1").fetchone() is not None


@lru_cache(maxsize=4096)
def kb_ref(name: str | None) -> tuple[str | None, str | None]:
    """(actor_id, entity_type) for a name a person typed: the knowledge-base actor it names
    exactly, else (None, "generic") for a description, else (None, None)."""
    if not name:
        return None, None
    from ..annotate.actors import find_actors, is_generic

    text = name.strip()
    try:
        hits = [m for m in find_actors(text) if m.start == 0 and m.end == len(text)]
    except Exception:  # noqa: BLE001 - an unreadable knowledge base must not stop an export
        hits = []
    if hits and hits[0].actor_id:
        return hits[0].actor_id, None
    return None, ("generic" if is_generic(text) else None)


def _victims_columns(victims: list[dict[str, Any]]) -> tuple[str | None, int | None, int | None]:
    from ..model import Victims
    from .rows import victims_summary

    return victims_summary(tuple(Victims(type=v["type"], outcome=v["outcome"], min=v.get("min"),
                                         max=v.get("max"), text=v.get("text") or "")
                                 for v in victims))


def apply_to_row(row: Mapping[str, Any] | Any, review: Review | None) -> dict[str, Any]:
    """A claim row as a dict, at its current values, with :data:`REVIEW_COLUMNS`."""
    out = {k: row[k] for k in row.keys()}  # noqa: SIM118 - sqlite3.Row iterates values
    out.update(review_status=review.status if review else "machine",
               reviewed_by=review.by if review else None, reviewed_at=review.at if review else None,
               review_note=review.note if review else None)
    if review is None:
        return out
    v = review.values
    if "kind" in v:
        out["kind"] = v["kind"]
    for name, (id_col, type_col) in _REFS.items():
        if name in v:
            out[name] = v[name]
            out[id_col], out[type_col] = kb_ref(v[name])
    if "victims" in v:
        out["victims_json"] = json.dumps(v["victims"], ensure_ascii=False)
        out["victims_summary"], out["victims_min"], out["victims_max"] = _victims_columns(v["victims"])
    if "place" in v:
        p = v["place"] or {}
        out.update(place=p.get("name"), lat=p.get("lat"), lon=p.get("lon"),
                   country=p.get("country"), geonames_id=p.get("geonames_id"),
                   precision=p.get("precision"),
                   place_json=json.dumps(p, ensure_ascii=False) if v["place"] else None)
    if "date" in v:
        d = v["date"] or {}
        out.update(date_start=d.get("start"), date_end=d.get("end"),
                   date_precision=d.get("precision"),
                   date_json=json.dumps(d, ensure_ascii=False) if v["date"] else None)
    return out


def row_key(row: Any, sha256: str | None = None) -> str:
    """The claim's review key; ``sha256`` when the row does not bring its document's."""
    return claim_key(sha256 or row["sha256"], row["span_start"], row["span_end"], row["kind"])


def _shas(conn: Any, rows: list[Any]) -> dict[int, str]:
    """Document sha256 by document seq, for rows that do not bring it (``claims.doc``)."""
    if not rows or "sha256" in rows[0].keys():  # noqa: SIM118 - sqlite3.Row
        return {}
    seqs = sorted({int(r["doc"]) for r in rows})
    out: dict[int, str] = {}
    for i in range(0, len(seqs), 500):
        part = seqs[i:i + 500]
        out.update((int(a), b) for a, b in conn.execute(
            f"SELECT seq, sha256 FROM documents WHERE seq IN ({','.join('?' * len(part))})", part))
    return out


def reviewed_rows(conn: Any, rows: Iterable[Any], reviewed_only: bool = False,
                  chunk: int = 1000) -> Iterator[dict[str, Any]]:
    """``rows`` (claim rows with ``sha256``) at their current values, with the review columns;
    with ``reviewed_only`` only the claims a person confirmed or corrected."""
    decided = any_claim_decisions(conn)
    for batch in chunked(rows, chunk):
        shas = _shas(conn, batch) if decided else {}
        keys = [row_key(r, shas.get(int(r["doc"]))) for r in batch] if decided else []
        reviews = reviews_for(conn, keys) if decided else {}
        for i, r in enumerate(batch):
            out = apply_to_row(r, reviews.get(keys[i]) if decided else None)
            if not reviewed_only or out["review_status"] in PUBLISHABLE:
                yield out


def _ref(name: str | None) -> dict[str, Any] | None:
    if name is None:
        return None
    actor_id, entity_type = kb_ref(name)
    return {"name": name, "actor_id": actor_id, "entity_type": entity_type}


def apply_to_claim(claim: dict[str, Any], review: Review | None) -> dict[str, Any]:
    """A claim of a claimweave/1 record at its current values, with ``review`` (and ``machine``:
    the machine's values of the fields a person corrected). A claim nobody decided on is
    returned as extracted (so an unreviewed ledger's export round-trips the contract exactly)."""
    if review is None:
        return claim
    out = dict(claim)
    out["review"] = review.public()
    if not review.values:
        return out
    machine: dict[str, Any] = {}
    for name, value in review.values.items():
        if name not in out:
            continue
        machine[name] = claim[name]
        out[name] = _ref(value) if name in _REFS else value
    if machine:
        out["machine"] = machine
    return out


def reviewed_records(conn: Any, records: Iterable[dict[str, Any]],
                     reviewed_only: bool = False) -> Iterator[dict[str, Any]]:
    """The stored records with their claims at current values; with ``reviewed_only`` only the
    claims a person confirmed or corrected, and only the documents left with one."""
    decided = any_claim_decisions(conn)
    for rec in records:
        sha = rec["document"]["sha256"]
        keys = [claim_key(sha, c["start"], c["end"], c["kind"]) for c in rec["claims"]]
        reviews = reviews_for(conn, keys) if decided else {}
        claims = [apply_to_claim(c, reviews.get(k)) for c, k in zip(rec["claims"], keys, strict=True)]
        if reviewed_only:
            claims = [c for c in claims if (c.get("review") or {}).get("status") in PUBLISHABLE]
            if not claims:
                continue
        yield {**rec, "claims": claims}


__all__ = ["PUBLISHABLE", "REVIEW_COLUMNS", "any_claim_decisions", "apply_to_claim",
           "apply_to_row", "kb_ref", "reviewed_records", "reviewed_rows"]
