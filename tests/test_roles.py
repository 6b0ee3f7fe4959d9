"""Roles per sentence across wars (``tests/role_cases.py``, written by the team).

Each case is one named sentence and one role. Cases claimweave does not get right yet are strict
expected failures listed in ``KNOWN_GAPS``: when one starts to pass the suite fails, and it must
leave the list (the README's figure is the count of passing cases).
"""

from __future__ import annotations

import pytest

from role_cases import ROLE_CASES
from roles import matches, observed

KNOWN_GAPS: frozenset[str] = frozenset({
    "ages_are_not_counts",
    "aid_worker_role",
    "french_named_victim_shot",
    "french_pronoun_il_resolved_to_antecedent",
    "french_selon_object_is_source",
    "french_wagner_is_perpetrator",
    "lowercase_gas_cylinder_bombs_are_weapon",
    "lowercase_guerrilla_group_is_perpetrator",
    "lowercase_held_officer_named_victim",
    "policemen_are_police",
    "pronoun_he_said_resolved_to_antecedent",
    "quoted_by_agency_is_source",
    "uppercase_wire_group_is_perpetrator",
})


@pytest.mark.parametrize(
    ("sentence", "role", "expected"),
    [pytest.param(s, r, e, id=cid, marks=[pytest.mark.xfail(strict=True, reason="known gap")]
                  if cid in KNOWN_GAPS else []) for cid, s, r, e in ROLE_CASES],
)
def test_role(sentence: str, role: str, expected: object) -> None:
    got = observed(sentence, role)
    assert matches(role, expected, got), (role, expected, got)


def test_case_ids_are_unique_and_gaps_exist() -> None:
    ids = [c[0] for c in ROLE_CASES]
    assert len(ids) == len(set(ids))
    assert set(ids) >= KNOWN_GAPS
