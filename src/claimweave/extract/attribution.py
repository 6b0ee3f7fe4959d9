"""Who asserts a sentence (the claimant) and through whom it came (the source chain)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import ActorMention, Ref
from .lexicon import NOUN_RELAY, NOUN_SPEAKER, RELAY_AFTER, RELAY_BEFORE, SPEECH_VERBS

# A person's or body's name not (yet) in the knowledge base: "Omar al-Khatib", "Levant 24".
NAME = re.compile(
    r"(?:[A-Z][\w'’]+|[A-Z]\.)(?:\s+(?:(?:al|el|bin|ibn|abu|de|du|la|le|van|von|der)[-\s])?(?:[A-Z][\w'’-]+|\d+)){1,5}"
)
PRONOUN = re.compile(r"(?i)\b(?:he|she|they|it|il|elle|ils)\s*$")
_APPOSITIVE = re.compile(r"^\s*,[^,]{2,60},\s*$")
_CAP_PHRASE = re.compile(
    r"(?:[A-Z][\w'’.-]*|of|the|for|and|al|de)(?:\s+(?:[A-Z][\w'’.-]*|\d+|of|the|for|and|al-?\w*|de)){0,6}"
)
Resolver = Callable[[str, int], Ref | None]
_INSTITUTION_WORDS = frozenset(
    ["Republic", "Ministry", "Army", "Forces", "Council", "Agency", "Government", "Kingdom", "Federation", "Command", "Observatory", "Organization", "Organisation", "Union", "Nations", "States", "Coalition", "Office", "Department", "Committee", "Front", "Minister", "Spokesman", "Spokeswoman", "President", "Commander", "General", "Colonel"])
# Words that may stand between "according to" and a name: "the activist group", "the pro-government daily".
_DESCRIPTORS = re.compile(r"^(?:[\w'’-]+\s+){0,4}$")
# "..., as the news site Levant 24 reported" anywhere in the sentence.
_AS_REPORTED = re.compile(
    r"(?i)\bas\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}?"
    r"((?-i:[A-Z@#][\w'’.-]*)(?:\s+(?:(?-i:[A-Z][\w'’.-]*)|\d+|of|for|the))*)\s+"
    r"(?:reports?|reported|noted|wrote|writes|said|says|tweeted)\b")


@dataclass(frozen=True, slots=True)
class Attribution:
    claimant: Ref | None
    sources: tuple[Ref, ...]
    spans: tuple[tuple[int, int], ...]  # character spans of the attribution phrases


def _ref(m: ActorMention) -> Ref:
    return Ref(m.name, m.actor_id)


def _mention_at(mentions: list[ActorMention], pos: int, limit: int = 40) -> ActorMention | None:
    for m in mentions:
        if pos <= m.start <= pos + limit:
            return m
    return None


def _name_at(text: str, pos: int, end: int) -> tuple[str, int, int] | None:
    m = _CAP_PHRASE.match(text, pos, end)
    if not m or not m.group()[:1].isupper():
        return None
    name = re.sub(r"(?:\s+(?:of|the|for|and|de))+$", "", m.group().rstrip(".,"))
    return (name, m.start(), m.start() + len(name)) if len(name) > 1 else None


def _noun_ref(phrase: str, pos: int, resolve: Resolver | None) -> Ref:
    phrase = " ".join(phrase.split())
    if resolve is not None:
        hit = resolve(phrase, pos)
        if hit is not None:
            return hit
    return Ref(phrase)


def attribute(
    text: str, start: int, end: int, actors: list[ActorMention], last_speaker: Ref | None,
    resolve: Resolver | None = None,
) -> Attribution:
    """Find the speaker and relays named in the sentence ``text[start:end]``."""
    sent = text[start:end]
    sources: list[Ref] = []
    spans: list[tuple[int, int]] = []
    used: set[int] = set()
    # Relays: "according to X", "quoted by X", "told X", "via X", "per X", "selon X".
    for m in RELAY_BEFORE.finditer(sent):
        at = start + m.end()
        told = m.group().lower().startswith(("told", "a dit", "a déclaré", "speaking"))
        am = _mention_at(actors, at, 40)
        if am is not None and not _DESCRIPTORS.match(text[at:am.start]):
            am = None
        if am is not None:
            sources.append(_ref(am))
            spans.append((start + m.start(), am.end))
            used.add(am.start)
            continue
        nm = _name_at(text, at, end)
        if nm and not told:
            sources.append(Ref(nm[0]))
            spans.append((start + m.start(), nm[2]))
            continue
        np_ = NOUN_RELAY.match(text, at, end)
        if np_ and not told:
            sources.append(_noun_ref(np_.group(1), at, resolve))
            spans.append((start + m.start(), np_.end()))
    claimant: Ref | None = None
    for v in SPEECH_VERBS.finditer(sent):
        if v.group()[:1].isupper() and v.start() > 0:
            continue  # a word of a name, not a verb: "The United States fired ..."
        vpos = start + v.start()
        before = text[start:vpos]
        # The subject nearest the verb: a known actor or a capitalised name.
        cands: list[tuple[int, int, Ref, bool]] = []  # (end, start, ref, is_actor)
        prior = [a for a in actors if start <= a.start and a.end <= vpos and a.start not in used]
        if prior:
            a = prior[-1]
            gap = text[a.end:vpos]
            if len(gap.split()) <= 3 or _APPOSITIVE.match(gap):
                cands.append((a.end, a.start, _ref(a), True))
        names = list(NAME.finditer(before))
        if names:
            n = names[-1]
            gap = before[n.end():]
            n_start, n_text = start + n.start(), n.group()
            for a in actors:  # "...of the Norland Republic Anna Berg said": the person
                if a.start <= n_start < a.end < start + n.end():
                    n_text = text[a.end:start + n.end()].strip()
                    n_start = start + n.end() - len(n_text)
            inst = [k for k, w in enumerate(n_text.split()) if w in _INSTITUTION_WORDS]
            if inst and inst[-1] < len(n_text.split()) - 1:  # "...Norland Republic Anna Berg"
                tail = " ".join(n_text.split()[inst[-1] + 1:])
                n_start, n_text = start + n.end() - len(tail), tail
            if (len(gap.split()) <= 1 or _APPOSITIVE.match(gap)) and " " in n_text.strip():
                cands.append((start + n.end(), n_start, Ref(n_text), False))
        if cands:
            c_end, c_start, ref, is_actor = max(cands, key=lambda c: (c[0], c[3]))
            if RELAY_AFTER.search(text[start:c_start]):  # "as X reports": a relay
                sources.append(ref)
                spans.append((c_start, start + v.end()))
                if is_actor:
                    used.add(c_start)
                continue
            claimant = ref
            spans.append((c_start, start + v.end()))
            break
        if PRONOUN.search(before) and last_speaker is not None:
            claimant = last_speaker
            break
        np_ = NOUN_SPEAKER.search(before)
        if np_:
            ref = _noun_ref(np_.group(1), start + np_.start(1), resolve)
            if RELAY_AFTER.search(before[:np_.start(1)]):
                sources.append(ref)
                continue
            claimant = ref
            spans.append((start + np_.start(1), start + v.end()))
            break
        # Inverted: "..., said X".
        if before.rstrip().endswith((",", "”", '"')):
            after = _mention_at(actors, start + v.end(), 6)
            if after is not None:
                claimant = _ref(after)
                break
            nm = _name_at(text, start + v.end() + 1, end)
            if nm:
                claimant = Ref(nm[0])
                break
    for m in _AS_REPORTED.finditer(sent):
        am = _mention_at(actors, start + m.start(1), 0)
        ref = _ref(am) if am is not None else Ref(m.group(1))
        if ref != claimant and ref not in sources:
            sources.append(ref)
    # The speaker of a tweet that opens "#Berg now:" / "Berg on X:".
    if claimant is None:
        head = re.match(r"^\W{0,3}", sent)
        lead = _mention_at(actors, start + (head.end() if head else 0), 1)
        if lead is not None and re.match(r"^[^.!?]{0,40}:", text[lead.end:end]):
            claimant = _ref(lead)
    sources = [s for s in sources if claimant is None or s != claimant]
    return Attribution(claimant, tuple(dict.fromkeys(sources)), tuple(spans))
