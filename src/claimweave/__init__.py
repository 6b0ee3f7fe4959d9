"""claimweave: an evidence-linked ledger of claims from conflict reporting.

    >>> import claimweave
    >>> rec = claimweave.extract("Twelve civilians died in Douma on 3 May, medics said.")
    >>> rec["schema"]
    'claimweave/1'
"""

from __future__ import annotations

from typing import Any

# The stage package ``claimweave.extract`` shares its name with the function below. Importing it
# first means the import system has already bound it, so the function defined after it is what
# ``claimweave.extract`` stays (the stage remains importable as ``claimweave.extract`` modules).
from . import extract as _extract_stage  # noqa: F401

__version__ = "0.1.0"
__all__ = ["extract", "__version__"]


def extract(
            text: str, *, path: str | None = None, title: str | None = None,
            outlet: str | None = None, author: str | None = None,
            published: str | None = None, options: Any = None) -> dict[str, Any]:
    """Run the whole per-document pipeline on ``text`` and return its claimweave/1 record."""
    from .pipeline import make_document, run
    from .record import to_dict

    doc = make_document(text, path=path, title=title, outlet=outlet, author=author,
                        published=published)
    return to_dict(run(doc, options))
