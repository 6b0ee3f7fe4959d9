"""Drafting units and turning drafts into a valid, tiled tuple of :class:`Unit`.

Cutters create :class:`Draft` objects (mutable, cheap); :func:`finalize` sorts them,
gives ids in document order, fills any uncovered text with paragraph leaves and checks
the tiling invariant: every non-whitespace character lies in exactly one leaf unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Unit
from .lines import split_lines


@dataclass(eq=False, slots=True)
class Draft:
    kind: str
    start: int
    end: int
    speaker: str | None = None
    parent: Draft | None = None
    lang: str | None = None
    children: list[Draft] = field(default_factory=list)

    def add(self, kind: str, start: int, end: int, speaker: str | None = None) -> Draft:
        child = Draft(kind, start, end, speaker if speaker is not None else self.speaker, self)
        self.children.append(child)
        return child


class TilingError(AssertionError):
    pass


def _fill_gaps(text: str, leaves: list[Draft], gap_kind: str) -> list[Draft]:
    leaves = sorted(leaves, key=lambda d: d.start)
    extra: list[Draft] = []
    pos = 0
    for d in [*leaves, None]:
        stop = len(text) if d is None else d.start
        if stop > pos and text[pos:stop].strip():
            for ln in split_lines(text, pos, stop):
                extra.append(Draft(gap_kind, ln.start, ln.end))
        if d is not None:
            pos = max(pos, d.end)
    return extra


def _trim(text: str, d: Draft) -> None:
    while d.start < d.end and text[d.start].isspace():
        d.start += 1
    while d.end > d.start and text[d.end - 1].isspace():
        d.end -= 1


def finalize(text: str, roots: list[Draft], gap_kind: str = "paragraph") -> tuple[Unit, ...]:
    drafts: list[Draft] = []

    def walk(d: Draft) -> None:
        drafts.append(d)
        for c in d.children:
            walk(c)

    for r in roots:
        walk(r)
    for d in drafts:
        _trim(text, d)
    drafts = [d for d in drafts if d.end > d.start or d.children]
    leaves = [d for d in drafts if not d.children]
    drafts.extend(_fill_gaps(text, leaves, gap_kind))
    drafts.sort(key=lambda d: (d.start, -d.end, 0 if d.children else 1))
    ids = {id(d): f"u{i + 1}" for i, d in enumerate(drafts)}
    units = tuple(
        Unit(ids[id(d)], d.kind, d.start, d.end, d.speaker, d.lang,
             ids.get(id(d.parent)) if d.parent is not None else None)
        for d in drafts
    )
    check_tiling(text, units)
    return units


def leaves_of(units: tuple[Unit, ...]) -> list[Unit]:
    parents = {u.parent for u in units if u.parent}
    return [u for u in units if u.id not in parents]


def check_tiling(text: str, units: tuple[Unit, ...]) -> None:
    """Raise :class:`TilingError` unless leaves tile every non-whitespace character once."""
    byid = {u.id: u for u in units}
    for u in units:
        if not 0 <= u.start <= u.end <= len(text):
            raise TilingError(f"unit {u.id} offsets {u.start}:{u.end} out of range")
        if u.parent is not None:
            p = byid.get(u.parent)
            if p is None or not (p.start <= u.start and u.end <= p.end):
                raise TilingError(f"unit {u.id} lies outside its parent {u.parent}")
    pos = 0
    for leaf in sorted(leaves_of(units), key=lambda u: u.start):
        if leaf.start < pos:
            raise TilingError(f"leaf {leaf.id} overlaps the previous leaf")
        if text[pos:leaf.start].strip():
            raise TilingError(f"text {pos}:{leaf.start} is in no leaf")
        pos = leaf.end
    if text[pos:].strip():
        raise TilingError(f"text {pos}: is in no leaf")
