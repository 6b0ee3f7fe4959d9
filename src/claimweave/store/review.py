"""Accounts, people's decisions on claims, and the append-only audit (issue 15).

Nothing the machine extracted is ever changed: a person's decision is a row of ``audit`` (who,
when, what, the values before and after, a note), and a claim's current values are those of its
latest decision, else the machine's. Works on both backends (the connection is a
``sqlite3.Connection`` or a :class:`~claimweave.store.pg.PgConnection`).

Tokens: ``cw_<token_id>_<secret>``. ``token_id`` (16 hex digits, not secret) finds the account;
the whole token is checked against ``token_hash``, ``scrypt$N$r$p$salt$hash`` (hashlib.scrypt,
16 random bytes of salt, N=2**14, r=8, p=1, 32 bytes), compared in constant time. The token is
shown once when the account is made and is stored nowhere.

A claim's decisions are keyed by :func:`claim_key` — its document's sha256, its evidence span and
the machine's kind — never by row ids, so re-ingesting a document (or rebuilding its rows) finds
every decision again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .migrations import now

ROLES = ("viewer", "reviewer", "admin")
WRITERS = frozenset({"reviewer", "admin"})
REVIEW_ACTIONS = ("confirm", "reject", "correct")
FIELDS = ("victims", "actor", "target", "place", "date", "claimant", "kind")
STATUS = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_LEN = 2**14, 8, 1, 32
_TOKEN_RE = re.compile(r"^cw_([0-9a-f]{16})_([A-Za-z0-9_-]{20,100})$")
_AUTH_CACHE: dict[tuple[str, str], str] = {}  # (token_id, sha256(token)) -> token_hash it matched


class ReviewError(Exception):
    """A decision that cannot be recorded; ``kind`` is ``not_found``, ``stale`` or ``invalid``."""

    def __init__(self, kind: str, message: str, current: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.current = current


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    created_at: str

    @property
    def can_write(self) -> bool:
        return self.role in WRITERS


@dataclass(frozen=True)
class Review:
    """A claim's review state: ``status`` machine/confirmed/corrected/rejected, who, when, the
    note, ``version`` (the number of decisions so far) and the current ``values``."""

    status: str = "machine"
    by: str | None = None
    at: str | None = None
    note: str | None = None
    version: int = 0
    values: dict[str, Any] = field(default_factory=dict)

    def public(self) -> dict[str, Any]:
        return {"status": self.status, "by": self.by, "at": self.at, "note": self.note,
                "version": self.version}



@contextmanager
def _immediate(conn: Any) -> Iterator[None]:
    """One write transaction (``BEGIN IMMEDIATE``: writers queue), rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise

def has_tables(conn: Any, *names: str) -> bool:
    found = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return set(names) <= found


# -- tokens -----------------------------------------------------------------------------------------
def hash_token(token: str, salt: bytes | None = None) -> str:
    salt = secrets.token_bytes(16) if salt is None else salt
    dk = hashlib.scrypt(token.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                        maxmem=64 * 1024 * 1024, dklen=SCRYPT_LEN)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${dk.hex()}"


def check_token(token: str, stored: str) -> bool:
    try:
        algo, n, r, p, salt, want = stored.split("$")
        if algo != "scrypt":
            return False
        dk = hashlib.scrypt(token.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                            maxmem=64 * 1024 * 1024, dklen=len(want) // 2)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(dk.hex(), want)


# -- accounts ---------------------------------------------------------------------------------------
def _user(row: Any) -> User:
    return User(id=int(row["id"]), name=row["name"], role=row["role"], created_at=row["created_at"])


def add_user(conn: Any, name: str, role: str, by: str = "cli") -> tuple[User, str]:
    """Create an account; returns it and its token (shown once, stored only as a hash).
    Raises ValueError for a bad name or role, or a name already taken."""
    if not NAME_RE.match(name):
        raise ValueError("a user name is 1-64 letters, digits, '.', '_', '@' or '-', "
                         "starting with a letter or digit")
    if role not in ROLES:
        raise ValueError("role must be one of " + ", ".join(ROLES))
    token_id = secrets.token_hex(8)
    token = f"cw_{token_id}_{secrets.token_urlsafe(32)}"
    hashed = hash_token(token)
    at = now()
    with _immediate(conn):
        if conn.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone() is not None:
            raise ValueError(f"a user named {name} already exists")
        conn.execute("INSERT INTO users (name, role, token_id, token_hash, created_at)"
                     " VALUES (?, ?, ?, ?, ?)", (name, role, token_id, hashed, at))
        row = conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()
        _audit(conn, by, "user.add", "user", name, None, {"name": name, "role": role}, None, at)
    return _user(row), token


def list_users(conn: Any) -> list[User]:
    return [_user(r) for r in conn.execute("SELECT * FROM users ORDER BY name")]


def remove_user(conn: Any, name: str, by: str = "cli") -> bool:
    """Delete an account (its token stops working at once); False if there is none. Its
    decisions stay in the audit under its name."""
    with _immediate(conn):
        row = conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()
        if row is None:
            return False  # nothing written
        conn.execute("DELETE FROM users WHERE name = ?", (name,))
        _audit(conn, by, "user.remove", "user", name, {"name": name, "role": row["role"]}, None,
               None, now())
    _AUTH_CACHE.clear()
    return True


def authenticate(conn: Any, token: str | None) -> User | None:
    """The account a bearer token belongs to, or None (unknown, malformed, removed)."""
    if not token:
        return None
    m = _TOKEN_RE.match(token)
    if m is None or not has_tables(conn, "users"):
        return None
    row = conn.execute("SELECT * FROM users WHERE token_id = ?", (m.group(1),)).fetchone()
    if row is None:
        return None
    key = (m.group(1), hashlib.sha256(token.encode()).hexdigest())
    if _AUTH_CACHE.get(key) != row["token_hash"]:
        if not check_token(token, row["token_hash"]):
            return None
        if len(_AUTH_CACHE) > 1000:
            _AUTH_CACHE.clear()
        _AUTH_CACHE[key] = row["token_hash"]
    return _user(row)


# -- the audit --------------------------------------------------------------------------------------
def _dumps(v: Any) -> str | None:
    return None if v is None else json.dumps(v, ensure_ascii=False, allow_nan=False, sort_keys=True)


def _audit(conn: Any, user: str, action: str, target_type: str, target_id: str,
           before: Any, after: Any, note: str | None, at: str) -> int:
    cur = conn.execute(
        'INSERT INTO audit (at, "user", action, target_type, target_id, before_json, after_json,'
        " note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (at, user, action, target_type, target_id, _dumps(before), _dumps(after), note))
    return int(cur.lastrowid or 0)


def _audit_dict(r: Any) -> dict[str, Any]:
    return {"id": int(r["id"]), "at": r["at"], "user": r["user"], "action": r["action"],
            "target_type": r["target_type"], "target_id": r["target_id"],
            "before": json.loads(r["before_json"]) if r["before_json"] else None,
            "after": json.loads(r["after_json"]) if r["after_json"] else None, "note": r["note"]}


def audit_rows(conn: Any, limit: int = 100, offset: int = 0, target_type: str | None = None,
               target_id: str | None = None) -> tuple[int, list[dict[str, Any]]]:
    """The audit, newest first, optionally for one target; (total, a page of rows)."""
    if not has_tables(conn, "audit"):
        return 0, []
    where, params = [], []
    if target_type is not None:
        where.append("target_type = ?")
        params.append(target_type)
    if target_id is not None:
        where.append("target_id = ?")
        params.append(target_id)
    cond = (" WHERE " + " AND ".join(where)) if where else ""
    total = int(conn.execute("SELECT count(*) FROM audit" + cond, params).fetchone()[0])
    rows = conn.execute("SELECT * FROM audit" + cond + " ORDER BY id DESC LIMIT ? OFFSET ?",
                        [*params, limit, offset]).fetchall()
    return total, [_audit_dict(r) for r in rows]


AUDIT_COLUMNS = ("id", "at", "user", "action", "target_type", "target_id", "before", "after",
                 "note")


def iter_audit(conn: Any, chunk: int = 1000) -> Iterator[dict[str, Any]]:
    """Every audit row, oldest first (as :func:`audit_rows` gives them), read ``chunk`` at a time."""
    if not has_tables(conn, "audit"):
        return
    last = 0
    while True:
        rows = conn.execute("SELECT * FROM audit WHERE id > ? ORDER BY id LIMIT ?",
                            (last, chunk)).fetchall()
        if not rows:
            return
        for r in rows:
            yield _audit_dict(r)
        last = int(rows[-1]["id"])


def write_audit(rows: Iterator[dict[str, Any]], fmt: str, out: Any) -> int:
    """Write audit rows to the text stream ``out`` as ``jsonl`` (one row a line, as the API gives
    it) or ``csv`` (:data:`AUDIT_COLUMNS`; before and after as JSON text; a cell a spreadsheet
    would run as a formula is prefixed with a quote). Returns the number of rows."""
    import csv

    if fmt not in ("jsonl", "csv"):
        raise ValueError("audit exports are jsonl or csv")
    writer = csv.writer(out, lineterminator="\r\n") if fmt == "csv" else None
    if writer is not None:
        writer.writerow(AUDIT_COLUMNS)
    n = 0
    for r in rows:
        if writer is None:
            out.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
        else:
            cells = [_dumps(r[k]) if k in ("before", "after") else r[k] for k in AUDIT_COLUMNS]
            writer.writerow([_cell(c) for c in cells])
        n += 1
    return n


def _cell(v: Any) -> Any:
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return v


# -- claims -----------------------------------------------------------------------------------------
def claim_key(sha256: str, start: int, end: int, kind: str) -> str:
    """A claim's identity across re-ingests: its document's sha256, evidence span, machine kind."""
    return f"{sha256}:{int(start)}:{int(end)}:{kind}"


def machine_values(row: Any) -> dict[str, Any]:
    """The machine's values of the fields a person may correct, from a claims row."""
    return {"kind": row["kind"], "claimant": row["claimant"], "actor": row["actor"],
            "target": row["target"], "victims": json.loads(row["victims_json"] or "[]"),
            "place": json.loads(row["place_json"] or "null"),
            "date": json.loads(row["date_json"] or "null")}


def reviews_for(conn: Any, keys: list[str]) -> dict[str, Review]:
    """The review state of each claim key that has a decision (a key without one is absent)."""
    out: dict[str, Review] = {}
    if not keys or not has_tables(conn, "audit"):
        return out
    uniq = sorted(set(keys))
    for i in range(0, len(uniq), 500):
        part = uniq[i:i + 500]
        counts = {r[0]: int(r[1]) for r in conn.execute(
            "SELECT target_id, count(*) FROM audit WHERE target_type = 'claim' AND target_id IN"
            f" ({','.join('?' * len(part))}) GROUP BY target_id", part)}
        for r in conn.execute(
                "SELECT a.* FROM audit a WHERE a.target_type = 'claim' AND a.target_id IN"
                f" ({','.join('?' * len(part))}) AND a.id = (SELECT max(b.id) FROM audit b WHERE b.target_type ="
                " 'claim' AND b.target_id = a.target_id)", part):
            after = json.loads(r["after_json"] or "{}")
            out[r["target_id"]] = Review(status=after.get("status", "machine"), by=r["user"],
                                         at=r["at"], note=r["note"],
                                         version=counts.get(r["target_id"], 0),
                                         values=after.get("values") or {})
    return out


def current(machine: dict[str, Any], review: Review | None) -> tuple[dict[str, Any], Review]:
    """A claim's current values and review state (the machine's when nobody decided)."""
    if review is None:
        return dict(machine), Review(values=dict(machine))
    return {**machine, **review.values}, review


def review_claim(conn: Any, key: str, machine: dict[str, Any], user: User, action: str,
                 fields: dict[str, Any] | None, note: str | None,
                 version: int | None = None) -> tuple[dict[str, Any], Review]:
    """Record one decision on the claim ``key`` (whose machine values are ``machine``) in one
    transaction; returns the claim's new current values and review state.

    ``version`` (optional) is the number of decisions the person saw; if another decision came
    in since, nothing is written and ``ReviewError('stale')`` carries the current state."""
    fields = _checked(user, action, fields)
    at = now()
    with _immediate(conn):
        out = _decide(conn, key, machine, user, action, fields, note, version, at)
        regrade_claim(conn, key)
    return out


def _checked(user: User, action: str, fields: dict[str, Any] | None) -> dict[str, Any]:
    if action not in REVIEW_ACTIONS:
        raise ReviewError("invalid", "action must be one of " + ", ".join(REVIEW_ACTIONS))
    fields = dict(fields or {})
    if set(fields) - set(FIELDS):
        raise ReviewError("invalid", "fields may be " + ", ".join(FIELDS))
    if action == "correct" and not fields:
        raise ReviewError("invalid", "a correction names at least one field")
    if action != "correct" and fields:
        raise ReviewError("invalid", f"{action} takes no fields (use action 'correct')")
    if not user.can_write:
        raise ReviewError("forbidden", f"{user.role} accounts cannot review")
    return fields


def _decide(conn: Any, key: str, machine: dict[str, Any], user: User, action: str,
            fields: dict[str, Any], note: str | None, version: int | None,
            at: str) -> tuple[dict[str, Any], Review]:
    """One decision's audit row, inside the caller's transaction (no regrade)."""
    values, state = current(machine, reviews_for(conn, [key]).get(key))
    if version is not None and version != state.version:
        raise ReviewError("stale", f"the claim is at version {state.version}, not {version}: "
                          f"{state.status} by {state.by or 'nobody'} at {state.at or '-'} since; "
                          "reload and decide again",
                          {"values": values, "review": state.public()})
    before = {"status": state.status, "values": values}
    after_values = {**values, **fields} if action == "correct" else values
    changed = {k: v for k, v in after_values.items() if machine.get(k) != v}
    after = {"status": STATUS[action], "values": changed}
    _audit(conn, user.name, f"claim.{action}", "claim", key, before, after, note, at)
    new = Review(status=STATUS[action], by=user.name, at=at, note=note, version=state.version + 1,
                 values=changed)
    return {**machine, **changed}, new


def last_audit_id(conn: Any) -> int:
    """The newest audit row's id (0 for none): what a page saw, for :func:`bulk_review`."""
    if not has_tables(conn, "audit"):
        return 0
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0])


def bulk_review(conn: Any, incident_ids: list[int], user: User, action: str, note: str | None,
                seen: int | None = None) -> dict[str, int]:
    """Confirm or reject every claim of these incidents in one transaction (a claim already at
    that status is left alone); their incidents are graded again. ``seen`` is the newest audit
    id the person's page showed: if anyone decided on these incidents or their claims since,
    nothing is written and ``ReviewError('stale')`` names the decision. Counts of
    ``incidents`` and ``decided``/``unchanged`` claims."""
    from ..link import regrade_incidents

    if action not in ("confirm", "reject"):
        raise ReviewError("invalid", "a bulk decision is confirm or reject")
    _checked(user, action, None)
    ids = sorted(set(incident_ids))
    if not ids:
        raise ReviewError("invalid", "choose at least one incident")
    at = now()
    decided = unchanged = 0
    with _immediate(conn):
        rows: list[Any] = []
        for i in ids:
            if not _live(conn, i):
                raise ReviewError("not_found", f"no incident {i}")
            rows += conn.execute(
                "SELECT c.*, d.sha256 AS sha256 FROM claim_incident ci JOIN claims c ON c.seq ="
                " ci.claim JOIN documents d ON d.seq = c.doc WHERE ci.incident = ? ORDER BY c.seq",
                (i,)).fetchall()
        keys = [claim_key(r["sha256"], r["span_start"], r["span_end"], r["kind"]) for r in rows]
        if seen is not None:
            newer = [r for r in audit_for(conn, "claim", keys) + audit_for(
                conn, "incident", [str(i) for i in ids]) if r["id"] > seen]
            if newer:
                r = max(newer, key=lambda x: x["id"])
                raise ReviewError("stale", f"{len(newer)} decision(s) on these incidents since the "
                                  f"page was loaded (the latest: {r['action']} by {r['user']} at "
                                  f"{r['at']}); reload and decide again")
        reviews = reviews_for(conn, keys)
        for r, key in zip(rows, keys, strict=True):
            state = reviews.get(key)
            if state is not None and state.status == STATUS[action]:
                unchanged += 1
                continue
            _decide(conn, key, machine_values(r), user, action, {}, note, None, at)
            decided += 1
        regrade_incidents(conn, ids)
    return {"incidents": len(ids), "decided": decided, "unchanged": unchanged}


def claim_incidents(conn: Any, key: str) -> list[int]:
    """The incidents the claims of ``key`` (sha256:start:end:kind) are linked to."""
    sha, start, end, kind = key.split(":", 3)
    return [int(r[0]) for r in conn.execute(
        "SELECT DISTINCT ci.incident FROM claims c JOIN documents d ON d.seq = c.doc JOIN"
        " claim_incident ci ON ci.claim = c.seq WHERE d.sha256 = ? AND c.span_start = ? AND"
        " c.span_end = ? AND c.kind = ? AND ci.incident IS NOT NULL ORDER BY 1",
        (sha, int(start), int(end), kind))]


def regrade_claim(conn: Any, key: str) -> list[int]:
    """Grade again the incidents of the claim ``key`` after a decision on it (a rejected claim
    no longer corroborates or counts; a corrected one counts with its new values)."""
    from ..link import regrade_incidents

    ids = claim_incidents(conn, key)
    if ids:
        regrade_incidents(conn, ids)
    return ids


# -- incidents --------------------------------------------------------------------------------------
def incident_version(conn: Any, incident_id: int) -> int:
    if not has_tables(conn, "audit"):
        return 0
    return int(conn.execute("SELECT count(*) FROM audit WHERE target_type = 'incident' AND"
                            " target_id = ?", (str(incident_id),)).fetchone()[0])


def assessment(conn: Any, incident_id: int) -> dict[str, Any] | None:
    """A person's latest assessment of the incident (grade, reasons, by, at, note), or None."""
    if not has_tables(conn, "audit"):
        return None
    r = conn.execute("SELECT * FROM audit WHERE target_type = 'incident' AND target_id = ? AND"
                     " action = 'incident.assess' ORDER BY id DESC LIMIT 1",
                     (str(incident_id),)).fetchone()
    if r is None:
        return None
    after = json.loads(r["after_json"] or "{}")
    return {"grade": after.get("grade"), "reasons": after.get("reasons") or [], "by": r["user"],
            "at": r["at"], "note": r["note"]}


def assessments(conn: Any) -> dict[int, dict[str, Any]]:
    """Every incident's latest assessment by a person (as :func:`assessment`), by incident id."""
    if not has_tables(conn, "audit"):
        return {}
    out = {}
    for r in conn.execute("SELECT * FROM audit WHERE id IN (SELECT max(id) FROM audit WHERE"
                          " target_type = 'incident' AND action = 'incident.assess' GROUP BY"
                          " target_id)"):
        after = json.loads(r["after_json"] or "{}")
        out[int(r["target_id"])] = {"grade": after.get("grade"), "reasons": after.get("reasons") or [],
                                    "by": r["user"], "at": r["at"], "note": r["note"]}
    return out


def note_incident(conn: Any, incident_id: int, user: User, note: str,
                  version: int | None = None) -> dict[str, Any]:
    """A note on the incident without a decision (an audit row ``incident.note``); the row."""
    if not note or not note.strip():
        raise ReviewError("invalid", "a note needs some text")
    at = now()
    with _immediate(conn):
        _check(conn, user, incident_id, version)
        rid = _audit(conn, user.name, "incident.note", "incident", str(incident_id), None, None,
                     note.strip(), at)
    return {"id": rid, "at": at, "user": user.name, "action": "incident.note",
            "target_type": "incident", "target_id": str(incident_id), "before": None,
            "after": None, "note": note.strip()}


def audit_for(conn: Any, target_type: str, target_ids: list[str],
              actions: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    """Every audit row about these targets (``actions`` only, when given), newest first."""
    if not target_ids or not has_tables(conn, "audit"):
        return []
    out: list[dict[str, Any]] = []
    uniq = sorted(set(target_ids))
    for i in range(0, len(uniq), 500):
        part = uniq[i:i + 500]
        out += [_audit_dict(r) for r in conn.execute(
            "SELECT * FROM audit WHERE target_type = ? AND target_id IN"
            f" ({','.join('?' * len(part))}) ORDER BY id DESC", [target_type, *part])]
    if actions is not None:
        out = [r for r in out if r["action"] in actions]
    return sorted(out, key=lambda r: -r["id"])


def _incident_claims(conn: Any, incident_id: int) -> list[Any]:
    return conn.execute(
        "SELECT c.seq AS seq, c.id AS id, c.kind AS kind, c.span_start AS span_start,"
        " c.span_end AS span_end, d.id AS document_id, d.seq AS doc_seq, d.sha256 AS sha256"
        " FROM claim_incident ci JOIN claims c ON c.seq = ci.claim JOIN documents d ON"
        " d.seq = c.doc WHERE ci.incident = ? ORDER BY c.seq", (incident_id,)).fetchall()


def _keys(rows: list[Any]) -> list[str]:
    return [claim_key(r["sha256"], r["span_start"], r["span_end"], r["kind"]) for r in rows]


def _live(conn: Any, incident_id: int) -> bool:
    return conn.execute("SELECT 1 FROM incidents WHERE id = ? AND record IS NOT NULL",
                        (incident_id,)).fetchone() is not None


def _check(conn: Any, user: User, incident_id: int, version: int | None) -> int:
    if not user.can_write:
        raise ReviewError("forbidden", f"{user.role} accounts cannot review")
    if not _live(conn, incident_id):
        raise ReviewError("not_found", f"no incident {incident_id}")
    v = incident_version(conn, incident_id)
    if version is not None and version != v:
        rows = audit_for(conn, "incident", [str(incident_id)])
        since = (f"{rows[0]['action']} by {rows[0]['user']} at {rows[0]['at']} since"
                 if rows and version < v else "no such version")
        raise ReviewError("stale", f"incident {incident_id} is at version {v}, not {version}: "
                          f"{since}; reload and decide again")
    return v


def assess_incident(conn: Any, incident_id: int, user: User, grade: str, reasons: list[str],
                    note: str | None, version: int | None = None) -> dict[str, Any]:
    """A person's grade and reasons for the incident (the linker's stay in its record)."""
    at = now()
    with _immediate(conn):
        _check(conn, user, incident_id, version)
        before = assessment(conn, incident_id)
        _audit(conn, user.name, "incident.assess", "incident", str(incident_id),
               None if before is None else {"grade": before["grade"], "reasons": before["reasons"]},
               {"grade": grade, "reasons": reasons}, note, at)
    return {"grade": grade, "reasons": reasons, "by": user.name, "at": at, "note": note}


def _regrade(ledger: Any, ids: list[int]) -> None:
    from ..link import regrade

    regrade(ledger, ids)
    for i in ids:
        ledger.connection.execute("UPDATE incidents SET n_claims = (SELECT count(*) FROM"
                                  " claim_incident WHERE incident = ?), updated_at = ? WHERE id = ?",
                                  (i, now(), i))  # an incident left without claims leaves the list (its row stays, record NULL)
        if not ledger.connection.execute("SELECT 1 FROM claim_incident WHERE incident = ?",
                                         (i,)).fetchone():
            ledger.connection.execute("UPDATE incidents SET record = NULL, grade = NULL,"
                                      " n_claims = 0 WHERE id = ?", (i,))


def merge_incidents(ledger: Any, src: int, into: int, user: User, note: str | None,
                    version: int | None = None) -> None:
    """Move every claim of incident ``src`` into ``into`` and grade ``into`` again; ``src``
    leaves the list. The linker never looks at a linked claim again, so it never undoes this."""
    if src == into:
        raise ReviewError("invalid", "an incident cannot be merged into itself")
    conn = ledger.connection
    at = now()
    with _immediate(conn):
        _check(conn, user, src, version)
        if not _live(conn, into):
            raise ReviewError("not_found", f"no incident {into} to merge into")
        keys = [claim_key(r["sha256"], r["span_start"], r["span_end"], r["kind"])
                for r in _incident_claims(conn, src)]
        conn.execute("UPDATE claim_incident SET incident = ?, reason = ? WHERE incident = ?",
                     (into, f"merged by {user.name}", src))
        _regrade(ledger, [into, src])
        members = _keys(_incident_claims(conn, into))
        _audit(conn, user.name, "incident.merge", "incident", str(src), {"claims": keys},
               {"into": into}, note, at)
        _audit(conn, user.name, "incident.merged_in", "incident", str(into), None,
               {"from": src, "claims": keys, "members": members}, note, at)


def placements(conn: Any) -> dict[str, tuple[int, str]]:
    """Where people put claims: claim key -> (incident, who), from the latest merge or split
    that grouped each claim. A merge groups the claims moved with those already there
    (``incident.merged_in``: ``claims`` and ``members``); a split, the claims moved off
    (``incident.split_off``) apart from those left (``incident.split``: ``members``)."""
    if not has_tables(conn, "audit"):
        return {}
    out: dict[str, tuple[int, str]] = {}
    for r in conn.execute("SELECT * FROM audit WHERE target_type = 'incident' AND action IN"
                          " ('incident.merged_in', 'incident.split_off', 'incident.split')"
                          " ORDER BY id"):
        after = json.loads(r["after_json"] or "{}")
        keys = after.get("members") or [] if r["action"] == "incident.split" else \
            [*(after.get("claims") or []), *(after.get("members") or [])]
        for key in keys:
            out[key] = (int(r["target_id"]), r["user"])
    return out


def regroup(conn: Any, seqs: list[int]) -> set[int]:
    """Put the newly linked claims ``seqs`` back where a person put them: a document stored again
    (re-ingested, re-extracted) gets new claim rows, which the linker links afresh; a claim whose
    key a person's merge or split moved goes back to that incident, if it is still listed. Run
    inside the linker's transaction; returns the incidents to grade again (an incident left
    without claims leaves the list)."""
    placed = placements(conn) if seqs else {}
    if not placed:
        return set()
    touched: set[int] = set()
    for i in range(0, len(seqs), 500):
        part = seqs[i:i + 500]
        for r in conn.execute(
                "SELECT c.seq AS seq, c.span_start AS span_start, c.span_end AS span_end, c.kind"
                " AS kind, d.sha256 AS sha256, ci.incident AS incident FROM claims c JOIN documents"
                " d ON d.seq = c.doc JOIN claim_incident ci ON ci.claim = c.seq WHERE c.seq IN"
                f" ({','.join('?' * len(part))})", part):
            where = placed.get(claim_key(r["sha256"], r["span_start"], r["span_end"], r["kind"]))
            if where is None or where[0] == r["incident"] or not _live(conn, where[0]):
                continue
            conn.execute("UPDATE claim_incident SET incident = ?, reason = ? WHERE claim = ?",
                         (where[0], f"kept where {where[1]} put it", r["seq"]))
            touched |= {where[0]} | ({int(r["incident"])} if r["incident"] is not None else set())
    for i in sorted(touched):
        if conn.execute("SELECT 1 FROM claim_incident WHERE incident = ?", (i,)).fetchone() is None:
            conn.execute("UPDATE incidents SET record = NULL, grade = NULL, n_claims = 0 WHERE id = ?",
                         (i,))
            touched.discard(i)
    return touched


def split_incident(ledger: Any, src: int, refs: list[tuple[str, str]], user: User,
                   note: str | None, version: int | None = None) -> int:
    """Move the claims ``refs`` ((document id or seq, claim id) pairs) of incident ``src`` into
    a new incident (same block and linker profile as ``src``); grade both; the new id."""
    conn = ledger.connection
    at = now()
    with _immediate(conn):
        _check(conn, user, src, version)
        rows = _incident_claims(conn, src)
        by_ref = {(str(r["document_id"]), r["id"]): r for r in rows}
        by_ref.update({(str(r["doc_seq"]), r["id"]): r for r in rows})
        chosen = []
        for doc, claim in refs:
            if (doc, claim) not in by_ref:
                raise ReviewError("invalid", f"claim {doc}#{claim} is not in incident {src}")
            chosen.append(by_ref[(doc, claim)])
        seqs = sorted({r["seq"] for r in chosen})
        if not seqs or len(seqs) == len(rows):
            raise ReviewError("invalid", "a split moves some, not all, of the incident's claims")
        new = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM incidents").fetchone()[0])
        conn.execute("INSERT INTO incidents (id, family, region, day_lo, day_hi, profile, n_claims,"
                     " updated_at) SELECT ?, family, region, day_lo, day_hi, profile, ?, ? FROM"
                     " incidents WHERE id = ?", (new, len(seqs), at, src))
        conn.executemany("UPDATE claim_incident SET incident = ?, reason = ? WHERE claim = ?",
                         [(new, f"split by {user.name}", s) for s in seqs])
        _regrade(ledger, [src, new])
        keys = _keys(chosen)
        _audit(conn, user.name, "incident.split", "incident", str(src), None,
               {"new": new, "claims": keys, "members": _keys(_incident_claims(conn, src))}, note, at)
        _audit(conn, user.name, "incident.split_off", "incident", str(new), None,
               {"from": src, "claims": keys}, note, at)
    return new


__all__ = ["placements", "regroup", "AUDIT_COLUMNS", "iter_audit", "write_audit", "bulk_review", "last_audit_id", "assess_incident", "assessment", "assessments", "audit_for", "note_incident", "incident_version", "merge_incidents",
           "split_incident", "FIELDS", "REVIEW_ACTIONS", "ROLES", "Review", "ReviewError", "User", "add_user",
           "audit_rows", "authenticate", "check_token", "claim_key", "current", "hash_token",
           "list_users", "machine_values", "remove_user", "review_claim", "reviews_for"]
