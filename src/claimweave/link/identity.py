"""Who an actor is, for linking: its knowledge-base id, or, for an actor outside the knowledge base
(``actor_id`` None), its normalised name.

    normalise_name("the  Rapid Support Forces") == "rapid support forces"
    actor_key("Rapid Support Forces", None) == actor_key("the Rapid Support Forces", None)

A null-id actor's key carries the prefix ``name:`` so that it never equals a knowledge-base id or
a side ("rapid support forces" is not the side of anything); its side is unknown (None), and two
unknown sides are never taken for the same side.
"""

from __future__ import annotations

import re

NAME_PREFIX = "name:"
# Leading articles (English, French): "the", "a", "an", "les", "la", "le", and the elided "l'".
_ARTICLE = re.compile(r"^(?:(?:the|an|a|les|la|le)\s+|l['’]\s*)", re.I)


def normalise_name(name: str | None) -> str:
    """Casefolded, spaces collapsed, leading articles stripped ("The  RSF" -> "rsf")."""
    s = " ".join((name or "").casefold().split())
    while True:
        stripped = _ARTICLE.sub("", s, count=1)
        if stripped == s or not stripped:
            return s
        s = stripped


def actor_key(name: str | None, actor_id: str | None) -> str | None:
    """The actor's identity: its knowledge-base id, else ``"name:" + normalise_name(name)``;
    None when there is neither."""
    if actor_id:
        return actor_id
    norm = normalise_name(name)
    return NAME_PREFIX + norm if norm else None


def perpetrator_key(name: str | None, actor_id: str | None, side: str | None) -> str | None:
    """What two claims must share to name the same perpetrator: the side of a knowledge-base actor
    (as before), else, for an actor outside the knowledge base, its name key. A knowledge-base
    actor without a side names no comparable perpetrator (None), as before."""
    if side:
        return side
    if actor_id:
        return None
    return actor_key(name, None)


def is_name_key(key: str | None) -> bool:
    return bool(key) and str(key).startswith(NAME_PREFIX)


__all__ = ["NAME_PREFIX", "actor_key", "is_name_key", "normalise_name", "perpetrator_key"]
