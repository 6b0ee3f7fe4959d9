"""The workbench: one Starlette app serving HTML pages and the JSON API over a read-only ledger.

    from claimweave.serve.app import create_app
    app = create_app("demo.db")          # then uvicorn.run(app) or TestClient(app)
"""

from __future__ import annotations

import csv
import hmac
import io
import json
import logging
import secrets
import sqlite3
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..link.export import CSV_FIELDS, csv_row, reviewed_records
from ..store.pg import is_url, redact
from ..store.review import (
    WRITERS,
    ReviewError,
    User,
    assess_incident,
    audit_for,
    audit_rows,
    authenticate,
    bulk_review,
    current,
    has_tables,
    iter_audit,
    last_audit_id,
    machine_values,
    merge_incidents,
    note_incident,
    review_claim,
    reviews_for,
    split_incident,
    write_audit,
)
from . import queries as Q
from .audit import view as audit_view
from .errors import STATUS_CODES, ApiError
from .incidentview import facets
from .mapdata import BBOX
from .models import (
    GRADES,
    KINDS,
    OUTCOMES,
    AssessIn,
    BulkIn,
    MergeIn,
    NoteIn,
    SplitIn,
    form_defaults,
    form_json,
    form_review,
    parse_body,
    parse_review,
)
from .openapi import openapi
from .render import (
    document_html,
    entity_label,
    esc,
    map_svg,
    places_of,
    readable,
    side_label,
    snippet_html,
    timeline_svg,
    visible,
)

log = logging.getLogger("claimweave.serve")

MAX_BODY = 16 * 1024  # a review is a few hundred bytes: any request body beyond this is refused
MAX_URL = 4096
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
       "connect-src 'self'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"geolocation=(), camera=(), microphone=()"),
]


def _error_json(status: int, code: str, message: str,
                headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status,
                        headers=headers)


class Guard:
    """ASGI middleware: security headers on every response; request size and method limits."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        size = len(scope.get("path", "")) + len(scope.get("query_string", b""))
        length = dict(scope.get("headers", [])).get(b"content-length", b"0")
        try:
            declared = int(length)
        except ValueError:
            declared = MAX_BODY + 1
        if size > MAX_URL:
            await _error_json(414, "uri_too_long", f"the URL is longer than {MAX_URL} bytes")(
                scope, receive, send_with_headers)
            return
        if declared > MAX_BODY:
            await _error_json(413, "too_large", f"request bodies are limited to {MAX_BODY} bytes")(
                scope, receive, send_with_headers)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > MAX_BODY:
                raise HTTPException(413, "request body too large")
            return message

        reset = _SCOPE.set(scope)  # the page renderer reads the session cookie from it
        try:
            await self.app(scope, limited_receive, send_with_headers)
        finally:
            _SCOPE.reset(reset)


_SCOPE: ContextVar[Scope | None] = ContextVar("claimweave_scope", default=None)
SESSION_COOKIE = "cw_session"
LOGIN_CSRF_COOKIE = "cw_login_csrf"
SESSION_SECONDS = 12 * 3600


@dataclass
class Session:
    """A signed-in browser: the account (re-checked on every request), its CSRF token, expiry."""

    token_id: str
    csrf: str
    expires: float


def _pairs(body: bytes) -> list[tuple[str, str]]:
    """An application/x-www-form-urlencoded body's (name, value) pairs, in order."""
    try:
        return parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=600,
                         strict_parsing=False)
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "invalid_body", "not a form") from None


def _form(body: bytes) -> dict[str, str]:
    """An application/x-www-form-urlencoded body (the last value of each name)."""
    return dict(_pairs(body))


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a).encode(), str(b).encode())


def _review_states(rec: dict[str, Any] | None) -> dict[str, int]:
    """How many of an incident's claims are at each review status (rejected ones included)."""
    out: dict[str, int] = {}
    for c in (rec or {}).get("claims") or []:
        out[c.get("review") or "machine"] = out.get(c.get("review") or "machine", 0) + 1
    if rec and rec.get("rejected"):
        out["rejected"] = out.get("rejected", 0) + len(rec["rejected"])
    return out


def _read_only_pg(url: str) -> Any:
    from ..store.pg import PgConnection

    c = PgConnection(url)
    c.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    return c


class Workbench:
    def __init__(self, db: str | Path, write: bool = False) -> None:
        self.db = str(db)
        self.write = write
        self.sessions: dict[str, Session] = {}
        with self.conn() as c:
            Q.check_ledger(c)
            Q.ledger_view(c)  # read every incident once now, not on the first request
        if write:  # write mode: the accounts and audit tables must exist (migrate once, now)
            with self.writer():
                pass
        self.env = Environment(loader=PackageLoader("claimweave.serve", "templates"),
                               autoescape=select_autoescape(default=True, default_for_string=True),
                               trim_blocks=True, lstrip_blocks=True, finalize=visible)
        self.env.filters["e"] = esc
        self.env.filters["entity"] = entity_label
        self.env.filters["readable"] = readable
        self.env.filters["side"] = side_label
        self.env.globals["esc"] = esc
        self.env.tests["contradiction"] = Q.is_contradiction
        self.env.globals["write_mode"] = write
        self.env.globals["form_defaults"] = form_defaults

    @contextmanager
    def conn(self) -> Iterator[Any]:
        """A read-only connection: the SQLite file opened ``mode=ro``, or a PostgreSQL session
        whose transactions are all READ ONLY (``sqlite3``-shaped through store/pg.py)."""
        c = _read_only_pg(self.db) if is_url(self.db) else Q.connect(self.db)
        try:
            yield c
        finally:
            c.close()

    @contextmanager
    def ledger(self) -> Iterator[Any]:
        """The ledger opened read-write (for decisions that re-grade incidents)."""
        from ..errors import ClaimweaveError
        from ..store import Ledger

        try:
            ledger = Ledger.open(self.db)
        except ClaimweaveError as exc:
            raise ValueError(str(exc)) from exc
        try:
            yield ledger
        finally:
            ledger.close()

    @contextmanager
    def writer(self) -> Iterator[Any]:
        """A read-write connection (the ledger's own: migrated, ``BEGIN IMMEDIATE`` writes)."""
        with self.ledger() as ledger:
            yield ledger.connection

    def user(self, request: Request, c: Any, roles: frozenset[str] = WRITERS) -> User:
        """The account of the request's bearer token, which must have one of ``roles``:
        401 without a (valid) token, 403 for another role."""
        auth = request.headers.get("authorization", "")
        scheme, _, token = auth.partition(" ")
        if not auth:
            raise ApiError(401, "unauthorized", "this needs Authorization: Bearer TOKEN",
                           {"www-authenticate": 'Bearer realm="claimweave"'})
        user = authenticate(c, token.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            raise ApiError(401, "unauthorized", "the token is not valid",
                           {"www-authenticate": 'Bearer realm="claimweave", error="invalid_token"'})
        if user.role not in roles:
            raise ApiError(403, "forbidden", f"a {user.role} account cannot do this")
        return user

    # -- browser sessions (write mode) ---------------------------------------------------------
    def session(self, request: Request) -> tuple[str, Session, User] | None:
        """The signed-in session of the request's cookie, if it is live and its account exists."""
        sid = request.cookies.get(SESSION_COOKIE)
        sess = self.sessions.get(sid or "")
        if sid is None or sess is None:
            return None
        if sess.expires < time.time():
            self.sessions.pop(sid, None)
            return None
        with self.conn() as c:
            row = (c.execute("SELECT * FROM users WHERE token_id = ?", (sess.token_id,)).fetchone()
                   if has_tables(c, "users") else None)
        if row is None:  # the account was removed
            self.sessions.pop(sid, None)
            return None
        return sid, sess, User(id=int(row["id"]), name=row["name"], role=row["role"],
                               created_at=row["created_at"])

    async def login_page(self, request: Request) -> Response:
        if not self.write:
            raise ApiError(404, "not_found", "this workbench is read-only: there is nothing to sign in to")
        csrf = secrets.token_urlsafe(24)
        resp = self.page("login.html", csrf=csrf, me=None, message=None)
        resp.set_cookie(LOGIN_CSRF_COOKIE, csrf, max_age=600, httponly=True, samesite="strict",
                        path="/login")
        return resp

    async def login(self, request: Request) -> Response:
        if not self.write:
            raise ApiError(403, "read_only", "this workbench was started without --write")
        form = _form(await request.body())
        if not _same(form.get("csrf"), request.cookies.get(LOGIN_CSRF_COOKIE)):
            raise ApiError(403, "csrf", "the form's CSRF token is missing or wrong: reload the page")
        with self.conn() as c:
            user = authenticate(c, form.get("token", "").strip())
        if user is None:
            csrf = secrets.token_urlsafe(24)
            resp = self.page("login.html", status=401, csrf=csrf, me=None,
                             message="That token is not valid.")
            resp.set_cookie(LOGIN_CSRF_COOKIE, csrf, max_age=600, httponly=True, samesite="strict",
                            path="/login")
            return resp
        token_id = form["token"].strip().split("_")[1]
        now = time.time()
        for k in [k for k, v in self.sessions.items() if v.expires < now]:
            del self.sessions[k]
        sid = secrets.token_urlsafe(32)
        self.sessions[sid] = Session(token_id, secrets.token_urlsafe(24), now + SESSION_SECONDS)
        done = RedirectResponse("/incidents", status_code=303)
        done.set_cookie(SESSION_COOKIE, sid, max_age=SESSION_SECONDS, httponly=True,
                        samesite="strict", path="/")
        done.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
        return done

    async def logout(self, request: Request) -> Response:
        found = self.session(request)
        if found is not None:
            sid, sess, _ = found
            if not _same(_form(await request.body()).get("csrf"), sess.csrf):
                raise ApiError(403, "csrf", "the form's CSRF token is missing or wrong")
            self.sessions.pop(sid, None)
        resp = RedirectResponse("/incidents", status_code=303)
        resp.delete_cookie(SESSION_COOKIE, path="/")
        return resp

    async def review_form(self, request: Request) -> Response:
        """The document page's review form: the same decision as the API, by a signed-in
        reviewer, with the session's CSRF token; back to the claim in its document."""
        form, user = await self._signed_in_form(request)
        doc, claim = request.path_params["doc"][:200], request.path_params["claim"][:200]
        with self.writer() as c:
            d, r = Q.claim_row(c, doc, claim)
            key = Q.row_key(r, d["sha256"])
            values, state = current(machine_values(r), reviews_for(c, [key]).get(key))
            if form.get("version", "") not in ("", str(state.version)):
                # the page was stale: say so before comparing the form with values it never saw
                raise ApiError(409, "stale", f"the claim is at version {state.version}: "
                               f"{state.status} by {state.by or 'nobody'} at {state.at or '-'} since "
                               "this page was loaded; reload it and decide again")
            req, fields = parse_review(form_review(form, values))
            try:
                review_claim(c, Q.row_key(r, d["sha256"]), machine_values(r), user, req.action,
                             fields, req.note, req.version)
            except ReviewError as exc:
                status = {"stale": 409, "forbidden": 403}.get(exc.kind, 400)
                raise ApiError(status, exc.kind, exc.message) from None
        back = form.get("back", "")
        if back.isascii() and back.isdigit() and len(back) < 16:  # sent from an incident's page
            return RedirectResponse(f"/incidents/{int(back)}#claims", status_code=303)
        cid = quote(claim, safe="")
        return RedirectResponse(f"/documents/{d['seq']}?claim={cid}#claim-{cid}", status_code=303)

    async def _signed_in_form(self, request: Request) -> tuple[dict[str, str], User]:
        """A page's form: write mode, a live session, its CSRF token, a reviewer or admin."""
        pairs, user = await self._signed_in_pairs(request)
        return dict(pairs), user

    async def _signed_in_pairs(self, request: Request) -> tuple[list[tuple[str, str]], User]:
        """:meth:`_signed_in_form` keeping every value of a repeated name (checkboxes)."""
        if not self.write:
            raise ApiError(403, "read_only", "this workbench was started without --write")
        found = self.session(request)
        if found is None:
            raise ApiError(401, "unauthorized", "sign in first (/login)")
        _, sess, user = found
        pairs = _pairs(await request.body())
        if not _same(dict(pairs).get("csrf"), sess.csrf):
            raise ApiError(403, "csrf", "the form's CSRF token is missing or wrong: reload the page")
        if not user.can_write:
            raise ApiError(403, "forbidden", f"a {user.role} account cannot decide")
        return pairs, user

    # -- incident forms and bulk review: the API's decisions from the pages ---------------------
    async def incident_assess_form(self, request: Request) -> Response:
        pairs, user = await self._signed_in_pairs(request)
        iid = self._int_param(request, "incident_id")
        req = parse_body(AssessIn, form_json(pairs, AssessIn))
        with self.ledger() as ledger:
            self._decided(lambda: assess_incident(ledger.connection, iid, user, req.grade,
                                                  list(req.reasons), req.note, req.version))
        return RedirectResponse(f"/incidents/{iid}", status_code=303)

    async def incident_merge_form(self, request: Request) -> Response:
        pairs, user = await self._signed_in_pairs(request)
        iid = self._int_param(request, "incident_id")
        req = parse_body(MergeIn, form_json(pairs, MergeIn))
        with self.ledger() as ledger:
            self._decided(lambda: merge_incidents(ledger, iid, req.into, user, req.note,
                                                  req.version))
        return RedirectResponse(f"/incidents/{req.into}", status_code=303)

    async def incident_split_form(self, request: Request) -> Response:
        pairs, user = await self._signed_in_pairs(request)
        iid = self._int_param(request, "incident_id")
        req = parse_body(SplitIn, form_json(pairs, SplitIn))
        refs = [(str(a), str(b)) for a, b in req.claims]
        with self.ledger() as ledger:
            new = self._decided(lambda: split_incident(ledger, iid, refs, user, req.note,
                                                       req.version))
        return RedirectResponse(f"/incidents/{new}", status_code=303)

    async def review_list_page(self, request: Request) -> Response:
        """The incidents list (same filters) with a checkbox each: confirm or reject every
        claim of the chosen incidents at once."""
        if not self.write:
            raise ApiError(404, "not_found", "this workbench is read-only: there is nothing to review")
        f, items = self._incidents(request)
        shown = items[f.offset:f.offset + f.limit]
        with self.conn() as c:
            recs = {r["id"]: r for r in Q.incident_records(c, [s["id"] for s in shown])}
            seen = last_audit_id(c)
        rows = [{**s, "states": _review_states(recs.get(s["id"]))} for s in shown]
        p = request.query_params
        done = {k: Q._int(p.get(k), k, 0, 10**9, None) for k in ("decided", "unchanged")}
        return self.page("review_incidents.html", f=f, rows=rows, total=len(items), seen=seen,
                         fq=f.filter_query(), qs=_qs, done=done)

    async def bulk_review_form(self, request: Request) -> Response:
        pairs, user = await self._signed_in_pairs(request)
        req = parse_body(BulkIn, form_json(pairs, BulkIn))
        f = Q.Filters.parse(dict(pairs))  # the list's filters, checked, to go back to
        with self.writer() as c:
            done = self._decided(lambda: bulk_review(c, list(req.incidents), user, req.action,
                                                     req.note, req.seen))
        back = _qs({**f.filter_query(), "decided": str(done["decided"]),
                    "unchanged": str(done["unchanged"])})
        return RedirectResponse(f"/review/incidents?{back}", status_code=303)

    async def api_bulk_review(self, request: Request) -> Response:
        if not self.write:
            raise ApiError(403, "read_only", "this workbench was started without --write: "
                           "it accepts no decisions")
        with self.conn() as c:
            user = self.user(request, c)
        req = parse_body(BulkIn, await request.body())
        with self.writer() as c:
            done = self._decided(lambda: bulk_review(c, list(req.incidents), user, req.action,
                                                     req.note, req.seen))
        return JSONResponse(done)

    async def incident_note_form(self, request: Request) -> Response:
        """The incident page's note form (a note never conflicts: no version)."""
        form, user = await self._signed_in_form(request)
        iid = self._int_param(request, "incident_id")
        req = parse_body(NoteIn, json.dumps({"note": form.get("note", "")}).encode())
        with self.writer() as c:
            self._decided(lambda: note_incident(c, iid, user, req.note))
        return RedirectResponse(f"/incidents/{iid}#notes", status_code=303)

    async def api_incident_note(self, request: Request) -> Response:
        req, iid, user = await self._incident_decision(request, NoteIn)
        with self.writer() as c:
            row = self._decided(lambda: note_incident(c, iid, user, req.note, req.version))
        return JSONResponse(row)

    async def claim_audit_page(self, request: Request) -> Response:
        doc, claim = request.path_params["doc"][:200], request.path_params["claim"][:200]
        with self.conn() as c:
            d, r = Q.claim_row(c, doc, claim)
            rows = audit_for(c, "claim", [Q.row_key(r, d["sha256"])])
        cid = quote(claim, safe="")
        return self.page("audit.html", title=f"claim {claim} of document {d['id']}",
                         back=f"/documents/{d['seq']}?claim={cid}#claim-{cid}",
                         back_text="the claim", back_label="the claim in its document",
                         sections=[{"heading": "Decisions on this claim", "id": "claim-audit",
                                    "rows": [audit_view(x) for x in rows], "targets": False,
                                    "empty": "the machine's reading stands"}])

    async def incident_audit_page(self, request: Request) -> Response:
        iid = self._int_param(request, "incident_id")
        with self.conn() as c:
            known = c.execute("SELECT 1 FROM incidents WHERE id = ?", (iid,)).fetchone()
            rows = audit_for(c, "incident", [str(iid)])
            if known is None and not rows:
                raise ApiError(404, "not_found", f"no incident {iid}")
            refs, links = {}, {}
            for r in c.execute(
                    "SELECT c.id AS id, c.span_start AS span_start, c.span_end AS span_end, c.kind"
                    " AS kind, d.sha256 AS sha256, d.id AS document_id, d.seq AS doc_seq FROM"
                    " claim_incident ci JOIN claims c ON c.seq = ci.claim JOIN documents d ON"
                    " d.seq = c.doc WHERE ci.incident = ? ORDER BY c.seq", (iid,)):
                key = Q.row_key(r, r["sha256"])
                refs[key] = f"{r['document_id']}#{r['id']}"
                links[key] = f"/documents/{r['doc_seq']}/claims/{quote(r['id'], safe='')}/audit"
            claim_rows = audit_for(c, "claim", list(refs))
        claims = [{**audit_view(x, refs), "link": links.get(x["target_id"])} for x in claim_rows]
        return self.page("audit.html", title=f"incident {iid}", back=f"/incidents/{iid}",
                         back_text="the incident", back_label=f"incident {iid}",
                         sections=[{"heading": "Decisions and notes on this incident",
                                    "id": "incident-audit", "rows": [audit_view(x) for x in rows],
                                    "targets": False, "empty": "the linker's grouping and grade stand"},
                                   {"heading": "Decisions on its claims", "id": "claims-audit",
                                    "rows": claims, "targets": True,
                                    "empty": "every claim stands as the machine read it"}])

    def page(self, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        scope = _SCOPE.get()
        if self.write and "me" not in ctx and scope is not None:
            found = self.session(Request(scope))
            ctx["me"], ctx["csrf"] = (found[2], found[1].csrf) if found else (None, None)
        html = self.env.get_template(name).render(**ctx)
        return HTMLResponse(html, status_code=status)

    # -- shared -------------------------------------------------------------------------------
    def _incidents(self, request: Request) -> tuple[Q.Filters, list[dict[str, Any]]]:
        f = Q.Filters.parse(request.query_params)
        self._pg_filters(f)
        with self.conn() as c:
            return f, Q.filter_incidents(c, f)

    def _pg_filters(self, f: Q.Filters) -> None:
        """On PostgreSQL the date, place and actor filters are refused (they read the incident
        records with SQLite's JSON functions), like the command line's E006."""
        if is_url(self.db) and (f.date_from or f.date_to or f.place or f.actor):
            raise ApiError(400, "unsupported", "filters by date, place or actor need a SQLite "
                           "ledger; this workbench serves a PostgreSQL one")

    def _int_param(self, request: Request, name: str) -> int:
        raw = request.path_params[name]
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
            raise ApiError(404, "not_found", f"no {name} {raw!r}")
        return int(raw)

    # -- API ----------------------------------------------------------------------------------
    async def api_incidents(self, request: Request) -> Response:
        f, items = self._incidents(request)
        return JSONResponse({"total": len(items), "offset": f.offset, "limit": f.limit,
                             "items": items[f.offset:f.offset + f.limit]})

    async def api_incident(self, request: Request) -> Response:
        iid = self._int_param(request, "incident_id")
        with self.conn() as c:
            return JSONResponse(Q.incident_detail(c, iid))

    async def api_timeline(self, request: Request) -> Response:
        f, items = self._incidents(request)
        return JSONResponse(Q.timeline(items, f.bucket))

    async def api_document(self, request: Request) -> Response:
        with self.conn() as c:
            return JSONResponse(Q.document_detail(c, request.path_params["doc"][:200]))

    async def api_review_claim(self, request: Request) -> Response:
        if not self.write:
            raise ApiError(403, "read_only", "this workbench was started without --write: "
                           "it accepts no reviews")
        doc, claim = request.path_params["doc"][:200], request.path_params["claim"][:200]
        with self.writer() as c:
            user = self.user(request, c)
            req, fields = parse_review(await request.body())
            d, r = Q.claim_row(c, doc, claim)
            key = Q.row_key(r, d["sha256"])
            try:
                review_claim(c, key, machine_values(r), user, req.action, fields, req.note,
                             req.version)
            except ReviewError as exc:
                status = {"stale": 409, "not_found": 404, "forbidden": 403}.get(exc.kind, 400)
                raise ApiError(status, exc.kind, exc.message) from None
            view = Q.claim_view(r, reviews_for(c, [key]).get(key))
        return JSONResponse({"document": d["id"], "document_seq": d["seq"], "key": key, **view})

    async def _incident_decision(self, request: Request, model: type[Any]) -> tuple[Any, int, User]:
        """Write mode, a reviewer's or admin's token, then the body: (request, incident id, user)."""
        if not self.write:
            raise ApiError(403, "read_only", "this workbench was started without --write: "
                           "it accepts no decisions")
        with self.conn() as c:  # who asks first: a viewer gets 403 whatever the id
            user = self.user(request, c)
        iid = self._int_param(request, "incident_id")
        return parse_body(model, await request.body()), iid, user

    def _decided(self, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except ReviewError as exc:
            status = {"stale": 409, "not_found": 404, "forbidden": 403}.get(exc.kind, 400)
            raise ApiError(status, exc.kind, exc.message) from None

    def _incident_answer(self, iid: int) -> Response:
        with self.conn() as c:
            return JSONResponse(Q.incident_detail(c, iid))

    async def api_incident_assess(self, request: Request) -> Response:
        req, iid, user = await self._incident_decision(request, AssessIn)
        with self.ledger() as ledger:
            self._decided(lambda: assess_incident(ledger.connection, iid, user, req.grade,
                                                  list(req.reasons), req.note, req.version))
        return self._incident_answer(iid)

    async def api_incident_merge(self, request: Request) -> Response:
        req, iid, user = await self._incident_decision(request, MergeIn)
        with self.ledger() as ledger:
            self._decided(lambda: merge_incidents(ledger, iid, req.into, user, req.note,
                                                  req.version))
        return self._incident_answer(req.into)

    async def api_incident_split(self, request: Request) -> Response:
        req, iid, user = await self._incident_decision(request, SplitIn)
        refs = [(str(a), str(b)) for a, b in req.claims]
        with self.ledger() as ledger:
            new = self._decided(lambda: split_incident(ledger, iid, refs, user, req.note,
                                                       req.version))
        with self.conn() as c:
            return JSONResponse({"incident": Q.incident_detail(c, iid),
                                 "new": Q.incident_detail(c, new)})

    async def api_audit(self, request: Request) -> Response:
        p = request.query_params
        limit = Q._int(p.get("limit"), "limit", 1, Q.MAX_LIMIT, 100) or 100
        offset = Q._int(p.get("offset"), "offset", 0, 10**9, 0) or 0
        target_type = Q._text(p.get("target_type"), "target_type", 40)
        target_id = Q._text(p.get("target_id"), "target_id", 400)
        with self.conn() as c:
            self.user(request, c)
            total, rows = audit_rows(c, limit, offset, target_type, target_id)
        return JSONResponse({"total": total, "offset": offset, "limit": limit, "items": rows})

    async def api_audit_export(self, request: Request) -> Response:
        """The whole audit as CSV or JSON Lines, for a reviewer's or admin's bearer token."""
        fmt = self._audit_format(request)
        with self.conn() as c:
            self.user(request, c)
            return self._audit_file(c, fmt)

    async def audit_export_page(self, request: Request) -> Response:
        """The same for a signed-in reviewer or admin (a GET: the SameSite=Strict cookie is
        never sent from another site)."""
        fmt = self._audit_format(request)
        found = self.session(request) if self.write else None
        if found is None:
            raise ApiError(401, "unauthorized", "sign in first (/login)")
        if not found[2].can_write:
            raise ApiError(403, "forbidden", f"a {found[2].role} account cannot read the audit")
        with self.conn() as c:
            return self._audit_file(c, fmt)

    def _audit_format(self, request: Request) -> str:
        fmt = request.path_params["fmt"]
        if fmt not in ("csv", "jsonl"):
            raise ApiError(404, "not_found", "audit exports are csv and jsonl")
        return fmt

    def _audit_file(self, c: Any, fmt: str) -> Response:
        buf = io.StringIO()
        write_audit(iter_audit(c), fmt, buf)
        media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson; charset=utf-8"
        return Response(buf.getvalue(), media_type=media, headers={
            "content-disposition": f'attachment; filename="audit.{fmt}"'})

    async def api_sources(self, request: Request) -> Response:
        with self.conn() as c:
            return JSONResponse({"items": Q.sources(c)})

    async def api_search(self, request: Request) -> Response:
        q = Q._text(request.query_params.get("q"), "q") or ""
        with self.conn() as c:
            res = Q.search(c, q)
        return JSONResponse({"q": q, "documents": res.documents, "claims": res.claims})

    async def api_openapi(self, request: Request) -> Response:
        return JSONResponse(openapi())

    async def export(self, request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in ("csv", "jsonl", "geojson"):
            raise ApiError(404, "not_found", "export formats are csv, jsonl and geojson")
        f, items = self._incidents(request)
        only = request.query_params.get("reviewed_only", "") not in ("", "0", "false")
        with self.conn() as c:
            recs = list(reviewed_records(c, Q.incident_records(c, [s["id"] for s in items]), only))
        buf = io.StringIO()
        if fmt == "csv":
            w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\r\n")
            w.writeheader()
            for r in recs:
                w.writerow({k: _csv_safe(v) for k, v in csv_row(r).items()})
            media = "text/csv; charset=utf-8"
        elif fmt == "jsonl":
            for r in recs:
                buf.write(json.dumps(r, ensure_ascii=False) + "\n")
            media = "application/x-ndjson; charset=utf-8"
        else:
            feats = [{"type": "Feature", "geometry": {"type": "Point", "coordinates":
                                                      [r["place"]["lon"], r["place"]["lat"]]},
                      "properties": csv_row(r)}
                     for r in recs if r.get("place") and r["place"].get("lat") is not None
                     and r["place"].get("lon") is not None]
            buf.write(json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False))
            media = "application/geo+json; charset=utf-8"
        return Response(buf.getvalue(), media_type=media, headers={
            "content-disposition": f'attachment; filename="incidents.{fmt}"'})

    # -- pages --------------------------------------------------------------------------------
    async def home(self, request: Request) -> Response:
        return RedirectResponse("/incidents", status_code=307)

    async def incidents_page(self, request: Request) -> Response:
        f, items = self._incidents(request)
        undated = sum(1 for s in items if not s["date_start"])
        unplaced = sum(1 for s in items if s["lat"] is None)
        fq = f.filter_query()
        tl = Q.timeline(items, f.bucket)
        return self.page("incidents.html", f=f, items=items[f.offset:f.offset + f.limit],
                         total=len(items), map=map_svg(items), unplaced=unplaced, undated=undated,
                         timeline=timeline_svg(tl, fq), bucket=tl["bucket"], grades=Q.GRADES,
                         qs=_qs, fq=fq, sorts=Q.SORTS, facets=facets(items),
                         active=_active_filters(f), reviews=Q.REVIEW_STATES)

    async def api_map(self, request: Request) -> Response:
        """The map's marks for the filter: incidents grouped by place (the first 30 of each with
        date, count, grade and first claim), and the extent to fit."""
        f, items = self._incidents(request)
        by_id = {s["id"]: s for s in items}
        places = []
        for g in places_of(items):
            places.append({"place": g["place"], "lat": g["lat"], "lon": g["lon"],
                           "precision": g["precision"], "n": g["n"], "incidents": [
                               {"id": i, "date": by_id[i]["date_start"], "count": by_id[i]["count"],
                                "grade": by_id[i]["grade"], "headline": by_id[i]["headline"][:140]}
                               for i in g["ids"][:30]]})
        # the extent to fit: the places inside the mapped region (Syria, Iraq and neighbours) when
        # there are any, so one incident placed in Washington does not zoom the map out to the world
        x0, y0, x1, y1 = BBOX
        near = [p for p in places if x0 <= p["lon"] <= x1 and y0 <= p["lat"] <= y1] or places
        lats, lons = [p["lat"] for p in near], [p["lon"] for p in near]
        bounds = [[min(lats), min(lons)], [max(lats), max(lons)]] if near else None
        return JSONResponse({"total": len(items), "unplaced": sum(1 for s in items if s["lat"] is None),
                             "bounds": bounds, "outside": len(places) - len(near), "places": places})

    async def incident_page(self, request: Request) -> Response:
        iid = self._int_param(request, "incident_id")
        with self.conn() as c:
            d = Q.incident_detail(c, iid)
            notes = audit_for(c, "incident", [str(iid)], ("incident.note",))
        return self.page("incident.html", d=d, rec=d["incident"], s=d["summary"],
                         map=map_svg([d["summary"]]), notes=notes, grades=GRADES)

    async def document_page(self, request: Request) -> Response:
        focus = request.query_params.get("claim")
        with self.conn() as c:
            doc = Q.document_detail(c, request.path_params["doc"][:200])
        found = self.session(request) if self.write else None
        me, csrf = (found[2], found[1].csrf) if found else (None, None)
        return self.page("document.html", doc=doc, body=document_html(doc, focus), focus=focus,
                         me=me, csrf=csrf, kinds=KINDS, outcomes=OUTCOMES)

    async def sources_page(self, request: Request) -> Response:
        with self.conn() as c:
            rows = Q.sources(c)
        return self.page("sources.html", rows=rows)

    async def search_page(self, request: Request) -> Response:
        q = Q._text(request.query_params.get("q"), "q") or ""
        with self.conn() as c:
            res = Q.search(c, q)
        return self.page("search.html", q=q, res=res, snippet=snippet_html)


FILTER_LABELS = {"from": "from", "to": "to", "place": "place", "actor": "actor", "grade": "grade",
                 "min_count": "killed at least", "q": "text", "at": "at", "governorate": "governorate",
                 "district": "district", "side": "side", "review": "review", "month": "month",
                 "outlet": "source", "bucket": "bars per"}


def _active_filters(f: Q.Filters) -> list[tuple[str, str, str]]:
    """(label, value, the list's URL without this filter) for each filter in use."""
    q = f.filter_query()
    out = []
    for k, v in q.items():
        rest = {kk: vv for kk, vv in f.query().items() if kk != k}
        shown = side_label(v) if k == "side" else v.replace("_", " ") if k == "grade" else v
        out.append((FILTER_LABELS.get(k, k), shown, "/incidents?" + _qs(rest)))
    return out


def _qs(params: dict[str, str]) -> str:
    from urllib.parse import urlencode
    return urlencode(params)


def _csv_safe(v: Any) -> Any:
    """Spreadsheets run cells that start with = + - @ as formulas: prefix them with a quote."""
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return v


Handler = Callable[[Request], Awaitable[Response]]


def create_app(db: str | Path, write: bool = False) -> Starlette:
    """The app over ledger ``db``, a SQLite file or a ``postgresql://`` URL (read-only; with
    ``write`` it accepts reviews from reviewer and admin accounts). Raises ValueError if ``db``
    is not a ledger."""
    shown = redact(str(db)) if is_url(db) else str(db)
    if not is_url(db) and not Path(db).is_file():
        raise ValueError(f"no ledger at {db}")
    try:
        wb = Workbench(db, write=write)
    except sqlite3.Error as exc:
        raise ValueError(f"cannot read ledger {shown}: {exc}") from exc
    static = str(resources.files("claimweave.serve").joinpath("static"))
    routes = [
        Route("/", wb.home, methods=["GET"]),
        Route("/incidents", wb.incidents_page, methods=["GET"]),
        Route("/incidents/{incident_id}", wb.incident_page, methods=["GET"]),
        Route("/documents/{doc}", wb.document_page, methods=["GET"]),
        Route("/documents/{doc}/claims/{claim}/review", wb.review_form, methods=["POST"]),
        Route("/documents/{doc}/claims/{claim}/audit", wb.claim_audit_page, methods=["GET"]),
        Route("/incidents/{incident_id}/audit", wb.incident_audit_page, methods=["GET"]),
        Route("/incidents/{incident_id}/note", wb.incident_note_form, methods=["POST"]),
        Route("/incidents/{incident_id}/assess", wb.incident_assess_form, methods=["POST"]),
        Route("/incidents/{incident_id}/merge", wb.incident_merge_form, methods=["POST"]),
        Route("/incidents/{incident_id}/split", wb.incident_split_form, methods=["POST"]),
        Route("/review/incidents", wb.review_list_page, methods=["GET"]),
        Route("/review/incidents", wb.bulk_review_form, methods=["POST"]),
        Route("/api/incidents/bulk-review", wb.api_bulk_review, methods=["POST"]),
        Route("/login", wb.login_page, methods=["GET"]),
        Route("/login", wb.login, methods=["POST"]),
        Route("/logout", wb.logout, methods=["POST"]),
        Route("/sources", wb.sources_page, methods=["GET"]),
        Route("/search", wb.search_page, methods=["GET"]),
        Route("/export/incidents.{fmt}", wb.export, methods=["GET"]),
        Route("/api/openapi.json", wb.api_openapi, methods=["GET"]),
        Route("/api/incidents", wb.api_incidents, methods=["GET"]),
        Route("/api/incidents/{incident_id}", wb.api_incident, methods=["GET"]),
        Route("/api/incidents/{incident_id}/assess", wb.api_incident_assess, methods=["POST"]),
        Route("/api/incidents/{incident_id}/merge", wb.api_incident_merge, methods=["POST"]),
        Route("/api/incidents/{incident_id}/split", wb.api_incident_split, methods=["POST"]),
        Route("/api/incidents/{incident_id}/note", wb.api_incident_note, methods=["POST"]),
        Route("/api/timeline", wb.api_timeline, methods=["GET"]),
        Route("/api/map", wb.api_map, methods=["GET"]),
        Route("/api/documents/{doc}", wb.api_document, methods=["GET"]),
        Route("/api/documents/{doc}/claims/{claim}/review", wb.api_review_claim, methods=["POST"]),
        Route("/api/audit", wb.api_audit, methods=["GET"]),
        Route("/api/audit/export.{fmt}", wb.api_audit_export, methods=["GET"]),
        Route("/audit/export.{fmt}", wb.audit_export_page, methods=["GET"]),
        Route("/api/sources", wb.api_sources, methods=["GET"]),
        Route("/api/search", wb.api_search, methods=["GET"]),
        Route("/api/export/incidents.{fmt}", wb.export, methods=["GET"]),
        Mount("/static", app=StaticFiles(directory=static, follow_symlink=False), name="static"),
    ]

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/api"

    async def on_api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        if wants_json(request) or request.url.path.startswith("/export/"):
            return _error_json(exc.status, exc.code, exc.message, exc.headers)
        return wb.page("error.html", status=exc.status, status_code=exc.status, message=exc.message)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        code = STATUS_CODES.get(exc.status_code, "http_error")
        message = str(exc.detail) if exc.detail else code
        if wants_json(request) or request.url.path.startswith("/export/"):
            return _error_json(exc.status_code, code, message)
        return wb.page("error.html", status=exc.status_code, status_code=exc.status_code,
                       message=message)

    async def on_error(request: Request, exc: Exception) -> Response:
        log.exception("error on %s", request.url.path)
        if wants_json(request):
            return _error_json(500, "internal_error", "the server failed on this request")
        return wb.page("error.html", status=500, status_code=500,
                       message="the server failed on this request")

    app = Starlette(routes=routes, exception_handlers={
        ApiError: on_api_error, HTTPException: on_http_error, Exception: on_error})
    app.add_middleware(Guard)
    return app


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8765, write: bool = False) -> None:
    import uvicorn

    uvicorn.run(create_app(db, write=write), host=host, port=port, log_level="info", server_header=False,
                limit_concurrency=64, h11_max_incomplete_event_size=16 * 1024)
