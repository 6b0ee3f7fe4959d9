"""The incidents as the list sees them: each incident's summary (with its governorate and district,
sides, month, its sources' names and review state), read once per state of the ledger and kept;
place matching over it (the command line's spelling-tolerant rule plus the gazetteer's names);
and the facet counts shown beside the list.
"""

from __future__ import annotations

import gc
import json
import os
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import PurePath
from typing import Any

from ..store.filters import fold
from ..store.review import assessments, claim_key, has_tables
from .mapdata import admin_at


def incident_count(rec: dict[str, Any]) -> int | None:
    """The incident's headline count: the largest stated number killed (civilians first)."""
    victims = rec.get("victims") or {}
    for groups in (["civilians"], list(victims)):
        best: int | None = None
        for g in groups:
            k = (victims.get(g) or {}).get("killed") or {}
            v = k.get("max") if k.get("max") is not None else k.get("min")
            if v is not None and (best is None or v > best):
                best = v
        if best is not None:
            return int(best)
    return None


def belligerent(rec: dict[str, Any]) -> str:
    actors = rec.get("actors") or []
    known = [a for a in actors if a.get("status") == "known"] or actors
    return str(known[0].get("side") or known[0].get("name")) if known else "unattributed"


def sides(rec: dict[str, Any]) -> list[str]:
    """The distinct sides of the incident's actors ("unattributed" when none has one)."""
    out = sorted({str(a["side"]) for a in rec.get("actors") or [] if a.get("side")})
    return out or ["unattributed"]


def summary(rec: dict[str, Any]) -> dict[str, Any]:
    p, d = rec.get("place") or {}, rec.get("date") or {}
    admin = admin_at(p.get("lat"), p.get("lon"))
    return {
        "id": rec["id"], "grade": rec["grade"], "date_start": d.get("start"), "date_end": d.get("end"),
        "date_precision": d.get("precision"), "place": p.get("name"), "lat": p.get("lat"),
        "lon": p.get("lon"), "precision": p.get("precision"), "country": p.get("country"),
        "count": incident_count(rec), "belligerent": belligerent(rec),
        "actors": [{"name": a["name"], "side": a["side"], "entity_type": a.get("entity_type"),
                    "status": a["status"]} for a in rec.get("actors") or []],
        "claims": len(rec.get("claims") or []),
        "lines_of_evidence": (rec.get("corroboration") or {}).get("lines_of_evidence"),
        "contradictions": sum((rec.get("contradictions") or {}).values()),
        "headline": (rec.get("claims") or [{}])[0].get("text", "")[:200],
        "governorate": admin[1] if admin else None, "district": admin[2] if admin else None,
        "sides": sides(rec), "month": (d.get("start") or "")[:7] or None,
    }


def source_name(outlet: str | None, author: str | None, path: str | None, title: str | None) -> str:
    """What a person calls a document's source: its outlet, else its author, else its file name,
    else its title."""
    for v in (outlet, author, (path or "").replace("\\", "/").rsplit("/", 1)[-1], title):
        if v and str(v).strip():
            return str(v).strip()
    return "unnamed source"


def document_name(title: str | None, path: str | None, outlet: str | None) -> str:
    """What a person calls a document: its title (else its file name), and its outlet."""
    name = (title or "").strip() or PurePath(path or "").name or "untitled document"
    return f"{name} ({outlet.strip()})" if outlet and outlet.strip() else name


def _context(conn: sqlite3.Connection) -> dict[int, tuple[set[str], bool, set[str]]]:
    """Per incident: the names of the sources of its claims, whether a person reviewed one, and
    its claims' place names."""
    reviewed: set[str] = set()
    if has_tables(conn, "audit"):
        reviewed = {r[0] for r in conn.execute("SELECT DISTINCT target_id FROM audit WHERE"
                                                " target_type = 'claim'")}
    names = {seq: source_name(outlet, author, path, title) for seq, outlet, author, path, title
             in conn.execute("SELECT seq, outlet, author, path, title FROM documents")}
    out: dict[int, tuple[set[str], bool, set[str]]] = {}
    for inc, doc, sha, a, b, kind, place in conn.execute(
            "SELECT ci.incident, c.doc, d.sha256, c.span_start, c.span_end, c.kind, c.place FROM"
            " claim_incident ci JOIN claims c ON c.seq = ci.claim JOIN documents d ON d.seq = c.doc"
            " WHERE ci.incident IS NOT NULL"):
        found = out.get(inc)
        if found is None:
            found = out[inc] = (set(), False, set())
        found[0].add(names[doc])
        if place:
            found[2].add(place)
        if reviewed and not found[1] and claim_key(sha, a, b, kind) in reviewed:
            out[inc] = (found[0], True, found[2])
    return out


def ledger_state(conn: sqlite3.Connection) -> tuple[Any, ...]:
    """What changes when the ledger does: its files' sizes and times, the audit's last row, the
    incidents' count and last update."""
    path = next((r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "")
    files: list[tuple[int, int] | None] = []
    for suffix in ("", "-wal"):
        try:
            st = os.stat(path + suffix)
            files.append((st.st_size, st.st_mtime_ns))
        except OSError:
            files.append(None)
    audit = (conn.execute("SELECT max(id) FROM audit").fetchone()[0]
             if has_tables(conn, "audit") else None)
    inc = tuple(conn.execute("SELECT count(*), max(updated_at) FROM incidents").fetchone())
    return (path, *files, audit, inc)


@dataclass(frozen=True)
class Ledgerview:
    """Every incident's summary (with its sources' names ``outlets`` and review state) by id,
    and the places each names (its own, with its GeoNames id, and its claims')."""

    summaries: dict[int, dict[str, Any]]
    places: dict[int, tuple[int | None, frozenset[str]]]
    spellings: dict[str, frozenset[str]]  # a place's text in a document, folded -> its names


_VIEWS: dict[str, tuple[tuple[Any, ...], Ledgerview]] = {}


def ledger_view(conn: sqlite3.Connection) -> Ledgerview:
    """Built once per state of the ledger (reading 20,000 records is most of a list's time),
    then shared: callers must not change the summaries."""
    state = ledger_state(conn)
    cached = _VIEWS.get(state[0])
    if cached is not None and cached[0] == state:
        return cached[1]
    context = _context(conn)
    assessed = set(assessments(conn))
    out, places = {}, {}
    for (record,) in conn.execute("SELECT record FROM incidents WHERE record IS NOT NULL"):
        rec = json.loads(record)
        s = summary(rec)
        names, reviewed, claim_places = context.get(s["id"]) or (set(), False, set())
        s["outlets"] = sorted(names)
        s["review"] = ("assessed" if s["id"] in assessed else
                       "claims reviewed" if reviewed else "not reviewed")
        out[s["id"]] = s
        places[s["id"]] = ((rec.get("place") or {}).get("geonames_id"),
                           frozenset(claim_places | ({s["place"]} if s["place"] else set())))
    spellings: dict[str, set[str]] = defaultdict(set)
    if has_tables(conn, "places"):
        for text, name in conn.execute(
                "SELECT DISTINCT substr(d.text, p.span_start + 1, p.span_end - p.span_start), p.name"
                " FROM places p JOIN documents d ON d.seq = p.doc"):
            spellings[fold(text) or ""].add(name)
    view = Ledgerview(out, places, {k: frozenset(v) for k, v in spellings.items()})
    _VIEWS[state[0]] = (state, view)
    # The view is a few hundred thousand long-lived objects: out of the collector's way, or every
    # later collection walks them all (it tripled the time of parsing records for an export).
    # Reference counting still frees them when a newer view replaces this one.
    gc.freeze()
    return view


@lru_cache(maxsize=1 << 14)
def _gazetteer_id(name: str | None) -> int | None:
    """The GeoNames id of the gazetteer's place for ``name`` (any of its spellings), if any."""
    if not name:
        return None
    try:
        from ..annotate.gazetteer import load

        p = load().lookup(name)
    except Exception:  # noqa: BLE001 - no gazetteer: spelling-tolerant text matching only
        return None
    return p.geonames_id if p is not None else None


def place_ids(conn: sqlite3.Connection, view: Ledgerview, text: str) -> set[int]:
    """Incidents whose place, or one of whose claims' places, is spelt like ``text`` (folded:
    no case, diacritics or ʿayn/hamza marks), or is a gazetteer name some document spells with
    ``text`` (as the command line's ``--place``), or means the same gazetteer place as ``text``
    under any of its names (alternate spellings, Arabic: "Rakka", "al-Raqqah" and "الرقة" find
    the incidents placed at "Raqqa" or "Ar Raqqah")."""
    want = fold(text) or ""
    spelt = {n for k, names in view.spellings.items() if want in k for n in names}
    gid = _gazetteer_id(text)

    @cache
    def matches(name: str) -> bool:
        return (want in (fold(name) or "") or name in spelt
                or (gid is not None and _gazetteer_id(name) == gid))

    return {i for i, (geonames_id, names) in view.places.items()
            if (gid is not None and geonames_id == gid) or any(matches(n) for n in names)}


FACETS = (("governorate", "Governorate"), ("district", "District"), ("at", "Place"),
          ("side", "Side"), ("actor", "Actor"), ("grade", "Grade"), ("review", "Review status"),
          ("month", "Month"), ("outlet", "Source"))


def facets(items: list[dict[str, Any]], top: int = 8) -> list[dict[str, Any]]:
    """Counts of the filtered incidents per value of each facet, largest first (as datasette
    shows them beside a table): [{key, label, values: [(value, count)], more}]."""
    plain = ("governorate", "district", "grade", "review", "month")
    counts = {k: Counter(v for v in (s[k] for s in items) if v) for k in plain}
    counts["at"] = Counter(v for v in (s["place"] for s in items) if v)
    counts["side"] = Counter(v for s in items for v in s["sides"])
    counts["actor"] = Counter(v for s in items for v in {a["name"] for a in s["actors"]} if v)
    counts["outlet"] = Counter(v for s in items for v in s.get("outlets") or ())
    return [{"key": k, "label": label, "values": counts[k].most_common(top),
             "more": max(0, len(counts[k]) - top)} for k, label in FACETS]
