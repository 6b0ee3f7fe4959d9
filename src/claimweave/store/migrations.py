"""Schema migrations: functions registered with ``@migration(n)``, applied in order.

Each applied migration is a row of ``_migrations(version, name, applied_at)``; a ledger whose
highest version is above :func:`known_version` was written by a newer claimweave and is refused (E005).
Each migration runs in its own ``BEGIN IMMEDIATE`` transaction, so two processes opening a new
ledger at once apply it once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from ..errors import ClaimweaveError, Errors
from .pg import FTS_MIGRATION, dialect

Migration = Callable[[sqlite3.Connection], None]
REGISTRY: dict[int, Migration] = {}


def migration(version: int) -> Callable[[Migration], Migration]:
    def register(fn: Migration) -> Migration:
        if version in REGISTRY:
            raise ValueError(f"migration {version} registered twice")
        REGISTRY[version] = fn
        return fn

    return register


def _run(conn: sqlite3.Connection, statements: str) -> None:
    for stmt in statements.split(";\n"):
        if stmt.strip():
            conn.execute(stmt)


def fts5_available(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x)")
        conn.execute("DROP TABLE temp._fts5_probe")
    except sqlite3.OperationalError:
        return False
    return True


@migration(1)
def core_tables(conn: sqlite3.Connection) -> None:
    _run(conn, """
CREATE TABLE documents (
    seq INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    id TEXT NOT NULL,
    path TEXT, title TEXT, genre TEXT, language TEXT, outlet TEXT, author TEXT,
    published TEXT, url TEXT,
    text TEXT NOT NULL,
    record TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX documents_id ON documents(id);
CREATE INDEX documents_outlet ON documents(outlet);
CREATE TABLE units (
    doc INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    id TEXT NOT NULL, kind TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
    speaker TEXT, lang TEXT, parent TEXT,
    PRIMARY KEY (doc, ord)
);
CREATE TABLE claims (
    seq INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    id TEXT NOT NULL, unit_id TEXT, kind TEXT NOT NULL,
    span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL,
    claimant TEXT, claimant_actor_id TEXT,
    actor TEXT, actor_id TEXT,
    target TEXT, target_actor_id TEXT,
    sources TEXT,
    victims_summary TEXT, victims_min INTEGER, victims_max INTEGER,
    place TEXT, lat REAL, lon REAL, country TEXT, geonames_id INTEGER, precision TEXT,
    date_start TEXT, date_end TEXT, date_precision TEXT,
    weapon TEXT, cause TEXT,
    sources_json TEXT NOT NULL, victims_json TEXT NOT NULL, place_json TEXT, date_json TEXT,
    UNIQUE (doc, ord)
);
CREATE INDEX claims_kind ON claims(kind);
CREATE INDEX claims_place ON claims(place);
CREATE INDEX claims_date ON claims(date_start);
CREATE INDEX claims_actor ON claims(actor_id);
CREATE TABLE places (
    doc INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    name TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
    lat REAL, lon REAL, country TEXT, geonames_id INTEGER, precision TEXT,
    PRIMARY KEY (doc, ord)
);
CREATE INDEX places_name ON places(name);
CREATE TABLE input_errors (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL, at TEXT NOT NULL,
    UNIQUE (path, code)
)
""")


@migration(2)
def full_text_search(conn: sqlite3.Connection) -> None:
    """FTS5 over document and claim text (rowid = documents.seq / claims.seq), if compiled in;
    on PostgreSQL, GIN indexes of ``to_tsvector`` over the same text (see ``.pg``)."""
    if dialect(conn) == "postgresql":
        _run(conn, FTS_MIGRATION)
        return
    if not fts5_available(conn):
        return
    _run(conn, """
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE claims_fts USING fts5(text, tokenize='unicode61 remove_diacritics 2')
""")


@migration(3)
def incidents(conn: sqlite3.Connection) -> None:
    """Incidents (groups of claims across documents) and the claim -> incident table.

    ``claim_incident.incident`` is NULL for a claim that was looked at and could not be linked
    (no date and no place), so that ``link`` never processes a claim twice. ``profile`` is the
    linker's compact state of the incident; ``record`` its JSON record (grade, reasons, ...).
    """
    _run(conn, """
CREATE TABLE incidents (
    id INTEGER PRIMARY KEY,
    family TEXT NOT NULL, region TEXT NOT NULL,
    day_lo INTEGER, day_hi INTEGER,
    profile TEXT NOT NULL,
    n_claims INTEGER NOT NULL DEFAULT 0,
    grade TEXT, record TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX incidents_block ON incidents(family, region, day_lo);
CREATE TABLE claim_incident (
    claim INTEGER PRIMARY KEY REFERENCES claims(seq) ON DELETE CASCADE,
    incident INTEGER REFERENCES incidents(id) ON DELETE CASCADE,
    score REAL,
    reason TEXT
);
CREATE INDEX claim_incident_incident ON claim_incident(incident)
""")


@migration(4)
def frames(conn: sqlite3.Connection) -> None:
    """Persuasion marks and framing terms per document, for the UI and per-source sums."""
    _run(conn, """
CREATE TABLE frames (
    doc INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    technique TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
    unit_id TEXT, reason TEXT,
    PRIMARY KEY (doc, ord)
);
CREATE INDEX frames_technique ON frames(technique);
CREATE TABLE framing_terms (
    doc INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    concept TEXT NOT NULL, term TEXT NOT NULL,
    span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, unit_id TEXT,
    PRIMARY KEY (doc, ord)
);
CREATE INDEX framing_terms_concept ON framing_terms(concept, term)
""")


@migration(5)
def open_world(conn: sqlite3.Connection) -> None:
    """Open-world extraction: the entity type of an actor outside the knowledge base (actor_id
    NULL) for actor, claimant and target; the claim's physical targets and named victims (JSON
    lists), its scope ("incident" or "background") and event. Rows of older ledgers read as no
    entity type, no targets, no named victims, scope "incident", no event."""
    _run(conn, """
ALTER TABLE claims ADD COLUMN actor_entity_type TEXT;
ALTER TABLE claims ADD COLUMN claimant_entity_type TEXT;
ALTER TABLE claims ADD COLUMN target_entity_type TEXT;
ALTER TABLE claims ADD COLUMN targets_json TEXT DEFAULT '[]';
ALTER TABLE claims ADD COLUMN named_victims_json TEXT DEFAULT '[]';
ALTER TABLE claims ADD COLUMN scope TEXT DEFAULT 'incident';
ALTER TABLE claims ADD COLUMN event TEXT
""")


_APPEND_ONLY_SQLITE = """
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END
"""
_APPEND_ONLY_PG = """
CREATE FUNCTION claimweave_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit is append-only'; END $$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION claimweave_audit_append_only()
"""


@migration(6)
def accounts_and_audit(conn: sqlite3.Connection) -> None:
    """Accounts and the append-only audit of people's decisions (issue 15).

    ``users``: name, role (viewer, reviewer, admin), ``token_id`` (the public half of the token,
    to find the row) and ``token_hash`` (scrypt of the token with a random salt; the token itself
    is never stored). ``audit``: one row per decision, never updated or deleted (triggers refuse
    both); ``target_id`` of a claim is ``sha256:start:end:kind`` of its document and evidence
    span, so decisions outlive row ids (see ``.review``)."""
    _run(conn, """
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'reviewer', 'admin')),
    token_id TEXT NOT NULL UNIQUE,
    token_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    "user" TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    note TEXT
);
CREATE INDEX audit_target ON audit(target_type, target_id, id)
""")
    _run(conn, _APPEND_ONLY_PG if dialect(conn) == "postgresql" else _APPEND_ONLY_SQLITE)


def known_version() -> int:
    return max(REGISTRY)


def current_version(conn: sqlite3.Connection) -> int:
    row = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_migrations'"
    ).fetchone()
    if row is None:
        return 0
    return int(conn.execute("SELECT coalesce(max(version), 0) FROM _migrations").fetchone()[0])


def migrate(conn: sqlite3.Connection, db: str) -> int:
    """Apply pending migrations; return the schema version. ``conn`` must be in autocommit mode."""
    found, known = current_version(conn), known_version()
    if found > known:
        raise ClaimweaveError(Errors.E005, db=db, found=found, known=known)
    for version in sorted(v for v in REGISTRY if v > found):
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("CREATE TABLE IF NOT EXISTS _migrations (version INTEGER PRIMARY KEY,"
                         " name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            if current_version(conn) >= version:  # another process got there first
                conn.execute("COMMIT")
                continue
            REGISTRY[version](conn)
            conn.execute("INSERT INTO _migrations VALUES (?, ?, ?)",
                         (version, REGISTRY[version].__name__, now()))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return known


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
