"""Regions (blocking) and sides (contest, concession), from our gazetteer and actor KB."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

# FA-KES counts Damascus and Rif Dimashq as one location; so do we.
_MERGE = {"SY:Rif Dimashq": "SY:Damascus"}
# Sides that fight as one belligerent for grading purposes.
SIDE_GROUP = {"us": "coalition"}
BELLIGERENT_TYPES = frozenset({"military", "armed_group", "state", "coalition", "government",
                               "ministry"})


@cache
def _admin1() -> dict[int, str]:
    from ..annotate.gazetteer import load

    out: dict[int, str] = {}
    for r in load().rows:
        if r[3] in ("SY", "IQ") and r[4] is not None and r[6]:
            out[int(r[4])] = f"{r[3]}:{r[6]}"
    return out


def region_of(row: Mapping[str, Any]) -> str:
    """Governorate of a Syrian or Iraqi place, else its country, else the place name."""
    gid, country = row["geonames_id"], row["country"]
    key = _admin1().get(int(gid)) if gid is not None else None
    if key is None and row["precision"] == "governorate" and country in ("SY", "IQ"):
        key = f"{country}:{row['place']}"
    if key is not None:
        return _MERGE.get(key, key)
    return str(country or f"?{(row['place'] or '').lower()}")


@cache
def _kb() -> Any:
    from ..annotate.actors import load_kb

    return load_kb()


def side_of(actor_id: str | None) -> str | None:
    if not actor_id or actor_id not in _kb():
        return None
    side = _kb().get(actor_id).side
    return SIDE_GROUP.get(side, side) if side else None


def kb_names(actor_id: str) -> tuple[str, ...]:
    """The knowledge-base actor's name and aliases (none for an unknown id)."""
    if actor_id not in _kb():
        return ()
    a = _kb().get(actor_id)
    return (a.name, *a.aliases)


def is_belligerent(actor_id: str | None) -> bool:
    if not actor_id or actor_id not in _kb():
        return False
    a = _kb().get(actor_id)
    return a.type in BELLIGERENT_TYPES and a.side not in (None, "neutral")
