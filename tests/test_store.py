"""Store: migrations, idempotent writes, contract round trip, error rows, exports."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimweave.errors import ClaimweaveError, Errors, InputError
from claimweave.model import (
    DATE_PRECISIONS,
    PRECISIONS,
    UNIT_KINDS,
    Annotations,
    Claim,
    DateValue,
    Document,
    NamedVictim,
    Place,
    PlaceMention,
    Record,
    Ref,
    Target,
    Unit,
    Victims,
)
from claimweave.record import to_dict
from claimweave.store import Ledger
from claimweave.store.export import CSV_FIELDS, export
from claimweave.store.migrations import REGISTRY, known_version


def make_record(text: str = "Twelve civilians were killed in Hajin on 3 November.",
                *, with_place: bool = True, path: str = "a.txt") -> Record:
    sha = hashlib.sha256(text.encode()).hexdigest()
    doc = Document(id=sha[:16], text=text, sha256=sha, path=path, title="T", outlet="Wire",
                   published="2018-11-04")
    hajin = Place("Hajin", 34.69, 40.83, "SY", 170000, "city", admin1="Deir ez-Zor")
    date = DateValue("3 November", "2018-11-03", "2018-11-03", 2018, 11, 3, "day")
    claim = Claim(
        id="c1", unit_id="u1", kind="casualty", start=0, end=len(text), text=text,
        claimant=Ref("Wire"), sources=(Ref("SOHR", "sohr"), Ref("AFP", "afp")),
        actor=Ref("coalition", "coalition"), target=None,
        victims=(Victims("civilians", "killed", 12, 12, "Twelve civilians"),
                 Victims("people", "injured", 30, None, "dozens")),
        place=hajin if with_place else None, date=date, weapon="airstrike", cause="shelling")
    return Record(
        document=doc, genre="article", language="en",
        units=(Unit("u1", "paragraph", 0, len(text), speaker="Wire", lang="en"),),
        annotations=Annotations(places=(PlaceMention(31, 36, "Hajin", hajin),)),
        claims=(claim,))


def test_migrations_recorded_and_reopen_is_noop(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    with Ledger.open(db) as ledger:
        rows = ledger.connection.execute("SELECT version, name, applied_at FROM _migrations"
                                         " ORDER BY version").fetchall()
        assert [r[0] for r in rows] == sorted(REGISTRY) and rows[0][1] == "core_tables"
        assert all(r[2] for r in rows)
        assert ledger.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert ledger.connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert ledger.write(make_record())
    with Ledger.open(db) as ledger:
        again = ledger.connection.execute("SELECT version, name, applied_at FROM _migrations"
                                          " ORDER BY version").fetchall()
        assert [tuple(r) for r in again] == [tuple(r) for r in rows]
        assert ledger.counts() == {"documents": 1, "units": 1, "claims": 1, "errors": 0}


def test_newer_ledger_refused(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    Ledger.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO _migrations VALUES (?, 'future', 'now')", (known_version() + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(ClaimweaveError) as info:
        Ledger.open(db)
    assert info.value.code is Errors.E005


def test_not_a_database(tmp_path: Path) -> None:
    db = tmp_path / "junk.db"
    db.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ClaimweaveError) as info:
        Ledger.open(db)
    assert info.value.code is Errors.E004


def test_idempotent_write(tmp_path: Path) -> None:
    rec = make_record()
    with Ledger.open(tmp_path / "l.db") as ledger:
        assert not ledger.has(rec.document.sha256)
        assert ledger.write(rec) is True
        assert ledger.has(rec.document.sha256)
        assert ledger.write(rec) is False
        assert ledger.write(make_record(path="elsewhere.txt")) is False
        assert ledger.counts()["documents"] == 1 and ledger.counts()["claims"] == 1
        assert list(ledger.iter_records()) == [to_dict(rec)]


def test_claims_table_flat_columns(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "l.db") as ledger:
        ledger.write(make_record())
        [row] = ledger.claims()
        assert (row["document_id"], row["path"], row["outlet"], row["kind"]) == (
            make_record().document.id, "a.txt", "Wire", "casualty")
        assert row["sources"] == "SOHR > AFP"
        assert (row["victims_min"], row["victims_max"]) == (12, 12)
        assert row["victims_summary"] == "12 civilians killed; 30+ people injured"
        assert (row["place"], row["lat"], row["lon"], row["precision"]) == (
            "Hajin", 34.69, 40.83, "city")
        assert (row["date_start"], row["date_precision"]) == ("2018-11-03", "day")
        assert ledger.claims(limit=0) == []
        assert ledger.claims()[0].get("weapon") == "airstrike"
        if ledger.fts:
            assert [r["id"] for r in ledger.search_claims("hajin")] == ["c1"]
            assert ledger.search_claims("raqqa") == []


def test_error_rows_not_duplicated(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    err = InputError(Errors.E101, path="bad/empty.txt")
    for _ in range(2):
        with Ledger.open(db) as ledger:
            ledger.record_input_error(err)
            ledger.record_error("bad/empty.txt", Errors.E101, str(err))
            ledger.record_error("bad/empty.txt", "E102", "other")
    with Ledger.open(db) as ledger:
        assert ledger.counts()["errors"] == 2
        assert [(r["path"], r["code"]) for r in ledger.errors()] == [
            ("bad/empty.txt", "E101"), ("bad/empty.txt", "E102")]


def test_failed_write_leaves_nothing(tmp_path: Path) -> None:
    rec = make_record()
    bad = Record(rec.document, rec.genre, rec.language, rec.units, rec.annotations,
                 (rec.claims[0], Claim("c2", "u1", "casualty", 0, 1, "T",
                                       place=Place("nan", float("nan"), 1.0, None, None, "city"))))
    with Ledger.open(tmp_path / "l.db") as ledger:
        with pytest.raises(ValueError):
            ledger.write(bad)
        assert ledger.counts() == {"documents": 0, "units": 0, "claims": 0, "errors": 0}
        assert ledger.write(rec)


def test_exports_parse(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "l.db") as ledger:
        ledger.write(make_record())
        ledger.write(make_record("Shelling in an unnamed place, a monitor said.", with_place=False))
        out = io.StringIO()
        assert export(ledger, "jsonl", out) == 2
        lines = out.getvalue().splitlines()
        assert [json.loads(x) for x in lines] == list(ledger.iter_records())

        out = io.StringIO()
        assert export(ledger, "csv", out) == 2
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert tuple(rows[0]) == CSV_FIELDS
        assert rows[0]["sources"] == "SOHR > AFP" and rows[0]["lat"] == "34.69"
        assert rows[1]["place"] == ""

        out = io.StringIO()
        assert export(ledger, "geojson", out) == 1
        fc = json.loads(out.getvalue())
        assert fc["type"] == "FeatureCollection"
        [feature] = fc["features"]
        assert feature["geometry"] == {"type": "Point", "coordinates": [40.83, 34.69]}
        assert feature["properties"]["claim_id"] == "c1"
        assert set(feature["properties"]) == set(CSV_FIELDS)

        with pytest.raises(ClaimweaveError) as info:
            export(ledger, "xml", io.StringIO())
        assert info.value.code is Errors.E003


def test_empty_geojson_parses(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "l.db") as ledger:
        out = io.StringIO()
        export(ledger, "geojson", out)
        assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


# -- Hypothesis round trip ---------------------------------------------------------------------
texts = st.text(st.characters(codec="utf-8"), max_size=40)
opt_texts = st.none() | texts
ints = st.integers(min_value=0, max_value=10**12)
opt_ints = st.none() | st.integers(min_value=-(2**63), max_value=2**63 - 1)
coords = st.none() | st.floats(allow_nan=False, allow_infinity=False)
refs = st.builds(Ref, texts, opt_texts, st.none() | st.sampled_from(["PERSON", "ORG", "NORP", "GPE",
                                                                     "generic"]))
places = st.builds(Place, texts, coords, coords, opt_texts, opt_ints,
                   st.sampled_from(PRECISIONS), opt_texts, opt_ints)
dates = st.builds(DateValue, texts, opt_texts, opt_texts, opt_ints, opt_ints, opt_ints,
                  st.sampled_from(DATE_PRECISIONS))
victims = st.builds(Victims, texts, st.sampled_from(["killed", "injured", "dead", "missing"]),
                    opt_ints, opt_ints, texts)
targets = st.builds(Target, texts, texts, ints, ints)
named_victims = st.builds(NamedVictim, texts, opt_texts, texts, ints, ints)
claims = st.builds(Claim, texts, texts, st.sampled_from(["casualty", "accusation", "kidnapping"]),
                   ints, ints, texts, st.none() | refs, st.lists(refs, max_size=3).map(tuple),
                   st.none() | refs, st.none() | refs, st.lists(victims, max_size=3).map(tuple),
                   st.none() | places, st.none() | dates, opt_texts, opt_texts,
                   targets=st.lists(targets, max_size=2).map(tuple),
                   named_victims=st.lists(named_victims, max_size=2).map(tuple),
                   scope=st.sampled_from(["incident", "background"]), event=opt_texts)
units = st.builds(Unit, texts, st.sampled_from(UNIT_KINDS), ints, ints, opt_texts, opt_texts,
                  opt_texts)


@st.composite
def records(draw: st.DrawFn) -> Record:
    text = draw(st.text(st.characters(codec="utf-8"), max_size=200))
    sha = hashlib.sha256(text.encode()).hexdigest()
    doc = Document(draw(texts), text, sha, path=draw(opt_texts), title=draw(opt_texts),
                   outlet=draw(opt_texts), author=draw(opt_texts), published=draw(opt_texts))
    mentions = st.builds(PlaceMention, ints, ints, texts, places)
    return Record(doc, draw(texts), draw(opt_texts), tuple(draw(st.lists(units, max_size=4))),
                  Annotations(places=tuple(draw(st.lists(mentions, max_size=3)))),
                  tuple(draw(st.lists(claims, max_size=4))))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records(), min_size=1, max_size=3, unique_by=lambda r: r.document.sha256))
def test_round_trip(recs: list[Record]) -> None:
    with Ledger.open(":memory:") as ledger:
        for rec in recs:
            assert ledger.write(rec)
        assert list(ledger.iter_records()) == [to_dict(r) for r in recs]
        n = sum(len(r.claims) for r in recs)
        assert ledger.counts()["claims"] == n
        out = io.StringIO()
        export(ledger, "jsonl", out)
        assert [json.loads(x) for x in out.getvalue().splitlines()] == [to_dict(r) for r in recs]
        out = io.StringIO()
        export(ledger, "csv", out)
        assert len(list(csv.DictReader(io.StringIO(out.getvalue())))) == n
        out = io.StringIO()
        export(ledger, "geojson", out)
        json.loads(out.getvalue())
