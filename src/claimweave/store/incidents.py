"""Incident tables of the ledger (migration 3): reading claims to link, saving the linker's state,
reading and writing incident records."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from .migrations import now

CLAIM_SELECT = ("SELECT c.*, d.id AS document_id, d.outlet AS outlet, d.published AS published, "
                "d.sha256 AS sha256 FROM claims c JOIN documents d ON d.seq = c.doc")


def unlinked_seqs(conn: sqlite3.Connection) -> list[int]:
    return [r[0] for r in conn.execute(
        "SELECT c.seq FROM claims c LEFT JOIN claim_incident ci ON ci.claim = c.seq "
        "WHERE ci.claim IS NULL ORDER BY c.seq")]


def claim_rows(conn: sqlite3.Connection, seqs: list[int], chunk: int = 5000) -> Iterator[sqlite3.Row]:
    """Claim rows (with document id, outlet, published) for ``seqs``, in ``seqs`` order."""
    for i in range(0, len(seqs), chunk):
        part = seqs[i:i + chunk]
        rows = conn.execute(f"{CLAIM_SELECT} WHERE c.seq BETWEEN ? AND ?", (part[0], part[-1]))
        wanted = set(part)
        yield from (r for r in rows if r["seq"] in wanted)


def report_leads(conn: sqlite3.Connection, docs: list[int], lead: int
                 ) -> dict[int, tuple[str | None, str]]:
    """Document seq -> (title, the first ``lead`` characters of its text) for ``docs``."""
    out: dict[int, tuple[str | None, str]] = {}
    for i in range(0, len(docs), 500):
        part = docs[i:i + 500]
        for r in conn.execute("SELECT seq, title, substr(text, 1, ?) AS lead FROM documents "
                              f"WHERE seq IN ({','.join('?' * len(part))})", (int(lead), *part)):
            out[r["seq"]] = (r["title"], r["lead"] or "")
    return out


def latest_leads(conn: sqlite3.Connection, n: int, lead: int) -> list[str]:
    """Title and lead of the ledger's latest ``n`` documents (the sample wording weights come from)."""
    return [f"{r[0] or ''} {r[1] or ''}" for r in conn.execute(
        "SELECT title, substr(text, 1, ?) FROM documents ORDER BY seq DESC LIMIT ?", (int(lead), n))]


def load_profiles(conn: sqlite3.Connection, family: str, region: str, lo: int | None,
                  hi: int | None) -> list[sqlite3.Row]:
    """Incidents of the block (family, region) whose window meets [lo, hi], and its undated ones."""
    if lo is None or hi is None:
        return conn.execute("SELECT id, family, region, profile FROM incidents "
                            "WHERE family = ? AND region = ?", (family, region)).fetchall()
    return conn.execute(
        "SELECT id, family, region, profile FROM incidents WHERE family = ? AND region = ? AND "
        "(day_lo IS NULL OR (day_lo <= ? AND day_hi >= ?))", (family, region, hi, lo)).fetchall()


def next_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM incidents").fetchone()[0])


def save_incidents(conn: sqlite3.Connection, rows: Iterable[tuple[Any, ...]]) -> None:
    """Upsert (id, family, region, day_lo, day_hi, profile, n_claims) rows."""
    conn.executemany(
        "INSERT INTO incidents (id, family, region, day_lo, day_hi, profile, n_claims, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET day_lo = excluded.day_lo,"
        " day_hi = excluded.day_hi, profile = excluded.profile, n_claims = excluded.n_claims,"
        " updated_at = excluded.updated_at", ((*r, now()) for r in rows))


def save_links(conn: sqlite3.Connection, rows: Iterable[tuple[int, int | None, float, str]]) -> None:
    conn.executemany("INSERT INTO claim_incident (claim, incident, score, reason) VALUES (?,?,?,?)",
                     rows)


def merge_incidents(conn: sqlite3.Connection, moved: dict[int, int]) -> None:
    """Move the claims of each incident ``a`` of ``moved`` to ``moved[a]`` (noting it in their
    reason) and delete ``a``."""
    for a, b in sorted(moved.items()):
        conn.execute("UPDATE claim_incident SET incident = ?, reason = reason || ? WHERE incident = ?",
                     (b, f"; then incident {a} merged into {b} on a second look", a))
        conn.execute("DELETE FROM incidents WHERE id = ?", (a,))


def claims_by_incident(conn: sqlite3.Connection, ids: list[int] | None
                       ) -> Iterator[tuple[int, list[sqlite3.Row]]]:
    """(incident id, its claim rows) for ``ids`` (all incidents when None), by incident id."""
    def run(where: str, params: tuple[Any, ...]) -> Iterator[tuple[int, list[sqlite3.Row]]]:
        cur = conn.execute(
            f"SELECT ci.incident AS incident, c.*, d.id AS document_id, d.outlet AS outlet, "
            f"d.published AS published, d.sha256 AS sha256 FROM claim_incident ci JOIN claims c"
            f" ON c.seq = ci.claim "
            f"JOIN documents d ON d.seq = c.doc WHERE ci.incident IS NOT NULL {where} "
            f"ORDER BY ci.incident, c.seq", params)
        group: list[sqlite3.Row] = []
        for row in cur:
            if group and group[0]["incident"] != row["incident"]:
                yield group[0]["incident"], group
                group = []
            group.append(row)
        if group:
            yield group[0]["incident"], group

    if ids is None:
        yield from run("", ())
        return
    ids = sorted(ids)
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        yield from run(f"AND ci.incident IN ({','.join('?' * len(part))})", tuple(part))


def save_records(conn: sqlite3.Connection, rows: Iterable[tuple[str | None, str | None, int]]) -> None:
    """(grade, record JSON, id) rows (None, None: the incident leaves the list)."""
    conn.executemany("UPDATE incidents SET grade = ?, record = ? WHERE id = ?", rows)


def iter_records(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    for (rec,) in conn.execute("SELECT record FROM incidents WHERE record IS NOT NULL ORDER BY id"):
        yield json.loads(rec)


def incident_of_claims(conn: sqlite3.Connection) -> dict[int, int | None]:
    return {r[0]: r[1] for r in conn.execute("SELECT claim, incident FROM claim_incident")}
