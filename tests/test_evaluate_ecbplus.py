"""The ECB+ linking metrics on tiny hand-made clusterings whose scores are worked out by hand,
and the baseline's grouping. No ECB+ data is needed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimweave.cli import main
from claimweave.evaluate.ecbplus import bcubed, pairwise, same_place_within, topic_of

# Gold: events A = {a, b, c}, B = {d, e}.
GOLD = {"a": "A", "b": "A", "c": "A", "d": "B", "e": "B"}


def test_perfect_clustering() -> None:
    pred = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
    pw, b3 = pairwise(GOLD, pred), bcubed(GOLD, pred)
    assert (pw.precision, pw.recall, pw.f1) == (1.0, 1.0, 1.0)
    assert (pw.gold_pairs, pw.our_pairs, pw.true_pairs) == (4, 4, 4)
    assert (b3.precision, b3.recall, b3.f1) == (1.0, 1.0, 1.0)


def test_all_singletons() -> None:
    # No predicted pair: pairwise precision has nothing to divide by and is 0 by convention.
    pred: dict[str, int] = {}
    pw, b3 = pairwise(GOLD, pred), bcubed(GOLD, pred)
    assert (pw.precision, pw.recall, pw.f1, pw.gold_pairs, pw.our_pairs) == (0.0, 0.0, 0.0, 4, 0)
    # B-cubed: every item's cluster is itself (precision 1); recall 1/3 for a, b, c, 1/2 for d, e.
    assert b3.precision == 1.0
    assert b3.recall == pytest.approx((3 * 1 / 3 + 2 * 1 / 2) / 5)  # 0.4
    assert b3.f1 == pytest.approx(2 * 0.4 / 1.4)


def test_everything_in_one_cluster() -> None:
    pred = dict.fromkeys(GOLD, 0)
    pw, b3 = pairwise(GOLD, pred), bcubed(GOLD, pred)
    assert (pw.our_pairs, pw.true_pairs) == (10, 4)
    assert pw.precision == pytest.approx(0.4) and pw.recall == 1.0
    assert pw.f1 == pytest.approx(2 * 0.4 / 1.4)
    # Precision 3/5 for a, b, c and 2/5 for d, e: (9/5 + 4/5) / 5 = 13/25.
    assert b3.precision == pytest.approx(13 / 25) and b3.recall == 1.0


def test_split_and_merge() -> None:
    # Predicted {a, b}, {c, d}, {e}.
    pred = {"a": 1, "b": 1, "c": 2, "d": 2, "e": 3}
    pw, b3 = pairwise(GOLD, pred), bcubed(GOLD, pred)
    # Predicted pairs ab, cd; gold pairs ab, ac, bc, de: one right.
    assert (pw.our_pairs, pw.true_pairs, pw.gold_pairs) == (2, 1, 4)
    assert pw.precision == 0.5 and pw.recall == 0.25
    assert pw.f1 == pytest.approx(1 / 3)
    # Precision: a 1, b 1, c 1/2, d 1/2, e 1 -> 4/5; recall: a 2/3, b 2/3, c 1/3, d 1/2, e 1/2 -> 8/15.
    assert b3.precision == pytest.approx(4 / 5)
    assert b3.recall == pytest.approx(8 / 15)
    assert b3.f1 == pytest.approx(2 * (4 / 5) * (8 / 15) / (4 / 5 + 8 / 15))


def test_restricted_to_ids_and_missing_items_alone() -> None:
    # Only a, b, d counted; d missing from pred is a cluster of its own.
    pred = {"a": 1, "b": 1, "e": 1}
    pw, b3 = pairwise(GOLD, pred, ["a", "b", "d"]), bcubed(GOLD, pred, ["a", "b", "d"])
    assert (pw.gold_pairs, pw.our_pairs, pw.true_pairs) == (1, 1, 1)
    assert (b3.precision, b3.recall) == (1.0, 1.0)
    # Over everything, e joins a and b wrongly and d stays alone.
    pw = pairwise(GOLD, pred)
    assert (pw.gold_pairs, pw.our_pairs, pw.true_pairs) == (4, 3, 1)


def test_empty() -> None:
    assert pairwise({}, {}).f1 == 0.0
    assert bcubed({}, {}).f1 == 0.0


def test_baseline_same_place_within_three_days() -> None:
    d = date(2011, 11, 10)
    facts = {
        "p1": ("x", d), "p2": ("x", date(2011, 11, 13)), "p3": ("x", date(2011, 11, 16)),  # chained
        "p4": ("x", date(2011, 11, 20)),  # 4 days after p3: a new group
        "q1": ("y", d), "q2": ("y", None),  # an unknown day joins its place
        "q3": ("y", date(2012, 1, 1)),
        "r1": (None, d), "r2": (None, d),  # no place: alone
    }
    g = same_place_within(facts)
    assert g["p1"] == g["p2"] == g["p3"] != g["p4"]
    assert g["q1"] == g["q2"] == g["q3"]
    assert g["r1"] != g["r2"] and g["r1"] != g["p1"]
    strict = same_place_within(facts, strict=True)
    assert strict["p1"] == strict["p3"] != strict["p4"]
    assert strict["q1"] != strict["q3"] and strict["q2"] not in {strict["q1"], strict["q3"]}
    assert len({strict["q2"], strict["r1"], strict["r2"]}) == 3


def test_topic_of() -> None:
    assert topic_of("8_3ecbplus") == 8 and topic_of("45_12ecb") == 45


def test_cli_rejects_bad_topics_and_directories(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["eval", "links", "ecbplus", str(tmp_path), "--topics", "8"])
    assert r.exit_code == 2 and "docs.jsonl" in r.output
    r = CliRunner().invoke(main, ["eval", "links", "ecbplus", str(tmp_path), "--topics", "eight"])
    assert r.exit_code == 2 and "topic numbers" in r.output


class _Rows:
    def __init__(self, rows: list[dict[str, object]]) -> None:
        self.rows = rows

    def execute(self, sql: str) -> _Rows:
        assert "ORDER BY c.seq" in sql
        return self

    def fetchall(self) -> list[dict[str, object]]:
        return self.rows


class _Ledger:
    def __init__(self, rows: list[dict[str, object]]) -> None:
        self.connection = _Rows(rows)


def test_main_incident_is_the_most_joined_ties_to_the_earliest_claim() -> None:
    from claimweave.evaluate.ecbplus import main_incidents

    rows = [{"doc": "a", "inc": 7, "reason": "x"}, {"doc": "a", "inc": 3, "reason": "x"},
            {"doc": "a", "inc": 3, "reason": "x"},  # 3 twice
            {"doc": "b", "inc": 9, "reason": "x"}, {"doc": "b", "inc": 4, "reason": "x"},  # a tie: 9 came first
            {"doc": "c", "inc": 5, "reason": None}]
    assert main_incidents(_Ledger(rows)) == {"a": 3, "b": 9, "c": 5}  # type: ignore[arg-type]


def test_main_incident_is_the_one_the_report_main_claims_joined() -> None:
    from claimweave.evaluate.ecbplus import MAIN, main_incidents

    rows = [{"doc": "a", "inc": 7, "reason": "another incident of its report: same place"},
            {"doc": "a", "inc": 7, "reason": "another incident of its report: same day"},
            {"doc": "a", "inc": 3, "reason": f"{MAIN}: new incident"}]
    assert main_incidents(_Ledger(rows)) == {"a": 3}  # type: ignore[arg-type]
