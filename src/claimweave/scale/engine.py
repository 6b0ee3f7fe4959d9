"""The Dask engine of ``claimweave ingest --engine dask``.

The client streams the inputs (the ordinary readers: text, HTML, JSON Lines, CSV, WARC, Parquet),
skips documents whose sha256 is already stored, and cuts the rest into partitions of
``batch_size`` documents. Each partition is one task: :func:`process_partition` runs the
per-document pipeline (:func:`claimweave.pipeline.run`, then :func:`claimweave.record.to_dict`
for Parquet output) on a worker. At most ``inflight`` partitions are out at once and results are
taken back in input order, so memory stays flat however large the corpus, and the ledger ends
with the documents in the same order (hence the same ``seq`` values, incidents and exports) as a
single-process run. Results are written from the client, a partition at a time (one transaction
per document, as everywhere), to the ledger (SQLite or PostgreSQL), or with ``out`` to Parquet
files ``part-NNNNN.parquet`` (columns: sha256, id, path, genre, language, n_claims, record =
the claimweave/1 JSON). Then the new claims are linked (incrementally: only the new ones).

Ctrl-C stops taking new documents, finishes the partitions already out, writes them and ends
(exit 130) without linking; a re-run skips what was written and goes on. A run killed outright
loses only uncommitted work: each document is committed whole or not at all (a Parquet part is
written to a temporary name and renamed).

With no scheduler address a ``LocalCluster`` is started (``n_workers`` worker processes, one
thread each: the pipeline is pure Python, so processes rather than threads give the speed-up).
With ``scheduler="tcp://host:8786"`` the run uses that cluster; its workers need the same
claimweave installed (``pip install claimweave[scale]``), nothing else: documents are sent to
them, no shared file system is needed.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..chunks import chunked
from ..errors import InputError
from ..ingest.options import IngestOptions
from ..model import Document, Record
from ..options import ExtractOptions
from .interrupt import graceful

DEFAULT_BATCH = 64


@dataclass
class ScaleStats:
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    claims: int = 0
    partitions: int = 0
    workers: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    link_summary: str | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def docs_per_s(self) -> float:
        done = self.new + self.unchanged
        return done / self.seconds if self.seconds else 0.0


# -- on the workers ------------------------------------------------------------------------
Outcome = tuple[str, Any, str | None]  # (path or id, Record or claimweave/1 dict or None, error)


def process_partition(docs: Sequence[Document], options: ExtractOptions, as_dict: bool) -> list[Outcome]:
    """The per-document pipeline over one partition; an exception is one document's error."""
    from ..pipeline import run_batch
    from ..record import to_dict

    out: list[Outcome] = []
    for doc, rec in zip(docs, run_batch(docs, options), strict=True):
        if isinstance(rec, Exception):
            out.append((doc.path or doc.id, None,
                        f"[E201] {doc.path}: extraction failed ({type(rec).__name__}: {rec})."))
            continue
        try:
            out.append((doc.path or doc.id, to_dict(rec) if as_dict else rec, None))
        except Exception as exc:
            out.append((doc.path or doc.id, None,
                        f"[E201] {doc.path}: extraction failed ({type(exc).__name__}: {exc})."))
    return out


# -- sinks (on the client) -----------------------------------------------------------------
class LedgerSink:
    as_dict = False

    def __init__(self, ledger: Any) -> None:
        self.ledger = ledger

    def has(self, sha256: str) -> bool:
        return bool(self.ledger.has(sha256))

    def write(self, payload: Any) -> bool:
        rec: Record = payload
        return bool(self.ledger.write(rec))

    def error(self, path: str, code: str, message: str) -> None:
        self.ledger.record_error(path, code, message)

    def flush(self) -> None:
        pass


class ParquetSink:
    """Rows collected and written as ``part-NNNNN.parquet`` every ``rows_per_part`` documents."""

    as_dict = True

    def __init__(self, out: Path, rows_per_part: int = 10_000) -> None:
        import pyarrow.parquet as pq

        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        self.rows_per_part = rows_per_part
        self.known: set[str] = set()
        parts = sorted(out.glob("part-*.parquet"))
        for part in parts:
            self.known.update(pq.read_table(part, columns=["sha256"]).column("sha256").to_pylist())
        self.next_part = 1 + max((int(p.stem.split("-")[1]) for p in parts), default=0)
        self.rows: list[dict[str, Any]] = []
        self.error_rows: list[str] = []

    def has(self, sha256: str) -> bool:
        return sha256 in self.known

    def write(self, payload: Any) -> bool:
        d: dict[str, Any] = payload
        sha = d["document"]["sha256"]
        if sha in self.known:
            return False
        self.known.add(sha)
        doc = d["document"]
        self.rows.append({"sha256": sha, "id": doc["id"], "path": doc.get("path"),
                          "genre": doc.get("genre"), "language": doc.get("language"),
                          "n_claims": len(d.get("claims", ())),
                          "record": json.dumps(d, ensure_ascii=False, allow_nan=False)})
        if len(self.rows) >= self.rows_per_part:
            self.flush()
        return True

    def error(self, path: str, code: str, message: str) -> None:
        self.error_rows.append(message)

    def flush(self) -> None:
        if not self.rows:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        name = self.out / f"part-{self.next_part:05d}.parquet"
        tmp = name.with_suffix(".parquet.tmp")
        pq.write_table(pa.Table.from_pylist(self.rows), tmp)
        os.replace(tmp, name)
        self.next_part += 1
        self.rows = []


# -- the client ------------------------------------------------------------------------------
def _partitions(items: Iterable[Document | InputError], sink: Any, stats: ScaleStats,
                batch_size: int, report: Callable[[str], None]) -> Iterator[list[Document]]:
    """Lists of ``batch_size`` documents new to the sink; input errors are recorded and
    reported, documents stored already (or sent out earlier in this run) counted unchanged."""
    pending: set[str] = set()  # sha256 sent out in this run (a duplicate input is unchanged)

    def new() -> Iterator[Document]:
        for item in items:
            if isinstance(item, InputError):
                stats.failed += 1
                sink.error(str(item.params.get("path", "")), item.code.name, str(item))
                report(str(item))
            elif item.sha256 in pending or sink.has(item.sha256):
                stats.unchanged += 1
            else:
                pending.add(item.sha256)
                yield item

    return chunked(new(), batch_size)


def start_client(scheduler: str | None, n_workers: int | None, processes: bool = True) -> Any:
    """A ``distributed.Client`` on ``scheduler``, or on a new ``LocalCluster``."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - the scale extra is in requirements.lock
        raise RuntimeError("the Dask engine needs dask and distributed "
                           "(pip install 'claimweave[scale]')") from exc
    if scheduler:
        return Client(scheduler, timeout="30s")
    # Ctrl-C in a terminal reaches the whole process group: the worker processes must leave it
    # to the client (which stops cleanly), so they start with SIGINT ignored (inherited).
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        cluster = LocalCluster(n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=processes, dashboard_address=":0", memory_limit=0,
                               silence_logs=40)
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)
    return Client(cluster)


def ingest_dask(paths: Sequence[str | Path], *, ledger: Any = None, out: Path | None = None,
                options: ExtractOptions | None = None, scheduler: str | None = None,
                n_workers: int | None = None, processes: bool = True,
                batch_size: int = DEFAULT_BATCH, inflight: int | None = None, link: bool = True,
                progress: bool = False, report: Callable[[str], None] | None = None,
                client: Any = None, reading: IngestOptions | None = None) -> ScaleStats:
    """Run the pipeline over ``paths`` on a Dask cluster into ``ledger`` (or Parquet ``out``)."""
    from ..ingest import iter_documents

    if (ledger is None) == (out is None):
        raise ValueError("give exactly one of ledger and out")
    say = report or (lambda msg: print(msg, file=sys.stderr))
    opts = options or ExtractOptions()
    sink: Any = LedgerSink(ledger) if ledger is not None else ParquetSink(out)  # type: ignore[arg-type]
    stats = ScaleStats()
    t0 = time.perf_counter()
    own_client = client is None
    client = client or start_client(scheduler, n_workers, processes)
    try:
        stats.workers = len(client.scheduler_info().get("workers", {})) or (n_workers or 1)
        limit = inflight or max(4, 3 * stats.workers)
        futures: deque[Any] = deque()
        last_shown = 0.0

        def drain_one() -> None:
            nonlocal last_shown
            for where, payload, err in futures.popleft().result():
                if err is not None:
                    stats.failed += 1
                    sink.error(where, "E201", err)
                    say(err)
                elif sink.write(payload):
                    stats.new += 1
                    stats.claims += len(payload["claims"] if sink.as_dict else payload.claims)
                else:
                    stats.unchanged += 1
            if progress and time.perf_counter() - last_shown > 1.0:
                last_shown = time.perf_counter()
                done = stats.new + stats.unchanged
                rate = done / (last_shown - t0)
                print(f"\ringest (dask, {stats.workers} workers): {done} documents, "
                      f"{rate:.1f} docs/s", end="", file=sys.stderr, flush=True)

        with graceful(iter_documents(list(paths), reading)) as items:
            try:
                for part in _partitions(items, sink, stats, batch_size, say):
                    futures.append(client.submit(process_partition, part, opts, sink.as_dict,
                                                 pure=False))
                    stats.partitions += 1
                    while len(futures) >= limit:
                        drain_one()
                while futures:
                    drain_one()
            except KeyboardInterrupt:  # a second Ctrl-C: drop what is still out
                for fut in futures:
                    fut.cancel()
                futures.clear()
                items.interrupted = True
            finally:
                sink.flush()
            stats.interrupted = items.interrupted
        if progress:
            print(file=sys.stderr)
    finally:
        if own_client:
            cluster = client.cluster
            client.close()
            if cluster is not None:
                cluster.close()
    stats.seconds = time.perf_counter() - t0
    if ledger is not None and link and not stats.interrupted:
        from ..link import link_ledger

        stats.link_summary = link_ledger(ledger).summary()
    return stats
