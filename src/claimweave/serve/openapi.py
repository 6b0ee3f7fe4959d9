"""The OpenAPI 3.1 document of the JSON API (served at ``/api/openapi.json``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from .queries import GRADES, MAX_LIMIT, REVIEW_STATES, SORTS


def _q(name: str, desc: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": desc, "schema": schema}


FILTERS = [
    _q("from", "incidents whose date ends on or after this day", {"type": "string", "format": "date"}),
    _q("to", "incidents whose date starts on or before this day", {"type": "string", "format": "date"}),
    _q("place", "place name contains (incident or any of its claims)", {"type": "string", "maxLength": 200}),
    _q("actor", "actor name or side contains, or actor id equals", {"type": "string", "maxLength": 200}),
    _q("grade", "incident grade", {"type": "string", "enum": list(GRADES)}),
    _q("min_count", "at least this many killed (largest stated)", {"type": "integer", "minimum": 0,
                                                                  "maximum": 10**9}),
    _q("q", "full-text search over the incident's claims (every word)", {"type": "string", "maxLength": 200}),
    *(_q(k, d, {"type": "string", "maxLength": 200}) for k, d in (
        ("at", "the incident's place name equals"),
        ("governorate", "governorate equals (approximate, from the place's coordinates)"),
        ("district", "district equals (approximate)"), ("side", "one of its actors' sides equals"),
        ("outlet", "one of its sources (outlet, author or file name) equals"))),
    _q("review", "review state", {"type": "string", "enum": list(REVIEW_STATES)}),
    _q("month", "its date starts in this month", {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}),
]
PAGING = [
    _q("sort", "sort key", {"type": "string", "enum": list(SORTS)}),
    _q("order", "sort order", {"type": "string", "enum": ["asc", "desc"]}),
    _q("limit", "page size", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}),
    _q("offset", "first item", {"type": "integer", "minimum": 0, "maximum": 10**9}),
]
ERROR_TEXT = {"400": "bad parameter or request body", "401": "no valid bearer token",
              "403": "read-only workbench (started without --write), or the account's role may not "
                     "do this", "404": "not found",
              "409": "stale version: someone decided since the version given", "413": "body too large"}


def _errors(*codes: str) -> dict[str, Any]:
    return {s: {"description": ERROR_TEXT[s], "content": {"application/json": {"schema": {
        "$ref": "#/components/schemas/Error"}}}} for s in codes}


ERRORS = _errors("400", "404")
BEARER: list[dict[str, list[str]]] = [{"bearer": []}]
REVIEW_STATE: dict[str, Any] = {
    "type": "object", "required": ["status", "by", "at", "note", "version"],
    "description": "A claim's review: 'machine' until a person decides; then the latest decision.",
    "properties": {"status": {"type": "string", "enum": ["machine", "confirmed", "corrected", "rejected"]},
                   "by": {"type": ["string", "null"]}, "at": {"type": ["string", "null"]},
                   "note": {"type": ["string", "null"]},
                   "version": {"type": "integer", "minimum": 0,
                               "description": "decisions so far; send it back to detect a stale view"}}}
VALUES: dict[str, Any] = {
    "type": "object", "description": "The fields a person may correct",
    "required": ["kind", "claimant", "actor", "target", "victims", "place", "date"],
    "properties": {"kind": {"type": "string"}, "claimant": {"type": ["string", "null"]},
                   "actor": {"type": ["string", "null"]}, "target": {"type": ["string", "null"]},
                   "victims": {"type": "array", "items": {"type": "object"}},
                   "place": {"type": ["object", "null"]}, "date": {"type": ["object", "null"]}}}
AUDIT_ROW: dict[str, Any] = {
    "type": "object", "required": ["id", "at", "user", "action", "target_type", "target_id"],
    "properties": {"id": {"type": "integer"}, "at": {"type": "string"}, "user": {"type": "string"},
                   "action": {"type": "string"}, "target_type": {"type": "string"},
                   "target_id": {"type": "string"}, "before": {"type": ["object", "null"]},
                   "after": {"type": ["object", "null"]}, "note": {"type": ["string", "null"]}}}


def _model_schemas() -> dict[str, Any]:
    """The incident decision bodies' schemas from their pydantic models."""
    from .models import AssessIn, BulkIn, MergeIn, NoteIn, SplitIn

    return {m.__name__: m.model_json_schema(ref_template="#/components/schemas/{model}")
            for m in (AssessIn, BulkIn, MergeIn, NoteIn, SplitIn)}


def _incident_decision(what: str, op: str, body: str, answer: dict[str, Any]) -> dict[str, Any]:
    return {"post": {
        "summary": what, "operationId": op, "security": BEARER,
        "parameters": [_path_param("incident_id", {"type": "integer", "minimum": 1})],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "$ref": f"#/components/schemas/{body}"}}}},
        "responses": {"200": {"description": "the incident(s) after the decision", "content": {
            "application/json": {"schema": answer}}},
            **_errors("400", "401", "403", "404", "409", "413")}}}


def _review_request() -> tuple[dict[str, Any], dict[str, Any]]:
    """The review body's schema from its pydantic model, and the models it refers to."""
    from .models import ReviewIn

    schema = ReviewIn.model_json_schema(ref_template="#/components/schemas/{model}")
    defs = schema.pop("$defs", {})
    return schema, defs


def _ok(desc: str, schema: dict[str, Any], media: str = "application/json") -> dict[str, Any]:
    return {"200": {"description": desc, "content": {media: {"schema": schema}}}, **ERRORS}


def _path_param(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": schema}


OBJ: dict[str, Any] = {"type": "object"}
NULLABLE_STR: dict[str, Any] = {"type": ["string", "null"]}


@cache
def openapi() -> dict[str, Any]:
    export = {"get": {
        "summary": "The filtered incidents as CSV, JSON Lines or GeoJSON",
        "operationId": "exportIncidents",
        "parameters": [_path_param("fmt", {"type": "string", "enum": ["csv", "jsonl", "geojson"]}),
                       *FILTERS, *PAGING[:2],
                       {"name": "reviewed_only", "in": "query", "required": False,
                        "description": "1: only incidents a person assessed or whose every claim "
                                       "a person confirmed or corrected",
                        "schema": {"type": "string", "enum": ["", "0", "1", "true", "false"]}}],
        "responses": {"200": {"description": "the export", "content": {
            "text/csv": {"schema": {"type": "string"}},
            "application/x-ndjson": {"schema": {"type": "string"}},
            "application/geo+json": {"schema": OBJ}}}, **ERRORS}}}
    review_schema, review_defs = _review_request()
    return {
        "openapi": "3.1.0",
        "info": {"title": "claimweave workbench API", "version": "1",
                 "description": "JSON API over a claimweave ledger: read-only, except reviews "
                                "when started with --write (Authorization: Bearer TOKEN of a "
                                "reviewer or admin). Every error is "
                                '{"error": {"code": ..., "message": ...}}.'},
        "paths": {
            "/api/incidents": {"get": {
                "summary": "Incidents matching the filter", "operationId": "listIncidents",
                "parameters": FILTERS + PAGING,
                "responses": _ok("a page of incident summaries", {
                    "type": "object", "required": ["total", "items"],
                    "properties": {"total": {"type": "integer"}, "offset": {"type": "integer"},
                                   "limit": {"type": "integer"},
                                   "items": {"type": "array", "items": {
                                       "$ref": "#/components/schemas/IncidentSummary"}}}})}},
            "/api/incidents/{incident_id}": {"get": {
                "summary": "One incident: its record and its claims side by side",
                "operationId": "getIncident",
                "parameters": [_path_param("incident_id", {"type": "integer", "minimum": 1})],
                "responses": _ok("the incident", {"$ref": "#/components/schemas/IncidentDetail"})}},
            "/api/incidents/{incident_id}/assess": _incident_decision(
                "A person's grade and reasons for the incident, with a note (reviewer or admin; "
                "--write); the linker's grade stays in the record, the person's is `assessment`",
                "assessIncident", "AssessIn", {"$ref": "#/components/schemas/IncidentDetail"}),
            "/api/incidents/{incident_id}/merge": _incident_decision(
                "Move every claim of this incident into incident `into` and grade it again; this "
                "one leaves the list (reviewer or admin; --write). The linker never undoes it.",
                "mergeIncident", "MergeIn", {"$ref": "#/components/schemas/IncidentDetail"}),
            "/api/incidents/{incident_id}/split": _incident_decision(
                "Move the listed claims ([document, claim] pairs) into a new incident; grade both "
                "(reviewer or admin; --write)", "splitIncident", "SplitIn", {
                    "type": "object", "required": ["incident", "new"], "properties": {
                        "incident": {"$ref": "#/components/schemas/IncidentDetail"},
                        "new": {"$ref": "#/components/schemas/IncidentDetail"}}}),
            "/api/incidents/{incident_id}/note": _incident_decision(
                "A note on the incident without a decision (reviewer or admin; --write): an "
                "audit row incident.note, shown on the incident page and its history",
                "noteIncident", "NoteIn", {"$ref": "#/components/schemas/AuditRow"}),
            "/api/incidents/bulk-review": {"post": {
                "summary": "Confirm or reject every claim of the listed incidents in one "
                           "transaction (reviewer or admin; --write); a claim already at that "
                           "status is left alone. `seen`: the newest audit id the caller saw; a "
                           "decision on these incidents or their claims since answers 409.",
                "operationId": "bulkReview", "security": BEARER,
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/BulkIn"}}}},
                "responses": {"200": {"description": "how many claims were decided", "content": {
                    "application/json": {"schema": {
                        "type": "object", "required": ["incidents", "decided", "unchanged"],
                        "properties": {"incidents": {"type": "integer"},
                                       "decided": {"type": "integer"},
                                       "unchanged": {"type": "integer"}}}}}},
                    **_errors("400", "401", "403", "404", "409", "413")}}},
            "/api/timeline": {"get": {
                "summary": "Incidents per period (every period from the first to the last, empty ones "
                           "too) by belligerent, for the filter",
                "operationId": "getTimeline", "parameters": [*FILTERS, _q(
                    "bucket", "bar width (auto: by the span)", {"type": "string", "enum": [
                        "auto", "day", "week", "month", "year"]})],
                "responses": _ok("the timeline", {
                    "type": "object", "properties": {
                        "bucket": {"type": "string", "enum": ["day", "week", "month", "year"]},
                        "weeks": {"type": "array", "items": OBJ},
                        "belligerents": {"type": "array", "items": {"type": "string"}},
                        "undated": {"type": "integer"}}})}},
            "/api/map": {"get": {
                "summary": "The filtered incidents grouped by place (the first 30 of each), and "
                           "the extent to fit (places in Syria, Iraq and neighbours if any)",
                "operationId": "getMap", "parameters": FILTERS,
                "responses": _ok("places and extent", {
                    "type": "object", "required": ["total", "places"], "properties": {
                        "total": {"type": "integer"}, "unplaced": {"type": "integer"},
                        "outside": {"type": "integer"},
                        "bounds": {"type": ["array", "null"], "items": {"type": "array"}},
                        "places": {"type": "array", "items": OBJ}}})}},
            "/api/documents/{doc}": {"get": {
                "summary": "A document: text, units, claims, persuasion marks, framing terms",
                "operationId": "getDocument",
                "parameters": [_path_param("doc", {"type": "string", "maxLength": 200})],
                "responses": _ok("the document", {"type": "object", "properties": {
                    "claims": {"type": "array", "items": {"$ref": "#/components/schemas/Claim"}}}})}},
            "/api/documents/{doc}/claims/{claim}/review": {"post": {
                "summary": "Confirm, reject or correct a claim (a reviewer or admin; --write)",
                "description": "The machine's extraction is never changed: the decision is a row "
                               "of the audit, and the claim's current values are those of its "
                               "latest decision. Fields given in a correction replace the current "
                               "ones; null clears actor, target, claimant, place or date.",
                "operationId": "reviewClaim", "security": BEARER,
                "parameters": [_path_param("doc", {"type": "string", "maxLength": 200}),
                               _path_param("claim", {"type": "string", "maxLength": 200})],
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/ReviewIn"}}}},
                "responses": {"200": {"description": "the claim at its new current values",
                                      "content": {"application/json": {"schema": {
                                          "$ref": "#/components/schemas/Claim"}}}},
                              **_errors("400", "401", "403", "404", "409", "413")}}},
            "/api/audit": {"get": {
                "summary": "The audit of decisions, newest first (reviewers and admins)",
                "operationId": "listAudit", "security": BEARER,
                "parameters": [PAGING[2], PAGING[3],
                               _q("target_type", "only decisions on this kind of target (claim, user)",
                                  {"type": "string", "maxLength": 40}),
                               _q("target_id", "only decisions on this target", {"type": "string",
                                                                               "maxLength": 400})],
                "responses": {"200": {"description": "a page of the audit", "content": {
                    "application/json": {"schema": {
                        "type": "object", "required": ["total", "items"], "properties": {
                            "total": {"type": "integer"}, "offset": {"type": "integer"},
                            "limit": {"type": "integer"},
                            "items": {"type": "array", "items": {
                                "$ref": "#/components/schemas/AuditRow"}}}}}}},
                    **_errors("400", "401", "403")}}},
            "/api/audit/export.{fmt}": {"get": {
                "summary": "The whole audit, oldest first, as CSV (before and after as JSON text) "
                           "or JSON Lines (reviewers and admins)",
                "operationId": "exportAudit", "security": BEARER,
                "parameters": [_path_param("fmt", {"type": "string", "enum": ["csv", "jsonl"]})],
                "responses": {"200": {"description": "the audit", "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    "application/x-ndjson": {"schema": {"type": "string"}}}},
                    **_errors("401", "403", "404")}}},
            "/api/sources": {"get": {
                "summary": "Per outlet or account: claims, incidents, corroborated, contradicted",
                "operationId": "listSources",
                "responses": _ok("the sources", {"type": "object", "properties": {
                    "items": {"type": "array", "items": OBJ}}})}},
            "/api/search": {"get": {
                "summary": "Full-text search over documents and claims (FTS5)",
                "operationId": "search",
                "parameters": [_q("q", "words, all of which must match",
                                  {"type": "string", "maxLength": 200})],
                "responses": _ok("hits; each snippet is a list of {text, hit} pieces", OBJ)}},
            "/api/export/incidents.{fmt}": export,
            "/api/openapi.json": {"get": {
                "summary": "This document", "operationId": "openapi",
                "responses": {"200": {"description": "OpenAPI 3.1", "content": {
                    "application/json": {"schema": OBJ}}}}}},
        },
        "components": {"securitySchemes": {"bearer": {
            "type": "http", "scheme": "bearer",
            "description": "a token printed by `claimweave users add`"}}, "schemas": {
            **review_defs, "ReviewIn": review_schema, **_model_schemas(),
            "IncidentDetail": {
                "type": "object", "required": ["incident", "summary", "claims", "assessment", "version"],
                "properties": {"incident": OBJ, "summary": {
                    "$ref": "#/components/schemas/IncidentSummary"},
                    "claims": {"type": "array", "items": {"$ref": "#/components/schemas/Claim"}},
                    "assessment": {"type": ["object", "null"], "description":
                                   "a person's grade and reasons (latest), or null",
                                   "properties": {"grade": {"type": "string", "enum": list(GRADES)},
                                                  "reasons": {"type": "array", "items": {
                                                      "type": "string"}},
                                                  "by": {"type": "string"}, "at": {"type": "string"},
                                                  "note": {"type": ["string", "null"]}}},
                    "version": {"type": "integer", "minimum": 0,
                                "description": "decisions on this incident so far"}}}, "Review": REVIEW_STATE, "AuditRow": AUDIT_ROW,
            "Values": VALUES,
            "Error": {"type": "object", "required": ["error"], "additionalProperties": False,
                      "properties": {"error": {
                          "type": "object", "required": ["code", "message"],
                          "additionalProperties": False,
                          "properties": {"code": {"type": "string"},
                                         "message": {"type": "string"}}}}},
            "Claim": {"type": "object", "description":
                      "A claim (more fields than listed). An actor outside the knowledge base is "
                      "shown by its name with its entity type (PERSON, ORG, NORP, GPE or generic); "
                      "the entity types are null for knowledge-base actors.",
                      "properties": {
                          "kind": {"type": "string"}, "text": {"type": "string"},
                          "claimant": NULLABLE_STR, "actor": NULLABLE_STR,
                          "claimant_entity_type": NULLABLE_STR, "actor_entity_type": NULLABLE_STR,
                          "target_entity_type": NULLABLE_STR,
                          "targets": {"type": "array", "items": {
                              "type": "object", "required": ["text", "type", "start", "end"],
                              "properties": {"text": {"type": "string"}, "type": {"type": "string"},
                                             "start": {"type": "integer"},
                                             "end": {"type": "integer"}}}},
                          "named_victims": {"type": "array", "items": {
                              "type": "object", "required": ["name", "role", "outcome", "start", "end"],
                              "properties": {"name": {"type": "string"}, "role": NULLABLE_STR,
                                             "outcome": {"type": "string"},
                                             "start": {"type": "integer"},
                                             "end": {"type": "integer"}}}},
                          "scope": {"type": "string", "enum": ["incident", "background"]},
                          "event": NULLABLE_STR,
                          "values": {"$ref": "#/components/schemas/Values"},
                          "machine": {"$ref": "#/components/schemas/Values"},
                          "review": {"$ref": "#/components/schemas/Review"}}},
            "IncidentSummary": {"type": "object", "required": ["id", "grade"], "properties": {
                "id": {"type": "integer"}, "grade": {"type": "string", "enum": list(GRADES)},
                "date_start": {"type": ["string", "null"]}, "date_end": {"type": ["string", "null"]},
                "place": {"type": ["string", "null"]}, "lat": {"type": ["number", "null"]},
                "lon": {"type": ["number", "null"]}, "precision": {"type": ["string", "null"]},
                "count": {"type": ["integer", "null"]}, "belligerent": {"type": "string"},
                "claims": {"type": "integer"}, "contradictions": {"type": "integer"}}},
        }},
    }
