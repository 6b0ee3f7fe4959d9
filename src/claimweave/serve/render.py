"""Server-side HTML and SVG: the highlighted document, the map and the timeline.

Every piece of ledger text goes through :func:`esc`, character range by character range; no
document HTML is ever rendered and no URL from a document is ever placed in an attribute.
"""

from __future__ import annotations

import math
import re
from datetime import date as Date
from functools import cache
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

from .mapdata import BBOX, governorates, region

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
    return "".join(out) + _governorate_lines()


def _governorate_lines() -> str:
    out = []
    for f in governorates()["features"]:
        d = "".join("M" + "L".join(f"{x},{y}" for x, y in (project(*pt) for pt in ring)) + "Z"
                    for poly in f["geometry"]["coordinates"] for ring in poly)
        out.append(f'<path class="governorate" d="{d}"><title>{esc(f["properties"]["name"])}'
                   "</title></path>")
    return "".join(out)


def mark_radius(count: int | None) -> float:
    return round(min(3.0 + 2.2 * math.sqrt(count or 0), 30.0), 1)


def places_of(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The incidents with coordinates grouped by place (its name and point), most first:
    [{place, lat, lon, precision, ids, n}]."""
    groups: dict[tuple[Any, float, float], dict[str, Any]] = {}
    for s in items:
        if s["lat"] is None or s["lon"] is None:
            continue
        g = groups.setdefault((s["place"], s["lat"], s["lon"]), {
            "place": s["place"], "lat": s["lat"], "lon": s["lon"], "precision": s["precision"],
            "ids": []})
        g["ids"].append(s["id"])
    out = sorted(groups.values(), key=lambda g: (-len(g["ids"]), str(g["place"])))
    for g in out:
        g["n"] = len(g["ids"])
    return out


def map_svg(items: list[dict[str, Any]], labels: int = 12) -> Markup:
    """The map drawn on the server (shown when scripts are off): one mark per place, its area
    growing with the number of incidents there (one colour: a place with incidents); a dashed
    ring shows a place known only to its district, governorate or region; the places with most
    incidents are named. Each mark links to the list filtered to its place."""
    parts = [f'<svg class="map" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
             f'aria-label="map of incidents by place" xmlns="http://www.w3.org/2000/svg">',
             f'<rect class="sea" width="{W}" height="{H}"/>', _base_map()]
    placed = places_of(items)
    taken: list[tuple[float, float, float, float]] = []
    texts = []
    for g in placed[::-1]:  # the largest drawn last, on top
        x, y = project(g["lon"], g["lat"])
        r = mark_radius(g["n"])
        km = PRECISION_KM.get(g["precision"] or "", 60)
        title = (f"{g['place'] or 'unnamed place'} ({g['precision']}): {g['n']} "
                 f"incident{'s' if g['n'] != 1 else ''}")
        href = "/incidents?" + urlencode({"place": g["place"] or ""})
        parts.append(f'<a href="{esc(href)}" class="mark" data-n="{g["n"]}">')
        if km:
            parts.append(f'<circle class="prec-ring" cx="{x}" cy="{y}" '
                         f'r="{round(max(km * PX_PER_KM, r + 2), 1)}"/>')
        parts.append(f'<circle class="dot" cx="{x}" cy="{y}" r="{r}"><title>{esc(title)}</title>'
                     f"</circle></a>")
    for g in placed[:labels]:  # name the busiest places where their labels do not collide
        x, y = project(g["lon"], g["lat"])
        name = str(g["place"] or "")
        box = (x + mark_radius(g["n"]) + 2, y - 8, len(name) * 7 + 20, 14.0)
        if not name or any(box[0] < b[0] + b[2] and b[0] < box[0] + box[2] and box[1] < b[1] + b[3]
                           and b[1] < box[1] + box[3] for b in taken):
            continue
        taken.append(box)
        texts.append(f'<text class="place-label" x="{round(box[0], 1)}" y="{round(y + 4, 1)}">'
                     f"{esc(name)} {g['n']}</text>")
    parts += texts
    parts.append("</svg>")
    return Markup("".join(parts))


# -- timeline -------------------------------------------------------------------------------------
TW, TH, PAD_L, PAD_R, PAD_T, PAD_B = 720.0, 190.0, 34.0, 10.0, 12.0, 30.0
# Okabe & Ito's colour-blind-safe palette, black left out (it is the text colour); the sides
# beyond seven share one grey as "other sides".
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
OTHER = "#9a9a9a"
_LABEL_FMT = {"day": "%d %b %Y", "week": "%d %b %Y", "month": "%b %Y", "year": "%Y"}
_PERIOD_WORD = {"day": "day", "week": "week of", "month": "month", "year": "year"}
FONT_PX = 12.0


@cache
def _kb_names() -> dict[str, str]:
    """Knowledge-base actor id -> its name (for ids that slip into text)."""
    import json
    from importlib import resources

    try:
        raw = resources.files("claimweave.data").joinpath("actors.json").read_text("utf-8")
        return {str(a["id"]): str(a["name"]) for a in json.loads(raw) if a.get("id") and a.get("name")}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


_ID_TOKEN = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


_DOC_REF = re.compile(r"\bdocument ([^\s,;()]+)")
_SIDE_REF = re.compile(r"\(([a-z][a-z_]*)\)")  # "names Russia (russia)": a side's id


def readable(text: object, documents: dict[str, str] | None = None) -> str:
    """Text with knowledge-base ids ("syrian_arab_army") replaced by the names a person reads
    ("Syrian Arab Army"), an unknown snake_case id made words, and "document <id>" by the
    document's name from ``documents`` (id -> name)."""
    names = _kb_names()
    out = "" if text is None else str(text)
    if documents:
        out = _DOC_REF.sub(lambda m: documents.get(m.group(1), m.group(0)), out)
    out = _SIDE_REF.sub(lambda m: f"({side_label(m.group(1))})", out)
    return _ID_TOKEN.sub(lambda m: names.get(m.group(0), m.group(0).replace("_", " ")), out)


def side_label(side: object) -> str:
    """A side's id as words: "syrian_government" -> "Syrian government"."""
    s = str(side or "")
    name = _kb_names().get(s)
    if name:
        return name
    s = s.replace("_", " ")
    return s[:1].upper() + s[1:]


def side_colours(tl: dict[str, Any]) -> dict[str, str]:
    """The seven sides with most incidents get the palette's colours, the rest grey."""
    total: dict[str, int] = {}
    for w in tl["weeks"]:
        for k, n in w["counts"].items():
            total[k] = total.get(k, 0) + n
    ranked = sorted(total, key=lambda k: (-total[k], k))
    return {k: OKABE_ITO[i] if i < len(OKABE_ITO) else OTHER for i, k in enumerate(ranked)}


def _swatch(colour: str) -> str:
    # an SVG fill attribute, not a style attribute: the CSP allows no inline style
    return (f'<svg class="swatch" width="12" height="12" aria-hidden="true"><rect width="12" '
            f'height="12" fill="{colour}"/></svg>')


def timeline_svg(tl: dict[str, Any], query: dict[str, str]) -> Markup:
    """Stacked bars on a continuous axis (every period from the first to the last; an empty one
    is a grey tick on the axis): incidents per period by belligerent side; each bar links to the
    list filtered to its period. Axis labels are spaced by their own width, so none overlap."""
    periods = tl["weeks"]
    if not periods:
        return Markup('<p class="empty">No dated incidents in this filter.</p>')
    b = tl["bucket"]
    colours = side_colours(tl)
    top = max(max((sum(p["counts"].values()) for p in periods), default=1), 1)
    plot_w, plot_h = TW - PAD_L - PAD_R, TH - PAD_T - PAD_B
    bw = min(plot_w / len(periods), 48.0)  # a few periods: bars no wider than 48, from the left
    empty = sum(1 for p in periods if not p["counts"])
    base = TH - PAD_B
    parts = [f'<svg class="timeline" viewBox="0 0 {TW} {TH}" width="{TW}" height="{TH}" role="img"'
             f' aria-label="incidents per {b} by side" data-bucket="{b}" data-periods="{len(periods)}"'
             f' data-empty="{empty}" xmlns="http://www.w3.org/2000/svg">',
             f'<line class="axis" x1="{PAD_L}" y1="{base}" x2="{round(PAD_L + len(periods) * bw, 2)}" '
             f'y2="{base}"/>',
             f'<text class="tick count-tick" x="{PAD_L - 4}" y="{PAD_T + FONT_PX - 2}">{top}</text>',
             f'<text class="tick count-tick" x="{PAD_L - 4}" y="{base}">0</text>']
    word = _PERIOD_WORD[b]
    for i, p in enumerate(periods):
        x = round(PAD_L + i * bw, 2)
        w = round(max(bw - (1 if bw > 3 else 0), 0.6), 2)
        if not p["counts"]:
            parts.append(f'<rect class="gap" x="{x}" y="{base - 2}" width="{w}" height="2">'
                         f"<title>{word} {p['week']}: no incidents</title></rect>")
            continue
        href = "/incidents?" + urlencode({**query, "from": p["week"], "to": p["end"]})
        parts.append(f'<a href="{esc(href)}" class="bar" data-week="{p["week"]}">')
        y = base
        for side in sorted(p["counts"], key=lambda k: list(colours).index(k)):
            n = p["counts"][side]
            h = plot_h * n / top
            y -= h
            parts.append(f'<rect fill="{colours[side]}" x="{x}" y="{round(y, 2)}" width="{w}" '
                         f'height="{round(h, 2)}"><title>{word} {p["week"]}: {n} × '
                         f"{esc(side_label(side))}</title></rect>")
        parts.append("</a>")
    # labels: every k-th period, k chosen so a label never reaches the next one
    fmt = _LABEL_FMT[b]
    label_w = len(Date.fromisoformat(periods[0]["week"]).strftime(fmt)) * FONT_PX * 0.62 + 10
    k = max(1, math.ceil(label_w / bw))
    if b == "month" and k > 1:  # months: start the labels on a January when a label spans years
        k = next((m for m in (2, 3, 4, 6, 12, 24, 36, 60, 120) if m >= k), k)
    for i in range(0, len(periods), k):
        d = Date.fromisoformat(periods[i]["week"])
        if b == "month" and k % 12 == 0 and d.month != 1:
            continue
        x = PAD_L + i * bw
        if x + label_w - 10 > TW:
            break
        parts.append(f'<line class="tick-line" x1="{round(x, 2)}" y1="{base}" x2="{round(x, 2)}" '
                     f'y2="{base + 4}"/><text class="tick" x="{round(x, 2)}" y="{TH - 10}">'
                     f"{d.strftime(fmt)}</text>")
    parts.append("</svg>")
    sides = list(colours)
    legend = "".join(f"<li>{_swatch(colours[s])}{esc(side_label(s))}</li>"
                     for s in sides[:len(OKABE_ITO)])
    if len(sides) > len(OKABE_ITO):
        legend += f"<li>{_swatch(OTHER)}other sides ({len(sides) - len(OKABE_ITO)})</li>"
    return Markup("".join(parts) + f'<ul class="legend timeline-legend">{legend}</ul>')
