"""Text without capitals, or in capitals only: sentence split and re-casing (issue 12 item 6).

The sentences are written for this test (invented wire copy in several wars)."""

from __future__ import annotations

import pytest

from claimweave.annotate.nlp import recase
from claimweave.extract.sentences import sentence_spans


def _split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text, 0, len(text))]


LOWER = ("kabul, 3 mar 01 (afp) -- gunmen on motorbikes shot dead two aid workers near jalalabad "
         "on monday, a provincial official said. no group claimed the attack. "
         "police said they had arrested three suspects.")
UPPER = ("ADEN, YEMEN, 12 OCT 00 (AP) -- A SMALL BOAT LOADED WITH EXPLOSIVES RAMMED A U.S. NAVY "
         "DESTROYER IN THE HARBOR, KILLING 17 SAILORS, GEN. J.R. SMITH SAID. SEN. JANE ROE CALLED "
         "IT AN ACT OF TERROR. THE FBI SENT INVESTIGATORS ON TUESDAY.")


def test_lower_case_wire_splits_at_sentence_ends() -> None:
    assert _split(LOWER) == [
        "kabul, 3 mar 01 (afp) -- gunmen on motorbikes shot dead two aid workers near jalalabad "
        "on monday, a provincial official said.",
        "no group claimed the attack.",
        "police said they had arrested three suspects.",
    ]


def test_all_caps_wire_honours_abbreviations_and_initials() -> None:
    assert _split(UPPER) == [
        "ADEN, YEMEN, 12 OCT 00 (AP) -- A SMALL BOAT LOADED WITH EXPLOSIVES RAMMED A U.S. NAVY "
        "DESTROYER IN THE HARBOR, KILLING 17 SAILORS, GEN. J.R. SMITH SAID.",
        "SEN. JANE ROE CALLED IT AN ACT OF TERROR.",
        "THE FBI SENT INVESTIGATORS ON TUESDAY.",
    ]


def test_lower_case_abbreviations_and_quotes() -> None:
    text = ('goma, 20 nov 12 (reuters) -- m23 rebels took the city, lt. col. vianney kazarama said. '
            '"we will not stop," he said! the un mission said its troops held the airport.')
    assert _split(text) == [
        "goma, 20 nov 12 (reuters) -- m23 rebels took the city, lt. col. vianney kazarama said.",
        '"we will not stop," he said!',
        "the un mission said its troops held the airport.",
    ]


def test_mixed_case_text_is_split_as_before() -> None:
    text = "Gen. Smith said 20 km. The convoy was hit. it was not the first attack."
    assert _split(text) == ["Gen. Smith said 20 km.", "The convoy was hit. it was not the first attack."]


@pytest.mark.parametrize(("text", "expected"), [
    ("BOGOTA, 2 NOV 98 (EFE) -- REBELS OF THE FARC KILLED COLONEL LUIS HERRERA NEAR CALI, THE ARMY SAID.",
     # a four-letter word of no list in capitals reads as an acronym (CALI): a known limit
     "Bogota, 2 Nov 98 (EFE) -- Rebels of the FARC killed colonel Luis Herrera near CALI, the army said."),
    ("MOGADISHU, 9 JUL 19 (AP) -- AL-SHABAAB FIGHTERS STORMED A HOTEL IN KISMAYO, KILLING 26 PEOPLE, "
     "POLICE SAID.",
     "Mogadishu, 9 Jul 19 (AP) -- Al-Shabaab fighters stormed a hotel in Kismayo, killing 26 people, "
     "police said."),
    ("the eln said its commander, manuel vargas, had been wounded in a clash with troops near tibu.",
     "The ELN said its commander, Manuel Vargas, had been wounded in a clash with troops near Tibu."),
    ("SEN. PATRICK LEAHY SAID THE 3RD BRIGADE SHELLED THE TOWN OF DE LA VEGA.",
     "Sen. Patrick Leahy said the 3rd brigade shelled the town of de la Vega."),
])
def test_recase_restores_names_and_acronyms(text: str, expected: str) -> None:
    out = recase(text)
    assert len(out) == len(text)
    assert out == expected


def test_recase_raises_common_words_of_known_names_next_to_names() -> None:
    text = "THE UNITED STATES AND CANADA SENT TROOPS, THE STATE DEPARTMENT SAID."
    out = recase(text, frozenset({"united", "states", "canada"}))
    assert out.startswith("The United States and Canada sent troops")
    assert "the state department said" in out


def test_recase_keeps_length_with_odd_characters_and_leaves_mixed_text() -> None:
    text = "STRASSE ß İSTANBUL ŞEHİR: 5 KILLED BY A DRONE, OFFICIALS SAID. ﬁ LIGATURE."
    assert len(recase(text)) == len(text)
    mixed = "Rebels of the FARC attacked Mitu on Sunday."
    assert recase(mixed) is mixed
