"""``claimweave ingest --engine dask``: the command's side of :mod:`.engine`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..options import ExtractOptions
from ..store.pg import redact
from .interrupt import EXIT_INTERRUPTED


def run_dask(paths: Sequence[Path], db: Path | str | None, out: Path | None, options: ExtractOptions,
             *, scheduler: str | None, workers: int | None, batch: int, quiet: bool, link: bool,
             report: Callable[[str], None]) -> int:
    """Run the engine, print the summary; return the exit status (0, 1 some input failed,
    2 cannot start, 130 interrupted)."""
    import sys

    from ..errors import ClaimweaveError
    from ..ingest import IngestOptions
    from ..ingest.walk import output_paths
    from ..store import Ledger
    from .engine import ingest_dask

    ledger = None
    if db is not None:
        try:
            ledger = Ledger.open(db)
        except ClaimweaveError as exc:
            report(str(exc))
            return 2
    try:
        stats = ingest_dask(paths, ledger=ledger, out=out, options=options, scheduler=scheduler,
                            n_workers=workers, batch_size=batch, link=link, report=report,
                            progress=not quiet and sys.stderr.isatty(),
                            reading=IngestOptions(skip=output_paths(db, out)))
        where = f"Parquet {out}" if out is not None else f"Ledger {redact(str(db))}"
        if ledger is not None:
            total = ledger.counts()
            where += f": {total.get('documents', 0)} documents, {total.get('claims', 0)} claims"
    except (RuntimeError, OSError) as exc:
        report(f"[E004] the Dask engine cannot run: {exc}")
        return 2
    finally:
        if ledger is not None:
            ledger.close()
    if stats.link_summary:
        report(stats.link_summary)
    if stats.interrupted:
        report("interrupted: what was stored is kept; run the same command again to resume.")
    report(f"ingested {stats.new} new, {stats.unchanged} unchanged, {stats.failed} failed; "
           f"{stats.claims} new claims; {stats.docs_per_s:.1f} docs/s on {stats.workers} Dask "
           f"workers ({stats.partitions} partitions). {where}.")
    return EXIT_INTERRUPTED if stats.interrupted else 1 if stats.failed else 0
