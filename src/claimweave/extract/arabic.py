"""Claims from Arabic text: rules over tokens with clitics, no parser (there is no Arabic model).

Annotation (:func:`annotate_unit`): knowledge-base actors by their Arabic aliases and weapons by
the lexicon's Arabic phrases, both found on clitic stems ("وبقصف", "لقوات النظام"), the mention
starting after the clitic; a place the gazetteer found where a date or a month name stands
("مارس", March, is no Marseille) is dropped.

Claims (:func:`unit_claims`), sentence by sentence, filled like the English ones:

- victims: a count with the noun after it ("١٢ مدنياً", "ثلاثة قتلى", "قتيلان"), its outcome from
  its own noun (قتيل, جريح) or from the nearest outcome word before it in the clause, else after
  it ("قتل ١٢ مدنياً وأصيب ٣٠ آخرون"); "حصيلة القتلى إلى ٢٥"; one person named by a singular
  noun after an outcome word ("مقتل طفل وامرأة");
- claimant: the actor or common-noun phrase after "بحسب", "حسب", "وفقاً لـ" or after a speech verb
  ("قال", "أفاد", "أعلن", "ذكر", "أكد" ...); "نقلاً عن X" makes X a source; "وأضاف" keeps the
  speaker; else the unit's speaker (a tweet's author, the outlet);
- actor: an agent named after a means of attack ("قصف قوات النظام", "غارات للطيران الروسي"),
  after "من قبل" / "على يد", right after an action verb ("استهدفت قوات النظام") or before one;
  else the first force named that is neither a victim, a speaker nor an owner of a place;
- accusations ("اتهم", "حمّل ... المسؤولية") and denials ("نفى"): the accuser or denier is the
  actor before the verb, else the first after it; the accused or denied the next one;
- military actions: an action word with a weapon or an actor, its target the next actor after it;
- place: the most precise gazetteer place of the sentence, else "قرية/بلدة/حي X" as an
  unresolved village, else the place of the story so far; date: the sentence's first date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any, Protocol

from ..annotate import arabic as ar
from ..model import (
    ActorMention,
    Claim,
    DateMention,
    DateValue,
    Place,
    PlaceMention,
    Quantity,
    Ref,
    Target,
    Unit,
    Victims,
    WeaponMention,
)
from . import arabic_lexicon as lx
from .sentences import _push

FORCE_TYPES = frozenset({"military", "armed_group", "coalition"})
BELLIGERENT_TYPES = FORCE_TYPES | {"state", "government", "ministry"}
REPORTER_TYPES = frozenset({"outlet", "monitor", "ngo", "un", "media_account"})
_PRECISION_RANK = {"exact": 0, "village": 1, "city": 2, "district": 3, "governorate": 4,
                   "region": 5, "country": 6}
_SENT_END = re.compile(r"[.!?؟…]+(?=\s)|\n+")
_UNRESOLVED = re.compile(r"(?<![^\W\d_])[وفب]?(?:قري[ةه]|بلد[ةه]|حي|مخيم|ناحي[ةه]|مزرع[ةه])[ \t]+"
                         r"((?:(?:ال|[اأ]بو|[اأ]م|تل|عين|كفر|دير|خربة|جسر)[ \t]*)?[^\W\d_]+"
                         r"(?:[ \t]+ال[^\W\d_]+)?)")
# Words for any attack: a named weapon beside them says more ("انفجار عبوة ناسفة": an IED).
_GENERIC_WEAPONS = frozenset({"shelling", "strike", "explosion", "bombing", "bomb", "gunfire"})
_ARMED = frozenset(lx.GENERIC_ACTORS)
_PLACE_BEFORE = re.compile(r"(?:(?<![^\W\d_])[وف]?(?:في|قرب|من|الى|إلى|نحو)|مدين[ةه]|بلد[ةه]|قري[ةه]|ريف)[ \t]+$")
_SETTLEMENT = re.compile(r"(?:مدين[ةه]|بلد[ةه]|قري[ةه]|حي|مخيم|ناحي[ةه])[ \t]+[وفب]?$")
ActorTypeOf = Callable[[str | None], str | None]


class Index(Protocol):
    def actors(self, s: int, e: int) -> list[ActorMention]: ...
    def places(self, s: int, e: int) -> list[PlaceMention]: ...
    def dates(self, s: int, e: int) -> list[DateMention]: ...
    def quantities(self, s: int, e: int) -> list[Quantity]: ...
    def weapons(self, s: int, e: int) -> list[WeaponMention]: ...


# ---- phrase matching on clitic stems -------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Phrases:
    by_first: dict[str, list[tuple[tuple[str, ...], Any]]]

    def find(self, toks: list[ar.ArTok]) -> list[tuple[int, int, int, Any]]:
        """Leftmost-longest matches: (start offset, end offset, end token index, payload)."""
        out = []
        i = 0
        while i < len(toks):
            hit = None
            for w, k in ar.stems(toks[i].norm):
                plain = w[2:] if w.startswith("ال") and len(w) > 4 else ar.bare(w)  # "الغارات": غارات
                for words, payload in (*self.by_first.get(w, ()), *self.by_first.get(ar.bare(w), ()),
                                       *self.by_first.get(plain, ())):
                    j = i + len(words)
                    # a word may carry the accusative alef ("غازاً ساماً" is "غاز سام")
                    if j <= len(toks) and all(words[n] in (toks[i + n].norm, ar.bare(toks[i + n].norm))
                                              for n in range(1, len(words))) and (hit is None or j > hit[2]):
                        start = toks[i].offset(k) if toks[i].norm[k:] == w else toks[i].start
                        hit = (start, toks[j - 1].end, j, payload)
                if hit is not None:
                    break
            if hit is None:
                i += 1
                continue
            out.append(hit)
            i = hit[2]
        return out


def _index(entries: list[tuple[str, Any]]) -> _Phrases:
    by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
    for phrase, payload in entries:
        words = tuple(ar.norm(w) for w in phrase.split())
        if words:
            by_first.setdefault(words[0], []).append((words, payload))
    for v in by_first.values():
        v.sort(key=lambda x: -len(x[0]))
    return _Phrases(by_first)


@lru_cache(maxsize=1)
def _actor_phrases() -> _Phrases:
    from ..annotate.actors import load_kb

    kb = load_kb()
    return _index([(a, (actor.id, actor.name)) for actor in kb for a in actor.aliases if ar.has_arabic(a)]
                  + [(a, (None, a)) for a in lx.GENERIC_ACTORS])


@lru_cache(maxsize=1)
def _weapon_phrases() -> tuple[_Phrases, dict[str, str]]:
    data = json.loads(resources.files("claimweave.data").joinpath("weapons.json").read_text(encoding="utf-8"))
    causes = {w["id"]: w["cause"] for w in data["weapons"]}
    entries = [(p, w["id"]) for w in data["weapons"] for p in w["phrases"] if ar.has_arabic(p)]
    entries += [(p, wid) for wid, ps in lx.EXTRA_WEAPONS.items() for p in ps]
    return _index(entries), causes


def find_actors(text: str, base: int = 0) -> list[ActorMention]:
    """Knowledge-base actors by their Arabic aliases, and unnamed armed men ("مسلحون مجهولون")
    kept by their own words as a generic actor."""
    return [ActorMention(base + s, base + e, text[s:e], aid, name) if aid is not None
            else ActorMention(base + s, base + e, text[s:e], None, text[s:e], "generic")
            for s, e, _, (aid, name) in _actor_phrases().find(ar.tokens(text))]


@lru_cache(maxsize=1)
def _generic_aliases() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(ar.norm(w) for w in a.split()) for a in lx.LOCAL_ALIASES)


def localise(actors: list[ActorMention], countries: frozenset[str]) -> list[ActorMention]:
    """An alias made of common words ("النظام", "الدفاع المدني", "القوات الحكومية") names the
    Syrian actor only in a text that places itself in Syria; in a text about Iraq or elsewhere
    it is kept by its own words."""
    if not countries or "SY" in countries:
        return actors
    out = []
    for a in actors:
        words = tuple(w for t in ar.tokens(a.text) for w in [ar.stems(t.norm)[-1][0]])
        full = tuple(t.norm for t in ar.tokens(a.text))
        if a.actor_id is not None and (words in _generic_aliases() or full in _generic_aliases()):
            a = ActorMention(a.start, a.end, a.text, None, a.text, "generic")
        out.append(a)
    return out


def find_weapons(text: str, base: int = 0) -> list[WeaponMention]:
    phrases, causes = _weapon_phrases()
    return [WeaponMention(base + s, base + e, text[s:e], wid, causes[wid])
            for s, e, _, wid in phrases.find(ar.tokens(text))]


def annotate_unit(chunk: str, base: int, actors: list[ActorMention], places: list[PlaceMention],
                  dates: list[DateMention], weapons: list[WeaponMention]
                  ) -> tuple[list[ActorMention], list[PlaceMention], list[WeaponMention]]:
    """An Arabic unit's actors, places and weapons, given what the language-neutral finders found."""
    mine = find_actors(chunk, base)
    acts = sorted([*mine, *(a for a in actors if not any(m.start < a.end and a.start < m.end for m in mine))],
                  key=lambda m: m.start)
    # "في مدينة الميادين": a place, not the channel of that name
    spans = {(p.start, p.end) for p in places}
    acts = [a for a in acts if (a.start, a.end) not in spans
            or not _PLACE_BEFORE.search(chunk, max(0, a.start - base - 12), a.start - base)]
    kept = [p for p in places
            if not any(d.start < p.end and p.start < d.end for d in dates) and not _claim_word(p.text)
            and not _article_lost(p)]
    mine_w = find_weapons(chunk, base)
    ws = sorted([*mine_w, *(w for w in weapons if not any(m.start < w.end and w.start < m.end for m in mine_w))],
                key=lambda m: m.start)
    return acts, kept, ws


_CLAIM_WORDS = frozenset({*ar.MONTH_FIRST_WORDS, *lx.OUTCOMES, *lx.VICTIMS, *lx.ACTIONS, *lx.INJURY_AFTER,
                          *lx.SPEECH, *lx.CITE, *lx.PLACE_NOUNS, *lx.PHRASE_WORDS})


def _claim_word(name: str) -> bool:
    """A one-word place name that is a month, a word of the claim lexicon or a common noun of
    places ("مارس", March, is no Marseille; "بجروح", wounded, no village Juruh; "محافظة" no town)."""
    toks = ar.tokens(name)
    return len(toks) == 1 and any(w in _CLAIM_WORDS or ar.bare(w) in _CLAIM_WORDS for w, _ in ar.stems(toks[0].norm))


_ARTICLE_NAME = re.compile(r"^(?:A[lrsdtnz]|Ash|Ath|Adh|El|Āl)[\s-]")


def _article_lost(p: PlaceMention) -> bool:
    """One word read as a clitic and a place whose name has the article, the article missing:
    "فرقه" (its teams) is no "ف" + al-Raqqah, which Arabic writes "الرقة" ("فالرقة")."""
    toks = ar.tokens(p.text)
    if len(toks) != 1 or not _ARTICLE_NAME.match(p.place.name):
        return False
    w = toks[0].norm
    return w[:1] in "وفبلك" and "ال" not in w and not w.startswith("لل")


_SPEAKER_BREAK = frozenset({*ar.MONTH_FIRST_WORDS, *lx.OUTCOMES, *lx.ACTIONS, *lx.INJURY_AFTER, *lx.PLACE_NOUNS})


def _speaker_break(t: ar.ArTok) -> bool:
    """A word that ends a speaker's name: an outcome, an action, a month, a noun of places
    ("بمقتل", "لمدينة"); nouns of people ("أطباء", "مسعفون") may speak."""
    return any(w in _SPEAKER_BREAK or ar.bare(w) in _SPEAKER_BREAK for w, _ in ar.stems(t.norm))


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in _SENT_END.finditer(text, start, end):
        out.append((pos, m.end()))
        pos = m.end()
    out.append((pos, end))
    spans: list[tuple[int, int]] = []
    for s, e in out:
        _push(text, s, e, spans)  # trimmed, and a run longer than any sentence cut at spaces
    return spans


# ---- claims --------------------------------------------------------------------------------------

@dataclass
class Context:
    """What one document's Arabic units carry from sentence to sentence."""

    last_speaker: Ref | None = None
    scope_place: dict[int, Place] = field(default_factory=dict)
    scope_date: dict[int, DateValue] = field(default_factory=dict)
    countries: frozenset[str] | None = None  # of the document's places, read once


def _lookup(t: ar.ArTok, table: dict[str, str] | frozenset[str]) -> str | None:
    """The word of ``t`` found in ``table`` (with its clitic, bare accusative alef dropped)."""
    for w, _ in ar.stems(t.norm):
        for x in (w, ar.bare(w)):
            if x in table:
                return x
    return None


def unit_claims(text: str, unit: Unit, idx: Index, type_of: ActorTypeOf, unit_speaker: Ref | None,
                credits: Sequence[Ref], scope: int, ctx: Context) -> list[Claim]:
    claims: list[Claim] = []
    for s, e in sentences(text, unit.start, unit.end):
        claims += _sentence(text, s, e, unit, idx, type_of, unit_speaker, credits, scope, ctx)
    return claims


def _sentence(text: str, s: int, e: int, unit: Unit, idx: Index, type_of: ActorTypeOf,
              unit_speaker: Ref | None, credits: Sequence[Ref], scope: int, ctx: Context) -> list[Claim]:
    toks = ar.tokens(text, s, e)
    if ctx.countries is None:
        ctx.countries = frozenset(p.place.country for p in idx.places(0, len(text)) if p.place.country)
    actors = localise(idx.actors(s, e), ctx.countries)
    dates = idx.dates(s, e)
    earlier = [a for a in idx.actors(max(0, s - _COREF_CHARS), s) if a.actor_id is not None]
    claimant, sources, speaking = _attribution(text, toks, actors, ctx,
                                               lambda ref: _corefer(ref, earlier, type_of))
    if claimant is not None:
        ctx.last_speaker = claimant
    claimant = claimant or unit_speaker
    sources = tuple(dict.fromkeys(x for x in (*sources, *credits) if x != claimant))
    quantities = [q for q in idx.quantities(s, e)
                  if not any(d.start < q.end and q.start < d.end for d in dates)]
    victims, victim_spans = _victims(text, toks, quantities, actors, type_of)
    excluded = {a.start for a in actors
                if any(x <= a.start < y for x, y in (*speaking, *victim_spans))}
    weapons = idx.weapons(s, e)
    weapon = next((w for w in weapons if w.cause == "chemical"),
                  next((w for w in weapons if w.weapon not in _GENERIC_WEAPONS), weapons[0] if weapons else None))
    anchor = victim_spans[0] if victim_spans else None
    place = _place(text, s, e, idx, actors, speaking, anchor, scope, ctx)
    date = dates[0].value if dates else None
    if date is not None and date.precision in ("day", "week"):
        ctx.scope_date[scope] = date
    elif date is None:
        date = ctx.scope_date.get(scope)  # "قرابة التاسعة صباحاً" after "صباح اليوم": the story's day
    event = _event(toks, weapon)
    base = Claim(id="", unit_id=unit.id, kind="", start=s, end=e, text=text[s:e], claimant=claimant,
                 sources=sources, place=place, date=date,
                 weapon=weapon.weapon if weapon else None, cause=weapon.cause if weapon else None,
                 targets=_targets(toks), scope=_scope(toks), event=event)
    out: list[Claim] = []
    free = [a for a in actors if a.start not in excluded]
    deny = next((i for i, t in enumerate(toks) if _lookup(t, lx.DENY)), None)
    if deny is not None:
        denier, denied = _pair(text, toks, deny, free, claimant, True)
        out.append(replace(base, kind="denial", claimant=denier or claimant, actor=denied or denier,
                           weapon=None, cause=None, event=None, targets=()))
        if not victims:
            return out
        excluded |= {a.start for a in free if denier is not None and a.name == denier.name}
    perp = _perpetrator(text, toks, actors, excluded, type_of) or _self_report(text, toks, actors, speaking, type_of)
    if victims:
        kind = "casualty"
        if all(v.outcome == "held" for v in victims):
            held = {_lookup(t, lx.OUTCOMES) for t in toks}
            kind = "arrest" if held & lx.ARREST_WORDS else "kidnapping" if held & lx.KIDNAP_WORDS else kind
        out.append(replace(base, kind=kind, actor=_r(perp), victims=tuple(victims),
                           event=("arrest" if kind == "arrest" else "kidnapping" if kind == "kidnapping"
                                  else event)))
        return out
    acc = next((i for i, t in enumerate(toks) if _lookup(t, lx.ACCUSE)), None)
    if acc is not None and (_lookup(toks[acc], frozenset(lx.ACCUSE) - {"حمل", "حملت", "يحمل", "تحمل", "حملوا"})
                            or any(_lookup(t, lx.RESPONSIBILITY) for t in toks)):
        accuser, accused = _pair(text, toks, acc, [a for a in actors if a.start not in excluded or
                                                   any(x <= a.start < y for x, y in speaking)], claimant, False)
        if accused is not None and accused != accuser:
            out.append(replace(base, kind="accusation", claimant=accuser or claimant, actor=accused))
            return out
    act = next((i for i, t in enumerate(toks) if _lookup(t, lx.ACTIONS)), None)
    if act is not None and (weapon is not None or free):
        agent = perp
        if agent is None:
            agent = next((a for a in free if a.end <= toks[act].start and type_of(a.actor_id) in BELLIGERENT_TYPES), None)
        patient = next((a for a in free if a.start >= toks[act].end and a is not agent
                        and (agent is None or a.actor_id != agent.actor_id)), None)
        if agent is not None or weapon is not None:
            out.append(replace(base, kind="military_action", actor=_r(agent), target=_r(patient)))
    return out


def _r(m: ActorMention | None) -> Ref | None:
    return None if m is None else Ref(m.name, m.actor_id, m.entity_type)


def _pair(text: str, toks: list[ar.ArTok], verb: int, actors: list[ActorMention],
          claimant: Ref | None, single_speaks: bool) -> tuple[Ref | None, Ref | None]:
    """Who speaks (accuses, denies) and of whom: the actor before the verb, else the one right
    after it (an actor, or a common noun: "اتهم ناشطون قوات النظام"); then the next actor. A lone
    actor after the verb is the speaker with ``single_speaks`` ("نفت وزارة الدفاع": it denies
    its own act), else the one spoken of, the speaker being the claimant."""
    at = toks[verb].start
    before = [a for a in actors if a.end <= at]
    after = [a for a in actors if a.start >= toks[verb].end]
    if before:
        return _r(before[-1]), _r(after[0]) if after else None
    if len(after) >= 2:
        return _r(after[0]), _r(after[1])
    if verb + 1 < len(toks) and (not after or after[0].start > toks[verb + 1].end):
        noun = _noun_phrase(text, toks, verb + 1, actors)
        if noun is not None:
            return noun, _r(after[0]) if after else None
    if single_speaks and after:
        return _r(after[0]), _r(after[0])
    return claimant, _r(after[0]) if after else None


# ---- attribution ---------------------------------------------------------------------------------

_COREF_CHARS = 3000  # how far back "المرصد" looks for the observatory it stands for


def _corefer(ref: Ref | None, earlier: list[ActorMention], type_of: ActorTypeOf) -> Ref | None:
    """"مدير المرصد", "الوزارة": a common-noun speaker standing for the latest actor of its kind
    named before ("the observatory" after the Syrian Observatory)."""
    if ref is None or ref.actor_id is not None:
        return ref
    for t in ar.tokens(ref.name):
        types = next((lx.COREF[w] for w, _ in ar.stems(t.norm) if w in lx.COREF), None)
        if types is not None:
            found = next((a for a in reversed(earlier) if type_of(a.actor_id) in types), None)
            return Ref(found.name, found.actor_id) if found is not None else ref
    return ref


def _attribution(text: str, toks: list[ar.ArTok], actors: list[ActorMention], ctx: Context,
                 corefer: Callable[[Ref | None], Ref | None] = lambda r: r
                 ) -> tuple[Ref | None, tuple[Ref, ...], list[tuple[int, int]]]:
    """The sentence's claimant, its sources, and the spans of the speakers named."""
    claimant: Ref | None = None
    sources: list[Ref] = []
    spans: list[tuple[int, int]] = []
    consumed: set[int] = set()
    for i, t in enumerate(toks):
        if i in consumed:
            continue
        cite = _lookup(t, lx.CITE)
        relay = _lookup(t, lx.RELAY)
        speech = _lookup(t, lx.SPEECH)
        if not (cite or relay or speech):
            continue
        j = i + 1
        if relay and j < len(toks) and toks[j].norm == "عن":
            j += 1
        if cite and j < len(toks) and toks[j].norm in ("ما", "لما"):  # "بحسب ما أفاد به", "وفقاً لما ذكرته"
            j += 1
            if j < len(toks) and _speech(toks[j]):
                consumed.add(j)
                j += 1
        if j < len(toks) and toks[j].norm in ("به", "بها"):  # "أفادت به مصادر"
            j += 1
        if j < len(toks) and toks[j].norm in ("ل", "لـ"):
            j += 1
        if j < len(toks) and _lookup(toks[j], lx.REPORT_NOUNS):  # "بحسب تقرير للمرصد", "وفقاً لتقديرات"
            j += 1
        who, span = _speaker_at(text, toks, j, actors, lam=bool(cite))
        who = corefer(who)
        if who is not None and span is None:  # a common-noun speaker: its span, with its seat
            first = text.find(who.name, toks[j].start)
            span = (first, _seat_end(text, first + len(who.name)))
        elif who is not None and span is not None:
            span = (span[0], _seat_end(text, span[1]))
        if who is None and speech:
            if _lookup(t, lx.ADDED) and ctx.last_speaker is not None:
                who = ctx.last_speaker
            else:  # "المرصد قال إن": the actor before the verb
                prior = [a for a in actors if a.end <= t.start]
                if prior and text[prior[-1].end:t.start].strip(" \t،,") == "":
                    who, span = _r(prior[-1]), (prior[-1].start, prior[-1].end)
        if who is None:
            continue
        if span is not None:
            spans.append(span)
            cited = _relayed(text, toks, span[1], actors) if not relay else None
            if cited is not None:
                sources.append(cited)
        if relay:
            sources.append(who)
        elif claimant is None:
            claimant = who
        elif who != claimant:
            sources.append(who)
    return claimant, tuple(sources), spans


def _speech(t: ar.ArTok) -> bool:
    """A speech verb, also with an object pronoun ("ذكرته", "أعلنها")."""
    w = t.norm
    return bool(_lookup(t, lx.SPEECH)) or any(w.endswith(x) and w[:-len(x)] in lx.SPEECH for x in ("ته", "ها", "ه"))


def _relayed(text: str, toks: list[ar.ArTok], end: int, actors: list[ActorMention]) -> Ref | None:
    """"نقلت شبكة شام عن ناشطين": whom the speaker cites right after its name."""
    k = next((i for i, t in enumerate(toks) if t.start >= end), None)
    if k is None or toks[k].norm != "عن" or text[end:toks[k].start].strip(" \t،,"):
        return None
    return _speaker_at(text, toks, k + 1, actors)[0]


def _speaker_at(text: str, toks: list[ar.ArTok], j: int, actors: list[ActorMention], lam: bool = False
                ) -> tuple[Ref | None, tuple[int, int] | None]:
    """The speaker named from token ``j``: an actor starting within two words, else a common-noun
    phrase of up to three words ("ناشطون محليون", "مصدر طبي", "المجلس المحلي لمدينة سراقب")."""
    if j >= len(toks) or not ar.has_arabic(toks[j].raw):
        return None, None
    limit = toks[min(j + 2, len(toks) - 1)].end
    for a in actors:
        if toks[j].start <= a.start < limit and not re.search(r"[،,.؛:]", text[toks[j].start:a.start]):
            return _r(a), (a.start, a.end)
    return _noun_phrase(text, toks, j, actors, lam), None


def _noun_phrase(text: str, toks: list[ar.ArTok], j: int, actors: list[ActorMention],
                 lam: bool = False) -> Ref | None:
    """A common-noun speaker of up to three words from token ``j``, up to an actor's name."""
    words: list[ar.ArTok] = []
    for t in toks[j:j + 4]:
        if any(t.start <= a.start < t.end for a in actors) or _speaker_break(t):
            break
        if not ar.has_arabic(t.raw) or t.norm in lx.SPEAKER_STOP or _lookup(t, lx.SPEECH) \
                or any(w in lx.SPEAKER_STOP for w, k in ar.stems(t.norm) if k == 0):
            break
        if words and (text[words[-1].end:t.start].strip() or t.norm.startswith("ل")):
            break  # "مصادر محلية لشبكة شام": whom they told is not their name
        if len(words) == 3:
            break
        words.append(t)
    if not words:
        return None
    # "وفقاً لمصادر محلية": the preposition written on the speaker's first word is not its name
    start = words[0].offset(1) if lam and words[0].norm.startswith("ل") and len(words[0].norm) > 3 \
        else words[0].start
    return Ref(text[start:words[-1].end], None, "generic")


def _seat_end(text: str, end: int) -> int:
    """"مديرية الصحة في إدلب": the place after a speaker's name is where it sits, part of the name."""
    m = re.match(r"[ \t]+(?:في|ب)[ \t]*[^\W\d_]+(?:[ \t]+ال[^\W\d_]+)?", text[end:end + 40])
    return end + m.end() if m else end


# ---- victims ---------------------------------------------------------------------------------------

def _victims(text: str, toks: list[ar.ArTok], quantities: list[Quantity], actors: list[ActorMention],
             type_of: ActorTypeOf) -> tuple[list[Victims], list[tuple[int, int]]]:
    out: list[Victims] = []
    spans: list[tuple[int, int]] = []
    outcome_at = [(i, o) for i, t in enumerate(toks) if (o := _outcome(t)) is not None]
    counted: set[int] = set()
    for n, q in enumerate(quantities):
        k = next((i for i, t in enumerate(toks) if t.end > q.end - 1), None)  # the quantity's last token
        if k is None:
            continue
        counted |= {i for i, t in enumerate(toks) if q.start <= t.start < q.end}
        own = _lookup(toks[k], lx.VICTIMS) if ar.dual(toks[k].norm) or _lookup(toks[k], lx.VICTIMS) else None
        j = k + 1
        if j < len(toks) and toks[j].norm == "من":  # "١٢ من المدنيين"
            j += 1
        noun_tok = toks[j] if j < len(toks) else None
        vtype = None
        outcome = None
        end = q.end
        nxt = _lookup(noun_tok, lx.VICTIMS) if noun_tok is not None else None
        if own is not None:
            vtype, end = lx.VICTIMS[own], toks[k].end
            if own in lx.OUTCOME_NOUNS:
                outcome = lx.OUTCOMES.get(own)
        elif noun_tok is not None and _lookup(noun_tok, lx.INJURY_AFTER):
            vtype, outcome, end = "people", "injured", noun_tok.end
        elif nxt is not None and noun_tok is not None:
            vtype, end = lx.VICTIMS[nxt], noun_tok.end
            if nxt in lx.OUTCOME_NOUNS:
                outcome = lx.OUTCOMES.get(nxt)
                # "١٢ قتيلاً مدنياً", "١٢ قتيلاً من المدنيين"
                m = j + 1 + (1 if j + 1 < len(toks) and toks[j + 1].norm == "من" else 0)
                if m < len(toks) and (sub := _lookup(toks[m], lx.VICTIMS)) and lx.VICTIMS[sub] != "people":
                    vtype, end = lx.VICTIMS[sub], toks[m].end
        elif _toll_before(text, q.start):
            vtype, outcome = "people", _toll_before(text, q.start)
        if vtype is None or _mixed_outcomes(toks, end):
            continue  # "٢٠ قتيلاً وجريحاً": one count for two fates, no count of either
        among = k > 0 and _lookup(toks[max(0, _first_tok(toks, q.start) - 1)], lx.AMONG) is not None
        if outcome is None and among and out:
            outcome = out[-1].outcome  # "مقتل ١٢ مدنياً بينهم ٤ أطفال": the group's own fate
        if outcome is None:
            prev_end = quantities[n - 1].end if n else -1
            nxt_start = quantities[n + 1].start if n + 1 < len(quantities) else 10**12
            before = [(i, o) for i, o in outcome_at if prev_end <= toks[i].start < q.start]
            after = [(i, o) for i, o in outcome_at if end <= toks[i].start < nxt_start]
            if before:
                outcome = before[-1][1]
            elif after:
                outcome = after[0][1]
            elif n and out:
                outcome = out[-1].outcome  # "مقتل ١٢ مدنياً، بينهم ٤ أطفال"
        if outcome is None or outcome == "displaced":
            continue
        if vtype == "fighters":
            vtype = _members(end, actors, type_of)
        if outcome == "dead" and vtype == "people":
            vtype = "bodies"
        out.append(Victims(vtype, outcome, q.min, q.max, text[q.start:end]))
        spans.append((q.start, _victim_end(text, end, actors)))
    out += _singles(text, toks, counted, spans, out)
    return out, spans


def _mixed_outcomes(toks: list[ar.ArTok], end: int) -> bool:
    """The noun of the count is followed by "و" and a noun of another fate ("قتيلاً وجريحاً",
    "القتلى والجرحى")."""
    k = _first_tok(toks, end)
    if k >= len(toks) or toks[k].start < end or not toks[k].norm.startswith("و"):
        return False
    own = [_outcome(t) for t in toks if t.end == end]
    other = _outcome(toks[k])
    return bool(own and own[0] and other and other != own[0] and _lookup(toks[k], lx.OUTCOME_NOUNS))


def _first_tok(toks: list[ar.ArTok], pos: int) -> int:
    return next((i for i, t in enumerate(toks) if t.end > pos), len(toks) - 1)


def _outcome(t: ar.ArTok) -> str | None:
    w = _lookup(t, lx.OUTCOMES) or _suffixed(t, lx.OUTCOMES)
    return lx.OUTCOMES[w] if w else None


def _suffixed(t: ar.ArTok, table: dict[str, str] | frozenset[str]) -> str | None:
    """The word without a possessive or object pronoun ("مصرعهم", "سائقها")."""
    for w, _ in ar.stems(t.norm):
        for x in ("هما", "هم", "هن", "ها", "ه"):
            if w.endswith(x) and len(w) - len(x) >= 3:
                base = w[:-len(x)]
                base = base[:-1] + "ه" if base.endswith("ت") and base[:-1] + "ه" in table else base
                if base in table:
                    return base
    return None


def _toll_before(text: str, pos: int) -> str | None:
    """"ارتفعت حصيلة القتلى إلى ٢٥", "عدد الضحايا ٢٥": the toll's outcome."""
    window = text[max(0, pos - 60):pos]
    m = re.search(r"(?:حصيل[ةه]|عدد)[ \t]+(\S+)[^.،؛]*?(?:[اإ]ل[ىي]|ب|ل)?[ \t]*$", window)
    if m is None:
        return None
    for w, _ in ar.stems(ar.norm(m.group(1))):
        if w in lx.OUTCOMES:
            return lx.OUTCOMES[w]
    return None


def _members(end: int, actors: list[ActorMention], type_of: ActorTypeOf) -> str:
    """"عناصر من قوات النظام" are soldiers, "عناصر الدفاع المدني" (of an NGO, the UN, a monitor)
    civilians, members of an armed group fighters."""
    nxt = next((a for a in actors if end <= a.start <= end + 12), None)
    kind = type_of(nxt.actor_id) if nxt is not None else None
    return "soldiers" if kind == "military" else "civilians" if kind in ("ngo", "un", "monitor") else "fighters"


def _victim_end(text: str, end: int, actors: list[ActorMention]) -> int:
    """A victim phrase goes on over "من قوات النظام" / "في صفوف ..." (the victims' own side)."""
    for a in actors:
        if end <= a.start <= end + 14 and re.fullmatch(r"[ \t]*(?:من|في[ \t]+صفوف|ل|لـ)?[ \t]*",
                                                         text[end:a.start]) is not None:
            return a.end
    return end


def _singles(text: str, toks: list[ar.ArTok], counted: set[int], spans: list[tuple[int, int]],
             out_before: Sequence[Victims] = ()) -> list[Victims]:
    """One person named by a singular noun right after an outcome word: "مقتل طفل وامرأة"."""
    out: list[Victims] = []
    for i, t in enumerate(toks[:-1]):
        o = _outcome(t)
        among = _lookup(t, lx.AMONG) is not None
        if among and out_before:
            o = out_before[-1].outcome  # "بينهم امرأة": one of the group, with its fate
        if o is None or o == "displaced" or (_lookup(t, lx.OUTCOME_NOUNS) and not among):
            continue
        j = i + 1
        while j < len(toks) and j not in counted:
            w = _lookup(toks[j], lx.SINGULAR) or _suffixed(toks[j], lx.SINGULAR)
            if w is None or (j > i + 1 and not toks[j].norm.startswith("و")):
                break
            if toks[j].norm.startswith("ال"):
                break
            vtype = lx.VICTIMS[w]
            start = toks[j].offset(1) if j > i + 1 else toks[j].start
            out.append(Victims(vtype, o, 1, 1, text[start:toks[j].end]))
            spans.append((start, toks[j].end))
            j += 1
    return out


# ---- actor, place, event ---------------------------------------------------------------------------

def _perpetrator(text: str, toks: list[ar.ArTok], actors: list[ActorMention], excluded: set[int],
                 type_of: ActorTypeOf) -> ActorMention | None:
    cands = [a for a in actors if a.start not in excluded and _belligerent(a, type_of)]
    owned = set()
    for a in cands:
        k = _tok_before(toks, a.start)
        prev = toks[k] if k is not None else None
        prev2 = toks[k - 1] if k else None
        if prev is not None and (_lookup(prev, lx.OWNER_BEFORE)
                                 or prev.norm == "لسيطره" or (prev2 is not None and _lookup(prev2, lx.OWNER_BEFORE))
                                 and prev.norm in ("ل", "لـ")):
            owned.add(a.start)
            continue
        if prev is not None and (_lookup(prev, lx.MEANS) or _lookup(prev, lx.ACTIONS) or _lookup(prev, lx.BELONGING)):
            return a  # "قصف قوات النظام", "غارات للطيران الروسي", "استهدفت قوات النظام"
        if prev is not None and prev2 is not None and (prev2.norm, prev.norm) in lx.AGENT_BEFORE:
            return a  # "من قبل قوات النظام", "على يد عناصر التنظيم"
        if a.start > 0 and text[a.start - 1] in "لب" and prev is not None and _lookup(prev, lx.MEANS):
            return a
        nxt = next((t for t in toks if t.start >= a.end), None)
        if nxt is not None and _lookup(nxt, lx.ACTIONS) and not _lookup(nxt, lx.MEANS):
            return a  # "قوات النظام قصفت"
    return next((a for a in cands if a.start not in owned
                 and (type_of(a.actor_id) in FORCE_TYPES or a.entity_type == "generic")), None)


def _belligerent(a: ActorMention, type_of: ActorTypeOf) -> bool:
    return type_of(a.actor_id) in BELLIGERENT_TYPES or (a.actor_id is None and a.entity_type == "generic"
                                                        and a.text in _ARMED)


def _self_report(text: str, toks: list[ar.ArTok], actors: list[ActorMention], speaking: list[tuple[int, int]],
                 type_of: ActorTypeOf) -> ActorMention | None:
    """"أعلنت قسد أنها قتلت ٢٠ عنصراً": a belligerent speaker reporting its own act."""
    for a in actors:
        if not any(x <= a.start < y for x, y in speaking) or type_of(a.actor_id) not in BELLIGERENT_TYPES:
            continue
        after = [t for t in toks if t.start >= a.end][:3]
        if after and after[0].norm in lx.THAT_IT and any(_lookup(t, lx.ACTIONS) or _outcome(t) for t in after[1:]):
            return a
    return None


def _tok_before(toks: list[ar.ArTok], pos: int) -> int | None:
    """Index of the token before the one holding ``pos`` (a clitic on the actor's own token
    counts as that token: "لقوات" after "غارات")."""
    k = None
    for i, t in enumerate(toks):
        if t.end <= pos and not (t.start <= pos < t.end):
            k = i
        elif t.start <= pos < t.end:
            return i - 1 if i else None
        else:
            break
    return k


def _place(text: str, s: int, e: int, idx: Index, actors: list[ActorMention], speaking: list[tuple[int, int]],
           anchor: tuple[int, int] | None, scope: int, ctx: Context) -> Place | None:
    named = [p for p in idx.places(s, e) if not any(a.start <= p.start and p.end <= a.end for a in actors)]
    mentions = [p for p in named if not any(x <= p.start < y for x, y in speaking)]
    prior = ctx.scope_place.get(scope)
    seats = [p for p in named if p not in mentions]
    if not mentions and seats and (prior is None or not _may_lie_in(prior, seats[0].place)):
        mentions = seats  # "الدفاع المدني في الموصل" after a report from Baghdad: Mosul
    # A hashtag ("#إدلب") tags the post's topic: a place only when nothing more is known.
    tags = [p for p in mentions if p.start > 0 and text[p.start - 1] == "#"]
    mentions = [p for p in mentions if p not in tags] or ([] if prior is not None else tags)
    place = None
    if mentions:
        def key(p: PlaceMention) -> tuple[int, int, int]:
            dist = max(anchor[0] - p.end, p.start - anchor[1], 0) if anchor else p.start
            # "في مدينة صوران" names the place itself; "وفي حماة،" may stand for its province
            named = 0 if _SETTLEMENT.search(text, max(0, p.start - 8), p.start) else 1
            return _PRECISION_RANK.get(p.place.precision, 9), named, dist
        place = min(mentions, key=key).place
    if place is None or _PRECISION_RANK.get(place.precision, 9) > 3:
        m = _UNRESOLVED.search(text, s, e)
        if m is not None and not any(p.start <= m.start(1) < p.end for p in mentions):
            place = Place(name=m.group(1), lat=None, lon=None, country=None, geonames_id=None,
                          precision="village")
    if place is None and prior is None:  # the most precise place named earlier in the story
        earlier = [p for p in idx.places(scope, s) if not _claim_word(p.text)]
        if earlier:
            prior = min(reversed(earlier), key=lambda p: _PRECISION_RANK.get(p.place.precision, 9)).place
    if place is None:
        return prior
    if prior is not None and _PRECISION_RANK.get(place.precision, 9) > 2 \
            and _PRECISION_RANK.get(prior.precision, 9) < _PRECISION_RANK.get(place.precision, 9) \
            and (prior.admin1 is None or place.admin1 is None or prior.admin1 == place.admin1) \
            and (prior.country is None or place.country is None or prior.country == place.country):
        return prior  # "بريف إدلب" after the village named: the village
    ctx.scope_place[scope] = place
    return place


def _may_lie_in(inner: Place, outer: Place) -> bool:
    if inner.country and outer.country and inner.country != outer.country:
        return False
    return inner.admin1 is None or outer.admin1 is None or inner.admin1 == outer.admin1


def _event(toks: list[ar.ArTok], weapon: WeaponMention | None) -> str | None:
    if weapon is not None and weapon.weapon in lx.EVENT_OF_WEAPON:
        return lx.EVENT_OF_WEAPON[weapon.weapon]
    if any(_lookup(t, frozenset({"غاره", "غارات", "غارتين", "غارتان", "اغار", "اغارت"})) for t in toks):
        return "airstrike"
    if any(_lookup(t, frozenset({"قصف", "قصفت", "يقصف", "تقصف"})) for t in toks):
        return "shelling"
    return None


def _targets(toks: list[ar.ArTok]) -> tuple[Target, ...]:
    out = []
    for i, t in enumerate(toks):
        w = _lookup(t, lx.TARGETS)
        if w is None or not any(_lookup(x, lx.ACTIONS) or _outcome(x) for x in toks[max(0, i - 6):i]):
            continue
        start = next(t.offset(k) for x, k in ar.stems(t.norm) if x == w or ar.bare(x) == w)
        out.append(Target(t.raw[start - t.start:], lx.TARGETS[w], start, t.end))
    return tuple(out)


def _scope(toks: list[ar.ArTok]) -> str:
    for i, t in enumerate(toks[:-1]):
        if t.norm == "منذ" and (toks[i + 1].norm in lx.CUMULATIVE_AFTER_SINCE
                                or ar.ascii_digits(toks[i + 1].raw).isdigit()):
            return "background"
    return "incident"
