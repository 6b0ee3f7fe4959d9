"""Actor mentions: the curated knowledge base ``data/actors.json`` matched by a token trie.

Matching works on tokens (``[#@]?\\w+``, dotted ``U.S.``-style abbreviations, single
punctuation marks). Hyphens are transparent, so "US-led" = "US led" and "al-Nusra" =
"al Nusra"; accents and curly apostrophes are folded. Alias tokens of one to three
capitals ("US", "SAA", "IS") and aliases written with a leading ``=`` match case-
sensitively; everything else case-insensitively. A hashtag matches an alias by its first
token (``#Assad regime``) or as the alias written solid (``#FreeSyrianArmy``); an
``@handle`` matches only an alias that is that handle.

The leftmost, then longest, match wins; mentions never overlap. A following head noun
("forces", "warplanes", "fighters", also after a possessive) is taken into the mention,
and for a state it selects the state's military or air force ("Russian warplanes").

Ambiguous capitals are guarded: "US", "UN", "WHO" never match in all-caps text; "RT"
not as a retweet marker; "IS" (and French "EI") only where it is clearly the group --
before a group noun or a verb in -ed ("IS fighters", "IS claimed"), before a hyphen
("IS-held"), in parentheses, after French "l'", or mid-sentence in mixed-case text;
never as the plain first word of a sentence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from claimweave.model import Actor, ActorMention

ACTOR_TYPES = frozenset({
    "state", "military", "armed_group", "ministry", "government", "monitor", "ngo", "un",
    "outlet", "person", "media_account", "coalition", "other",
})
SIDES = frozenset({
    "syrian_government", "russia", "iran", "us", "coalition", "turkey", "opposition",
    "jihadist", "isis", "sdf", "kurdish", "iraq", "israel", "jordan", "gulf", "neutral",
})
FAKES_ACTORS = frozenset({
    "syrian government or russian troops",
    "the organization of the islamic state in iraq and the levant - isis",
    "international coalition forces",
    "armed opposition groups",
    "self administration forces",
    "al-nusra front",
})

# ---------------------------------------------------------------- tokens and the trie

_TOKEN_RE = re.compile(
    r"(?<!\w)(?:U\.S\.A\.|U\.A\.E\.|U\.[SNK]\.|U\.S(?=[-‐‑]))|[#@]?\w+|[^\w\s]"
)
_DOTTED = {"U.S.A.": "USA", "U.A.E.": "UAE", "U.S.": "US", "U.N.": "UN", "U.K.": "UK", "U.S": "US"}
_HYPHENS = frozenset("-‐‑")
_FOLD = str.maketrans(
    "àáâäãåāèéêëēìíîïīòóôöõōùúûüūçñşğıýÿ’‘ʼ`´",
    "aaaaaaaeeeeeiiiiioooooouuuuucnsgiyy'''''",
)
_SHORT_CAPS = re.compile(r"[A-Z]{1,3}")
END = ""  # trie key of a terminal payload


def fold(s: str) -> str:
    """Lower-case, strip common accents, straighten apostrophes (length preserving)."""
    return s.lower().translate(_FOLD)


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    raw: str  # as written; dotted abbreviations normalised ("U.S." -> "US")
    low: str  # folded


def tokenize(text: str) -> list[Tok]:
    """Tokens of ``text`` with hyphens dropped (they are transparent to matching)."""
    low_text = fold(text)
    if len(low_text) != len(text):  # a rare lower-casing that changes length
        low_text = ""
    toks: list[Tok] = []
    append = toks.append
    for m in _TOKEN_RE.finditer(text):
        raw = m.group()
        if raw in _HYPHENS:
            continue
        s, e = m.span()
        if raw in _DOTTED:
            raw = _DOTTED[raw]
            append(Tok(s, e, raw, raw.lower()))
        else:
            append(Tok(s, e, raw, low_text[s:e] if low_text else fold(raw)))
    return toks


def phrase_keys(phrase: str) -> list[str]:
    """Trie keys of an alias: ``=Token`` for a case-sensitive token, folded text otherwise."""
    sensitive = phrase.startswith("=")
    if sensitive:
        phrase = phrase[1:]
    keys = []
    for t in tokenize(phrase):
        if sensitive or _SHORT_CAPS.fullmatch(t.raw):
            keys.append("=" + t.raw)
        else:
            keys.append(t.low)
    return keys


@dataclass(slots=True)
class PhraseTrie:
    """Token trie mapping phrases to payloads; leftmost-longest, non-overlapping scan."""

    root: dict[str, Any] = field(default_factory=dict)

    def add(self, keys: list[str], payload: object) -> object | None:
        """Insert; returns the payload already stored under ``keys`` (or None)."""
        node = self.root
        for k in keys:
            node = node.setdefault(k, {})
        old = node.get(END)
        if old is None:
            node[END] = payload
        return old

    def longest(self, toks: list[Tok], i: int) -> tuple[int, object] | None:
        """Longest match starting at token ``i``: (end token index, payload)."""
        best: tuple[int, object] | None = None
        frontier = [self.root]
        n = len(toks)
        j = i
        while frontier and j < n:
            t = toks[j]
            low, sens = t.low, "=" + t.raw
            nxt = []
            for node in frontier:
                child = node.get(low)
                if child is not None:
                    nxt.append(child)
                child = node.get(sens)
                if child is not None:
                    nxt.append(child)
            j += 1
            for node in nxt:
                if END in node:
                    best = (j, node[END])
            frontier = nxt
        return best


# ---------------------------------------------------------------- the knowledge base

_GROUND_HEADS = frozenset({
    "forces", "troops", "soldiers", "army", "military", "militaries", "force",
    "troupes", "soldats", "armee",
})
_AIR_HEADS = frozenset({
    "warplanes", "warplane", "jets", "jet", "planes", "aircraft", "aviation", "bombers",
    "helicopters", "drones", "avions",
})
_GROUP_HEADS = frozenset({
    "fighters", "militants", "jihadists", "rebels", "terrorists", "insurgents", "militia",
    "militias", "militiamen", "gunmen", "group", "groups", "units", "combattants",
    "jihadistes", "djihadistes", "rebelles", "milices", "extremists",
})
_HEADS = _GROUND_HEADS | _AIR_HEADS | _GROUP_HEADS
_EXTENDABLE = frozenset({"state", "military", "armed_group", "coalition", "government"})

# Guards for capitalised aliases that are also ordinary words.
_CAPS_GUARDED = frozenset({"US", "UK", "UN", "WHO", "AP", "RT", "IS", "EI"})
_IS_NEXT = frozenset({
    "jihadists", "jihadist", "fighters", "fighter", "militants", "militant", "group", "groups",
    "terrorists", "terrorist", "members", "member", "militia", "militiamen", "positions",
    "position", "stronghold", "strongholds", "territory", "territories", "commander",
    "commanders", "leader", "leaders", "leadership", "emir", "emirs", "suicide", "attack",
    "attacks", "cells", "cell", "sleeper", "remnants", "remnant", "caliphate", "control",
    "claims", "propaganda", "held", "forces", "gunmen", "bombers", "bomber", "car",
    "insurgents", "supporters", "recruits", "officials", "official", "spokesman", "news",
    "media", "wilayat", "province", "pocket", "pockets", "enclave", "snipers", "sniper",
    "offensive", "counterattack", "counteroffensive", "operatives", "kills", "holds",
    "combattants", "jihadistes", "djihadistes", "groupe", "membres", "terroristes", "kamikazes",
    "kamikaze", "fief", "bastion", "chef", "sympathisants",
})
_SENT_START = frozenset(".!?…:;\"“”«»•|")


@dataclass(frozen=True, slots=True)
class _Hit:
    actor_id: str
    guard: str | None  # "is", "rt", "caps" or None


class KBError(ValueError):
    """The actor knowledge base is malformed."""


class ActorKB:
    """The validated actor knowledge base and its compiled matcher."""

    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self._actors: dict[str, Actor] = {}
        self._military: dict[str, str] = {}
        self._air: dict[str, str] = {}
        self.trie = PhraseTrie()
        self._caps_tokens: set[str] = set()
        self._load(entries)

    # -- loading and validation
    def _load(self, entries: list[dict[str, Any]]) -> None:
        for e in entries:
            aid = e.get("id")
            if not isinstance(aid, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", aid):
                raise KBError(f"bad id {aid!r}")
            if aid in self._actors:
                raise KBError(f"duplicate id {aid!r}")
            if e.get("type") not in ACTOR_TYPES:
                raise KBError(f"{aid}: unknown type {e.get('type')!r}")
            side = e.get("side")
            if side is not None and side not in SIDES:
                raise KBError(f"{aid}: unknown side {side!r}")
            country = e.get("country")
            if country is not None and not re.fullmatch(r"[A-Z]{2}", country):
                raise KBError(f"{aid}: bad country {country!r}")
            fakes = e.get("fakes_actor")
            if fakes is not None and fakes not in FAKES_ACTORS:
                raise KBError(f"{aid}: unknown fakes_actor {fakes!r}")
            unknown = set(e) - {"id", "name", "type", "side", "country", "aliases",
                                "fakes_actor", "military", "air_force"}
            if unknown:
                raise KBError(f"{aid}: unknown fields {sorted(unknown)}")
            aliases = tuple(dict.fromkeys([e["name"], *e.get("aliases", ())]))
            self._actors[aid] = Actor(
                id=aid, name=e["name"], type=e["type"], side=side, country=country,
                aliases=aliases, fakes_actor=fakes,
            )
            if "military" in e:
                self._military[aid] = e["military"]
            if "air_force" in e:
                self._air[aid] = e["air_force"]
        for links in (self._military, self._air):
            for aid, target in links.items():
                if target not in self._actors:
                    raise KBError(f"{aid}: link to unknown actor {target!r}")
        solid: list[tuple[str, str]] = []
        for actor in self._actors.values():
            for alias in actor.aliases:
                keys = phrase_keys(alias)
                if not keys:
                    raise KBError(f"{actor.id}: empty alias {alias!r}")
                bare = alias.lstrip("=")
                guard = None
                if bare in ("IS", "EI"):
                    guard = "is"
                elif bare == "RT":
                    guard = "rt"
                elif bare in _CAPS_GUARDED:
                    guard = "caps"
                old = self.trie.add(keys, _Hit(actor.id, guard))
                if old is not None and old.actor_id != actor.id:  # type: ignore[attr-defined]
                    raise KBError(f"alias {alias!r} of {actor.id} already names {old.actor_id}")  # type: ignore[attr-defined]
                self._caps_tokens.update(t.raw for t in tokenize(bare) if t.raw.isupper())
                if len(keys) > 1 and all(k.isalnum() or k[1:].isalnum() for k in keys):
                    solid.append(("#" + "".join(fold(k.lstrip("=")) for k in keys), actor.id))
        for key, aid in solid:  # hashtag forms: first alias wins, never an error
            self.trie.add([key], _Hit(aid, None))

    # -- access
    def get(self, actor_id: str) -> Actor:
        return self._actors[actor_id]

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def __len__(self) -> int:
        return len(self._actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors.values())

    def military_of(self, actor_id: str) -> str | None:
        return self._military.get(actor_id)

    def air_force_of(self, actor_id: str) -> str | None:
        return self._air.get(actor_id) or self._military.get(actor_id)

    # -- matching
    def find(self, text: str, base: int = 0) -> list[ActorMention]:
        toks = tokenize(text)
        out: list[ActorMention] = []
        i, n = 0, len(toks)
        trie = self.trie
        while i < n:
            t = toks[i]
            m = self._tag_match(toks, i) if t.raw[0] in "#@" else trie.longest(toks, i)
            if m is None:
                i += 1
                continue
            j, hit = m
            assert isinstance(hit, _Hit)
            if hit.guard is not None and not self._guard_ok(hit.guard, text, toks, i, j):
                i += 1
                continue
            actor_id, j = self._extend(hit.actor_id, toks, j)
            s, e = toks[i].start, toks[j - 1].end
            actor = self._actors[actor_id]
            out.append(ActorMention(base + s, base + e, text[s:e], actor_id, actor.name))
            i = j
        return out

    def _tag_match(self, toks: list[Tok], i: int) -> tuple[int, object] | None:
        t = toks[i]
        body = t.raw[1:]
        if t.raw[0] == "@":  # handles: only an alias that is the handle
            node = self.trie.root.get(t.low)
            if node is not None and END in node:
                return i + 1, node[END]
            return None
        swapped = Tok(t.start, t.end, body, t.low[1:])
        toks[i] = swapped
        try:
            m = self.trie.longest(toks, i)
            if m is None and body.isalpha() and len(body) <= 5:  # "#saa", "#Sdf"
                toks[i] = Tok(t.start, t.end, body.upper(), t.low[1:])
                m = self.trie.longest(toks, i)
        finally:
            toks[i] = t
        if m is None:
            node = self.trie.root.get("#" + t.low[1:].replace("_", ""))
            if node is not None and END in node:
                m = (i + 1, node[END])
        if m is not None and m[1].guard == "is":  # type: ignore[attr-defined]
            return None  # "#IS" is too ambiguous
        return m

    def _extend(self, actor_id: str, toks: list[Tok], j: int) -> tuple[str, int]:
        actor = self._actors[actor_id]
        k, n = j, len(toks)
        if (k + 1 < n and toks[k].low == "'" and toks[k + 1].low == "s"
                and toks[k].start == toks[k - 1].end):
            k += 2  # possessive: "Assad's forces"
        if (k + 1 < n and toks[k].low == "air" and toks[k + 1].low in ("force", "forces")
                and toks[k].start - toks[k - 1].end <= 2):
            link = self.air_force_of(actor_id)  # "Assad's air force"
            return (link, k + 2) if link else (actor_id, j)
        if k >= len(toks) or toks[k].low not in _HEADS or toks[k].start - toks[k - 1].end > 2:
            return actor_id, j
        head = toks[k].low
        link = None
        if head in _AIR_HEADS:
            link = self.air_force_of(actor_id)
        elif head in _GROUND_HEADS:
            link = self._military.get(actor_id)
        if link is None and actor.type not in _EXTENDABLE:
            return actor_id, j
        return (link or actor_id), k + 1

    def _guard_ok(self, guard: str, text: str, toks: list[Tok], i: int, j: int) -> bool:
        prev = toks[i - 1] if i > 0 else None
        nxt = toks[j] if j < len(toks) else None
        if self._caps_context(prev, nxt):
            return False
        if guard == "caps":
            return True
        if guard == "rt":
            return not (nxt is not None and (nxt.raw[0] == "@" or nxt.raw == ":"))
        # guard == "is"
        end = toks[j - 1].end
        if end < len(text) and text[end] in _HYPHENS:
            return True  # "IS-held"
        if nxt is not None and (nxt.low in _IS_NEXT or (nxt.raw.islower() and nxt.low.endswith("ed"))):
            return True
        if prev is not None and prev.raw == "(" and nxt is not None and nxt.raw == ")":
            return True
        if prev is not None and prev.low == "'" and i > 1 and toks[i - 2].low in ("l", "d"):
            return True  # French "l'EI", "d'EI"
        return not (prev is None or prev.raw in _SENT_START or "\n" in text[prev.end:toks[i].start])

    def _caps_context(self, prev: Tok | None, nxt: Tok | None) -> bool:
        for t in (prev, nxt):
            if (t is not None and len(t.raw) > 1 and t.raw.isalpha() and t.raw.isupper()
                    and t.raw not in self._caps_tokens):
                return True
        return False


_BARE_COALITION = frozenset({"coalition", "the coalition"})


def document_senses(mentions: list[ActorMention]) -> list[ActorMention]:
    """Senses that depend on the whole document: a bare "the Coalition" in a page that names the
    Syrian National Coalition, and names the US-led coalition only as bare "coalition" if at all,
    is the Syrian National Coalition (the opposition's political body, not a belligerent)."""
    snc = "syrian_national_coalition"
    if not any(m.actor_id == snc for m in mentions):
        return mentions
    bare = [m for m in mentions if m.actor_id == "international_coalition" and fold(m.text) in _BARE_COALITION]
    if not bare or any(m.actor_id == "international_coalition" and fold(m.text) not in _BARE_COALITION
                       for m in mentions):
        return mentions
    name = load_kb().get(snc).name
    ids = {id(m) for m in bare}
    return [ActorMention(m.start, m.end, m.text, snc, name) if id(m) in ids else m for m in mentions]


# ---------------------------------------------------------------- the document's countries
# An alias made only of common words ("the regime", "rebels", "government forces", "National
# Liberation Front", "Congress") names its knowledge-base actor only in a document about that
# actor's country; elsewhere it is some other country's regime, rebels or front.

# Sides that belong to Syria's war: their actors without a country are Syrian.
_SYRIA_SIDES = frozenset({"syrian_government", "opposition", "sdf", "kurdish"})
# Types whose aliases are localised: belligerents and political bodies. Outlets, monitors, NGOs
# and UN bodies are named for what they cover ("the Observatory"), not where they sit.
_LOCAL_TYPES = frozenset({"state", "military", "armed_group", "coalition", "government", "ministry",
                          "person", "other"})
# Institutional and military words that many countries' names share (besides every word the
# knowledge base writes in lower case and the head nouns above).
_COMMON_WORDS_TEXT = """
national liberation front congress congres senate house representatives parliament assembly council
committee commission government administration authorities ministry minister department office
secretary president presidency general command central security intelligence police guard guards
republican revolutionary revolutionaries popular people mobilization mobilisation democratic
movement party union alliance division divisions brigade brigades battalion corps legion special
operations service counter terrorism interim transitional salvation autonomous southern northern
eastern western north south east west fourth third second first tiger golden islamist army
armed forces defence defense interior foreign affairs high negotiations negotiation units protection
commando internal regional state federal republic
"""
_COMMON_WORDS = frozenset(_COMMON_WORDS_TEXT.split())
# Words of state names that name no country on their own ("Islamic Republic of Iran").
_STATE_FILLER = frozenset({"republic", "islamic", "arab", "united", "states", "kingdom", "royaume",
                           "great", "federation", "democratic", "people"})


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    lower: frozenset[str]  # words the knowledge base writes in lower case, and the head nouns
    common: frozenset[str]  # those and ``_COMMON_WORDS``
    country: frozenset[str]  # words of state names and aliases, and of governments' names
    stems: tuple[str, ...]  # their first four letters: "syri" gives "Syrian", "syriens"


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    """Common and country words, read from the knowledge base: country words are a state's
    one-word aliases ("Russian", "russe", "Moscow") and the other words of states' and
    governments' names that are no common word ("Syrian Arab Republic", "Kurdistan Regional
    Government"); a word starting with a country word's first four letters is one too ("Syrian",
    "syriens", "Lebanese")."""
    kb = load_kb()
    lower = set(_HEADS)
    for actor in kb:
        for alias in actor.aliases:
            lower.update(t.low for t in tokenize(alias.lstrip("=")) if t.raw[:1].islower())
    common = lower | _COMMON_WORDS
    country: set[str] = set()
    for actor in kb:
        if actor.type not in ("state", "government"):
            continue
        for alias in actor.aliases:
            toks = tokenize(alias.lstrip("="))
            for t in toks:
                w = t.low
                if len(w) < 3 or not w.isalpha() or w in _STATE_FILLER:
                    continue
                if (actor.type == "state" and len(toks) == 1) or (t.raw[0].isupper() and w not in common):
                    country.add(w)
    stems = tuple(sorted({w[:4] for w in country if len(w) >= 4 and w.isascii()}))
    return _Vocabulary(frozenset(lower), frozenset(common), frozenset(country), stems)


def _naming(tok: Tok) -> bool:
    """Whether a token names a country or a group itself: a country word or demonym, an acronym
    ("SAA", "ISIS"), or any word that is no common word ("Hezbollah", "Assad", "Nusra")."""
    v = _vocabulary()
    w = tok.low
    if not any(c.isalpha() for c in w):
        return False  # punctuation, "4th"-style numbers are judged below
    if w in v.country or w.startswith(v.stems):
        return True
    if len(tok.raw) >= 2 and tok.raw.isupper() and tok.raw.isalpha():
        return True
    return w not in v.common and not w.rstrip("stndrh").isdigit()


def is_generic(text: str) -> bool:
    """Whether a mention is made only of common words: "the regime", "government forces",
    "rebels", "National Liberation Front", "Congress" (not "Syrian army", "Assad forces",
    "Hezbollah", "ISIS")."""
    if text.isupper() and len(text) >= 5:  # wire copy in capitals: "REBELS" is "rebels", not an acronym
        text = text.lower()
    toks = tokenize(text)
    return bool(toks) and not any(_naming(t) for t in toks)


def _common_noun(text: str) -> bool:
    """A common-noun phrase ("the regime", "Rebels" opening a sentence), not a proper name
    ("National Liberation Front", "Congress")."""
    lower = _vocabulary().lower
    words = [t for t in tokenize(text) if t.raw[:1].isalpha()]
    return all(t.raw.islower() or (i == 0 and t.low in lower and t.raw[1:].islower())
               for i, t in enumerate(words))


def actor_country(actor: Actor) -> str | None:
    """The actor's country, or Syria for an actor of a side of Syria's war that has none."""
    if actor.country:
        return actor.country
    return "SY" if actor.side in _SYRIA_SIDES else None


def localise(mentions: list[ActorMention], countries: set[str] | frozenset[str],
             kb: ActorKB | None = None) -> list[ActorMention]:
    """An alias never links across countries. ``countries`` are the ISO codes of the document's
    place mentions; the countries of the actors it names by proper names ("Syrian army",
    "Russian jets", "Hezbollah") are added. A mention made only of common words ("the regime",
    "rebels", "National Liberation Front", "Congress") whose actor's country is not among them is
    unlinked: ``actor_id`` None, its own text as name, entity type "generic" for a common-noun
    phrase and "ORG" for a name. A document that names no country links no such mention either:
    "the regime" of a text that says nothing of where is nobody's regime in particular."""
    kb = kb or load_kb()
    generic: list[bool] = []
    doc = {c for c in countries if c}
    for m in mentions:
        g = m.actor_id is not None and is_generic(m.text)
        generic.append(g)
        if m.actor_id is not None and not g and m.actor_id in kb:
            c = actor_country(kb.get(m.actor_id))
            if c:
                doc.add(c)
    out: list[ActorMention] = []
    for m, g in zip(mentions, generic, strict=True):
        if g and m.actor_id in kb:
            actor = kb.get(m.actor_id)  # type: ignore[arg-type]
            c = actor_country(actor)
            if actor.type in _LOCAL_TYPES and c is not None and c not in doc:
                kind = "generic" if _common_noun(m.text) else "ORG"
                m = ActorMention(m.start, m.end, m.text, None, m.text, kind)
        out.append(m)
    return out


def _read_entries() -> list[dict[str, Any]]:
    raw = resources.files("claimweave.data").joinpath("actors.json").read_bytes()
    data = json.loads(raw)
    if not isinstance(data, list):
        raise KBError("actors.json must hold a list of entries")
    return data


@lru_cache(maxsize=1)
def load_kb() -> ActorKB:
    """The actor knowledge base, loaded and validated once per process."""
    return ActorKB(_read_entries())


def find_actors(text: str, base: int = 0) -> list[ActorMention]:
    """Actor mentions in ``text``, offsets shifted by ``base``, sorted, non-overlapping."""
    return load_kb().find(text, base)
