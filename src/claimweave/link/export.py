"""Incident exports: ``jsonl`` (one record per line), ``csv`` (one row per incident), ``geojson``
(incidents whose place has coordinates; properties = the csv row).

People's decisions flow out (issue 15): the stored records are graded from their claims at
current values (rejected claims left out, see :func:`claimweave.link.regrade_incidents`), and
:func:`reviewed` adds the rest: ``grade`` is a person's assessed grade when there is one
(``linker_grade`` the linker's), ``review`` is ``{"status", "assessment", "reviewed_claims",
"rejected_claims"}``; status ``assessed`` (a person graded it), ``reviewed`` (every claim it
counts was confirmed or corrected), ``partly_reviewed`` or ``machine``. ``reviewed_only`` keeps
the assessed and reviewed incidents."""

from __future__ import annotations

import csv
import json
from collections.abc import Collection, Iterable, Iterator
from typing import Any, TextIO

from ..store import Ledger
from ..store.incidents import iter_records

CSV_FIELDS = ("id", "grade", "date_start", "date_end", "date_precision", "place", "lat", "lon",
              "precision", "civilians_killed_min", "civilians_killed_max",
              "civilians_injured_min", "civilians_injured_max", "actors", "lines_of_evidence",
              "documents", "claims", "contradictions", "reasons",
              # issue 15 (added at the end: readers by position keep working)
              "linker_grade", "review_status", "assessed_by", "reviewed_claims", "rejected_claims")
REVIEWED = frozenset({"assessed", "reviewed"})  # what --reviewed-only keeps


def reviewed(r: dict[str, Any], assessment: dict[str, Any] | None) -> dict[str, Any]:
    """The record with the people's decisions: current grade, ``linker_grade`` and ``review``."""
    statuses = [c.get("review", "machine") for c in r["claims"]]
    done = sum(s in ("confirmed", "corrected") for s in statuses)
    rejected = len(r.get("rejected") or [])
    status = ("assessed" if assessment else "reviewed" if statuses and done == len(statuses)
              else "partly_reviewed" if done or rejected else "machine")
    return {**r, "grade": assessment["grade"] if assessment else r["grade"],
            "linker_grade": r.get("linker_grade", r["grade"]),
            "review": {"status": status, "assessment": assessment, "reviewed_claims": done,
                       "rejected_claims": rejected}}


def reviewed_records(conn: Any, records: Iterable[dict[str, Any]],
                     reviewed_only: bool = False) -> Iterator[dict[str, Any]]:
    """``records`` through :func:`reviewed`; with ``reviewed_only`` the assessed and reviewed ones."""
    from ..store.review import assessments

    people = assessments(conn)
    for r in records:
        out = reviewed(r, people.get(int(r["id"])))
        if not reviewed_only or out["review"]["status"] in REVIEWED:
            yield out


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
        "linker_grade": r.get("linker_grade", r["grade"]),
        "review_status": (r.get("review") or {}).get("status", "machine"),
        "assessed_by": ((r.get("review") or {}).get("assessment") or {}).get("by"),
        "reviewed_claims": (r.get("review") or {}).get("reviewed_claims", 0),
        "rejected_claims": (r.get("review") or {}).get("rejected_claims", 0),
    }


def export_incidents(ledger: Ledger, fmt: str, out: TextIO, reviewed_only: bool = False,
                     ids: Collection[int] | None = None) -> int:
    """Write the incidents (only those of ``ids`` when given) in ``fmt``; the number written."""
    n = 0
    stored = (r for r in iter_records(ledger.connection) if ids is None or r["id"] in ids)
    recs = reviewed_records(ledger.connection, stored, reviewed_only)
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
