"""Actor knowledge base and finder."""

from __future__ import annotations

import pytest

from claimweave.annotate.actors import (
    ACTOR_TYPES,
    FAKES_ACTORS,
    ActorKB,
    KBError,
    find_actors,
    load_kb,
)
from mentions import assert_spans


def ids(text: str) -> list[str]:
    return [m.actor_id for m in find_actors(text)]


def texts(text: str) -> list[str]:
    return [m.text for m in find_actors(text)]


def test_kb_loads_and_validates() -> None:
    kb = load_kb()
    assert kb is load_kb()  # cached
    assert len(kb) >= 200
    seen = set()
    for actor in kb:
        assert actor.id not in seen
        seen.add(actor.id)
        assert actor.type in ACTOR_TYPES
        assert actor.fakes_actor is None or actor.fakes_actor in FAKES_ACTORS
        assert actor.name in actor.aliases
    assert kb.get("isis").name == "Islamic State"
    with pytest.raises(KeyError):
        kb.get("no_such_actor")


def _entry(**kw: object) -> dict[str, object]:
    e: dict[str, object] = {"id": "x", "name": "X Group", "type": "armed_group", "side": None,
                            "country": None, "fakes_actor": None, "aliases": []}
    e.update(kw)
    return e


@pytest.mark.parametrize("bad", [
    [_entry(), _entry()],  # duplicate id
    [_entry(type="militia")],  # unknown type
    [_entry(side="martians")],
    [_entry(fakes_actor="rebels")],
    [_entry(country="Syria")],
    [_entry(military="nobody")],
    [_entry(), _entry(id="y", name="Y", aliases=["X Group"])],  # alias names two actors
])
def test_kb_validation_rejects(bad: list[dict[str, object]]) -> None:
    with pytest.raises(KBError):
        ActorKB(bad)


@pytest.mark.parametrize("text, actor_id", [
    ("Daesh fighters", "isis"),
    ("les combattants de Daech", "isis"),
    ("l'État islamique a revendiqué", "isis"),
    ("l'Etat islamique a revendiqué", "isis"),
    ("بيان داعش", "isis"),
    ("ISIL", "isis"),
    ("Jabhat al-Nusra", "al_nusra_front"),
    ("Jabhat al Nusra", "al_nusra_front"),
    ("Hay’at Tahrir al-Sham", "hayat_tahrir_al_sham"),
    ("هيئة تحرير الشام", "hayat_tahrir_al_sham"),
    ("les Forces démocratiques syriennes", "sdf"),
    ("the FDS", "sdf"),
    ("the Syrian Observatory for Human Rights", "sohr"),
    ("selon l'OSDH", "sohr"),
    ("the UK-based monitoring group", "sohr"),
    ("the Syrian Arab Army", "syrian_arab_army"),
    ("l'armée syrienne", "syrian_arab_army"),
    ("the Tiger Forces", "tiger_forces"),
    ("Russian Aerospace Forces", "russian_aerospace_forces"),
    ("the Russian MoD", "russian_defence_ministry"),
    ("CJTF-OIR", "cjtf_oir"),
    ("Operation Inherent Resolve", "cjtf_oir"),
    ("la coalition internationale", "international_coalition"),
    ("التحالف الدولي", "international_coalition"),
    ("Hashd al-Shaabi", "popular_mobilization_units"),
    ("Casques blancs", "white_helmets"),
    ("Syria Civil Defence", "white_helmets"),
    ("Médecins Sans Frontières", "msf"),
    ("Medecins Sans Frontieres", "msf"),
    ("the OPCW", "opcw"),
    ("Enab Baladi", "enab_baladi"),
    ("Inside Syria Media Center", "inside_syria_media_center"),
    ("Bachar al-Assad", "bashar_al_assad"),
    ("Mevlüt Çavuşoğlu", "mevlut_cavusoglu"),
    ("Lt. Gen. Townsend", "stephen_townsend"),
    ("Abu Bakr al-Baghdadi", "abu_bakr_al_baghdadi"),
    ("Raqqa Is Being Slaughtered Silently", "rbss"),
    ("Hezbollah", "hezbollah"),
    ("Turkish-backed rebels", "syrian_national_army"),
])
def test_alias_coverage(text: str, actor_id: str) -> None:
    assert ids(text) == [actor_id], find_actors(text)


def test_case_rules_for_short_capitals() -> None:
    assert ids("The US said it would respond.") == ["united_states"]
    assert ids("He told us about it.") == []
    assert ids("Shelling hit the un-named village.") == []
    assert ids("The UN said so.") == ["united_nations"]
    assert ids("The saa of the village.") == []
    assert ids("Who said that? The WHO did.") == ["who"]
    assert ids("WHO KILLED THEM ALL") == []  # all-caps text
    assert ids("U.S.-led forces") == ["united_states"]
    assert texts("the U.S.-led coalition") == ["U.S.-led coalition"]


@pytest.mark.parametrize("text, expected", [
    ("IS jihadists attacked the town.", ["IS jihadists"]),
    ("Dozens of IS fighters fled.", ["IS fighters"]),
    ("The IS-held town of Hajin.", ["IS"]),
    ("Troops neutralised mobile IS groups near the road.", ["IS groups"]),
    ("IS claimed the attack.", ["IS"]),
    ("The Islamic State (IS) group", ["Islamic State", "IS"]),
    ("Towns recaptured from IS last year.", ["IS"]),
    ("le groupe l'EI a revendiqué", ["EI"]),
])
def test_is_matches_where_it_is_the_group(text: str, expected: list[str]) -> None:
    assert [m.text for m in find_actors(text) if m.actor_id == "isis"] == expected


@pytest.mark.parametrize("text", [
    "IS this the end of the war?",
    "IS the truce holding?",
    "WHAT IS HAPPENING IN RAQQA",
    "It is what it is.",
    "#IS",
])
def test_is_does_not_match_plain_word(text: str) -> None:
    assert "isis" not in ids(text)


def test_hashtags_and_handles() -> None:
    assert texts("#Russia & #US in #Syria") == ["#Russia", "#US", "#Syria"]
    assert ids("#Russia & #US in #Syria") == ["russia", "united_states", "syria"]
    assert ids("gains by #SAA and #sdf") == ["syrian_arab_army", "sdf"]
    assert ids("#Daesh") == ["isis"]
    assert ids("#FreeSyrianArmy") == ["free_syrian_army"]
    assert ids("#Assad regime") == ["syrian_government"]
    assert ids("thanks @CJTFOIR and @amnesty") == ["cjtf_oir", "amnesty_international"]
    assert ids("via @theIRC’s @DMiliband") == ["international_rescue_committee", "david_miliband"]
    assert ids("map by @ETANA_Syria") == ["etana_syria"]
    assert ids("@realDonaldTrump tweeted") == ["donald_trump"]
    assert ids("@SomeRandomUser said") == []
    assert ids("RT @ETANA_Syria: new map") == ["etana_syria"]  # retweet marker is not RT
    assert ids("RT reported the strike") == ["rt"]


def test_possessives() -> None:
    assert texts("Russia's position") == ["Russia"]
    assert texts("the SDF’s decision") == ["SDF"]
    ms = find_actors("Assad's forces advanced")
    assert [(m.text, m.actor_id) for m in ms] == [("Assad's forces", "syrian_arab_army")]
    assert ids("Russia’s Defense Ministry said") == ["russian_defence_ministry"]


def test_longest_match_wins() -> None:
    assert ids("the Russian Defense Ministry said") == ["russian_defence_ministry"]
    assert ids("a Russian journalist") == ["russia"]
    assert ids("the Syrian Observatory for Human Rights") == ["sohr"]
    assert ids("the Jordan Times reported") == ["jordan_times"]
    assert ids("US-led coalition warplanes") == ["international_coalition"]
    assert ids("Syrian Democratic Forces") == ["sdf"]


def test_head_nouns_pick_the_military() -> None:
    ms = find_actors("Turkish troops and Russian warplanes")
    assert [(m.text, m.actor_id) for m in ms] == [
        ("Turkish troops", "turkish_armed_forces"), ("Russian warplanes", "russian_aerospace_forces")]
    assert ids("ISIS militants") == ["isis"]  # not also generic "militants"
    assert ids("the militants withdrew") == ["generic_opposition"]


def test_offsets_base_sorted_non_overlapping() -> None:
    text = "Earlier, the SOHR said US-led coalition warplanes struck ISIS positions near Hajin."
    ms = find_actors(text, base=100)
    assert [m.actor_id for m in ms] == ["sohr", "international_coalition", "isis"]
    assert_spans(text, ms, 100)
    assert ms[0].name == "Syrian Observatory for Human Rights"


@pytest.mark.parametrize("actor_id, fakes", [
    ("syrian_arab_army", "syrian government or russian troops"),
    ("russian_aerospace_forces", "syrian government or russian troops"),
    ("hezbollah", "syrian government or russian troops"),
    ("isis", "the organization of the islamic state in iraq and the levant - isis"),
    ("international_coalition", "international coalition forces"),
    ("uk_armed_forces", "international coalition forces"),
    ("free_syrian_army", "armed opposition groups"),
    ("syrian_national_army", "armed opposition groups"),
    ("sdf", "self administration forces"),
    ("asayish", "self administration forces"),
    ("hayat_tahrir_al_sham", "al-nusra front"),
    ("sohr", None),
    ("turkish_armed_forces", None),
])
def test_fakes_mapping(actor_id: str, fakes: str | None) -> None:
    assert load_kb().get(actor_id).fakes_actor == fakes


def test_regression_syrian_coalition_is_not_the_us_led_coalition() -> None:
    # "Syrian Coalition Mourns 5 Rescue Workers": the opposition's political body was read as
    # the US-led coalition, and became the perpetrator of the strike it mourned.
    assert ids("The Syrian Coalition condemned the raid.") == ["syrian_national_coalition"]


def test_document_senses_of_a_bare_coalition() -> None:
    from claimweave.annotate.actors import document_senses

    page = "The Syrian Coalition condemned the raids. The Coalition called for a no-fly zone."
    assert [m.actor_id for m in document_senses(find_actors(page))] == ["syrian_national_coalition"] * 2
    both = page + " US-led coalition jets struck Raqqa. The coalition said it hit a depot."
    senses = [m.actor_id for m in document_senses(find_actors(both))]
    assert senses.count("international_coalition") == 3  # the page names both: bare stays as found
    alone = "The coalition said it struck a depot near Raqqa."
    assert [m.actor_id for m in document_senses(find_actors(alone))] == ["international_coalition"]


def test_regression_possessive_without_apostrophe_and_air_force() -> None:
    # Scraped text often loses apostrophes: "Assads air force" named no one.
    assert ids("committed by Assads air force in Raqqa") == ["syrian_air_force"]
    assert ids("committed by Assad's air force in Raqqa") == ["syrian_air_force"]


# ---------------------------------------------------------------- an alias never links across countries


def localised(text: str) -> list[tuple[str, str | None, str | None]]:
    from claimweave.annotate.actors import localise
    from claimweave.annotate.places import find_places

    countries = {m.place.country for m in find_places(text) if m.place.country}
    return [(m.text, m.actor_id, m.entity_type) for m in localise(find_actors(text), countries)]


@pytest.mark.parametrize(("text", "expected"), [
    # Somalia: "militants" are not Syria's armed opposition.
    ("Militants stormed a police post near Kismayo overnight, an elder said.",
     [("Militants", None, "generic")]),
    # Yemen: government troops and rebels of another war.
    ("Government troops retook a village outside Taiz after rebels withdrew.",
     [("Government troops", None, "generic"), ("rebels", None, "generic")]),
    # Colombia: the National Liberation Front is Colombia's, and Congress sits in Bogota.
    ("The National Liberation Front claimed the pipeline bombing near Cucuta.",
     [("National Liberation Front", None, "ORG")]),
    ("Congress met in Bogota as rebels held two engineers.",
     [("Congress", None, "ORG"), ("rebels", None, "generic")]),
    # Ukraine: named actors keep their link, a generic one of another country does not.
    ("Russian jets struck Kharkiv as government forces regrouped.",
     [("Russian jets", "russian_aerospace_forces", None), ("government forces", None, "generic")]),
    # Mexico: "the regime" is no Syrian government in Culiacan.
    ("In Culiacan, critics blamed the regime for the killings.", [("the regime", None, "generic")]),
    # Sudan: insurgents near Khartoum.
    ("Insurgents shelled a camp near Khartoum on Sunday.", [("Insurgents", None, "generic")]),
])
def test_generic_alias_of_another_country_is_unlinked(
        text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert localised(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Syria: the generic aliases link as before.
    ("The regime shelled Douma on Tuesday.", [("The regime", "syrian_government")]),
    ("Rebels attacked a checkpoint in Idlib province.", [("Rebels", "generic_opposition")]),
    # A Syrian actor named by a proper name makes the page Syrian even without a Syrian place.
    ("Assad forces and rebels fought all night.",
     [("Assad forces", "syrian_arab_army"), ("rebels", "generic_opposition")]),
    # Names are never unlinked, wherever the page is.
    ("Hezbollah fighters crossed near Baalbek while ISIS cells hid in Mosul.",
     [("Hezbollah fighters", "hezbollah"), ("ISIS", "isis")]),
    # A page that names no country links no common-word alias: whose militants is unknown.
    ("Militants attacked a convoy at dawn.", [("Militants", None)]),
    # A monitor is named for the war it covers, not where it sits.
    ("Militants killed three soldiers near Aleppo, the Observatory said.",
     [("Militants", "generic_opposition"), ("the Observatory", "sohr")]),
    # The US Congress in a page about Washington.
    ("Congress in Washington voted on the aid bill.",
     [("Congress", "us_congress"), ("Washington", "united_states")]),
])
def test_alias_links_in_its_own_country(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t, a) for t, a, _ in localised(text)] == expected


@pytest.mark.parametrize(("alias", "generic"), [
    ("the regime", True), ("government forces", True), ("rebels", True), ("militants", True),
    ("National Liberation Front", True), ("Congress", True), ("forces du régime", True),
    ("Syrian army", False), ("Russian jets", False), ("Assad forces", False), ("Hezbollah", False),
    ("ISIS", False), ("SAA", False), ("armée syrienne", False), ("forces russes", False),
    ("US troops", False), ("Kurdish fighters", False), ("Free Syrian Army", False),
    ("United States", False), ("Royal Air Force", False),
])
def test_generic_words_are_read_from_the_knowledge_base(alias: str, generic: bool) -> None:
    from claimweave.annotate.actors import is_generic

    assert is_generic(alias) is generic


def test_localise_keeps_offsets_and_unlinked_actors() -> None:
    from claimweave.annotate.actors import localise
    from claimweave.model import ActorMention

    found = find_actors("Near Aden, rebels fired.", 100)
    unknown = ActorMention(0, 9, "Houthi fighters", None, "Houthi fighters", "NORP")
    (out_unknown, out) = localise([unknown, *found], {"YE"})
    assert out_unknown is unknown
    assert (out.start, out.end, out.text, out.name) == (111, 117, "rebels", "rebels")
    (alone,) = localise(found, set())  # no country named: no common-word alias links
    assert alone.actor_id is None and alone.entity_type == "generic"
