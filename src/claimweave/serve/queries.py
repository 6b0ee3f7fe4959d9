"""Read-only queries behind the web UI and the JSON API.

Every value from a request reaches SQLite as a bound parameter; sort keys and formats are
checked against fixed lists. The ledger is opened with ``mode=ro``: the server cannot write.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from ..model import Victims
from ..store.filters import Where, fold, incident_conditions
from ..store.filters import like as _like
from ..store.review import (
    Review,
    assessment,
    claim_key,
    current,
    incident_version,
    machine_values,
    reviews_for,
)
from ..store.rows import json_list, victims_summary
from .errors import ApiError
from .incidentview import document_name, ledger_state, ledger_view, place_ids, source_name, summary

GRADES = ("contested", "conceded", "denied", "corroborated", "single_source")
SORTS = ("date", "count", "grade", "place", "claims", "id")
BUCKETS = ("day", "week", "month", "year")
REVIEW_STATES = ("assessed", "claims reviewed", "not reviewed")
MAX_LIMIT = 1000
_CONTRA = re.compile(r"^(?:perpetrator|date|place):|\bsays at least\b|^denied or not confirmed")


def connect(db: str | Path) -> sqlite3.Connection:
    """A read-only connection to the ledger (raises ``sqlite3.Error`` if it cannot be read)."""
    uri = "file:" + quote(str(Path(db).resolve())) + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=30)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA query_only = ON")
    conn.create_function("fold", 1, fold, deterministic=True)
    return conn


def check_ledger(conn: sqlite3.Connection) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = {"documents", "units", "claims", "incidents", "claim_incident", "frames"} - tables
    if missing:
        raise ValueError(f"not a claimweave ledger (missing tables: {', '.join(sorted(missing))})")


def has_fts(conn: sqlite3.Connection) -> bool:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {"documents_fts", "claims_fts"} <= tables


# -- filters ------------------------------------------------------------------------------------
def _day(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        return Date.fromisoformat(value).isoformat()
    except ValueError:
        raise ApiError(400, "bad_parameter", f"{name} must be a date YYYY-MM-DD") from None


def _int(value: str | None, name: str, lo: int, hi: int, default: int | None) -> int | None:
    if value is None or value == "":
        return default
    try:
        n = int(value)
    except ValueError:
        raise ApiError(400, "bad_parameter", f"{name} must be an integer") from None
    if not lo <= n <= hi:
        raise ApiError(400, "bad_parameter", f"{name} must be between {lo} and {hi}")
    return n


def _text(value: str | None, name: str, maxlen: int = 200) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > maxlen:
        raise ApiError(400, "bad_parameter", f"{name} is longer than {maxlen} characters")
    return value.strip()


@dataclass(frozen=True)
class Filters(Where):
    """The command line's filters (:class:`Where`: dates, place, actor, side, grade) and the
    workbench's own: facets, search, sorting, paging and the timeline's period."""

    min_count: int | None = None
    q: str | None = None
    at: str | None = None  # the incident's place, exactly (the place facet)
    governorate: str | None = None
    district: str | None = None
    review: str | None = None
    month: str | None = None
    outlet: str | None = None
    sort: str = "date"
    order: str = "desc"
    limit: int = 100
    offset: int = 0
    bucket: str = "auto"

    @classmethod
    def parse(cls, params: Any) -> Filters:
        grade = _text(params.get("grade"), "grade")
        if grade is not None and grade not in GRADES:
            raise ApiError(400, "bad_parameter", "grade must be one of " + ", ".join(GRADES))
        sort = params.get("sort") or "date"
        if sort not in SORTS:
            raise ApiError(400, "bad_parameter", "sort must be one of " + ", ".join(SORTS))
        order = params.get("order") or ("asc" if sort in ("place", "id") else "desc")
        if order not in ("asc", "desc"):
            raise ApiError(400, "bad_parameter", "order must be asc or desc")
        bucket = params.get("bucket") or "auto"
        if bucket not in BUCKETS and bucket != "auto":
            raise ApiError(400, "bad_parameter", "bucket must be auto, " + ", ".join(BUCKETS))
        review = _text(params.get("review"), "review")
        if review is not None and review not in REVIEW_STATES:
            raise ApiError(400, "bad_parameter", "review must be one of " + ", ".join(REVIEW_STATES))
        month = _text(params.get("month"), "month", 7)
        if month is not None and not re.fullmatch(r"\d{4}-\d{2}", month):
            raise ApiError(400, "bad_parameter", "month must be YYYY-MM")
        return cls(date_from=_day(params.get("from"), "from"), date_to=_day(params.get("to"), "to"),
                   place=_text(params.get("place"), "place"), actor=_text(params.get("actor"), "actor"),
                   grade=grade, min_count=_int(params.get("min_count"), "min_count", 0, 10**9, None),
                   q=_text(params.get("q"), "q"), at=_text(params.get("at"), "at"), governorate=_text(params.get("governorate"), "governorate"),
                   district=_text(params.get("district"), "district"), side=_text(params.get("side"), "side"),
                   review=review, month=month, outlet=_text(params.get("outlet"), "outlet"),
                   sort=sort, order=order,
                   limit=_int(params.get("limit"), "limit", 1, MAX_LIMIT, 100) or 100,
                   offset=_int(params.get("offset"), "offset", 0, 10**9, 0) or 0, bucket=bucket)

    def query(self, **change: Any) -> dict[str, str]:
        """The filter as query parameters (for links), with ``change`` applied."""
        d = {"from": self.date_from, "to": self.date_to, "place": self.place, "actor": self.actor,
             "grade": self.grade, "min_count": self.min_count, "q": self.q,
             "at": self.at, "governorate": self.governorate, "district": self.district, "side": self.side,
             "review": self.review, "month": self.month, "outlet": self.outlet, "sort": self.sort,
             "order": self.order, "bucket": None if self.bucket == "auto" else self.bucket}
        d.update(change)
        return {k: str(v) for k, v in d.items() if v not in (None, "")}

    def filter_query(self) -> dict[str, str]:
        return {k: v for k, v in self.query().items() if k not in ("sort", "order")}


def fts_query(text: str) -> str:
    """User text as an FTS5 query of quoted terms (all must match): no FTS syntax gets through."""
    terms = [t for t in re.findall(r"\w+", text) if t][:20]
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


# -- claims: open-world fields ----------------------------------------------------------------------
def _col(row: sqlite3.Row, key: str) -> Any:
    """``row[key]``, or None when the ledger predates the column (served read-only, unmigrated)."""
    return row[key] if key in row.keys() else None  # noqa: SIM118 - `in row` reads values


def open_world(row: sqlite3.Row) -> dict[str, Any]:
    """A claim row's open-world fields: the entity types of actors outside the knowledge base
    (None for a knowledge-base actor), its targets and named victims, scope and event."""
    return {"claimant_entity_type": _col(row, "claimant_entity_type"),
            "actor_entity_type": _col(row, "actor_entity_type"),
            "target_entity_type": _col(row, "target_entity_type"),
            "targets": json_list(_col(row, "targets_json")),
            "named_victims": json_list(_col(row, "named_victims_json")),
            "scope": _col(row, "scope") or "incident", "event": _col(row, "event")}


# -- incidents ------------------------------------------------------------------------------------
def _sorted(items: list[dict[str, Any]], sort: str, order: str) -> list[dict[str, Any]]:
    """Sorted by ``sort``; items without a value come last in either order."""
    name = "date_start" if sort == "date" else sort

    def value(s: dict[str, Any]) -> Any:
        v = s[name]
        return (GRADES.index(v) if v in GRADES else 99) if sort == "grade" else v

    known = sorted((s for s in items if value(s) is not None), key=lambda s: (value(s), s["id"]),
                   reverse=order == "desc")
    return known + sorted((s for s in items if value(s) is None), key=lambda s: s["id"])


def _keep(s: dict[str, Any], f: Filters) -> bool:
    return ((f.at is None or s["place"] == f.at)
            and (f.governorate is None or s["governorate"] == f.governorate)
            and (f.district is None or s["district"] == f.district)
            and (f.side is None or f.side in s["sides"])
            and (f.review is None or s["review"] == f.review)
            and (f.month is None or s["month"] == f.month)
            and (f.outlet is None or f.outlet in s["outlets"])
            and (f.min_count is None or (s["count"] or 0) >= f.min_count))


def filter_incidents(conn: sqlite3.Connection, f: Filters) -> list[dict[str, Any]]:
    """Summaries of every incident matching ``f`` (not paginated), sorted by ``f.sort``; each
    with its sources' names (``outlets``) and review state (``review``)."""
    where, params = ["record IS NOT NULL"], []
    if f.grade:
        where.append("grade = ?")
        params.append(f.grade)
    # date span and actor: the same conditions as the command line's
    more, more_params = incident_conditions(
        conn, Where(date_from=f.date_from, date_to=f.date_to, actor=f.actor))
    where += more
    params += more_params
    if f.q:
        fq = fts_query(f.q)
        if not fq:
            return []
        if has_fts(conn):
            where.append("id IN (SELECT ci.incident FROM claims_fts JOIN claim_incident ci ON"
                         " ci.claim = claims_fts.rowid WHERE claims_fts MATCH ?)")
            params.append(fq)
        else:
            where.append("id IN (SELECT ci.incident FROM claims c JOIN claim_incident ci ON"
                         " ci.claim = c.seq WHERE c.text LIKE ? ESCAPE '\\')")
            params.append(_like(f.q))
    view = ledger_view(conn)
    every = view.summaries
    chosen: Iterable[dict[str, Any]]
    if len(where) == 1:
        chosen = every.values()
    else:
        sql = f"SELECT id FROM incidents WHERE {' AND '.join(where)}"
        chosen = [every[i] for (i,) in conn.execute(sql, params) if i in every]
    if f.place:
        at = place_ids(conn, view, f.place)
        chosen = [s for s in chosen if s["id"] in at]
    return _sorted([s for s in chosen if _keep(s, f)], f.sort, f.order)


def incident_records(conn: sqlite3.Connection, ids: list[int]) -> list[dict[str, Any]]:
    out = []
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        out += [json.loads(r[0]) for r in conn.execute(
            f"SELECT record FROM incidents WHERE id IN ({','.join('?' * len(part))})", part)]
    order = {v: n for n, v in enumerate(ids)}
    return sorted(out, key=lambda r: order[r["id"]])


def is_contradiction(reason: str) -> bool:
    return bool(_CONTRA.search(reason))


def incident_detail(conn: sqlite3.Connection, incident_id: int) -> dict[str, Any]:
    row = conn.execute("SELECT record FROM incidents WHERE id = ? AND record IS NOT NULL",
                       (incident_id,)).fetchone()
    if row is None:
        raise ApiError(404, "not_found", f"no incident {incident_id}")
    rec: dict[str, Any] = json.loads(row[0])
    contra: dict[str, list[str]] = defaultdict(list)
    for r in rec["reasons"]:
        if is_contradiction(r["reason"]):
            for ref in r["claims"]:
                contra[ref].append(r["reason"])
    claims = []
    rows = conn.execute(
            "SELECT c.*, d.id AS document_id, d.seq AS doc_seq, d.outlet AS outlet, d.sha256 AS sha256,"
            " d.published AS published, d.title AS title, d.path AS path, ci.score AS score,"
            " ci.reason AS link_reason"
            " FROM claim_incident ci JOIN claims c ON c.seq = ci.claim JOIN documents d"
            " ON d.seq = c.doc WHERE ci.incident = ? ORDER BY c.seq", (incident_id,)).fetchall()
    reviews = reviews_for(conn, [row_key(r, r["sha256"]) for r in rows])
    for r in rows:
        ref = f"{r['document_id']}#{r['id']}"
        machine = machine_values(r)
        values, review = current(machine, reviews.get(row_key(r, r["sha256"])))
        chain: list[str] = next((c["chain"] for c in rec["claims"]
                      if f"{c['document']}#{c['claim']}" == ref), [])
        claims.append({
            "ref": ref, "document": r["document_id"], "document_seq": r["doc_seq"], "claim": r["id"],
            "kind": r["kind"], "text": r["text"], "claimant": r["claimant"], "chain": chain,
            "actor": r["actor"], "target": r["target"], "victims": json.loads(r["victims_json"]),
            "weapon": r["weapon"],
            "outlet": r["outlet"], "published": r["published"], "title": r["title"],
            "document_name": document_name(r["title"], r["path"], r["outlet"]),
            "link": {"score": r["score"], "reason": r["link_reason"]},
            "contradictions": contra.get(ref, []), **open_world(r),
            **{k: values[k] for k in ("kind", "claimant", "actor", "target", "victims", "date",
                                      "place")},
            "victims_summary": summary_of(values["victims"]) if review.version else r["victims_summary"],
            "machine": machine, "review": review.public(),
        })
    return {"incident": rec, "summary": summary(rec), "claims": claims,
            "assessment": assessment(conn, incident_id), "version": incident_version(conn, incident_id)}


# -- documents ------------------------------------------------------------------------------------
def _doc_row(conn: sqlite3.Connection, doc: str) -> sqlite3.Row:
    row = None
    if doc.isascii() and doc.isdigit() and len(doc) <= 18:
        row = conn.execute("SELECT * FROM documents WHERE seq = ?", (int(doc),)).fetchone()
    if row is None:
        row = conn.execute("SELECT * FROM documents WHERE id = ? ORDER BY seq LIMIT 1",
                           (doc,)).fetchone()
    if row is None:
        raise ApiError(404, "not_found", "no such document")
    return row


_DOC_CLAIM = ("id", "kind", "unit_id", "start", "end", "text", "claimant", "actor",
              "victims_summary", "place", "date_start", "sources", "incident")


def row_key(row: sqlite3.Row, sha256: str) -> str:
    """The claim's review key (document sha256, evidence span, machine kind)."""
    return claim_key(sha256, row["span_start"], row["span_end"], row["kind"])


def summary_of(victims: list[dict[str, Any]]) -> str | None:
    """``victims_summary`` of a list of victims dicts (a person's correction)."""
    return victims_summary(tuple(Victims(type=v["type"], outcome=v["outcome"], min=v.get("min"),
                                         max=v.get("max"), text=v.get("text") or "")
                                 for v in victims))[0]


def claim_view(r: sqlite3.Row, review: Review | None) -> dict[str, Any]:
    """A document's claim as the API shows it: the flat fields at their current values (the
    latest decision's, else the machine's), ``values`` (current, in full), ``machine`` (the
    extraction, never changed) and ``review`` (status, by, at, note, version)."""
    machine = machine_values(r)
    values, state = current(machine, review)
    out = {**{k: r[k] for k in _DOC_CLAIM}, **open_world(r)}
    place, date = values.get("place") or {}, values.get("date") or {}
    out.update({"kind": values["kind"], "claimant": values["claimant"], "actor": values["actor"],
                "target": values["target"], "place": place.get("name"), "date_start": date.get("start"),
                "victims_summary": summary_of(values["victims"]) if state.version else r["victims_summary"],
                "values": values, "machine": machine, "review": state.public()})
    return out


def claim_row(conn: sqlite3.Connection, doc: str, claim: str) -> tuple[sqlite3.Row, sqlite3.Row]:
    """The document row and the claim row (``c.*`` plus ``start``/``end``/``incident``)."""
    d = _doc_row(conn, doc)
    r = conn.execute(
        "SELECT c.*, c.span_start AS start, c.span_end AS end, ci.incident AS incident"
        " FROM claims c LEFT JOIN claim_incident ci ON ci.claim = c.seq"
        " WHERE c.doc = ? AND c.id = ? ORDER BY c.ord LIMIT 1", (d["seq"], claim)).fetchone()
    if r is None:
        raise ApiError(404, "not_found", "no such claim in this document")
    return d, r


def document_detail(conn: sqlite3.Connection, doc: str) -> dict[str, Any]:
    d = _doc_row(conn, doc)
    seq = d["seq"]
    units = [dict(r) for r in conn.execute(
        "SELECT id, kind, span_start AS start, span_end AS end, speaker, lang, parent FROM units"
        " WHERE doc = ? ORDER BY ord", (seq,))]
    rows = conn.execute(
        "SELECT c.*, c.span_start AS start, c.span_end AS end, ci.incident AS incident"
        " FROM claims c LEFT JOIN claim_incident ci ON ci.claim = c.seq"
        " WHERE c.doc = ? ORDER BY c.ord", (seq,)).fetchall()
    reviews = reviews_for(conn, [row_key(r, d["sha256"]) for r in rows])
    claims = [claim_view(r, reviews.get(row_key(r, d["sha256"]))) for r in rows]
    frames = [dict(r) for r in conn.execute(
        "SELECT technique, span_start AS start, span_end AS end, unit_id, reason FROM frames"
        " WHERE doc = ? ORDER BY ord", (seq,))]
    terms = [dict(r) for r in conn.execute(
        "SELECT concept, term, span_start AS start, span_end AS end, unit_id FROM framing_terms"
        " WHERE doc = ? ORDER BY ord", (seq,))]
    return {"seq": seq, "id": d["id"], "title": d["title"], "outlet": d["outlet"],
            "name": document_name(d["title"], d["path"], None),
            "file_name": PurePath(d["path"] or "").name or None,
            "author": d["author"], "published": d["published"], "url": d["url"],
            "genre": d["genre"], "language": d["language"], "sha256": d["sha256"],
            "text": d["text"], "units": units, "claims": claims, "frames": frames,
            "framing_terms": terms}


# -- sources --------------------------------------------------------------------------------------
_SOURCES: dict[str, tuple[tuple[Any, ...], list[dict[str, Any]]]] = {}


def sources(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Per source (by name: outlet, author or file name): what it claims, in which incidents, and
    how often those claims are corroborated by or contradicted by independent lines. Computed
    once per state of the ledger."""
    state = ledger_state(conn)
    cached = _SOURCES.get(state[0])
    if cached is None or cached[0] != state:
        cached = _SOURCES[state[0]] = (state, _sources(conn))
    return cached[1]


def _sources(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    ref_source: dict[str, str] = {}
    names: dict[int, str] = {}
    for r in conn.execute(
            "SELECT d.seq, d.outlet, d.author, d.path, d.title, d.id AS doc,"
            " c.id AS claim, ci.incident AS incident FROM documents d LEFT JOIN claims c"
            " ON c.doc = d.seq LEFT JOIN claim_incident ci ON ci.claim = c.seq"):
        name = names.get(r["seq"])
        if name is None:
            name = names[r["seq"]] = source_name(r["outlet"], r["author"], r["path"], r["title"])
        s = out.setdefault(name, {"source": name, "documents": set(), "claims": 0,
                                  "incidents": set(), "corroborated": set(),
                                  "contradicted": set(), "grades": Counter()})
        s["documents"].add(r["doc"])
        if r["claim"] is not None:
            s["claims"] += 1
            ref_source[f"{r['doc']}#{r['claim']}"] = name
        if r["incident"] is not None:
            s["incidents"].add(r["incident"])
    for (rec_json,) in conn.execute("SELECT record FROM incidents WHERE record IS NOT NULL"):
        rec = json.loads(rec_json)
        mine = {ref_source.get(f"{c['document']}#{c['claim']}") for c in rec["claims"]}
        lines = (rec.get("corroboration") or {}).get("lines_of_evidence") or 0
        for src in mine - {None}:
            s = out[src]  # type: ignore[index]
            s["grades"][rec["grade"]] += 1
            if lines >= 2:
                s["corroborated"].add(rec["id"])
        for reason in rec["reasons"]:
            if is_contradiction(reason["reason"]):
                for ref in reason["claims"]:
                    if ref in ref_source:
                        out[ref_source[ref]]["contradicted"].add(rec["id"])
    rows = []
    for s in out.values():
        rows.append({"source": s["source"], "documents": len(s["documents"]), "claims": s["claims"],
                     "incidents": sorted(s["incidents"]), "n_incidents": len(s["incidents"]),
                     "corroborated": len(s["corroborated"]), "contradicted": len(s["contradicted"]),
                     "grades": dict(s["grades"])})
    return sorted(rows, key=lambda r: (-r["claims"], r["source"]))


# -- search ---------------------------------------------------------------------------------------
MARK_ON, MARK_OFF = "\x02", "\x03"


@dataclass
class SearchResult:
    documents: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)


def search(conn: sqlite3.Connection, text: str, limit: int = 50) -> SearchResult:
    """Documents and claims matching every word of ``text``; ``snippet`` holds (text, marked)
    pieces for highlighting (the HTML is built by escaping each piece)."""
    res = SearchResult()
    fq = fts_query(text)
    if not fq:
        return res
    if not has_fts(conn):
        raise ApiError(501, "no_full_text", "this ledger's SQLite has no FTS5 tables")
    for r in conn.execute(
            "SELECT d.seq, d.id, d.title, d.outlet, d.path,"
            " snippet(documents_fts, 1, ?, ?, '…', 24) AS snip"
            " FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid"
            " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?", (MARK_ON, MARK_OFF, fq, limit)):
        res.documents.append({"seq": r["seq"], "id": r["id"], "title": r["title"],
                              "outlet": r["outlet"], "name": document_name(r["title"], r["path"], None),
                              "snippet": pieces(r["snip"])})
    for r in conn.execute(
            "SELECT c.id, d.id AS document_id, d.seq AS doc_seq, d.title, d.path, d.outlet, ci.incident,"
            " highlight(claims_fts, 0, ?, ?) AS hl FROM claims_fts JOIN claims c"
            " ON c.seq = claims_fts.rowid JOIN documents d ON d.seq = c.doc LEFT JOIN claim_incident"
            " ci ON ci.claim = c.seq WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?",
            (MARK_ON, MARK_OFF, fq, limit)):
        res.claims.append({"claim": r["id"], "document": r["document_id"], "document_seq": r["doc_seq"],
                           "document_name": document_name(r["title"], r["path"], r["outlet"]),
                           "incident": r["incident"], "snippet": pieces(r["hl"])})
    return res


def pieces(marked: str) -> list[dict[str, Any]]:
    """Split FTS output at the marker characters into balanced (text, hit) pieces."""
    out: list[dict[str, Any]] = []
    hit = False
    for part in re.split(f"([{MARK_ON}{MARK_OFF}])", marked or ""):
        if part == MARK_ON:
            hit = True
        elif part == MARK_OFF:
            hit = False
        elif part:
            out.append({"text": part, "hit": hit})
    return out


# -- timeline -------------------------------------------------------------------------------------
def period_of(day: str | None, bucket: str = "week") -> str | None:
    """The first day of the period holding ``day``: the day, the Monday of its ISO week, the
    first of its month or of its year."""
    if not day:
        return None
    try:
        d = Date.fromisoformat(day[:10])
    except ValueError:
        return None
    if bucket == "week":
        d -= timedelta(days=d.weekday())
    elif bucket == "month":
        d = d.replace(day=1)
    elif bucket == "year":
        d = d.replace(month=1, day=1)
    return d.isoformat()


def next_period(start: Date, bucket: str) -> Date:
    if bucket == "day":
        return start + timedelta(days=1)
    if bucket == "week":
        return start + timedelta(days=7)
    if bucket == "month":
        return start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
    return start.replace(year=start.year + 1)


MAX_PERIODS = 400


def choose_bucket(first: Date, last: Date, asked: str) -> str:
    """``asked`` (or, for auto, the finest period that shows the span in at most about 150
    bars), made coarser while the span would need more than :data:`MAX_PERIODS` bars."""
    days = (last - first).days + 1
    per = {"day": 1, "week": 7, "month": 30.4, "year": 365.25}
    order = list(BUCKETS)
    b = asked if asked != "auto" else next((k for k in order if days / per[k] <= 150), "year")
    while b != "year" and days / per[b] > MAX_PERIODS:
        b = order[order.index(b) + 1]
    return b


def timeline(items: list[dict[str, Any]], bucket: str = "auto") -> dict[str, Any]:
    """Incidents per period by belligerent side, for the filtered incidents (by the first day
    of each incident's date): every period from the first to the last, empty ones included, so
    the axis is continuous. ``weeks`` keeps its name for the API: each is {week (first day),
    end (last day), counts}."""
    dated = [s for s in items if period_of(s["date_start"], "day")]
    if not dated:
        return {"bucket": bucket if bucket != "auto" else "week", "weeks": [],
                "belligerents": [], "undated": len(items)}
    days = sorted(Date.fromisoformat(s["date_start"][:10]) for s in dated)
    b = choose_bucket(days[0], days[-1], bucket)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for s in dated:
        counts[period_of(s["date_start"], b) or ""][s["belligerent"]] += 1
    periods = []
    at = Date.fromisoformat(period_of(days[0].isoformat(), b) or "")
    while at <= days[-1]:
        nxt = next_period(at, b)
        periods.append({"week": at.isoformat(), "end": (nxt - timedelta(days=1)).isoformat(),
                        "counts": dict(counts.get(at.isoformat(), {}))})
        at = nxt
    sides = sorted({k for c in counts.values() for k in c})
    return {"bucket": b, "weeks": periods, "belligerents": sides,
            "undated": len(items) - len(dated)}
