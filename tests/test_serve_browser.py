"""The workbench in a real browser: Debian's chromium driven by Playwright (no bundled browser).

Screenshots go to $CLAIMWEAVE_ARTIFACTS/screenshots when that is set, else to pytest's tmp dir
(the path is printed). Skips, saying why, when chromium or playwright is missing.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from serve_fixtures import DEMO, build_ledger, write_hostile

CHROMIUM = os.environ.get("CLAIMWEAVE_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (scripts/test.sh installs Debian's chromium with "
                "apt-get when it runs as root with network)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:

    from claimweave.serve.app import create_app

    tmp = tmp_path_factory.mktemp("browser")
    db = build_ledger(tmp / "ledger.db", DEMO, write_hostile(tmp / "hostile", long_line=False))
    url, server, thread = _start(create_app(db))
    yield url
    server.should_exit = True
    thread.join(10)


def _start(app: Any) -> tuple[str, Any, threading.Thread]:
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server, thread


@pytest.fixture(scope="module")
def write_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A --write server over its own ledger; (base URL, a reviewer's token)."""
    from claimweave.serve.app import create_app
    from claimweave.store import Ledger
    from claimweave.store.review import add_user

    tmp = tmp_path_factory.mktemp("browser-write")
    db = build_ledger(tmp / "ledger.db", DEMO)
    with Ledger.open(db) as ledger:
        token = add_user(ledger.connection, "dana", "reviewer")[1]
    url, server, thread = _start(create_app(db, write=True))
    yield url, token
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = os.environ.get("CLAIMWEAVE_ARTIFACTS")
    out = Path(root) / "screenshots" if root else tmp_path_factory.mktemp("screenshots")
    out.mkdir(parents=True, exist_ok=True)
    print(f"screenshots in {out}")
    return out


class Watch:
    """Console messages, page errors, dialogs and every request the page makes."""

    def __init__(self, page: Any) -> None:
        self.console: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)

    def assert_clean(self) -> None:
        assert not self.console, self.console  # CSP violations are reported on the console too
        assert not self.errors and not self.dialogs, (self.errors, self.dialogs)
        foreign = [u for u in self.requests
                   if urlsplit(u).scheme not in ("data", "about")
                   and urlsplit(u).hostname not in ("127.0.0.1", "localhost")]
        assert not foreign, foreign


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, java_script_enabled=True)
    # a canary a hostile script would change
    ctx.add_init_script("window.__canary = 'untouched';")
    pg = ctx.new_page()
    yield pg
    ctx.close()


def test_analyst_walkthrough(page: Any, base_url: str, shots: Path) -> None:
    w = Watch(page)
    page.goto(f"{base_url}/incidents")
    total = int(page.locator("#total").inner_text())
    assert total > 10
    assert page.locator("svg.map .mark").count() > 0
    assert page.locator("svg.timeline .bar").count() > 0
    page.screenshot(path=str(shots / "01-incidents.png"), full_page=True)

    # filter by place and date range
    page.fill("input[name=place]", "Khan Sheikhoun")
    page.fill("input[name=from]", "2017-04-01")
    page.fill("input[name=to]", "2017-04-30")
    page.click("#apply")
    page.wait_for_url(re.compile(r"place=Khan"))
    filtered = int(page.locator("#total").inner_text())
    assert 0 < filtered < total
    rows = page.locator("#incidents tbody tr")
    assert rows.count() == filtered
    marks = page.locator("svg.map .mark").count()  # the drawn map, there for a page without scripts
    assert 0 < marks <= filtered
    page.wait_for_selector("#lmap[data-ready]")
    page.screenshot(path=str(shots / "02-filtered.png"), full_page=True)

    # sort by count, then open an incident from the map: a place lists its incidents
    page.click("#incidents th a:has-text('Killed')")
    page.wait_for_url(re.compile(r"sort=count"))
    page.wait_for_selector("#lmap[data-ready]")
    page.locator("#lmap .cw-place, #lmap .cw-cluster").first.click()
    page.locator("#map-list a[href^='/incidents/']").first.click()
    page.wait_for_url(re.compile(r"/incidents/\d+$"))
    assert page.locator(".claim-card").count() >= 1
    page.screenshot(path=str(shots / "03-incident.png"), full_page=True)

    # open a claim's evidence: the exact span is highlighted in the document
    page.locator("a.evidence").first.click()
    page.wait_for_url(re.compile(r"/documents/\d+\?claim="))
    focus = page.locator(".document .claim.focus")
    assert focus.count() >= 1 and focus.first.is_visible()
    bg = focus.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(shots / "04-document.png"), full_page=True)

    # search, with highlighted hits
    page.fill("header input[name=q]", "nerve agent")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    assert page.locator("#claim-hits mark").count() > 0
    page.screenshot(path=str(shots / "05-search.png"), full_page=True)

    page.goto(f"{base_url}/sources")
    assert page.locator("#sources tbody tr").count() > 0
    page.screenshot(path=str(shots / "06-sources.png"), full_page=True)
    assert page.evaluate("window.__canary") == "untouched"
    w.assert_clean()


def test_hostile_document_stays_inert(page: Any, base_url: str, shots: Path) -> None:
    w = Watch(page)
    page.goto(f"{base_url}/search?q=Hostile+page+test")
    page.locator("#doc-hits a").first.click()
    page.wait_for_url(re.compile(r"/documents/\d+"))
    page.wait_for_load_state("networkidle")
    text = page.locator("#document").inner_text()
    assert "<script>" in text and "onerror" in text and "javascript:" in text  # shown, as text
    assert page.locator("#document script, #document img, #document iframe, #document a").count() == 0
    assert page.locator(".document .claim").count() >= 1
    # hover and click everything in the document: nothing runs, nothing navigates away
    for el in page.locator("#document span[title]").all()[:50]:
        el.hover()
    page.locator("#document").click()
    assert page.evaluate("window.__canary") == "untouched"
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.screenshot(path=str(shots / "07-hostile-document.png"), full_page=True)

    page.goto(f"{base_url}/search?q=Strike+Douma")
    page.locator("#doc-hits a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert "javascript:" in page.locator(".url").inner_text()
    page.screenshot(path=str(shots / "08-hostile-wire.png"), full_page=True)
    w.assert_clean()


def test_reviewer_corrects_a_count(page: Any, write_server: tuple[str, str], shots: Path) -> None:
    """Issue 15 in chromium: a reviewer signs in with a token, corrects a claim's count on the
    document page, sees the corrected value and reads it in the claim's history."""
    base, token = write_server
    w = Watch(page)
    page.goto(f"{base}/login")
    page.fill("input[name=token]", token)
    page.click("form.login button[type=submit]")
    page.wait_for_url(re.compile(r"/incidents$"))
    assert page.locator("header .me").inner_text() == "dana (reviewer)"
    cookie = next(c for c in page.context.cookies() if c["name"] == "cw_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"

    page.goto(f"{base}/documents/1?claim=c1")
    form = page.locator("form.review-form")
    assert form.is_visible() and page.locator(".document .claim.focus").count() >= 1
    before = page.locator("ol.side-claims li.focus").inner_text()
    assert "70-74" not in before
    form.locator("input[name=victims_min]").fill("70")
    form.locator("input[name=victims_max]").fill("74")
    form.locator("textarea[name=note]").fill("hospital list <b>checked</b>")
    page.screenshot(path=str(shots / "09-review-form.png"), full_page=True)
    form.locator("button[value=correct]").click()
    page.wait_for_url(re.compile(r"/documents/1\?claim=c1"))
    mine = page.locator("ol.side-claims li.focus")
    assert "70-74" in mine.inner_text()
    status = mine.locator(".review-corrected")
    assert "corrected by dana" in status.inner_text()
    assert "hospital list <b>checked</b>" in status.inner_text()  # the note, as text
    page.screenshot(path=str(shots / "10-corrected.png"), full_page=True)

    mine.locator("a.history").click()
    page.wait_for_url(re.compile(r"/documents/1/claims/c1/audit$"))
    rows = page.locator("#claim-audit tr.audit-row")
    assert rows.count() == 1
    row = rows.first.inner_text()
    assert "dana" in row and "corrected" in row and "70-74" in row
    assert "status: machine → corrected" in row and "hospital list <b>checked</b>" in row
    page.screenshot(path=str(shots / "11-claim-history.png"), full_page=True)
    assert page.evaluate("window.__canary") == "untouched"
    w.assert_clean()
