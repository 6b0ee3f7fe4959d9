"""link stage: group the ledger's claims into incidents across documents, then grade them.

    from claimweave.link import link_ledger
    stats = link_ledger(ledger)   # only claims not linked yet are processed

Incremental: each claim is processed once (``claim_incident`` remembers it); the incidents of
the blocks and date ranges the new claims fall in are loaded, the new claims join them or open
new ones, and only the incidents touched are re-graded. One ``BEGIN IMMEDIATE`` transaction.
See :mod:`.engine` (matching), :mod:`.evidence` (independence) and :mod:`.record` (grades).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .engine import MAX_SPAN, Linker, Profile
from .features import ClaimFeatures, document_dates, features
from .reports import Wording

if TYPE_CHECKING:
    from ..store import Ledger

BATCH = 20_000


@dataclass
class LinkStats:
    claims: int = 0
    linked: int = 0
    unlinkable: int = 0
    new_incidents: int = 0
    touched: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        return (f"linked {self.linked} of {self.claims} new claims ({self.unlinkable} without date "
                f"or place, or cumulative tolls); {self.new_incidents} new incidents, {self.touched} graded; "
                + ", ".join(f"{k} {v:.1f} s" for k, v in self.seconds.items()))


def _load_blocks(conn: object, linker: Linker, feats: list[ClaimFeatures],
                 loaded: set[tuple[str, str, int]]) -> None:
    """Load the stored incidents of the blocks (and 64-day slices) that ``feats`` touch."""
    from ..store.incidents import load_profiles

    want: set[tuple[str, str, int]] = set()
    for f in feats:
        if f.lo is None or f.hi is None:
            want.add((f.family, f.region, -1))
        else:
            want.update((f.family, f.region, d // 64) for d in (f.lo, f.hi))
    for fam, reg, sl in sorted(want - loaded):
        lo, hi = (None, None) if sl < 0 else (sl * 64 - MAX_SPAN, sl * 64 + 63)
        for r in load_profiles(conn, fam, reg, lo, hi):  # type: ignore[arg-type]
            if r["id"] not in linker.incidents:
                linker.add(Profile.from_json(r["id"], r["family"], r["region"], r["profile"]))
        loaded.add((fam, reg, sl))


def _link_batch(conn: Any, linker: Linker, wording: Wording, rows: list[Any],
                loaded: set[tuple[str, str, int]]) -> list[tuple[int, int | None, float, str]]:
    """Link one batch of claim rows, report by report: each document's main claims as one
    (:meth:`Linker.link_report`), then its claims about other incidents one by one."""
    from ..store.incidents import report_leads
    from .regions import region_of, side_of
    from .reports import LEAD, claim_names, main_incident, report_text

    feats = [features(r, region_of, side_of) for r in rows]
    document_dates(feats)
    by_doc: dict[int, list[tuple[Any, ClaimFeatures]]] = {}
    for r, f in zip(rows, feats, strict=True):
        by_doc.setdefault(f.doc, []).append((r, f))
    leads = report_leads(conn, list(by_doc), LEAD)
    docs = list(by_doc)
    vecs = wording.vectors([report_text(*leads.get(d, (None, "")),
                                        (n for r, _ in by_doc[d] for n in claim_names(r)))
                            for d in docs])
    reports = [main_incident([f for _, f in by_doc[d]], v) for d, v in zip(docs, vecs, strict=True)]
    _load_blocks(conn, linker, feats, loaded)
    links: list[tuple[int, int | None, float, str]] = []
    for d, rep in zip(docs, reports, strict=True):
        others = [f for _, f in by_doc[d]] if rep is None else rep.others
        if rep is not None:
            links += linker.link_report(rep)
        for f in others:
            pid, score, why = linker.link(f)
            if pid is not None and rep is not None:
                why = f"another incident of its report: {why}"
            links.append((f.seq, pid, score, why))
    return links


def link_ledger(ledger: Ledger, progress: Callable[[int], None] | None = None) -> LinkStats:
    from ..store.incidents import (
        claim_rows,
        latest_leads,
        merge_incidents,
        next_id,
        save_links,
        unlinked_seqs,
    )
    from ..store.review import regroup
    from ..store.reviewed import reviewed_rows
    from .reports import IDF_SAMPLE, LEAD

    conn = ledger.connection
    stats = LinkStats()
    t0 = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    try:
        seqs = unlinked_seqs(conn)
        stats.claims = len(seqs)
        linker = Linker(next_id(conn))
        wording = Wording()
        if seqs:
            wording.fit(latest_leads(conn, IDF_SAMPLE, LEAD))
        loaded: set[tuple[str, str, int]] = set()
        touched: set[int] = set()
        for i in range(0, len(seqs), BATCH):
            rows = list(reviewed_rows(conn, claim_rows(conn, seqs[i:i + BATCH])))  # corrections count
            links = _link_batch(conn, linker, wording, rows, loaded)
            for _, pid, _, _ in links:
                stats.linked += pid is not None
                stats.unlinkable += pid is None
            _save(conn, linker)
            touched |= linker.dirty
            linker.dirty.clear()
            save_links(conn, links)
            if progress:
                progress(len(rows))
        touched |= regroup(conn, seqs)  # a person's merge or split holds for claims stored again
        moved = linker.consolidate()
        if moved:
            merge_incidents(conn, moved)
            _save(conn, linker)
            touched = (touched - set(moved)) | linker.dirty
            linker.dirty.clear()
        stats.new_incidents = len(linker.new)
        stats.seconds["link"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        everything = bool(linker.new) and len(touched) == len(linker.new) == len(linker.incidents)
        stats.touched = regrade(ledger, sorted(touched), everything=everything)
        stats.seconds["grade"] = time.perf_counter() - t1
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return stats


def _save(conn: object, linker: Linker) -> None:
    from ..store.incidents import save_incidents

    save_incidents(conn, ((p.id, p.family, p.region, p.lo, p.hi, p.to_json(), p.n)  # type: ignore[arg-type]
                          for p in (linker.incidents[i] for i in sorted(linker.dirty))))


def regrade(ledger: Ledger, ids: list[int], everything: bool = False) -> int:
    """Rebuild the records of incidents ``ids`` (all of them when ``everything``)."""
    return regrade_incidents(ledger.connection, ids, everything)


def regrade_incidents(conn: Any, ids: list[int], everything: bool = False) -> int:
    """Rebuild the records of incidents ``ids`` (all of them when ``everything``) from their
    claims at their current values (:mod:`claimweave.store.reviewed`): a claim a person rejected
    corroborates, contradicts and counts nothing (it is listed under the record's ``rejected``),
    a corrected claim counts with the person's values, and each claim of the record carries its
    review status. An incident whose claims were all rejected leaves the list (record NULL)
    until one of them is confirmed or corrected again."""
    from ..store.incidents import claims_by_incident, save_records
    from ..store.review import reviews_for
    from ..store.reviewed import any_claim_decisions, apply_to_row, row_key
    from .evidence import Evidence
    from .record import build

    decided = any_claim_decisions(conn)
    n = 0
    pending: list[tuple[str | None, str | None, int]] = []
    groups: list[tuple[int, list[Any]]] = []

    def flush() -> None:
        keys = [row_key(r) for _, rows in groups for r in rows] if decided else []
        reviews = reviews_for(conn, keys) if keys else {}
        for pid, rows in groups:
            live, rejected, status = [], [], {}
            for r in rows:
                row = apply_to_row(r, reviews.get(row_key(r)))
                ref = f"{row['document_id']}#{row['id']}"
                if row["review_status"] == "rejected":
                    rejected.append({"document": row["document_id"], "claim": row["id"],
                                     "kind": row["kind"], "text": row["text"],
                                     "by": row["reviewed_by"], "note": row["review_note"]})
                else:
                    live.append(row)
                    status[ref] = row["review_status"]
            if not live:
                pending.append((None, None, pid))
                continue
            rec = build(pid, [Evidence.from_row(r) for r in live])
            for c in rec["claims"]:
                c["review"] = status.get(f"{c['document']}#{c['claim']}", "machine")
            rec["rejected"] = rejected
            pending.append((rec["grade"], json.dumps(rec, ensure_ascii=False), pid))
        groups.clear()

    held = 0
    for pid, rows in claims_by_incident(conn, None if everything else ids):
        groups.append((pid, rows))
        n += 1
        held += len(rows)
        if held >= 2000:
            flush()
            held = 0
        if len(pending) >= 2000:
            save_records(conn, pending)
            pending = []
    flush()
    save_records(conn, pending)
    return n


__all__ = ["LinkStats", "link_ledger", "regrade", "regrade_incidents"]
