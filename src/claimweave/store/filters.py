"""Filters by date, place, actor, side and grade: one path for the workbench (``serve.queries``) and the
command line (``claims``, ``incidents``, ``export``).

Each function returns SQL conditions and their parameters (every value bound, never spliced).
Places are matched spelling-tolerantly: folded (lower case, no diacritics or ʿayn/hamza marks)
against the incident's or claim's place name, and against every gazetteer name some document
spells with the text ("Khan Sheikhoun" finds Khān Shaykhūn). SQLite only: ``fold`` is a function
registered on the connection (:func:`prepare`), and incident records are read with ``json_*``.
Side and grade are the machine's: an actor's knowledge-base side, an incident's linker grade.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass
from typing import Any

GRADES = ("contested", "conceded", "denied", "corroborated", "single_source")


def fold(s: object) -> str | None:
    """Lower case without diacritics or ʿayn/hamza marks: "Khān Shaykhūn" -> "khan shaykhun"."""
    if s is None:
        return None
    d = unicodedata.normalize("NFKD", str(s))
    return "".join(ch for ch in d if not unicodedata.combining(ch) and ch not in "ʿʾ'’`").casefold()


def like(s: str) -> str:
    """``s`` as a LIKE pattern matching it anywhere (``ESCAPE '\\'``)."""
    return "%" + s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def prepare(conn: Any) -> None:
    """Register ``fold`` on a SQLite connection (filters need it); ValueError otherwise."""
    if not isinstance(conn, sqlite3.Connection):
        raise ValueError("date, place and actor filters need a SQLite ledger for now")
    conn.create_function("fold", 1, fold, deterministic=True)


def place_names(conn: Any, text: str, limit: int = 200) -> list[str]:
    """Gazetteer names of the places some document names with a spelling containing ``text``,
    and the name of the gazetteer's place for ``text`` under any of its spellings ("Rakka",
    "al-Raqqah", "الرقة" -> "Ar Raqqah"), as the workbench's place search does."""
    names = [r[0] for r in conn.execute(
        "SELECT DISTINCT p.name FROM places p JOIN documents d ON d.seq = p.doc WHERE"
        " fold(substr(d.text, p.span_start + 1, p.span_end - p.span_start)) LIKE ? ESCAPE '\\'"
        " LIMIT ?", (like(fold(text) or ""), limit))]
    from ..annotate.gazetteer import load

    place = load().lookup(text)
    return names + [place.name] if place is not None and place.name not in names else names


@dataclass(frozen=True)
class Where:
    """Dates are ISO days (``YYYY-MM-DD``); ``side`` a knowledge-base side (``isis``,
    ``syrian_government``, ...); ``grade`` one of :data:`GRADES`; None or empty means no filter."""

    date_from: str | None = None
    date_to: str | None = None
    place: str | None = None
    actor: str | None = None
    side: str | None = None
    grade: str | None = None

    def __bool__(self) -> bool:
        return any((self.date_from, self.date_to, self.place, self.actor, self.side, self.grade))


def side_actor_ids(side: str) -> list[str]:
    """Knowledge-base ids of the actors on ``side``."""
    from ..annotate.actors import load_kb

    return sorted(a.id for a in load_kb() if a.side == side)


def _place_match(column: str, names: list[str]) -> str:
    marks = ",".join("?" * len(names))
    return (f"fold({column}) LIKE ? ESCAPE '\\'"
            + (f" OR {column} IN ({marks})" if names else ""))


def _span(w: Where, end: str, start: str) -> tuple[list[str], list[Any]]:
    """Conditions that a span whose last day is the SQL expression ``end`` and whose first day is
    ``start`` (both written here, never from input) meets [date_from, date_to]."""
    where: list[str] = []
    params: list[Any] = []
    if w.date_from:
        where.append(end + " >= ?")
        params.append(w.date_from)
    if w.date_to:
        where.append(start + " <= ?")
        params.append(w.date_to)
    return where, params


def incident_conditions(conn: Any, w: Where) -> tuple[list[str], list[Any]]:
    """Conditions on ``incidents``: its date span meets [date_from, date_to]; its place or any
    of its claims' places matches ``place``; an actor's name or side contains ``actor``, or its
    knowledge-base id is ``actor``; one of its actors is on ``side``; its grade is ``grade``."""
    where, params = _span(w, "coalesce(json_extract(record, '$.date.end'), json_extract(record, '$.date.start'))",
                          "json_extract(record, '$.date.start')")
    if w.place:
        names = place_names(conn, w.place)
        where.append("(" + _place_match("json_extract(record, '$.place.name')", names)
                     + " OR EXISTS (SELECT 1 FROM claim_incident ci JOIN claims c ON c.seq = ci.claim"
                     " WHERE ci.incident = incidents.id AND (" + _place_match("c.place", names) + ")))")
        pat = like(fold(w.place) or "")
        params += [pat, *names, pat, *names]
    if w.actor:
        where.append("EXISTS (SELECT 1 FROM json_each(record, '$.actors') a WHERE"
                     " json_extract(a.value, '$.name') LIKE ? ESCAPE '\\' OR"
                     " json_extract(a.value, '$.side') LIKE ? ESCAPE '\\' OR"
                     " json_extract(a.value, '$.actor_id') = ?)")
        params += [like(w.actor), like(w.actor), w.actor]
    if w.side:
        where.append("EXISTS (SELECT 1 FROM json_each(record, '$.actors') a WHERE"
                     " json_extract(a.value, '$.side') = ?)")
        params.append(w.side)
    if w.grade:
        where.append("grade = ?")
        params.append(w.grade)
    return where, params


def claim_conditions(conn: Any, w: Where) -> tuple[list[str], list[Any]]:
    """Conditions on ``claims c JOIN documents d``: the claim's date (else its document's
    publication date) meets [date_from, date_to]; its place matches ``place`` as for incidents;
    its perpetrator's name contains ``actor`` or its knowledge-base id is ``actor``; its
    perpetrator is a knowledge-base actor on ``side``; an incident it is linked to has ``grade``."""
    where, params = _span(w, "coalesce(c.date_end, c.date_start, d.published)",
                          "substr(coalesce(c.date_start, d.published), 1, 10)")
    if w.place:
        names = place_names(conn, w.place)
        where.append("(" + _place_match("c.place", names) + ")")
        params += [like(fold(w.place) or ""), *names]
    if w.actor:
        where.append("(c.actor LIKE ? ESCAPE '\\' OR c.actor_id = ?)")
        params += [like(w.actor), w.actor]
    if w.side:
        ids = side_actor_ids(w.side)
        where.append(f"c.actor_id IN ({','.join('?' * len(ids))})" if ids else "0")
        params += ids
    if w.grade:
        where.append("EXISTS (SELECT 1 FROM claim_incident ci JOIN incidents i ON i.id = ci.incident"
                     " WHERE ci.claim = c.seq AND i.grade = ?)")
        params.append(w.grade)
    return where, params


def incident_ids(conn: Any, w: Where) -> list[int]:
    """Ids of the incidents (with a record) that ``w`` keeps, in id order."""
    prepare(conn)
    where, params = incident_conditions(conn, w)
    sql = " AND ".join(["record IS NOT NULL", *where])
    return [int(r[0]) for r in conn.execute(f"SELECT id FROM incidents WHERE {sql} ORDER BY id", params)]


def claim_seqs(conn: Any, w: Where) -> list[int]:
    """Row ids (``claims.seq``) of the claims ``w`` keeps, in order."""
    prepare(conn)
    where, params = claim_conditions(conn, w)
    sql = " AND ".join(where) or "1"
    return [int(r[0]) for r in conn.execute(
        f"SELECT c.seq FROM claims c JOIN documents d ON d.seq = c.doc WHERE {sql} ORDER BY c.seq",
        params)]
