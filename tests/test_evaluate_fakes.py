"""The FA-KES reduction rules of ``claimweave.evaluate.fakes.predict`` on pages the team wrote."""

from __future__ import annotations

from claimweave.evaluate.fakes import predict
from claimweave.pipeline import make_document, run


def _predict(text: str) -> dict[str, str]:
    return predict(run(make_document(text)))[0]


def test_civilians_come_from_the_first_claim_that_counts_the_dead() -> None:
    # Regression: a later claim's civilian count ("hundreds, mostly civilians" over the whole
    # campaign) replaced the event's own "at least 21 people".
    page = ("Air raid kills 21 at market in Atarib\n\n"
            "An air strike on the market of Atarib killed at least 21 people on Thursday, a monitor said.\n\n"
            "The bombing campaign has killed hundreds, mostly civilians, since the spring, the monitor added.")
    assert _predict(page)["civilians"] == "21"


def test_a_share_counter_is_not_a_death_toll() -> None:
    # Regression: "Print Tweet Views 371 Related Syrian refugees ..." became 371 civilians killed.
    import claimweave

    page = ("Car bomb kills 12 in Homs AFP Tuesday 29 Apr 2014 Print Tweet Views 371 Related Syrian "
            "refugees reach a new camp A car bomb killed 12 people in the Zahra district of Homs.")
    counts = {v["min"] for c in claimweave.extract(page)["claims"] for v in c["victims"]}
    assert 371 not in counts and 12 in counts
    assert _predict(page)["civilians"] == "12"


def test_a_headline_toll_restated_as_fighters_counts_no_civilians() -> None:
    page = ("At least 40 killed in fighting north of Aleppo\n\n"
            "At least 40 regime and rebel fighters have been killed in 24 hours of fighting north of "
            "Aleppo, a monitor said on Thursday.")
    assert _predict(page)["civilians"] == "0"


def test_a_vague_headline_toll_gives_way_to_the_exact_count_that_follows() -> None:
    # Regression: "dozens" (read as 24) decided although the next sentence gave the toll exactly.
    page = ("Dozens of civilians killed in raids on Sarmin\n\n"
            "Air raids on the town of Sarmin killed at least 47 civilians on Tuesday, a monitor said.")
    assert _predict(page)["civilians"] == "47"


def test_an_exact_count_smaller_than_the_vague_one_is_another_toll() -> None:
    page = ("Hundreds killed in the battle for the air base\n\n"
            "Shelling of the nearby village killed 12 civilians on Sunday, residents said.")
    assert _predict(page)["civilians"] == "200"


def test_a_breakdown_of_the_same_toll_gives_the_civilians() -> None:
    # Regression: the headline's "18 dead" decided though the lede says how many were civilians.
    page = ("18 dead in air strikes on Raqqa\n\n"
            "Five civilians were among at least 18 people killed in air strikes on Raqqa on Sunday, "
            "a monitor said. The rest were fighters.")
    assert _predict(page)["civilians"] == "5"


def test_children_counted_first_then_the_civilian_total() -> None:
    page = ("An air raid killed three children in a village east of Aleppo on Monday.\n\n"
            "The three children were among at least 16 civilians killed in the raid, a monitor said.")
    assert _predict(page)["civilians"] == "16"


def test_regression_since_it_began_this_week_is_not_a_war_toll() -> None:
    # "the first deaths since it (the truce) began this week" was taken for a war-long toll.
    page = ("Two civilians were killed in Aleppo on Tuesday, the first deaths since it began this "
            "week.\n\nThe bombing of the city has killed 40 civilians since it began in July, a monitor said.")
    assert _predict(page)["civilians"] == "2"
