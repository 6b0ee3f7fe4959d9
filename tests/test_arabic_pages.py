"""The team's own Arabic pages (``tests/world_ar``): a local council's statement, an activist's
thread, a monitor's daily toll and a wire story, each about a real event told in our own words.

Each expected claim is found by a phrase of its sentence; its counts, outcomes, dates, actors
and claimants are asserted, and its place (within 10 km of the real place) in a test of its own:
places in Arabic text are found by the gazetteer (annotate/places.py), not by the Arabic rules.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from claimweave.model import Record
from claimweave.pipeline import make_document, run
from claimweave.record import to_dict
from claimweave.schema import validate

HERE = Path(__file__).parent / "world_ar"
COUNCIL = "المجلس المحلي لمدينة معرة النعمان"
SOHR = "المرصد السوري لحقوق الإنسان"
PAGES: dict[str, dict[str, str]] = {
    "council_statement_maarat.txt": {"author": COUNCIL},
    "activist_thread_khan_shaykhun.txt": {},
    "monitor_daily_toll.txt": {"author": SOHR},
    "wire_atarib_market.txt": {"published": "2017-11-14", "outlet": "وكالات"},
}

# page, a phrase of the claim's sentence, kind, victims (type, outcome, min, max), date, actor id,
# claimant (actor id or name)
CLAIMS: list[tuple[str, str, str, list[tuple[str, str, int | None, int | None]], str | None, str | None, str | None]] = [
    ("council_statement_maarat.txt", "٣١ مدنياً", "casualty",
     [("civilians", "killed", 31, 31), ("children", "killed", 6, 6), ("people", "injured", 60, None)],
     "2019-07-22", "russian_aerospace_forces", COUNCIL),
    ("council_statement_maarat.txt", "برميلين", "military_action", [], "2019-07-22", "syrian_government", COUNCIL),
    ("council_statement_maarat.txt", "ويحمّل المجلس", "accusation", [], "2019-07-22", "syrian_arab_army", "المجلس"),
    ("activist_thread_khan_shaykhun.txt", "أغارت طائرات النظام", "military_action", [], "2017-04-04",
     "syrian_air_force", None),
    ("activist_thread_khan_shaykhun.txt", "حصيلة الضحايا", "casualty",
     [("people", "killed", 72, 72), ("children", "killed", 20, 20), ("women", "killed", 17, 17)],
     "2017-04-04", None, "مديرية الصحة"),
    ("activist_thread_khan_shaykhun.txt", "عناصر الدفاع المدني", "casualty", [("civilians", "injured", 3, 3)],
     "2017-04-04", None, None),
    ("activist_thread_khan_shaykhun.txt", "نفى جيش النظام", "denial", [], "2017-04-04", "syrian_arab_army",
     "syrian_arab_army"),
    ("monitor_daily_toll.txt", "مقتل ٢٣ شخصاً", "casualty",
     [("people", "killed", 23, 23), ("civilians", "killed", 14, 14)], "2018-11-17", None, "sohr"),
    ("monitor_daily_toll.txt", "ثمانية مدنيين", "casualty",
     [("civilians", "killed", 8, 8), ("children", "killed", 3, 3)], "2018-11-17", "international_coalition", "sohr"),
    ("monitor_daily_toll.txt", "٦ عناصر", "casualty", [("fighters", "killed", 6, 6)], "2018-11-17", "isis", "sohr"),
    ("monitor_daily_toll.txt", "استشهد رجل وطفل", "casualty",
     [("men", "killed", 1, 1), ("children", "killed", 1, 1)], "2018-11-17", "syrian_arab_army", "sohr"),
    ("monitor_daily_toll.txt", "٥ مواطنين", "casualty", [("civilians", "injured", 5, 5)], "2018-11-17", None, "sohr"),
    ("monitor_daily_toll.txt", "١٢ شاباً", "arrest", [("men", "held", 12, 12)], "2018-11-17", "syrian_arab_army", "sohr"),
    ("wire_atarib_market.txt", "٥٣ مدنياً", "casualty",
     [("civilians", "killed", 53, None), ("children", "killed", 5, 5)], "2017-11-13", None, "sohr"),
    ("wire_atarib_market.txt", "الطائرات الروسية هي التي", "military_action", [], "2017-11-13",
     "russian_aerospace_forces", "sohr"),  # "مدير المرصد": the observatory named before
    ("wire_atarib_market.txt", "٢٠ جثة", "casualty", [("bodies", "dead", 20, 20), ("people", "injured", 100, None)],
     "2017-11-13", None, "white_helmets"),
    ("wire_atarib_market.txt", "نفت وزارة الدفاع الروسية", "denial", [], None, "russian_defence_ministry",
     "russian_defence_ministry"),
]

# page, a phrase of the claim's sentence, latitude, longitude of the real place
PLACES: list[tuple[str, str, float, float]] = [
    ("council_statement_maarat.txt", "٣١ مدنياً", 35.6494, 36.6706),  # Maarat al-Numan
    ("council_statement_maarat.txt", "برميلين", 35.6494, 36.6706),
    ("activist_thread_khan_shaykhun.txt", "أغارت طائرات النظام", 35.4421, 36.6510),  # Khan Shaykhun
    ("activist_thread_khan_shaykhun.txt", "حصيلة الضحايا", 35.4421, 36.6510),
    ("activist_thread_khan_shaykhun.txt", "عناصر الدفاع المدني", 35.4421, 36.6510),
    ("monitor_daily_toll.txt", "ثمانية مدنيين", 34.5337, 40.9582),  # al-Susah, Deir ez-Zor
    ("monitor_daily_toll.txt", "٦ عناصر", 34.4461, 40.9700),  # al-Baghuz
    ("monitor_daily_toll.txt", "استشهد رجل وطفل", 35.5411, 36.7290),  # al-Tah, Idlib
    ("monitor_daily_toll.txt", "٥ مواطنين", 35.8645, 36.8059),  # Saraqib
    ("monitor_daily_toll.txt", "١٢ شاباً", 35.2919, 36.7485),  # Souran, Hama
    ("wire_atarib_market.txt", "٥٣ مدنياً", 36.1391, 36.8250),  # al-Atarib
    ("wire_atarib_market.txt", "٢٠ جثة", 36.1391, 36.8250),
]


@lru_cache(maxsize=8)
def _run(name: str) -> Record:
    text = (HERE / name).read_text(encoding="utf-8")
    return run(make_document(text, path=name, **PAGES[name]))


@lru_cache(maxsize=8)
def _record(name: str) -> dict[str, Any]:
    return to_dict(_run(name))


def _claim(name: str, phrase: str) -> dict[str, Any]:
    found = [c for c in _record(name)["claims"] if phrase in c["text"] and c["kind"] != "denial"] or \
        [c for c in _record(name)["claims"] if phrase in c["text"]]
    assert found, f"no claim with {phrase!r} in {name}"
    return found[0]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


@pytest.mark.parametrize(("name", "phrase", "kind", "victims", "date", "actor", "claimant"), CLAIMS)
def test_page_claim(name: str, phrase: str, kind: str, victims: list[tuple[str, str, int | None, int | None]],
                    date: str | None, actor: str | None, claimant: str | None) -> None:
    c = _claim(name, phrase)
    assert c["kind"] == kind
    assert [(v["type"], v["outcome"], v["min"], v["max"]) for v in c["victims"]] == victims
    if date is not None:
        assert c["date"] is not None and c["date"]["start"] == date
    if actor is not None:
        assert c["actor"] is not None and c["actor"]["actor_id"] == actor
    if claimant is not None:
        assert c["claimant"] is not None and claimant in (c["claimant"]["actor_id"], c["claimant"]["name"])


@pytest.mark.parametrize(("name", "phrase", "lat", "lon"), PLACES)
def test_page_place(name: str, phrase: str, lat: float, lon: float) -> None:
    place = _claim(name, phrase)["place"]
    assert place is not None and place["lat"] is not None, place
    assert place["country"] == "SY"
    assert _km(lat, lon, place["lat"], place["lon"]) <= 10, place


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_evidence_offsets(name: str) -> None:
    rec = _record(name)
    text = (HERE / name).read_text(encoding="utf-8")
    assert rec["claims"]
    for c in rec["claims"]:
        assert text[c["start"]:c["end"]] == c["text"]
        for v in c["victims"]:
            assert v["text"] in c["text"]
    ann = _run(name).annotations
    for m in (*ann.actors, *ann.places, *ann.dates, *ann.quantities, *ann.weapons):
        assert text[m.start:m.end] == m.text, m


def test_no_month_or_claim_word_is_a_place() -> None:
    """No date, month name or word of the claim lexicon on the pages is a place (the Arabic
    layer drops them whatever the gazetteer finds)."""
    words = ("مارس", "آذار", "بجروح", "جرحى", "قتلى", "غارات", "قصف")
    for name in PAGES:
        ann = _run(name).annotations
        for p in ann.places:
            assert not any(w in p.text for w in words), (name, p)
            assert not any(d.start < p.end and p.start < d.end for d in ann.dates), (name, p)
            assert p.place.country != "FR", (name, p)


def test_no_foreign_place_on_the_pages() -> None:
    """No word of these Syrian pages is a place abroad but the wire's dateline (Beirut)."""
    for name in PAGES:
        for p in _run(name).annotations.places:
            assert p.place.country in ("SY", None) or p.text == "بيروت", (name, p)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_claim_of_a_page_is_expected(name: str) -> None:
    """No claim the page does not make: each claim is one of the expected ones."""
    phrases = [p for n, p, *_ in CLAIMS if n == name]
    for c in _record(name)["claims"]:
        assert any(p in c["text"] for p in phrases), c["text"]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_record_keeps_the_contract(name: str) -> None:
    """The claimweave/1 record of an Arabic page validates, offsets included."""
    text = (HERE / name).read_text(encoding="utf-8")
    validate(json.loads(json.dumps(_record(name), ensure_ascii=False)), text)
