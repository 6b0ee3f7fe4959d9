"""Extract claims: casualties, accusations and military actions, each with its evidence span.

A claim is one sentence of a leaf unit that may carry claims (never boilerplate, captions,
bylines or related headlines). The claimant is the speaker named in the sentence, else the
unit's speaker (outlet author, commenter, tweet author) - a comment's claim is its commenter's.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from ..annotate.lang import is_arabic_unit
from ..model import (
    NO_CLAIM_KINDS,
    ActorMention,
    Annotations,
    Claim,
    DateValue,
    Document,
    Place,
    Ref,
    Unit,
    Victims,
)
from ..segment.units import leaves_of
from . import arabic
from . import openworld as ow
from . import structure as st
from .attribution import attribute
from .casualties import find_victims
from .denials import DENIAL, find_denial
from .lexicon import (
    ACCUSE_VERBS,
    ACTION_VERBS,
    COREF_TYPES,
    CUMULATIVE,
    HELD_SUFFIX,
    OWNED_SUFFIX,
    OWNER_PREFIX,
)
from .sentences import sentence_spans

_PARSED_LANGS = frozenset({"en", "fr"})

BELLIGERENT_TYPES = frozenset({"military", "armed_group", "state", "coalition", "government", "ministry"})
# Types that may be a perpetrator without an agent word ("ISIS killed", not "in Syria").
FORCE_TYPES = frozenset({"military", "armed_group", "coalition"})
_AGENT_OF = re.compile(r"(?i)\b(?:aircraft|warplanes?|jets?|planes?|helicopters?|forces|troops|drones?|"
                       r"artillery|strikes?|air\s?strikes?|raids?|shelling|bombardment|fighters|militants|"
                       r"terrorists|gunmen|members|jihadists|rebels|"
                       r"militias?|missiles?|rockets?|snipers?|avions?|frappes?|forces)\s+(?:of|by|from|"
                       r"belonging\s+to|allied\s+(?:to|with)|loyal\s+to|backed\s+by|de|des|du)\s+"
                       r"(?:the\s+|la\s+|le\s+|l')?$")
# An actor directly followed by an act of violence is its agent: "the regime targeted", "IS executed".
_AGENT_VERB = re.compile(r"(?i)^[\s’'s]{0,3}(?:\w+\s+)?(?:has\s+|have\s+|had\s+)?(?:killed|targeted|struck|"
                         r"bombed|shelled|hit|attacked|dropped|fired|launched|carried\s+out|raided|executed|"
                         r"beheaded|committed|massacred|shot|stormed|pounded|used|tué|bombardé|frappé|pilonné)\b")
# "by the regime", "by a Syrian regime barrel bomb", "par les forces"
_BY = re.compile(r"(?i)\b(?:by|par)\s+(?:the\s+|an?\s+|les?\s+|la\s+|une?\s+)?$")
_GENERIC_WEAPONS = frozenset({"bombing", "strike"})
_YEAR_Q = re.compile(r"(?:19|20)\d\d")
# "carried out by", "launched by": the agent of an action named after it (not "a truce brokered by").
_BY_ACTION = re.compile(r"(?i)\b(?:carried\s+out|launched|conducted|struck|hit|bombed|shelled|targeted|"
                        r"attacked|fired|dropped|raided|pounded|stormed|executed|committed|perpetrated)"
                        r"\s+(?:\w+\s+){0,2}?by\s+(?:the\s+|an?\s+)?$")
# A mention that names the weapon itself ("regime airstrikes", "coalition warplanes").
_AGENT_SELF = re.compile(r"(?i)(?:warplanes?|jets?|aircraft|airstrikes?|air\s?strikes?|raids?|"
                         r"shelling|bombing|bombardment|artillery|helicopters?|drones?)$")
# The one who accuses in the sentence is not, by that, its perpetrator ("the coalition said it
# struck" is a self-report, so "said" is no bar).
_SPEAKS = re.compile(r"(?i)^[\s’'s]{0,3}(?:have\s+|has\s+|had\s+)?(?:accused|blamed|alleged)\b")
_HELD_BY = re.compile(r"(?i)\b(?:held|controlled|run|besieged|occupied|dominated|seized|captured|"
                      r"tenu|contrôlé)\s+(?:by|par)\s+(?:the\s+|les?\s+|la\s+|l')?(?:[\w-]+\s+){0,2}$")
_UNRESOLVED_PLACE = re.compile(
    r"\b(?:(?:village|town|city|neighbou?rhood|district|suburb|camp|area|hamlet|village de|ville de)\s+of\s+"
    r"|\b(?:in|at|near|à|près de)\s+(?=(?:al|el|ar|as|ash|ad|ad|at|an|az)-[A-Z]))"
    r"((?:(?:al|el|ar|as|ash|ad|at|an|az)-)?[A-Z][\w'’-]+(?:\s+(?:al-)?[A-Z][\w'’-]+)?)"
)
_PRECISION_RANK = {"exact": 0, "village": 1, "city": 2, "district": 3, "governorate": 4,
                   "region": 5, "country": 6}
_VIA_LINE = re.compile(r"(?i)^(?:via|source|sources|h/t)\s*:?\s+")
_AGENT = re.compile(r"(?i)^[\s’'s-]{0,3}(?:[\w-]+\s+){0,2}?(?:warplanes?|jets?|aircraft|planes?|drones?|"
                    r"helicopters?|artillery|airstrikes?|air\s?strikes?|raids?|forces|troops|army|"
                    r"shelling|bombing|bombardment|strikes?|missiles?|rockets?|militias?|fighters|"
                    r"snipers?|gunmen|aviation|air force)\b")
M = TypeVar("M", bound=object)
ActorTypeOf = Callable[[str | None], str | None]


def _within(items: Sequence[M], starts: list[int], s: int, e: int) -> list[M]:
    i = bisect.bisect_left(starts, s)
    out = []
    while i < len(items) and starts[i] < e:
        out.append(items[i])
        i += 1
    return out


class _Index:
    def __init__(self, ann: Annotations, text: str = "") -> None:
        self.ann = ann
        self.text = text
        self.actor_starts = [m.start for m in ann.actors]
        self.place_starts = [m.start for m in ann.places]
        self.date_starts = [m.start for m in ann.dates]
        self.qty_starts = [m.start for m in ann.quantities]
        self.weapon_starts = [m.start for m in ann.weapons]

    def actors(self, s: int, e: int) -> list[ActorMention]:
        return _within(self.ann.actors, self.actor_starts, s, e)

    def places(self, s: int, e: int) -> list:
        return _within(self.ann.places, self.place_starts, s, e)

    def dates(self, s: int, e: int) -> list:
        return _within(self.ann.dates, self.date_starts, s, e)

    def quantities(self, s: int, e: int) -> list:
        return _within(self.ann.quantities, self.qty_starts, s, e)

    def weapons(self, s: int, e: int) -> list:
        return _within(self.ann.weapons, self.weapon_starts, s, e)


_BUCKET = {"exact": 0, "village": 0, "city": 0, "district": 0, "governorate": 1, "region": 1, "country": 2}


_ORIGIN = re.compile(r"(?i)\b(?:from|out of|fled|fleeing|evacuated from|displaced from|natives? of|"
                     r"residents of|originally from)\s+(?:the\s+)?(?:besieged\s+|northern\s+|southern\s+|"
                     r"eastern\s+|western\s+|two\s+)*(?:(?:towns?|villages?|city|cities|areas?) of\s+)?"
                     r"(?:[\w'’-]+\s+and\s+)?$")


def _best_place(mentions: list, anchor: tuple[int, int] | None = None,
                avoid: tuple[tuple[int, int], ...] = (), text: str | None = None) -> Place | None:
    """The most local place, and among equally local ones the nearest to the victims named."""
    mentions = [m for m in mentions if not any(x <= m.start < y for x, y in avoid)] or mentions
    if not mentions:
        return None
    # "evacuees from the towns of Fuaa and Kafraya were killed ... west of Aleppo": the victims'
    # origin is not where it happened.
    if text is not None:
        mentions = [m for m in mentions
                    if not _ORIGIN.search(text, max(0, m.start - 45), m.start)] or mentions
    if anchor is None:
        return min(mentions, key=lambda m: (_PRECISION_RANK.get(m.place.precision, 9), m.start)).place

    def dist(m) -> int:
        return max(anchor[0] - m.end, m.start - anchor[1], 0)

    return min(mentions, key=lambda m: (_BUCKET.get(m.place.precision, 3), dist(m), m.start)).place


def _perpetrator(text: str, actors: list[ActorMention], excluded: set[int],
                 type_of: ActorTypeOf, weak: bool = True) -> ActorMention | None:
    """The agent of the violence named by an agent pattern ("by ISIS", "coalition warplanes");
    with ``weak``, else the first force named in the sentence."""
    cands = [a for a in actors if a.start not in excluded
             and not HELD_SUFFIX.match(text[a.end:a.end + 12])
             and not _HELD_BY.search(text[max(0, a.start - 30):a.start])
             and not _SPEAKS.match(text[a.end:a.end + 30])]
    for a in cands:  # "by ISIS", "coalition warplanes", "aircraft of the coalition"
        before = text[max(0, a.start - 40):a.start]
        if OWNED_SUFFIX.match(text[a.end:a.end + 16]):
            continue  # "shelling of rebel bastion": the rebels hold the place hit
        if _BY.search(before) or _AGENT_OF.search(before) or _AGENT_SELF.search(a.text):
            return a
        after = text[a.end:a.end + 40]
        if (_AGENT.match(after) or _AGENT_VERB.match(after)) and type_of(a.actor_id) in BELLIGERENT_TYPES \
                and not OWNER_PREFIX.search(text[max(0, a.start - 30):a.start]):
            return a
    if not weak:
        return None
    for a in cands:  # no agent pattern: the first force named, unless it owns a place or is a target
        if type_of(a.actor_id) in FORCE_TYPES and not OWNED_SUFFIX.match(text[a.end:a.end + 16]) \
                and not OWNER_PREFIX.search(text[max(0, a.start - 30):a.start]):
            return a
    return None


def _agent(text: str, s: int, acts: list[re.Match[str]], actors: list[ActorMention], excluded: set[int],
           type_of: ActorTypeOf) -> tuple[list[ActorMention], re.Match[str]]:
    """Who carries out the action: a force before an action word ("In fresh strikes Russian
    jets pounded": the second word), else one named as the agent ("carried out by Russian
    planes"); with the action word the patient follows."""
    def able(a: ActorMention) -> bool:
        return a.start not in excluded and type_of(a.actor_id) in BELLIGERENT_TYPES \
            and not HELD_SUFFIX.match(text[a.end:a.end + 12]) \
            and not OWNED_SUFFIX.match(text[a.end:a.end + 16]) \
            and not OWNER_PREFIX.search(text[max(0, a.start - 30):a.start])  # "Islamic State stronghold"
    agents = [a for a in actors if able(a)]
    if agents:
        first_end = min(a.end for a in agents)
        act = next((m for m in acts if s + m.start() >= first_end), None)
        if act is not None:
            return [a for a in agents if a.end <= s + act.start()], act
    by = [a for a in agents if _BY_ACTION.search(text[max(0, a.start - 60):a.start])]
    return by, acts[0]


# "The coalition said it carried out strikes": a belligerent reporting its own action.
_SELF = re.compile(r"(?i)^[\s’'s]{0,3}(?:\w+\s+){0,2}?(?:said|says|announced|claimed|stated|reported|"
                   r"confirmed|declared|acknowledged|admitted)\s+(?:on\s+\w+\s+|in\s+a\s+statement\s+)?"
                   r"(?:that\s+)?(?:it|they|(?:its|their)\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:had\s+|has\s+|have\s+)?"
                   r"(?:\w+ly\s+)?(?:carried\s+out|conducted|launched|killed|struck|targeted|hit|destroyed|"
                   r"captured|recaptured|shelled|bombed|attacked|executed|eliminated|liquidated|neutrali[sz]ed|"
                   r"seized|downed|shot)\b")


def _self_report(text: str, actors: list[ActorMention], excluded: set[int],
                 type_of: ActorTypeOf) -> ActorMention | None:
    """The speaker of a self-report, when it is a belligerent."""
    for a in actors:
        if a.start in excluded and type_of(a.actor_id) in BELLIGERENT_TYPES | {"ministry"} \
                and _SELF.match(text[a.end:a.end + 80]):
            return a
    return None


def _unresolved_place(text: str, s: int, e: int) -> Place | None:
    """A named village the gazetteer lacks ("the village of Dablan"): its name, no coordinates."""
    m = _UNRESOLVED_PLACE.search(text, s, e)
    if not m:
        return None
    return Place(name=m.group(1), lat=None, lon=None, country=None, geonames_id=None,
                 precision="village")


def _speaker_ref(unit: Unit, doc: Document, find: Callable[[str], list[ActorMention]]) -> Ref | None:
    name = unit.speaker or doc.author or doc.outlet
    if not name:
        return None
    hits = find(name)
    if len(hits) == 1 and hits[0].end - hits[0].start >= len(name) - 2:
        return Ref(name, hits[0].actor_id)
    return Ref(name)


# language, start, end, the text to parse, whether it was re-cased (written all in capitals or
# all in lower case: its capitals are ours, and say nothing of headlines)
ParseRequest = tuple[str, int, int, str, bool]


def parse_requests(doc: Document, units: tuple[Unit, ...], ann: Annotations) -> list[ParseRequest]:
    """The sentences worth parsing: those that hold a violent predicate (and, before a "He said",
    the sentence that may name him), in English or French."""
    from ..annotate.nlp import case_style, recase

    text = doc.text
    mentioned = [m.text for m in ann.actors] + [m.text for m in ann.places]
    names = frozenset(w.lower() for t in mentioned for w in re.findall(r"[^\W\d_]+", t) if len(w) > 2)
    todo: list[ParseRequest] = []
    for unit in sorted(leaves_of(units), key=lambda u: u.start):
        if unit.kind in NO_CLAIM_KINDS:
            continue
        lang = unit.lang if unit.lang in _PARSED_LANGS else ("en" if unit.lang is None else None)
        if lang is None:
            continue
        style = case_style(text[unit.start:unit.end])
        spans = sentence_spans(text, unit.start, unit.end)
        for k, (s, e) in enumerate(spans):
            sent = text[s:e]
            if st.has_trigger(sent):
                extra = [spans[k - 1]] if k and st.pronoun_speaks(sent) else []
                for s2, e2 in [*extra, (s, e)]:
                    t2 = text[s2:e2]
                    todo.append((lang, s2, e2, recase(t2, names) if style != "mixed" else t2, style != "mixed"))
    return list(dict.fromkeys(todo))


def read_parses(requests: Sequence[ParseRequest], parsed: Sequence[Any]) -> Readings:
    """What the parse of each requested sentence says, by the sentence's span."""
    out: Readings = {}
    for (_, s, e, _, recased), doc in zip(requests, parsed, strict=True):
        doc.user_data["cw_recased"] = recased
        out[(s, e)] = st.read(doc, s)
    return out


Readings = dict[tuple[int, int], st.Reading]


def extract_claims(
    doc: Document, units: tuple[Unit, ...], ann: Annotations,
    type_of: ActorTypeOf, find_actors: Callable[[str], list[ActorMention]],
    readings: Readings | None = None,
) -> tuple[Claim, ...]:
    """The claims of one document; ``readings`` holds the parse of the sentences that
    :func:`parse_requests` asked for (none: the rules alone)."""
    text = doc.text
    idx = _Index(ann, text)
    claims: list[Claim] = []
    leaves = sorted(leaves_of(units), key=lambda u: u.start)
    readings = readings or {}

    def is_force(actor_id: str | None) -> bool:
        return type_of(actor_id) in FORCE_TYPES if actor_id else False
    via = _via_credits(text, leaves, idx)
    last_speaker: Ref | None = None
    by_id = {u.id: u for u in units}
    scope_place: dict[int, Place] = {}  # the most precise place of the claims so far, per story/thread
    ar_context = arabic.Context()  # Arabic units are read by rules over tokens (extract/arabic.py)

    def resolve(phrase: str, pos: int) -> Ref | None:
        """"the ministry" -> the latest actor of a matching type named before ``pos``."""
        noun = phrase.split()[-1].lower()
        types = COREF_TYPES.get(noun)
        if not types or len(phrase.split()) > 1 and not phrase.lower().startswith(("the ", "la ", "le ", "l'")):
            return None
        i = bisect.bisect_left(idx.actor_starts, pos)
        for m in reversed(ann.actors[max(0, i - 60):i]):
            if type_of(m.actor_id) in types:
                return Ref(m.name, m.actor_id)
        return None

    for unit in leaves:
        if unit.kind in NO_CLAIM_KINDS:
            continue
        unit_speaker = _speaker_ref(unit, doc, find_actors)
        credits = via.get(unit.id, ())
        # Context for a missing place: a comment's own text (another commenter's words are not
        # context), a tweet's thread, a story, or the whole article.
        scope = (unit.start if unit.kind == "comment" else
                 by_id[unit.parent].start if unit.parent else _article_scope(leaves))
        if is_arabic_unit(unit.lang, text[unit.start:unit.end]):
            claims += arabic.unit_claims(text, unit, idx, type_of, unit_speaker, credits, scope, ar_context)
            continue
        prev_span: tuple[int, int] | None = None
        for s, e in sentence_spans(text, unit.start, unit.end):
            before_span, prev_span = prev_span, (s, e)
            actors = _not_places(text, idx.actors(s, e), idx.places(s, e))
            reading = readings.get((s, e))
            att = attribute(text, s, e, actors, last_speaker, resolve)
            if reading is not None and reading.pronoun and before_span in readings:
                ante = st.antecedent(reading.pronoun, readings[before_span])
                if ante is not None:  # "Colonel X spoke on television. He said ..."
                    kb = ow.kb_in(ante, idx.actors(ante.start, ante.end))
                    att = replace(att, claimant=Ref(kb.name, kb.actor_id) if kb is not None else
                                  Ref(ow.clean_name(ante.text), None, ante.label))
            att = replace(att, claimant=ow.check_claimant(att.claimant, reading, actors),
                          sources=tuple(x for x in (ow.check_source(r, reading) for r in att.sources)
                                        if x is not None))
            if att.claimant is not None:
                last_speaker = att.claimant
            excluded = {a.start for a in actors if any(x <= a.start < y for x, y in att.spans)}
            claimant = att.claimant or unit_speaker
            srcs = att.sources
            if unit.kind == "comment" and unit_speaker is not None:
                # A claim inside a comment is its commenter's; whom they cite is a source.
                srcs = ((att.claimant,) if att.claimant else ()) + srcs
                claimant = unit_speaker
            sources = tuple(x for x in srcs + credits if x != claimant)
            event = ow.main_event(reading, claimant) if reading is not None else None
            base = Claim(id="", unit_id=unit.id, kind="", start=s, end=e, text=text[s:e],
                         claimant=claimant, sources=tuple(dict.fromkeys(sources)),
                         targets=ow.targets(reading) if reading is not None else (),
                         named_victims=ow.named_victims(reading, text[s:e], [*actors, *idx.places(s, e)])
                         if reading is not None else (),
                         scope="background" if CUMULATIVE.search(text, s, e) else "incident",
                         event=event.type if event is not None else None)
            quantities = idx.quantities(s, e)
            victims = find_victims(text, s, e, quantities)
            for v in victims:  # "two US soldiers" are victims, not perpetrators
                vs = text.find(v.text, s, e)
                excluded |= {a.start for a in actors if vs <= a.start < vs + len(v.text)}
            if victims:  # "85 Syrian army troops were killed": a counted force is a victim
                ends = {q.end for q in quantities if not _YEAR_Q.fullmatch(q.text)}
                excluded |= {a.start for a in actors if a.start - 1 in ends or a.start - 2 in ends}
            weapons = idx.weapons(s, e)
            # a chemical agent named anywhere in the sentence is the cause, whatever delivered it;
            # else a named weapon before a generic word ("evacuees bombing ... a suicide car bomb")
            weapon = next((w for w in weapons if w.cause == "chemical"),
                          next((w for w in weapons if w.weapon not in _GENERIC_WEAPONS),
                               weapons[0] if weapons else None))
            anchor = None
            if victims:
                vs = text.find(victims[0].text, s, e)
                anchor = (vs, vs + len(victims[0].text)) if vs >= 0 else None
            place = _best_place([p for p in idx.places(s, e)
                                 if not any(a.start <= p.start and p.end <= a.end and a.end - a.start >= p.end - p.start
                                            for a in actors)], anchor, att.spans, text)
            if place is None or _PRECISION_RANK.get(place.precision, 9) > 3:
                place = _unresolved_place(text, s, e) or place
            if place is None:
                place = _recent_place(idx, scope, s)
                prior = scope_place.get(scope)
                if prior is not None and (place is None or _PRECISION_RANK.get(prior.precision, 9)
                                          < _PRECISION_RANK.get(place.precision, 9)
                                          and _may_lie_in(prior, place)):
                    place = prior
            elif _PRECISION_RANK.get(place.precision, 9) <= _PRECISION_RANK.get(
                    getattr(scope_place.get(scope), "precision", None) or "", 9):
                scope_place[scope] = place
            dates = idx.dates(s, e)
            date: DateValue | None = dates[0].value if dates else None
            sent = text[s:e]
            # the one who denies: a known actor before the verb, else the verb's subject
            denier = ow.check_claimant(None, reading, actors) or claimant
            if (den := find_denial(text, s, e, actors, denier)) is not None:
                if den.actor is not None and type_of(den.actor.actor_id) in _REPORTERS:
                    den = replace(den, actor=den.claimant)  # "rejected the accusation, telling Reuters"
                claims.append(replace(den, unit_id=unit.id, sources=base.sources, place=place, date=date,
                                      claimant=ow.check_claimant(den.claimant, reading, actors)))
                acc = ACCUSE_VERBS.search(sent)
                dm = DENIAL.search(sent)
                accused_first = acc is not None and dm is not None and acc.start() < dm.start()
                # "denied killing 12 civilians" also states the count; "X accused Y of ..., a
                # charge Y rejected" is an accusation too
                if not victims and not accused_first:
                    continue
            open_perp = ow.perpetrator(event, actors, excluded, is_force) if event is not None else None
            instrument = st.weapon_id(event.instrument) if event is not None and event.instrument else None
            if weapon is not None and weapon.weapon in _GENERIC_WEAPONS and instrument:
                weapon = replace(weapon, weapon=instrument)  # "a drone struck": drone, not "strike"
            if victims:
                # An agent pattern or a self-report names the perpetrator; else the sentence's
                # structural agent, when it has one, beats the first force the sentence names.
                perp = _r(_perpetrator(text, actors, excluded, type_of, weak=False)
                          or _self_report(text, actors, excluded, type_of)) or open_perp \
                    or _r(_perpetrator(text, actors, excluded, type_of))
                if perp is not None and perp.actor_id is None and perp.entity_type == "generic" \
                        and open_perp is not None and open_perp.entity_type not in (None, "generic"):
                    perp = open_perp  # "les rebelles du M23": the group, not its generic noun
                kind = "casualty"
                if event is not None and event.type in _HOLD_KINDS and all(
                        v.outcome == "held" for v in victims):
                    kind = event.type  # "gunmen kidnapped three aid workers"
                claims.append(replace(
                    base, kind=kind, actor=perp, victims=tuple(victims),
                    place=place, date=date, weapon=weapon.weapon if weapon else instrument,
                    cause=weapon.cause if weapon else _cause_from_victims(victims)))
                continue
            acc = ACCUSE_VERBS.search(sent)
            if acc:
                vpos = s + acc.start()
                before = [a for a in actors if a.end <= vpos and a.start not in excluded]
                after = [a for a in actors if a.start >= s + acc.end()]
                accuser = _r(before[-1]) if before else (att.claimant or last_speaker)
                if after:
                    claims.append(replace(
                        base, kind="accusation", claimant=accuser or claimant,
                        actor=_r(after[0]), target=None, place=place, date=date,
                        weapon=weapon.weapon if weapon else None,
                        cause=weapon.cause if weapon else None))
                    continue
            acts = list(ACTION_VERBS.finditer(sent))
            if acts and (weapon is not None or actors):
                agent, act = _agent(text, s, acts, actors, excluded, type_of)
                if not agent and (me := _self_report(text, actors, excluded, type_of)) is not None:
                    agent = [me]  # "the SDF said they had captured Hajin"
                patient = [a for a in actors if a.start >= s + act.end() and a.start not in excluded
                           and a not in agent]
                if agent or weapon is not None:
                    claims.append(replace(
                        base, kind="military_action",
                        actor=_r(agent[0]) if agent else open_perp,
                        target=_r(patient[0]) if patient else None, place=place, date=date,
                        weapon=weapon.weapon if weapon else instrument,
                        cause=weapon.cause if weapon else None))
                    continue
            # An event the rules did not foresee: "gunmen shot dead journalist Ana Ruiz", "the
            # Arakan Army shelled the police post".
            if event is not None and reading is not None and (
                    open_perp is not None or base.targets or base.named_victims
                    or ow.persons_done_to(reading, sent)):
                named = tuple(Victims(_VICTIM_TYPE.get(v.role or "", "people"), v.outcome, 1, 1, v.name)
                              for v in base.named_victims) or tuple(
                    Victims(t, o, 1, 1, x) for t, o, x in ow.persons_done_to(reading, sent)) if reading else ()
                kind = event.type if event.type in _HOLD_KINDS else (
                    "casualty" if any(v.outcome in ("killed", "injured") for v in named) else "military_action")
                claims.append(replace(
                    base, kind=kind, actor=open_perp, victims=named, place=place, date=date,
                    weapon=weapon.weapon if weapon else instrument,
                    cause=weapon.cause if weapon else _EVENT_CAUSE.get(event.type)))
    return tuple(_number(claims))


_HOLD_KINDS = frozenset({"kidnapping", "arrest"})
# Who reports, not who acts: never the one whose action a denial denies.
_REPORTERS = frozenset({"outlet", "monitor", "ngo", "un", "media_account"})
_VICTIM_TYPE = {"child": "children", "soldier": "soldiers", "fighter": "fighters", "police": "police",
                "civilian": "civilians", "journalist": "civilians", "aid_worker": "civilians",
                "medic": "civilians", "fighter_commander": "fighters"}
_EVENT_CAUSE = {"shooting": "shooting", "execution": "execution", "bombing": "explosion",
                "airstrike": "shelling", "shelling": "shelling"}


_PLACE_PREP = re.compile(r"(?i)\b(?:in|of|outside|near|from|to|at|into|around|towards?|across|over|"
                         r"à|de|près|vers)\s+(?:the\s+)?(?:(?:north|south)?-?(?:east|west)?(?:ern)?\s+|"
                         r"(?:central|rural|war-torn|neighbouring|neighboring)\s+)?$")


def _not_places(text: str, actors: list[ActorMention], places: list) -> list[ActorMention]:
    """"outside of Damascus" names a place, not the government that sits there."""
    spans = {(p.start, p.end) for p in places}
    return [a for a in actors
            if (a.start, a.end) not in spans or not _PLACE_PREP.search(text[max(0, a.start - 12):a.start])]


def _article_scope(leaves: list[Unit]) -> int:
    """Top-level text of an article: context runs from its first unit."""
    return leaves[0].start if leaves else 0


_CONTEXT_CHARS = 400  # how far back a sentence without a place looks for one


def _recent_place(idx: _Index, scope: int, pos: int) -> Place | None:
    """The place named last before ``pos`` within the same story, thread or article."""
    before = [m for m in idx.places(max(scope, pos - _CONTEXT_CHARS), pos)
              if not _ORIGIN.search(idx.text, max(0, m.start - 45), m.start)]
    if not before:
        return None
    return min(reversed(before), key=lambda m: _PRECISION_RANK.get(m.place.precision, 9)).place


def _may_lie_in(inner: Place, outer: Place) -> bool:
    """Whether ``inner`` may lie inside ``outer``: same country, and the same first-level division
    when both are known. A thread that moves from #KhanSheikhoun (Idlib) to #Raqqa is in Raqqa."""
    if inner.country and outer.country and inner.country != outer.country:
        return False
    return inner.admin1 is None or outer.admin1 is None or inner.admin1 == outer.admin1


def _r(m: ActorMention | None) -> Ref | None:
    return None if m is None else Ref(m.name, m.actor_id, m.entity_type)


def _cause_from_victims(victims: list) -> str | None:
    return None


def _number(claims: list[Claim]) -> list[Claim]:
    return [replace(c, id=f"c{i + 1}") for i, c in enumerate(claims)]


def _via_credits(text: str, leaves: list[Unit], idx: _Index) -> dict[str, tuple[Ref, ...]]:
    """A "Via X" credit line applies to the paragraphs since the previous credit line."""
    out: dict[str, tuple[Ref, ...]] = {}
    pending: list[str] = []
    for u in leaves:
        t = text[u.start:u.end]
        if u.kind == "byline" and _VIA_LINE.match(t):
            acts = idx.actors(u.start, u.end)
            ref = Ref(acts[0].name, acts[0].actor_id) if acts else Ref(_VIA_LINE.sub("", t).strip())
            for uid in pending:
                out[uid] = (*out.get(uid, ()), ref)
            pending = []
        elif u.kind not in NO_CLAIM_KINDS:
            pending.append(u.id)
    return out
