"""Issue 15 in a real browser (Debian's chromium through Playwright, as tests/test_serve_browser.py):
a reviewer rejects a claim, merges two incidents and reads the audit; a viewer cannot write; a form
without its CSRF token is refused; the session cookie is HttpOnly and SameSite=Strict and out of
the page's reach; the hostile pages stay inert in write mode, signed in, with the forms on them.

Each test gets its own copy of one ledger (demo corpus and hostile documents) and its own
``--write`` server."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from serve_fixtures import DEMO, build_ledger, write_hostile
from test_serve_browser import Watch, _start, browser, page, shots  # noqa: F401 - fixtures


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("review-browser")
    return build_ledger(tmp / "ledger.db", DEMO, write_hostile(tmp / "hostile", long_line=False))


@pytest.fixture()
def server(built: Path, tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """A --write server over a fresh copy; (base URL, tokens of dana the reviewer and vic the
    viewer)."""
    from claimweave.serve.app import create_app
    from claimweave.store import Ledger
    from claimweave.store.review import add_user

    db = tmp_path / "ledger.db"
    shutil.copy(built, db)
    with Ledger.open(db) as ledger:
        tokens = {"reviewer": add_user(ledger.connection, "dana", "reviewer")[1],
                  "viewer": add_user(ledger.connection, "vic", "viewer")[1]}
    url, srv, thread = _start(create_app(db, write=True))
    yield url, tokens
    srv.should_exit = True
    thread.join(10)


def sign_in(tab: Any, base: str, token: str) -> None:
    tab.goto(f"{base}/login")
    tab.fill("input[name=token]", token)
    tab.click("form.login button[type=submit]")
    tab.wait_for_url(re.compile(r"/incidents$"))


def api(tab: Any, url: str) -> Any:
    r = tab.request.get(url)
    assert r.ok, (url, r.status)
    return json.loads(r.text())


def test_reviewer_rejects_a_claim(page: Any, server: tuple[str, dict[str, str]], shots: Path) -> None:  # noqa: F811
    base, tok = server
    w = Watch(page)
    sign_in(page, base, tok["reviewer"])
    claim = api(page, f"{base}/api/documents/1")["claims"][1]
    cid = claim["id"]
    page.goto(f"{base}/documents/1?claim={cid}")
    form = page.locator("ol.side-claims li.focus form.review-form")
    form.locator("textarea[name=note]").fill("a headline restating the lede, not a second claim")
    form.locator("button[value=reject]").click()
    page.wait_for_url(re.compile(rf"/documents/1\?claim={cid}"))
    status = page.locator("ol.side-claims li.focus .review-rejected")
    assert "rejected by dana" in status.inner_text()
    assert "not a second claim" in status.inner_text()
    page.screenshot(path=str(shots / "21-rejected.png"), full_page=True)
    got = api(page, f"{base}/api/documents/1")["claims"][1]
    assert got["review"]["status"] == "rejected" and got["review"]["by"] == "dana"
    if got["incident"]:  # the incident no longer counts it
        rec = api(page, f"{base}/api/incidents/{got['incident']}")["incident"]
        assert any(r["claim"] == cid for r in rec["rejected"])
    assert page.evaluate("window.__canary") == "untouched"
    w.assert_clean()


def test_reviewer_merges_two_incidents_and_reads_the_audit(page: Any, server: tuple[str, dict[str, str]],  # noqa: F811
                                                          shots: Path) -> None:  # noqa: F811
    base, tok = server
    w = Watch(page)
    sign_in(page, base, tok["reviewer"])
    items = api(page, f"{base}/api/incidents?sort=claims&order=asc&limit=1000")["items"]
    small, big = items[0], items[-1]
    page.goto(f"{base}/incidents/{small['id']}")
    form = page.locator("form.merge-form")
    form.locator("input[name=into]").fill(str(big["id"]))
    form.locator("textarea[name=note]").fill("same strike, <i>two</i> reports")
    page.screenshot(path=str(shots / "22-merge-form.png"), full_page=True)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/incidents/{big['id']}$"))
    assert page.locator(".claim-card").count() == big["claims"] + small["claims"]
    gone = page.request.get(f"{base}/api/incidents/{small['id']}")
    assert gone.status == 404
    page.screenshot(path=str(shots / "23-merged.png"), full_page=True)

    page.click("#incident-history")
    page.wait_for_url(re.compile(rf"/incidents/{big['id']}/audit$"))
    row = page.locator("#incident-audit tr.audit-row").first.inner_text()
    assert "dana" in row and "received a merge" in row and f"from incident {small['id']}" in row
    assert "same strike, <i>two</i> reports" in row  # the note, as text
    assert page.locator("#incident-audit i").count() == 0
    page.screenshot(path=str(shots / "24-incident-history.png"), full_page=True)
    page.goto(f"{base}/incidents/{small['id']}/audit")  # the merged-away incident keeps its history
    assert "merged away" in page.locator("#incident-audit").inner_text()
    assert page.evaluate("window.__canary") == "untouched"
    w.assert_clean()


def test_viewer_cannot_write(page: Any, server: tuple[str, dict[str, str]]) -> None:  # noqa: F811
    base, tok = server
    w = Watch(page)
    sign_in(page, base, tok["viewer"])
    assert page.locator("header .me").inner_text() == "vic (viewer)"
    page.goto(f"{base}/documents/1?claim=c1")
    assert page.locator("form.review-form").count() == 0
    inc = api(page, f"{base}/api/incidents")["items"][0]["id"]
    page.goto(f"{base}/incidents/{inc}")
    assert page.locator("form.assess-form, form.merge-form, form.split-form, form.note-form").count() == 0
    page.goto(f"{base}/review/incidents")
    assert page.locator("input[name=incidents]").count() == 0
    assert "cannot decide" in page.locator("main").inner_text()
    # the viewer's own session and CSRF token, posted by hand: still refused
    csrf = page.locator("form.logout input[name=csrf]").get_attribute("value")
    r = page.request.post(f"{base}/documents/1/claims/c1/review",
                          form={"csrf": csrf, "action": "reject", "version": "0"})
    assert r.status == 403
    r = page.request.post(f"{base}/incidents/{inc}/assess",
                          form={"csrf": csrf, "grade": "denied", "version": "0"})
    assert r.status == 403
    assert api(page, f"{base}/api/documents/1")["claims"][0]["review"]["status"] == "machine"
    w.assert_clean()


def test_form_without_csrf_token_is_refused(page: Any, server: tuple[str, dict[str, str]]) -> None:  # noqa: F811
    base, tok = server
    sign_in(page, base, tok["reviewer"])
    page.goto(f"{base}/documents/1?claim=c1")
    form = page.locator("form.review-form")
    form.locator("input[name=victims_min]").fill("1")
    form.evaluate("f => f.querySelector('input[name=csrf]').remove()")  # as a forged page would post
    form.locator("button[value=correct]").click()
    page.wait_for_load_state()
    assert "CSRF" in page.locator("main").inner_text()
    assert api(page, f"{base}/api/documents/1")["claims"][0]["review"]["status"] == "machine"
    # a wrong token is refused the same way
    page.goto(f"{base}/documents/1?claim=c1")
    page.locator("form.review-form").evaluate(
        "f => { f.querySelector('input[name=csrf]').value = 'forged'; }")
    page.locator("form.review-form button[value=confirm]").click()
    page.wait_for_load_state()
    assert "CSRF" in page.locator("main").inner_text()
    assert api(page, f"{base}/api/documents/1")["claims"][0]["review"]["status"] == "machine"


def test_session_cookie_is_httponly_and_strict(page: Any, server: tuple[str, dict[str, str]]) -> None:  # noqa: F811
    base, tok = server
    sign_in(page, base, tok["reviewer"])
    cookie = next(c for c in page.context.cookies() if c["name"] == "cw_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    assert "cw_session" not in page.evaluate("document.cookie")  # out of any script's reach
    assert len(cookie["value"]) >= 40  # 32 random bytes, base64


def test_hostile_pages_stay_inert_in_write_mode(page: Any, server: tuple[str, dict[str, str]],  # noqa: F811
                                                shots: Path) -> None:  # noqa: F811
    """The hostile-page suite, signed in on a --write server with the forms on the page; and a
    reviewer's hostile note and correction are shown as text."""
    base, tok = server
    w = Watch(page)
    sign_in(page, base, tok["reviewer"])
    page.goto(f"{base}/search?q=Hostile+page+test")
    page.locator("#doc-hits a").first.click()
    page.wait_for_url(re.compile(r"/documents/\d+"))
    doc_url = page.url.split("?")[0]
    claim = page.locator(".document .claim").first
    assert claim.count() == 1
    cid = api(page, doc_url.replace("/documents/", "/api/documents/"))["claims"][0]["id"]
    page.goto(f"{doc_url}?claim={cid}")
    page.wait_for_load_state("networkidle")
    text = page.locator("#document").inner_text()
    assert "<script>" in text and "onerror" in text
    assert page.locator("#document script, #document img, #document iframe, #document a").count() == 0
    form = page.locator("form.review-form")
    hostile = "<img src=x onerror=\"window.__pwned='review'\"><script>window.__pwned=1</script>"
    form.locator("input[name=actor]").fill(hostile)
    form.locator("textarea[name=note]").fill(hostile)
    form.locator("button[value=correct]").click()
    page.wait_for_load_state("networkidle")
    mine = page.locator("ol.side-claims li.focus")
    assert hostile in mine.inner_text()
    assert page.locator("main img, main script:not([src])").count() == 0
    for el in page.locator("#document span[title]").all()[:30]:
        el.hover()
    page.screenshot(path=str(shots / "25-hostile-write.png"), full_page=True)
    mine.locator("a.history").click()
    page.wait_for_url(re.compile(r"/audit$"))
    assert hostile in page.locator("#claim-audit").inner_text()
    inc = api(page, doc_url.replace("/documents/", "/api/documents/"))["claims"][0]["incident"]
    if inc:
        page.goto(f"{base}/incidents/{inc}")
        assert page.locator("form.assess-form").count() == 1
        assert hostile in page.locator("#claims").inner_text() or hostile in page.locator("main").inner_text()
    page.goto(f"{base}/review/incidents")
    assert page.locator("input[name=incidents]").count() > 0
    assert page.evaluate("window.__canary") == "untouched"
    assert page.evaluate("typeof window.__pwned") == "undefined"
    w.assert_clean()


def test_reviewer_confirms_incidents_in_bulk(page: Any, server: tuple[str, dict[str, str]], shots: Path) -> None:  # noqa: F811
    base, tok = server
    w = Watch(page)
    sign_in(page, base, tok["reviewer"])
    page.click("#nav-review")
    page.wait_for_url(re.compile(r"/review/incidents$"))
    boxes = page.locator("#review-incidents input[name=incidents]")
    assert boxes.count() > 2
    ids = [int(boxes.nth(i).get_attribute("value")) for i in range(2)]
    for i in range(2):
        boxes.nth(i).check()
    page.fill("form.bulk-form textarea[name=note]", "both checked against the hospital lists")
    page.screenshot(path=str(shots / "26-bulk-review.png"), full_page=True)
    page.click("form.bulk-form button[value=confirm]")
    page.wait_for_url(re.compile(r"/review/incidents\?decided=\d+"))
    assert re.search(r"\d+ claims decided, 0 already so", page.locator("#bulk-done").inner_text())
    for i in ids:
        claims = api(page, f"{base}/api/incidents/{i}")["claims"]
        assert {c["review"]["status"] for c in claims} == {"confirmed"}
        assert {c["review"]["note"] for c in claims} == {"both checked against the hospital lists"}
    page.screenshot(path=str(shots / "27-bulk-done.png"), full_page=True)
    w.assert_clean()
