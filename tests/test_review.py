"""Issue 15: accounts, reviews of claims and the append-only audit — in the store on both backends
(SQLite file, PostgreSQL in a throw-away cluster), through the CLI, and through the workbench's
write API (every status: 200, 400, 401, 403, 404, 409)."""

from __future__ import annotations

import io
import json
import re
import shutil
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from claimweave.cli import main
from claimweave.serve.openapi import openapi
from claimweave.store import Ledger
from claimweave.store.review import (
    add_user,
    audit_rows,
    authenticate,
    claim_key,
    current,
    list_users,
    machine_values,
    remove_user,
    review_claim,
    reviews_for,
)
from serve_fixtures import DEMO, build_ledger, build_pg_ledger, write_hostile
from test_store import make_record
from test_store_backends import ledger_db, pg_cluster  # noqa: F401 - fixtures

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from claimweave.serve.app import create_app  # noqa: E402

SCHEMAS = openapi()["components"]["schemas"]


def validate(instance: Any, name: str) -> None:
    """``instance`` against the OpenAPI component ``name`` (its $refs resolved in the spec)."""
    jsonschema.validate(instance, {"$ref": f"#/components/schemas/{name}",
                                   "components": {"schemas": SCHEMAS}})


def _claim(ledger: Ledger) -> tuple[str, Any]:
    row = ledger.connection.execute(
        "SELECT c.*, d.sha256 AS sha256 FROM claims c JOIN documents d ON d.seq = c.doc"
        " WHERE d.path = 'a.txt' ORDER BY c.seq LIMIT 1").fetchone()
    return claim_key(row["sha256"], row["span_start"], row["span_end"], row["kind"]), row


# -- store, both backends -------------------------------------------------------------------------
def test_accounts_tokens_are_hashed_and_revocable(ledger_db: str) -> None:  # noqa: F811
    with Ledger.open(ledger_db) as ledger:
        c = ledger.connection
        user, token = add_user(c, "dana", "reviewer")
        _, vtoken = add_user(c, "vic", "viewer")
        assert re.fullmatch(r"cw_[0-9a-f]{16}_[A-Za-z0-9_-]{43}", token)
        stored = c.execute("SELECT token_hash FROM users WHERE name = 'dana'").fetchone()[0]
        # the secret may itself hold "_" (URL-safe base64): split off the prefix and id only
        assert token not in stored and token.split("_", 2)[2] not in stored
        assert stored.startswith("scrypt$16384$8$1$")
        assert authenticate(c, token) == user and authenticate(c, token).can_write  # type: ignore[union-attr]
        assert not authenticate(c, vtoken).can_write  # type: ignore[union-attr]
        for bad in (None, "", "x", token[:-1] + ("A" if token[-1] != "A" else "B"),
                    token.replace(token[3:19], "0" * 16)):
            assert authenticate(c, bad) is None, bad
        with pytest.raises(ValueError, match="already exists"):
            add_user(c, "dana", "admin")
        for name, role in (("bad name", "viewer"), ("", "viewer"), ("<b>", "viewer"), ("ok", "root")):
            with pytest.raises(ValueError):
                add_user(c, name, role)
        assert [(u.name, u.role) for u in list_users(c)] == [("dana", "reviewer"), ("vic", "viewer")]
        assert remove_user(c, "dana") and not remove_user(c, "dana")
        assert authenticate(c, token) is None  # removed: the token stops working at once
        total, rows = audit_rows(c, target_type="user")
        assert total == 3 and [r["action"] for r in rows] == ["user.remove", "user.add", "user.add"]


def test_audit_is_append_only(ledger_db: str) -> None:  # noqa: F811
    with Ledger.open(ledger_db) as ledger:
        c = ledger.connection
        add_user(c, "dana", "admin")
        for sql in ("UPDATE audit SET note = 'x'", "DELETE FROM audit"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                c.execute(sql)
        assert audit_rows(c)[0] == 1


def test_decisions_never_overwrite_and_survive_reingest(ledger_db: str) -> None:  # noqa: F811
    rec = make_record()
    with Ledger.open(ledger_db) as ledger:
        c = ledger.connection
        ledger.write(rec)
        user, _ = add_user(c, "dana", "reviewer")
        key, row = _claim(ledger)
        machine = machine_values(row)
        before = [tuple(r) for r in c.execute("SELECT * FROM claims")]
        fixed = [{"type": "civilians", "outcome": "killed", "min": 11, "max": 11, "text": None}]
        values, review = review_claim(c, key, machine, user, "correct", {"victims": fixed,
                                                                         "actor": None}, "list")
        assert values["victims"] == fixed and values["actor"] is None
        assert values["place"] == machine["place"]
        assert (review.status, review.by, review.version) == ("corrected", "dana", 1)
        values, review = review_claim(c, key, machine, user, "confirm", None, None, version=1)
        assert review.status == "confirmed" and values["victims"] == fixed  # confirms the correction
        assert [tuple(r) for r in c.execute("SELECT * FROM claims")] == before  # machine untouched
        from claimweave.store.review import ReviewError

        with pytest.raises(ReviewError) as stale:
            review_claim(c, key, machine, user, "reject", None, None, version=1)
        assert stale.value.kind == "stale"
        # the document's rows are stored again (new row ids): the decisions are found by key
        c.execute("DELETE FROM documents")
        if ledger.fts:
            c.execute("DELETE FROM documents_fts")
            c.execute("DELETE FROM claims_fts")
        assert ledger.write(make_record("Five soldiers were wounded in Raqqa.", path="b.txt"))
        assert ledger.write(rec)
        key2, row2 = _claim(ledger)
        assert key2 == key and row2["seq"] != row["seq"]
        values, review = current(machine_values(row2), reviews_for(c, [key2]).get(key2))
        assert review.status == "confirmed" and review.version == 2 and values["victims"] == fixed
    with Ledger.open(ledger_db) as ledger:  # and after re-opening the ledger
        assert reviews_for(ledger.connection, [key])[key].version == 2


def test_cli_users(ledger_db: str) -> None:  # noqa: F811
    runner = CliRunner()
    r = runner.invoke(main, ["users", "add", "dana", "--role", "reviewer", "--db", ledger_db])
    assert r.exit_code == 0, r.output
    token = r.stdout.splitlines()[-1]
    assert re.fullmatch(r"cw_[0-9a-f]{16}_\S+", token) and "shown only now" in r.stderr
    r = runner.invoke(main, ["users", "add", "dana", "--role", "admin", "--db", ledger_db])
    assert r.exit_code == 2 and "E008" in r.stderr and "already exists" in r.stderr
    r = runner.invoke(main, ["users", "add", "eve", "--role", "root", "--db", ledger_db])
    assert r.exit_code == 2
    r = runner.invoke(main, ["users", "list", "--db", ledger_db])
    assert r.exit_code == 0 and r.stdout.startswith("dana\treviewer\t") and "cw_" not in r.stdout
    with Ledger.open(ledger_db) as ledger:
        assert authenticate(ledger.connection, token) is not None
    r = runner.invoke(main, ["users", "remove", "dana", "--db", ledger_db])
    assert r.exit_code == 0
    r = runner.invoke(main, ["users", "remove", "dana", "--db", ledger_db])
    assert r.exit_code == 2 and "no user named dana" in r.stderr
    with Ledger.open(ledger_db) as ledger:
        assert authenticate(ledger.connection, token) is None


# -- the write API (SQLite) -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("review")
    return build_ledger(tmp / "ledger.db", DEMO, write_hostile(tmp / "hostile", long_line=False))


@pytest.fixture(scope="module")
def built_pg(request: pytest.FixtureRequest) -> str:
    """The same ledger built in PostgreSQL (a template database: each test gets a copy)."""
    cluster = request.getfixturevalue("pg_cluster")
    tmp = request.getfixturevalue("tmp_path_factory").mktemp("review-pg")
    return build_pg_ledger(cluster.new_database(), DEMO,
                           write_hostile(tmp / "hostile", long_line=False))


def _pg_copy(template: str) -> str:
    """A new database copied from ``template`` (CREATE DATABASE ... TEMPLATE); its URL."""
    import uuid

    import psycopg

    base, _, name = template.rpartition("/")
    new = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{new}" TEMPLATE "{name}"')
    return f"{base}/{new}"


@pytest.fixture()
def backend_db(request: pytest.FixtureRequest, built: Path, tmp_path: Path) -> str:
    """A fresh copy of the ledger: a SQLite file, or (parametrized ``postgresql``) a database."""
    if getattr(request, "param", "sqlite") == "postgresql":
        return _pg_copy(request.getfixturevalue("built_pg"))
    db = tmp_path / "ledger.db"
    shutil.copy(built, db)
    return str(db)


BOTH = pytest.mark.parametrize("backend_db", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture()
def setup(backend_db: str) -> Iterator[tuple[TestClient, TestClient, dict[str, str]]]:
    """(write-mode client, read-only client, tokens by role) over ``backend_db``."""
    tokens = {}
    with Ledger.open(backend_db) as ledger:
        for role in ("viewer", "reviewer", "admin"):
            tokens[role] = add_user(ledger.connection, role + "1", role)[1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with TestClient(create_app(backend_db, write=True), raise_server_exceptions=False) as w, \
                TestClient(create_app(backend_db), raise_server_exceptions=False) as ro:
            yield w, ro, tokens


def auth(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def err(r: Any, status: int, code: str | None = None) -> None:
    assert r.status_code == status, (r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/json")
    validate(r.json(), "Error")
    if code:
        assert r.json()["error"]["code"] == code


URL = "/api/documents/1/claims/c1/review"
CORRECT = {"action": "correct", "note": "hospital list",
           "fields": {"victims": [{"type": "civilians", "outcome": "killed", "min": 70, "max": 74}],
                      "actor": "Syrian government", "date": {"start": "2017-04-04"},
                      "place": {"name": "Khan Sheikhoun", "lat": 35.44, "lon": 36.65,
                                "country": "SY", "precision": "city"}}}


@BOTH
def test_statuses_401_403_and_read_only(setup: Any) -> None:
    w, ro, tok = setup
    err(ro.post(URL, json=CORRECT, headers=auth(tok["admin"])), 403, "read_only")
    r = w.post(URL, json=CORRECT)
    err(r, 401, "unauthorized")
    assert r.headers["www-authenticate"].startswith("Bearer")
    err(w.post(URL, json=CORRECT, headers=auth("cw_0123456789abcdef_" + "x" * 43)), 401)
    err(w.post(URL, json=CORRECT, headers={"authorization": "Basic " + tok["admin"]}), 401)
    err(w.post(URL, json=CORRECT, headers=auth(tok["viewer"])), 403, "forbidden")
    for client in (w, ro):
        err(client.get("/api/audit"), 401)
        err(client.get("/api/audit", headers=auth(tok["viewer"])), 403)
    assert w.get("/api/documents/1").json()["claims"][0]["review"]["status"] == "machine"


@BOTH
def test_review_correct_reject_confirm_and_audit(setup: Any) -> None:
    w, ro, tok = setup
    machine = w.get("/api/documents/1").json()["claims"][0]
    assert machine["review"] == {"status": "machine", "by": None, "at": None, "note": None,
                                 "version": 0}
    r = w.post(URL, json={**CORRECT, "version": 0}, headers=auth(tok["reviewer"]))
    assert r.status_code == 200, r.text
    body = r.json()
    validate(body, "Claim")
    assert body["review"]["status"] == "corrected" and body["review"]["by"] == "reviewer1"
    assert body["review"]["note"] == "hospital list" and body["review"]["version"] == 1
    assert body["victims_summary"] == "70-74 civilians killed" and body["actor"] == "Syrian government"
    assert body["date_start"] == "2017-04-04" and body["place"] == "Khan Sheikhoun"
    assert body["machine"] == machine["machine"] and body["values"]["victims"][0]["min"] == 70
    for client in (w, ro):  # the read-only server shows the decision too
        doc = client.get("/api/documents/1").json()["claims"][0]
        assert doc["review"] == body["review"] and doc["values"] == body["values"]
    if body["incident"]:
        inc = w.get(f"/api/incidents/{body['incident']}").json()
        mine = next(c for c in inc["claims"] if c["document_seq"] == 1 and c["claim"] == "c1")
        assert mine["review"]["status"] == "corrected" and mine["victims"][0]["max"] == 74
    # a second reviewer on the stale version is refused; nothing is written
    err(w.post(URL, json={"action": "reject", "version": 0}, headers=auth(tok["admin"])), 409, "stale")
    r = w.post(URL, json={"action": "reject", "note": "not a claim", "version": 1},
               headers=auth(tok["admin"]))
    assert r.status_code == 200 and r.json()["review"]["status"] == "rejected"
    assert r.json()["victims_summary"] == "70-74 civilians killed"  # rejecting keeps the values
    r = w.post(URL, json={"action": "confirm"}, headers=auth(tok["reviewer"]))
    assert r.json()["review"]["status"] == "confirmed" and r.json()["review"]["version"] == 3
    a = w.get("/api/audit?target_type=claim", headers=auth(tok["reviewer"])).json()
    assert a["total"] == 3
    assert [x["action"] for x in a["items"]] == ["claim.confirm", "claim.reject", "claim.correct"]
    for x in a["items"]:
        validate(x, "AuditRow")
    first = a["items"][-1]
    assert first["before"]["status"] == "machine" and first["after"]["status"] == "corrected"
    assert first["before"]["values"]["victims"] == machine["machine"]["victims"]
    assert first["target_id"] == body["key"]
    one = w.get("/api/audit", params={"target_id": body["key"], "limit": 1},
                headers=auth(tok["admin"])).json()
    assert one["total"] == 3 and len(one["items"]) == 1


@pytest.mark.parametrize("body", [
    b"", b"{", b"[]", b'"confirm"',
    json.dumps({"action": "approve"}).encode(),
    json.dumps({"action": "correct"}).encode(),
    json.dumps({"action": "correct", "fields": {}}).encode(),
    json.dumps({"action": "reject", "fields": {"actor": "x"}}).encode(),
    json.dumps({"action": "confirm", "extra": 1}).encode(),
    json.dumps({"action": "correct", "fields": {"weapon": "x"}}).encode(),
    json.dumps({"action": "correct", "fields": {"kind": None}}).encode(),
    json.dumps({"action": "correct", "fields": {"kind": "rumour"}}).encode(),
    json.dumps({"action": "correct", "fields": {"victims": None}}).encode(),
    json.dumps({"action": "correct", "fields": {"victims": [{"type": "civilians", "outcome": "killed",
                                                             "min": 9, "max": 3}]}}).encode(),
    json.dumps({"action": "correct", "fields": {"victims": [{"type": "civilians", "outcome": "killed",
                                                             "min": "9"}]}}).encode(),
    json.dumps({"action": "correct", "fields": {"victims": [{"type": "civilians",
                                                             "outcome": "killed"}]}}).encode(),
    json.dumps({"action": "correct", "fields": {"victims": [{"type": "civilians", "outcome": "killed",
                                                             "min": -1}]}}).encode(),
    json.dumps({"action": "correct", "fields": {"place": {"name": "X", "lat": 91, "lon": 0}}}).encode(),
    json.dumps({"action": "correct", "fields": {"place": {"name": "X", "lat": 1}}}).encode(),
    json.dumps({"action": "correct", "fields": {"date": {"start": "2017-02-30"}}}).encode(),
    json.dumps({"action": "correct", "fields": {"date": {"start": "2017-02-03",
                                                         "end": "2017-02-01"}}}).encode(),
    json.dumps({"action": "correct", "fields": {"actor": "a\x1b[2Jb"}}).encode(),
    json.dumps({"action": "correct", "fields": {"actor": ""}}).encode(),
    json.dumps({"action": "confirm", "note": "x" * 4001}).encode(),
    json.dumps({"action": "confirm", "version": -1}).encode(),
    json.dumps({"action": "confirm", "version": True}).encode(),
])
def test_bad_bodies_are_400(setup: Any, body: bytes) -> None:
    w, _, tok = setup
    err(w.post(URL, content=body, headers={**auth(tok["reviewer"]),
                                           "content-type": "application/json"}), 400, "invalid_body")
    assert w.get("/api/audit?target_type=claim", headers=auth(tok["admin"])).json()["total"] == 0


@BOTH
def test_unknown_document_or_claim_is_404(setup: Any) -> None:
    w, _, tok = setup
    for url in ("/api/documents/999999/claims/c1/review", "/api/documents/1/claims/c999/review",
                "/api/documents/nope/claims/c1/review"):
        err(w.post(url, json={"action": "confirm"}, headers=auth(tok["reviewer"])), 404)
    err(w.post(URL, content=b"x" * 100_000, headers=auth(tok["reviewer"])), 413)
    err(w.get(URL), 405)


def test_review_note_is_escaped_on_the_page(setup: Any) -> None:
    w, _, tok = setup
    note = "<script>window.__pwned='note'</script><img src=x onerror=alert(1)>"
    r = w.post(URL, json={"action": "reject", "note": note}, headers=auth(tok["reviewer"]))
    assert r.status_code == 200
    page = w.get("/documents/1").text
    assert "<script>window" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__pwned" in page and "rejected by reviewer1" in page


def test_cli_serve_has_write_flag() -> None:
    r = CliRunner().invoke(main, ["serve", "--help"])
    assert "--write" in r.output


# -- pages: login, session cookie, CSRF, the review form ------------------------------------------
def _csrf(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, html[:500]
    return m.group(1)


def _login(client: TestClient, token: str) -> Any:
    page = client.get("/login")
    assert page.status_code == 200
    return client.post("/login", data={"csrf": _csrf(page.text), "token": token},
                       follow_redirects=False)


@BOTH
def test_login_sets_a_strict_httponly_session(setup: Any) -> None:
    w, ro, tok = setup
    assert ro.get("/login").status_code == 404  # read-only: nothing to sign in to
    page = w.get("/login")
    assert "cw_login_csrf=" in page.headers["set-cookie"]
    r = w.post("/login", data={"csrf": "forged", "token": tok["reviewer"]}, follow_redirects=False)
    assert r.status_code == 403 and "cw_session" not in r.headers.get("set-cookie", "")
    r = w.post("/login", data={"token": tok["reviewer"]}, follow_redirects=False)
    assert r.status_code == 403
    r = _login(w, tok["reviewer"][:-2] + "zz")
    assert r.status_code == 401 and "not valid" in r.text
    r = _login(w, tok["reviewer"])
    assert r.status_code == 303
    cookie = next(v for k, v in r.headers.multi_items() if k == "set-cookie" and "cw_session=" in v)
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower() and "Path=/" in cookie
    assert "reviewer1 (reviewer)" in w.get("/incidents").text


@BOTH
def test_review_form_needs_session_and_csrf(setup: Any) -> None:
    w, _, tok = setup
    form = {"action": "correct", "version": "0", "victims_type": "civilians",
            "victims_outcome": "killed", "victims_min": "70", "victims_max": "74",
            "note": "<script>alert(1)</script>"}
    url = "/documents/1/claims/c1/review"
    assert w.post(url, data=form, follow_redirects=False).status_code == 401
    _login(w, tok["reviewer"])
    page = w.get("/documents/1?claim=c1")
    assert 'class="review-form"' in page.text and 'class="claim focus"' in page.text
    csrf = _csrf(page.text.split('class="review-form"')[1])
    assert w.post(url, data=form, follow_redirects=False).status_code == 403  # no token
    r = w.post(url, data={**form, "csrf": "x" * len(csrf)}, follow_redirects=False)
    assert r.status_code == 403 and "CSRF" in r.text
    r = w.post(url, data={**form, "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/documents/1?claim=c1#claim-c1"
    claim = w.get("/api/documents/1").json()["claims"][0]
    assert claim["review"]["status"] == "corrected" and claim["victims_summary"].startswith("70-74 civilians")
    assert claim["values"]["place"] == claim["machine"]["place"]  # untouched fields stay the machine's
    r = w.post(url, data={**form, "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 409  # the form's version is stale now
    page = w.get("/documents/1?claim=c1").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    r = w.post(url, data={"action": "reject", "version": "1", "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    assert w.get("/api/documents/1").json()["claims"][0]["review"]["status"] == "rejected"
    # sign out needs the CSRF token too; afterwards the session is gone
    assert w.post("/logout", data={}, follow_redirects=False).status_code == 403
    assert w.post("/logout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    assert w.post(url, data={**form, "csrf": csrf}, follow_redirects=False).status_code == 401


@BOTH
def test_viewer_and_removed_accounts_cannot_use_the_form(setup: Any, backend_db: str) -> None:
    w, _, tok = setup
    _login(w, tok["viewer"])
    page = w.get("/documents/1?claim=c1").text
    assert 'class="review-form"' not in page and "viewer1 (viewer)" in page
    r = w.post("/documents/1/claims/c1/review", data={"action": "confirm", "csrf": _csrf(page)},
               follow_redirects=False)
    assert r.status_code == 403
    _login(w, tok["admin"])
    assert "admin1 (admin)" in w.get("/incidents").text
    with Ledger.open(backend_db) as ledger:
        remove_user(ledger.connection, "admin1")
    assert "admin1" not in w.get("/incidents").text and "Sign in" in w.get("/incidents").text


# -- incidents: assess, merge, split ----------------------------------------------------------------
def _live(ledger: Ledger) -> dict[int, int]:
    return {int(r[0]): len(json.loads(r[1])["claims"]) for r in ledger.connection.execute(
        "SELECT id, record FROM incidents WHERE record IS NOT NULL ORDER BY id")}


def test_merge_split_assess_in_the_store(ledger_db: str) -> None:  # noqa: F811
    from claimweave.link import link_ledger
    from claimweave.store.review import (
        ReviewError,
        assess_incident,
        assessment,
        merge_incidents,
        split_incident,
    )

    with Ledger.open(ledger_db) as ledger:
        ledger.write(make_record())
        ledger.write(make_record("Air strikes killed 14 civilians in Hajin on 3 November.", path="b.txt"))
        link_ledger(ledger)
        user, _ = add_user(ledger.connection, "dana", "reviewer")
        live = _live(ledger)
        assert sum(live.values()) == 2
        docs = [r[0] for r in ledger.connection.execute("SELECT id FROM documents ORDER BY seq")]
        if len(live) == 1:  # one incident: split the second claim off, then merge it back
            (one,) = live
            new = split_incident(ledger, one, [(docs[1], "c1")], user, "two strikes")
            assert _live(ledger) == {one: 1, new: 1}
            merge_incidents(ledger, new, one, user, "one strike after all")
            assert _live(ledger) == {one: 2}
        else:  # two incidents: merge, then split
            one, two = sorted(live)
            merge_incidents(ledger, two, one, user, "one strike")
            assert _live(ledger) == {one: 2}
            new = split_incident(ledger, one, [(docs[1], "c1")], user, None)
            assert _live(ledger) == {one: 1, new: 1}
        with pytest.raises(ReviewError) as e:
            merge_incidents(ledger, one, one, user, None)
        assert e.value.kind == "invalid"
        with pytest.raises(ReviewError) as e:
            split_incident(ledger, one, [("nope", "c1")], user, None)
        assert e.value.kind == "invalid"
        assess_incident(ledger.connection, one, user, "corroborated", ["two lists"], "checked")
        got = assessment(ledger.connection, one)
        assert got and got["grade"] == "corroborated" and got["by"] == "dana"
        before = _live(ledger)
        link_ledger(ledger)  # the linker never undoes a person's merge or split
        assert _live(ledger) == before
        actions = [r["action"] for r in audit_rows(ledger.connection, target_type="incident")[1]]
        assert "incident.assess" in actions and "incident.merge" in actions and "incident.split" in actions


@BOTH
def test_incident_endpoints(setup: Any) -> None:
    w, ro, tok = setup
    items = w.get("/api/incidents?sort=claims&order=desc").json()["items"]
    a, b = items[0]["id"], items[1]["id"]
    n_a, n_b = items[0]["claims"], items[1]["claims"]
    body = {"grade": "corroborated", "reasons": ["<b>two</b> hospital lists"], "note": "ok", "version": 0}
    err(ro.post(f"/api/incidents/{a}/assess", json=body, headers=auth(tok["admin"])), 403, "read_only")
    err(w.post(f"/api/incidents/{a}/assess", json=body), 401)
    err(w.post(f"/api/incidents/{a}/assess", json=body, headers=auth(tok["viewer"])), 403)
    err(w.post(f"/api/incidents/{a}/assess", json={**body, "grade": "great"},
               headers=auth(tok["reviewer"])), 400)
    err(w.post("/api/incidents/999999/assess", json=body, headers=auth(tok["reviewer"])), 404)
    r = w.post(f"/api/incidents/{a}/assess", json=body, headers=auth(tok["reviewer"]))
    assert r.status_code == 200, r.text
    validate(r.json(), "IncidentDetail")
    assert r.json()["assessment"]["grade"] == "corroborated" and r.json()["version"] == 1
    err(w.post(f"/api/incidents/{a}/assess", json=body, headers=auth(tok["reviewer"])), 409, "stale")
    refs = [[c["document"], c["claim"]] for c in w.get(f"/api/incidents/{a}").json()["claims"]]
    err(w.post(f"/api/incidents/{a}/split", json={"claims": refs}, headers=auth(tok["reviewer"])), 400)
    err(w.post(f"/api/incidents/{a}/split", json={"claims": [["x", "c1"]]},
               headers=auth(tok["reviewer"])), 400)
    r = w.post(f"/api/incidents/{a}/split", json={"claims": refs[:1], "note": "elsewhere"},
               headers=auth(tok["reviewer"]))
    assert r.status_code == 200, r.text
    new = r.json()["new"]["summary"]["id"]
    assert r.json()["incident"]["summary"]["claims"] == n_a - 1 and r.json()["new"]["summary"]["claims"] == 1
    err(w.post(f"/api/incidents/{new}/merge", json={"into": new}, headers=auth(tok["reviewer"])), 400)
    err(w.post(f"/api/incidents/{new}/merge", json={"into": 999999}, headers=auth(tok["reviewer"])), 404)
    r = w.post(f"/api/incidents/{new}/merge", json={"into": b}, headers=auth(tok["admin"]))
    assert r.status_code == 200 and r.json()["summary"]["claims"] == n_b + 1
    err(w.get(f"/api/incidents/{new}"), 404)  # merged away: it leaves the list
    assert new not in {s["id"] for s in w.get("/api/incidents?limit=1000").json()["items"]}
    page = w.get(f"/incidents/{a}").text
    assert "<b>two</b>" not in page and "&lt;b&gt;two&lt;/b&gt; hospital lists" in page
    assert "Assessed" in page and "by reviewer1" in page


# -- decisions flow out: grades, links and exports --------------------------------------------------
def _other(text: str, sources: tuple[Any, ...], path: str, killed: int) -> Any:
    import dataclasses

    from claimweave.model import Victims

    rec = make_record(text, path=path)
    claim = dataclasses.replace(rec.claims[0], sources=sources,
                                victims=(Victims("civilians", "killed", killed, killed, "x"),))
    return dataclasses.replace(rec, claims=(claim,))


def _incident(ledger: Ledger) -> tuple[int, dict[str, Any]]:
    (row,) = ledger.connection.execute(
        "SELECT id, record FROM incidents WHERE record IS NOT NULL").fetchall()
    return int(row[0]), json.loads(row[1])


def _key_of(ledger: Ledger, path: str) -> tuple[str, Any]:
    row = ledger.connection.execute(
        "SELECT c.*, d.sha256 AS sha256 FROM claims c JOIN documents d ON d.seq = c.doc"
        " WHERE d.path = ? ORDER BY c.seq LIMIT 1", (path,)).fetchone()
    return claim_key(row["sha256"], row["span_start"], row["span_end"], row["kind"]), row


def _two_reports_linked(ledger: Any) -> None:
    """The incident of make_record() and a second, independent report of it, linked."""
    from claimweave.link import link_ledger
    from claimweave.model import Ref

    ledger.write(make_record())
    ledger.write(_other("Air strikes killed 14 civilians in Hajin on 3 November.",
                        (Ref("Airwars", None),), "b.txt", 14))
    link_ledger(ledger)


def test_rejected_claims_corroborate_nothing_and_link_keeps_decisions(ledger_db: str) -> None:  # noqa: F811
    from claimweave.link import link_ledger
    from claimweave.model import Ref

    with Ledger.open(ledger_db) as ledger:
        c = ledger.connection
        _two_reports_linked(ledger)
        iid, rec = _incident(ledger)
        assert rec["grade"] == "corroborated" and rec["victims"]["civilians"]["killed"]["max"] == 14
        assert {x["review"] for x in rec["claims"]} == {"machine"} and rec["rejected"] == []
        user, _ = add_user(c, "dana", "reviewer")
        key_b, row_b = _key_of(ledger, "b.txt")
        review_claim(c, key_b, machine_values(row_b), user, "reject", None, "not this strike")
        iid2, rec = _incident(ledger)
        assert iid2 == iid and rec["grade"] == "single_source"
        assert rec["corroboration"] == {"lines_of_evidence": 1, "claims": 1, "documents": 1}
        assert rec["victims"]["civilians"]["killed"]["max"] == 12
        assert [(x["claim"], x["by"], x["note"]) for x in rec["rejected"]] == [
            ("c1", "dana", "not this strike")]
        # a correction counts with the person's values
        key_a, row_a = _key_of(ledger, "a.txt")
        fixed = [{"type": "civilians", "outcome": "killed", "min": 20, "max": 25, "text": None}]
        review_claim(c, key_a, machine_values(row_a), user, "correct", {"victims": fixed}, None)
        _, rec = _incident(ledger)
        killed = rec["victims"]["civilians"]["killed"]
        assert (killed["min"], killed["max"]) == (20, 25)
        assert killed["claims"] == [rec["claims"][0]["document"] + "#c1"]
        assert rec["claims"][0]["review"] == "corrected"
        # new claims joining the incident make the linker grade it again: the decisions hold
        ledger.write(_other("Twelve civilians were killed when aircraft hit Hajin on 3 November.",
                            (Ref("SOHR", "sohr"),), "c.txt", 12))
        stats = link_ledger(ledger)
        assert stats.linked == 1 and stats.touched == 1
        _, rec = _incident(ledger)
        assert rec["grade"] == "single_source" and len(rec["rejected"]) == 1
        assert rec["victims"]["civilians"]["killed"]["max"] == 25
        # confirming the rejected claim again brings its line of evidence back
        review_claim(c, key_b, machine_values(row_b), user, "confirm", None, None)
        _, rec = _incident(ledger)
        assert rec["grade"] == "corroborated" and rec["rejected"] == []
        # every claim rejected: the incident leaves the list, and comes back when one is not
        for path in ("a.txt", "b.txt", "c.txt"):
            k, r = _key_of(ledger, path)
            review_claim(c, k, machine_values(r), user, "reject", None, None)
        assert c.execute("SELECT record, grade FROM incidents WHERE id = ?", (iid,)).fetchone()[0] is None
        review_claim(c, key_a, machine_values(row_a), user, "confirm", None, None)
        assert _incident(ledger)[1]["claims"][0]["review"] == "confirmed"


def test_web_exports_carry_reviews_and_reviewed_only(setup: Any) -> None:
    import csv as csvmod
    import io

    w, ro, tok = setup
    r = w.post(URL, json=CORRECT, headers=auth(tok["reviewer"]))
    inc = r.json()["incident"]
    assert inc, "demo claim c1 of document 1 is linked"
    rows = list(csvmod.DictReader(io.StringIO(ro.get("/export/incidents.csv").text)))
    mine = next(x for x in rows if x["id"] == str(inc))
    assert mine["review_status"] in ("reviewed", "partly_reviewed") and mine["reviewed_claims"] == "1"
    assert mine["civilians_killed_max"] and int(mine["civilians_killed_max"]) >= 74
    assert {x["review_status"] for x in rows if x["id"] != str(inc)} == {"machine"}
    only = list(csvmod.DictReader(io.StringIO(ro.get("/export/incidents.csv?reviewed_only=1").text)))
    assert all(x["review_status"] in ("reviewed", "assessed") for x in only)
    body = {"grade": "contested", "reasons": ["two hospital lists"], "note": "checked"}
    assert w.post(f"/api/incidents/{inc}/assess", json=body, headers=auth(tok["admin"])).status_code == 200
    recs = [json.loads(x) for x in ro.get("/api/export/incidents.jsonl?reviewed_only=1").text.splitlines()]
    mine = next(x for x in recs if x["id"] == inc)
    assert mine["grade"] == "contested" and mine["review"]["status"] == "assessed"
    assert mine["review"]["assessment"]["by"] == "admin1" and mine["linker_grade"] in GRADE_NAMES
    assert 'id="export-reviewed"' in ro.get("/incidents").text


GRADE_NAMES = ("contested", "conceded", "denied", "corroborated", "single_source")


def test_cli_exports_carry_reviews_and_reviewed_only(ledger_db: str, tmp_path: Path) -> None:  # noqa: F811
    """After a correction and a rejection, `claimweave export` and `incidents` show the current
    values and review status; --reviewed-only keeps what people confirmed or corrected."""
    import csv as csvmod


    with Ledger.open(ledger_db) as ledger:
        c = ledger.connection
        _two_reports_linked(ledger)
        user, _ = add_user(c, "dana", "reviewer")
        key_a, row_a = _key_of(ledger, "a.txt")
        fixed = [{"type": "civilians", "outcome": "killed", "min": 20, "max": 25, "text": None}]
        review_claim(c, key_a, machine_values(row_a), user, "correct",
                     {"victims": fixed, "actor": "Syrian government"}, "hospital list")
        key_b, row_b = _key_of(ledger, "b.txt")
        review_claim(c, key_b, machine_values(row_b), user, "reject", None, "another strike")
    runner = CliRunner()

    def run(*args: str) -> str:
        r = runner.invoke(main, [*args, "--db", ledger_db])
        assert r.exit_code == 0, r.output
        return r.stdout

    rows = {r["path"]: r for r in csvmod.DictReader(io.StringIO(run("export", "--format", "csv")))}
    a, b = rows["a.txt"], rows["b.txt"]
    assert (a["review_status"], a["reviewed_by"], a["review_note"]) == ("corrected", "dana", "hospital list")
    assert (a["victims"], a["victims_min"], a["victims_max"]) == ("20-25 civilians killed", "20", "25")
    assert a["actor"] == "Syrian government" and a["actor_id"] == "syrian_government"
    assert b["review_status"] == "rejected" and b["victims_max"] == "14"  # values kept, status says
    only = list(csvmod.DictReader(io.StringIO(run("export", "--format", "csv", "--reviewed-only"))))
    assert [r["path"] for r in only] == ["a.txt"]
    recs = [json.loads(x) for x in run("export", "--format", "jsonl").splitlines()]
    claim = next(r for r in recs if r["document"]["path"] == "a.txt")["claims"][0]
    assert claim["victims"] == fixed and claim["review"]["status"] == "corrected"
    assert claim["actor"] == {"name": "Syrian government", "actor_id": "syrian_government",
                              "entity_type": None}
    assert claim["machine"]["victims"][0]["min"] == 12 and claim["machine"]["actor"]["name"] == "coalition"
    assert [r["document"]["path"] for r in
            map(json.loads, run("export", "--reviewed-only").splitlines())] == ["a.txt"]
    geo = json.loads(run("export", "--format", "geojson"))
    assert {f["properties"]["review_status"] for f in geo["features"]} == {"corrected", "rejected"}
    (inc,) = list(csvmod.DictReader(io.StringIO(run("incidents", "--format", "csv"))))
    assert (inc["grade"], inc["review_status"], inc["rejected_claims"]) == ("single_source", "reviewed", "1")
    assert (inc["civilians_killed_min"], inc["civilians_killed_max"]) == ("20", "25")
    assert inc["lines_of_evidence"] == "1" and "Syrian government" in inc["actors"]
    (rec,) = [json.loads(x) for x in run("incidents", "--reviewed-only").splitlines()]
    assert rec["rejected"][0]["note"] == "another strike"
    r = runner.invoke(main, ["incidents", "--format", "acled", "--reviewed-only", "--db", ledger_db])
    assert r.exit_code == 2


# -- the audit pages and notes on incidents ---------------------------------------------------------
HOSTILE = "<script>window.__pwned=1</script><img src=x onerror=alert(1)>"


@BOTH
def test_claim_and_incident_audit_pages(setup: Any) -> None:
    w, ro, tok = setup
    assert w.post(URL, json={**CORRECT, "note": HOSTILE}, headers=auth(tok["reviewer"])).status_code == 200
    r = w.post(URL, json={"action": "reject", "note": "not a claim"}, headers=auth(tok["admin"]))
    inc = r.json()["incident"]
    doc = ro.get("/documents/1").text
    assert 'href="/documents/1/claims/c1/audit"' in doc
    page = ro.get("/documents/1/claims/c1/audit")  # the read-only server shows it too
    assert page.status_code == 200
    text = page.text
    assert text.count('class="audit-row') == 2 and "rejected" in text and "corrected" in text
    assert "→ 70-74 civilians killed" in text and "actor:" in text and "by reviewer1" not in text
    assert "<script>window" not in text and "<img src=x" not in text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in text
    assert text.index("admin1") < text.index("reviewer1")  # newest first
    assert ro.get("/documents/1/claims/c999/audit").status_code == 404
    assert ro.get("/incidents/999999/audit").status_code == 404
    assert f'href="/incidents/{inc}/audit"' in ro.get(f"/incidents/{inc}").text
    text = ro.get(f"/incidents/{inc}/audit").text
    assert 'id="claims-audit"' in text and 'href="/documents/1/claims/c1/audit"' in text
    assert "<script>window" not in text


@BOTH
def test_notes_on_incidents(setup: Any) -> None:
    w, ro, tok = setup
    inc = w.get("/api/incidents").json()["items"][0]["id"]
    url = f"/api/incidents/{inc}/note"
    err(ro.post(url, json={"note": "x"}, headers=auth(tok["admin"])), 403, "read_only")
    err(w.post(url, json={"note": "x"}), 401)
    err(w.post(url, json={"note": "x"}, headers=auth(tok["viewer"])), 403)
    for bad in ({}, {"note": ""}, {"note": "   "}, {"note": "a\x1bb"}, {"note": "x", "grade": "y"}):
        err(w.post(url, json=bad, headers=auth(tok["reviewer"])), 400)
    err(w.post("/api/incidents/999999/note", json={"note": "x"}, headers=auth(tok["reviewer"])), 404)
    r = w.post(url, json={"note": HOSTILE, "version": 0}, headers=auth(tok["reviewer"]))
    assert r.status_code == 200, r.text
    validate(r.json(), "AuditRow")
    assert r.json()["action"] == "incident.note" and r.json()["user"] == "reviewer1"
    err(w.post(url, json={"note": "late", "version": 0}, headers=auth(tok["reviewer"])), 409, "stale")
    assert w.get(f"/api/incidents/{inc}").json()["version"] == 1
    page = ro.get(f"/incidents/{inc}").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page and "<script>window" not in page
    assert 'class="note-form"' not in page  # nobody signed in
    # the page's form: a signed-in reviewer, with the session's CSRF token
    form_url = f"/incidents/{inc}/note"
    assert w.post(form_url, data={"note": "x"}, follow_redirects=False).status_code == 401
    _login(w, tok["reviewer"])
    page = w.get(f"/incidents/{inc}").text
    csrf = _csrf(page.split('class="note-form"')[1])
    assert w.post(form_url, data={"note": "x"}, follow_redirects=False).status_code == 403
    r = w.post(form_url, data={"note": "second list seen", "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/incidents/{inc}#notes"
    assert "second list seen" in w.get(f"/incidents/{inc}").text
    hist = w.get(f"/incidents/{inc}/audit").text
    assert hist.count("action-incident-note") == 2
    _login(w, tok["viewer"])
    page = w.get(f"/incidents/{inc}").text
    assert 'class="note-form"' not in page
    assert w.post(form_url, data={"note": "x", "csrf": _csrf(page)}, follow_redirects=False).status_code == 403


@pytest.mark.parametrize("backend_db", ["postgresql"], indirect=True)
def test_serve_on_a_postgresql_url(setup: Any, backend_db: str) -> None:
    w, ro, tok = setup
    assert backend_db.startswith("postgresql://")
    for client in (w, ro):
        assert client.get("/incidents").status_code == 200
        assert client.get("/documents/1?claim=c1").status_code == 200
        # the date, place and actor filters read SQLite's JSON functions: refused, not failed
        err(client.get("/api/incidents", params={"place": "Khan Sheikhoun"}), 400, "unsupported")
    with pytest.raises(ValueError) as e:
        create_app("postgresql://someone:hunter2@127.0.0.1:1/nowhere")
    assert "hunter2" not in str(e.value) and "someone:***@" in str(e.value)
    r = CliRunner().invoke(main, ["serve", "--db", "postgresql://someone:hunter2@127.0.0.1:1/x"])
    assert r.exit_code == 2 and "E004" in r.output and "hunter2" not in r.output


# -- the incident page's forms and bulk review from the incidents list ------------------------------
@BOTH
def test_incident_page_forms_assess_split_merge(setup: Any) -> None:
    w, ro, tok = setup
    items = w.get("/api/incidents?sort=claims&order=desc").json()["items"]
    a, b = items[0]["id"], items[1]["id"]
    n_b = items[1]["claims"]
    assert 'class="assess-form' not in ro.get(f"/incidents/{a}").text
    form = {"grade": "corroborated", "reasons": "two hospital lists\n<b>photos</b>", "version": "0"}
    assert w.post(f"/incidents/{a}/assess", data=form, follow_redirects=False).status_code == 401
    _login(w, tok["reviewer"])
    page = w.get(f"/incidents/{a}").text
    for cls in ("assess-form", "merge-form", "split-form"):
        assert f'class="{cls} review-form"' in page
    csrf = _csrf(page.split('class="assess-form')[1])
    assert w.post(f"/incidents/{a}/assess", data=form, follow_redirects=False).status_code == 403
    r = w.post(f"/incidents/{a}/assess", data={**form, "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/incidents/{a}"
    got = w.get(f"/api/incidents/{a}").json()
    assert got["assessment"]["grade"] == "corroborated" and got["version"] == 1
    assert got["assessment"]["reasons"] == ["two hospital lists", "<b>photos</b>"]
    assert "&lt;b&gt;photos&lt;/b&gt;" in w.get(f"/incidents/{a}").text
    r = w.post(f"/incidents/{a}/assess", data={**form, "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 409  # the page's version 0 is stale: the page says what changed
    assert "incident.assess by reviewer1" in r.text
    page = w.get(f"/incidents/{a}").text
    refs = re.findall(r'name="claims" value="([^"]+)"', page)
    assert len(refs) == items[0]["claims"]
    r = w.post(f"/incidents/{a}/split", data={"claims": refs[:1], "version": "1", "csrf": csrf,
                                              "note": "another street"}, follow_redirects=False)
    assert r.status_code == 303, r.text[-400:]
    new = int(r.headers["location"].rsplit("/", 1)[1])
    assert w.get(f"/api/incidents/{new}").json()["summary"]["claims"] == 1
    r = w.post(f"/incidents/{new}/merge", data={"into": str(b), "version": "1", "csrf": csrf},
               follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/incidents/{b}"
    assert w.get(f"/api/incidents/{b}").json()["summary"]["claims"] == n_b + 1
    err(w.get(f"/api/incidents/{new}"), 404)
    r = w.post(f"/incidents/{b}/merge", data={"into": "x", "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 400
    hist = w.get(f"/incidents/{b}/audit").text
    assert "received a merge" in hist
    _login(w, tok["viewer"])
    page = w.get(f"/incidents/{a}").text
    assert 'class="assess-form' not in page
    r = w.post(f"/incidents/{a}/assess", data={**form, "version": "1", "csrf": _csrf(page)},
               follow_redirects=False)
    assert r.status_code == 403


@BOTH
def test_bulk_review_api(setup: Any) -> None:
    w, ro, tok = setup
    items = w.get("/api/incidents?sort=claims&order=asc").json()["items"]
    ids = [items[0]["id"], items[1]["id"]]
    n = items[0]["claims"] + items[1]["claims"]
    url = "/api/incidents/bulk-review"
    body = {"incidents": ids, "action": "confirm", "note": "checked against the list"}
    err(ro.post(url, json=body, headers=auth(tok["admin"])), 403, "read_only")
    err(w.post(url, json=body), 401)
    err(w.post(url, json=body, headers=auth(tok["viewer"])), 403, "forbidden")
    for bad in ({**body, "action": "correct"}, {**body, "incidents": []}, {**body, "x": 1},
                {**body, "incidents": ["1"]}):
        err(w.post(url, json=bad, headers=auth(tok["reviewer"])), 400)
    err(w.post(url, json={**body, "incidents": [999999]}, headers=auth(tok["reviewer"])), 404)
    seen = w.get("/api/audit", headers=auth(tok["admin"])).json()["items"][0]["id"]
    r = w.post(url, json={**body, "seen": seen}, headers=auth(tok["reviewer"]))
    assert r.status_code == 200, r.text
    assert r.json() == {"incidents": 2, "decided": n, "unchanged": 0}
    for i in ids:
        claims = w.get(f"/api/incidents/{i}").json()["claims"]
        assert {c["review"]["status"] for c in claims} == {"confirmed"}
    # a second reviewer who loaded the list before: refused, and told what changed
    r = w.post(url, json={**body, "action": "reject", "seen": seen}, headers=auth(tok["admin"]))
    err(r, 409, "stale")
    assert "claim.confirm by reviewer1" in r.json()["error"]["message"]
    r = w.post(url, json=body, headers=auth(tok["admin"]))
    assert r.json() == {"incidents": 2, "decided": 0, "unchanged": n}  # already confirmed
    r = w.post(url, json={"incidents": ids[:1], "action": "reject"}, headers=auth(tok["admin"]))
    assert r.json()["decided"] == items[0]["claims"]
    err(w.get(f"/api/incidents/{ids[0]}"), 404)  # every claim rejected: it leaves the list
    a = w.get("/api/audit?target_type=claim", headers=auth(tok["admin"])).json()
    assert a["total"] == n + items[0]["claims"]


@BOTH
def test_bulk_review_from_the_list_page(setup: Any) -> None:
    w, ro, tok = setup
    assert ro.get("/review/incidents").status_code == 404  # read-only: nothing to review
    assert 'name="incidents"' not in w.get("/review/incidents").text  # not signed in
    _login(w, tok["reviewer"])
    page = w.get("/review/incidents", params={"grade": "single_source"}).text
    ids = re.findall(r'name="incidents" value="(\d+)"', page)
    assert ids and f'{len(ids)}</span>' in page
    form = page.split('class="bulk-form"')[1]
    data = {"csrf": _csrf(form), "seen": re.search(r'name="seen" value="(\d+)"', form).group(1),
            "grade": "single_source", "incidents": ids[:2], "action": "confirm", "note": "ok"}
    assert w.post("/review/incidents", data={**data, "csrf": "nope"},
                  follow_redirects=False).status_code == 403
    r = w.post("/review/incidents", data=data, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/review/incidents?grade=single_source&decided=")
    done = w.get(r.headers["location"]).text
    assert re.search(r'id="bulk-done">\d+ claims decided, 0 already so', done)
    assert "confirmed" in done
    r = w.post("/review/incidents", data=data, follow_redirects=False)
    assert r.status_code == 409 and "since the page was loaded" in r.text


# -- the audit exported ------------------------------------------------------------------------------
def test_cli_audit_export(ledger_db: str, tmp_path: Path) -> None:  # noqa: F811
    import csv as csvmod

    with Ledger.open(ledger_db) as ledger:
        ledger.write(make_record())
        user, _ = add_user(ledger.connection, "dana", "reviewer")
        key, row = _claim(ledger)
        review_claim(ledger.connection, key, machine_values(row), user, "correct",
                     {"actor": "=HYPERLINK(\"http://x\")"}, "-check the list")
    runner = CliRunner()
    r = runner.invoke(main, ["audit", "export", "--db", ledger_db])
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["action"] for x in rows] == ["user.add", "claim.correct"]  # oldest first
    assert rows[1]["target_id"] == key and rows[1]["after"]["values"]["actor"].startswith("=HYPER")
    assert rows[1]["before"]["status"] == "machine" and rows[1]["user"] == "dana"
    out = tmp_path / "audit.csv"
    r = runner.invoke(main, ["audit", "export", "--db", ledger_db, "--format", "csv", "--out", str(out)])
    assert r.exit_code == 0 and "2 audit rows" in r.stderr
    got = list(csvmod.DictReader(out.open(encoding="utf-8", newline="")))
    assert [g["action"] for g in got] == ["user.add", "claim.correct"]
    assert got[1]["note"] == "'-check the list"  # a spreadsheet never runs a cell
    assert json.loads(got[1]["after"])["values"]["actor"].startswith("=HYPER")
    assert runner.invoke(main, ["audit", "export", "--db", ledger_db, "--format", "xml"]).exit_code == 2


@BOTH
def test_web_audit_export(setup: Any) -> None:
    w, ro, tok = setup
    assert w.post(URL, json={**CORRECT, "note": HOSTILE}, headers=auth(tok["reviewer"])).status_code == 200
    for client in (w, ro):
        err(client.get("/api/audit/export.csv"), 401)
        err(client.get("/api/audit/export.csv", headers=auth(tok["viewer"])), 403)
    err(w.get("/api/audit/export.xml", headers=auth(tok["admin"])), 404)
    r = w.get("/api/audit/export.jsonl", headers=auth(tok["admin"]))
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    rows = [json.loads(x) for x in r.text.splitlines()]
    assert [x["action"] for x in rows] == ["user.add"] * 3 + ["claim.correct"]
    assert rows[-1]["note"] == HOSTILE
    for x in rows:
        validate(x, "AuditRow")
    r = w.get("/api/audit/export.csv", headers=auth(tok["reviewer"]))
    assert r.text.startswith("id,at,user,action,target_type,target_id,before,after,note\r\n")
    assert r.text.count("\r\n") == 5
    # the page's link: a signed-in reviewer or admin, never a viewer
    assert w.get("/audit/export.csv").status_code == 401
    _login(w, tok["viewer"])
    assert w.get("/audit/export.csv").status_code == 403
    assert 'id="audit-csv"' not in w.get("/documents/1/claims/c1/audit").text
    _login(w, tok["reviewer"])
    assert 'id="audit-csv"' in w.get("/documents/1/claims/c1/audit").text
    r = w.get("/audit/export.jsonl")
    assert r.status_code == 200 and len(r.text.splitlines()) == 4
    assert r.headers["content-disposition"] == 'attachment; filename="audit.jsonl"'
    assert ro.get("/audit/export.csv").status_code == 401  # read-only: nobody signs in


# -- acceptance: decisions outlive the server, a re-ingest, a re-link and a re-extraction -----------
def _cli(*args: str) -> str:
    r = CliRunner().invoke(main, list(args))
    assert r.exit_code == 0, r.output
    return r.stdout


def _placed(w: TestClient, incident: int) -> set[tuple[str, str]]:
    return {(c["document"], c["claim"]) for c in w.get(f"/api/incidents/{incident}").json()["claims"]}


def test_decisions_outlive_server_reingest_relink_and_reextraction(ledger_db: str, tmp_path: Path) -> None:  # noqa: F811
    folder = tmp_path / "reports"
    shutil.copytree(DEMO, folder)
    _cli("ingest", str(folder), "--db", ledger_db, "--quiet", "--no-lang")
    token = _cli("users", "add", "dana", "--role", "reviewer", "--db", ledger_db).splitlines()[-1]
    h = auth(token)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with TestClient(create_app(ledger_db, write=True), raise_server_exceptions=False) as w:
            items = w.get("/api/incidents?sort=claims&order=asc&limit=1000").json()["items"]
            small, big = items[0]["id"], items[-1]["id"]
            moved = _placed(w, small)
            doc = sorted(moved)[0][0]  # this document will be extracted again below
            claims = w.get(f"/api/documents/{doc}").json()["claims"]
            fixed, dropped = claims[0]["id"], claims[-1]["id"]
            assert fixed != dropped
            assert w.post(f"/api/documents/{doc}/claims/{fixed}/review", headers=h, json={
                "action": "correct", "note": "list", "fields": {"victims": [
                    {"type": "civilians", "outcome": "killed", "min": 31, "max": 33}]}}).status_code == 200
            assert w.post(f"/api/documents/{doc}/claims/{dropped}/review", headers=h,
                          json={"action": "reject", "note": "no claim"}).status_code == 200
            assert w.post(f"/api/incidents/{small}/merge", headers=h, json={"into": big}).status_code == 200
            assert w.post(f"/api/incidents/{big}/assess", headers=h,
                          json={"grade": "contested", "reasons": ["two tolls"]}).status_code == 200
            assert w.post(f"/api/incidents/{big}/note", headers=h, json={"note": "seen"}).status_code == 200
            before = {c["id"]: (c["review"], c["values"]) for c in w.get(f"/api/documents/{doc}").json()["claims"]}
            members = _placed(w, big)
            assert moved <= members
            audit = w.get("/api/audit?limit=1000", headers=h).json()["items"]
    # the server is stopped. The same folder again, and a re-link: nothing to do, nothing lost
    _cli("ingest", str(folder), "--db", ledger_db, "--quiet", "--no-lang")
    _cli("link", "--db", ledger_db)
    # a newer pipeline: the document is extracted again (new rows, new sequence numbers)
    with Ledger.open(ledger_db) as ledger:
        c = ledger.connection
        seq = c.execute("SELECT seq FROM documents WHERE id = ?", (doc,)).fetchone()[0]
        if ledger.fts:
            c.execute("DELETE FROM claims_fts WHERE rowid IN (SELECT seq FROM claims WHERE doc = ?)", (seq,))
            c.execute("DELETE FROM documents_fts WHERE rowid = ?", (seq,))
        c.execute("DELETE FROM documents WHERE seq = ?", (seq,))
    _cli("ingest", str(folder), "--db", ledger_db, "--quiet", "--no-lang")
    _cli("link", "--db", ledger_db)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with TestClient(create_app(ledger_db, write=True), raise_server_exceptions=False) as w:
            got = w.get(f"/api/documents/{doc}").json()
            assert got["seq"] != seq  # stored again
            after = {c["id"]: (c["review"], c["values"]) for c in got["claims"]}
            assert after[fixed] == before[fixed] and after[fixed][0]["status"] == "corrected"
            assert after[fixed][1]["victims"][0]["min"] == 31
            assert after[dropped] == before[dropped] and after[dropped][0]["status"] == "rejected"
            assert _placed(w, big) == members  # the merge holds: the linker did not undo it
            err(w.get(f"/api/incidents/{small}"), 404)
            inc = w.get(f"/api/incidents/{big}").json()
            assert inc["assessment"]["grade"] == "contested" and inc["version"] == 3
            assert w.get("/api/audit?limit=1000", headers=h).json()["items"] == audit
            assert "seen" in w.get(f"/incidents/{big}").text
    rows = [json.loads(x) for x in _cli("export", "--db", ledger_db, "--format", "jsonl").splitlines()]
    mine = next(r for r in rows if r["document"]["id"] == doc)
    claim = next(c for c in mine["claims"] if c["id"] == fixed)
    assert claim["review"]["status"] == "corrected" and claim["victims"][0]["max"] == 33


@BOTH
def test_confirm_and_reject_from_the_incident_page(setup: Any) -> None:
    w, ro, tok = setup
    inc = w.get("/api/incidents?sort=claims&order=desc").json()["items"][0]["id"]
    assert 'class="card-review-form"' not in ro.get(f"/incidents/{inc}").text
    _login(w, tok["reviewer"])
    page = w.get(f"/incidents/{inc}").text
    cards = page.split('class="card-review-form"')[1:]
    assert len(cards) == len(w.get(f"/api/incidents/{inc}").json()["claims"])
    first = w.get(f"/api/incidents/{inc}").json()["claims"][0]
    url = f"/documents/{first['document_seq']}/claims/{first['claim']}/review"
    assert f'action="{url}"' in page
    data = {"csrf": _csrf(cards[0]), "version": "0", "back": str(inc), "action": "confirm",
            "note": "matches the list"}
    r = w.post(url, data=data, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/incidents/{inc}#claims"
    mine = next(c for c in w.get(f"/api/incidents/{inc}").json()["claims"]
                if c["claim"] == first["claim"] and c["document_seq"] == first["document_seq"])
    assert mine["review"]["status"] == "confirmed" and mine["review"]["note"] == "matches the list"
    r = w.post(url, data={**data, "action": "reject"}, follow_redirects=False)
    assert r.status_code == 409 and "confirmed by reviewer1" in r.text  # the card was stale
    r = w.post(url, data={**data, "back": "/elsewhere", "version": "1", "action": "reject"},
               follow_redirects=False)  # never a redirect anywhere but our pages
    assert r.status_code == 303 and r.headers["location"].startswith(f"/documents/{first['document_seq']}?")


def test_a_place_is_a_gazetteer_entry_or_coordinates(setup: Any) -> None:
    w, _, tok = setup

    def place(p: dict[str, Any]) -> Any:
        return w.post(URL, json={"action": "correct", "fields": {"place": p}}, headers=auth(tok["reviewer"]))

    r = place({"name": "Khan Sheikhoun"})  # a name the gazetteer knows: its entry
    assert r.status_code == 200, r.text
    got = r.json()["values"]["place"]
    assert got["name"] == "Khan Sheikhoun" and got["country"] == "SY" and got["geonames_id"]
    assert abs(got["lat"] - 35.44) < 0.05 and abs(got["lon"] - 36.65) < 0.05
    r = place({"geonames_id": got["geonames_id"]})  # by its id: the gazetteer's name too
    assert r.status_code == 200 and r.json()["values"]["place"]["lat"] == got["lat"]
    assert r.json()["values"]["place"]["name"]
    r = place({"name": "Field behind the mill", "lat": 35.1, "lon": 36.2})  # coordinates as given
    assert r.json()["values"]["place"] == {"name": "Field behind the mill", "lat": 35.1, "lon": 36.2,
                                           "country": None, "geonames_id": None, "precision": "exact"}
    r = place({"name": "Qwzxv Nowhere"})  # unknown, no coordinates: the name alone
    assert r.json()["values"]["place"]["lat"] is None
    err(place({"geonames_id": 2**31 - 1}), 400, "invalid_body")
    err(place({"lat": 1.0, "lon": 2.0}), 400, "invalid_body")
    # the document page's form: a new place name with the old coordinates untouched is looked up
    _login(w, tok["reviewer"])
    page = w.get("/documents/1?claim=c1").text
    form = page.split('class="review-form"')[1]
    version = re.search(r'name="version" value="(\d+)"', form).group(1)  # type: ignore[union-attr]
    lat = re.search(r'name="place_lat" value="([^"]*)"', form).group(1)  # type: ignore[union-attr]
    lon = re.search(r'name="place_lon" value="([^"]*)"', form).group(1)  # type: ignore[union-attr]
    r = w.post("/documents/1/claims/c1/review", follow_redirects=False, data={
        "csrf": _csrf(form), "version": version, "action": "correct", "place_name": "Douma",
        "place_lat": lat, "place_lon": lon})
    assert r.status_code == 303, r.text[-300:]
    now = w.get("/api/documents/1").json()["claims"][0]["values"]["place"]
    assert now["name"] == "Douma" and now["country"] == "SY" and abs(now["lat"] - 33.57) < 0.1


def test_bug_an_incident_version_ahead_of_the_audit_raised(setup: Any) -> None:
    """Found by schemathesis: a decision naming a version no incident had yet (the audit empty)
    failed with IndexError (500) while building the 409's message."""
    w, _, tok = setup
    inc = w.get("/api/incidents").json()["items"][0]["id"]
    r = w.post(f"/api/incidents/{inc}/assess", json={"grade": "denied", "version": 5},
               headers=auth(tok["reviewer"]))
    err(r, 409, "stale")
    assert "no such version" in r.json()["error"]["message"]


def test_pg_translation_casts_substr_arguments() -> None:
    """The workbench reads document text by span with substr(text, start, length); PostgreSQL has
    no substr(text, bigint, bigint), so the dialect layer casts its arguments (outside literals)."""
    from claimweave.store.pg import translate

    got = translate("SELECT substr(d.text, p.span_start + 1, p.span_end - p.span_start), "
                    "SUBSTR(substr(t, 2), length(y), 3) FROM x WHERE a = 'substr(1, 2)' AND b = ?")
    assert got == ("SELECT substr(d.text, (p.span_start + 1)::int, (p.span_end - p.span_start)::int), "
                   "SUBSTR(substr(t, (2)::int), (length(y))::int, (3)::int) FROM x WHERE "
                   "a = 'substr(1, 2)' AND b = %s")
    assert translate("SELECT substr(x, 1") == "SELECT substr(x, 1"
