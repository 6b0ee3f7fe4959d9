"""Persuasion techniques and framing on the team's own sentences: a hit and a near miss each."""

from __future__ import annotations

import pytest

from claimweave.frame import find_frames
from claimweave.pipeline import make_document, run

HITS = {
    "loaded_language": "The cowardly raid on the bakery was the work of bloodthirsty commanders.",
    "name_calling": "Once again the US-backed jihadists shelled the western districts of the city.",
    "exaggeration_minimisation": "Absolutely nothing stood in the valley after the campaign, as everyone knows.",
    "doubt": "The so-called moderate opposition ran the checkpoint for two years.",
    "appeal_to_fear": "If nobody acts now, Idlib will be next and the region stands on the brink of catastrophe.",
    "flag_waving": "Our heroic army will return every village to the motherland.",
    "causal_oversimplification": "The real reason for the strikes is the oil under the eastern desert.",
    "whataboutism": "What about the hospitals the other side bombed last winter?",
    "slogans": "Print what you like: the truth will prevail. Hands off Syria!",
    "appeal_to_authority": "Experts agree that the footage is authentic, so the matter is closed.",
    "questioning_reputation": "These reports come straight from a propaganda outlet of the Gulf monarchies.",
}

NEAR_MISSES = {
    # Slur inside a direct quote attributed to its speaker, reported neutrally.
    "name_calling": '“These mercenaries will be crushed,” the governor said on state television.',
    # "liberated" in a direct quote: the speaker's framing, not the writer's.
    "loaded_language": '“We liberated the town from the barbaric gangs,” a commander told reporters.',
    "doubt": "The monitor said 12 civilians were killed in the alleged strike on Tuesday.",
    "exaggeration_minimisation": "The convoy carried food for the whole district, aid workers said.",
    "whataboutism": "Residents asked what aid would arrive next week.",
    "questioning_reputation": "Reuters and AFP both reported the toll from the market strike.",
}


def _frames(text: str):
    rec = run(make_document(text))
    return rec, find_frames(text, rec.units)


@pytest.mark.parametrize("technique", sorted(HITS))
def test_each_technique_is_found(technique: str) -> None:
    _, f = _frames(HITS[technique])
    found = {m.technique for m in f.marks}
    assert technique in found, found
    mark = next(m for m in f.marks if m.technique == technique)
    assert mark.reason and "“" in mark.reason  # a reason a person can check, quoting the words


def test_repetition() -> None:
    text = ("The crimes of the occupiers continue. Every day brings new crimes of the occupiers. "
            "Nobody speaks of the crimes of the occupiers.")
    _, f = _frames(text)
    assert [m.technique for m in f.marks].count("repetition") == 3


@pytest.mark.parametrize("technique", sorted(NEAR_MISSES))
def test_near_misses_do_not_fire(technique: str) -> None:
    _, f = _frames(NEAR_MISSES[technique])
    assert technique not in {m.technique for m in f.marks}


def test_reported_labels_are_not_the_writers() -> None:
    # Regression: wire copy that reports a label ("what it called") was marked as name calling.
    _, f = _frames("The army said the Nusra Front and what it called other terrorist groups shelled the town.")
    assert "name_calling" not in {m.technique for m in f.marks}
    _, f = _frames("The opposition described the raid as a heinous crime, the agency reported.")
    assert "loaded_language" not in {m.technique for m in f.marks}
    _, f = _frames("A video purportedly shot in the town showed a flooded basement.")
    assert "doubt" not in {m.technique for m in f.marks}


def test_quoted_liberated_is_not_the_writers_framing() -> None:
    _, f = _frames('“We liberated the town,” the commander said.')
    assert not [t for t in f.terms if t.term == "liberated"]
    _, f = _frames("Government forces liberated the town on Sunday.")
    assert [t.term for t in f.terms if t.concept == "territory_change"] == ["liberated"]


def test_framing_vocabulary_by_concept() -> None:
    _, f = _frames("The regime shelled the rebels. The government said terrorists attacked first.")
    got = [(t.concept, t.term) for t in f.terms]
    assert ("syrian_state", "regime") in got and ("syrian_state", "government") in got
    assert ("armed_opposition", "rebels") in got


def test_unit_register_and_call_to_action() -> None:
    text = ("Strikes hit the town\n\nWarplanes struck the market on Monday, killing 9 people, "
            "the monitor said.\n\nPlease donate today so that our two reporters can stay in the field.")
    rec, f = _frames(text)
    modes = {m.unit_id: m for m in f.modes}
    body = next(u for u in rec.units if "Warplanes" in text[u.start:u.end])
    appeal = next(u for u in rec.units if "donate" in text[u.start:u.end])
    assert modes[body.id].mode == "reporting" and not modes[body.id].call_to_action
    assert modes[appeal.id].call_to_action


def test_satire_like_comment() -> None:
    _, f = _frames("A fourth truce this spring, signed in the same hotel. What could possibly go wrong ;-)")
    assert any(m.mode == "satire" for m in f.modes)


def test_french_techniques() -> None:
    _, f = _frames("Les mercenaires du soi-disant gouvernement ont encore frappé, une boucherie.")
    found = {m.technique for m in f.marks}
    assert {"name_calling", "doubt", "loaded_language"} <= found


def test_frames_are_in_the_contract() -> None:
    import claimweave

    rec = claimweave.extract("The cowardly strike killed 4 civilians in Douma, activists said.")
    assert rec["frames"] and {"technique", "start", "end", "unit_id", "reason"} <= set(rec["frames"][0])
    assert all("mode" in u for u in rec["units"])
    rec = claimweave.extract("The regime said the regime would answer. The government denied it.")
    assert rec["framing_summary"]["syrian_state"] == {"regime": 2, "government": 1}


def test_frames_are_stored_and_summed_per_source(tmp_path) -> None:
    from click.testing import CliRunner

    from claimweave.cli import main

    a = tmp_path / "a.jsonl"
    a.write_text(
        '{"id": "1", "outlet": "Outlet A", "text": "The regime shelled the town. Regime jets returned. '
        'The cowardly raid killed 5 civilians, activists said."}\n'
        '{"id": "2", "outlet": "Outlet B", "text": "Government forces shelled the town, killing 5 civilians, '
        'the monitor said."}\n', encoding="utf-8")
    db = tmp_path / "l.db"
    r = CliRunner().invoke(main, ["ingest", str(a), "--db", str(db), "-q", "--no-link"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["framing", "--db", str(db), "--json"])
    assert r.exit_code == 0, r.output
    import json

    rows = {x["source"]: x for x in json.loads(r.output)}
    assert rows["Outlet A"]["terms"]["syrian_state"] == {"regime": 2}
    assert rows["Outlet B"]["terms"]["syrian_state"] == {"government": 1}
    assert rows["Outlet A"]["techniques"].get("loaded_language") == 1
    assert not rows["Outlet B"]["techniques"]


def test_every_technique_on_a_page_of_ours() -> None:
    from pathlib import Path

    text = (Path(__file__).parent / "frames_pages" / "persuasion_1.txt").read_text(encoding="utf-8")
    rec = run(make_document(text, path="persuasion_1.txt"))
    found = {m.technique for m in rec.frames.marks}
    assert set(HITS) | {"repetition"} <= found, set(HITS) - found
    # The commenter quotes the governor's slur: that quote is the governor's, not a mark.
    quote_at = text.index("These mercenaries")
    assert not [m for m in rec.frames.marks if m.start >= quote_at and m.technique == "name_calling"]
