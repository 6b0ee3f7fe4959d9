"""Open-world roles: what the parse (``structure``) adds to a sentence's claim.

The knowledge base links what it knows; what it does not know is kept by its own name:
- the perpetrator is the structural agent of the sentence's violent event when the rules found
  no known actor - a knowledge-base mention inside the agent's span links it, else it is kept by
  name with its entity type (PERSON, ORG, NORP, GPE) or "generic" ("gunmen");
- physical targets and named victims come from the event's patients;
- a claimant that is no entity span, no knowledge-base name and no speaker noun phrase (a
  title-case fragment such as "Tuesday a monitor") is replaced by the structural speaker, or
  dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..model import ActorMention, NamedVictim, PlaceMention, Ref, Target
from . import structure as st
from .lexicon import NOUN_RELAY

_LEAD = re.compile(r"(?i)^(?:the|a|an|les?|la|l'|un|une|des)\s+")
_OUTCOME = {"killing": "killed", "execution": "killed", "kidnapping": "held", "arrest": "arrested",
            "shooting": "injured", "stabbing": "injured", "bombing": "injured", "airstrike": "injured",
            "shelling": "injured", "attack": "injured", "arson": "injured"}
_DEADLY = re.compile(r"(?i)\b(?:dead|death|died|dies|fatally|killed|killing|slain|tué|tués|tuée|mort|morts)\b")
_SPEAKER_WORDS = frozenset(st.SPEAKER_HEADS)


def clean_name(text: str) -> str:
    return _LEAD.sub("", " ".join(text.split())).strip(" ,.;:'\"“”’")


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def kb_in(span: st.Span, actors: Sequence[ActorMention]) -> ActorMention | None:
    """A knowledge-base mention that covers the span's head word (or its entity)."""
    h0, h1 = span.head or (span.start, span.end)
    for a in actors:
        if a.actor_id is not None and _overlaps(a.start, a.end, h0, h1):
            return a
    return None


def main_event(reading: st.Reading, claimant: Ref | None) -> st.Event | None:
    """The sentence's violent event that has an agent (the first, not negated), else the first."""
    evs = [e for e in reading.events if not e.negated]
    for e in evs:
        if e.agent is not None and (claimant is None or clean_name(e.agent.text) != claimant.name):
            return e
    return evs[0] if evs else None


def perpetrator(event: st.Event | None, actors: Sequence[ActorMention],
                excluded: set[int], forces: Callable[[str | None], bool]) -> Ref | None:
    """The agent of the event, linked when the knowledge base knows it. A known actor is taken
    from structure only when it is a fighting force (``forces``): states, ministries and outlets
    are left to the rules, which know how they are named as agents."""
    if event is None or event.agent is None:
        return None
    ag = event.agent
    kb = kb_in(ag, actors)
    if kb is not None:
        return None if kb.start in excluded or not forces(kb.actor_id) else Ref(kb.name, kb.actor_id)
    if any(_overlaps(a.start, a.end, ag.start, ag.end) for a in actors if a.actor_id is not None):
        return None  # the phrase names a known actor, but not as its head: left to the rules
    if ag.label is None:
        return None  # a noun phrase that is no entity and no generic agent ("the blast")
    name = clean_name(ag.text)
    return Ref(name, None, ag.label) if name else None


def targets(reading: st.Reading) -> tuple[Target, ...]:
    out: list[Target] = []
    for e in reading.events:
        if e.negated:
            continue
        for p in e.patients:
            t = st.target_type(p.head_word or p.text)
            if t is not None and not any(x.start == p.start for x in out):
                out.append(Target(clean_name(p.text) or p.text, t, p.start, p.end))
    return tuple(out)


def named_victims(reading: st.Reading, sentence: str,
                  known: Sequence[ActorMention | PlaceMention] = ()) -> tuple[NamedVictim, ...]:
    """Persons named as what the violence was done to; a name the knowledge base or the gazetteer
    knows ("Jabhat al-Nusra", "Khan Sheikhoun", which the recogniser may call persons) is none."""
    actors = [k for k in known if isinstance(k, ActorMention)]
    places = [k for k in known if isinstance(k, PlaceMention)]
    out: list[NamedVictim] = []
    deadly = _DEADLY.search(sentence) is not None
    for e in reading.events:
        if e.negated:
            continue
        outcome = _OUTCOME.get(e.type)
        if outcome is None:
            continue
        # What is attacked, shelled or stormed is mostly a place: a name there is a person's only
        # with a role beside it ("attacked journalist X"), not "stormed Wad al-Nourah".
        need_role = e.type in ("attack", "shelling", "airstrike", "bombing", "arson", "siege")
        if outcome == "injured" and deadly:
            outcome = "killed"
        for span, role in e.names:
            if need_role and role is None:
                continue
            if any(_overlaps(a.start, a.end, span.start, span.end) for a in actors if a.actor_id) or any(
                    p.start <= span.start and span.end <= p.end for p in places):
                continue  # a place's whole name is no person's; a name inside it may be
            if not any(v.start == span.start for v in out):
                out.append(NamedVictim(span.text, role, outcome, span.start, span.end))
    return tuple(out)


_PERSON_NOUNS = frozenset(["man", "woman", "boy", "girl", "child", "baby", "teenager", "grandmother", "grandfather", "mother", "father", "son", "daughter", "wife", "husband", "brother", "sister", "person", "resident", "villager", "farmer", "homme", "femme", "garçon", "fille", "enfant"])
_ONE_TYPE = {"child": "children", "soldier": "soldiers", "fighter": "fighters", "police": "police",
             "leader": "fighters", "fighter_commander": "fighters"}
_ONE_PERSON_ROLES = frozenset(("journalist", "official", "aid_worker", "medic", "police", "soldier",
                               "civilian", "child", "leader"))
_PLURALS = frozenset(["children", "people", "men", "women", "police", "folk", "staff", "personnel"])


def persons_done_to(reading: st.Reading, sentence: str) -> tuple[tuple[str, str, str], ...]:
    """One person each that a killing, shooting, stabbing, kidnapping or arrest was done to, named
    by a noun without a count ("shot his grandmother", "a man was stabbed to death"): (type,
    outcome, text)."""
    out: list[tuple[str, str, str]] = []
    if reading.title_case:
        return ()  # a headline's capitals say nothing about which word is the person
    deadly = _DEADLY.search(sentence) is not None
    for e in reading.events:
        outcome = _OUTCOME.get(e.type)
        if e.negated or outcome is None or e.type in ("attack", "shelling", "airstrike", "bombing", "arson"):
            continue
        if outcome == "injured" and deadly:
            outcome = "killed"
        for p in e.patients:
            words = p.text.lower().split()
            head = (p.head_word or "").split()[-1:] or words[-1:]
            if not head or any(w.isdigit() for w in words):
                continue
            role = st.role_of(head)
            person = head[0] in _PERSON_NOUNS or role in _ONE_PERSON_ROLES
            singular = (not head[0].endswith("s") or head[0] == "police") and head[0] not in _PLURALS
            if person and singular:
                typ = _ONE_TYPE.get(role or "", "children" if head[0] in ("boy", "girl", "child", "baby",
                                                                           "teenager") else "civilians")
                out.append((typ, "held" if outcome in ("held", "arrested") else outcome, p.text))
    return tuple(out)


def check_claimant(ref: Ref | None, reading: st.Reading | None,
                   actors: Sequence[ActorMention]) -> Ref | None:
    """A claimant is a knowledge-base name, an entity span or a speaker noun phrase - never a
    fragment. ``reading`` is None for a sentence that was not parsed. Where the rules found no
    claimant, the subject of the sentence's speech verb is one."""
    if ref is None:
        sp = reading.speaker if reading is not None else None
        if sp is None:
            return None
        kb = kb_in(sp, actors)
        if kb is not None:
            return Ref(kb.name, kb.actor_id)
        return Ref(clean_name(sp.text), None, None if sp.label == "speaker" else sp.label)
    if ref.actor_id is not None:
        return ref
    if reading is None:  # not parsed: a name must look like one
        return ref if is_speaker_phrase(ref.name) or plausible_name(ref.name) else None
    sp = reading.speaker
    if sp is not None and clean_name(sp.text) != ref.name and not is_speaker_phrase(ref.name) \
            and not (sp.start <= 0 < sp.end):
        kb = kb_in(sp, actors)  # the subject of the speech verb beats a name found by pattern
        if kb is not None:
            return Ref(kb.name, kb.actor_id)
        if sp.label != "speaker" or is_speaker_phrase(clean_name(sp.text)):
            return Ref(clean_name(sp.text), None, None if sp.label == "speaker" else sp.label)
    for ent in reading.entities:
        if clean_name(ent.text) == ref.name or (ref.name in ent.text and len(ref.name) >= len(ent.text) // 2):
            return Ref(clean_name(ent.text), None, ent.label)
    if is_speaker_phrase(ref.name):
        return ref
    if sp is not None:
        kb = kb_in(sp, actors)
        if kb is not None:
            return Ref(kb.name, kb.actor_id)
        return Ref(clean_name(sp.text), None, None if sp.label == "speaker" else sp.label)
    return ref if is_speaker_phrase(ref.name) else None


def check_source(ref: Ref, reading: st.Reading | None) -> Ref | None:
    """A source named after "according to" or "as X reported" is kept unless it is a fragment of
    a dateline or widget ("Apr 2017 An", "Views 458"); an entity that covers it gives its type."""
    if ref.actor_id is not None:
        return ref
    words = ref.name.lower().split()
    if not words or any(w.strip(".,") in st.CALENDAR for w in words):
        return None
    if reading is not None:
        for ent in reading.entities:
            if clean_name(ent.text) == ref.name:
                return Ref(ref.name, None, ent.label)
    return ref


_PARTICLES = frozenset(["al", "el", "bin", "ibn", "abu", "de", "du", "la", "le", "van", "von", "der", "di", "da", "dos"])
_OPENERS = frozenset(["the", "a", "an", "on", "in", "at", "when", "after", "as", "while", "if", "but", "and", "or", "this", "that", "these", "those", "it", "its", "his", "her", "their", "our", "we", "they", "he", "she"])


def plausible_name(name: str) -> bool:
    """A name found by pattern in a sentence that was not parsed: two to five capitalised words
    (name particles allowed), none a date, a number or a sentence opener ("On The United",
    "Tuesday a monitor", "Apr 2017 An" are not names)."""
    words = name.replace("-", " ").split()
    if not 2 <= len(words) <= 5 or words[0].lower() in _OPENERS:
        return False
    return all((w[:1].isupper() or w.lower() in _PARTICLES) and not any(c.isdigit() for c in w)
               and w.lower().strip(".,") not in st.CALENDAR and w.lower() not in _OPENERS
               for w in words)


def is_speaker_phrase(name: str) -> bool:
    """"the local council", "a spokesman", "l'acte d'accusation": a common-noun speaker phrase of
    the lexicon, in lower case but for its first word."""
    words = name.split()
    if not words or not (NOUN_RELAY.fullmatch(name) or words[-1].lower() in _SPEAKER_WORDS):
        return False
    # "Tuesday a monitor", "Apr 2017 An official": a fragment of a dateline is no speaker.
    return all(not w[:1].isupper() for w in words[1:]) and not any(
        w.lower().strip(".,") in st.CALENDAR or w.isdigit() for w in words)
