"""The storage suite on both backends (SQLite file, PostgreSQL in a throw-away cluster), the same
input giving identical exports from both, and two concurrent ingesters on one PostgreSQL ledger.

The PostgreSQL cases start their own server (``tests/pgcluster.py``: initdb in a temp dir, a
loopback port); they skip, saying so, only where no PostgreSQL server binaries are installed
(``scripts/setup_postgres.sh``, run by ``scripts/test.sh``, installs them).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import pgcluster
from claimweave.cli import main
from claimweave.errors import Errors, InputError
from claimweave.ingest import iter_documents
from claimweave.record import to_dict
from claimweave.store import Ledger
from claimweave.store.export import CSV_FIELDS, export
from claimweave.store.migrations import REGISTRY, known_version
from test_store import make_record

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpus" / "demo"
EXE = Path(sys.executable).with_name("claimweave")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pgcluster.Cluster]:
    bin_dir = pgcluster.find_bin_dir()
    if bin_dir is None:
        pytest.skip("no PostgreSQL server binaries (initdb) installed: run scripts/setup_postgres.sh")
    cluster = pgcluster.start(bin_dir)
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new empty ledger location on each backend: a file path, or a new database's URL."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    cluster: pgcluster.Cluster = request.getfixturevalue("pg_cluster")
    return cluster.new_database()


def test_migrations_recorded_and_reopen_is_noop(ledger_db: str) -> None:
    with Ledger.open(ledger_db) as ledger:
        rows = ledger.connection.execute(
            "SELECT version, name, applied_at FROM _migrations ORDER BY version").fetchall()
        assert [(r[0], r[1]) for r in rows] == [(v, f.__name__) for v, f in sorted(REGISTRY.items())]
        assert ledger.version == known_version()
    with Ledger.open(ledger_db) as ledger:
        again = ledger.connection.execute(
            "SELECT version, name, applied_at FROM _migrations ORDER BY version").fetchall()
    assert [tuple(r) for r in again] == [tuple(r) for r in rows]


def test_write_read_round_trip_and_idempotent(ledger_db: str) -> None:
    rec = make_record()
    other = make_record("Five soldiers were wounded in Raqqa.", with_place=False, path="b.txt")
    with Ledger.open(ledger_db) as ledger:
        assert ledger.write(rec) is True
        assert ledger.write(rec) is False
        assert ledger.write(other) is True
        assert list(ledger.iter_records()) == [to_dict(rec), to_dict(other)]
        assert ledger.counts() == {"documents": 2, "units": 2, "claims": 2, "errors": 0}
        row = ledger.claims()[0]
        assert (row["victims_min"], row["lat"], row["geonames_id"]) == (12, 34.69, 170000)
        assert isinstance(row["lat"], float) and isinstance(row["victims_min"], int)


def test_error_rows_not_duplicated(ledger_db: str) -> None:
    for _ in range(2):
        with Ledger.open(ledger_db) as ledger:
            ledger.record_input_error(InputError(Errors.E101, path="empty.txt"))
    with Ledger.open(ledger_db) as ledger:
        assert [(r["path"], r["code"]) for r in ledger.errors()] == [("empty.txt", "E101")]


def test_failed_write_leaves_nothing(ledger_db: str) -> None:
    rec = make_record()
    with Ledger.open(ledger_db) as ledger:
        ledger.connection.execute("DROP TABLE places")  # a later insert of the write fails
        with pytest.raises(Exception):  # noqa: B017 - sqlite3 error on both backends
            ledger.write(rec)
        assert ledger.counts()["documents"] == 0


def test_exports_and_full_text_search(ledger_db: str) -> None:
    with Ledger.open(ledger_db) as ledger:
        ledger.write(make_record())
        out = {fmt: io.StringIO() for fmt in ("jsonl", "csv", "geojson")}
        for fmt, fh in out.items():
            export(ledger, fmt, fh)
        assert json.loads(out["jsonl"].getvalue())["document"]["outlet"] == "Wire"
        rows = list(csv.DictReader(io.StringIO(out["csv"].getvalue())))
        assert tuple(rows[0]) == CSV_FIELDS and rows[0]["victims_min"] == "12"
        geo = json.loads(out["geojson"].getvalue())
        assert geo["features"][0]["geometry"]["coordinates"] == [40.83, 34.69]
        hits = ledger.search_claims("civilians Hajin")
        assert [h["id"] for h in hits] == ["c1"]
        assert ledger.search_claims('"unpaired') == []  # never a syntax error
        assert ledger.framing_by_source()[0]["words"] == 9


def _ingest_and_export(db: str, tmp: Path) -> dict[str, str]:
    runner = CliRunner()
    res = runner.invoke(main, ["ingest", str(DEMO), "--db", db, "--no-lang", "-q"])
    assert res.exit_code == 0, res.output
    out: dict[str, str] = {}
    for cmd, fmt in (("export", "jsonl"), ("export", "csv"), ("export", "geojson"),
                     ("incidents", "jsonl"), ("incidents", "csv")):
        target = tmp / f"{cmd}.{fmt}"
        res = runner.invoke(main, [cmd, "--db", db, "--format", fmt, "-o", str(target)])
        assert res.exit_code == 0, res.output
        out[f"{cmd}.{fmt}"] = target.read_text(encoding="utf-8")
    res = runner.invoke(main, ["framing", "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    out["framing"] = res.output
    return out


def test_same_input_identical_exports_sqlite_and_postgresql(
        tmp_path: Path, pg_cluster: pgcluster.Cluster) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    lite = _ingest_and_export(str(tmp_path / "a" / "l.db"), tmp_path / "a")
    pg = _ingest_and_export(pg_cluster.new_database(), tmp_path / "b")
    assert lite["export.csv"].count("\n") > 20
    for key in lite:
        assert pg[key] == lite[key], key


def test_two_concurrent_ingesters_store_each_document_once(
        tmp_path: Path, pg_cluster: pgcluster.Cluster) -> None:
    files = sorted(p for p in DEMO.iterdir() if p.is_file())
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for p in files[: 2 * len(files) // 3]:
        shutil.copy(p, a / p.name)
    for p in files[len(files) // 3:]:
        shutil.copy(p, b / p.name)
    url = pg_cluster.new_database()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    procs = [subprocess.Popen([str(EXE), "ingest", str(d), "--db", url, "--no-lang", "-q"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
             for d in (a, b)]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode()
    with Ledger.open(url) as ledger:
        shas = [r[0] for r in ledger.connection.execute("SELECT sha256 FROM documents")]
        expected = {d.sha256 for d in iter_documents([DEMO]) if not isinstance(d, InputError)}
        assert len(shas) == len(set(shas)) and set(shas) == expected
        n_claims = ledger.counts()["claims"]
        linked = ledger.connection.execute("SELECT count(*) FROM claim_incident").fetchone()[0]
        assert linked == n_claims  # every claim linked (or marked unlinkable) exactly once


def test_open_world_fields_on_both_backends(ledger_db: str) -> None:
    """A null-id actor with its entity type, targets, named victims, scope and event: stored in the
    flat columns, exported, the contract round-tripped, linked (the background toll joins none)."""
    from claimweave.link import link_ledger
    from test_open_world_plumbing import open_world_record

    rec = open_world_record()
    with Ledger.open(ledger_db) as ledger:
        assert ledger.write(rec)
        assert list(ledger.iter_records()) == [to_dict(rec)]
        c1, c2 = ledger.claims()
        assert (c1["actor_id"], c1["actor_entity_type"], c1["event"], c1["scope"]) == (
            None, "ORG", "shelling", "incident")
        assert (c2["actor_entity_type"], c2["scope"]) == ("generic", "background")
        assert json.loads(c1["targets_json"])[0]["type"] == "medical"
        assert json.loads(c1["named_victims_json"])[0]["role"] == "journalist"
        out = {fmt: io.StringIO() for fmt in ("jsonl", "csv", "geojson")}
        for fmt, fh in out.items():
            export(ledger, fmt, fh)
        assert link_ledger(ledger).claims == 2
        reasons = [r[0] for r in ledger.connection.execute(
            "SELECT ci.reason FROM claim_incident ci ORDER BY ci.claim")]
    assert reasons == ["main incident of its report: new incident", "a cumulative toll, not one incident"]
    assert [json.loads(x) for x in out["jsonl"].getvalue().splitlines()] == [to_dict(rec)]
    rows = list(csv.DictReader(io.StringIO(out["csv"].getvalue())))
    assert [(r["actor_entity_type"], r["scope"], r["event"], r["targets"], r["named_victims"])
            for r in rows] == [
        ("ORG", "incident", "shelling", "Al-Nau hospital (medical)", "Ana Ruiz (journalist, killed)"),
        ("generic", "background", "shooting", "", "")]
    geo = json.loads(out["geojson"].getvalue())
    assert [f["properties"]["event"] for f in geo["features"]] == ["shelling", "shooting"]
