"""Incidents in ACLED's and UCDP GED's shapes (issue 16), and the claims CSV's new columns.

The rules are checked on hand-made values; the commands on the demo corpus, read back with the
csv module (types, precisions, and that nothing is filled that the ledger does not know)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimweave.cli import main
from claimweave.store.fieldformats import (
    ACLED_FIELDS,
    UCDP_FIELDS,
    acled_date,
    actors,
    admin_of,
    counts,
    event_type,
    priogrid_gid,
    ucdp_date,
)

REPO = Path(__file__).resolve().parent.parent


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


# -- rules ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("date", "acled", "ucdp"), [
    ({"start": "2017-03-17", "end": "2017-03-17", "precision": "day"},
     ("2017-03-17", 2017, 1), ("2017-03-17", "2017-03-17", 1)),
    ({"start": "2017-03-17", "end": "2017-03-19", "precision": "day"},
     ("2017-03-18", 2017, 2), ("2017-03-17", "2017-03-19", 2)),
    ({"start": "2017-03-13", "end": "2017-03-19", "precision": "week"},
     ("2017-03-16", 2017, 2), ("2017-03-13", "2017-03-19", 3)),
    ({"start": "2017-03-01", "end": "2017-03-31", "precision": "month"},
     ("2017-03-16", 2017, 3), ("2017-03-01", "2017-03-31", 4)),
    ({"start": "2017-01-01", "end": "2017-12-31", "precision": "year"},
     (None, 2017, None), ("2017-01-01", "2017-12-31", 5)),
    # only the publication date is known: no event date at all
    ({"start": "2017-03-20", "end": "2017-03-21", "precision": "reported"},
     (None, None, None), (None, None, None)),
    ({"start": None, "end": None, "precision": None}, (None, None, None), (None, None, None)),
])
def test_dates_and_their_precision(date: dict, acled: tuple, ucdp: tuple) -> None:
    assert acled_date(date) == acled
    assert ucdp_date(date) == ucdp


def test_a_monitor_or_outlet_named_as_target_is_no_actor2() -> None:
    rec = {"actors": [{"name": "Syrian Air Force", "actor_id": "syrian_air_force", "side":
                       "syrian_government", "status": "known"}]}
    claims = [{"target": "Syrian Observatory for Human Rights", "target_actor_id": "sohr"},
              {"target": "Syrian Observatory for Human Rights", "target_actor_id": "sohr"},
              {"target": "Reuters", "target_actor_id": "reuters"},
              {"target": "White Helmets", "target_actor_id": "white_helmets"}]
    assert actors(rec, claims, True, "SY")["actor2"] == "White Helmets"  # an NGO may be attacked
    assert actors(rec, claims[:3], True, "SY")["actor2"] == "Civilians (Syria)"
    assert actors(rec, claims[:3], False, "SY")["actor2"] is None


def test_priogrid_cell() -> None:
    assert priogrid_gid(-89.9, -179.9) == 1
    assert priogrid_gid(36.335, 43.11889) == 252 * 720 + 446 + 1  # Mosul
    assert priogrid_gid(None, 43.1) is None


def test_admin_from_the_gazetteer() -> None:
    assert admin_of({"name": "Mosul", "geonames_id": 99072, "precision": "city", "country": "IQ"})[0] \
        == "Nineveh"
    assert admin_of({"name": "Idlib", "geonames_id": None, "precision": "governorate",
                     "country": "SY"}) == ("Idlib", None)
    assert admin_of({"name": "Jisr al-Shughur", "geonames_id": None, "precision": "district",
                     "country": "SY"}) == (None, "Jisr al-Shughur")
    assert admin_of(None) == (None, None)


def _claim(ref: str, *victims: tuple[str, str, int | None, int | None]) -> dict:
    doc, cid = ref.split("#")
    return {"document_id": doc, "id": cid, "victims_json": json.dumps(
        [{"type": t, "outcome": o, "min": lo, "max": hi} for t, o, lo, hi in victims])}


def test_counts_per_line_never_added_across_lines() -> None:
    claims = {c["document_id"] + "#" + c["id"]: c for c in (
        _claim("a#c1", ("civilians", "killed", 12, None), ("soldiers", "killed", 3, 3)),
        _claim("b#c1", ("people", "killed", 20, 25), ("children", "killed", 5, None)),
        _claim("b#c2", ("civilians", "injured", 40, None)),
        _claim("c#c1", ("civilians", "killed", None, 30)),
        _claim("d#c1", ("civilians", "injured", 9, None)),
    )}
    rec = {"sources": [{"claims": ["a#c1"]}, {"claims": ["b#c1", "b#c2"]}, {"claims": ["c#c1"]},
                       {"claims": ["d#c1"]}]}
    n = counts(rec, claims)
    # lines: a 12+3 = 15; b people 20 (>5 children): 20, high 25; c "up to 30": 30; d no deaths
    assert (n["low"], n["best"], n["high"]) == (15, 20, 30)
    assert (n["civilians"], n["combatants"], n["unknown"]) == (5, None, 15)  # line b's breakdown
    assert counts({"sources": [{"claims": ["d#c1"]}]}, claims)["best"] is None


def _c(**kw: object) -> dict:
    return {"weapon": None, "event": None, "kind": "casualty", **kw}


@pytest.mark.parametrize(("claims", "events", "civ", "armed", "expected"), [
    ([_c(weapon="sarin"), _c(weapon="airstrike")], [], True, False,
     ("Explosions/Remote violence", "Chemical weapon")),
    ([_c(weapon="barrel_bomb")], [], True, False, ("Explosions/Remote violence", "Air/drone strike")),
    ([_c(weapon="mortar")], [], False, False,
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ([_c(weapon="car_bomb")], [], True, False,
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ([_c(weapon="explosion")], [], True, False, ("Explosions/Remote violence", None)),
    ([_c(kind="kidnapping")], [], True, False,
     ("Violence against civilians", "Abduction/forced disappearance")),
    ([_c(weapon="gunfire")], ["shooting"], True, False, ("Violence against civilians", "Attack")),
    ([_c(weapon="gunfire")], ["shooting"], False, True, ("Battles", "Armed clash")),
    ([_c(kind="arrest")], ["arrest"], False, False, ("Strategic developments", "Arrests")),
    ([_c()], ["mass_grave"], True, False, ("Strategic developments", "Other")),
    ([_c()], ["siege"], True, False, (None, None)),  # no ACLED type we can be sure of
])
def test_event_types(claims: list, events: list, civ: bool, armed: bool, expected: tuple) -> None:
    assert event_type(claims, events, civ, armed) == expected


# -- the commands on the demo corpus --------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    res = invoke("ingest", REPO / "corpus" / "demo", "--db", db, "-q", "--no-lang")
    assert res.exit_code == 0, res.stderr
    return db


def _read(db: Path, fmt: str) -> tuple[list[str], list[dict[str, str]]]:
    res = invoke("incidents", "--db", db, "--format", fmt)
    assert res.exit_code == 0, res.stderr
    reader = csv.DictReader(io.StringIO(res.stdout, newline=""))
    rows = list(reader)
    assert f"exported {len(rows)} incidents as {fmt}" in res.stderr
    return list(reader.fieldnames or []), rows


def _int(v: str) -> int | None:
    return None if v == "" else int(v)


def check_acled(fields: list[str], rows: list[dict[str, str]]) -> None:
    """ACLED's columns in order; each value of the type and precision ACLED uses, or empty."""
    assert tuple(fields) == ACLED_FIELDS
    assert rows and len(rows) == len({r["event_id_cnty"] for r in rows})
    for r in rows:
        tp, gp, year = _int(r["time_precision"]), _int(r["geo_precision"]), _int(r["year"])
        assert tp in (None, 1, 2, 3) and gp in (None, 1, 2, 3)
        assert (r["event_date"] == "") == (tp is None)
        if tp is not None:
            assert year == int(r["event_date"][:4])
            if tp == 1:
                assert r["claimweave_date_start"] == r["claimweave_date_end"] == r["event_date"]
        if r["claimweave_date_precision"] in ("reported", ""):
            assert r["event_date"] == r["year"] == ""  # a publication date is no event date
        if gp is not None:
            assert -90 <= float(r["latitude"]) <= 90 and -180 <= float(r["longitude"]) <= 180
        else:
            assert r["latitude"] == r["longitude"] == ""
        if r["fatalities"]:
            assert int(r["fatalities"]) >= 0
        assert r["iso"] == "" or r["iso"].isdigit()
        assert r["event_id_cnty"].endswith(f"CW{r['claimweave_incident_id']}")
        assert r["timestamp"] == "" or int(r["timestamp"]) > 1_500_000_000
        # never filled: what the ledger cannot know
        assert r["admin3"] == r["source_scale"] == r["tags"] == ""
        assert r["notes"] and r["source"] and "document " not in r["source"]


def test_acled_columns_types_and_precisions(demo_db: Path) -> None:
    fields, rows = _read(demo_db, "acled")
    check_acled(fields, rows)
    mosul = next(r for r in rows if r["location"] == "Mosul")
    assert mosul["country"] == "Iraq" and mosul["iso"] == "368" and mosul["admin1"] == "Nineveh"
    assert mosul["region"] == "Middle East" and mosul["event_id_cnty"].startswith("IRQCW")
    assert mosul["event_type"] == "Explosions/Remote violence"
    assert mosul["disorder_type"] == "Political violence"
    assert mosul["actor1"] and mosul["time_precision"] == "1" and mosul["geo_precision"] == "1"
    assert int(mosul["fatalities"]) >= 100  # every group killed, the smallest line's figure
    assert "https://" in mosul["claimweave_source_urls"]
    assert any(r["event_type"] == "" for r in rows) or all(r["sub_event_type"] for r in rows)


def test_ucdp_columns_types_and_precisions(demo_db: Path) -> None:
    fields, rows = _read(demo_db, "ucdp")
    assert tuple(fields) == UCDP_FIELDS
    for r in rows:
        wp, dp = _int(r["where_prec"]), _int(r["date_prec"])
        assert wp in (None, 1, 2, 3, 4, 5, 6, 7) and dp in (None, 1, 2, 3, 4, 5)
        assert (r["date_start"] == "") == (dp is None)
        low, best, high = _int(r["low"]), _int(r["best"]), _int(r["high"])
        if best is None:
            assert low is None and high is None
        else:
            assert low is not None and high is not None and low <= best <= high
            parts = [_int(r[k]) for k in ("deaths_a", "deaths_b", "deaths_civilians",
                                          "deaths_unknown", "claimweave_deaths_combatants")]
            assert sum(p or 0 for p in parts) == best
        for k in ("relid", "conflict_dset_id", "dyad_dset_id", "side_a_dset_id", "type_of_violence",
                  "deaths_a", "deaths_b", "event_clarity", "active_year", "code_status"):
            assert r[k] == "", k  # UCDP's own codings: never made up
        if r["latitude"]:
            assert r["geom_wkt"] == f"POINT ({r['longitude']} {r['latitude']})"
            assert _int(r["priogrid_gid"]) is not None
        assert int(r["number_of_sources"]) >= 1
    mosul = next(r for r in rows if r["where_coordinates"] == "Mosul")
    assert mosul["country_id"] == "645" and mosul["region"] == "Middle East"
    assert mosul["date_prec"] == "1" and mosul["where_prec"] == "1" and mosul["adm_1"] == "Nineveh"


def test_claims_csv_has_incident_url_and_publication_date(demo_db: Path) -> None:
    res = invoke("export", "--db", demo_db, "--format", "csv")
    assert res.exit_code == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout, newline="")))
    assert {"incident_id", "url", "published"} <= set(rows[0])
    linked = [r for r in rows if r["incident_id"]]
    assert linked and all(r["incident_id"].isdigit() for r in linked)
    assert any(r["url"].startswith("https://") for r in rows)
    assert any(len(r["published"]) >= 10 for r in rows)
    incidents = {r["claimweave_incident_id"] for r in _read(demo_db, "acled")[1]}
    assert {r["incident_id"] for r in linked} == incidents


# -- filters: one path for the workbench and the command line -------------------------------------

@pytest.mark.parametrize("args", [
    ["--place", "Khan Sheikhoun"], ["--place", "khān shaykhūn"], ["--place", "Mosul"],
    ["--actor", "coalition"], ["--actor", "isis"],
    ["--from", "2017-04-01"], ["--to", "2017-03-31"],
    ["--from", "2017-03-01", "--to", "2017-04-10", "--place", "mosul"],
    ["--place", "Rakka"], ["--place", "al-Raqqah"], ["--place", "الرقة"],
])
def test_incident_filters_match_the_workbench(demo_db: Path, args: list[str]) -> None:
    from claimweave.serve.queries import Filters, connect, filter_incidents

    opts = dict(zip(args[::2], args[1::2], strict=True))
    conn = connect(demo_db)
    try:
        expected = sorted(s["id"] for s in filter_incidents(conn, Filters(
            date_from=opts.get("--from"), date_to=opts.get("--to"), place=opts.get("--place"),
            actor=opts.get("--actor"))))
    finally:
        conn.close()
    res = invoke("incidents", "--db", demo_db, "--format", "jsonl", *args)
    assert res.exit_code == 0, res.stderr
    got = [json.loads(line)["id"] for line in res.stdout.splitlines()]
    assert got == expected and 0 < len(got) < len(_read(demo_db, "acled")[1])
    acled = invoke("incidents", "--db", demo_db, "--format", "ucdp", *args)
    assert [int(r["id"]) for r in csv.DictReader(io.StringIO(acled.stdout, newline=""))] == expected
    for rec in map(json.loads, res.stdout.splitlines()):
        d = rec["date"]
        if "--from" in opts:
            assert (d["end"] or d["start"]) >= opts["--from"]
        if "--to" in opts:
            assert d["start"] <= opts["--to"]


def test_place_filter_takes_the_gazetteer_spellings(demo_db: Path) -> None:
    def ids(place: str) -> list[int]:
        res = invoke("incidents", "--db", demo_db, "--format", "jsonl", "--place", place)
        assert res.exit_code == 0, res.stderr
        return [json.loads(line)["id"] for line in res.stdout.splitlines()]

    raqqa = ids("Raqqa")
    assert raqqa and ids("Rakka") == raqqa and ids("al-Raqqah") == raqqa and ids("الرقة") == raqqa


def test_claim_filters_on_claims_and_export(demo_db: Path) -> None:
    res = invoke("export", "--db", demo_db, "--format", "csv", "--place", "Khan Sheikhoun")
    assert res.exit_code == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout, newline="")))
    assert rows and {r["place"] for r in rows} == {"Khān Shaykhūn"}
    table = invoke("claims", "--db", demo_db, "--place", "Khan Sheikhoun", "--width", "200")
    assert table.exit_code == 0 and f"\n{len(rows)} claims" in table.stdout

    docs = invoke("export", "--db", demo_db, "--format", "jsonl", "--place", "Khan Sheikhoun")
    kept = [json.loads(line) for line in docs.stdout.splitlines()]
    assert {r["document"]["id"] for r in kept} == {r["document_id"] for r in rows}
    assert all(any((c.get("place") or {}).get("name") == "Khān Shaykhūn" for c in r["claims"])
               for r in kept)

    rows = list(csv.DictReader(io.StringIO(invoke(
        "export", "--db", demo_db, "--format", "csv", "--actor", "Islamic State", "--from",
        "2017-03-01", "--to", "2017-03-31").stdout, newline="")))
    assert rows and all("Islamic State" in r["actor"] for r in rows)
    assert all((r["date_end"] or r["date_start"] or r["published"])[:10] >= "2017-03-01"
               and (r["date_start"] or r["published"])[:10] <= "2017-03-31" for r in rows)


def test_filters_bad_date_exit_2(demo_db: Path) -> None:
    for cmd in ("claims", "export", "incidents"):
        res = invoke(cmd, "--db", demo_db, "--from", "March 2017")
        assert res.exit_code == 2 and "[E006]" in res.stderr


def _jsonl_incidents(db: Path, *args: str) -> list[dict]:
    res = invoke("incidents", "--db", db, "--format", "jsonl", *args)
    assert res.exit_code == 0, res.stderr
    return [json.loads(line) for line in res.stdout.splitlines()]


def test_side_filter_on_incidents_and_claims(demo_db: Path) -> None:
    from claimweave.store.filters import side_actor_ids

    everything = _jsonl_incidents(demo_db)
    kept = _jsonl_incidents(demo_db, "--side", "isis")
    assert 0 < len(kept) < len(everything)
    assert all(any(a["side"] == "isis" for a in r["actors"]) for r in kept)
    assert {r["id"] for r in everything if any(a["side"] == "isis" for a in r["actors"])} \
        == {r["id"] for r in kept}
    rows = list(csv.DictReader(io.StringIO(invoke(
        "export", "--db", demo_db, "--format", "csv", "--side", "ISIS").stdout, newline="")))
    ids = set(side_actor_ids("isis"))
    assert rows and all(r["actor_id"] in ids for r in rows)
    every = list(csv.DictReader(io.StringIO(invoke(
        "export", "--db", demo_db, "--format", "csv").stdout, newline="")))
    assert len(rows) == sum(r["actor_id"] in ids for r in every) < len(every)


def test_grade_filter_on_incidents_and_claims(demo_db: Path) -> None:
    from claimweave.serve.queries import Filters, connect, filter_incidents

    everything = _jsonl_incidents(demo_db)
    grades = {r["grade"] for r in everything}
    assert len(grades) >= 2
    every = list(csv.DictReader(io.StringIO(invoke(
        "export", "--db", demo_db, "--format", "csv").stdout, newline="")))
    conn = connect(demo_db)
    try:
        for grade in grades:
            kept = _jsonl_incidents(demo_db, "--grade", grade)
            assert [r["id"] for r in kept] == sorted(r["id"] for r in everything if r["grade"] == grade)
            assert sorted(s["id"] for s in filter_incidents(conn, Filters(grade=grade))) \
                == [r["id"] for r in kept]
            rows = list(csv.DictReader(io.StringIO(invoke(
                "export", "--db", demo_db, "--format", "csv", "--grade", grade).stdout,
                newline="")))
            assert {r["incident_id"] for r in rows} == {str(r["id"]) for r in kept}
            assert len(rows) == sum(r["incident_id"] in {str(r["id"]) for r in kept} for r in every)
    finally:
        conn.close()
    both = _jsonl_incidents(demo_db, "--grade", "single_source", "--side", "isis")
    assert all(r["grade"] == "single_source" and any(a["side"] == "isis" for a in r["actors"])
               for r in both)


@pytest.mark.parametrize("args", [["--since", "2017-03-01"], ["--until", "2017-03-01"],
                                  ["--side", "martians"], ["--grade", "likely"]])
def test_old_or_unknown_filter_options_exit_2(demo_db: Path, args: list[str]) -> None:
    for cmd in ("claims", "export", "incidents"):
        res = invoke(cmd, "--db", demo_db, *args)
        assert res.exit_code == 2 and "[E006]" in res.stderr, (cmd, res.stderr)
    assert "isis" in invoke("claims", "--db", demo_db, "--side", "martians").stderr


# -- FA-KES: real reporting no one here wrote (train rows only, a slice to stay fast) -------------

FAKES_CSV = REPO.parent / "shared" / "data" / "fakes" / "fakes.csv"
FAKES_SLICE = 60  # every 8th train article, up to this many


@pytest.fixture(scope="module")
def fakes_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not FAKES_CSV.is_file():
        pytest.skip(f"FA-KES is not here ({FAKES_CSV}: ../shared is absent)")
    folder = tmp_path_factory.mktemp("fakes")
    with FAKES_CSV.open(newline="", encoding="utf-8") as src:
        reader = csv.DictReader(src)
        train = [r for r in reader if r["split"] == "train"]
        fields = list(reader.fieldnames or [])
    with (folder / "slice.csv").open("w", newline="", encoding="utf-8") as out:
        w = csv.DictWriter(out, fieldnames=fields)
        w.writeheader()
        w.writerows(train[::8][:FAKES_SLICE])
    db = folder / "fakes.db"
    res = invoke("ingest", folder / "slice.csv", "--db", db, "-q", "--no-lang")
    assert res.exit_code == 0, res.stderr
    return db


def test_acled_on_fakes(fakes_db: Path) -> None:
    fields, rows = _read(fakes_db, "acled")
    check_acled(fields, rows)
    assert len(rows) >= 20

    def share(col: str) -> float:
        return sum(bool(r[col]) for r in rows) / len(rows)

    # values, not only columns: most Syrian incidents have a country, a place, a date and a type
    assert share("country") > 0.8 and share("location") > 0.8 and share("latitude") > 0.6
    assert share("event_date") > 0.4 and share("event_type") > 0.6 and share("actor1") > 0.5
    assert share("fatalities") > 0.4 and share("admin1") > 0.4
    syria = [r for r in rows if r["country"] == "Syria"]
    assert len(syria) > 0.7 * len(rows)
    assert all(r["iso"] == "760" and r["event_id_cnty"].startswith("SYRCW") for r in syria)
    assert {r["time_precision"] for r in rows} - {""} and {r["geo_precision"] for r in rows} - {""}


def test_ucdp_and_filters_on_fakes(fakes_db: Path) -> None:
    _, rows = _read(fakes_db, "ucdp")
    assert any(r["best"] for r in rows) and any(r["where_prec"] == "1" for r in rows)
    acled = _read(fakes_db, "acled")[1]
    year = max((r["year"] for r in acled if r["year"]), key=lambda y: sum(r["year"] == y for r in acled))
    res = invoke("incidents", "--db", fakes_db, "--format", "acled", "--from", f"{year}-01-01",
                 "--to", f"{year}-12-31", "--side", "syrian_government")
    assert res.exit_code == 0, res.stderr
    kept = list(csv.DictReader(io.StringIO(res.stdout, newline="")))
    assert 0 < len(kept) < len(acled)
    assert all(r["claimweave_date_start"] <= f"{year}-12-31" for r in kept)
