"""Read one role of a sentence's claims, as ``tests/role_cases.py`` names them."""

from __future__ import annotations

from typing import Any

import claimweave


def _claims(sentence: str) -> list[dict[str, Any]]:
    rec = claimweave.extract(sentence, published="2024-01-15")
    return list(rec["claims"])


def _names(refs: list[dict[str, Any] | None]) -> list[str]:
    return [r["name"] for r in refs if r]


def observed(sentence: str, role: str) -> Any:
    """What claimweave says of ``role`` in ``sentence`` (a list of candidates, or a value)."""
    claims = _claims(sentence)
    if role == "perpetrator":
        return _names([c["actor"] for c in claims if c["kind"] != "accusation"]
                      + [c["actor"] for c in claims if c["kind"] == "accusation"])
    if role == "target":
        return [t["text"] for c in claims for t in c.get("targets", [])] + _names(
            [c["target"] for c in claims])
    if role == "victim_name":
        return [v["name"] for c in claims for v in c.get("named_victims", [])]
    if role == "victim_role":
        return [v["role"] for c in claims for v in c.get("named_victims", [])] + [
            v["type"] for c in claims for v in c["victims"]]
    if role == "weapon":
        return [c["weapon"] for c in claims if c["weapon"]]
    if role == "claimant":
        return _names([c["claimant"] for c in claims])
    if role == "source":
        return _names([s for c in claims for s in c["sources"]])
    if role == "kind":
        return [c["kind"] for c in claims]
    if role == "killed_max":
        tops = [v["max"] if v["max"] is not None else v["min"] for c in claims
                for v in c["victims"] if v["outcome"] in ("killed", "dead") and c.get("scope") != "background"]
        return max((t for t in tops if t is not None), default=None)
    if role == "background":
        return any(c.get("scope") == "background" for c in claims)
    raise ValueError(role)


def matches(role: str, expected: Any, got: Any) -> bool:
    if role in ("killed_max", "background"):
        return bool(got == expected)
    if expected is None:
        return not got
    exp = str(expected).lower()
    if role == "weapon":
        return any(exp in str(g).lower().replace("_", " ") or str(g).lower().replace("_", " ") in exp
                   for g in got)
    if role == "victim_role":
        aliases = {"civilian": {"civilian", "civilians"}, "child": {"child", "children"},
                   "soldier": {"soldier", "soldiers"}, "fighter": {"fighter", "fighters"},
                   "police": {"police"}}
        return any(str(g).lower() in aliases.get(exp, {exp}) for g in got)
    return any(exp == str(g).lower() or (role in ("perpetrator", "target", "claimant", "source")
                                          and (exp in str(g).lower() or str(g).lower() in exp)
                                          and len(str(g)) >= 3)
               for g in got)
