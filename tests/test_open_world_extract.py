"""Open-world extraction end to end: batching changes nothing, and the fixes of issue 12 hold."""

from __future__ import annotations

from pathlib import Path

import claimweave
from claimweave.pipeline import make_document, run, run_batch
from claimweave.record import to_dict

DEMO = Path(__file__).resolve().parents[1] / "corpus" / "demo"


def _claims(text: str) -> list[dict]:
    return list(claimweave.extract(text, published="2024-01-15")["claims"])


def test_a_batch_gives_the_records_of_single_runs() -> None:
    docs = [make_document(p.read_text(encoding="utf-8"), path=str(p)) for p in sorted(DEMO.glob("*.txt"))]
    batched = run_batch(docs)
    assert all(not isinstance(r, Exception) for r in batched)
    assert [to_dict(r) for r in batched] == [to_dict(run(d)) for d in docs]  # type: ignore[arg-type]


def test_a_failing_document_fails_alone() -> None:
    good = make_document("Gunmen killed two farmers near Jos on Monday, police said.")
    bad = make_document("x", doc_id="bad")
    bad = bad.__class__(**{**{f: getattr(bad, f) for f in bad.__slots__}, "text": None})  # type: ignore[arg-type]
    out = run_batch([good, bad, good])
    assert isinstance(out[1], Exception)
    assert not isinstance(out[0], Exception) and not isinstance(out[2], Exception)
    assert to_dict(out[0]) == to_dict(out[2])  # type: ignore[arg-type]


def test_one_person_named_by_a_noun_is_a_victim() -> None:
    (c,) = _claims("A man was stabbed to death in a market in Kano on Friday night, police said.")
    assert c["kind"] == "casualty" and c["event"] == "stabbing"
    assert [(v["min"], v["outcome"]) for v in c["victims"]] == [(1, "killed")]


def test_a_kidnapping_of_one_is_its_own_kind() -> None:
    (c,) = _claims("Gunmen kidnapped a teacher on the road to Gusau on Monday, residents said.")
    assert c["kind"] == "kidnapping"
    assert c["actor"]["entity_type"] == "generic" and c["actor"]["actor_id"] is None
    assert c["victims"][0]["outcome"] == "held"


def test_whoever_is_told_of_a_denial_is_not_denied() -> None:
    (d,) = [c for c in _claims("Israeli strikes killed nine people in Rafah, medics said. The army "
                               "rejected the figures, telling Reuters it had hit only militants.")
            if c["kind"] == "denial"]
    assert (d["actor"] or {}).get("name") != "Reuters"


def test_a_common_word_alias_links_nowhere_without_a_country() -> None:
    (c,) = _claims("Militants ambushed an army convoy at dawn, killing seven soldiers.")
    assert c["actor"]["actor_id"] is None and c["actor"]["entity_type"] == "generic"


def test_a_group_outside_the_knowledge_base_is_kept_by_its_name() -> None:
    (c,) = _claims("Rapid Support Forces fighters stormed the hospital in El Fasher and killed two "
                   "nurses with machetes, the Sudan Doctors Network said.")
    assert c["actor"]["name"] == "Rapid Support Forces" and c["actor"]["actor_id"] is None
    assert [t["type"] for t in c["targets"]] == ["medical"]
    assert c["claimant"]["name"] == "Sudan Doctors Network"
    assert c["weapon"] == "machete"
