"""Weapons lexicon and finder."""

from __future__ import annotations

import pytest

from claimweave.annotate.weapons import CAUSES, LexiconError, build, find_weapons, load_lexicon


def found(text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.weapon, m.cause) for m in find_weapons(text)]


def test_lexicon_loads() -> None:
    lex = load_lexicon()
    assert lex is load_lexicon()
    assert set(lex.causes.values()) == set(CAUSES)
    assert lex.causes["barrel_bomb"] == "shelling"
    assert lex.causes["white_phosphorus"] == "shelling"


@pytest.mark.parametrize("data", [
    {"weapons": [{"id": "a", "cause": "gas", "phrases": ["x"]}]},
    {"weapons": [{"id": "a", "cause": "shelling", "phrases": ["x"]},
                 {"id": "b", "cause": "shooting", "phrases": ["x"]}]},
    {"weapons": [{"id": "a", "cause": "shelling", "phrases": ["x"]}], "guards": {"y": {"not_next": ["z"]}}},
])
def test_lexicon_validation(data: dict[str, object]) -> None:
    with pytest.raises(LexiconError):
        build(data)


@pytest.mark.parametrize("text, weapon, cause", [
    ("Airstrikes hit the market", "airstrike", "shelling"),
    ("an air strike on the hospital", "airstrike", "shelling"),
    ("Russian warplanes struck the town", "airstrike", "shelling"),
    ("the area was shelled overnight", "shelling", "shelling"),
    ("jets bombed the village", "airstrike", "shelling"),
    ("helicopters dropped barrel bombs", "barrel_bomb", "shelling"),
    ("mortar shells landed in the square", "mortar", "shelling"),
    ("a cruise missile", "missile", "shelling"),
    ("Grad rockets fell", "rocket", "shelling"),
    ("white phosphorus munitions", "white_phosphorus", "shelling"),
    ("a car bomb went off", "car_bomb", "explosion"),
    ("a suicide bomber attacked", "suicide_bombing", "explosion"),
    ("an IED planted by the road", "ied", "explosion"),
    ("a landmine killed two shepherds", "landmine", "explosion"),
    ("a huge blast rocked the city", "explosion", "explosion"),
    ("a chlorine attack", "chlorine", "chemical"),
    ("exposure to sarin", "sarin", "chemical"),
    ("the chemical attack on the town", "chemical_weapon", "chemical"),
    ("killed by sniper fire", "sniper", "shooting"),
    ("he was shot dead at a checkpoint", "gunfire", "shooting"),
    ("gunmen opened fire on the crowd", "gunfire", "shooting"),
    ("heavy clashes continued", "clashes", "shooting"),
    ("five men were executed in the square", "execution", "execution"),
    ("a hostage was beheaded", "beheading", "execution"),
    ("field executions of prisoners", "execution", "execution"),
    # French
    ("des frappes aériennes sur Idleb", "airstrike", "shelling"),
    ("un bombardement du régime", "shelling", "shelling"),
    ("des obus sont tombés", "shelling", "shelling"),
    ("des barils d'explosifs", "barrel_bomb", "shelling"),
    ("une voiture piégée a explosé", "car_bomb", "explosion"),
    ("un attentat-suicide", "suicide_bombing", "explosion"),
    ("trois civils exécutés", "execution", "execution"),
    ("une attaque au chlore", "chlorine", "chemical"),
    ("du gaz toxique", "chemical_weapon", "chemical"),
    ("tués par des tireurs embusqués", "sniper", "shooting"),
])
def test_phrase_to_cause(text: str, weapon: str, cause: str) -> None:
    ms = find_weapons(text)
    assert (ms[0].weapon, ms[0].cause) == (weapon, cause), ms


def test_longest_match() -> None:
    assert found("a barrel bomb") == [("barrel bomb", "barrel_bomb", "shelling")]
    assert found("a car-bomb") == [("car-bomb", "car_bomb", "explosion")]
    assert found("chlorine barrel bombs") == [("chlorine barrel bombs", "chlorine", "chemical")]
    assert found("a suicide car bomb") == [("suicide car bomb", "suicide_bombing", "explosion")]


@pytest.mark.parametrize("text", [
    "a bombshell report on the war",
    "a strike of the workers at the port",
    "prisoners on hunger strike in Sednaya",
    "the two sides struck a deal on Thursday",
    "the army executed the plan flawlessly",
    "the execution of the agreement",
    "a shell company in Cyprus",
    "the jet fuel price",
    "a population explosion",
    "the photo shooting session",
    "the helicopter was shot down",
    "a gas station",
    "He said it is mine.",
    "rocket science",
    "bombarded with questions",
])
def test_near_misses(text: str) -> None:
    assert found(text) == [], found(text)


def test_strike_in_context() -> None:
    assert found("a strike on the hospital")[0][1:] == ("strike", "shelling")
    assert found("#airstrikes in #Idlib")[0][:2] == ("#airstrikes", "airstrike")


def test_offsets_and_base() -> None:
    text = "Witnesses said a car bomb exploded, then snipers opened fire."
    ms = find_weapons(text, base=7)
    assert [m.weapon for m in ms] == ["car_bomb", "explosion", "sniper", "gunfire"]
    for m in ms:
        assert text[m.start - 7:m.end - 7] == m.text
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:], strict=False))
