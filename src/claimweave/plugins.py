"""The plugin manager: built-in default plugins plus any installed ``claimweave`` entry points."""

from __future__ import annotations

from functools import lru_cache

import pluggy

from . import hookspecs

DEFAULT_PLUGINS = ("claimweave.ingest.defaults", "claimweave.scale.readers")


@lru_cache(maxsize=1)
def manager() -> pluggy.PluginManager:
    import importlib

    pm = pluggy.PluginManager("claimweave")
    pm.add_hookspecs(hookspecs)
    for name in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    pm.load_setuptools_entrypoints("claimweave")
    return pm
