"""Incident exports: ``jsonl`` (one record per line), ``csv`` (one row per incident), ``geojson``
(incidents whose place has coordinates; properties = the csv row)."""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from ..store import Ledger
from ..store.incidents import iter_records

CSV_FIELDS = ("id", "grade", "date_start", "date_end", "date_precision", "place", "lat", "lon",
              "precision", "civilians_killed_min", "civilians_killed_max",
              "civilians_injured_min", "civilians_injured_max", "actors", "lines_of_evidence",
              "documents", "claims", "contradictions", "reasons")


def csv_row(r: dict[str, Any]) -> dict[str, Any]:
    p, d = r["place"] or {}, r["date"]
    civ = r["victims"].get("civilians", {})
    return {
        "id": r["id"], "grade": r["grade"], "date_start": d["start"], "date_end": d["end"],
        "date_precision": d["precision"], "place": p.get("name"), "lat": p.get("lat"),
        "lon": p.get("lon"), "precision": p.get("precision"),
        "civilians_killed_min": civ.get("killed", {}).get("min"),
        "civilians_killed_max": civ.get("killed", {}).get("max"),
        "civilians_injured_min": civ.get("injured", {}).get("min"),
        "civilians_injured_max": civ.get("injured", {}).get("max"),
        "actors": "; ".join(f"{a['name']} ({a['status']})" for a in r["actors"]),
        "lines_of_evidence": r["corroboration"]["lines_of_evidence"],
        "documents": r["corroboration"]["documents"],
        "claims": " ".join(f"{c['document']}#{c['claim']}" for c in r["claims"]),
        "contradictions": "; ".join(f"{k} {v}" for k, v in r["contradictions"].items() if v),
        "reasons": " | ".join(x["reason"] for x in r["reasons"]),
    }


def export_incidents(ledger: Ledger, fmt: str, out: TextIO) -> int:
    n = 0
    recs = iter_records(ledger.connection)
    if fmt == "jsonl":
        for r in recs:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "csv":
        w = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\r\n")
        w.writeheader()
        for r in recs:
            w.writerow(csv_row(r))
            n += 1
    else:
        out.write('{"type": "FeatureCollection", "features": [')
        for r in recs:
            p = r["place"] or {}
            if p.get("lat") is None or p.get("lon") is None:
                continue
            f = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
                 "properties": csv_row(r)}
            out.write(("," if n else "") + "\n" + json.dumps(f, ensure_ascii=False))
            n += 1
        out.write("\n]}\n")
    return n
