"""Who asserts a sentence (the claimant) and through whom it came (the source chain)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import ActorMention, Ref
from .lexicon import RELAY_AFTER, RELAY_BEFORE, SPEECH_VERBS

# A person's name not (yet) in the knowledge base: "Zein al-Abdin", "Igor Konashenkov".
NAME = re.compile(
    r"(?:[A-Z][\w'’]+|[A-Z]\.)(?:\s+(?:(?:al|el|bin|ibn|abu|de|du|la|le|van|von|der)[-\s])?[A-Z][\w'’-]+){1,3}"
)
PRONOUN = re.compile(r"(?i)\b(?:he|she|they|it|il|elle|ils)\s*$")
_APPOSITIVE = re.compile(r"^\s*,[^,]{2,60},\s*$")
_CAP_PHRASE = re.compile(r"(?:[A-Z][\w'’.-]*|of|the|for|and|al|de)(?:\s+(?:[A-Z][\w'’.-]*|of|the|for|and|al-?\w*|de)){0,6}")


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
    name = re.sub(r"\s+(?:of|the|for|and|de)$", "", m.group().rstrip(".,"))
    return (name, m.start(), m.start() + len(name)) if len(name) > 1 else None


def attribute(
    text: str, start: int, end: int, actors: list[ActorMention], last_speaker: Ref | None
) -> Attribution:
    """Find the speaker and relays named in the sentence ``text[start:end]``."""
    sent = text[start:end]
    sources: list[Ref] = []
    spans: list[tuple[int, int]] = []
    used: set[int] = set()
    # Relays: "according to X", "quoted by X", "told X", "via X", "selon X".
    for m in RELAY_BEFORE.finditer(sent):
        at = start + m.end()
        am = _mention_at(actors, at, 4)
        if am is not None:
            sources.append(_ref(am))
            spans.append((start + m.start(), am.end))
            used.add(am.start)
            continue
        nm = _name_at(text, at, end)
        if nm and not m.group().lower().startswith(("told", "a dit", "a déclaré")):
            sources.append(Ref(nm[0]))
            spans.append((start + m.start(), nm[2]))
    claimant: Ref | None = None
    for v in SPEECH_VERBS.finditer(sent):
        vpos = start + v.start()
        before = text[start:vpos]
        # "as X reports": X is a relay, not the speaker.
        prior = [a for a in actors if start <= a.start and a.end <= vpos and a.start not in used]
        if prior:
            a = prior[-1]
            gap = text[a.end:vpos]
            if RELAY_AFTER.search(text[start:a.start]):
                sources.append(_ref(a))
                spans.append((a.start, v.end() + start))
                used.add(a.start)
                continue
            if len(gap.split()) <= 3 or _APPOSITIVE.match(gap):
                claimant = _ref(a)
                spans.append((a.start, start + v.end()))
                break
        names = list(NAME.finditer(before))
        if names:
            n = names[-1]
            gap = before[n.end():]
            if len(gap.split()) <= 1 or _APPOSITIVE.match(gap):
                claimant = Ref(n.group())
                spans.append((start + n.start(), start + v.end()))
                break
        if PRONOUN.search(before) and last_speaker is not None:
            claimant = last_speaker
            break
        # Inverted: "..., said X".
        after = _mention_at(actors, start + v.end(), 6)
        if after is not None and before.rstrip().endswith((",", "”", '"')):
            claimant = _ref(after)
            break
        nm = _name_at(text, start + v.end() + 1, end)
        if nm and before.rstrip().endswith((",", "”", '"')):
            claimant = Ref(nm[0])
            break
    # The speaker of a tweet that opens "#Lavrov now:" / "Lavrov on X:".
    if claimant is None:
        head = re.match(r"^\W{0,3}", sent)
        lead = _mention_at(actors, start + (head.end() if head else 0), 1)
        if lead is not None and re.match(r"^[^.!?]{0,40}:", text[lead.end:end]):
            claimant = _ref(lead)
    sources = [s for s in sources if claimant is None or s != claimant]
    return Attribution(claimant, tuple(dict.fromkeys(sources)), tuple(spans))
