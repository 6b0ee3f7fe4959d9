"""Pairwise precision/recall/F1 of incident linking against FA-KES's implicit incident grouping.

Gold: two articles are the same incident when their crowd facts give the same date, location,
actor and cause of death. Ours: the FA-KES CSV is ingested as it is (the crowd facts go to
``Document.meta`` and are never read by extraction or linking), the ledger is linked, and each
article is put in the incident of its first casualty claim (else its first linked claim); an
article with no linked claim is an incident of its own. ``split`` restricts the *pairs* counted
to the articles of that split; all articles are linked.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Ledger

Pair = tuple[str, str]


def gold(csv_path: Path) -> dict[str, tuple[tuple[str, ...], str]]:
    """unit_id -> ((date, location, actor, cause), split)."""
    csv.field_size_limit(sys.maxsize)
    with csv_path.open(encoding="utf-8", newline="") as fh:
        return {r["unit_id"]: ((r["date"].strip(), r["location"].strip(), r["actor"].strip(),
                                r["cause_of_death"].strip()), r["split"]) for r in csv.DictReader(fh)}


def article_incidents(ledger: Ledger) -> dict[str, int]:
    """Document id -> the incident of its first casualty claim (else of its first linked claim)."""
    rows = ledger.connection.execute(
        "SELECT d.id AS doc, c.kind AS kind, ci.incident AS inc FROM claims c JOIN documents d "
        "ON d.seq = c.doc JOIN claim_incident ci ON ci.claim = c.seq "
        "WHERE ci.incident IS NOT NULL ORDER BY c.seq").fetchall()
    first: dict[str, int] = {}
    cas: dict[str, int] = {}
    for r in rows:
        first.setdefault(r["doc"], r["inc"])
        if r["kind"] == "casualty":
            cas.setdefault(r["doc"], r["inc"])
    return {**first, **cas}


def pairs(groups: dict[str, object], ids: list[str]) -> set[Pair]:
    by: dict[object, list[str]] = defaultdict(list)
    for i in ids:
        by[groups.get(i, f"alone:{i}")].append(i)
    return {(a, b) for g in by.values() for a, b in combinations(sorted(g), 2)}


@dataclass(frozen=True)
class PairScore:
    split: str
    articles: int
    gold: frozenset[Pair]
    ours: frozenset[Pair]

    @property
    def precision(self) -> float:
        return len(self.gold & self.ours) / len(self.ours) if self.ours else 0.0

    @property
    def recall(self) -> float:
        return len(self.gold & self.ours) / len(self.gold) if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self) -> dict[str, object]:
        return {"split": self.split, "articles": self.articles, "gold_pairs": len(self.gold),
                "our_pairs": len(self.ours), "true_pairs": len(self.gold & self.ours),
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


def score(csv_path: Path, mine: dict[str, int], split: str = "all") -> PairScore:
    g = gold(csv_path)
    ids = [i for i, (_, s) in g.items() if split in ("all", s)]
    return PairScore(split, len(ids), frozenset(pairs({i: k for i, (k, _) in g.items()}, ids)),
                     frozenset(pairs(dict(mine), ids)))


def link_fakes(csv_path: Path, ledger: Ledger, split: str = "all") -> None:
    """Ingest the FA-KES articles of ``split`` (default every one) into ``ledger`` (without
    language detection) and link them."""
    from ..ingest import iter_documents
    from ..link import link_ledger
    from ..options import ExtractOptions
    from ..pipeline import run

    splits = {k: s for k, (_, s) in gold(csv_path).items()} if split != "all" else {}
    for doc in iter_documents([csv_path]):
        if isinstance(doc, Exception) or ledger.has(doc.sha256):
            continue
        if split != "all" and splits.get(dict(doc.meta).get("unit_id", doc.id)) != split:
            continue
        ledger.write(run(doc, ExtractOptions(detect_language=False)))
    link_ledger(ledger)


def wide_ranges(ledger: Ledger, factor: float = 10.0) -> list[str]:
    """Incidents whose count range tops more than ``factor`` times the median of its lines with
    no reason naming that count: one line per offence (empty when none)."""
    from ..store.incidents import iter_records

    out = []
    for rec in iter_records(ledger.connection):
        for group, outcomes in rec["victims"].items():
            for outcome, v in outcomes.items():
                med, top = v.get("median"), v.get("max")
                if med is None or top is None or top <= factor * max(med, 1):
                    continue
                if not any(str(top) in r["reason"] for r in rec["reasons"]):
                    out.append(f"incident {rec['id']}: {group} {outcome} {v.get('min')}-{top}, "
                               f"median {med}")
    return out
