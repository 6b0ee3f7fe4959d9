"""The region's boundaries for the map: a small GeoJSON derived once from Natural Earth.

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
import sys
from functools import cache
from importlib import resources
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


if __name__ == "__main__":  # pragma: no cover - run once by hand
    with open(sys.argv[1], encoding="utf-8") as fh:
        json.dump(derive(json.load(fh)), sys.stdout, separators=(",", ":"))
        sys.stdout.write("\n")
