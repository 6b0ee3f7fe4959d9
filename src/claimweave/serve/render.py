"""Server-side HTML and SVG: the highlighted document, the map and the timeline.

Every piece of ledger text goes through :func:`esc`, character range by character range; no
document HTML is ever rendered and no URL from a document is ever placed in an attribute.
"""

from __future__ import annotations

import math
import re
from datetime import date as Date
from datetime import timedelta
from functools import cache
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

from .mapdata import BBOX, region

# C0/C1 controls (ANSI escapes included) become visible Control Pictures, one character for one,
# so offsets are unchanged and nothing reaches a terminal or the layout engine raw.
_CONTROLS = {c: chr(0x2400 + c) for c in range(0x20) if c not in (9, 10, 13)}
_CONTROLS.update({0x7F: "\u2421"})
_CONTROLS.update({c: "\ufffd" for c in range(0x80, 0xA0)})
_SAFE_ID = re.compile(r"[^A-Za-z0-9_-]")


def esc(text: object) -> Markup:
    """Escape for HTML text or a quoted attribute, with control characters made visible."""
    s = "" if text is None else str(text)
    return escape(s.translate(_CONTROLS))


def visible(value: object) -> object:
    """Jinja ``finalize``: control characters of plain strings made visible before escaping."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return value.translate(_CONTROLS)
    return value


# What an actor outside the knowledge base is, in words (its entity type from extraction).
ENTITY_LABELS = {"PERSON": "person", "ORG": "organisation", "NORP": "group", "GPE": "state or place",
                 "generic": "generic description"}


def entity_label(entity_type: object) -> str:
    """``"organisation, not in the knowledge base"`` for ``ORG``; "" for a knowledge-base actor."""
    if not entity_type:
        return ""
    return f"{ENTITY_LABELS.get(str(entity_type), str(entity_type))}, not in the knowledge base"


def safe_id(text: object) -> str:
    return _SAFE_ID.sub("_", str(text))[:64]


# -- document ----------------------------------------------------------------------------------
def _leaves(units: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    parents = {u["parent"] for u in units if u.get("parent")}
    leaves = sorted((u for u in units if u["id"] not in parents), key=lambda u: (u["start"], u["end"]))
    out: list[dict[str, Any]] = []
    pos = 0
    for u in leaves:
        s, e = max(u["start"], pos), min(u["end"], n)
        if s > pos:
            out.append({"id": None, "kind": "gap", "start": pos, "end": s, "speaker": None})
        if e > s:
            out.append({**u, "start": s, "end": e})
            pos = e
    if pos < n:
        out.append({"id": None, "kind": "gap", "start": pos, "end": n, "speaker": None})
    return out


def document_html(doc: dict[str, Any], focus: str | None = None) -> Markup:
    """The document's text by unit, with claims, persuasion marks and framing terms highlighted
    over their exact characters. Overlapping marks split the text into elementary ranges; each
    range is escaped and wrapped in one span whose classes name every mark over it."""
    text: str = doc["text"]
    n = len(text)
    marks: list[tuple[int, int, str, str, str | None]] = []  # start, end, class, title, claim id
    for c in doc["claims"]:
        cls = "claim" + (" focus" if focus is not None and c["id"] == focus else "")
        what = c["kind"] + (f", {c['event']}" if c.get("event") else "")
        marks.append((c["start"], c["end"], cls, f"claim {c['id']} ({what})", c["id"]))
    for f in doc["frames"]:
        marks.append((f["start"], f["end"], "frame", f"{f['technique']}: {f['reason'] or ''}", None))
    for t in doc["framing_terms"]:
        marks.append((t["start"], t["end"], "term", f"term for {t['concept']}: {t['term']}", None))
    marks = [(max(0, s), min(n, e), c, t, i) for s, e, c, t, i in marks if e > s and s < n]
    bounds = sorted({0, n} | {m[0] for m in marks} | {m[1] for m in marks})
    anchored: set[str] = set()
    parts: list[str] = []
    for u in _leaves(doc["units"], n):
        if u["kind"] == "gap" and not text[u["start"]:u["end"]].strip():
            continue  # the blank lines between units
        kind = safe_id(u["kind"])
        parts.append(f'<section class="unit kind-{kind}">')
        label = u["kind"] if u["kind"] != "gap" else "text outside units"
        parts.append(f'<div class="unit-meta"><span class="unit-kind">{esc(label)}</span>')
        if u.get("speaker"):
            parts.append(f' <span class="speaker">{esc(u["speaker"])}</span>')
        parts.append(f' <span class="offsets">{u["start"]}–{u["end"]}</span></div>')
        parts.append('<div class="unit-text" dir="auto">')
        cuts = [u["start"]] + [b for b in bounds if u["start"] < b < u["end"]] + [u["end"]]
        for a, b in zip(cuts, cuts[1:], strict=False):
            active = [m for m in marks if m[0] <= a and m[1] >= b]
            piece = esc(text[a:b])
            if not active:
                parts.append(str(piece))
                continue
            for m in active:
                if m[4] is not None and m[4] not in anchored:
                    anchored.add(m[4])
                    parts.append(f'<span class="anchor" id="claim-{safe_id(m[4])}"></span>')
            classes = " ".join(sorted({c for m in active for c in m[2].split()}))
            title = "; ".join(m[3] for m in active)
            parts.append(f'<span class="{classes}" title="{esc(title)}">{piece}</span>')
        parts.append("</div></section>")
    return Markup("".join(parts))


def snippet_html(pieces: list[dict[str, Any]]) -> Markup:
    return Markup("".join(f"<mark>{esc(p['text'])}</mark>" if p["hit"] else str(esc(p["text"]))
                          for p in pieces))


# -- map ------------------------------------------------------------------------------------------
W = 720.0
_KX = math.cos(math.radians((BBOX[1] + BBOX[3]) / 2))
_S = W / ((BBOX[2] - BBOX[0]) * _KX)
H = round((BBOX[3] - BBOX[1]) * _S, 1)
PX_PER_KM = _S / 111.2
# Radius of the uncertainty ring drawn around a mark, by the precision of its place (km).
PRECISION_KM = {"exact": 0, "village": 0, "city": 0, "district": 15, "governorate": 45,
                "region": 120, "country": 250}
LABELS = {"Syria", "Iraq", "Turkey", "Jordan", "Lebanon", "Iran", "Saudi Arabia"}


def project(lon: float, lat: float) -> tuple[float, float]:
    return round((lon - BBOX[0]) * _KX * _S, 1), round((BBOX[3] - lat) * _S, 1)


@cache
def _base_map() -> str:
    out = []
    for f in region()["features"]:
        d = []
        best: tuple[float, list[list[float]]] = (0.0, [])
        for poly in f["geometry"]["coordinates"]:
            for ring in poly:
                pts = [project(x, y) for x, y in ring]
                d.append("M" + "L".join(f"{x},{y}" for x, y in pts) + "Z")
            xs, ys = [p[0] for p in poly[0]], [p[1] for p in poly[0]]
            area = (max(xs) - min(xs)) * (max(ys) - min(ys))
            if area > best[0]:
                best = (area, poly[0])
        name = f["properties"]["name"]
        cls = "country focus-country" if name in ("Syria", "Iraq") else "country"
        out.append(f'<path class="{cls}" d="{"".join(d)}"><title>{esc(name)}</title></path>')
        if name in LABELS and best[1]:
            ring = best[1]
            lon = sum(p[0] for p in ring) / len(ring)
            lat = sum(p[1] for p in ring) / len(ring)
            x, y = project(lon, lat)
            if 0 < x < W and 0 < y < H:
                out.append(f'<text class="country-label" x="{x}" y="{y}">{esc(name)}</text>')
    return "".join(out)


def mark_radius(count: int | None) -> float:
    return round(min(3.0 + 2.2 * math.sqrt(count or 0), 30.0), 1)


def map_svg(items: list[dict[str, Any]]) -> Markup:
    """One mark per incident with coordinates, area growing with its count; a dashed ring shows
    how precisely its place is known (none for a town or village)."""
    parts = [f'<svg class="map" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
             f'aria-label="map of incidents" xmlns="http://www.w3.org/2000/svg">',
             f'<rect class="sea" width="{W}" height="{H}"/>', _base_map()]
    on_map = sorted((s for s in items if s["lat"] is not None and s["lon"] is not None),
                    key=lambda s: -(s["count"] or 0))
    for s in on_map:
        x, y = project(s["lon"], s["lat"])
        r = mark_radius(s["count"])
        km = PRECISION_KM.get(s["precision"] or "", 60)
        title = (f"incident {s['id']}: {s['place']} ({s['precision']}), {s['date_start'] or 'undated'}, "
                 f"{s['count'] if s['count'] is not None else 'no'} killed, {s['grade']}")
        parts.append(f'<a href="/incidents/{int(s["id"])}" class="mark grade-{safe_id(s["grade"])}"'
                     f' data-id="{int(s["id"])}">')
        if km:
            parts.append(f'<circle class="prec-ring" cx="{x}" cy="{y}" '
                         f'r="{round(max(km * PX_PER_KM, r + 2), 1)}"/>')
        parts.append(f'<circle class="dot" cx="{x}" cy="{y}" r="{r}"><title>{esc(title)}</title>'
                     f"</circle></a>")
    parts.append("</svg>")
    return Markup("".join(parts))


# -- timeline -------------------------------------------------------------------------------------
TW, TH, PAD = 720.0, 160.0, 22.0


def _buckets(first: str, last: str, step: int) -> list[str]:
    d, end = Date.fromisoformat(first), Date.fromisoformat(last)
    out: list[str] = []
    while d <= end and len(out) <= 521:
        out.append(d.isoformat())
        d += timedelta(days=step)
    return out


def timeline_svg(tl: dict[str, Any], query: dict[str, str]) -> Markup:
    """Stacked bars: incidents per week (or day) by belligerent; each bar links to its filter."""
    if not tl["weeks"]:
        return Markup('<p class="empty">No dated incidents in this filter.</p>')
    have = {w["week"]: w["counts"] for w in tl["weeks"]}
    step = 1 if tl.get("bucket") == "day" else 7
    weeks = _buckets(tl["weeks"][0]["week"], tl["weeks"][-1]["week"], step)
    if len(weeks) > 520:
        weeks = sorted(have)
    sides = tl["belligerents"]
    top = max(sum(c.values()) for c in have.values())
    bw = min((TW - 2 * PAD) / len(weeks), 40.0)
    parts = [f'<svg class="timeline" viewBox="0 0 {TW} {TH}" width="{TW}" height="{TH}" role="img"'
             f' aria-label="incidents per week by belligerent" xmlns="http://www.w3.org/2000/svg">',
             f'<line class="axis" x1="{PAD}" y1="{TH - PAD}" x2="{TW - PAD}" y2="{TH - PAD}"/>',
             f'<text class="tick" x="2" y="{PAD}">{top}</text>']
    for i, w in enumerate(weeks):
        counts = have.get(w)
        if not counts:
            continue
        x = PAD + i * bw
        y = TH - PAD
        end = (Date.fromisoformat(w) + timedelta(days=step - 1)).isoformat()
        href = "/incidents?" + urlencode({**query, "from": w, "to": end})
        parts.append(f'<a href="{esc(href)}" class="bar" data-week="{w}">')
        for si, side in enumerate(sides):
            n = counts.get(side, 0)
            if not n:
                continue
            h = (TH - 2 * PAD) * n / top
            y -= h
            parts.append(f'<rect class="s{si % 8}" x="{round(x, 1)}" y="{round(y, 1)}" '
                         f'width="{round(max(bw - 1, 1), 1)}" height="{round(h, 1)}">'
                         f"<title>{'day' if step == 1 else 'week of'} {w}: {n} × {esc(side)}"
                         "</title></rect>")
        parts.append("</a>")
    step = max(1, len(weeks) // 6)
    for i in range(0, len(weeks), step):
        parts.append(f'<text class="tick" x="{round(PAD + i * bw, 1)}" y="{TH - 6}">{weeks[i]}</text>')
    parts.append("</svg>")
    legend = "".join(f'<li><span class="swatch s{i % 8}"></span>{esc(s)}</li>'
                     for i, s in enumerate(sides))
    return Markup("".join(parts) + f'<ul class="legend">{legend}</ul>')
