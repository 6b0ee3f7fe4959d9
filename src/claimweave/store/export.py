"""Exports of a ledger: ``jsonl`` (the stored claimweave/1 dicts), ``csv`` (one row per claim),
``geojson`` (a FeatureCollection of the claims whose place has coordinates; Point [lon, lat],
properties = the csv row).

The csv row's ``actor_entity_type`` is set only for an actor outside the knowledge base
(``actor_id`` empty); ``targets`` and ``named_victims`` are readable summaries
(``"al-Quds hospital (medical)"``, ``"Ana Ruiz (journalist, killed)"``), the full lists being in
the jsonl export; ``scope`` is ``incident`` or ``background``; ``incident_id`` is the incident the
claim was linked into (empty when it is not linked), ``url`` and ``published`` its document's."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Collection
from typing import Any, TextIO

from ..errors import ClaimweaveError, Errors
from .ledger import Ledger
from .reviewed import REVIEW_COLUMNS, reviewed_records, reviewed_rows
from .rows import json_list, named_victims_summary, targets_summary

FORMATS = ("jsonl", "csv", "geojson")
CSV_FIELDS = (
    "document_id", "path", "outlet", "claim_id", "kind", "claimant", "sources", "actor",
    "target", "victims", "victims_min", "victims_max", "place", "lat", "lon", "precision",
    "date_start", "date_end", "date_precision", "weapon", "text",
    # open-world fields (added at the end: readers by position keep working)
    "actor_id", "actor_entity_type", "event", "scope", "targets", "named_victims",
    # issue 16: the claim's incident (empty when not linked), its document's URL and publication date
    "incident_id", "url", "published",
    # issue 15: the values above are the current ones (a person's latest decision, else the
    # machine's); the review status (machine|confirmed|corrected|rejected), who, when, the note
    *REVIEW_COLUMNS,
)


_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _line(value: Any) -> str:
    """Compact-ish JSON that stays on one line even for ``str.splitlines`` readers."""
    return json.dumps(value, ensure_ascii=False).translate(_LINE_BREAKS)


def claim_csv_row(row: sqlite3.Row | dict[str, Any]) -> dict[str, Any]:
    return {
        "document_id": row["document_id"], "path": row["path"], "outlet": row["outlet"],
        "claim_id": row["id"], "kind": row["kind"], "claimant": row["claimant"],
        "sources": row["sources"], "actor": row["actor"], "target": row["target"],
        "victims": row["victims_summary"], "victims_min": row["victims_min"],
        "victims_max": row["victims_max"], "place": row["place"], "lat": row["lat"],
        "lon": row["lon"], "precision": row["precision"], "date_start": row["date_start"],
        "date_end": row["date_end"], "date_precision": row["date_precision"],
        "weapon": row["weapon"], "text": row["text"],
        "actor_id": row["actor_id"], "actor_entity_type": row["actor_entity_type"],
        "event": row["event"], "scope": row["scope"] or "incident",
        "targets": targets_summary(json_list(row["targets_json"])),
        "named_victims": named_victims_summary(json_list(row["named_victims_json"])),
        "incident_id": row["incident_id"], "url": row["url"], "published": row["published"],
        **{k: row[k] for k in REVIEW_COLUMNS},
    }


def export(ledger: Ledger, fmt: str, out: TextIO, reviewed_only: bool = False,
           keep: Collection[int] | None = None) -> int:
    """Write the ledger to ``out`` in ``fmt``; return the number of items (records/claims/features).
    Claims are at their current values with their review (:mod:`.reviewed`); ``reviewed_only``
    keeps the claims a person confirmed or corrected. ``keep``: only the claims of these row ids
    (``claims.seq``, from :mod:`.filters`), and in ``jsonl`` the documents holding one, whole."""
    n = 0
    conn = ledger.connection
    claims = (r for r in ledger.iter_claims() if keep is None or r["seq"] in keep)
    if fmt == "jsonl":
        records = ledger.iter_records()
        if keep is not None:
            docs = {r["doc"] for r in claims}
            records = (json.loads(rec) for seq, rec in conn.execute(
                "SELECT seq, record FROM documents ORDER BY seq") if seq in docs)
        for rec in reviewed_records(conn, records, reviewed_only):
            out.write(_line(rec) + "\n")
            n += 1
    elif fmt == "csv":
        # RFC 4180 "\r\n" rows: with "\n" the csv module would leave a lone "\r" unquoted.
        writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\r\n")
        writer.writeheader()
        for row in reviewed_rows(conn, claims, reviewed_only):
            writer.writerow(claim_csv_row(row))
            n += 1
    elif fmt == "geojson":
        out.write('{"type": "FeatureCollection", "features": [')
        for row in reviewed_rows(conn, claims, reviewed_only):
            if row["lat"] is None or row["lon"] is None:
                continue
            feature = {"type": "Feature",
                       "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                       "properties": claim_csv_row(row)}
            out.write(("," if n else "") + "\n" + _line(feature))
            n += 1
        out.write("\n]}\n")
    else:
        raise ClaimweaveError(Errors.E003, format=fmt, choices=", ".join(FORMATS))
    return n
