"""Request bodies of the write API, validated at the edge with pydantic (strict; unknown keys are
refused). The core only ever sees plain dicts of checked values."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from ..model import DATE_PRECISIONS, PRECISIONS, Place
from .errors import ApiError

KINDS = ("casualty", "accusation", "denial", "military_action")
OUTCOMES = ("killed", "dead", "injured", "missing", "held", "arrested")
GRADES = ("corroborated", "single_source", "contested", "conceded", "denied")  # a person's grade
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
MAX_COUNT = 10_000_000

Name = Annotated[str, Field(min_length=1, max_length=200)]


def _no_control(v: str | None) -> str | None:
    if v is not None and _CONTROL.search(v):
        raise ValueError("control characters are not allowed")
    return v


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class VictimsIn(_Strict):
    type: Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z_]+$")]
    outcome: Literal[OUTCOMES]  # type: ignore[valid-type]
    min: Annotated[int, Field(ge=0, le=MAX_COUNT)] | None = None
    max: Annotated[int, Field(ge=0, le=MAX_COUNT)] | None = None

    @model_validator(mode="after")
    def _order(self) -> VictimsIn:
        if self.min is None and self.max is None:
            raise ValueError("a victims group needs min or max")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is larger than max")
        return self


class PlaceIn(_Strict):
    """A place: coordinates as given, or a gazetteer entry (by ``geonames_id``, else by ``name``)
    filling in the coordinates, country, id and precision (:meth:`value`)."""

    name: Name | None = None
    lat: Annotated[float, Field(ge=-90, le=90)] | None = None
    lon: Annotated[float, Field(ge=-180, le=180)] | None = None
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    geonames_id: Annotated[int, Field(ge=1, le=2**31)] | None = None
    precision: Literal[PRECISIONS] = "exact"  # type: ignore[valid-type]

    _text = field_validator("name")(_no_control)

    @model_validator(mode="after")
    def _both(self) -> PlaceIn:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both lat and lon, or neither")
        if self.name is None and self.geonames_id is None:
            raise ValueError("a place needs a name or a geonames_id")
        return self

    def value(self) -> dict[str, Any]:
        """The place as stored: with coordinates as given; without, the gazetteer's entry for
        ``geonames_id`` (ValueError if there is none) or for the whole ``name`` when it has one."""
        given = self.model_dump()
        if self.lat is not None:
            return given
        from ..annotate.gazetteer import load

        gaz = load()
        hit: Place | None
        if self.geonames_id is not None:
            row = _geonames_rows().get(self.geonames_id)
            if row is None:
                raise ValueError(f"no gazetteer entry with geonames_id {self.geonames_id}")
            hit = gaz.place(row)
        else:
            hit = gaz.lookup(self.name or "")
        if hit is None:
            return given
        return {"name": self.name or hit.name, "lat": hit.lat, "lon": hit.lon,
                "country": hit.country or self.country, "geonames_id": hit.geonames_id,
                "precision": hit.precision}


@cache
def _geonames_rows() -> dict[int, int]:
    from ..annotate.gazetteer import load

    return {int(r[4]): i for i, r in enumerate(load().rows) if r[4]}


class DateIn(_Strict):
    start: dt.date
    end: dt.date | None = None
    precision: Literal[DATE_PRECISIONS] = "day"  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _order(self) -> DateIn:
        if self.end is not None and self.end < self.start:
            raise ValueError("end is before start")
        return self


class FieldsIn(_Strict):
    victims: Annotated[list[VictimsIn], Field(max_length=20)] | None = None
    actor: Name | None = None
    target: Name | None = None
    claimant: Name | None = None
    place: PlaceIn | None = None
    date: DateIn | None = None
    kind: Literal[KINDS] | None = None  # type: ignore[valid-type]

    _text = field_validator("actor", "target", "claimant")(_no_control)

    def values(self) -> dict[str, Any]:
        """The fields given (null clears a field; ``kind`` and ``victims`` cannot be null)."""
        out: dict[str, Any] = {}
        for name in sorted(self.model_fields_set):
            v = getattr(self, name)
            if v is None and name in ("kind", "victims"):
                raise ValueError(f"{name} cannot be null")
            if name == "victims":
                out[name] = [{**g.model_dump(), "text": None} for g in v]
            elif name == "date" and v is not None:
                end = v.end or v.start
                out[name] = {"text": None, "start": v.start.isoformat(), "end": end.isoformat(),
                             "year": v.start.year, "month": v.start.month if v.precision != "year"
                             else None, "day": v.start.day if v.precision == "day" else None,
                             "precision": v.precision}
            elif isinstance(v, PlaceIn):
                out[name] = v.value()
            elif isinstance(v, BaseModel):
                out[name] = v.model_dump()
            else:
                out[name] = v
        return out


def _no_controls(v: str) -> str:
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", v):
        raise ValueError("control characters are not allowed")
    return v


# A person's note on a decision, and the version a decision was made against.
Note = Annotated[str, Field(max_length=4000), AfterValidator(_no_controls)]
Version = Annotated[int, Field(ge=0, le=10**9)]


class ReviewIn(_Strict):
    action: Literal["confirm", "reject", "correct"]
    fields: FieldsIn | None = None
    note: Note | None = None
    version: Version | None = None


def _invalid(exc: ValidationError) -> ApiError:
    """A body that does not validate: 400, naming its first error."""
    first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid"}
    where = ".".join(str(p) for p in first.get("loc", ())) or "body"
    return ApiError(400, "invalid_body",
                    f"{where}: {first.get('msg', 'invalid')} ({exc.error_count()} error(s))")


def parse_review(body: bytes) -> tuple[ReviewIn, dict[str, Any]]:
    """The request body as a checked review and its field values; ApiError 400 otherwise."""
    try:
        req = ReviewIn.model_validate_json(body or b"")
        values = req.fields.values() if req.fields is not None else {}
    except ValidationError as exc:
        raise _invalid(exc) from None
    except ValueError as exc:
        raise ApiError(400, "invalid_body", f"fields: {exc}") from None
    if req.action == "correct" and not values:
        raise ApiError(400, "invalid_body", "a correction names at least one field")
    if req.action != "correct" and req.fields is not None:
        raise ApiError(400, "invalid_body", f"{req.action} takes no fields (use action 'correct')")
    return req, values


# -- the document page's review form ---------------------------------------------------------------
FORM_FIELDS = ("kind", "claimant", "actor", "target", "victims_type", "victims_outcome",
               "victims_min", "victims_max", "place_name", "place_lat", "place_lon", "date_start",
               "date_end", "date_precision")


def _s(v: Any) -> str:
    return "" if v is None else str(v)


def form_defaults(values: dict[str, Any]) -> dict[str, str]:
    """A claim's current values as the review form's prefilled strings (first victims group)."""
    v = (values.get("victims") or [{}])[0]
    place, date = values.get("place") or {}, values.get("date") or {}
    return {"kind": _s(values.get("kind")), "claimant": _s(values.get("claimant")),
            "actor": _s(values.get("actor")), "target": _s(values.get("target")),
            "victims_type": _s(v.get("type")), "victims_outcome": _s(v.get("outcome")),
            "victims_min": _s(v.get("min")), "victims_max": _s(v.get("max")),
            "place_name": _s(place.get("name")), "place_lat": _s(place.get("lat")),
            "place_lon": _s(place.get("lon")), "date_start": _s(date.get("start")),
            "date_end": _s(date.get("end")), "date_precision": _s(date.get("precision")) or "day"}


def _num(text: str, name: str, kind: type) -> Any:
    if text == "":
        return None
    try:
        return kind(text)
    except ValueError:
        raise ApiError(400, "invalid_body", f"{name} must be a number") from None


def form_review(form: dict[str, str], values: dict[str, Any]) -> bytes:
    """The form as the API's JSON body: only the fields changed from the prefilled current values
    become a correction (a cleared name clears that field)."""
    action = form.get("action", "")
    body: dict[str, Any] = {"action": action}
    if form.get("note", "").strip():
        body["note"] = form["note"].strip()
    if form.get("version", "") != "":
        body["version"] = _num(form["version"], "version", int)
    if action != "correct":
        return _json(body)
    was = form_defaults(values)
    got = {k: form.get(k, was[k]).strip() for k in FORM_FIELDS}
    changed = {k for k in FORM_FIELDS if got[k] != was[k]}
    fields: dict[str, Any] = {}
    if "kind" in changed:
        fields["kind"] = got["kind"]
    for name in ("claimant", "actor", "target"):
        if name in changed:
            fields[name] = got[name] or None
    if changed & {"victims_type", "victims_outcome", "victims_min", "victims_max"}:
        first = {"type": got["victims_type"], "outcome": got["victims_outcome"],
                 "min": _num(got["victims_min"], "min", int),
                 "max": _num(got["victims_max"], "max", int)}
        rest = [{k: g.get(k) for k in ("type", "outcome", "min", "max")}
                for g in (values.get("victims") or [])[1:]]
        fields["victims"] = [first, *rest]
    if changed & {"place_name", "place_lat", "place_lon"}:
        # a new name with the old coordinates untouched: the gazetteer places the new name
        renamed = not changed & {"place_lat", "place_lon"}
        fields["place"] = None if not got["place_name"] else {
            "name": got["place_name"],
            "lat": None if renamed else _num(got["place_lat"], "lat", float),
            "lon": None if renamed else _num(got["place_lon"], "lon", float)}
    if changed & {"date_start", "date_end", "date_precision"}:
        fields["date"] = None if not got["date_start"] else {
            "start": got["date_start"], "end": got["date_end"] or None,
            "precision": got["date_precision"] or "day"}
    body["fields"] = fields
    return _json(body)


def _json(body: dict[str, Any]) -> bytes:
    import json

    return json.dumps(body, ensure_ascii=False).encode()


# -- incidents --------------------------------------------------------------------------------------


class _Decision(_Strict):
    note: Note | None = None
    version: Version | None = None


class NoteIn(_Decision):
    note: Annotated[Note, Field(min_length=1)]

    @field_validator("note")
    @classmethod
    def _blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("a note needs some text")
        return v.strip()


class MergeIn(_Decision):
    into: Annotated[int, Field(ge=1, le=10**15)]


class SplitIn(_Decision):
    claims: Annotated[list[Annotated[list[Annotated[str, Field(min_length=1, max_length=200)]],
                                     Field(min_length=2, max_length=2)]],
                      Field(min_length=1, max_length=500)]


class AssessIn(_Decision):
    grade: Literal[GRADES]  # type: ignore[valid-type]
    reasons: Annotated[list[Annotated[str, Field(min_length=1, max_length=1000)]],
                       Field(max_length=50)] = []

    _text = field_validator("reasons")(lambda v: [_no_control(x) for x in v])


def parse_body(model: type[_Strict], body: bytes) -> Any:
    """``body`` as ``model``; ApiError 400 otherwise."""
    try:
        return model.model_validate_json(body or b"")
    except ValidationError as exc:
        raise _invalid(exc) from None


class BulkIn(_Strict):
    """Confirm or reject every claim of these incidents; ``seen`` is the newest audit id the
    person's page showed (a decision since then on these incidents makes it stale: 409)."""

    incidents: Annotated[list[Annotated[int, Field(ge=1, le=10**15)]],
                         Field(min_length=1, max_length=500)]
    action: Literal["confirm", "reject"]
    note: Note | None = None
    seen: Annotated[int, Field(ge=0, le=10**15)] | None = None


def form_json(pairs: list[tuple[str, str]], model: type[_Strict]) -> bytes:
    """A page form's fields as the JSON body of ``model`` (checked by the same model as the
    API): numbers where the model wants them, repeated names as lists, empty values left out."""
    import json

    multi = {"claims", "incidents", "reasons"}
    body: dict[str, Any] = {}
    for name, raw in pairs:
        value = raw.strip()
        if name not in model.model_fields or value == "":
            continue
        if name == "claims":
            doc, _, claim = value.partition("/")
            body.setdefault(name, []).append([doc, claim])
        elif name == "reasons":
            body.setdefault(name, []).extend(x.strip() for x in value.splitlines() if x.strip())
        elif name in ("incidents", "into", "version", "seen"):
            num = _num(value, name, int)
            if name in multi:
                body.setdefault(name, []).append(num)
            else:
                body[name] = num
        else:
            body[name] = value
    return json.dumps(body, ensure_ascii=False).encode()
