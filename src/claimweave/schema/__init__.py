"""The claimweave/1 contract as a JSON Schema file, and a validator for records.

    from claimweave.schema import contract_errors, validate
    validate(record_dict)                      # raises ContractError listing every problem
    contract_errors(record_dict, text=doc.text)  # [] when the record keeps the contract

``claimweave-1.schema.json`` (beside this module, shipped as package data) says what JSON Schema
can say: required fields, types, enumerations, ISO days, null for unknown. :func:`contract_errors`
adds what it cannot: unit ids are unique, a unit's ``parent`` and a claim's ``unit_id`` name a
unit of the record, ``start <= end`` (units, places, claims and a claim's targets and named
victims), victims' ``min <= max``, and, when the decoded ``text`` is given, every offset lies
inside it, a claim's ``text`` is exactly ``text[start:end]`` and the
document's ``sha256`` is that of the text's UTF-8.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from typing import Any

SCHEMA_FILE = "claimweave-1.schema.json"

__all__ = ["SCHEMA_FILE", "ContractError", "contract_errors", "load_schema", "schema_errors",
           "validate"]


class ContractError(ValueError):
    """A record breaks the claimweave/1 contract; ``errors`` lists every problem found."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("; ".join(errors[:5]) + (f" (+{len(errors) - 5} more)" if len(errors) > 5 else ""))


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The JSON Schema of claimweave/1 (draft 2020-12), as a dict."""
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_errors(record: Any) -> list[str]:
    """JSON Schema violations of ``record``, each as ``"<json path>: <message>"``."""
    errors = sorted(_validator().iter_errors(record), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{e.json_path}: {e.message}" for e in errors]


def _span(where: str, item: dict[str, Any], n: int | None) -> list[str]:
    s, e = item.get("start"), item.get("end")
    if not isinstance(s, int) or not isinstance(e, int):
        return []  # reported by the schema
    if s > e:
        return [f"{where}: start {s} > end {e}"]
    if n is not None and e > n:
        return [f"{where}: end {e} is past the end of the text ({n})"]
    return []


def _semantic(record: dict[str, Any], text: str | None) -> list[str]:
    out: list[str] = []
    n = None if text is None else len(text)
    units = [u for u in record.get("units", []) if isinstance(u, dict)]
    ids = [u.get("id") for u in units]
    seen: set[Any] = set()
    for i, uid in enumerate(ids):
        if uid in seen:
            out.append(f"$.units[{i}]: duplicate unit id {uid!r}")
        seen.add(uid)
    for i, u in enumerate(units):
        out += _span(f"$.units[{i}]", u, n)
        if u.get("parent") is not None and u.get("parent") not in seen:
            out.append(f"$.units[{i}]: parent {u.get('parent')!r} is not a unit of the record")
    for i, p in enumerate(record.get("places", [])):
        if isinstance(p, dict):
            out += _span(f"$.places[{i}]", p, n)
    for i, c in enumerate(record.get("claims", [])):
        if not isinstance(c, dict):
            continue
        where = f"$.claims[{i}]"
        out += _span(where, c, n)
        if c.get("unit_id") not in seen:
            out.append(f"{where}: unit_id {c.get('unit_id')!r} is not a unit of the record")
        s, e = c.get("start"), c.get("end")
        if (text is not None and isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text)
                and c.get("text") != text[s:e]):
            out.append(f"{where}: text is not text[{s}:{e}]")
        for field in ("targets", "named_victims"):
            items = c.get(field)
            for j, t in enumerate(items if isinstance(items, list) else []):
                if isinstance(t, dict):
                    out += _span(f"{where}.{field}[{j}]", t, n)
        for j, v in enumerate(c.get("victims", []) or []):
            lo, hi = (v.get("min"), v.get("max")) if isinstance(v, dict) else (None, None)
            if isinstance(lo, int) and isinstance(hi, int) and lo > hi:
                out.append(f"{where}.victims[{j}]: min {lo} > max {hi}")
    doc = record.get("document")
    if text is not None and isinstance(doc, dict):
        sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        if doc.get("sha256") != sha:
            out.append("$.document.sha256: not the sha256 of the text")
    return out


def contract_errors(record: Any, text: str | None = None) -> list[str]:
    """Every way ``record`` breaks claimweave/1 (schema first, then the cross-field rules)."""
    errors = schema_errors(record)
    if isinstance(record, dict):
        errors += _semantic(record, text)
    return errors


def validate(record: Any, text: str | None = None) -> None:
    """Raise :class:`ContractError` unless ``record`` keeps the claimweave/1 contract."""
    errors = contract_errors(record, text)
    if errors:
        raise ContractError(errors)
