"""One claim as evidence inside an incident: its reference, citation chain and line of evidence.

A claim's chain is the outlet (or document) that published it, then its claimant, then the
sources it cites in the order the text names them. Its *origin* is the first cited source,
else the claimant, else the outlet: two outlets that both write "according to SOHR" share the
origin SOHR and are one line of evidence, not two. An origin outside the knowledge base (null
``actor_id``) counts by its normalised name (:func:`.identity.normalise_name`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
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

    @classmethod
    def from_row(cls, row: Any) -> Evidence:
        sources = json.loads(row["sources_json"] or "[]")
        outlet = row["outlet"] or f"document {row['document_id']}"
        chain = [outlet]
        if row["claimant"] and row["claimant"] != outlet:
            chain.append(row["claimant"])
        chain += [s["name"] for s in sources if s["name"] not in chain]
        if sources:
            origin, oname = _key(sources[0]["name"], sources[0]["actor_id"]), sources[0]["name"]
        elif row["claimant"]:
            origin, oname = _key(row["claimant"], row["claimant_actor_id"]), row["claimant"]
        else:
            origin, oname = _key(outlet, None), outlet
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
                   event=row_value(row, "event"))

    def counts(self) -> dict[tuple[str, str], tuple[int | None, int | None]]:
        """(group, outcome) -> (largest stated min, largest stated max) of this claim."""
        out: dict[tuple[str, str], tuple[int | None, int | None]] = {}
        for v in self.victims:
            g, o = GROUPS.get(v["type"]), OUTCOMES.get(v["outcome"])
            if g is None or o is None:
                continue
            lo, hi = out.get((g, o), (None, None))
            lo = v["min"] if lo is None else (lo if v["min"] is None else max(lo, v["min"]))
            hi = v["max"] if hi is None else (hi if v["max"] is None else max(hi, v["max"]))
            out[(g, o)] = (lo, hi)
        return out
