"""The workbench's display in Debian's chromium at a laptop's and a phone's size (issue 16):
no page scrolls sideways, the map zooms to a filter and a cluster lists its incidents, facets
narrow the list, the timeline shows its empty periods, the page without scripts still has its
drawn map, the print stylesheet hides the controls. Screenshots go where test_serve_browser
puts them ($CLAIMWEAVE_ARTIFACTS/screenshots, else a temporary folder, printed)."""

# ruff: noqa: F811 (the fixtures imported from test_serve_browser are parameters here)
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from test_serve_browser import (  # noqa: F401 - fixtures
    Watch,
    base_url,
    browser,
    page,
    shots,
    write_server,
)

SIZES = {"laptop": (1280, 800), "phone": (390, 844)}


@pytest.fixture(params=list(SIZES))
def sized(request: pytest.FixtureRequest, browser: Any) -> Iterator[tuple[str, Any]]:
    w, h = SIZES[request.param]
    ctx = browser.new_context(viewport={"width": w, "height": h}, java_script_enabled=True)
    pg = ctx.new_page()
    yield request.param, pg
    ctx.close()


def _overflow(page: Any) -> tuple[int, int]:
    return tuple(page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]"))  # type: ignore[return-value]


def _pages(base: str, page: Any) -> list[str]:
    """One page of each kind, found through the API (no ids assumed)."""
    page.goto(f"{base}/api/incidents?grade=contested")
    iid = json.loads(page.locator("body").inner_text())["items"][0]["id"]
    page.goto(f"{base}/api/search?q=nerve+agent")
    doc = json.loads(page.locator("body").inner_text())["documents"][0]["seq"]
    return ["/incidents", "/incidents?place=Rakka", f"/incidents/{iid}", f"/incidents/{iid}/audit",
            f"/documents/{doc}", "/documents/1?claim=c1", "/sources", "/search?q=Douma",
            "/incidents/999999"]


def test_no_page_scrolls_sideways(sized: tuple[str, Any], base_url: str, shots: Path) -> None:
    name, page = sized
    w = Watch(page)
    for i, url in enumerate(_pages(base_url, page)):
        page.goto(base_url + url)
        page.wait_for_load_state("networkidle")
        if url.startswith("/incidents?") or url == "/incidents":
            page.wait_for_selector("#lmap[data-ready]")
        scroll, inner = _overflow(page)
        assert scroll <= inner, (name, url, scroll, inner)
        page.screenshot(path=str(shots / f"w{i:02d}-{name}-{re.sub(r'[^a-z0-9]+', '-', url.lower())[:40]}.png"),
                        full_page=True)
    assert not w.errors and not w.dialogs, (w.errors, w.dialogs)
    # the 404 page's console message is the browser's own report of the status
    assert all("404" in c for c in w.console), w.console


def test_write_mode_pages_fit_a_phone(browser: Any, write_server: tuple[str, str], shots: Path) -> None:
    """The sign-in page and a document page with its review form open, at both sizes."""
    base, token = write_server
    for name, (w, h) in SIZES.items():
        ctx = browser.new_context(viewport={"width": w, "height": h})
        pg = ctx.new_page()
        pg.goto(f"{base}/login")
        scroll, inner = _overflow(pg)
        assert scroll <= inner, (name, "/login", scroll, inner)
        pg.fill("input[name=token]", token)
        pg.click("form.login button[type=submit]")
        pg.wait_for_url(re.compile(r"/incidents$"))
        for url in ("/documents/1?claim=c1", "/incidents", "/incidents/1"):
            pg.goto(base + url)
            pg.wait_for_load_state("networkidle")
            scroll, inner = _overflow(pg)
            assert scroll <= inner, (name, url, scroll, inner)
        pg.goto(f"{base}/documents/1?claim=c1")
        assert pg.locator("form.review-form").is_visible()
        pg.screenshot(path=str(shots / f"r1-{name}-review-form.png"), full_page=True)
        ctx.close()


def test_document_is_readable_on_a_phone(browser: Any, base_url: str) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    page.goto(f"{base_url}/documents/1")
    box = page.locator("#document").bounding_box()
    assert box["width"] >= 330  # the text column uses the screen, not a 60 px strip
    size = page.locator(".unit-text").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 15
    ctx.close()


def test_map_zooms_to_a_filter_and_a_cluster_lists_its_incidents(
        sized: tuple[str, Any], base_url: str, shots: Path) -> None:
    name, page = sized
    w = Watch(page)
    page.goto(f"{base_url}/incidents")
    page.wait_for_selector("#lmap[data-ready]")
    assert not page.locator("svg.map").is_visible()  # the drawn map gives way to the live one
    whole = float(page.locator("#lmap").get_attribute("data-zoom"))
    assert page.locator("#lmap .leaflet-interactive").count() > 10  # outlines and governorates

    # a cluster (zoomed out until places merge) lists the incidents of all its places
    page.evaluate("document.querySelector('#lmap').scrollIntoView()")
    for _ in range(4):
        if page.locator("#lmap .cw-cluster").count():
            break
        page.locator("#lmap .leaflet-control-zoom-out").click()
        page.wait_for_timeout(400)
    counts = {int(t) for t in page.locator("#lmap .cw-cluster").all_inner_texts()}
    page.locator("#lmap .cw-cluster").first.click()
    page.wait_for_selector("#map-list li")
    head = page.locator("#map-list .map-list-head").inner_text()
    got = re.search(r"(\d+) places?\s*: (\d+) incidents", head)
    assert got and int(got.group(1)) >= 2 and int(got.group(2)) in counts, (head, counts)
    listed = page.locator("#map-list a[href^='/incidents/']").count()
    assert listed == int(got.group(2))  # every incident of the cluster's places, each linked
    page.screenshot(path=str(shots / f"m1-{name}-cluster.png"), full_page=False)

    # a filter to one town: the map fits it, closer than the whole ledger's extent
    page.goto(f"{base_url}/incidents?place=Khan+Sheikhoun")
    page.wait_for_selector("#lmap[data-ready]")
    zoom = float(page.locator("#lmap").get_attribute("data-zoom"))
    assert zoom > whole, (zoom, whole)
    centre = page.evaluate("(() => { const r = document.querySelector('#lmap').getBoundingClientRect();"
                           " return [r.left + r.width / 2, r.top + r.height / 2]; })()")
    mark = page.locator("#lmap .cw-place").first.bounding_box()
    assert abs(mark["x"] + mark["width"] / 2 - centre[0]) < 60  # the place sits in the middle
    page.locator("#lmap .cw-place").first.click()
    names = page.locator("#map-list .map-list-head").inner_text()
    assert "Khān Shaykhūn" in names or "Khan" in names
    page.screenshot(path=str(shots / f"m2-{name}-town.png"), full_page=False)
    w.assert_clean()


def test_facets_narrow_the_list(sized: tuple[str, Any], base_url: str, shots: Path) -> None:
    name, page = sized
    w = Watch(page)
    page.goto(f"{base_url}/incidents")
    total = int(page.locator("#total").inner_text())
    link = page.locator("[data-facet=governorate] li a").first
    n = int(link.locator("xpath=following-sibling::span[@class='n']").inner_text())
    link.click()
    page.wait_for_url(re.compile(r"governorate="))
    assert int(page.locator("#total").inner_text()) == n < total
    grade = page.locator("[data-facet=grade] li a").first
    m = int(grade.locator("xpath=following-sibling::span[@class='n']").inner_text())
    grade.click()
    page.wait_for_url(re.compile(r"governorate=.*grade=|grade=.*governorate="))
    assert int(page.locator("#total").inner_text()) == m <= n
    assert page.locator("#incidents tbody tr").count() == m
    assert page.locator("#active-filters li").count() == 2
    page.screenshot(path=str(shots / f"f1-{name}-facets.png"), full_page=True)
    page.locator("#active-filters li:has-text('governorate') a").click()  # grade stays
    page.wait_for_url(lambda u: "governorate=" not in u)
    assert "grade=" in page.url and int(page.locator("#total").inner_text()) >= m
    w.assert_clean()


def test_timeline_shows_empty_periods(page: Any, base_url: str, shots: Path) -> None:
    w = Watch(page)
    for bucket in ("week", "month", "auto"):
        page.goto(f"{base_url}/incidents?bucket={bucket}")
        svg = page.locator("svg.timeline")
        periods, empty = int(svg.get_attribute("data-periods")), int(svg.get_attribute("data-empty"))
        assert empty > 0 and page.locator("svg.timeline .gap").count() == empty
        assert page.locator("svg.timeline .bar").count() == periods - empty
        boxes = [page.locator("svg.timeline text.tick:not(.count-tick)").nth(i).bounding_box()
                 for i in range(page.locator("svg.timeline text.tick:not(.count-tick)").count())]
        for a, b in zip(boxes, boxes[1:], strict=False):
            assert a["x"] + a["width"] <= b["x"], (bucket, a, b)  # labels never overlap
    page.goto(f"{base_url}/incidents?bucket=week")
    page.screenshot(path=str(shots / "t1-timeline-weeks.png"), full_page=False)
    page.locator("svg.timeline a.bar").first.click()
    page.wait_for_url(re.compile(r"from=\d{4}-\d\d-\d\d&to=|to=.*from="))
    assert int(page.locator("#total").inner_text()) >= 1
    w.assert_clean()


def test_without_scripts_the_drawn_map_shows(browser: Any, base_url: str, shots: Path) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, java_script_enabled=False)
    page = ctx.new_page()
    page.goto(f"{base_url}/incidents")
    assert page.locator("svg.map").is_visible()
    assert not page.locator("#lmap").is_visible()
    assert page.locator("svg.map .mark").count() > 0 and page.locator("svg.map .place-label").count() > 0
    page.screenshot(path=str(shots / "n1-no-scripts.png"), full_page=False)
    ctx.close()


def test_incident_prints_without_controls(browser: Any, base_url: str, shots: Path) -> None:
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    page.goto(f"{base_url}/incidents/1")
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    assert not page.locator("footer").is_visible()
    assert page.locator(".claim-card").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(shots / "p1-incident-print.png"), full_page=True)
    ctx.close()


def test_render_time_of_the_incidents_page(page: Any, base_url: str) -> None:
    """The browser's own timing of the incidents page (printed; a loose bound only)."""
    page.goto(f"{base_url}/incidents")
    page.wait_for_selector("#lmap[data-ready]")
    t = page.evaluate("(() => { const n = performance.getEntriesByType('navigation')[0];"
                      " return [n.responseEnd, n.domContentLoadedEventEnd, n.loadEventEnd]; })()")
    print(f"incidents page: response {t[0]:.0f} ms, DOMContentLoaded {t[1]:.0f} ms, load {t[2]:.0f} ms")
    assert t[2] < 10_000
