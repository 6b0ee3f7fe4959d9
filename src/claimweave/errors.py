"""The error catalogue: every user-facing failure has a stable code.

Codes are never reused or renumbered; add new ones at the end of their block.
"""

from __future__ import annotations

from enum import StrEnum


class Errors(StrEnum):
    # E0xx: arguments and configuration
    E001 = "No input paths given."
    E002 = "Path does not exist: {path}"
    E003 = "Unknown format {format!r}; choose one of {choices}."
    E004 = "Cannot open the ledger {db}: {reason}"
    E005 = "The ledger {db} was written by a newer claimweave (schema version {found} > {known})."
    E006 = "Bad arguments: {reason}"
    E007 = "The spaCy pipeline {name}=={version} is not installed ({reason}); run scripts/setup.sh."
    E008 = "Accounts: {reason}"
    # E1xx: reading input documents
    E101 = "{path}: file is empty."
    E102 = "{path}: looks binary ({reason}); not a text document."
    E103 = "{path}: cannot decode text ({reason})."
    E104 = "{path}: file is larger than the limit of {limit} bytes."
    E105 = "{path}: line {line}: not valid JSON ({reason})."
    E106 = "{path}: line {line}: JSON record has neither 'text' nor 'html'."
    E107 = "{path}: table has no text column (looked for {columns})."
    E108 = "{path}: cannot read ({reason})."
    E109 = "{path}: document has no text after extraction."
    E110 = "{path}: unsupported file type {suffix!r}; claimweave reads {supported}."
    E111 = "{path}{where}: not a usable gazetteer file ({reason})."
    E112 = "{path}: {kind} is encrypted ({reason}); save an unprotected copy to read it."
    E113 = "{path}: no column {column!r} ({option}); the header has {columns}."
    # E2xx: processing
    E201 = "{path}: extraction failed ({reason})."
    # E3xx: evaluation
    E301 = "{path}: not a FA-KES CSV (missing columns {columns})."

    def format(self, **kwargs: object) -> str:  # type: ignore[override]
        return f"[{self.name}] " + self.value.format(**kwargs)


class ClaimweaveError(Exception):
    """An error with a catalogue code; ``str()`` gives ``[Exxx] message``."""

    def __init__(self, code: Errors, **kwargs: object) -> None:
        self.code = code
        self.params = kwargs
        super().__init__(code.format(**kwargs))


class InputError(ClaimweaveError):
    """A document could not be read. The run reports it and goes on."""
