"""Weapon mentions: the lexicon ``data/weapons.json`` mapped to FA-KES causes of death.

Causes are exactly ``shelling`` (air strikes, bombing raids, barrel bombs, artillery,
mortars, rockets, missiles, and incendiary munitions incl. white phosphorus),
``explosion`` (car and suicide bombs, IEDs, mines, booby traps, blasts), ``chemical``
(chlorine, sarin, nerve agents, toxic gas, "chemical attack"), ``shooting`` (snipers,
gunfire, "shot dead", "opened fire", clashes) and ``execution`` (executed, beheaded,
summary/field executions, crucifixion, stoning). White phosphorus counts as shelling: it
is an incendiary delivered by artillery or aircraft, not a chemical weapon under the CWC.

Matching reuses the actor finder's token trie (hyphens transparent, accents folded,
short capitals such as "IED" case-sensitive; a ``=`` prefix in the lexicon forces case),
leftmost-longest, so "barrel bomb" beats "bomb" and "car bomb" is an explosion. Words
that are weapons only in context carry guards in the lexicon: ``need_next`` (the next
token must be one of these), ``not_next`` (none of the next three tokens may be one of
these), ``not_prev`` (the previous token must not be one of these). So bare "strike"
needs "on/against/targeting...", "hunger strike" never fires, "struck a deal" and
"executed the plan" are not weapons; "bombshell" is a different token from "bomb".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from claimweave.annotate.actors import PhraseTrie, Tok, fold, phrase_keys, tokenize
from claimweave.model import WeaponMention

CAUSES = ("shelling", "explosion", "chemical", "shooting", "execution")
_GUARD_KINDS = frozenset({"need_next", "not_next", "not_prev"})


@dataclass(frozen=True, slots=True)
class _Guard:
    need_next: frozenset[str] | None
    not_next: frozenset[str]
    not_prev: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Entry:
    weapon: str
    cause: str
    guard: _Guard | None


class LexiconError(ValueError):
    """The weapons lexicon is malformed."""


@dataclass(frozen=True, slots=True)
class WeaponLexicon:
    trie: PhraseTrie
    causes: dict[str, str]  # weapon id -> cause

    def find(self, text: str, base: int = 0) -> list[WeaponMention]:
        toks = [
            Tok(t.start, t.end, t.raw[1:], t.low[1:]) if t.raw[0] == "#" and len(t.raw) > 1 else t
            for t in tokenize(text)
        ]
        out: list[WeaponMention] = []
        i, n = 0, len(toks)
        while i < n:
            m = self.trie.longest(toks, i)
            if m is None:
                i += 1
                continue
            j, entry = m
            assert isinstance(entry, _Entry)
            if entry.guard is not None and not _guard_ok(entry.guard, toks, i, j):
                i += 1
                continue
            s, e = toks[i].start, toks[j - 1].end
            out.append(WeaponMention(base + s, base + e, text[s:e], entry.weapon, entry.cause))
            i = j
        return out


def _guard_ok(g: _Guard, toks: list[Tok], i: int, j: int) -> bool:
    if i > 0 and toks[i - 1].low in g.not_prev:
        return False
    following = [t.low for t in toks[j:j + 3]]
    if g.need_next is not None and (not following or following[0] not in g.need_next):
        return False
    return not any(w in g.not_next for w in following)


def build(data: dict[str, Any]) -> WeaponLexicon:
    """Validate the lexicon and compile its trie."""
    guards: dict[str, _Guard] = {}
    for phrase, spec in data.get("guards", {}).items():
        if not set(spec) <= _GUARD_KINDS:
            raise LexiconError(f"guard {phrase!r}: unknown keys {sorted(set(spec) - _GUARD_KINDS)}")
        need = spec.get("need_next")
        key = " ".join(phrase_keys(phrase))
        if key in guards:
            raise LexiconError(f"two guards for {phrase!r} once accents are folded")
        guards[key] = _Guard(
            frozenset(fold(w) for w in need) if need is not None else None,
            frozenset(fold(w) for w in spec.get("not_next", ())),
            frozenset(fold(w) for w in spec.get("not_prev", ())),
        )
    trie = PhraseTrie()
    causes: dict[str, str] = {}
    for w in data["weapons"]:
        wid, cause = w["id"], w["cause"]
        if cause not in CAUSES:
            raise LexiconError(f"{wid}: unknown cause {cause!r}")
        if wid in causes:
            raise LexiconError(f"duplicate weapon id {wid!r}")
        causes[wid] = cause
        for phrase in w["phrases"]:
            keys = phrase_keys(phrase)
            if not keys:
                raise LexiconError(f"{wid}: empty phrase {phrase!r}")
            joined = " ".join(keys)
            old = trie.add(keys, _Entry(wid, cause, guards.get(joined)))
            if old is not None and old.weapon != wid:  # type: ignore[attr-defined]
                raise LexiconError(f"phrase {phrase!r} of {wid} already names {old.weapon}")  # type: ignore[attr-defined]
    unused = set(guards) - {" ".join(phrase_keys(p)) for w in data["weapons"] for p in w["phrases"]}
    if unused:
        raise LexiconError(f"guards for unknown phrases: {sorted(unused)}")
    return WeaponLexicon(trie, causes)


@lru_cache(maxsize=1)
def load_lexicon() -> WeaponLexicon:
    """The weapons lexicon, loaded and validated once per process."""
    raw = resources.files("claimweave.data").joinpath("weapons.json").read_bytes()
    return build(json.loads(raw))


def find_weapons(text: str, base: int = 0) -> list[WeaponMention]:
    """Weapon mentions in ``text``, offsets shifted by ``base``, sorted, non-overlapping."""
    return load_lexicon().find(text, base)
