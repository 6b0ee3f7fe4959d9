"""The FA-KES evaluation gate (in trafilatura's manner): the per-field accuracy on the TRAIN
split may not fall below these floors. Floors are lowered only on purpose, in a commit that
says why. The test split is reported by `claimweave eval fakes ... --split test`, never tuned on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimweave.evaluate.fakes import FIELDS, evaluate

FAKES = Path(__file__).resolve().parents[2] / "shared" / "data" / "fakes" / "fakes.csv"

# Measured 2026-11-23 on the train split (640 articles): location 0.934, actor 0.736,
# cause 0.858, date 0.700, civilians 0.823. Floors sit a little below.
FLOORS = {"location": 0.92, "actor": 0.72, "cause": 0.85, "date": 0.69, "civilians": 0.80}


@pytest.fixture(scope="module")
def report():
    if not FAKES.is_file():
        pytest.skip(f"FA-KES corpus not found at {FAKES} (../shared/data/fakes is not beside this clone)")
    return evaluate(FAKES, "train")


def test_every_train_article_is_evaluated(report) -> None:
    assert len(report.items) == 640


@pytest.mark.gate
@pytest.mark.parametrize("field", FIELDS)
def test_train_accuracy_floor(report, field: str) -> None:
    acc = report.accuracy(field)
    assert acc >= FLOORS[field], f"{field}: {acc:.3f} fell below the floor {FLOORS[field]}"


# Incident linking against FA-KES's grouping (same crowd date, location, actor and cause).
# Measured 2026-12-04 (98a34db) on the train split's pairs: precision 0.121, recall 0.514, F1 0.196.
# Lowered on purpose from 0.26 (F1 0.279: P 0.245, R 0.324): issue 14 replaced this gate by the
# ECB+ one (tests/test_eval_links_gate.py), and its report-level linking joins more FA-KES articles
# than the crowd's exact (date, place, actor, cause) grouping does; README "Incidents" gives both.
# Kept as a guard against further falls.
LINK_F1_FLOOR = 0.18


@pytest.mark.gate
def test_train_link_pairwise_f1_floor(tmp_path: Path) -> None:
    if not FAKES.is_file():
        pytest.skip(f"FA-KES corpus not found at {FAKES} (../shared/data/fakes is not beside this clone)")
    from claimweave.evaluate.fakes_link import article_incidents, link_fakes, score
    from claimweave.store import Ledger

    with Ledger.open(tmp_path / "fakes.db") as ledger:
        link_fakes(FAKES, ledger)
        sc = score(FAKES, article_incidents(ledger), "train")
    assert len(sc.gold) == 142
    assert sc.f1 >= LINK_F1_FLOOR, f"link pairwise F1 {sc.f1:.3f} fell below the floor {LINK_F1_FLOOR}"
