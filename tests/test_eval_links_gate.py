"""The ECB+ linking gate: documents of the violent topics grouped by their main incident may not
score below the floor (pairwise F1 against the gold events). Floors are lowered only on purpose,
in a commit that says why. `claimweave eval links ecbplus ../shared/data/ecbplus --topics violent`
prints the whole table (all topics without --topics)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimweave.evaluate.ecbplus import VIOLENT, evaluate, topics_in

ECBPLUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus"

# Measured 2026-12-04 on the violent topics (239 documents, 22 events), linking report by report
# (link/reports.py: main incident, TF-IDF wording, second look), 30 s here: ours pairwise P 0.91
# R 0.65 F1 0.760, B-cubed F1 0.812; the baseline "same place within 3 days" in the same run
# 0.568 (B-cubed 0.644). With the place extraction in the middle of a change the same code gave
# 0.737 (against a baseline of 0.413), so the floor sits a little under both. It was 0.27 (report
# linking raised it); the issue asks for 0.75 and above the baseline.
PAIRWISE_F1_FLOOR = 0.73


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
    base = report.overall.base_pairwise.f1
    assert f1 > base, f"ECB+ violent pairwise F1 {f1:.3f} is not above the baseline's {base:.3f}"


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
