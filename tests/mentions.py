"""Checks shared by the annotator tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def assert_spans(text: str, mentions: Sequence[Any], base: int) -> None:
    """Each mention's offsets, less ``base``, cut its own text out of ``text``; sorted, no overlap."""
    for m in mentions:
        assert text[m.start - base:m.end - base] == m.text
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))
