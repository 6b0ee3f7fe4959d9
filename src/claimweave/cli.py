"""The ``claimweave`` command. Heavy modules are imported inside commands so --help is fast.

Exit status: 0 all went well; 1 some input could not be read or processed (reported with its
path and an error code); 2 bad arguments.
"""

from __future__ import annotations

import functools
import json
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import click

from .dbarg import DB_HELP, LEDGER, LEDGER_EXISTING

FORMATS = ("jsonl", "csv", "geojson")


def _err(msg: str) -> None:
    click.echo(_printable(msg), err=True)


def _printable(s: str) -> str:
    """Scraped text may carry terminal control sequences: show them escaped, never raw."""
    return "".join(ch if ch.isprintable() or ch in "\n\t" else f"\\x{ord(ch):02x}" for ch in s)


class _Group(click.Group):
    """Usage errors carry a catalogue code like every other error: ``[E006] Bad arguments: …``."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            from .errors import Errors

            if exc.ctx is not None:
                click.echo(exc.ctx.get_usage(), err=True)
            _err(Errors.E006.format(reason=exc.format_message()))
            sys.exit(2)
        except click.Abort:
            _err("Aborted.")
            sys.exit(1)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claimweave")
def main() -> None:
    """Turn conflict reporting into an evidence-linked claims ledger, offline."""


def _column_options(fn: Any) -> Any:
    """--text-col, --id-col, --date-col, --title-col: which columns of a CSV file or spreadsheet
    hold what, handed to the command as one ``columns`` (an :class:`ingest.Columns`)."""

    @functools.wraps(fn)
    def command(*args: Any, text_col: str | None, id_col: str | None, date_col: str | None,
                title_col: str | None, **kwargs: Any) -> Any:
        from .ingest import Columns

        return fn(*args, columns=Columns(text=text_col, id=id_col, date=date_col,
                                         title=title_col), **kwargs)

    for opt in reversed((
        click.option("--text-col", metavar="NAME", default=None,
                     help="CSV/spreadsheet column holding the text (default: article_content, "
                          "text, content or body)."),
        click.option("--id-col", metavar="NAME", default=None,
                     help="Column holding the document id (default: unit_id or id)."),
        click.option("--date-col", metavar="NAME", default=None,
                     help="Column holding the publication date (default: published or date)."),
        click.option("--title-col", metavar="NAME", default=None,
                     help="Column holding the title (default: article_title or title)."),
    )):
        command = opt(command)
    return command


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True,
              help="Output format: the claimweave/1 contract, one JSON object per document.")
@click.option("--no-lang", is_flag=True, help="Skip language identification (faster).")
@_column_options
def extract(paths: tuple[Path, ...], fmt: str, no_lang: bool, columns: Any) -> None:
    """Print the claimweave/1 record of every document in PATHS (files or directories): text,
    HTML, JSON Lines, CSV, PDF, Word .docx, OpenDocument .odt and .ods, RTF, .xlsx, WARC."""
    from .errors import InputError
    from .ingest import IngestOptions, iter_documents
    from .options import ExtractOptions
    from .record import to_dict

    opts = ExtractOptions(detect_language=not no_lang)
    failed = 0
    out = sys.stdout
    for item, rec in _batched(iter_documents(list(paths), IngestOptions(columns=columns)), opts):
        if isinstance(item, InputError):
            failed += 1
            _err(str(item))
        elif isinstance(rec, Exception):  # a bug must not stop the run: report it and go on
            failed += 1
            _err(f"[E201] {item.path}: extraction failed ({type(rec).__name__}: {rec}).")
        else:
            out.write(json.dumps(to_dict(rec), ensure_ascii=False) + "\n")
    sys.exit(1 if failed else 0)


BATCH = 32  # documents extracted together (their sentences are parsed in one nlp.pipe)


def _batched(items: Iterable[Any], opts: Any, skip: Callable[[Any], bool] = lambda d: False
             ) -> Iterator[tuple[Any, Any]]:
    """(item, record or exception) in input order; input errors and skipped documents pass
    through with None. Documents are run :data:`BATCH` at a time."""
    from .chunks import chunked
    from .errors import InputError
    from .pipeline import run_batch

    for part in chunked(items, BATCH):
        docs = [d for d in part if not isinstance(d, InputError) and not skip(d)]
        results = dict(zip(map(id, docs), run_batch(docs, opts), strict=True))
        for d in part:
            yield d, results.get(id(d))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", type=LEDGER, default=None, help=DB_HELP)
@click.option("--no-lang", is_flag=True, help="Skip language identification (faster).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--no-link", is_flag=True, help="Do not link the new claims into incidents.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this process; dask: partitions mapped over a Dask cluster.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler (tcp://host:8786); default: start a local cluster.")
@click.option("--workers", type=click.IntRange(1), default=None,
              help="Worker processes of the local Dask cluster (default: one per core).")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="With --engine dask: write Parquet parts to this folder instead of a ledger.")
@click.option("--batch", type=click.IntRange(1), default=64, show_default=True,
              help="With --engine dask: documents per partition (one task).")
@_column_options
def ingest(paths: tuple[Path, ...], db: Path | str | None, no_lang: bool, quiet: bool,
           no_link: bool, engine: str, scheduler: str | None, workers: int | None,
           out: Path | None, batch: int, columns: Any) -> None:
    """Extract PATHS (the files extract reads) into the ledger DB; documents already stored are
    skipped. Ctrl-C stops after the current document (exit 130); a re-run resumes where it
    stopped."""
    from .errors import InputError
    from .ingest import IngestOptions, iter_documents
    from .ingest.walk import output_paths
    from .options import ExtractOptions
    from .scale.interrupt import EXIT_INTERRUPTED, graceful

    opts = ExtractOptions(detect_language=not no_lang)
    if (db is None) == (out is None) or (out is not None and engine != "dask"):
        raise click.UsageError("give --db, or --out with --engine dask")
    if columns and engine == "dask":
        raise click.UsageError("--text-col, --id-col, --date-col and --title-col go with "
                               "--engine local")
    _paths_exist(paths)  # before the ledger is opened: a wrong path creates no ledger
    if engine == "dask":
        from .scale.cli import run_dask

        sys.exit(run_dask(paths, db, out, opts, scheduler=scheduler, workers=workers,
                          batch=batch, quiet=quiet, link=not no_link, report=_err))
    assert db is not None
    stats = {"new": 0, "unchanged": 0, "failed": 0, "claims": 0}
    t0 = time.perf_counter()
    with _open_ledger(db) as ledger:
        items = graceful(iter_documents(list(paths), IngestOptions(skip=output_paths(db),
                                                                   columns=columns)))
        with items, click.progressbar(items, label="ingest", file=sys.stderr, show_pos=True,
                               hidden=quiet or not sys.stderr.isatty(),
                               item_show_func=lambda d: _short(getattr(d, "path", None))) as bar:
            seen: set[str] = set()

            def stored(d: Any) -> bool:  # already in the ledger, or earlier in this batch
                dup = ledger.has(d.sha256) or d.sha256 in seen
                seen.add(d.sha256)
                return dup

            for item, rec in _batched(bar, opts, skip=stored):
                if isinstance(item, InputError):
                    stats["failed"] += 1
                    ledger.record_input_error(item)
                    _err(str(item))
                    continue
                if rec is None:
                    stats["unchanged"] += 1
                    continue
                if isinstance(rec, Exception):
                    stats["failed"] += 1
                    msg = f"[E201] {item.path}: extraction failed ({type(rec).__name__}: {rec})."
                    ledger.record_error(item.path or item.id, "E201", msg)
                    _err(msg)
                    continue
                if ledger.write(rec):
                    stats["new"] += 1
                    stats["claims"] += len(rec.claims)
                else:
                    stats["unchanged"] += 1
        secs = time.perf_counter() - t0
        total = ledger.counts()
        if items.interrupted:
            _err("interrupted: what was stored is kept; run the same command again to resume.")
        elif not no_link:
            from .link import link_ledger

            _err(link_ledger(ledger).summary())
    done = stats["new"] + stats["unchanged"]
    click.echo(
        f"ingested {stats['new']} new, {stats['unchanged']} unchanged, {stats['failed']} failed; "
        f"{stats['claims']} new claims; {done / secs if secs else 0:.1f} docs/s. "
        f"Ledger {_shown(db)}: {total.get('documents', 0)} documents, "
        f"{total.get('claims', 0)} claims.", err=True)
    sys.exit(EXIT_INTERRUPTED if items.interrupted else 1 if stats["failed"] else 0)


def _paths_exist(paths: Iterable[Path]) -> None:
    """Exit 2 with E002 for every given path that does not exist, before anything is written."""
    from .errors import Errors

    missing = [p for p in paths if not p.exists()]
    for p in missing:
        _err(Errors.E002.format(path=p))
    if missing:
        sys.exit(2)


def _shown(db: Path | str) -> str:
    """A ledger for messages: a PostgreSQL URL without its password."""
    from .store.pg import redact

    return redact(str(db))


def _short(p: str | None) -> str:
    return "" if not p else (p if len(p) < 40 else "…" + p[-39:])


def _open_ledger(db: Path | str):
    from .errors import ClaimweaveError
    from .store import Ledger

    try:
        return Ledger.open(db)
    except ClaimweaveError as exc:
        _err(str(exc))
        sys.exit(2)


def _filter_options(fn: Any) -> Any:
    """--from, --to, --place, --actor, --side, --grade: the workbench's filters
    (store/filters.py), handed to the command as one ``where`` (a :class:`store.filters.Where`,
    false when none is given)."""
    from .store.filters import GRADES

    @functools.wraps(fn)
    def command(*args: Any, date_from: Any, date_to: Any, place: str | None, actor: str | None,
                side: str | None, grade: str | None, **kwargs: Any) -> Any:
        return fn(*args, where=_where(date_from, date_to, place, actor, side, grade), **kwargs)

    day = click.DateTime(formats=["%Y-%m-%d"])
    for opt in reversed((
        click.option("--from", "date_from", type=day, default=None, metavar="YYYY-MM-DD",
                     help="On or after this day."),
        click.option("--to", "date_to", type=day, default=None, metavar="YYYY-MM-DD",
                     help="On or before this day."),
        click.option("--place", default=None, metavar="TEXT",
                     help="Place name, any spelling the documents use (Rakka, al-Raqqah)."),
        click.option("--actor", default=None, metavar="TEXT",
                     help="Perpetrator's name (part of it), side or knowledge-base id."),
        click.option("--side", default=None, metavar="SIDE",
                     help="Perpetrator's side in the actor knowledge base (isis, coalition, "
                          "syrian_government, opposition, ...)."),
        click.option("--grade", type=click.Choice(GRADES), default=None,
                     help="The incident's grade (for claims: an incident they are linked to)."),
    )):
        command = opt(command)
    return command


def _where(date_from: Any, date_to: Any, place: str | None, actor: str | None,
           side: str | None, grade: str | None) -> Any:
    """The filter options as a :class:`store.filters.Where`; an unknown side is a usage error."""
    from .store.filters import Where

    side = (side or "").strip().lower() or None
    if side is not None:
        from .annotate.actors import SIDES

        if side not in SIDES:
            raise click.BadParameter(f"{side!r} is not a side; choose one of "
                                     + ", ".join(sorted(SIDES)), param_hint="--side")
    return Where(date_from=date_from.date().isoformat() if date_from else None,
                 date_to=date_to.date().isoformat() if date_to else None,
                 place=(place or "").strip() or None, actor=(actor or "").strip() or None,
                 side=side, grade=grade)


def _filtered(select: Callable[[Any, Any], Any], ledger: Any, where: Any) -> Any:
    """``select(connection, where)`` (store.filters.claim_seqs or incident_ids), or exit 2 with
    E006 when the ledger cannot be filtered (PostgreSQL, for now)."""
    from .errors import Errors

    try:
        return select(ledger.connection, where)
    except ValueError as exc:
        _err(Errors.E006.format(reason=str(exc)))
        sys.exit(2)


@main.command()
@click.option("--db", required=True, type=LEDGER_EXISTING, help=DB_HELP)
@click.option("--limit", type=int, default=None, help="Show at most this many claims.")
@click.option("--width", type=int, default=None, help="Table width (default: terminal width).")
@_filter_options
def claims(db: Path, limit: int | None, width: int | None, where: Any) -> None:
    """Show the ledger's claims as a table (those the filters keep)."""
    from itertools import islice

    from .store.filters import claim_seqs
    from .table import render_claims

    with _open_ledger(db) as ledger:
        if where:
            keep = set(_filtered(claim_seqs, ledger, where))
            rows = [dict(r) for r in islice((r for r in ledger.iter_claims() if r["seq"] in keep), limit)]
        else:
            rows = ledger.claims(limit)
    w = width or shutil.get_terminal_size((120, 24)).columns
    click.echo(_printable(render_claims(rows, max(w, 80))))


def _export_options(formats: tuple[str, ...] = FORMATS) -> Callable[[Any], Any]:
    """--db, --format (one of ``formats``) and --output, shared by the commands that export."""
    def decorate(fn: Any) -> Any:
        for opt in reversed((
            click.option("--db", required=True, type=LEDGER_EXISTING, help=DB_HELP),
            click.option("--format", "fmt", type=click.Choice(formats), default="jsonl",
                         show_default=True),
            click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
                         default=None, help="Write here instead of standard output."),
            click.option("--reviewed-only", is_flag=True,
                         help="Only what people reviewed: claims confirmed or corrected; "
                              "incidents assessed or whose every claim was."),
        )):
            fn = opt(fn)
        return fn
    return decorate


def _export(db: Path, output: Path | None, write: Any) -> int:
    """Open the ledger ``db`` and run ``write(ledger, stream)`` on standard output or on
    ``output`` opened for text; the number of records written."""
    with _open_ledger(db) as ledger:
        if output is None:
            return int(write(ledger, sys.stdout))
        with output.open("w", encoding="utf-8", newline="") as fh:
            return int(write(ledger, fh))


@main.command()
@_export_options()
@_filter_options
def export(db: Path, fmt: str, output: Path | None, reviewed_only: bool, where: Any) -> None:
    """Export the ledger as JSON Lines (claimweave/1), CSV (one row per claim) or GeoJSON. With
    filters: the claims they keep (JSON Lines: the documents holding one, whole)."""
    from .store.export import export as do_export
    from .store.filters import claim_seqs

    def write(ledger: Any, out: Any) -> int:
        keep = set(_filtered(claim_seqs, ledger, where)) if where else None
        return do_export(ledger, fmt, out, reviewed_only, keep)

    n = _export(db, output, write)
    _err(f"exported {n} {'documents' if fmt == 'jsonl' else 'rows'} as {fmt}")


@main.command()
@click.option("--db", required=True, type=LEDGER_EXISTING, help=DB_HELP)
def link(db: Path) -> None:
    """Group the claims not linked yet into incidents (across documents) and grade them."""
    from .link import link_ledger

    with _open_ledger(db) as ledger:
        _err(link_ledger(ledger).summary())


@main.command()
@_export_options((*FORMATS, "acled", "ucdp"))
@_filter_options
def incidents(db: Path, fmt: str, output: Path | None, reviewed_only: bool, where: Any) -> None:
    """Export the incidents (claims, sources, date, place, victims, actors, grade, reasons);
    acled and ucdp: CSV with ACLED's or UCDP GED's columns (README: the mapping)."""
    from .link.export import export_incidents
    from .store.fieldformats import FIELD_FORMATS, write_field_format

    if reviewed_only and fmt in FIELD_FORMATS:
        raise click.UsageError("--reviewed-only goes with --format jsonl, csv or geojson")

    from .store.filters import incident_ids

    def write(ledger: Any, out: Any) -> int:
        ids = _filtered(incident_ids, ledger, where) if where else None
        if fmt in FIELD_FORMATS:
            return write_field_format(ledger.connection, fmt, out, ids)
        return export_incidents(ledger, fmt, out, reviewed_only,
                                ids=None if ids is None else set(ids))

    _err(f"exported {_export(db, output, write)} incidents as {fmt}")


@main.command()
@click.option("--db", required=True, type=LEDGER_EXISTING, help=DB_HELP)
@click.option("--reference", required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="CSV of known events.")
@click.option("--date-col", default="date", show_default=True)
@click.option("--place-col", default="location", show_default=True)
@click.option("--lat-col", default=None)
@click.option("--lon-col", default=None)
@click.option("--actor-col", default="actor", show_default=True)
@click.option("--count-col", default="nb_civilians", show_default=True, help="Civilians killed.")
@click.option("--id-col", default=None, help="Reference event id (default: row number).")
@click.option("--days", type=int, default=1, show_default=True, help="Date tolerance in days.")
@click.option("--km", "max_km", type=float, default=25.0, show_default=True,
              help="Distance tolerance when the reference has coordinates.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
def verify(db: Path, reference: Path, date_col: str, place_col: str, lat_col: str | None,
           lon_col: str | None, actor_col: str, count_col: str, id_col: str | None, days: int,
           max_km: float, fmt: str) -> None:
    """Label each claim consistent, inconsistent or unmatched against a reference CSV."""
    from .link.verify import Columns, verify_ledger, write_labels

    cols = Columns(date=date_col, place=place_col, lat=lat_col, lon=lon_col, actor=actor_col,
                   count=count_col, id=id_col)
    with _open_ledger(db) as ledger:
        labels = verify_ledger(ledger, reference, cols, days=days, max_km=max_km)
    counts = write_labels(labels, fmt, sys.stdout)
    _err(", ".join(f"{k} {v}" for k, v in counts.items()))


@main.command()
@click.option("--db", required=True, type=LEDGER_EXISTING, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def framing(db: Path, as_json: bool) -> None:
    """Per source: persuasion marks per 1,000 words and the words chosen for contested things."""
    with _open_ledger(db) as ledger:
        rows = ledger.framing_by_source()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        marks = sum(r["techniques"].values())
        rate = 1000 * marks / r["words"] if r["words"] else 0.0
        click.echo(_printable(f"{r['source']}: {r['words']} words, {marks} marks ({rate:.1f} per 1,000 words)"))
        if r["techniques"]:
            top = sorted(r["techniques"].items(), key=lambda kv: -kv[1])
            click.echo("  techniques: " + ", ".join(f"{k} {v}" for k, v in top))
        for concept, terms in sorted(r["terms"].items()):
            total = sum(terms.values())
            shares = ", ".join(f"{t} {100 * n / total:.0f}%" for t, n in sorted(terms.items(), key=lambda kv: -kv[1]))
            click.echo(_printable(f"  {concept}: {shares}"))


@main.group(name="eval")
def eval_() -> None:
    """Measure extraction against real data no one here wrote."""


@eval_.command()
@click.argument("csv_path", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--split", type=click.Choice(["train", "test", "all"]), default="test", show_default=True)
@click.option("--show", type=int, default=20, show_default=True, help="Disagreements to list per field.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def fakes(csv_path: Path, split: str, show: int, as_json: bool) -> None:
    """Per-field accuracy against the FA-KES crowd facts (location, actor, cause, date, civilians)."""
    from .evaluate.fakes import evaluate, format_report

    report = evaluate(csv_path, split)
    click.echo(json.dumps(report.figures(), indent=2) if as_json else _printable(format_report(report, show)))


@eval_.group(name="links")
def eval_links() -> None:
    """Incident linking measured against real groupings of documents by event."""


def _topics(ctx: click.Context, param: click.Parameter, value: str | None) -> list[int] | None:
    from .evaluate.ecbplus import VIOLENT

    if value is None:
        return None
    if value.strip().lower() == "violent":
        return list(VIOLENT)
    try:
        return [int(t) for t in value.split(",") if t.strip()]
    except ValueError:
        raise click.BadParameter(f"{value!r}: give topic numbers separated by commas, or 'violent'") from None


@eval_links.command("ecbplus")
@click.argument("directory", metavar="DIR", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--topics", default=None, callback=_topics, metavar="N,...",
              help="Topics to run, e.g. 8,12 or 'violent' (8,12,16,18,19,21,22,32,33,41,45); default all.")
@click.option("--db", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Keep the linked ledger in this new SQLite file (default: a temporary one).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def links_ecbplus(directory: Path, topics: list[int] | None, db: Path | None, as_json: bool) -> None:
    """Pairwise and B-cubed scores of documents' incidents against ECB+'s gold events, beside the
    baseline "same place within 3 days", per topic and overall (DIR holds docs.jsonl, gold.json)."""
    from .evaluate.ecbplus import evaluate, format_report

    for name in ("docs.jsonl", "gold.json"):
        if not (directory / name).is_file():
            raise click.BadParameter(f"{directory / name} not found", param_hint="DIR")
    if db is not None and db.exists():
        raise click.BadParameter(f"{db} exists; give a new file", param_hint="--db")
    try:
        report = evaluate(directory, topics, db, log=_err)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--topics") from None
    click.echo(json.dumps(report.figures(), indent=2) if as_json else _printable(format_report(report)))


@main.group()
def gazetteer() -> None:
    """The place index: Syrian and Iraqi villages (Who's On First, GeoNames), world cities, and
    the places you import."""


@gazetteer.command("build")
def gazetteer_build() -> None:
    """Build (or rebuild) the cached place index now rather than on first use."""
    from .annotate.gazetteer import build_index

    click.echo(str(build_index()))


@gazetteer.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False))
def gazetteer_import(files: tuple[Path, ...]) -> None:
    """Add the places of GeoNames dumps (YE.txt, allCountries.txt; admin1CodesASCII.txt names
    their governorates) or Who's On First locality TSV files to your own index, used beside the
    packaged one. It lives in $CLAIMWEAVE_DATA_DIR/gazetteer (default ~/.local/share/claimweave);
    'claimweave gazetteer remove' deletes it."""
    from .annotate.gazetteer import build_index, load
    from .annotate.gazetteer_files import import_files

    result = import_files(files)
    for exc in result.errors:
        _err(_printable(str(exc)))
    load.cache_clear()
    build_index()
    click.echo(_printable(f"{result.places} imported places in {result.path}"))
    if result.errors:
        sys.exit(1)


@gazetteer.command("info")
def gazetteer_info() -> None:
    """Where your imported index lives and how many places it holds."""
    from .annotate.gazetteer_files import imported_path, read_imported

    path = imported_path()
    click.echo(_printable(f"{path}\t{len(read_imported())} places" if path.exists() else f"{path}\t(none imported)"))


@gazetteer.command("remove")
def gazetteer_remove() -> None:
    """Delete your imported index (the packaged places stay)."""
    from .annotate.gazetteer_files import remove_imported

    path = remove_imported()
    click.echo(_printable(f"removed {path}" if path else "no imported index"))


@main.command()
@click.option("--db", required=True, type=LEDGER_EXISTING, help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535))
@click.option("--write", is_flag=True,
              help="Accept reviews from reviewer and admin accounts (Authorization: Bearer TOKEN); "
                   "without it every write answers 403.")
def serve(db: Path | str, host: str, port: int, write: bool) -> None:
    """Serve the web workbench and JSON API over the ledger DB (read-only unless --write)."""
    from .serve.app import serve as run_server

    try:
        run_server(db, host=host, port=port, write=write)
    except ValueError as exc:
        _err(f"[E004] {exc}")
        sys.exit(2)


@main.group()
def users() -> None:
    """Accounts of the workbench's write mode: viewer, reviewer or admin."""


def _accounts_error(reason: str) -> NoReturn:
    from .errors import Errors

    _err(Errors.E008.format(reason=reason))
    sys.exit(2)


@users.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(["viewer", "reviewer", "admin"]))
@click.option("--db", required=True, type=LEDGER, help=DB_HELP)
def users_add(name: str, role: str, db: Path | str) -> None:
    """Create account NAME; its token is printed once, as the last line of standard output."""
    from .store.review import add_user

    with _open_ledger(db) as ledger:
        try:
            user, token = add_user(ledger.connection, name, role)
        except ValueError as exc:
            _accounts_error(str(exc))
    _err(f"user {user.name} ({user.role}) added to {_shown(db)}; the token below is shown only "
         "now and is stored only as a salted hash: keep it")
    click.echo(token)


@users.command("list")
@click.option("--db", required=True, type=LEDGER_EXISTING, help=DB_HELP)
def users_list(db: Path | str) -> None:
    """List the accounts: name, role, created (never tokens)."""
    from .store.review import list_users

    with _open_ledger(db) as ledger:
        rows = list_users(ledger.connection)
    for u in rows:
        click.echo(_printable(f"{u.name}\t{u.role}\t{u.created_at}"))


@users.command("remove")
@click.argument("name")
@click.option("--db", required=True, type=LEDGER_EXISTING, help=DB_HELP)
def users_remove(name: str, db: Path | str) -> None:
    """Delete account NAME: its token stops working; its decisions stay in the audit."""
    from .store.review import remove_user

    with _open_ledger(db) as ledger:
        if not remove_user(ledger.connection, name):
            _accounts_error(f"no user named {_printable(name)} in {_shown(db)}")
    _err(f"user {_printable(name)} removed")



@main.group()
def audit() -> None:
    """The append-only audit of people's decisions in write mode (reviews, notes, accounts)."""


@audit.command("export")
@click.option("--db", required=True, type=LEDGER_EXISTING, help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to this file instead of standard output.")
def audit_export(db: Path | str, fmt: str, out: Path | None) -> None:
    """Every decision, oldest first: id, at, user, action, target, before, after, note."""
    from .store.review import iter_audit, write_audit

    with _open_ledger(db) as ledger:
        if out is None:
            n = write_audit(iter_audit(ledger.connection), fmt, sys.stdout)
        else:
            with out.open("w", encoding="utf-8", newline="") as fh:
                n = write_audit(iter_audit(ledger.connection), fmt, fh)
    _err(f"{n} audit rows from {_shown(db)}")


if __name__ == "__main__":
    main()
