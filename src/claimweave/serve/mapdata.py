"""The region's boundaries for the maps: countries from Natural Earth, and approximate governorates
and districts of Syria and Iraq derived from locality points (second half of this module).

``serve/static/region.geojson`` is committed; nothing is fetched at run time. It was made from
the public-domain Natural Earth 1:50m admin-0 countries as packaged by the npm package
``world-atlas@2.0.2`` (``countries-50m.json``, TopoJSON) with::

    python -m claimweave.serve.mapdata path/to/countries-50m.json > src/claimweave/serve/static/region.geojson

Only the countries whose outline touches :data:`BBOX` are kept, rings outside it are dropped,
points closer than :data:`STEP` degrees to the previous one are skipped and coordinates are
rounded to 0.01 degree.
"""

from __future__ import annotations

import json
import math
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

BBOX = (32.0, 28.5, 50.0, 39.0)  # lon_min, lat_min, lon_max, lat_max: Syria, Iraq, neighbours
STEP = 0.03


def _decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], idx: list[int]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for i in idx:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts[1:] if out else pts)
    return out


def _touches(ring: list[tuple[float, float]]) -> bool:
    x0, y0, x1, y1 = BBOX
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return min(xs) <= x1 and max(xs) >= x0 and min(ys) <= y1 and max(ys) >= y0


def _thin(ring: list[tuple[float, float]]) -> list[list[float]]:
    out = [ring[0]]
    for p in ring[1:-1]:
        if abs(p[0] - out[-1][0]) + abs(p[1] - out[-1][1]) >= STEP:
            out.append(p)
    out.append(ring[-1])
    return [[round(x, 2), round(y, 2)] for x, y in out]


def derive(topo: dict[str, Any]) -> dict[str, Any]:
    arcs = _decode_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polys = geom.get("arcs") or []
        if geom["type"] == "Polygon":
            polys = [polys]
        kept = []
        for poly in polys:
            rings = [_ring(arcs, r) for r in poly]
            if rings and len(rings[0]) >= 4 and _touches(rings[0]):
                kept.append([_thin(r) for r in rings if len(r) >= 4])
        if kept:
            features.append({"type": "Feature",
                             "properties": {"name": geom["properties"]["name"], "id": geom.get("id")},
                             "geometry": {"type": "MultiPolygon", "coordinates": kept}})
    return {"type": "FeatureCollection", "bbox": list(BBOX),
            "source": "Natural Earth 1:50m admin-0 (public domain) via world-atlas 2.0.2",
            "features": features}


@cache
def region() -> dict[str, Any]:
    """The committed boundary GeoJSON."""
    text = resources.files("claimweave.serve").joinpath("static/region.geojson").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


# -- governorates and districts of Syria and Iraq, derived from locality points ----------------------
# No admin-1 boundary package with a permissive licence was found on the npm registry
# (world-atlas has countries only; world-geojson is GPL and has no governorates), so the
# boundaries are approximate: every cell of a STEP_ADMIN-degree grid inside the country outline
# (Natural Earth, above) takes the governorate and district of its nearest Who's On First
# locality, and the edges between cells of different governorates are traced and simplified.
# Built once by hand (``python -m claimweave.serve.mapdata admin DIR``, DIR holding
# SY_wof_localities.tsv and IQ_wof_localities.tsv) into static/governorates.geojson (drawn on the
# maps) and static/admin_grid.json (the lookup of :func:`admin_at`).
STEP_ADMIN = 0.05
ADMIN_BBOX = (35.5, 29.0, 48.8, 37.5)
GOVERNORATE_NAMES = {  # WOF region names as a reader expects them
    "Hasaka (Al Haksa)": "Al-Hasakah", "Days Az Zawr": "Deir ez-Zor", "Dar`a": "Daraa",
    "Homs (Hims)": "Homs", "As Suwayda'": "As-Suwayda", "Hamah": "Hama", "Lattakia": "Latakia",
    "Al-Muthannia": "Al-Muthanna", "Sala ad-Din": "Salah ad-Din", "Dihok": "Duhok",
    "Arbil": "Erbil", "Karbala'": "Karbala", "Ninawa": "Nineveh"}
COUNTRY_NAMES = {"SY": "Syria", "IQ": "Iraq"}


def _localities(folder: str) -> list[tuple[float, float, str, str, str]]:
    """(lon, lat, country, governorate, district) of every locality with a region name."""
    import csv

    csv.field_size_limit(1 << 30)
    out = []
    for cc in COUNTRY_NAMES:
        with open(f"{folder}/{cc}_wof_localities.tsv", encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                gov = r["region_name"].strip()
                if gov:
                    out.append((float(r["geom:longitude"]), float(r["geom:latitude"]), cc,
                                GOVERNORATE_NAMES.get(gov, gov), r["county_name"].strip()))
    return out


def _inside(xs: Any, ys: Any, polys: list[list[list[list[float]]]]) -> Any:
    """Even-odd point-in-polygon for arrays of points (numpy), over every ring of ``polys``."""
    import numpy as np

    hit = np.zeros(xs.shape, dtype=bool)
    for poly in polys:
        inside = np.zeros(xs.shape, dtype=bool)
        for ring in poly:
            a = np.asarray(ring)
            x1, y1, x2, y2 = a[:-1, 0], a[:-1, 1], a[1:, 0], a[1:, 1]
            for k in range(len(x1)):
                if y1[k] == y2[k]:
                    continue
                cross = (y1[k] > ys) != (y2[k] > ys)
                xat = x1[k] + (ys - y1[k]) * (x2[k] - x1[k]) / (y2[k] - y1[k])
                inside ^= cross & (xs < xat)
        hit |= inside
    return hit


def _label_grid(points: list[tuple[float, float, str, str, str]]) -> tuple[Any, list[list[str]]]:
    """The grid of label indices (-1 outside Syria and Iraq) and the labels
    [country, governorate, district]."""
    import numpy as np

    x0, y0, x1, y1 = ADMIN_BBOX
    nx, ny = round((x1 - x0) / STEP_ADMIN), round((y1 - y0) / STEP_ADMIN)
    gx, gy = np.meshgrid(x0 + (np.arange(nx) + .5) * STEP_ADMIN, y0 + (np.arange(ny) + .5) * STEP_ADMIN)
    labels = sorted({(p[2], p[3], p[4]) for p in points})
    index = {lab: i for i, lab in enumerate(labels)}
    grid = np.full((ny, nx), -1, dtype=np.int32)
    outlines = {f["properties"]["name"]: f["geometry"]["coordinates"] for f in region()["features"]}
    for cc, name in COUNTRY_NAMES.items():
        mine = [p for p in points if p[2] == cc]
        px = np.array([p[0] for p in mine]) * math.cos(math.radians(34))
        py = np.array([p[1] for p in mine])
        lab = np.array([index[(p[2], p[3], p[4])] for p in mine])
        cells = np.argwhere(_inside(gx, gy, outlines[name]))
        for s in range(0, len(cells), 400):
            part = cells[s:s + 400]
            cx = gx[part[:, 0], part[:, 1]] * math.cos(math.radians(34))
            cy = gy[part[:, 0], part[:, 1]]
            d = (cx[:, None] - px[None, :]) ** 2 + (cy[:, None] - py[None, :]) ** 2
            grid[part[:, 0], part[:, 1]] = lab[d.argmin(axis=1)]
    return grid, [list(lab) for lab in labels]


def _rings(mask: Any) -> list[list[tuple[int, int]]]:
    """Closed rings of grid corners (i, j) along the edges of the cells of ``mask``."""
    ny, nx = mask.shape
    nxt: dict[tuple[int, int], list[tuple[int, int]]] = {}

    def on(j: int, i: int) -> bool:
        return 0 <= j < ny and 0 <= i < nx and bool(mask[j, i])

    for j, i in zip(*mask.nonzero(), strict=True):
        j, i = int(j), int(i)
        if not on(j - 1, i):
            nxt.setdefault((i, j), []).append((i + 1, j))
        if not on(j, i + 1):
            nxt.setdefault((i + 1, j), []).append((i + 1, j + 1))
        if not on(j + 1, i):
            nxt.setdefault((i + 1, j + 1), []).append((i, j + 1))
        if not on(j, i - 1):
            nxt.setdefault((i, j + 1), []).append((i, j))
    rings = []
    while nxt:
        start = next(iter(nxt))
        ring, at = [start], start
        while True:
            ends = nxt[at]
            to = ends.pop()
            if not ends:
                del nxt[at]
            at = to
            if at == start:
                break
            ring.append(at)
        rings.append(ring + [start])
    return rings


def _simplify(pts: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker (iterative)."""
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (xa, ya), (xb, yb) = pts[a], pts[b]
        dx, dy = xb - xa, yb - ya
        norm = math.hypot(dx, dy) or 1e-12
        best, at = 0.0, -1
        for k in range(a + 1, b):
            d = abs(dy * (pts[k][0] - xa) - dx * (pts[k][1] - ya)) / norm
            if d > best:
                best, at = d, k
        if at >= 0 and best > tol:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(pts, keep, strict=True) if k]


def _area(ring: list[tuple[float, float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2


def _contains(ring: list[tuple[float, float]], x: float, y: float) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def derive_admin(folder: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(governorates GeoJSON, lookup grid) from the locality files in ``folder``."""
    import numpy as np

    grid, labels = _label_grid(_localities(folder))
    x0, y0 = ADMIN_BBOX[0], ADMIN_BBOX[1]
    govs = sorted({(cc, g) for cc, g, _ in labels})
    gov_of = np.array([govs.index((cc, g)) for cc, g, _ in labels] + [-1])  # grid -1 -> -1
    ggrid = gov_of[grid]
    features = []
    for gi, (cc, name) in enumerate(govs):
        outers: list[list[tuple[float, float]]] = []
        holes: list[list[tuple[float, float]]] = []
        for ring in _rings(ggrid == gi):
            pts = [(round(x0 + i * STEP_ADMIN, 3), round(y0 + j * STEP_ADMIN, 3)) for i, j in ring]
            half = len(pts) // 2  # a closed ring is simplified as two open halves
            pts = _simplify(pts[:half + 1], STEP_ADMIN * .6)[:-1] + _simplify(pts[half:], STEP_ADMIN * .6)
            if len(pts) < 4:
                continue
            (outers if _area(pts) > 0 else holes).append(pts)  # outer rings counter-clockwise
        polys = [[o] for o in outers]
        for h in holes:
            for p in polys:
                if _contains(p[0], *h[0]) or _contains(p[0], *h[len(h) // 2]):
                    p.append(h)
                    break
        features.append({"type": "Feature", "properties": {"name": name, "country": cc},
                         "geometry": {"type": "MultiPolygon", "coordinates": [
                             [[[x, y] for x, y in r] for r in p] for p in polys]}})
    rows = []
    for row in grid.tolist():
        runs: list[int] = []
        for v in row:
            if runs and runs[-2] == v:
                runs[-1] += 1
            else:
                runs += [v, 1]
        rows.append(runs)
    return ({"type": "FeatureCollection", "source": "approximate: nearest Who's On First locality on"
             f" a {STEP_ADMIN} degree grid", "features": features},
            {"bbox": list(ADMIN_BBOX), "step": STEP_ADMIN, "labels": labels, "rows": rows})


@cache
def _admin_grid() -> tuple[tuple[float, ...], float, list[list[str]], list[list[int]]]:
    text = resources.files("claimweave.serve").joinpath("static/admin_grid.json").read_text("utf-8")
    d = json.loads(text)
    grid = []
    for runs in d["rows"]:
        row: list[int] = []
        for k in range(0, len(runs), 2):
            row += [runs[k]] * runs[k + 1]
        grid.append(row)
    return tuple(d["bbox"]), float(d["step"]), d["labels"], grid


@cache
def admin_at(lat: float | None, lon: float | None) -> tuple[str, str, str] | None:
    """(country code, governorate, district) of a point in Syria or Iraq (approximate, from the
    nearest locality; a point just outside the traced outline takes its nearest labelled cell
    within two cells); None elsewhere."""
    if lat is None or lon is None:
        return None
    bbox, step, labels, grid = _admin_grid()
    i, j = int((lon - bbox[0]) // step), int((lat - bbox[1]) // step)
    for r in range(3):
        for dj in range(-r, r + 1):
            for di in range(-r, r + 1):
                jj, ii = j + dj, i + di
                if 0 <= jj < len(grid) and 0 <= ii < len(grid[0]) and grid[jj][ii] >= 0:
                    cc, gov, district = labels[grid[jj][ii]]
                    return cc, gov, district
    return None


@cache
def governorates() -> dict[str, Any]:
    text = resources.files("claimweave.serve").joinpath("static/governorates.geojson").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


if __name__ == "__main__":  # pragma: no cover - run once by hand
    if sys.argv[1] == "admin":
        here = resources.files("claimweave.serve").joinpath("static")
        geo, grid = derive_admin(sys.argv[2])
        Path(str(here.joinpath("governorates.geojson"))).write_text(
            json.dumps(geo, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
        Path(str(here.joinpath("admin_grid.json"))).write_text(
            json.dumps(grid, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        with open(sys.argv[1], encoding="utf-8") as fh:
            json.dump(derive(json.load(fh)), sys.stdout, separators=(",", ":"))
            sys.stdout.write("\n")
