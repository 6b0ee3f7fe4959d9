"""Open-world fields carried by every layer after extraction: the claimweave/1 contract and its
schema, the ledger (columns, exports, migration of older ledgers), linking (an actor outside the
knowledge base is one actor by its normalised name; background tolls join no incident) and the
workbench (actor by name and entity type, targets, named victims, event; all escaped).

Records are built by hand, so these tests hold whatever the extractor finds."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from claimweave.link import link_ledger
from claimweave.link.engine import Linker, score
from claimweave.link.features import features
from claimweave.link.identity import actor_key, normalise_name, perpetrator_key
from claimweave.link.regions import region_of, side_of
from claimweave.model import (
    Annotations,
    Claim,
    DateValue,
    NamedVictim,
    Place,
    PlaceMention,
    Record,
    Ref,
    Target,
    Unit,
    Victims,
)
from claimweave.pipeline import make_document
from claimweave.record import to_dict
from claimweave.schema import contract_errors
from claimweave.store import Ledger
from claimweave.store.export import CSV_FIELDS, export
from claimweave.store.migrations import REGISTRY, known_version, now

OMDURMAN = Place("Omdurman", 15.64, 32.48, "SD", 365137, "city")
DAY = DateValue("12 May 2024", "2024-05-12", "2024-05-12", 2024, 5, 12, "day")
HOSTILE = "Omar <script>alert(1)</script>"


def _at(text: str, part: str) -> tuple[int, int]:
    i = text.index(part)
    return i, i + len(part)


def open_world_record(*, article: str = "The", outlet: str = "Nile Wire", source: str = "Sudan Doctors Network",
                      victim: str = "Ana Ruiz", path: str = "a.txt", extra: str = "") -> Record:
    """A document whose first claim names an unknown group (no KB id) as perpetrator, a hospital as
    target and a named victim; its second claim is a war-long toll (scope background)."""
    first = (f"{article} Rapid Support Forces shelled the Al-Nau hospital in Omdurman on 12 May 2024, "
             f"killing journalist {victim} and 9 civilians, the {source} said{extra}.")
    second = "Gunmen have killed 3000 people in Omdurman since the war began."
    text = first + "\n\n" + second
    doc = make_document(text, path=path, outlet=outlet, published="2024-05-13", title="Omdurman")
    c1 = Claim(
        id="c1", unit_id="u1", kind="casualty", start=0, end=len(first), text=first,
        claimant=Ref(outlet), sources=(Ref(f"the {source}", None, "ORG"),),
        actor=Ref(f"{article} Rapid Support Forces".strip(), None, "ORG"), target=None,
        victims=(Victims("civilians", "killed", 9, 9, "9 civilians"),),
        place=OMDURMAN, date=DAY, weapon="artillery", cause="shelling",
        targets=(Target("Al-Nau hospital", "medical", *_at(text, "Al-Nau hospital")),),
        named_victims=(NamedVictim(victim, "journalist", "killed", *_at(text, victim)),),
        scope="incident", event="shelling")
    s2 = len(first) + 2
    c2 = Claim(
        id="c2", unit_id="u2", kind="casualty", start=s2, end=len(text), text=second,
        claimant=Ref(outlet), actor=Ref("Gunmen", None, "generic"),
        victims=(Victims("people", "killed", 3000, 3000, "3000 people"),), place=OMDURMAN,
        scope="background", event="shooting")
    return Record(
        document=doc, genre="article", language="en",
        units=(Unit("u1", "paragraph", 0, len(first)), Unit("u2", "paragraph", s2, len(text))),
        annotations=Annotations(places=(PlaceMention(*_at(text, "Omdurman"), "Omdurman", OMDURMAN),)),
        claims=(c1, c2))


# -- contract -------------------------------------------------------------------------------------
def test_contract_carries_open_world_fields_and_validates() -> None:
    rec = open_world_record()
    d = json.loads(json.dumps(to_dict(rec)))
    assert not contract_errors(d, rec.document.text)
    c1, c2 = d["claims"]
    assert c1["actor"] == {"name": "The Rapid Support Forces", "actor_id": None, "entity_type": "ORG"}
    assert c1["claimant"] == {"name": "Nile Wire", "actor_id": None, "entity_type": None}
    assert c1["sources"][0]["entity_type"] == "ORG"
    text = rec.document.text
    [t] = c1["targets"]
    assert t["text"] == "Al-Nau hospital" == text[t["start"]:t["end"]] and t["type"] == "medical"
    [v] = c1["named_victims"]
    assert (v["name"], v["role"], v["outcome"]) == ("Ana Ruiz", "journalist", "killed")
    assert text[v["start"]:v["end"]] == "Ana Ruiz"
    assert (c1["scope"], c1["event"]) == ("incident", "shelling")
    assert (c2["scope"], c2["event"], c2["actor"]["entity_type"]) == ("background", "shooting", "generic")


def test_schema_keeps_older_records_valid_and_refuses_bad_new_fields() -> None:
    rec = open_world_record()
    text = rec.document.text
    good = json.loads(json.dumps(to_dict(rec)))
    old = json.loads(json.dumps(good))  # a record stored before the fields existed
    for c in old["claims"]:
        for k in ("targets", "named_victims", "scope", "event"):
            del c[k]
        for ref in [c["claimant"], c["actor"], *c["sources"]]:
            if ref:
                del ref["entity_type"]
    assert not contract_errors(old, text)
    c1 = good["claims"][0]
    bad = {
        "scope": {**c1, "scope": "war"},
        "entity_type": {**c1, "actor": {**c1["actor"], "entity_type": "WEAPON"}},
        "target_span": {**c1, "targets": [{**c1["targets"][0], "end": len(text) + 3}]},
        "victim_order": {**c1, "named_victims": [{**c1["named_victims"][0], "start": 50, "end": 40}]},
        "victim_missing": {**c1, "named_victims": [{"name": "X"}]},
        "kind": {**c1, "kind": "rumour"},
    }
    for name, claim in bad.items():
        assert contract_errors({**good, "claims": [claim]}, text), name
    for kind in ("kidnapping", "arrest", "denial"):
        assert not contract_errors({**good, "claims": [{**c1, "kind": kind}]}, text)


# -- ledger ---------------------------------------------------------------------------------------
def test_sqlite_columns_exports_and_round_trip(tmp_path: Path) -> None:
    rec = open_world_record()
    with Ledger.open(tmp_path / "l.db") as ledger:
        assert ledger.write(rec)
        assert list(ledger.iter_records()) == [to_dict(rec)]
        c1, c2 = ledger.claims()
        assert (c1["actor"], c1["actor_id"], c1["actor_entity_type"]) == (
            "The Rapid Support Forces", None, "ORG")
        assert (c1["claimant_entity_type"], c1["target_entity_type"]) == (None, None)
        start, end = _at(rec.document.text, "Al-Nau hospital")
        assert json.loads(c1["targets_json"]) == [{"text": "Al-Nau hospital", "type": "medical",
                                                   "start": start, "end": end}]
        assert json.loads(c1["named_victims_json"])[0]["name"] == "Ana Ruiz"
        assert json.loads(c1["sources_json"])[0] == {"name": "the Sudan Doctors Network",
                                                     "actor_id": None, "entity_type": "ORG"}
        assert (c1["scope"], c1["event"], c2["scope"], c2["event"]) == (
            "incident", "shelling", "background", "shooting")
        out = {fmt: io.StringIO() for fmt in ("jsonl", "csv", "geojson")}
        for fmt, fh in out.items():
            export(ledger, fmt, fh)
    assert [json.loads(x) for x in out["jsonl"].getvalue().splitlines()] == [to_dict(rec)]
    rows = list(csv.DictReader(io.StringIO(out["csv"].getvalue())))
    assert tuple(rows[0]) == CSV_FIELDS
    assert {k: rows[0][k] for k in ("actor", "actor_id", "actor_entity_type", "event", "scope",
                                     "targets", "named_victims")} == {
        "actor": "The Rapid Support Forces", "actor_id": "", "actor_entity_type": "ORG",
        "event": "shelling", "scope": "incident", "targets": "Al-Nau hospital (medical)",
        "named_victims": "Ana Ruiz (journalist, killed)"}
    assert (rows[1]["scope"], rows[1]["actor_entity_type"], rows[1]["targets"]) == (
        "background", "generic", "")
    feats = json.loads(out["geojson"].getvalue())["features"]
    assert feats[0]["properties"]["targets"] == "Al-Nau hospital (medical)"
    assert feats[1]["properties"]["scope"] == "background"


def _version_4_ledger(db: Path) -> None:
    """A ledger as claimweave wrote it before migration 5, holding one claim."""
    conn = sqlite3.connect(db, isolation_level=None)
    for v in sorted(x for x in REGISTRY if x <= 4):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("CREATE TABLE IF NOT EXISTS _migrations (version INTEGER PRIMARY KEY,"
                     " name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        REGISTRY[v](conn)
        conn.execute("INSERT INTO _migrations VALUES (?, ?, ?)", (v, REGISTRY[v].__name__, now()))
        conn.execute("COMMIT")
    text = "Air strikes killed 12 civilians in Hajin on 3 November 2018."
    old = {"schema": "claimweave/1", "claims": [{"id": "c1", "actor": {"name": "coalition",
                                                                       "actor_id": "coalition"}}]}
    seq = conn.execute(
        "INSERT INTO documents (sha256, id, path, text, record, added_at, outlet, published)"
        " VALUES ('0' || ?, 'old', 'old.txt', ?, ?, ?, 'Wire', '2018-11-04')",
        ("f" * 63, text, json.dumps(old), now())).lastrowid
    conn.execute(
        "INSERT INTO claims (doc, ord, id, unit_id, kind, span_start, span_end, text, actor,"
        " actor_id, place, lat, lon, country, precision, date_start, date_end, date_precision,"
        " sources_json, victims_json, date_json) VALUES (?, 0, 'c1', 'u1', 'casualty', 0, ?, ?,"
        " 'coalition', 'coalition', 'Hajin', 34.69, 40.83, 'SY', 'city', '2018-11-03', '2018-11-03',"
        " 'day', '[]', '[]', ?)",
        (seq, len(text), text, json.dumps({"start": "2018-11-03", "end": "2018-11-03",
                                            "precision": "day"})))
    conn.close()


def test_older_ledger_migrates_forward(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    _version_4_ledger(db)
    with Ledger.open(db) as ledger:
        assert ledger.version == known_version() >= 5
        names = [r[0] for r in ledger.connection.execute("SELECT name FROM _migrations ORDER BY version")]
        assert names[4] == "open_world"
        [row] = ledger.claims()
        assert (row["scope"], row["targets_json"], row["named_victims_json"], row["event"],
                row["actor_entity_type"]) == ("incident", "[]", "[]", None, None)
        out = io.StringIO()
        export(ledger, "csv", out)
        [r] = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert (r["scope"], r["targets"], r["actor_id"]) == ("incident", "", "coalition")
        assert ledger.write(open_world_record())  # new rows next to the old one
        assert link_ledger(ledger).claims == 3


# -- linking --------------------------------------------------------------------------------------
def test_identity_of_an_actor_outside_the_knowledge_base() -> None:
    assert normalise_name("the  Rapid   Support Forces") == "rapid support forces"
    assert normalise_name("The Rapid Support Forces") == normalise_name("Rapid Support Forces")
    assert normalise_name("L'Armée  nationale") == normalise_name("armée nationale")
    assert normalise_name("les Forces de soutien rapide") == "forces de soutien rapide"
    assert normalise_name("An armed group") == "armed group"
    assert normalise_name("The") == "the"  # an article alone stays a name
    key = actor_key("the Rapid Support Forces", None)
    assert key == actor_key("Rapid Support Forces", None) != "rapid support forces"
    assert actor_key("RSF", "rsf") == "rsf" and actor_key("", None) is None
    # An unknown side is never the same as another unknown side: the name decides.
    assert perpetrator_key("Rapid Support Forces", None, None) != perpetrator_key("Janjaweed", None, None)
    assert perpetrator_key("Syrian Army", "syrian_army", "syrian_government") == "syrian_government"
    assert perpetrator_key("Someone", "kb_actor_without_side", None) is None


def _feature_rows(ledger: Ledger) -> list[Any]:
    from claimweave.store.incidents import CLAIM_SELECT

    return ledger.connection.execute(f"{CLAIM_SELECT} ORDER BY c.seq").fetchall()


def test_features_use_name_identity_and_background_scope(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "l.db") as ledger:
        ledger.write(open_world_record(article="The"))
        ledger.write(open_world_record(article="", outlet="Khartoum Post", path="b.txt",
                                       source="Emergency Lawyers", victim="Hana Idris"))
        a1, bg1, a2, _ = (features(r, region_of, side_of) for r in _feature_rows(ledger))
    assert a1.actor == a2.actor == "name:rapid support forces"
    assert a1.side is None and a1.perp == a2.perp == "name:rapid support forces"
    assert bg1.toll and not a1.toll  # scope "background" is a cumulative toll
    lk = Linker()
    lk.link(a1)
    [p] = lk.incidents.values()
    _, why = score(a2, p)
    assert "same perpetrator" in why
    other = features({**dict(_row_like(a2)), "actor": "Janjaweed"}, region_of, side_of)
    assert "same perpetrator" not in score(other, p)[1]


def _row_like(f: Any) -> dict[str, Any]:
    """A minimal claims row for ``features`` (as a dict): the shape of a stored row."""
    return {"seq": f.seq + 100, "doc": f.doc + 100, "kind": "casualty", "date_json": None,
            "published": "2024-05-13", "geonames_id": 365137, "place": "Omdurman", "country": "SD",
            "precision": "city", "lat": 15.64, "lon": 32.48, "victims_json": "[]", "actor_id": None,
            "actor": "Rapid Support Forces", "cause": "shelling", "text": "shelling in Omdurman",
            "scope": "incident"}


def _linked(db: Path, *recs: Record) -> tuple[Ledger, list[dict[str, Any]]]:
    from claimweave.store.incidents import iter_records

    db.parent.mkdir(parents=True, exist_ok=True)
    ledger = Ledger.open(db)
    for r in recs:
        assert ledger.write(r)
    link_ledger(ledger)
    return ledger, list(iter_records(ledger.connection))


def test_same_unknown_group_from_two_documents_is_one_perpetrator(tmp_path: Path) -> None:
    ledger, incidents = _linked(
        tmp_path / "l.db", open_world_record(article="The"),
        open_world_record(article="", outlet="Khartoum Post", path="b.txt",
                          source="Emergency Lawyers", victim="Hana Idris"))
    with ledger:
        links = ledger.connection.execute(
            "SELECT c.id, c.actor, ci.incident, ci.reason FROM claims c JOIN claim_incident ci"
            " ON ci.claim = c.seq ORDER BY c.seq").fetchall()
    (a, bg1, b, bg2) = links
    assert (a[1], b[1]) == ("The Rapid Support Forces", "Rapid Support Forces")
    assert a[2] is not None and a[2] == b[2]
    assert "same perpetrator" in b[3]
    for bg in (bg1, bg2):  # scope "background": joins no incident, like a cumulative toll
        assert bg[2] is None and bg[3] == "a cumulative toll, not one incident"
    [rec] = incidents
    [actor] = rec["actors"]  # one actor, named by two independent lines: known
    assert (actor["actor_id"], actor["side"], actor["entity_type"], actor["status"]) == (
        None, None, "ORG", "known")
    assert len(actor["claims"]) == 2
    assert rec["grade"] == "corroborated" and rec["contradictions"]["perpetrator"] == 0
    assert rec["corroboration"]["lines_of_evidence"] == 2
    assert rec["events"] == ["shelling"]


def test_different_unknown_groups_contest_but_generic_descriptions_do_not(tmp_path: Path) -> None:
    one = open_world_record()
    two = open_world_record(outlet="Khartoum Post", path="b.txt", source="Emergency Lawyers",
                            extra=", blaming the Janjaweed")
    two = _with_actor(two, Ref("the Janjaweed", None, "NORP"))
    ledger, [rec] = _linked(tmp_path / "named.db", one, two)
    ledger.close()
    assert rec["grade"] == "contested"
    [reason] = [r["reason"] for r in rec["reasons"] if r["reason"].startswith("perpetrator:")]
    assert "The Rapid Support Forces (ORG)" in reason and "the Janjaweed (NORP)" in reason
    assert "name:" not in json.dumps(rec)  # identity keys stay internal
    assert {a["name"] for a in rec["actors"]} == {"The Rapid Support Forces", "the Janjaweed"}

    ledger, [rec] = _linked(tmp_path / "generic.db", one, _with_actor(two, Ref("gunmen", None, "generic")))
    ledger.close()
    assert rec["contradictions"]["perpetrator"] == 0 and rec["grade"] == "corroborated"
    assert {a["entity_type"] for a in rec["actors"]} == {"ORG", "generic"}


def _with_actor(rec: Record, actor: Ref) -> Record:
    return replace(rec, claims=(replace(rec.claims[0], actor=actor), *rec.claims[1:]))


def test_origin_outside_the_knowledge_base_counts_by_normalised_name(tmp_path: Path) -> None:
    # Two outlets citing the same (unknown) network, once with "the": one line of evidence.
    ledger, [rec] = _linked(
        tmp_path / "l.db", open_world_record(),
        open_world_record(article="", outlet="Khartoum Post", path="b.txt", victim="Hana Idris",
                          source="SUDAN  Doctors Network"))
    ledger.close()
    assert rec["corroboration"]["lines_of_evidence"] == 1
    assert rec["grade"] == "single_source"
    [actor] = rec["actors"]
    assert actor["status"] == "suspected"  # one line of evidence names it


# -- workbench ------------------------------------------------------------------------------------
@pytest.fixture
def client(tmp_path: Path) -> Iterator[Any]:
    from starlette.testclient import TestClient

    from claimweave.serve.app import create_app

    db = tmp_path / "wb.db"
    with Ledger.open(db) as ledger:
        ledger.write(open_world_record())
        ledger.write(open_world_record(article="", outlet="Khartoum Post", path="b.txt",
                                       source="Emergency Lawyers", victim=HOSTILE))
        link_ledger(ledger)
    with TestClient(create_app(db), raise_server_exceptions=True) as c:
        yield c


def test_workbench_shows_open_world_fields_escaped(client: Any) -> None:
    [item] = client.get("/api/incidents").json()["items"]
    d = client.get(f"/api/incidents/{item['id']}").json()
    c1, c2 = d["claims"]
    assert (c1["actor"], c1["actor_entity_type"], c1["event"], c1["scope"]) == (
        "The Rapid Support Forces", "ORG", "shelling", "incident")
    assert [(t["text"], t["type"]) for t in c1["targets"]] == [("Al-Nau hospital", "medical")]
    assert c2["named_victims"][0]["name"] == HOSTILE
    assert d["summary"]["actors"][0]["entity_type"] == "ORG"
    assert d["summary"]["belligerent"] == "The Rapid Support Forces"
    html = client.get(f"/incidents/{item['id']}").text
    assert "The Rapid Support Forces" in html
    assert "organisation, not in the knowledge base" in html
    assert "Al-Nau hospital" in html and "medical" in html and "shelling" in html
    assert "Ana Ruiz" in html and "journalist, killed" in html
    assert "None" not in html and "name:" not in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    doc = client.get("/api/documents/2").json()
    assert [c["scope"] for c in doc["claims"]] == ["incident", "background"]
    assert doc["claims"][1]["actor_entity_type"] == "generic"
    assert "actor_id" not in doc["claims"][0]
    page = client.get("/documents/2").text
    assert "background toll, no single incident" in page
    assert "generic description, not in the knowledge base" in page
    assert "targets: Al-Nau hospital" in page and "(shooting)" in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_openapi_describes_claim_fields(client: Any) -> None:
    spec = client.get("/api/openapi.json").json()
    props = spec["components"]["schemas"]["Claim"]["properties"]
    assert {"actor_entity_type", "targets", "named_victims", "scope", "event"} <= set(props)


def test_workbench_reads_a_ledger_not_yet_migrated(tmp_path: Path) -> None:
    """The server opens ledgers read-only and cannot migrate them: claims of a version-4 ledger
    show no entity type, targets or named victims, scope incident."""
    from starlette.testclient import TestClient

    from claimweave.serve.app import create_app

    db = tmp_path / "old.db"
    _version_4_ledger(db)
    with TestClient(create_app(db), raise_server_exceptions=True) as c:
        doc = c.get("/api/documents/1").json()
        [claim] = doc["claims"]
        assert (claim["actor"], claim["actor_entity_type"], claim["targets"], claim["named_victims"],
                claim["scope"], claim["event"]) == ("coalition", None, [], [], "incident", None)
        assert c.get("/documents/1").status_code == 200
