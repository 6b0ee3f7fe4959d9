"""Incident linking: the demo corpus's Mosul al-Jadida pair, incrementality, grades, exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimweave.cli import main
from claimweave.extract.denials import find_denial, is_denial
from claimweave.link import link_ledger
from claimweave.link.engine import Linker
from claimweave.link.features import ClaimFeatures
from claimweave.store import Ledger

DEMO = Path(__file__).resolve().parents[1] / "corpus" / "demo"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("link") / "demo.db"
    r = CliRunner().invoke(main, ["ingest", str(DEMO), "--db", str(db), "-q", "--no-lang"])
    assert r.exit_code == 0, r.output
    return db


def _records(db: Path) -> list[dict]:
    r = CliRunner().invoke(main, ["incidents", "--db", str(db), "--format", "jsonl"])
    assert r.exit_code == 0
    return [json.loads(x) for x in r.stdout.splitlines() if x.strip()]


def test_mosul_sources_disagree_in_one_incident(demo_db: Path) -> None:
    recs = _records(demo_db)
    docs = {"94c7f5d5ca8cc45a", "7c69421738755e42"}  # article_comments_en_1 (200+), article_1.html (105)
    mosul = [r for r in recs if docs <= {c["document"] for c in r["claims"]}]
    assert len(mosul) == 1
    rec = mosul[0]
    assert rec["grade"] == "contested" or rec["contradictions"]["counts"] > 0
    named = {c for x in rec["reasons"] if x["reason"].startswith(("perpetrator", "civilians"))
             for c in x["claims"]}
    assert any(c.startswith("94c7f5d5ca8cc45a#") for c in named)
    assert any(c.startswith(("7c69421738755e42#", "nw-2017-0525-mosul#")) for c in named)
    assert rec["victims"]["civilians"]["killed"]["min"] == 105
    assert rec["victims"]["civilians"]["killed"]["max"] >= 200


def test_cumulative_toll_is_no_incident(demo_db: Path) -> None:
    # Regression: OHCHR's "more than 300 civilians had been killed since February 17" in west Mosul
    # joined the March 17 strike and raised its count to 300.
    for rec in _records(demo_db):
        assert "94c7f5d5ca8cc45a#c4" not in {f"{c['document']}#{c['claim']}" for c in rec["claims"]}
        assert rec["victims"].get("civilians", {}).get("killed", {}).get("max") != 300
    with Ledger.open(demo_db) as ledger:
        (reason,) = ledger.connection.execute(
            "SELECT ci.reason FROM claim_incident ci JOIN claims c ON c.seq = ci.claim JOIN documents d "
            "ON d.seq = c.doc WHERE d.id = '94c7f5d5ca8cc45a' AND c.id = 'c4'").fetchone()
    assert reason == "a cumulative toll, not one incident"


def test_link_is_incremental(demo_db: Path, tmp_path: Path) -> None:
    with Ledger.open(demo_db) as ledger:
        again = link_ledger(ledger)
    assert again.claims == 0 and again.new_incidents == 0
    db = tmp_path / "two.db"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(DEMO / "article_comments_en_1.txt"), "--db", str(db),
                                "-q", "--no-lang"]).exit_code == 0
    first = _records(db)
    assert runner.invoke(main, ["ingest", str(DEMO / "article_1.html"), "--db", str(db), "-q",
                                "--no-lang"]).exit_code == 0
    with Ledger.open(db) as ledger:
        n = ledger.connection.execute("SELECT count(*) FROM claim_incident").fetchone()[0]
        assert n == ledger.counts()["claims"]
    after = _records(db)
    joined = [r for r in after if {"94c7f5d5ca8cc45a", "7c69421738755e42"} <= {c["document"] for c in r["claims"]}]
    assert joined and joined[0]["id"] in {r["id"] for r in first}  # joined an existing incident


def test_no_link_flag(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    r = CliRunner().invoke(main, ["ingest", str(DEMO / "wire.jsonl"), "--db", str(db), "-q",
                                  "--no-lang", "--no-link"])
    assert r.exit_code == 0
    with Ledger.open(db) as ledger:
        assert ledger.connection.execute("SELECT count(*) FROM claim_incident").fetchone()[0] == 0
        assert link_ledger(ledger).linked > 0


def _f(seq: int, doc: int, day: int, place: str = "g1", lat: float = 36.0, side: str | None = None,
       cause: str | None = "shelling", mask: int = 0b1011) -> ClaimFeatures:
    return ClaimFeatures(seq, doc, "violence", "SY:Aleppo", day - 1, day + 1, True, False, place,
                         lat, 37.0, 2, side, side, cause, 10, 10, mask)


def test_blocking_separates_days_and_towns() -> None:
    lk = Linker()
    a = lk.link(_f(1, 1, 1000))[0]
    assert lk.link(_f(2, 2, 1000))[0] == a  # same town, same day
    assert lk.link(_f(3, 3, 1010))[0] != a  # ten days later
    assert lk.link(_f(4, 4, 1000, place="g2", lat=37.0, mask=0b10000))[0] != a  # 110 km away


def test_reports_that_state_different_days_are_two_incidents() -> None:
    # Regression: with only a same-day bonus, two strikes on the same town on consecutive days,
    # each report stating its day, fell into one incident (FA-KES pairwise precision 0.09).
    lk = Linker()
    a = lk.link(_f(1, 1, 1000))[0]
    assert lk.link(_f(2, 2, 1001, mask=0b1100))[0] != a
    assert lk.link(_f(3, 3, 1000))[0] == a


def test_claims_of_one_report_hold_together() -> None:
    # Regression: a headline ("nerve agent killed at least 74 in Khan Sheikhoun") and its lede
    # (undated, a different cause word) opened two incidents of the demo corpus.
    lk = Linker()
    head = _f(1, 7, 1000, cause="chemical", mask=0b1111)
    head.lo = head.hi = None
    head.precise = False
    a = lk.link(head)[0]
    lede = _f(2, 7, 1000, cause="shelling", mask=0b110000)
    lede.lo = lede.hi = None
    lede.precise = False
    assert lk.link(lede)[0] == a
    other = _f(3, 8, 1000, cause=None, mask=0b11000000)
    other.lo = other.hi = None
    other.precise = False
    assert lk.link(other)[0] != a


def test_independence_one_origin_is_one_line(tmp_path: Path) -> None:
    docs = [{"id": f"w{i}", "outlet": o, "published": "2018-03-02",
             "text": f"{o}: air strikes killed 12 civilians in Atarib on March 1, 2018, according to "
                     "the Syrian Observatory for Human Rights."} for i, o in enumerate(["Alpha Wire", "Beta Post"])]
    src = tmp_path / "w.jsonl"
    src.write_text("\n".join(json.dumps(d) for d in docs), encoding="utf-8")
    db = tmp_path / "i.db"
    assert CliRunner().invoke(main, ["ingest", str(src), "--db", str(db), "-q", "--no-lang"]).exit_code == 0
    (rec,) = [r for r in _records(db) if len(r["claims"]) == 2]
    assert rec["corroboration"]["lines_of_evidence"] == 1
    assert rec["grade"] == "single_source"
    assert rec["sources"][0]["chains"] == sorted(
        {"Alpha Wire < Syrian Observatory for Human Rights", "Beta Post < Syrian Observatory for Human Rights"})


def test_denial_detection() -> None:
    assert is_denial("The Turkish army denied hitting the hospital.")
    assert is_denial("SOHR didn't report any casualties in the town.")
    assert not is_denial("Air strikes killed 12 civilians.")
    t = "The Pentagon denied that its jets struck the town."
    c = find_denial(t, 0, len(t), [])
    assert c is not None and c.kind == "denial"


def test_exports(demo_db: Path) -> None:
    runner = CliRunner()
    csv_out = runner.invoke(main, ["incidents", "--db", str(demo_db), "--format", "csv"]).stdout
    assert csv_out.startswith("id,grade,date_start")
    geo = json.loads(runner.invoke(main, ["incidents", "--db", str(demo_db), "--format", "geojson"]).stdout)
    assert geo["features"] and all(f["geometry"]["type"] == "Point" for f in geo["features"])
    for r in _records(demo_db):
        assert {"id", "claims", "sources", "date", "place", "victims", "actors", "grade", "reasons"} <= set(r)
        assert all(x["claims"] for x in r["reasons"])
