"""Incident linking measured on ECB+ (Cybulska and Vossen, LREC 2014; CC BY 3.0): real news
documents grouped by the real event they report, 43 topics of two similar events each.

``DIR`` is laid out as ``../shared/data/ecbplus``: ``docs.jsonl`` (``id`` like ``8_3ecbplus``:
topic 8) and ``gold.json`` (``doc_incident``: document id -> event id). Nothing of it is copied here.

What is measured, for documents against the gold events:

- ours: the chosen topics' documents are read by the ordinary JSON Lines reader, run through the
  ordinary pipeline (``run_batch``, :data:`BATCH` documents at a time, default options), stored in
  a SQLite ledger (temporary unless a path is given) and linked with ``link_ledger``. A document's
  incident is its *main* incident: the one most of its linked claims joined, a tie going to the
  incident of its earliest claim. A document none of whose claims joined an incident (no claim,
  or claims without date and place, or only cumulative tolls) is an incident of its own.
- the baseline "same place within 3 days": a document's place is the place of its first claim
  that has one, else its first place mention (the same GeoNames id, else the same name); its day
  is the day of its first claim dated to the day, else the first date in its text known to the
  day (ECB+ has no publication dates, so "on Friday" stays unknown, and most documents have no
  day). Two documents with the same place are grouped, transitively, when their days are at most
  :data:`BASELINE_DAYS` apart or when either day is unknown (an unknown day rules nothing out):
  at a place with an undated document, all its documents are one group; at the others, sorted
  by day, a gap of more than 3 days starts a new group. A document with no place is alone.
  The strict reading (a document with no day is alone too) is reported beside it as "strict".

Scores: pairwise precision/recall/F1 (pairs of documents put together; a precision or recall
with nothing to divide by is 0) and B-cubed precision/recall/F1 (Bagga and Baldwin 1998: per
document, the share of its predicted cluster that is in its gold event, and of its gold event
that is in its predicted cluster, averaged over documents). A topic's row restricts both
clusterings to that topic's documents; the overall row counts every pair, so a merge across
topics costs precision there only.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Place, Record
    from ..store import Ledger

VIOLENT = (8, 12, 16, 18, 19, 21, 22, 32, 33, 41, 45)
BASELINE_DAYS = 3
BATCH = 32
MAIN = "main incident of its report"  # how the linker's reason marks a report's main claims


# --- metrics ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass(frozen=True)
class PairScores(Scores):
    gold_pairs: int = 0
    our_pairs: int = 0
    true_pairs: int = 0

    def figures(self) -> dict[str, float]:
        return {**super().figures(), "gold_pairs": self.gold_pairs, "our_pairs": self.our_pairs,
                "true_pairs": self.true_pairs}


def _cells(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable], ids: Iterable[str] | None
           ) -> tuple[Counter[Hashable], Counter[Hashable], Counter[tuple[Hashable, Hashable]]]:
    """Cluster sizes of gold, of pred, and of their intersections over ``ids`` (default: gold's
    keys). An id missing from ``pred`` is a cluster of its own."""
    g: Counter[Hashable] = Counter()
    p: Counter[Hashable] = Counter()
    both: Counter[tuple[Hashable, Hashable]] = Counter()
    for i in (gold if ids is None else ids):
        gi, pi = gold[i], pred.get(i, ("alone", i))
        g[gi] += 1
        p[pi] += 1
        both[gi, pi] += 1
    return g, p, both


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable],
             ids: Iterable[str] | None = None) -> PairScores:
    """Pairwise precision and recall of ``pred`` (item -> cluster) against ``gold``."""
    g, p, both = _cells(gold, pred, ids)
    gp, pp, tp = (sum(_pairs(n) for n in c.values()) for c in (g, p, both))
    return PairScores(tp / pp if pp else 0.0, tp / gp if gp else 0.0, gp, pp, tp)


def bcubed(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable],
           ids: Iterable[str] | None = None) -> Scores:
    """B-cubed precision and recall of ``pred`` against ``gold`` (item averages)."""
    g, p, both = _cells(gold, pred, ids)
    n = sum(g.values())
    if not n:
        return Scores(0.0, 0.0)
    prec = sum(k * k / p[pi] for (_, pi), k in both.items()) / n
    rec = sum(k * k / g[gi] for (gi, _), k in both.items()) / n
    return Scores(prec, rec)


# --- the two clusterings -----------------------------------------------------------------------

def main_incidents(ledger: Ledger) -> dict[str, int]:
    """Document id -> its main incident: the one the linker joined its report's main claims to
    (their reason starts with :data:`MAIN`), else the one most of its linked claims joined (ties:
    its earliest claim's)."""
    rows = ledger.connection.execute(
        "SELECT d.id AS doc, ci.incident AS inc, ci.reason AS reason FROM claims c "
        "JOIN documents d ON d.seq = c.doc JOIN claim_incident ci ON ci.claim = c.seq "
        "WHERE ci.incident IS NOT NULL ORDER BY c.seq").fetchall()
    counts: dict[str, Counter[int]] = defaultdict(Counter)
    main: dict[str, int] = {}
    for r in rows:
        counts[r["doc"]][r["inc"]] += 1  # Counter keeps first-seen order, so ties go to the earliest
        if (r["reason"] or "").startswith(MAIN):
            main.setdefault(r["doc"], r["inc"])
    return {doc: main.get(doc, c.most_common(1)[0][0]) for doc, c in counts.items()}


def _place_key(p: Place) -> str:
    return f"geonames:{p.geonames_id}" if p.geonames_id is not None else f"name:{p.name.casefold()}"


def place_and_day(rec: Record) -> tuple[str | None, str | None, Date | None, str | None]:
    """(place key, place name, day, where the day came from: 'claim' or 'text') of a document,
    as the baseline reads them."""
    place = next((c.place for c in rec.claims if c.place is not None), None)
    if place is None and rec.annotations.places:
        place = rec.annotations.places[0].place
    day, source = None, None
    dv = next((c.date for c in rec.claims if c.date and c.date.start and c.date.precision == "day"), None)
    if dv is not None:
        source = "claim"
    else:
        dv = next((m.value for m in rec.annotations.dates if m.value.start and m.value.precision == "day"),
                  None)
        source = "text" if dv is not None else None
    if dv is not None and dv.start:
        day = Date.fromisoformat(dv.start)
    return (_place_key(place) if place else None, place.name if place else None, day, source)


def same_place_within(facts: Mapping[str, tuple[str | None, Date | None]],
                      days: int = BASELINE_DAYS, strict: bool = False) -> dict[str, Hashable]:
    """Document id -> baseline group: same place and days at most ``days`` apart, transitively.
    A document with no place is alone; one with no day joins every document of its place
    (all of them one group), or, ``strict``, is alone."""
    out: dict[str, Hashable] = {}
    by_place: dict[str, list[tuple[Date | None, str]]] = defaultdict(list)
    for doc, (place, day) in facts.items():
        if place is None or (strict and day is None):
            out[doc] = ("alone", doc)
        else:
            by_place[place].append((day, doc))
    for place, items in by_place.items():
        if any(day is None for day, _ in items):
            out.update((doc, (place, 0)) for _, doc in items)
            continue
        group, last = 0, None
        for day, doc in sorted(items, key=lambda x: (x[0] or Date.min, x[1])):
            if last is not None and day is not None and (day - last).days > days:
                group += 1
            out[doc] = (place, group)
            last = day
    return out


# --- the run -----------------------------------------------------------------------------------

def topic_of(doc_id: str) -> int:
    return int(doc_id.split("_", 1)[0])


def load_gold(directory: Path) -> dict[str, str]:
    """Document id -> gold event id."""
    with (directory / "gold.json").open(encoding="utf-8") as fh:
        return dict(json.load(fh)["doc_incident"])


def topics_in(directory: Path) -> list[int]:
    return sorted({topic_of(d) for d in load_gold(directory)})


@dataclass
class DocResult:
    id: str
    topic: int
    event: str
    claims: int = 0
    linked_claims: int = 0
    failed: str | None = None  # the pipeline's exception, if it failed on this document
    place: str | None = None
    place_name: str | None = None
    day: Date | None = None
    day_from: str | None = None


@dataclass
class Row:
    label: str
    documents: int
    events: int
    no_claims: int
    unlinked: int  # has claims, none joined an incident
    no_place: int
    no_day: int
    ours_pairwise: PairScores
    ours_bcubed: Scores
    base_pairwise: PairScores
    base_bcubed: Scores
    strict_pairwise: PairScores
    strict_bcubed: Scores

    def figures(self) -> dict[str, object]:
        return {"label": self.label, "documents": self.documents, "events": self.events,
                "no_claims": self.no_claims, "unlinked": self.unlinked, "no_place": self.no_place,
                "no_day": self.no_day,
                "ours": {"pairwise": self.ours_pairwise.figures(), "bcubed": self.ours_bcubed.figures()},
                "baseline": {"pairwise": self.base_pairwise.figures(),
                             "bcubed": self.base_bcubed.figures()},
                "baseline_strict": {"pairwise": self.strict_pairwise.figures(),
                                    "bcubed": self.strict_bcubed.figures()}}


@dataclass
class Report:
    topics: list[int]
    docs: list[DocResult] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)  # one per topic
    overall: Row | None = None
    violent: Row | None = None  # the violent topics of this run, when it has others too
    link_summary: str = ""
    seconds: dict[str, float] = field(default_factory=dict)

    def row(self, topic: int) -> Row:
        return next(r for r in self.rows if r.label == str(topic))

    def figures(self) -> dict[str, object]:
        return {"topics": self.topics, "documents": len(self.docs),
                "failed": [d.id for d in self.docs if d.failed],
                "overall": self.overall.figures() if self.overall else None,
                "violent": self.violent.figures() if self.violent else None,
                "per_topic": [r.figures() for r in self.rows],
                "link": self.link_summary,
                "seconds": {k: round(v, 1) for k, v in self.seconds.items()}}


def _row(label: str, docs: list[DocResult], gold: Mapping[str, str], ours: Mapping[str, Hashable],
         base: Mapping[str, Hashable], strict: Mapping[str, Hashable]) -> Row:
    ids = [d.id for d in docs]
    return Row(label, len(docs), len({d.event for d in docs}),
               sum(d.claims == 0 for d in docs), sum(d.claims > 0 and not d.linked_claims for d in docs),
               sum(d.place is None for d in docs), sum(d.day is None for d in docs),
               pairwise(gold, ours, ids), bcubed(gold, ours, ids),
               pairwise(gold, base, ids), bcubed(gold, base, ids),
               pairwise(gold, strict, ids), bcubed(gold, strict, ids))


def evaluate(directory: Path, topics: Iterable[int] | None = None, db: Path | None = None,
             log: Callable[[str], None] | None = None) -> Report:
    """Run, link and score the documents of ``topics`` (default: all) of ECB+ in ``directory``.
    ``db``: keep the ledger there (a new file) instead of a temporary one."""
    gold = load_gold(directory)
    available = sorted({topic_of(d) for d in gold})
    chosen = sorted(set(topics)) if topics is not None else available
    unknown = [t for t in chosen if t not in available]
    if unknown:
        raise ValueError(f"no ECB+ topic {', '.join(map(str, unknown))} in {directory}")
    if db is None:
        with tempfile.TemporaryDirectory(prefix="claimweave-ecbplus-") as tmp:
            return _evaluate(directory, gold, chosen, Path(tmp) / "ecbplus.db", log)
    return _evaluate(directory, gold, chosen, db, log)


def _evaluate(directory: Path, gold: dict[str, str], chosen: list[int], db: Path,
              log: Callable[[str], None] | None) -> Report:
    from ..errors import InputError
    from ..ingest import iter_documents
    from ..link import link_ledger
    from ..pipeline import run_batch
    from ..store import Ledger

    say = log or (lambda s: None)
    report = Report(chosen)
    t0 = time.perf_counter()
    wanted = set(chosen)
    docs: list[Any] = []
    for d in iter_documents([directory / "docs.jsonl"]):
        if isinstance(d, InputError):
            raise d
        if d.id in gold and topic_of(d.id) in wanted:
            docs.append(d)
    results = {d.id: DocResult(d.id, topic_of(d.id), gold[d.id]) for d in docs}
    facts: dict[str, tuple[str | None, Date | None]] = {}
    with Ledger.open(db) as ledger:
        for i in range(0, len(docs), BATCH):
            batch = docs[i:i + BATCH]
            for d, rec in zip(batch, run_batch(batch), strict=True):
                res = results[d.id]
                if isinstance(rec, Exception):
                    res.failed = f"{type(rec).__name__}: {rec}"
                    facts[d.id] = (None, None)
                    continue
                res.claims = len(rec.claims)
                res.place, res.place_name, res.day, res.day_from = place_and_day(rec)
                facts[d.id] = (res.place, res.day)
                ledger.write(rec)  # ECB+ holds no two equal texts, so every document is stored
            say(f"extracted {min(i + BATCH, len(docs))} of {len(docs)} documents")
        report.seconds["extract"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        report.link_summary = link_ledger(ledger).summary()
        report.seconds["link"] = time.perf_counter() - t1
        ours: dict[str, Hashable] = dict(main_incidents(ledger))
        for r in ledger.connection.execute(
                "SELECT d.id AS doc, count(*) AS n FROM claims c JOIN documents d ON d.seq = c.doc "
                "JOIN claim_incident ci ON ci.claim = c.seq WHERE ci.incident IS NOT NULL GROUP BY d.id"):
            if r["doc"] in results:
                results[r["doc"]].linked_claims = r["n"]
    base, strict = same_place_within(facts), same_place_within(facts, strict=True)
    report.docs = list(results.values())
    by_topic: dict[int, list[DocResult]] = defaultdict(list)
    for res in report.docs:
        by_topic[res.topic].append(res)
    report.rows = [_row(str(t), by_topic[t], gold, ours, base, strict) for t in chosen]
    report.overall = _row("all", report.docs, gold, ours, base, strict)
    violent = [r for r in report.docs if r.topic in VIOLENT]
    if violent and len(violent) < len(report.docs):
        report.violent = _row("violent", violent, gold, ours, base, strict)
    report.seconds["total"] = time.perf_counter() - t0
    return report


def format_report(report: Report) -> str:
    head = (f"{'topic':>7} {'docs':>4} {'ev':>2} {'noclm':>5} {'unlnk':>5} {'noplc':>5} {'noday':>5} | "
            f"{'ours pairwise P/R/F1':>20} {'B3 P/R/F1':>17} | {'base pairwise P/R/F1':>20} {'B3 P/R/F1':>17}"
            f" | {'strict pw/B3 F1':>15}")

    def f3(s: Scores) -> str:
        return f"{s.precision:.2f}/{s.recall:.2f}/{s.f1:.3f}"

    def line(r: Row) -> str:
        return (f"{r.label:>7} {r.documents:>4} {r.events:>2} {r.no_claims:>5} {r.unlinked:>5} "
                f"{r.no_place:>5} {r.no_day:>5} | {f3(r.ours_pairwise):>20} {f3(r.ours_bcubed):>17} | "
                f"{f3(r.base_pairwise):>20} {f3(r.base_bcubed):>17} | "
                f"{f'{r.strict_pairwise.f1:.3f}/{r.strict_bcubed.f1:.3f}':>15}")

    s = report.seconds
    out = [f"ECB+ topics {','.join(map(str, report.topics))}: {len(report.docs)} documents; "
           f"extract {s.get('extract', 0):.1f} s, link {s.get('link', 0):.1f} s, "
           f"total {s.get('total', 0):.1f} s",
           f"link: {report.link_summary}",
           "ours = each document in its main incident; base = same place within "
           f"{BASELINE_DAYS} days (an unknown day rules nothing out); strict = the same, a document "
           "with no day alone", "ev = gold events; noclm = documents with no claim, unlnk = with "
           "claims but none linked, noplc/noday = no place/day for the baseline", "", head,
           "-" * len(head)]
    out += [line(r) for r in report.rows]
    out.append("-" * len(head))
    if report.violent:
        out.append(line(report.violent))
    if report.overall:
        out.append(line(report.overall))
        o = report.overall
        out += ["", f"pairs: gold {o.ours_pairwise.gold_pairs}, ours {o.ours_pairwise.our_pairs} "
                f"({o.ours_pairwise.true_pairs} right), baseline {o.base_pairwise.our_pairs} "
                f"({o.base_pairwise.true_pairs} right)"]
    failed = [d for d in report.docs if d.failed]
    if failed:
        out += ["", f"{len(failed)} documents failed in the pipeline (each counted alone):"]
        out += [f"- {d.id}: {d.failed}" for d in failed]
    return "\n".join(out)
