"""The core model: frozen dataclasses shared by every pipeline stage.

Offsets (``start``/``end``) are always Python ``str`` indices into ``Document.text``,
end exclusive. Unknown is ``None``, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SCHEMA = "claimweave/1"

# Unit kinds of the contract. Containers hold other units; leaves hold text.
UNIT_KINDS = (
    "title", "headline", "lede", "byline", "caption", "paragraph", "quote",
    "tweet", "thread", "comment", "related", "boilerplate", "story", "comments",
)
CONTAINER_KINDS = frozenset({"thread", "story", "comments"})
# Units whose text is never mined for claims.
NO_CLAIM_KINDS = frozenset({"boilerplate", "caption", "related", "byline"})

PRECISIONS = ("exact", "village", "city", "district", "governorate", "country", "region")
DATE_PRECISIONS = ("day", "week", "month", "year", "season")


@dataclass(frozen=True, slots=True)
class Document:
    """One input document. ``text`` is the decoded original, byte-for-byte where the input was text."""

    id: str
    text: str
    sha256: str
    path: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when known
    url: str | None = None
    # Where a separately extracted comment section starts in ``text`` (HTML inputs), if any.
    comments_start: int | None = None
    # Any extra fields of the source row (e.g. FA-KES gold facts); never used by extraction.
    meta: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    kind: str
    start: int
    end: int
    speaker: str | None = None
    lang: str | None = None
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """An entry of the actor knowledge base."""

    id: str
    name: str
    type: str  # state, military, armed_group, ministry, government, monitor, ngo, un, outlet, person, media_account, other
    side: str | None = None  # e.g. "syrian_government", "coalition", "opposition", "isis", "sdf", "neutral"
    country: str | None = None
    aliases: tuple[str, ...] = ()
    # FA-KES actor category this actor falls under, if any.
    fakes_actor: str | None = None


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in the text: linked to the knowledge base when it knows it (``actor_id``),
    else kept by its own name with ``actor_id`` None and the entity type that found it."""

    start: int
    end: int
    text: str
    actor_id: str | None
    name: str
    # For an actor outside the knowledge base: PERSON, ORG, NORP, GPE (spaCy's entity labels) or
    # "generic" ("gunmen", "security forces"); None for a knowledge-base actor.
    entity_type: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO 3166-1 alpha-2
    geonames_id: int | None
    precision: str  # one of PRECISIONS
    admin1: str | None = None  # first-level division name (Syrian governorate), if known
    population: int | None = None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place


@dataclass(frozen=True, slots=True)
class DateValue:
    text: str
    start: str | None  # ISO date of the interval's first day, None when the year is unknown
    end: str | None  # ISO date of the interval's last day
    year: int | None
    month: int | None
    day: int | None
    precision: str  # one of DATE_PRECISIONS


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: DateValue


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number or range as stated: "more than 17" -> min 17; "dozens" -> min 24, max None."""

    start: int
    end: int
    text: str
    min: int | None
    max: int | None
    qualifier: str | None = None  # "more_than", "at_least", "about", "up_to", "range", None


@dataclass(frozen=True, slots=True)
class WeaponMention:
    start: int
    end: int
    text: str
    weapon: str  # canonical weapon id, e.g. "airstrike", "barrel_bomb", "white_phosphorus"
    cause: str  # shelling, explosion, chemical, shooting, execution


@dataclass(frozen=True, slots=True)
class Annotations:
    actors: tuple[ActorMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    dates: tuple[DateMention, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    weapons: tuple[WeaponMention, ...] = ()


@dataclass(frozen=True, slots=True)
class Ref:
    name: str
    actor_id: str | None = None
    entity_type: str | None = None  # as ActorMention.entity_type; None when linked or unknown


@dataclass(frozen=True, slots=True)
class Target:
    """A physical thing attacked (hospital, market, pipeline), with its span in the text."""

    text: str
    type: str  # medical, school, market, religious, residential, infrastructure, vehicle, ...
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NamedVictim:
    """A person the violence was done to, named in the text ("journalist Ana Ruiz")."""

    name: str
    role: str | None  # civilian, child, journalist, official, aid_worker, medic, police, fighter, soldier
    outcome: str  # killed, injured, missing, held, arrested
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Victims:
    type: str  # civilians, children, women, men, fighters, soldiers, people, bodies, ...
    outcome: str  # killed, injured, dead, missing, held
    min: int | None
    max: int | None
    text: str


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    unit_id: str
    kind: str  # casualty, accusation, military_action
    start: int
    end: int
    text: str
    claimant: Ref | None = None
    sources: tuple[Ref, ...] = ()
    actor: Ref | None = None
    target: Ref | None = None
    victims: tuple[Victims, ...] = ()
    place: Place | None = None
    date: DateValue | None = None
    weapon: str | None = None
    cause: str | None = None  # cause-of-death category derived from the weapon or verb
    targets: tuple[Target, ...] = ()  # physical targets; ``target`` stays the actor attacked
    named_victims: tuple[NamedVictim, ...] = ()
    # "incident" for a claim about one event; "background" for a cumulative or war-long toll
    # ("since 2011", "in the past year") that belongs to no single incident.
    scope: str = "incident"
    # What happened, across wars: airstrike, shelling, bombing, shooting, stabbing, execution,
    # kidnapping, arrest, arson, siege, mass_grave, clashes, attack; None when not said.
    event: str | None = None


@dataclass(frozen=True, slots=True)
class FrameMark:
    """A persuasion technique on a span, with a reason a person can check; evidence, not verdict."""

    technique: str
    start: int
    end: int
    unit_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class FramingTerm:
    """The word a text chose for a contested thing ("regime" for the Syrian state)."""

    concept: str
    term: str
    start: int
    end: int
    unit_id: str


@dataclass(frozen=True, slots=True)
class UnitMode:
    unit_id: str
    mode: str  # reporting, opinion, satire
    call_to_action: bool


@dataclass(frozen=True, slots=True)
class Frames:
    marks: tuple[FrameMark, ...] = ()
    terms: tuple[FramingTerm, ...] = ()
    modes: tuple[UnitMode, ...] = ()


@dataclass(frozen=True, slots=True)
class Record:
    """Everything extracted from one document: the claimweave/1 record before serialisation."""

    document: Document
    genre: str
    language: str | None
    units: tuple[Unit, ...]
    annotations: Annotations
    claims: tuple[Claim, ...]
    warnings: tuple[str, ...] = field(default=())
    frames: Frames = field(default=Frames())
