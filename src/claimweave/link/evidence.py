"""One claim as evidence inside an incident: its reference, citation chain and line of evidence.

A claim's chain is the outlet (or document) that published it, then its claimant, then the
sources it cites in the order the text names them. Its *origin* is the first cited source,
else the claimant, else the outlet: two outlets that both write "according to SOHR" share the
origin SOHR and are one line of evidence, not two. Only a real source is a line of evidence
(:func:`real_source`: a knowledge-base actor, an account, an outlet, a body or a named person);
a fragment the extractor took for a name ("Apr 2017 An", "Tuesday a monitor", "The United") or
a description ("activists") is left out of the chain, and the claim falls back on the next
name. An origin outside the knowledge base (null ``actor_id``) counts by its normalised name
(:func:`.identity.normalise_name`); a short form of another line's name in the same incident is
merged into it there (:func:`.record.merge_aliases`). A claim of scope "background" (a
cumulative toll) counts nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..extract.denials import is_denial
from .features import row_value
from .identity import normalise_name, perpetrator_key
from .regions import is_belligerent, side_of

_CONCEDE = re.compile(r"(?i)\b(?:confirm\w*|acknowledg\w*|admit\w*|conced\w*|accept\w*\s+"
                      r"responsibility|reconna\w*|its\s+(?:aircraft|jets|forces|strike))")
GROUPS = {"civilians": "civilians", "people": "civilians", "bodies": "civilians",
          "children": "children", "women": "women", "men": "men", "fighters": "fighters",
          "soldiers": "fighters"}
OUTCOMES = {"killed": "killed", "dead": "killed", "injured": "injured"}


_WHEN = re.compile(r"(?i)\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?(?=\s|$)|\b(?:january|"
                   r"february|april|june|july|august|september|october|november|december|"
                   r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|tonight)\b")
_FUNCTION = frozenset(["a", "an", "the", "of", "and", "or", "for", "in", "on", "at", "to", "by", "with", "from", "said", "says", "told"])
# Words that begin an organisation's name but never end one: "The United", "National" alone.
_DANGLING = frozenset(["united", "national", "international", "democratic", "islamic", "free", "human", "civil", "syrian", "arab", "popular", "revolutionary", "supreme", "general", "local", "new", "joint"])


# Plural descriptions that name no one when they stand alone ("Activists said").
_GENERIC = frozenset(["activists", "witnesses", "residents", "sources", "officials", "monitors",
                      "medics", "doctors", "rescuers", "locals", "observers", "journalists",
                      "reports", "authorities", "survivors", "relatives", "ngo"])
_MARKS = frozenset('"“”«»()[]{}<>|;')
_AFFIX = re.compile(r"(?i)-(?:based|backed|led|linked|affiliated)$")


def real_source(name: str | None, actor_id: str | None = None) -> bool:
    """Whether ``name`` can be a line of evidence: a knowledge-base actor, an account
    (``@handle``), or a name in capitals (an outlet, a body, a named person) that is not a
    fragment: no digits, no month, weekday or "today", no trailing function word ("Apr 2017 An"),
    no description ("a monitor", "Tuesday a monitor", "a Police", "Activists", "Britain-based"),
    no dangling adjective at its end ("The United", "Aleppo Syrian"), not a big place ("Aleppo")."""
    if actor_id:
        return True
    words = (name or "").split()
    if not words or len(words) > 10:
        return False
    if words[0].startswith("@"):
        return len(words) == 1 and len(words[0]) > 1
    text = " ".join(words)
    if any(ch.isdigit() or ch in _MARKS for ch in text) or _WHEN.search(text):
        return False
    if words[-1].casefold() in _FUNCTION:
        return False
    if words[0] in ("a", "an") or any(_AFFIX.search(w) for w in words):
        return False
    content = [w for w in words if w.casefold() not in _FUNCTION]
    if not content or not all(w[0].isupper() for w in content):
        return False
    if content[-1].casefold() in _DANGLING:
        return False
    if len(content) == 1 and content[0].casefold() in _GENERIC:
        return False
    return not _big_place(text)


@lru_cache(maxsize=65536)
def _big_place(name: str) -> bool:
    """A city of 50,000 or more, a region or a country by this name: a place, which says nothing
    ("Aleppo said" is an extraction slip); a smaller place may be somebody's surname."""
    from ..annotate.gazetteer import load

    p = load().lookup(name)
    return p is not None and (p.precision in ("governorate", "region", "country")
                              or (p.population or 0) >= 50_000)


def _key(name: str | None, actor_id: str | None) -> str | None:
    """An origin's identity: its knowledge-base id, else its normalised name ("The Syrian
    Observatory" and "Syrian Observatory" are one line of evidence)."""
    if actor_id:
        return actor_id
    return normalise_name(name) or None


@dataclass(slots=True)
class Evidence:
    ref: str  # "<document id>#<claim id>"
    seq: int
    doc: str
    kind: str
    text: str
    chain: list[str]
    origin: str
    origin_name: str
    actor_id: str | None
    actor: str | None
    side: str | None
    claimant_side: str | None
    denial: bool
    concession: bool
    victims: list[dict[str, Any]]
    date: dict[str, Any] | None
    place: dict[str, Any] | None
    published: str | None
    region: str | None = None
    # An actor outside the knowledge base: the entity type that found it (None for a KB actor).
    entity_type: str | None = None
    # The perpetrator as compared across lines (.identity.perpetrator_key): the KB actor's side,
    # else a null-id actor's "name:" key; None when neither.
    perp: str | None = None
    event: str | None = None
    origin_id: str | None = None  # the knowledge-base id of the origin, if it has one
    background: bool = False  # a cumulative or war-long toll: never an incident's count

    @classmethod
    def from_row(cls, row: Any) -> Evidence:
        sources = [s for s in json.loads(row["sources_json"] or "[]")
                   if real_source(s.get("name"), s.get("actor_id"))]
        outlet = row["outlet"] or f"document {row['document_id']}"
        chain = [outlet]
        claimant = row["claimant"] if real_source(row["claimant"], row["claimant_actor_id"]) else None
        if claimant and claimant != outlet:
            chain.append(claimant)
        chain += [s["name"] for s in sources if s["name"] not in chain]
        if sources:
            origin, oname, oid = (_key(sources[0]["name"], sources[0]["actor_id"]), sources[0]["name"],
                                  sources[0]["actor_id"])
        elif claimant:
            origin, oname, oid = _key(claimant, row["claimant_actor_id"]), claimant, row["claimant_actor_id"]
        else:
            origin, oname, oid = _key(outlet, None), outlet, None
        denial = row["kind"] == "denial" or is_denial(row["text"])
        cside = side_of(row["claimant_actor_id"])
        side = side_of(row["actor_id"])
        concession = (not denial and is_belligerent(row["claimant_actor_id"]) and row["kind"] != "accusation"
                      and (side == cside if side else bool(_CONCEDE.search(row["text"]))))
        return cls(ref=f"{row['document_id']}#{row['id']}", seq=row["seq"], doc=row["document_id"],
                   kind=row["kind"], text=row["text"], chain=chain, origin=origin or oname,
                   origin_name=oname, actor_id=row["actor_id"], actor=row["actor"], side=side,
                   claimant_side=cside, denial=denial, concession=concession,
                   victims=json.loads(row["victims_json"] or "[]"),
                   date=json.loads(row["date_json"]) if row["date_json"] else None,
                   place=json.loads(row["place_json"]) if row["place_json"] else None,
                   published=row["published"], entity_type=row_value(row, "actor_entity_type"),
                   perp=perpetrator_key(row["actor"], row["actor_id"], side),
                   event=row_value(row, "event"), origin_id=oid,
                   background=row_value(row, "scope") == "background")

    def counts(self) -> dict[tuple[str, str], tuple[int | None, int | None]]:
        """(group, outcome) -> (largest stated min, largest stated max) of this claim."""
        out: dict[tuple[str, str], tuple[int | None, int | None]] = {}
        if self.background:
            return out
        for v in self.victims:
            g, o = GROUPS.get(v["type"]), OUTCOMES.get(v["outcome"])
            if g is None or o is None:
                continue
            lo, hi = out.get((g, o), (None, None))
            lo = v["min"] if lo is None else (lo if v["min"] is None else max(lo, v["min"]))
            hi = v["max"] if hi is None else (hi if v["max"] is None else max(hi, v["max"]))
            out[(g, o)] = (lo, hi)
        return out
