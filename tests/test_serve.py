"""The workbench (``claimweave serve``): JSON API, pages, error shape, OpenAPI, security."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
import warnings
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from serve_fixtures import DEMO, build_ledger, write_hostile

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from claimweave.serve.app import CSP, create_app
from claimweave.serve.openapi import openapi


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("serve")
    return build_ledger(tmp / "ledger.db", DEMO, write_hostile(tmp / "hostile"))


@pytest.fixture(scope="module")
def client(ledger: Path) -> Iterator[TestClient]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with TestClient(create_app(ledger), raise_server_exceptions=False) as c:
            yield c


ERROR_SCHEMA = openapi()["components"]["schemas"]["Error"]


def assert_error(r: Any, status: int) -> None:
    assert r.status_code == status, (r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/json")
    jsonschema.validate(r.json(), ERROR_SCHEMA)


def hostile_doc(client: TestClient, name: str) -> dict[str, Any]:
    items = client.get("/api/search", params={"q": name}).json()["documents"]
    assert items, name
    return client.get(f"/api/documents/{items[0]['seq']}").json()


# -- API --------------------------------------------------------------------------------------------
def test_incidents_api_and_filters(client: TestClient) -> None:
    all_ = client.get("/api/incidents", params={"limit": 1000}).json()
    assert all_["total"] == len(all_["items"]) > 10
    khan = client.get("/api/incidents", params={"place": "Khan Sheikhoun"}).json()
    assert 0 < khan["total"] < all_["total"]
    dated = client.get("/api/incidents", params={"from": "2017-04-01", "to": "2017-04-30"}).json()
    assert dated["total"] > 0
    for s in dated["items"]:
        assert s["date_start"] <= "2017-04-30" and (s["date_end"] or s["date_start"]) >= "2017-04-01"
    contested = client.get("/api/incidents", params={"grade": "contested"}).json()
    assert contested["total"] > 0 and {s["grade"] for s in contested["items"]} == {"contested"}
    by_count = client.get("/api/incidents", params={"sort": "count", "order": "desc"}).json()["items"]
    counts = [s["count"] for s in by_count if s["count"] is not None]
    assert counts == sorted(counts, reverse=True)
    big = client.get("/api/incidents", params={"min_count": 50}).json()["items"]
    assert big and all(s["count"] >= 50 for s in big)
    text = client.get("/api/incidents", params={"q": "nerve agent"}).json()
    assert text["total"] >= 1
    actor = client.get("/api/incidents", params={"actor": "coalition"}).json()
    assert actor["total"] >= 1
    page = client.get("/api/incidents", params={"limit": 5, "offset": 5}).json()
    assert page["items"] == all_["items"][5:10]


def test_timeline_agrees_with_filter(client: TestClient) -> None:
    for params in ({}, {"place": "Khan Sheikhoun"}, {"grade": "denied"}, {"bucket": "day"},
                   {"bucket": "week"}, {"bucket": "month"}, {"bucket": "year"}):
        total = client.get("/api/incidents", params=params).json()["total"]
        tl = client.get("/api/timeline", params=params).json()
        assert sum(sum(w["counts"].values()) for w in tl["weeks"]) + tl["undated"] == total
        if tl["bucket"] == "week":
            assert all(date.fromisoformat(w["week"]).weekday() == 0 for w in tl["weeks"])
        if tl["bucket"] in ("month", "year"):
            assert all(w["week"].endswith("-01") for w in tl["weeks"])


def test_timeline_axis_is_continuous(client: TestClient) -> None:
    """Every period from the first to the last is there, each one starting the day after the
    last one ended, empty ones included; the page draws the empty ones as grey ticks."""
    for bucket in ("week", "month", "year", "auto"):
        tl = client.get("/api/timeline", params={"bucket": bucket}).json()
        periods = tl["weeks"]
        assert len(periods) >= 2
        for a, b in zip(periods, periods[1:], strict=False):
            assert date.fromisoformat(a["end"]).toordinal() + 1 == date.fromisoformat(b["week"]).toordinal()
        assert any(not p["counts"] for p in periods)  # the demo has gaps between its incidents
        page = client.get("/incidents", params={"bucket": bucket}).text
        empty = int(re.search(r'data-empty="(\d+)"', page).group(1))  # type: ignore[union-attr]
        assert empty == sum(1 for p in periods if not p["counts"]) == page.count('class="gap"')
    # a day bucket over decades is made coarser rather than drawing thousands of bars
    assert client.get("/api/timeline", params={"bucket": "day"}).json()["bucket"] != "day"


def test_timeline_labels_do_not_overlap(client: TestClient) -> None:
    from claimweave.serve.render import FONT_PX

    for bucket in ("week", "month", "year"):
        page = client.get("/incidents", params={"bucket": bucket}).text
        ticks = [(float(x), t) for x, t in re.findall(r'<text class="tick" x="([\d.]+)" y="[\d.]+">([^<]+)</text>', page)]
        assert len(ticks) >= 2
        for (x1, t1), (x2, _) in zip(ticks, ticks[1:], strict=False):
            assert x2 - x1 >= len(t1) * FONT_PX * 0.55, (bucket, t1, x1, x2)


def test_place_search_knows_other_spellings(client: TestClient) -> None:
    """The gazetteer's alternate and Arabic names find the same incidents."""
    raqqa = {s["id"] for s in client.get("/api/incidents", params={"place": "Raqqa"}).json()["items"]}
    assert raqqa
    for spelling in ("al-Raqqah", "Rakka", "الرقة", "Ar Raqqah"):
        got = {s["id"] for s in client.get("/api/incidents", params={"place": spelling}).json()["items"]}
        assert got == raqqa, spelling
    assert not client.get("/api/incidents", params={"place": "Rakkaville"}).json()["items"]


def test_facets_count_and_narrow(client: TestClient) -> None:
    """Each facet value's count is the size of the list filtered to it; facets combine."""
    from claimweave.serve.incidentview import FACETS

    page = client.get("/incidents").text
    for key, _ in FACETS:
        assert f'data-facet="{key}"' in page, key
    links = re.findall(r'<a href="/incidents\?([^"]+)">[^<]+</a> <span class="n">(\d+)</span>', page)
    assert len(links) > 20
    checked = 0
    for query, n in links:
        params = dict(p.split("=", 1) for p in html.unescape(query).split("&"))
        if params.keys() & {"governorate", "side", "month", "outlet", "review", "grade", "at"}:
            got = client.get("/incidents?" + html.unescape(query)).text
            assert re.search(r'id="total">(\d+)<', got).group(1) == n, query  # type: ignore[union-attr]
            checked += 1
    assert checked >= 10
    gov = client.get("/api/incidents", params={"governorate": "Idlib"}).json()
    both = client.get("/api/incidents", params={"governorate": "Idlib", "grade": "contested"}).json()
    assert gov["total"] >= both["total"] >= 1
    assert all(s["governorate"] == "Idlib" and s["grade"] == "contested" for s in both["items"])
    assert client.get("/api/incidents", params={"review": "never"}).status_code == 400
    assert client.get("/api/incidents", params={"month": "2017-4"}).status_code == 400


def test_map_data_groups_incidents_by_place(client: TestClient) -> None:
    params = {"place": "Khan Sheikhoun"}
    items = client.get("/api/incidents", params=params).json()["items"]
    m = client.get("/api/map", params=params).json()
    assert sum(p["n"] for p in m["places"]) == sum(1 for s in items if s["lat"] is not None)
    assert {i["id"] for p in m["places"] for i in p["incidents"]} == {
        s["id"] for s in items if s["lat"] is not None}
    (lat0, lon0), (lat1, lon1) = m["bounds"]
    assert 35 < lat0 <= lat1 < 36 and 36 < lon0 <= lon1 < 37  # fitted to Khan Sheikhoun
    whole = client.get("/api/map").json()
    assert whole["outside"] >= 1  # Washington, Moscow ... are not in the extent to fit
    (lat0, lon0), (lat1, lon1) = whole["bounds"]
    assert lat0 >= 28 and lat1 <= 39 and lon0 >= 32 and lon1 <= 50


def test_governorate_of_a_point() -> None:
    from claimweave.serve.mapdata import admin_at

    assert admin_at(35.95283, 39.00788)[:2] == ("SY", "Ar Raqqah")  # type: ignore[index]
    assert admin_at(36.335, 43.11889)[:2] == ("IQ", "Nineveh")  # type: ignore[index]
    assert admin_at(35.44208, 36.65095)[:2] == ("SY", "Idlib")  # type: ignore[index]
    assert admin_at(38.89511, -77.03637) is None and admin_at(None, None) is None


def test_readable_reasons() -> None:
    from claimweave.serve.render import readable

    text = readable("perpetrator: document d1 names Russia (russia); syrian_arab_army says at most 6",
                    {"d1": "Strike report (Some Outlet)"})
    assert text == ("perpetrator: Strike report (Some Outlet) names Russia (Russia); Syrian Arab Army"
                    " says at most 6")
    assert readable("an unknown_group_id acted") == "an unknown group id acted"


def test_names_a_person_reads(client: TestClient) -> None:
    """Documents by title or file name and outlet, sources by name, actors by name: no hash
    or knowledge-base id in the prose of a page."""
    hashes = re.compile(r"\b[0-9a-f]{16}\b")
    snake = re.compile(r"(?<![\w/#=.@-])[a-z]+(?:_[a-z]+)+(?![\w/=.-])")
    iid = client.get("/api/incidents", params={"grade": "contested"}).json()["items"][0]["id"]
    for url in (f"/incidents/{iid}", "/sources", "/search?q=Douma", "/incidents"):
        text = re.sub(r"<[^>]+>", " ", client.get(url).text)
        text = html.unescape(re.sub(r"\s+", " ", text))
        assert not hashes.findall(text), (url, hashes.findall(text)[:5])
        found = [w for w in snake.findall(text) ]
        assert not found, (url, found[:5])


def test_incident_detail(client: TestClient) -> None:
    contested = client.get("/api/incidents", params={"grade": "contested"}).json()["items"][0]
    d = client.get(f"/api/incidents/{contested['id']}").json()
    assert d["summary"]["id"] == contested["id"]
    assert len(d["claims"]) == d["incident"]["corroboration"]["claims"]
    assert any(c["contradictions"] for c in d["claims"])
    for c in d["claims"]:
        assert c["chain"] and c["document_seq"]


def test_document_api_units_tile(client: TestClient) -> None:
    doc = client.get("/api/documents/1").json()
    assert doc["units"] and doc["claims"]
    for c in doc["claims"]:
        assert doc["text"][c["start"]:c["end"]] == c["text"]


def test_sources_and_search(client: TestClient) -> None:
    rows = client.get("/api/sources").json()["items"]
    assert rows and all({"source", "claims", "incidents", "corroborated", "contradicted"} <= set(r)
                        for r in rows)
    assert any(r["corroborated"] for r in rows) and any(r["contradicted"] for r in rows)
    hits = client.get("/api/search", params={"q": "Khan Sheikhoun"}).json()
    assert hits["documents"] and hits["claims"]
    assert any(p["hit"] for h in hits["claims"] for p in h["snippet"])
    # FTS syntax in user text is only words
    assert client.get("/api/search", params={"q": 'NEAR( " * OR AND -x ^'}).status_code == 200


def test_exports_follow_the_filter(client: TestClient) -> None:
    params = {"place": "Khan Sheikhoun"}
    items = client.get("/api/incidents", params={**params, "limit": 1000}).json()["items"]
    rows = list(csv.DictReader(io.StringIO(client.get("/export/incidents.csv", params=params).text)))
    assert [int(r["id"]) for r in rows] == [s["id"] for s in items]
    lines = client.get("/api/export/incidents.jsonl", params=params).text.splitlines()
    assert [json.loads(x)["id"] for x in lines] == [s["id"] for s in items]
    geo = client.get("/export/incidents.geojson", params=params).json()
    assert len(geo["features"]) == sum(1 for s in items if s["lat"] is not None)


def test_csv_export_defuses_formulas(client: TestClient) -> None:
    text = client.get("/export/incidents.csv").text
    for row in csv.reader(io.StringIO(text)):
        assert not any(cell[:1] in ("=", "+", "@") for cell in row)


# -- one error shape ------------------------------------------------------------------------------
@pytest.mark.parametrize(("method", "url", "status"), [
    ("GET", "/api/incidents/999999", 404),
    ("GET", "/api/incidents/abc", 404),
    ("GET", "/api/incidents/-1", 404),
    ("GET", "/api/incidents/%C2%B2", 404),  # '²'.isdigit() is True; found by hypothesis
    ("GET", "/api/documents/%C2%B2", 404),
    ("GET", "/api/incidents?from=yesterday", 400),
    ("GET", "/api/incidents?grade=terrible", 400),
    ("GET", "/api/incidents?sort=__class__", 400),
    ("GET", "/api/incidents?order=sideways", 400),
    ("GET", "/api/incidents?limit=0", 400),
    ("GET", "/api/incidents?limit=1000000", 400),
    ("GET", "/api/incidents?offset=-4", 400),
    ("GET", "/api/incidents?min_count=many", 400),
    ("GET", "/api/incidents?place=" + "x" * 300, 400),
    ("GET", "/api/timeline?to=2017-02-30", 400),
    ("GET", "/api/timeline?bucket=fortnight", 400),
    ("GET", "/api/documents/does-not-exist", 404),
    ("GET", "/api/search?q=" + "y" * 300, 400),
    ("GET", "/api/export/incidents.xlsx", 404),
    ("GET", "/api/no/such/route", 404),
    ("POST", "/api/incidents", 405),
    ("DELETE", "/api/incidents/1", 405),
    ("PUT", "/api/documents/1", 405),
    ("GET", "/api/incidents?q=" + "z" * 5000, 414),
])
def test_every_api_error_has_one_shape(client: TestClient, method: str, url: str, status: int) -> None:
    assert_error(client.request(method, url), status)


def test_request_body_limit(client: TestClient) -> None:
    assert_error(client.post("/api/incidents", content=b"x" * 100_000), 413)


def test_openapi_document(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"] == "3.1.0"
    app_paths = {r.path for r in client.app.routes if getattr(r, "path", "").startswith("/api/")}  # type: ignore[attr-defined]
    assert app_paths == set(spec["paths"])
    # every $ref resolves and every operation declares the error schema
    text = json.dumps(spec)
    for ref in set(re.findall(r'"\$ref": "#/components/schemas/(\w+)"', text)):
        assert ref in spec["components"]["schemas"]
    for path, ops in spec["paths"].items():
        for op in ops.values():
            assert op["operationId"] and "200" in op["responses"], path
    # responses match what the spec declares
    summary = spec["components"]["schemas"]["IncidentSummary"]
    for s in client.get("/api/incidents").json()["items"]:
        jsonschema.validate(s, summary)


_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(["from", "to", "place", "actor", "grade", "min_count",
                                               "q", "sort", "order", "limit", "offset", "bucket"]),
                              _TEXT,
                              max_size=5),
       path=st.sampled_from(["/api/incidents", "/api/timeline", "/api/search",
                             "/api/export/incidents.csv", "/api/export/incidents.geojson"]))
def test_api_never_fails_on_any_query(client: TestClient, path: str, params: dict[str, str]) -> None:
    r = client.get(path, params=params)
    assert r.status_code in (200, 400), (path, params, r.text[:200])
    if r.status_code != 200:
        jsonschema.validate(r.json(), ERROR_SCHEMA)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seg=_TEXT)
def test_path_params_never_fail(client: TestClient, seg: str) -> None:
    from urllib.parse import quote

    for base in ("/api/incidents/", "/api/documents/"):
        r = client.get(base + quote(seg, safe=""))
        assert r.status_code in (200, 404, 405), (base, seg, r.status_code)
        if r.status_code != 200:
            jsonschema.validate(r.json(), ERROR_SCHEMA)


# -- pages ------------------------------------------------------------------------------------------
PAGES = ["/incidents", "/incidents?place=Khan&from=2017-04-01&to=2017-04-30&sort=count",
         "/incidents/1", "/documents/1", "/sources", "/search?q=killed"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_render_with_strict_headers(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == CSP
    assert "default-src 'self'" in CSP and "unsafe-inline" not in CSP and "unsafe-eval" not in CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    Inert.check(r.text)


def test_root_redirects_and_html_errors(client: TestClient) -> None:
    assert client.get("/", follow_redirects=False).headers["location"] == "/incidents"
    r = client.get("/incidents/424242")
    assert r.status_code == 404 and "Error 404" in r.text
    assert client.get("/incidents?from=nope").status_code == 400


def test_map_and_timeline_agree_with_list(client: TestClient) -> None:
    params = {"place": "Khan Sheikhoun"}
    items = client.get("/api/incidents", params=params).json()["items"]
    page = client.get("/incidents", params=params).text
    marks = re.findall(r'class="mark" data-n="(\d+)"', page)
    assert sum(map(int, marks)) == sum(1 for s in items if s["lat"] is not None)
    rows = re.findall(r'<td data-label="#"><a href="/incidents/(\d+)">', page)
    assert [int(x) for x in rows] == [s["id"] for s in items]
    bars = re.findall(r"<title>(?:day|week of|month|year) [\d-]+: (\d+) ×", page)
    assert sum(map(int, bars)) == sum(1 for s in items if s["date_start"])
    days = re.findall(r"<title>day [\d-]+: (\d+) ×",
                      client.get("/incidents", params={**params, "bucket": "day"}).text)
    assert sum(map(int, days)) == sum(1 for s in items if s["date_start"])


def test_incident_page_claims_side_by_side(client: TestClient) -> None:
    iid = client.get("/api/incidents", params={"grade": "contested"}).json()["items"][0]["id"]
    page = client.get(f"/incidents/{iid}").text
    assert page.count('class="claim-card') >= 2
    assert "claim-card contradicted" in page and 'class="contradiction"' in page
    assert re.search(r'href="/documents/\d+\?claim=c\d+#claim-c\d+"', page)


def test_document_page_highlights_exact_characters(client: TestClient) -> None:
    doc = client.get("/api/documents/1").json()
    claim = doc["claims"][0]
    page = client.get(f"/documents/1?claim={claim['id']}").text
    spans = re.findall(r'<span class="([^"]*\bclaim\b[^"]*)" title="[^"]*">([^<]*)</span>', page)
    focused = "".join(html.unescape(t) for cls, t in spans if "focus" in cls.split())
    assert focused == claim["text"]
    assert f'id="claim-{claim["id"]}"' in page
    if doc["frames"]:
        assert 'class="frame' in page or "frame " in page


# -- hostile documents ------------------------------------------------------------------------------
class Inert(HTMLParser):
    """Fails on anything in a page that could run, load or navigate somewhere we did not write."""

    ALLOWED_TAGS = {"html", "head", "meta", "title", "link", "body", "header", "nav", "a", "form",
                    "input", "main", "footer", "h1", "h2", "span", "div", "section", "p", "dl", "dt",
                    "dd", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "label",
                    "select", "option", "button", "figure", "figcaption", "svg", "rect", "path",
                    "circle", "text", "line", "g", "aside", "article", "blockquote", "mark", "b",
                    "br", "em", "strong", "script"}
    in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in self.ALLOWED_TAGS, tag
        if tag == "script":  # only our own files, never inline code
            assert (dict(attrs).get("src") or "").startswith("/static/"), attrs
            self.in_script = True
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert name not in ("style", "srcdoc", "formaction"), (tag, name)
            if name in ("href", "src", "action", "xlink:href"):
                v = (value or "").strip()
                assert v.startswith(("/", "?", "#")) and not v.startswith("//"), (tag, name, v)
            if tag == "meta":
                assert name != "http-equiv", value

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        assert not (self.in_script and data.strip()), data[:80]

    @classmethod
    def check(cls, page: str) -> None:
        assert "\x1b" not in page
        p = cls()
        p.feed(page)
        p.close()


def test_hostile_documents_render_as_inert_text(client: TestClient) -> None:
    for name in ("Hostile page test", "Strike on Douma", "Long line"):
        doc = hostile_doc(client, name)
        r = client.get(f"/documents/{doc['seq']}")
        assert r.status_code == 200
        Inert.check(r.text)
        assert "&lt;script&gt;" in r.text or "&lt;svg" in r.text or "&lt;img" in r.text
        assert "<script" not in r.text.lower()
    page = hostile_doc(client, "Hostile page test")
    assert page["claims"], "the hostile page's casualty claim is extracted"
    body = client.get(f"/documents/{page['seq']}").text
    assert "\u241b[31mRED" in body  # ANSI escape shown as a visible control picture
    assert "javascript:" not in re.sub(r">[^<]*<", "><", body)  # only ever inside text nodes
    assert "\x1b" in page["claims"][0]["text"]  # the API keeps the text exact
    incident = client.get(f"/incidents/{page['claims'][0]['incident']}")
    Inert.check(incident.text)  # the page shows ESC as a visible symbol
    assert "\u241b[2J" in incident.text
    wire = hostile_doc(client, "Strike on Douma")
    assert wire["url"].startswith("javascript:")
    assert 'href="javascript' not in client.get(f"/documents/{wire['seq']}").text


def test_hostile_strings_escaped_everywhere(client: TestClient) -> None:
    for url in ("/sources", "/search?q=script", "/search?q=Douma", "/incidents?q=Douma",
                "/incidents?place=%3Cscript%3E", "/incidents?actor=%22%3E%3Cimg+src=x+onerror=alert(1)%3E"):
        r = client.get(url)
        assert r.status_code == 200, url
        Inert.check(r.text)


def test_path_traversal_is_refused(client: TestClient) -> None:
    for url in ("/static/../app.py", "/static/..%2fapp.py", "/static/%2e%2e/%2e%2e/cli.py",
                "/static/....//app.py", "/documents/..%2f..%2fetc%2fpasswd",
                "/api/documents/..%2F..%2Fetc%2Fpasswd", "/static//etc/passwd"):
        r = client.get(url)
        assert r.status_code == 404, url
        assert "root:" not in r.text and "import" not in r.text


def test_server_never_writes(ledger: Path, client: TestClient) -> None:
    before = hashlib.sha256(ledger.read_bytes()).hexdigest()
    for url in PAGES + ["/api/incidents", "/api/sources", "/export/incidents.csv"]:
        client.get(url)
    assert hashlib.sha256(ledger.read_bytes()).hexdigest() == before
    from claimweave.serve.queries import connect

    conn = connect(ledger)
    with pytest.raises(Exception, match="readonly|read-only|query_only|attempt to write"):
        conn.execute("DELETE FROM documents")
    conn.close()


def test_not_a_ledger_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "x.db"
    bad.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(ValueError):
        create_app(bad)
    with pytest.raises(ValueError):
        create_app(tmp_path / "missing.db")


def test_cli_refuses_a_file_that_is_not_a_ledger(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from claimweave.cli import main

    bad = tmp_path / "notes.txt"
    bad.write_text("hello", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--db", str(bad), "--port", "0"])
    assert result.exit_code == 2 and "E004" in result.output


def test_governorate_outlines() -> None:
    """Fourteen Syrian and nineteen Iraqi governorates, each holding its own capital."""
    from claimweave.serve.mapdata import _contains, governorates

    feats = {(f["properties"]["country"], f["properties"]["name"]): f for f in governorates()["features"]}
    assert sum(1 for cc, _ in feats if cc == "SY") == 14
    assert sum(1 for cc, _ in feats if cc == "IQ") == 19
    for key, (lon, lat) in {("SY", "Ar Raqqah"): (39.008, 35.953), ("SY", "Idlib"): (36.634, 35.931),
                            ("SY", "Deir ez-Zor"): (40.141, 35.336), ("IQ", "Nineveh"): (43.119, 36.335),
                            ("IQ", "Al-Basrah"): (47.783, 30.508), ("SY", "Aleppo"): (37.161, 36.201)}.items():
        polys = feats[key]["geometry"]["coordinates"]
        inside = [p for p in polys if _contains([tuple(pt) for pt in p[0]], lon, lat)
                  and not any(_contains([tuple(pt) for pt in h], lon, lat) for h in p[1:])]
        assert inside, key
