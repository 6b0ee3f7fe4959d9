"""Choosing among the places of a name with the document's context (Mordecai's way): the place
that locates the name in its sentence ("Madaya near Damascus"), a town against hamlets, the
countries and governorates the text names, then feature type, admin level and population.

:func:`disambiguate` takes a document's place mentions from :func:`places.find_places` (each with
the index's first reading of its name) and gives each the reading the context supports, or
drops a mention whose every reading lies abroad without reason.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Container

from claimweave.annotate.gazetteer import (
    ARTICLE_PREFIX,
    SPELT,
    STRONG_ARTICLES,
    Gazetteer,
    load,
    name_key,
    name_tokens,
    spelt_key,
    without_clitics,
)
from claimweave.model import Place, PlaceMention

_AREAS = ("country", "region", "governorate")
# A place outside the countries the text names must be this big and be called by its own main
# name ("Geneva", "Moscow").
_ABROAD_MIN_POP = 100_000
# A city this big keeps its name whatever governorates the text names ("Hama" is not a village
# called Hamah near Aleppo); a smaller town yields to a place of its name in a named governorate.
_CITY_KEEPS = 100_000


_FOCUS = ("SY", "IQ")
# Words that put a text in Syria or Iraq without naming either as a place ("Syrian activists say").
_FOCUS_WORDS = re.compile(r"\b(?:Syrian?s?|Iraqi?s?|Syrie|syrien(?:ne)?s?|Irak|irakien(?:ne)?s?)\b"
                          r"|سوري|العراق|عراقي")
# Same-named places this close (km) to a place the text names unambiguously count as equally near.
_NEAR_KM = 25.0
# Governorates a writer names for one another ("محافظة دمشق" for a village of Rif Dimashq), when
# named as governorates.
_TWIN = {"Rif Dimashq": "Damascus", "Damascus": "Rif Dimashq"}
# A place this big (GeoNames population) is a town: among same-named places where every other is a
# village, it keeps the name unless the sentence around names another's governorate ("Qusayr" is
# the town near Homs, not a hamlet of Aleppo, in a text that names Aleppo elsewhere).
_TOWN_POP = 10_000
# Characters between a name and the place that locates it ("near", "in the countryside of"),
# and the only words that may stand there (other place names may too: "suburbs of Damascus such
# as Daraya and Moadamiyeh"); "Harbnafsah and complete the encirclement of Al-Houla" locates nothing.
_LOCATOR = 40
_LOCATOR_TEXT = """
in near outside of at on by the a an its and or such as from to km kilometres kilometers miles mile
town towns village villages city cities suburb suburbs neighbourhood neighborhood neighbourhoods
neighborhoods district districts area areas countryside province governorate region quarter camp
outskirts edge rural besieged nearby northern southern eastern western central north south east west
northeast northwest southeast southwest northeastern northwestern southeastern southwestern
s de du des la le les près à au aux dans ville village quartier banlieue province région campagne
en el los las cerca ciudad pueblo
في قرب بالقرب من ريف بريف شمال جنوب شرق غرب شمالي جنوبي شرقي غربي بلدة قرية مدينة حي ناحية منطقة
محافظة بمحافظة مخيم اطراف أطراف ضواحي و
"""
_LOCATOR_WORDS = frozenset(_LOCATOR_TEXT.split())
_GAP_WORD = re.compile(r"[^\W\d_]+")
# Where a sentence ends: the place names of one sentence are each other's context.
_SENTENCE_END = re.compile(r"[.!?;\n](?=\s|$)|\n")


def _hamlets(places: list[Place]) -> bool:
    """Whether every reading of a name is a village of unknown population."""
    return all(p.precision == "village" and p.population is None for p in places)


def _plain(name: str) -> str:
    """A name's words without articles, unfolded: "Al Mashad" is not spelt as "Mashhad"."""
    return " ".join(t for t in name_tokens(name) if t not in STRONG_ARTICLES)


def _km(a: Place, b: Place) -> float:
    """Great-circle distance in km (infinite when either has no coordinates)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


def _nearness(p: Place, anchors: list[Place]) -> int:
    """Minus the distance, in ``_NEAR_KM`` steps, from ``p`` to the nearest anchor in its country
    (0 when there is none): among same-named villages the one beside the places the text names
    unambiguously ("al-Shafa in the Hajin pocket") wins."""
    near = [d for a in anchors if a.country == p.country and a != p and (d := _km(p, a)) < math.inf]
    return -int(min(near) // _NEAR_KM) if near else 0


def _sentences(text: str, mentions: list[PlaceMention]) -> list[int]:
    """The sentence number of each mention."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    return [bisect_right(ends, m.start) for m in mentions]


_Located = dict[tuple[str | None, str | None], int]
_FAR = 1 << 30


def _beside(p: Place, here: _Located) -> int:
    """Minus the distance from the name to a mention beside it of the place's governorate (or
    its twin); ``-_FAR`` without one."""
    return -min(here.get((p.country, p.admin1), _FAR), here.get((p.country, _TWIN.get(p.admin1 or "")), _FAR))


def _key_of(gaz: Gazetteer, text: str) -> str:
    key = name_key(text)
    for form in without_clitics(text) if not gaz.has(key) else ():
        if gaz.has(name_key(form)):
            return name_key(form)
    return key


def _candidates(gaz: Gazetteer, m: PlaceMention, key: str) -> list[Place]:
    """Places of the mention's name, folded and as spelt; the reading found first leads."""
    rows = list(gaz.rows_of(key)[:64])
    spelt = gaz.rows_of(spelt_key(m.text))[:64]
    spelt_first = any(gaz.place(r) == m.place for r in spelt) and not any(gaz.place(r) == m.place for r in rows)
    rows = [*spelt, *rows] if spelt_first else [*rows, *spelt]
    out = [gaz.place(r) for r in dict.fromkeys(rows)]
    return out or [m.place]


def disambiguate(mentions: list[PlaceMention], text: str = "") -> list[PlaceMention]:
    """Choose each mention's place among the gazetteer's places of its name with the document's
    context, as Mordecai does. The context is the countries and governorates the text names (a
    country, a governorate, a big city, or a place of one reading only). When the text
    names countries, a place in another is chosen only when it is a city of ``_ABROAD_MIN_POP``
    called by its main name as spelt, without an Arabic article ("Geneva", "Ankara"; "Batina" is
    not Batna in Algeria, "Al Mashad" not Mashhad in Iran, "al-Jadida" in Mosul not El Jadida in
    Morocco); a name with no reading left is dropped. A city of ``_CITY_KEEPS`` the index ranks first keeps the name; otherwise a place
    whose governorate a place right beside the name names wins ("Madaya near Damascus", "the
    Salihiah neighbourhood of Hasakeh city": :func:`_local_context`); then a town of ``_TOWN_POP``
    among villages ("Qusayr" is the town of Homs, "Daraa" the city, whatever hamlets of those names
    lie in governorates named elsewhere); then one in a governorate the text names or one with a
    known population ("Hader" near Quneitra, "Suran" near Aleppo), then a town before villages,
    nearness, a name as spelt before a folded one, and the index's order (feature code, population). A name of hamlets only
    (villages of unknown population) is read only in a governorate the text names, when it names
    any."""
    gaz = load()
    keys = [_key_of(gaz, m.text) for m in mentions]
    cands = [_candidates(gaz, m, k) for m, k in zip(mentions, keys, strict=True)]
    named: Counter[str | None] = Counter()
    admin1: Counter[tuple[str | None, str | None]] = Counter()
    # Governorates named as such ("Rif Dimashq", "the countryside of Damascus"): only these stand
    # for their twin; the city of Damascus named in passing does not name Rif Dimashq's villages.
    areas: Counter[tuple[str | None, str | None]] = Counter()
    big: list[Place] = []
    # Anchors: places of one reading that are not areas, to rank same-named villages by nearness.
    anchors = [cs[0] for m, cs in zip(mentions, cands, strict=True)
               if len(cs) == 1 and m.place.precision not in _AREAS]
    for m, cs in zip(mentions, cands, strict=True):
        if _hamlets(cs):
            continue  # a hamlet's name is evidence of nothing
        if m.place.precision in _AREAS or len({(p.country, p.admin1) for p in cs}) == 1:
            named[m.place.country] += 1
            if m.place.precision != "country" and m.place.admin1:
                admin1[(m.place.country, m.place.admin1)] += 1
                if m.place.precision in _AREAS:
                    areas[(m.place.country, m.place.admin1)] += 1
        elif (m.place.population or 0) >= _CITY_KEEPS:
            big.append(m.place)
    for p in big:  # a big city names its governorate when its country is named otherwise
        if (named[p.country] or not named) and p.admin1:
            admin1[(p.country, p.admin1)] += 1
    # Home: the countries the text names; Syria and Iraq (the packaged villages' countries) too
    # while it names neither ("Britain-based monitor ... the town of Marea").
    at_home = {c for c in named if named[c]} | (set() if any(named[c] for c in _FOCUS) else set(_FOCUS))
    # Whether the text is about Syria or Iraq at all: it names either, a governorate or a big city
    # there. If not, a one-word name in Latin script that only a small Syrian or Iraqi place bears
    # is a word or a person's name ("Sean", "Brad", "Tara" in news from elsewhere), not that place.
    focus = (any(named[c] for c in _FOCUS) or any(c in _FOCUS for c, _ in admin1 if admin1[(c, _)])
             or bool(_FOCUS_WORDS.search(text)))
    local = _local_context(mentions, cands, keys, text)
    out: list[PlaceMention] = []
    provisional: set[int] = set()  # indexes in ``out`` of parts of a city no reading was left for
    for m, cs, key in zip(mentions, cands, keys, strict=True):
        if m.place.precision in _AREAS:
            out.append(m)
            continue
        here = local.get(key, {})

        def in_named(p: Place) -> bool:
            return bool(admin1[(p.country, p.admin1)] or areas[(p.country, _TWIN.get(p.admin1 or ""))])

        def placed(p: Place, here: _Located = here) -> bool:
            """In a governorate the text names, or that a place beside the name names."""
            return in_named(p) or _beside(p, here) > -_FAR

        if any(admin1.values()) and _hamlets(cs):
            # A hamlet's name is read only in a governorate the text names.
            cs = [p for p in cs if placed(p)]

        home = [(n, p) for n, p in enumerate(cs) if not named or p.country in at_home or p.precision in _AREAS]
        if any(admin1.values()) and home and _hamlets([p for _, p in home]):
            # Only hamlets are left at home ("al-Sinaah district" of a Deir ez-Zor story is no
            # hamlet near Aleppo): read only in a governorate the text names.
            home = [(n, p) for n, p in home if placed(p)]
        plain = _plain(m.text)
        famous = [(n, p) for n, p in enumerate(cs) if (n, p) not in home and _plain(p.name) == plain
                  and (p.population or 0) >= _ABROAD_MIN_POP and not ARTICLE_PREFIX.match(m.text)]
        ok = sorted(home + famous, key=lambda e: e[0])
        if not ok:
            if text and _is_part(m, mentions, text):
                provisional.add(len(out))  # a part of a city: read in its city, or dropped
                out.append(m)
            continue  # only places abroad the text gives no reason for
        top = ok[0][1]

        def town(p: Place, ok: list[tuple[int, Place]] = ok) -> bool:
            """A town among villages: it keeps the name unless a place beside names another's."""
            return (p.population or 0) >= _TOWN_POP and all(
                q.precision == "village" for _, q in ok if q != p and q.precision not in _AREAS)

        abroad = bool(named) and top.country not in at_home
        if (top.population or 0) >= _CITY_KEEPS and not (abroad and any(in_named(p) for _, p in ok)):
            best = top
        else:
            best = max(ok, key=lambda e: (_beside(e[1], here), town(e[1]),
                                          2 * in_named(e[1]) + bool(e[1].population),
                                          e[1].precision != "village", _nearness(e[1], anchors),
                                          _plain(e[1].name) == plain,
                                          named[e[1].country], -e[0]))[1]
        if (not focus and best.country in _FOCUS and (best.population or 0) < _CITY_KEEPS
                and _latin_word(m.text)):
            continue
        out.append(m if best == m.place else PlaceMention(m.start, m.end, m.text, best))
    return _spelt_otherwise(_urban(out, text, gaz, provisional), text, gaz) if text else out


# Words that make a name a part of a city: "the Zahraa neighbourhood", "the district of Jobar",
# "حي الجورة". A gazetteer of localities has no such parts; a village elsewhere is no reading.
_PART_AFTER = re.compile(r"[ \u00a0]+(?i:neighbou?rhoods?|quarters?|district)\b")
_PART_BEFORE = re.compile(r"(?i:neighbou?rhoods?|quarters?|districts?)[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?$"
                          r"|(?i:quartier)[ \u00a0]+(?:de[ \u00a0]+|d['’][ \u00a0]*)?$"
                          r"|(?<![^\W\d_])[وب]?(?:حي|أحياء|احياء)[ \u00a0]+$")
# A part of a city lies this close (km) to the city's point.
_CITY_KM = 15.0


# "the village of Kfarnabel": a name after "village of" / "town of" that no key matched.
_CALLED = re.compile(r"\b(?i:villages?|towns?|hamlets?)[ \u00a0]+of[ \u00a0]+"
                     r"((?:(?i:al|el|ar|as|ash|ad|az|an|at)[- ])?[A-Z][\w'’`]*(?:[ -](?:(?i:al|el|ar|as|ash|ad|az|an|at)[- ])?"
                     r"[A-Z][\w'’`]*){0,2})")


def _skeleton(key: str) -> str:
    """A folded key's consonants, once each: "Kfarnabel" and "Kafranbel" are both "kfrnbl",
    "Jisr ash-Shugur" and "Jisr ash Shughur" both "jsrshgr"."""
    bare = re.sub(r"[aeiouy\s'`’-]", "", key.replace("gh", "g"))
    return re.sub(r"(.)\1+", r"\1", bare)


_SKELETONS: list[tuple[Gazetteer, dict[str, tuple[int, ...]]]] = []  # (index, its skeletons)


def _skeletons(gaz: Gazetteer) -> dict[str, tuple[int, ...]]:
    """Rows of Syrian, Iraqi and imported places by the skeleton of their folded names (of four
    consonants at least), built on first use of an index (about 0.2 s)."""
    if _SKELETONS and _SKELETONS[0][0] is gaz:
        return _SKELETONS[0][1]
    out: dict[str, set[int]] = {}
    for i, key in enumerate(gaz.keys):
        if key.startswith(SPELT) or not key.isascii() or len(sk := _skeleton(key)) < 4:
            continue
        out.setdefault(sk, set()).update(gaz.flat[gaz.offsets[i]:gaz.offsets[i + 1]])
    index = {k: tuple(sorted(v)) for k, v in out.items()}
    _SKELETONS[:] = [(gaz, index)]
    return index


def _spelt_otherwise(mentions: list[PlaceMention], text: str, gaz: Gazetteer) -> list[PlaceMention]:
    """A name the text calls a village or town ("the village of Kfarnabel in Idlib countryside")
    that no name key matched is read by its consonants, when exactly one place of that skeleton
    lies in a governorate named in its sentence (vowels and doubled letters are where
    transliterations differ most)."""
    ends = [e.end() for e in _SENTENCE_END.finditer(text)]
    added: list[PlaceMention] = []
    for hit in _CALLED.finditer(text):
        a, b = hit.span(1)
        if any(m.start < b and a < m.end for m in mentions):
            continue
        rows = _skeletons(gaz).get(_skeleton(name_key(hit.group(1))), ())
        if not rows:
            continue
        n = bisect_right(ends, a)
        govs = {(m.place.country, m.place.admin1) for m in mentions
                if bisect_right(ends, m.start) == n and m.place.admin1 and m.place.precision != "country"}
        inside = [gaz.place(r) for r in rows if (gaz.place(r).country, gaz.place(r).admin1) in govs
                  and gaz.place(r).precision not in _AREAS]
        if len({(p.lat, p.lon) for p in inside}) == 1:
            added.append(PlaceMention(a, b, hit.group(1), inside[0]))
    return sorted([*mentions, *added], key=lambda m: m.start) if added else mentions


def _urban(mentions: list[PlaceMention], text: str, gaz: Gazetteer,
           provisional: Container[int] = ()) -> list[PlaceMention]:
    """A name called a neighbourhood, quarter or district of a city ("the Sulaymaniyah
    neighbourhood of Aleppo", "al-Joura neighborhoods in the city", "حي الجورة") whose reading is
    a village or lies in another country than its city is read in that city: the city named
    beside it in its sentence (only locator words between), else the last one named before it,
    else the first after, of the country the text names most ("the Sulaymaniyah neighbourhood of Aleppo": the name before
    "neighbourhood" is the part, the one after "of" the city). A place of the name within
    ``_CITY_KM`` of that city is kept or chosen (Jobar of Damascus); otherwise the mention is
    the city itself, at the city's precision. A city named only elsewhere in the text takes the
    place of a reading at home only when the text says "in the city", no reading was left, or no
    place of the reading's governorate is named in its sentence or the ones beside it (Jobar
    stays the Jobar of Damascus in "Jobar neighborhood and other areas in Damascus countryside"
    after a sentence on Hama). Without a city named, it stays as it was, but a
    ``provisional`` one (whose every reading the context had refused) is dropped."""
    parts = [_is_part(m, mentions, text) for m in mentions]
    towns = [m for m, part in zip(mentions, parts, strict=True) if m.place.precision == "city" and not part]
    countries = Counter(m.place.country for m, part in zip(mentions, parts, strict=True)
                        if m.place.country and not part)
    home = countries.most_common(1)[0][0] if countries else None
    ends = [e.end() for e in _SENTENCE_END.finditer(text)] if towns and any(parts) else []
    out = []
    for n, (m, part) in enumerate(zip(mentions, parts, strict=True)):
        p = m.place
        host = _host(m, towns, [c for c in towns if c.place.country == home], ends, text, mentions) \
            if towns and part and p.precision != "country" else None
        if host is not None and not (_locates_in_sentence(m, host, mentions, text, ends)
                                     or n in provisional or p.country != host.country
                                     or _IN_THE_CITY.match(text, m.end)
                                     or not _supported(m, [c for c, q in zip(mentions, parts, strict=True)
                                                           if not q and c is not m], ends)):
            host = None  # a city named elsewhere does not outweigh a reading the text supports
        if host is None or host == p or p.precision != "village" and p.country == host.country:
            if n not in provisional:
                out.append(m)
            continue
        near = [q for q in _candidates(gaz, m, _key_of(gaz, m.text)) if _km(q, host) <= _CITY_KM]
        best = p if p in near else (near[0] if near else host)
        out.append(m if best == p else PlaceMention(m.start, m.end, m.text, best))
    return out


# "al-Joura neighborhoods in the city": the part of the city the story is about.
_IN_THE_CITY = re.compile(r"[ \u00a0]+(?i:neighbou?rhoods?|quarters?|districts?)[ \u00a0]+(?i:in|of)[ \u00a0]+the[ \u00a0]+city\b")


def _locates_in_sentence(m: PlaceMention, host: Place, mentions: list[PlaceMention], text: str,
                         ends: list[int]) -> bool:
    """Whether a mention of ``host`` stands beside ``m`` in its sentence, only locator words between."""
    n = bisect_right(ends, m.start)
    return any(c.place == host and bisect_right(ends, c.start) == n and _locates(text, m, c, mentions)
               for c in mentions if c is not m)


def _supported(m: PlaceMention, others: list[PlaceMention], ends: list[int]) -> bool:
    """Whether a place of the reading's governorate (or its twin) is named in the mention's
    sentence or the sentences on either side ("in Jobar neighborhood and in other areas in
    Damascus countryside")."""
    p, n = m.place, bisect_right(ends, m.start)
    govs = {(p.country, p.admin1), (p.country, _TWIN.get(p.admin1 or ""))}
    return any((c.place.country, c.place.admin1) in govs and abs(bisect_right(ends, c.start) - n) <= 1
               for c in others)


def _is_part(m: PlaceMention, mentions: list[PlaceMention], text: str) -> bool:
    """Whether ``m`` is called a part of a city: "the Zahraa neighbourhood", "the district of
    Jobar"; not the city in "the Sulaymaniyah neighbourhood of Aleppo" or "the central
    neighbourhoods of Damascus"."""
    if _PART_AFTER.match(text, m.end):
        return True
    if (m.place.population or 0) >= _CITY_KEEPS:
        return False  # "the central neighbourhoods of Damascus": the city itself
    before = _PART_BEFORE.search(text, max(0, m.start - 30), m.start)
    return before is not None and not any(o.end == before.start() - 1 for o in mentions)


def _host(m: PlaceMention, towns: list[PlaceMention], home: list[PlaceMention], ends: list[int],
          text: str, mentions: list[PlaceMention]) -> Place | None:
    """The city a part of a city named at ``m`` belongs to (see :func:`_urban`): among ``towns``
    the nearest in its sentence with only locator words between ("the Duma neighbourhood of
    Damascus"; not a dateline's "MOSCOW (Sputnik) At the ... neighborhood of X"), else among
    ``home`` (the towns of the text's country) the last before it or the first; ``ends`` are
    where the text's sentences end."""
    n = bisect_right(ends, m.start)
    same = [c for c in towns if c is not m and bisect_right(ends, c.start) == n and _locates(text, m, c, mentions)]
    if same:
        return min(same, key=lambda c: abs(c.start - m.start)).place
    if not home:
        return None
    before = [c for c in home if c.end <= m.start]
    return (before[-1] if before else home[0]).place


def _local_context(mentions: list[PlaceMention], cands: list[list[Place]], keys: list[str],
                   text: str) -> dict[str, _Located]:
    """For each name, the governorates named right beside it, within ``_LOCATOR`` characters in
    its sentence ("Madaya near Damascus", "the Salihiah neighbourhood of Hasakeh city", "al-Rasafa
    in Raqqa"), by a governorate, a big city or a place of one reading, with their distance.
    The first mention of a name that has such a neighbour speaks for all (a writer places a
    name when introducing it; one name is one place in one document). Without the text, the
    mentions are one sentence."""
    sent = _sentences(text, mentions) if text else [0] * len(mentions)
    by_sent: dict[int, list[tuple[str, PlaceMention, tuple[str | None, str | None]]]] = {}
    for m, cs, key, n in zip(mentions, cands, keys, sent, strict=True):
        p = m.place
        if _hamlets(cs) or p.precision == "country" or not p.admin1:
            continue
        if p.precision in _AREAS or len({(q.country, q.admin1) for q in cs}) == 1 \
                or (p.population or 0) >= _CITY_KEEPS:
            by_sent.setdefault(n, []).append((key, m, (p.country, p.admin1)))
    local: dict[str, _Located] = {}
    for m, key, n in zip(mentions, keys, sent, strict=True):
        if local.get(key):
            continue
        mine: _Located = {}
        for k, e, gov in by_sent.get(n, ()):
            gap = e.start - m.end if e.start >= m.end else m.start - e.end
            if k != key and 0 <= gap <= _LOCATOR and _locates(text, m, e, mentions):
                mine[gov] = min(mine.get(gov, gap), gap)
        local[key] = mine
    return local


def _locates(text: str, m: PlaceMention, e: PlaceMention, mentions: list[PlaceMention]) -> bool:
    """Whether only locator words (and other place names) stand between two mentions."""
    if not text:
        return True
    a, b = (m.end, e.start) if e.start >= m.end else (e.end, m.start)
    gap = text[a:b]
    for o in mentions:  # other places in between are part of a list
        if a <= o.start and o.end <= b:
            gap = gap.replace(o.text, " ")
    return all(w.lower() in _LOCATOR_WORDS for w in _GAP_WORD.findall(gap))


def _latin_word(text: str) -> bool:
    """One word in Latin script ("Tara"; not "Kafr Naha", not "تارة")."""
    t = text.strip()
    return " " not in t and "-" not in t and all(not ("\u0600" <= ch <= "\u06ff") for ch in t)
