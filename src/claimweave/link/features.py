"""What the linker knows of one claim: its block (kind family, region), date window, place,
actor side, cause, killed count and a 512-bit mask of its content words.

Regions: a Syrian or Iraqi governorate (Damascus and Rif Dimashq are one region, as in FA-KES),
else the country, else ``"?"``. Date window, in proleptic ordinals: the claim's own date
(day: +-1 day; week: its days +-1; month: its days); a day and month without a year take the
publication's year; a claim without a date takes its document's publication date, as
``[published - 3, published]``. Years, seasons and undated claims have no window (``lo`` None).
A casualty claim that counts since a month, a year or the start of the war is a cumulative toll,
and so is any claim the extractor gave scope "background".

Actor: the knowledge-base id, else (an actor outside the knowledge base) its normalised name
(:mod:`.identity`); side: the knowledge-base actor's side, unknown (None) for a null-id actor.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date as Date
from typing import Any

from .identity import actor_key, is_name_key

MASK_BITS = 512
FAMILY = {"casualty": "violence", "military_action": "violence", "accusation": "violence",
          "denial": "violence", "kidnapping": "violence", "arrest": "violence"}
PRECISION_RANK = {"exact": 0, "village": 1, "city": 2, "district": 3, "governorate": 4,
                  "region": 5, "country": 6}
DEATH = frozenset({"killed", "dead"})
CIVILIAN = frozenset({"civilians", "people", "children", "women", "men", "bodies"})
_WORD = re.compile(r"[^\W\d_]{3,}")
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre")
_TOLL = re.compile(
    rf"(?i)\bsince\s+(?:(?:early|late|mid)[\s-]+)?(?:{_MONTHS}|20\d\d|19\d\d|the\s+(?:start|beginning|"
    rf"outbreak)|(?:the\s+)?(?:war|conflict|uprising|campaign|offensive|siege)\s+(?:began|started|"
    rf"erupted)|it\s+(?:began|started|erupted))\b|\bdepuis\s+(?:le\s+début|(?:le\s+)?(?:{_MONTHS})|20\d\d)\b"
    r"|\b(?:so\s+far\s+this\s+(?:year|month)|to\s+date)\b")
_STOP = frozenset(["the", "and", "for", "that", "with", "from", "this", "was", "were", "have", "has", "had", "are", "but", "not", "its", "their", "they", "them", "his", "her", "said", "says", "also", "been", "into", "than", "after", "over", "more", "least", "which", "who", "when", "where", "what", "les", "des", "une", "dans", "pour", "par", "que", "qui", "est", "sur", "aux", "ont", "été", "selon"])


@dataclass(slots=True)
class ClaimFeatures:
    seq: int
    doc: int
    family: str
    region: str
    lo: int | None
    hi: int | None
    precise: bool  # the window comes from a day-precision date in the claim itself
    reported: bool  # the window is only the publication date's
    place_key: str | None
    lat: float | None
    lon: float | None
    prank: int
    actor: str | None  # identity (.identity.actor_key): the KB id, else "name:" + normalised name
    side: str | None  # the KB actor's side; None for an actor outside the KB (unknown side)
    cause: str | None
    vmin: int | None
    vmax: int | None
    mask: int
    toll: bool = False  # a cumulative toll ("300 civilians killed since February"), not one incident
    start: int = 0  # where the claim starts in its document's text (the lead counts double)

    @property
    def perp(self) -> str | None:
        """The perpetrator as the linker compares it: the side, else a null-id actor's name key."""
        return self.side or (self.actor if is_name_key(self.actor) else None)


RegionOf = Callable[[Any], str]


def word_mask(text: str) -> int:
    m = 0
    for w in _WORD.findall(text.lower()):
        if w not in _STOP:
            m |= 1 << (zlib.crc32(w.encode()) % MASK_BITS)
    return m


def _ordinal(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        return Date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def date_window(date_json: str | None, published: str | None) -> tuple[int | None, int | None, bool]:
    d: dict[str, Any] = json.loads(date_json) if date_json else {}
    prec = d.get("precision")
    lo, hi = _ordinal(d.get("start")), _ordinal(d.get("end") or d.get("start"))
    pub = _ordinal(published)
    if lo is None and prec == "day" and d.get("month") and d.get("day") and pub is not None:
        year = Date.fromordinal(pub).year
        try:
            day = Date(year, d["month"], d["day"]).toordinal()
            lo = hi = day if day <= pub + 1 else Date(year - 1, d["month"], d["day"]).toordinal()
        except ValueError:
            lo = hi = None
    if lo is not None and hi is not None and prec in ("day", "week") and hi - lo <= 7:
        return lo - 1, hi + 1, prec == "day" and lo == hi
    if lo is not None and hi is not None and prec in ("day", "week", "month"):
        return lo, hi, False
    if d and prec in ("year", "season"):
        return None, None, False
    if pub is not None:
        return pub - 3, pub, False
    return None, None, False


def _killed(victims_json: str | None) -> tuple[int | None, int | None]:
    vs = json.loads(victims_json) if victims_json else []
    lows = [v["min"] for v in vs if v["outcome"] in DEATH and v["type"] in CIVILIAN and v["min"] is not None]
    highs = [v["max"] for v in vs if v["outcome"] in DEATH and v["type"] in CIVILIAN and v["max"] is not None]
    return (max(lows) if lows else None), (max(highs) if highs else None)


def document_dates(feats: list[ClaimFeatures]) -> None:
    """A claim dated only by its publication takes the date of the nearest claim before it (else
    after it) in the same document and region that states one to the day: "the strike" of the
    fourth paragraph is the one dated in the lede."""
    by_doc: dict[tuple[int, str], list[ClaimFeatures]] = {}
    for f in feats:
        by_doc.setdefault((f.doc, f.region), []).append(f)
    for group in by_doc.values():
        dated = [f for f in group if f.precise]
        if not dated:
            continue
        for f in group:
            if f.reported:
                src = max((d for d in dated if d.seq < f.seq), key=lambda d: d.seq, default=dated[0])
                f.lo, f.hi, f.reported = src.lo, src.hi, False


def row_value(row: Any, key: str) -> Any:
    """``row[key]``, or None for a column the row lacks (a row shaped before migration 5)."""
    try:
        return row[key]
    except (IndexError, KeyError):
        return None


def features(row: Any, region_of: RegionOf, side_of: Callable[[str], str | None]
             ) -> ClaimFeatures:
    """``row``: a claims row plus the document's ``published``. A claim of scope "background"
    (a cumulative or war-long toll, as the extractor tells) is a toll like one the text marks."""
    lo, hi, precise = date_window(row["date_json"], row["published"])
    reported = not row["date_json"] and lo is not None
    gid, name = row["geonames_id"], row["place"]
    place_key = f"g{gid}" if gid is not None else (f"n{name.lower()}" if name else None)
    vmin, vmax = _killed(row["victims_json"])
    actor_id = row["actor_id"]
    actor = actor_key(row["actor"], actor_id)
    toll = row_value(row, "scope") == "background" or (
        row["kind"] == "casualty" and bool(_TOLL.search(row["text"])))
    return ClaimFeatures(
        seq=row["seq"], doc=row["doc"], family=FAMILY.get(row["kind"], row["kind"]),
        region=region_of(row) if name else "?", lo=lo, hi=hi, precise=precise, reported=reported,
        place_key=place_key, lat=row["lat"], lon=row["lon"],
        prank=PRECISION_RANK.get(row["precision"] or "", 9), actor=actor,
        side=side_of(actor_id) if actor_id else None, cause=row["cause"], vmin=vmin, vmax=vmax,
        mask=word_mask(row["text"]), toll=toll, start=row_value(row, "span_start") or 0)
