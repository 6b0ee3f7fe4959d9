"""The ``--db`` argument: a SQLite ledger file or a PostgreSQL URL (``postgresql://...``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

URL_PREFIXES = ("postgresql://", "postgres://")


class LedgerParam(click.ParamType):
    """A ``postgresql://`` / ``postgres://`` URL is passed on as a string; anything else is a
    file path (a ``Path``), which must exist when ``exists`` (commands that only read)."""

    name = "FILE|URL"

    def __init__(self, exists: bool = False) -> None:
        self.exists = exists
        self._path = click.Path(path_type=Path, exists=exists, dir_okay=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and value.startswith(URL_PREFIXES):
            return value
        return self._path.convert(value, param, ctx)


LEDGER = LedgerParam(exists=False)
LEDGER_EXISTING = LedgerParam(exists=True)
DB_HELP = "Ledger: a SQLite file, or a PostgreSQL URL postgresql://user@host:port/dbname."
