"""A plain-text table of claims for the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

COLUMNS = (("doc", 14), ("kind", 9), ("claimant", 18), ("via", 16), ("actor", 16),
           ("victims", 22), ("place", 14), ("date", 10), ("evidence", 0))


def _cell(v: Any, w: int) -> str:
    s = " ".join(str(v if v is not None else "–").split())
    return s if len(s) <= w else s[: max(w - 1, 0)] + "…"


def render_claims(rows: Sequence[Any], width: int = 120) -> str:
    fixed = sum(w + 1 for _, w in COLUMNS if w)
    ev_w = max(width - fixed, 20)
    widths = [w or ev_w for _, w in COLUMNS]
    head = " ".join(n.upper().ljust(w) for (n, _), w in zip(COLUMNS, widths, strict=True))
    lines = [head.rstrip(), "-" * min(width, len(head))]
    for r in rows:
        vals = _values(r)
        lines.append(" ".join(_cell(v, w).ljust(w) for v, w in zip(vals, widths, strict=True)).rstrip())
    lines.append(f"{len(rows)} claims")
    return "\n".join(lines)


def _values(r: Any) -> list[Any]:
    g = r.get
    doc = g("path") or g("document_id")
    if isinstance(doc, str) and "/" in doc:
        doc = doc.rsplit("/", 1)[-1]
    return [doc, g("kind"), g("claimant"), g("sources"), g("actor"),
            g("victims_summary"), g("place"), g("date_start"), g("text")]
