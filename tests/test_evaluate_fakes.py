"""The FA-KES reduction rules of ``claimweave.evaluate.fakes.predict`` on pages the team wrote."""

from __future__ import annotations

import pytest

from claimweave.evaluate.fakes import predict
from claimweave.pipeline import make_document, run


def _predict(text: str) -> dict[str, str]:
    return predict(run(make_document(text)))[0]


# Page -> the civilian death toll the reduction gives. Each case is a rule of the module
# docstring; the id says what went wrong before it, except "a-smaller-exact-count-is-another-toll",
# a guard on the "dozens" rule.
CIVILIANS = [
    pytest.param("Air raid kills 21 at market in Atarib\n\n"
                 "An air strike on the market of Atarib killed at least 21 people on Thursday, a monitor said.\n\n"
                 "The bombing campaign has killed hundreds, mostly civilians, since the spring, the monitor added.",
                 "21", id="a-later-campaign-toll-replaced-the-event"),
    pytest.param("At least 40 killed in fighting north of Aleppo\n\n"
                 "At least 40 regime and rebel fighters have been killed in 24 hours of fighting north of "
                 "Aleppo, a monitor said on Thursday.",
                 "0", id="a-headline-toll-restated-as-fighters"),
    pytest.param("Dozens of civilians killed in raids on Sarmin\n\n"
                 "Air raids on the town of Sarmin killed at least 47 civilians on Tuesday, a monitor said.",
                 "47", id="dozens-decided-before-the-exact-count"),
    pytest.param("Hundreds killed in the battle for the air base\n\n"
                 "Shelling of the nearby village killed 12 civilians on Sunday, residents said.",
                 "200", id="a-smaller-exact-count-is-another-toll"),
    pytest.param("18 dead in air strikes on Raqqa\n\n"
                 "Five civilians were among at least 18 people killed in air strikes on Raqqa on Sunday, "
                 "a monitor said. The rest were fighters.",
                 "5", id="a-breakdown-of-the-same-toll"),
    pytest.param("An air raid killed three children in a village east of Aleppo on Monday.\n\n"
                 "The three children were among at least 16 civilians killed in the raid, a monitor said.",
                 "16", id="children-first-then-the-civilian-total"),
    pytest.param("Two civilians were killed in Aleppo on Tuesday, the first deaths since it began this "
                 "week.\n\nThe bombing of the city has killed 40 civilians since it began in July, a monitor said.",
                 "2", id="since-it-began-this-week-was-a-war-toll"),
]


@pytest.mark.parametrize(("page", "civilians"), CIVILIANS)
def test_regression_civilian_count(page: str, civilians: str) -> None:
    assert _predict(page)["civilians"] == civilians


def test_a_share_counter_is_not_a_death_toll() -> None:
    # Regression: "Print Tweet Views 371 Related Syrian refugees ..." became 371 civilians killed.
    import claimweave

    page = ("Car bomb kills 12 in Homs AFP Tuesday 29 Apr 2014 Print Tweet Views 371 Related Syrian "
            "refugees reach a new camp A car bomb killed 12 people in the Zahra district of Homs.")
    counts = {v["min"] for c in claimweave.extract(page)["claims"] for v in c["victims"]}
    assert 371 not in counts and 12 in counts
    assert _predict(page)["civilians"] == "12"
