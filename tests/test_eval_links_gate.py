"""The ECB+ linking gate: documents of the violent topics grouped by their main incident may not
score below the floor (pairwise F1 against the gold events). Floors are lowered only on purpose,
in a commit that says why. `claimweave eval links ecbplus ../shared/data/ecbplus --topics violent`
prints the whole table (all topics without --topics)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimweave.evaluate.ecbplus import VIOLENT, evaluate, topics_in

ECBPLUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus"

# Measured 2026-12-04 on the violent topics (239 documents, 22 events) at e5dd9a7, 15 s here:
# ours pairwise P 0.840 R 0.177 F1 0.292, B-cubed F1 0.407; the baseline "same place within
# 3 days" (an unknown day rules nothing out) pairwise F1 0.559, B-cubed 0.641. The issue asks
# for at least 0.75 and above the baseline; this floor only keeps today's figure from falling.
PAIRWISE_F1_FLOOR = 0.27


def _skip_without_data() -> None:
    if not (ECBPLUS / "docs.jsonl").is_file() or not (ECBPLUS / "gold.json").is_file():
        pytest.skip(f"ECB+ not found at {ECBPLUS} (../shared/data/ecbplus is not beside this clone)")


@pytest.fixture(scope="module")
def report():
    _skip_without_data()
    return evaluate(ECBPLUS, VIOLENT)


@pytest.mark.gate
def test_violent_topics_pairwise_f1_floor(report) -> None:
    f1 = report.overall.ours_pairwise.f1
    assert f1 >= PAIRWISE_F1_FLOOR, f"ECB+ violent pairwise F1 {f1:.3f} fell below the floor {PAIRWISE_F1_FLOOR}"


@pytest.mark.gate
def test_report_has_every_topic_row(report) -> None:
    assert [r.label for r in report.rows] == [str(t) for t in VIOLENT]
    assert all(r.documents > 0 and r.events == 2 for r in report.rows)
    assert report.overall.documents == 239 and report.overall.events == 22
    assert not [d.id for d in report.docs if d.failed]
    # The baseline is computed in the same run, on the same documents.
    assert report.overall.base_pairwise.gold_pairs == report.overall.ours_pairwise.gold_pairs


def test_all_topics_by_default() -> None:
    _skip_without_data()
    # A run without --topics takes every topic: 43 (ECB+ numbers them 1-45 without 15 and 17).
    topics = topics_in(ECBPLUS)
    assert len(topics) == 43 and set(VIOLENT) <= set(topics)
