"""300 villages of Syria and Iraq, drawn at random from the packaged index, named in the team's
own sentences (English with transliteration variants, Arabic as in the data): at least 90%
resolve within 10 km of the village and none lands outside its country."""

from __future__ import annotations

import math
import random
import re

from claimweave.annotate.gazetteer_files import packaged_bytes, read_compact
from claimweave.annotate.places import disambiguate, find_places

N, SEED = 300, 13
GOV_EN = {"Deir ez-Zor": "Deir ez-Zor", "Rif Dimashq": "Rif Dimashq", "As-Suwayda": "Suwayda",
          "Salah ad-Din": "Salahuddin", "Al-Qadisiyyah": "Qadisiyah"}
EN = [
    "An airstrike hit the village of {x} in the countryside of {g} on Tuesday, residents said.",
    "Local activists reported shelling on {x}, {g} province, overnight.",
    "Two farmers were wounded near {x} in {g} governorate, a monitor said.",
    "Government forces entered {x}, in the {g} countryside, after a week of fighting.",
]
AR = [
    "قصف طيران النظام قرية {x} في ريف {g} صباح اليوم",
    "أفاد ناشطون بسقوط قذائف على بلدة {x} في محافظة {g}",
    "قتل مدني في {x} بريف {g} حسب المرصد",
]
GOV_AR = {"Aleppo": "حلب", "Idlib": "إدلب", "Hama": "حماة", "Homs": "حمص", "Latakia": "اللاذقية",
          "Tartus": "طرطوس", "Raqqa": "الرقة", "Deir ez-Zor": "دير الزور", "Hasakah": "الحسكة",
          "Daraa": "درعا", "As-Suwayda": "السويداء", "Quneitra": "القنيطرة", "Rif Dimashq": "دمشق",
          "Damascus": "دمشق", "Baghdad": "بغداد", "Nineveh": "نينوى", "Anbar": "الأنبار", "Kirkuk": "كركوك",
          "Diyala": "ديالى", "Salah ad-Din": "صلاح الدين", "Babil": "بابل", "Basra": "البصرة",
          "Erbil": "أربيل", "Duhok": "دهوك", "Sulaymaniyah": "السليمانية", "Wasit": "واسط",
          "Maysan": "ميسان", "Dhi Qar": "ذي قار", "Najaf": "النجف", "Karbala": "كربلاء",
          "Muthanna": "المثنى", "Al-Qadisiyyah": "القادسية", "Halabja": "حلبجة"}
_ARABIC = re.compile("[\u0600-\u06ff]")


def variant(name: str, rng: random.Random) -> str:
    """A writer's spelling of a transliterated name: articles, generic words, vowels, doubled
    letters, ayn and hamza marks, diacritics."""
    s = name
    s = re.sub(r"\b(?:Al|Ar|As|Ash|Ad|Az|An|At|Adh|Ath|Al-)[ -]", lambda _: rng.choice(["al-", "el-", "Al ", "al "]), s)
    swaps = [(r"\bKafr\b", ["Kfar", "Kefr", "Kafr"]), (r"\b`?Ayn\b", ["Ain", "Ein", "'Ayn"]),
             (r"\bDayr\b", ["Deir", "Dair"]), (r"\bTall\b", ["Tal", "Tell", "Tel"]),
             (r"\bMa`arrat\b", ["Maarat", "Ma'arrat", "Ma`arrat"]), (r"\bJabal\b", ["Jebel", "Jabal"])]
    for pat, opts in swaps:
        s = re.sub(pat, lambda _, o=opts: rng.choice(o), s)
    r = rng.random()
    if r < 0.2:
        s = s.replace("`", "'").replace("'", "’")
    elif r < 0.4:
        s = s.replace("`", "").replace("'", "")
    if rng.random() < 0.2:
        s = re.sub(r"([bdfhklmnrstz])\1", r"\1", s)  # a doubled letter written once
    if rng.random() < 0.2 and s.endswith("ah"):
        s = s[:-2] + rng.choice(["a", "eh"])  # Raqqah -> Raqqa, Hasakah -> Hasakeh
    return s


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def sample() -> list[tuple[str, str, float, float, str]]:
    """(sentence, country, lat, lon, name) for N villages; Latin names varied, Arabic as given."""
    rng = random.Random(SEED)
    rows = [r for r in read_compact(packaged_bytes())
            if r.admin1 in GOV_AR and r.feature_code in ("PPL", "PPLA2", "PPLA3")]
    out = []
    for loc in rng.sample(rows, N):
        arabic = [n for n in loc.names if _ARABIC.search(n)]
        if arabic and rng.random() < 0.3:
            text = rng.choice(AR).format(x=arabic[0], g=GOV_AR[loc.admin1 or ""])
            name = arabic[0]
        else:
            name = variant(loc.names[0], rng)
            text = rng.choice(EN).format(x=name, g=GOV_EN.get(loc.admin1 or "", loc.admin1))
        out.append((text, loc.country, loc.lat, loc.lon, name))
    return out


def test_three_hundred_villages() -> None:
    near = wrong_country = 0
    misses = []
    for text, cc, lat, lon, name in sample():
        at = text.index(name)
        found = [m for m in disambiguate(find_places(text)) if m.start < at + len(name) and at < m.end]
        hit = next((m.place for m in found if m.place.lat is not None), None)
        if hit is not None and hit.country != cc:
            wrong_country += 1
        if hit is not None and hit.lat is not None and hit.lon is not None and km((hit.lat, hit.lon), (lat, lon)) <= 10:
            near += 1
        else:
            misses.append((name, text, hit.name if hit else None))
    rate = near / N
    print(f"villages within 10 km: {near}/{N} = {rate:.3f}; outside the country: {wrong_country}")
    # Measured 2026-12-04 (d1f6573): 281/300 = 0.937 within 10 km, none outside the country. Most misses are
    # names that several villages of one governorate bear (the sentence cannot tell them apart).
    assert wrong_country == 0, misses[:20]
    assert rate >= 0.90, misses[:40]
