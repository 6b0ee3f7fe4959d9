"""Linking that follows reports (link/reports.py) and incident records that survive junk
(link/record.py, link/evidence.py): main incident, wording, consensus counts, real sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimweave.cli import main
from claimweave.evaluate.fakes_link import wide_ranges
from claimweave.link.engine import Linker
from claimweave.link.evidence import Evidence, real_source
from claimweave.link.features import ClaimFeatures
from claimweave.link.record import build
from claimweave.link.reports import Wording, cosine, main_incident
from claimweave.store import Ledger

DEMO = Path(__file__).resolve().parents[1] / "corpus" / "demo"
FAKES = Path(__file__).resolve().parents[2] / "shared" / "data" / "fakes" / "fakes.csv"


def _f(seq: int, doc: int, place: str | None, day: int | None, start: int = 0, lat: float = 10.0,
       region: str = "XX") -> ClaimFeatures:
    return ClaimFeatures(seq, doc, "violence", region if place else "?",
                         None if day is None else day - 1, None if day is None else day + 1,
                         day is not None, False, place, lat if place else None,
                         20.0 if place else None, 2 if place else 9, None, None, None, None, None,
                         0, start=start)


# --- the report's main incident ----------------------------------------------------------------

def test_main_incident_is_the_place_the_lead_names_and_bare_claims_take_it() -> None:
    lead = _f(1, 5, "gA", 2000, start=10)
    bare = _f(2, 5, None, None, start=400)  # "the blast also wounded ..." with no place or date
    elsewhere = _f(3, 5, "gB", 2000, start=1500, lat=12.0)  # a strike 220 km away, mentioned late
    again = _f(4, 5, "gA", None, start=1700)
    rep = main_incident([lead, bare, elsewhere, again], {})
    assert rep is not None
    assert rep.rep.place_key == "gA" and rep.rep.lo == 1999
    assert [m.seq for m in rep.members] == [1, 2, 4]
    assert [o.seq for o in rep.others] == [3]
    assert bare.place_key == "gA" and bare.lo == 1999  # took the main incident's place and date


def test_background_toll_is_never_the_main_incident() -> None:
    toll = _f(1, 6, "gA", 2000)
    toll.toll = True
    assert main_incident([toll], {}) is None
    rep = main_incident([toll, _f(2, 6, "gB", 2000)], {})
    assert rep is not None and rep.rep.place_key == "gB" and rep.others == [toll]


def _vec(text: str, w: Wording) -> dict[int, float]:
    return w.vectors([text])[0]


def test_wording_tells_two_stories_apart() -> None:
    w = Wording()
    corpus = ["A truck bomb tore through the Qalat fuel depot, guards said",
              "Guards at the Qalat fuel depot described the truck bomb",
              "Police in Varna arrested two men after a knife attack on a tram",
              "Floods closed the coastal road for a week"]
    w.fit(corpus)
    a, b, c = (_vec(t, w) for t in corpus[:3])
    assert cosine(a, b) > 0.3 > cosine(a, c)


def test_undated_reports_join_on_wording_but_never_across_months() -> None:
    w = Wording()
    texts = ["Gunmen stormed the Tolbrek customs post and seized two officers",
             "Two officers seized when gunmen stormed the Tolbrek customs post",
             "Gunmen stormed the Tolbrek customs post and seized two officers"]
    w.fit(texts)
    lk = Linker()

    def report(doc: int, day: int | None, text: str) -> int | None:
        rep = main_incident([_f(doc * 10, doc, None, day)], _vec(text, w))
        assert rep is not None
        return lk.link_report(rep)[0][1]

    first = report(1, None, texts[0])
    assert report(2, None, texts[1]) == first  # no date, no place: the wording joins them
    dated = Linker()
    r1 = main_incident([_f(31, 3, None, 5000)], _vec(texts[0], w))
    r2 = main_incident([_f(41, 4, None, 5060)], _vec(texts[2], w))  # two months later, same words
    assert r1 is not None and r2 is not None
    assert dated.link_report(r1)[0][1] != dated.link_report(r2)[0][1]


def test_report_without_casualty_claim_joins_the_incident(tmp_path: Path) -> None:
    # Three undated reports: two of one raid (one gives a toll, the other only the attack), one of
    # a different raid elsewhere. Our own sentences.
    docs = [
        {"id": "r1", "outlet": "North Ledger", "title": "Raid on Kessin market kills nine",
         "text": "Raid on Kessin market kills nine. Nine people were killed when militiamen of "
                 "the Black Ridge Brigade attacked the Kessin market, the district mayor Anton "
                 "Vell said."},
        {"id": "r2", "outlet": "Harbour Times", "title": "Black Ridge Brigade attacks Kessin market",
         "text": "Black Ridge Brigade attacks Kessin market. Militiamen of the Black Ridge Brigade "
                 "attacked the Kessin market, mayor Anton Vell told reporters."},
        {"id": "r3", "outlet": "North Ledger", "title": "Shelling hits Odrava bridge",
         "text": "Shelling hits Odrava bridge. Army artillery shelled the Odrava bridge, "
                 "killing four soldiers, the regional governor Lisa Marren said."},
    ]
    src = tmp_path / "r.jsonl"
    src.write_text("\n".join(json.dumps(d) for d in docs), encoding="utf-8")
    db = tmp_path / "r.db"
    assert CliRunner().invoke(main, ["ingest", str(src), "--db", str(db), "-q", "--no-lang"]).exit_code == 0
    with Ledger.open(db) as ledger:
        rows = ledger.connection.execute(
            "SELECT d.id AS doc, c.kind AS kind, ci.incident AS inc, ci.reason AS reason FROM claims c "
            "JOIN documents d ON d.seq = c.doc JOIN claim_incident ci ON ci.claim = c.seq").fetchall()
    main_of = {r["doc"]: r["inc"] for r in rows if (r["reason"] or "").startswith("main incident")}
    assert "casualty" not in {r["kind"] for r in rows if r["doc"] == "r2"}
    assert main_of["r1"] == main_of["r2"] != main_of["r3"]


# --- records: consensus counts, real sources ---------------------------------------------------

def _ev(ref: str, origin: str, killed: int | None, *, origin_id: str | None = None,
        background: bool = False) -> Evidence:
    victims = [] if killed is None else [{"type": "civilians", "outcome": "killed", "min": killed,
                                          "max": killed, "text": ""}]
    return Evidence(ref=f"d{ref}#c1", seq=int(ref), doc=f"d{ref}", kind="casualty", text="",
                    chain=[origin], origin=origin.lower(), origin_name=origin, actor_id=None,
                    actor=None, side=None, claimant_side=None, denial=False, concession=False,
                    victims=victims, date=None, place=None, published=None, origin_id=origin_id,
                    background=background)


def test_count_is_the_consensus_and_an_outlier_is_a_contradiction() -> None:
    rec = build(1, [_ev("1", "Kora Wire", 48), _ev("2", "Delta Radio", 52),
                    _ev("3", "Misty Post", 50), _ev("4", "Loud Blog", 2_000_000)])
    k = rec["victims"]["civilians"]["killed"]
    assert (k["min"], k["max"], k["median"], k["lines"]) == (48, 52, 50, 4)
    assert [o["claim"] for o in k["outliers"]] == ["d4#c1"]
    assert any("Loud Blog says 2000000" in r["reason"] for r in rec["reasons"])
    assert rec["contradictions"]["counts"] >= 1


def test_background_toll_counts_nothing() -> None:
    rec = build(2, [_ev("1", "Kora Wire", 12), _ev("2", "Delta Radio", 230_000, background=True)])
    assert rec["victims"]["civilians"]["killed"]["max"] == 12


@pytest.mark.parametrize("name", ["Apr 2017 An", "Tuesday a monitor", "The United", "a Police",
                                  "Activists", "Britain-based", "Aleppo Syrian", "2 sources",
                                  "local residents", ""])
def test_fragments_are_no_line_of_evidence(name: str) -> None:
    assert not real_source(name)


@pytest.mark.parametrize("name", ["Syrian Observatory for Human Rights", "Observatory", "Reuters",
                                  "Anton Vell", "@kessin_watch", "Black Ridge Brigade"])
def test_real_sources(name: str) -> None:
    assert real_source(name)


def test_short_names_are_the_same_line() -> None:
    rec = build(3, [_ev("1", "Syrian Observatory for Human Rights", 7), _ev("2", "Observatory", 7),
                    _ev("3", "SOHR", 7), _ev("4", "Kora Wire", 7)])
    assert rec["corroboration"]["lines_of_evidence"] == 2
    # a knowledge-base line takes the short forms of its knowledge-base name too
    rec = build(4, [_ev("1", "SOHR", 7, origin_id="sohr"), _ev("2", "Observatory", 7)])
    assert rec["corroboration"]["lines_of_evidence"] == 1


# --- acceptance: no count range stretched by junk -----------------------------------------------

def _fragments(ledger: Ledger) -> list[str]:
    """Lines of evidence that are neither an outlet (first in one of their chains) nor a real
    source."""
    from claimweave.store.incidents import iter_records

    return [s["origin"] for rec in iter_records(ledger.connection) for s in rec["sources"]
            if not real_source(s["origin"], s["actor_id"])
            and not any(ch.split(" < ")[0] == s["origin"] for ch in s["chains"])]


def test_demo_ledger_has_no_wide_count_range(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    r = CliRunner().invoke(main, ["ingest", str(DEMO), "--db", str(db), "-q", "--no-lang"])
    assert r.exit_code == 0, r.output
    with Ledger.open(db) as ledger:
        assert wide_ranges(ledger) == []
        assert _fragments(ledger) == []
        n = ledger.connection.execute("SELECT count(*) FROM incidents WHERE record IS NOT NULL")
        assert n.fetchone()[0] > 0


@pytest.mark.gate
def test_fakes_train_ledger_has_no_wide_count_range(tmp_path: Path) -> None:
    if not FAKES.is_file():
        pytest.skip(f"FA-KES not found at {FAKES}")
    from claimweave.evaluate.fakes_link import link_fakes

    with Ledger.open(tmp_path / "fakes.db") as ledger:
        link_fakes(FAKES, ledger, "train")
        assert wide_ranges(ledger) == []
        assert _fragments(ledger) == []
