"""One options object for the pipeline (pydantic stays at the edges; this is the core)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    detect_language: bool = True  # language per unit (lingua); off makes ``lang`` null
    annotate_boilerplate: bool = False  # mention-finding in chrome, captions of widgets etc.
    frames: bool = True  # persuasion techniques, framing vocabulary, unit register
    parse: bool = True  # the statistical parse (spaCy) under the rules: open-world roles
