"""Extension points, as pluggy hook specifications (in the manner of datasette's hookspecs).

A plugin is a module or object with functions named like these and marked with
``claimweave.hookspecs.hookimpl``; it is found through the ``claimweave`` entry-point group of
an installed package, or registered with ``claimweave.plugins.pm.register(obj)``. Built-in
behaviour is registered the same way, as default plugins (see ``claimweave.plugins``).
"""

from __future__ import annotations

from typing import Any

import pluggy

hookspec = pluggy.HookspecMarker("claimweave")
hookimpl = pluggy.HookimplMarker("claimweave")


@hookspec
def claimweave_readers() -> dict[str, Any]:  # type: ignore[empty-body]
    """Ingest readers by file suffix (".txt", ".warc.gz", ...): ``reader(path, label, options)``
    yields ``Document`` or ``InputError`` values. A plugin's suffix wins over a built-in one."""


@hookspec
def claimweave_extra_claims(document: Any, units: Any, annotations: Any) -> list[Any]:  # type: ignore[empty-body]
    """More claims for one document (frozen ``Claim`` values with ``id=""``; ids are given after).
    Called once per document after the built-in extractors, with the document's units and
    annotations; return an empty list for nothing."""
