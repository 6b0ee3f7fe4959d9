"""Denials and non-confirmations: "the coalition denied striking the hospital", "SOHR didn't
report any casualties", "l'armée turque dément". They are claims too (kind ``denial``) and count
against an incident when claims are linked.

The claimant is the actor named before the denial verb (else the unit's claimant, given by the
caller); the actor is the one whose action is denied: the first actor named after the verb, else
the denier itself ("the Pentagon denied" denies its own strike).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import ActorMention, Claim, Ref

DENIAL = re.compile(
    r"(?i)\b(?:denie[sd]|deny(?:ing)?|rejected|rejects|refuted|refutes|dismissed\s+(?:the\s+)?"
    r"(?:claims?|reports?|allegations?)|(?:did|does|do)\s*(?:n[o’']t|\s+not)\s+(?:report|confirm|"
    r"record|document)|(?:could|would)\s*(?:n[o’']t|\s+not)\s+(?:confirm|verify)|no\s+(?:civilians?|"
    r"one|casualties)\s+(?:were|was|had\s+been)\s+(?:killed|hurt|harmed|injured|poisoned)|"
    r"(?:was|were)\s+(?:staged|fabricated)|dément|démenti|nie\s+avoir|a\s+nié|rejette)\b")


# "did not deny", "to deny Daesh the ability to move": no denial of an event.
_NOT_A_DENIAL = re.compile(
    r"(?i)(?:\b(?:not|never|n[’']t)\s+den(?:y|ied|ies)\b|\bto\s+deny\s+(?:\w+\s+){1,3}?(?:the|any|its|their)\s+"
    r"(?:ability|access|use|chance|opportunity|freedom|capacity|means))")


def is_denial(sentence: str) -> bool:
    return DENIAL.search(sentence) is not None


def find_denial(text: str, start: int, end: int, actors: Sequence[ActorMention],
                claimant: Ref | None = None) -> Claim | None:
    """A ``denial`` claim for the sentence ``text[start:end]``, or None; ``actors`` are its
    actor mentions (document offsets). The caller sets ``id``, ``unit_id``, place and date."""
    m = DENIAL.search(text, start, end)
    while m is not None and _NOT_A_DENIAL.search(text, max(start, m.start() - 12), m.end() + 40):
        m = DENIAL.search(text, m.end(), end)
    if m is None:
        return None
    before = [a for a in actors if a.end <= m.start()]
    after = [a for a in actors if a.start >= m.end()]
    denier = Ref(before[-1].name, before[-1].actor_id) if before else claimant
    denied = Ref(after[0].name, after[0].actor_id) if after else denier
    return Claim(id="", unit_id="", kind="denial", start=start, end=end, text=text[start:end],
                 claimant=denier, actor=denied)
