"""The ledger: an embedded SQLite file holding documents, units, claims, place mentions, errors.

Connections run in autocommit mode and every write is an explicit ``BEGIN IMMEDIATE``
transaction (WAL journal, ``busy_timeout``, foreign keys on), so several processes may share a
ledger. ``documents.record`` keeps ``json.dumps(record.to_dict(rec))``: exports round-trip the
claimweave/1 contract exactly; the other tables are flat, queryable copies.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from ..errors import ClaimweaveError, Errors, InputError
from ..model import Record
from ..record import to_dict
from .migrations import migrate, now
from .pg import PgConnection, dialect, is_url, redact
from .pg import search_claims as pg_search_claims
from .rows import CLAIM_COLUMNS, claim_row

BUSY_TIMEOUT_MS = 30_000
_CLAIM_INSERT = (
    f"INSERT INTO claims (doc, ord, {', '.join(CLAIM_COLUMNS)}) "
    f"VALUES (?, ?, {', '.join('?' for _ in CLAIM_COLUMNS)})"
)


class Ledger:
    def __init__(self, conn: sqlite3.Connection, db: str, version: int) -> None:
        self._conn = conn
        self.db = db
        self.version = version
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        self.fts = {"documents_fts", "claims_fts"} <= tables

    @classmethod
    def open(cls, path: str | Path) -> Ledger:
        """Open (creating and migrating if need be) the ledger at ``path``.

        Two processes creating one ledger at once can deadlock on SQLite's locks (switching a new
        file to WAL, or two migrations upgrading their locks); SQLite then answers "database is
        locked" at once instead of waiting, so opening is retried until ``BUSY_TIMEOUT_MS``.
        """
        db = str(path)
        if is_url(db):  # PostgreSQL, through the dialect layer of .pg
            return cls._open_pg(db)
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                return cls._open_once(db)
            except ClaimweaveError as exc:
                cause = exc.__cause__
                busy = isinstance(cause, sqlite3.OperationalError) and (
                    "locked" in str(cause) or "busy" in str(cause))
                if not busy or time.monotonic() > deadline:
                    raise
                time.sleep(0.02 + random.random() * 0.08)

    @classmethod
    def _open_pg(cls, url: str) -> Ledger:
        conn: Any = None
        try:
            conn = PgConnection(url)
            return cls(conn, url, migrate(conn, redact(url)))
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            raise ClaimweaveError(Errors.E004, db=redact(url), reason=str(exc)) from exc
        except BaseException:
            if conn is not None:
                conn.close()
            raise

    @classmethod
    def _open_once(cls, db: str) -> Ledger:
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(db, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            version = migrate(conn, db)
            return cls(conn, db, version)
        except ClaimweaveError:
            if conn is not None:
                conn.close()
            raise
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            raise ClaimweaveError(Errors.E004, db=db, reason=str(exc)) from exc

    # -- writing ---------------------------------------------------------------------------
    def has(self, sha256: str) -> bool:
        return self._conn.execute(
            "SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def write(self, rec: Record) -> bool:
        """Store one record in one transaction; False (nothing written) if its sha256 is stored."""
        d = to_dict(rec)
        record_json = json.dumps(d, allow_nan=False)  # before BEGIN: a bad record writes nothing
        doc = rec.document
        rows = [claim_row(c) for c in rec.claims]
        c = self._conn
        c.execute("BEGIN IMMEDIATE")
        try:
            if self.has(doc.sha256):
                c.execute("ROLLBACK")
                return False
            seq = c.execute(
                "INSERT INTO documents (sha256, id, path, title, genre, language, outlet, author,"
                " published, url, text, record, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.sha256, doc.id, doc.path, doc.title, rec.genre, rec.language, doc.outlet,
                 doc.author, doc.published, doc.url, doc.text, record_json, now()),
            ).lastrowid
            c.executemany(
                "INSERT INTO units VALUES (?,?,?,?,?,?,?,?,?)",
                [(seq, i, u.id, u.kind, u.start, u.end, u.speaker, u.lang, u.parent)
                 for i, u in enumerate(rec.units)])
            c.executemany(
                "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(seq, i, m.place.name, m.start, m.end, m.place.lat, m.place.lon,
                  m.place.country, m.place.geonames_id, m.place.precision)
                 for i, m in enumerate(rec.annotations.places)])
            c.executemany(_CLAIM_INSERT,
                          [(seq, i, *(r[k] for k in CLAIM_COLUMNS)) for i, r in enumerate(rows)])
            c.executemany("INSERT INTO frames VALUES (?,?,?,?,?,?,?)",
                          [(seq, i, f.technique, f.start, f.end, f.unit_id, f.reason)
                           for i, f in enumerate(rec.frames.marks)])
            c.executemany("INSERT INTO framing_terms VALUES (?,?,?,?,?,?,?)",
                          [(seq, i, t.concept, t.term, t.start, t.end, t.unit_id)
                           for i, t in enumerate(rec.frames.terms)])
            if self.fts:
                c.execute("INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
                          (seq, doc.title or "", doc.text))
                c.execute("INSERT INTO claims_fts (rowid, text) "
                          "SELECT seq, text FROM claims WHERE doc = ?", (seq,))
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return True

    def framing_by_source(self) -> list[dict[str, Any]]:
        """Per outlet (or document path when no outlet is known): words, technique marks and the
        framing terms chosen per concept — facts to compare sources, not a rating of them."""
        c = self._conn
        out: dict[str, dict[str, Any]] = {}
        for src, words in c.execute(
                "SELECT coalesce(outlet, path, id), sum(length(text) - length(replace(text, ' ', '')) + 1)"
                " FROM documents GROUP BY 1 ORDER BY 1"):
            out[src] = {"source": src, "words": words or 0, "techniques": {}, "terms": {}}
        for src, tech, n in c.execute(
                "SELECT coalesce(d.outlet, d.path, d.id), f.technique, count(*) FROM frames f"
                " JOIN documents d ON d.seq = f.doc GROUP BY 1, 2 ORDER BY 1, 2"):
            out[src]["techniques"][tech] = n
        for src, concept, term, n in c.execute(
                "SELECT coalesce(d.outlet, d.path, d.id), t.concept, t.term, count(*) FROM framing_terms t"
                " JOIN documents d ON d.seq = t.doc GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"):
            out[src]["terms"].setdefault(concept, {})[term] = n
        return sorted(out.values(), key=lambda r: r["source"])

    def record_error(self, path: str, code: str | Errors, message: str) -> None:
        """Remember an input error; the same (path, code) again updates the row, never adds one."""
        name = code.name if isinstance(code, Errors) else str(code)
        self._conn.execute(
            "INSERT INTO input_errors (path, code, message, at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (path, code) DO UPDATE SET message = excluded.message, at = excluded.at",
            (path, name, message, now()))

    def record_input_error(self, err: InputError) -> None:
        self.record_error(str(err.params.get("path", "")), err.code, str(err))

    # -- reading ---------------------------------------------------------------------------
    def iter_records(self) -> Iterator[dict[str, Any]]:
        """The stored claimweave/1 dicts, in insertion order."""
        for row in self._conn.execute("SELECT record FROM documents ORDER BY seq"):
            yield json.loads(row[0])

    def iter_claims(self) -> Iterator[sqlite3.Row]:
        """Claim rows with their document's id (``document_id``), ``path``, ``outlet``, ``url``
        and ``published``, and the claim's incident (``incident_id``; None when not linked)."""
        yield from self._conn.execute(
            "SELECT d.id AS document_id, d.path AS path, d.outlet AS outlet, d.url AS url,"
            " d.published AS published, ci.incident AS incident_id, c.* FROM claims c"
            " JOIN documents d ON d.seq = c.doc LEFT JOIN claim_incident ci ON ci.claim = c.seq"
            " ORDER BY c.seq")

    def claims(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Claim rows as dicts (see :meth:`iter_claims`), at most ``limit`` of them."""
        return [dict(r) for r in islice(self.iter_claims(), limit)]

    def errors(self) -> list[sqlite3.Row]:
        return self._conn.execute(
            "SELECT path, code, message, at FROM input_errors ORDER BY id").fetchall()

    def search_claims(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """Full-text search (FTS5 syntax) over claim text; empty if FTS5 is unavailable.

        A query that is not valid FTS5 syntax (an unpaired quote, a bare ``OR``, ``NEAR(``)
        is searched as its words taken literally, never an error."""
        if dialect(self._conn) == "postgresql":
            return pg_search_claims(self._conn, query, limit)  # type: ignore[arg-type]
        if not self.fts:
            return []
        query = query.replace("\x00", " ")  # FTS5 reads a NUL as the end of the query
        sql = ("SELECT d.id AS document_id, d.path AS path, d.outlet AS outlet, c.* "
               "FROM claims_fts f JOIN claims c ON c.seq = f.rowid JOIN documents d ON d.seq = c.doc"
               " WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?")
        try:
            return [dict(r) for r in self._conn.execute(sql, (query, limit))]
        except sqlite3.OperationalError:
            literal = " ".join('"' + w.replace('"', '""') + '"' for w in query.split())
            if not literal:
                return []
            return [dict(r) for r in self._conn.execute(sql, (literal, limit))]

    def counts(self) -> dict[str, int]:
        one = self._conn.execute
        return {t: int(one(f"SELECT count(*) FROM {tbl}").fetchone()[0]) for t, tbl in
                (("documents", "documents"), ("units", "units"), ("claims", "claims"),
                 ("errors", "input_errors"))}

    # -- lifecycle -------------------------------------------------------------------------
    @property
    def connection(self) -> sqlite3.Connection:
        return self._conn

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


__all__ = ["Ledger"]
