"""Expand input paths into files: directories recursively, sorted, hidden entries skipped."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..errors import Errors, InputError
from .options import IngestOptions


def iter_files(
    paths: Sequence[str | Path], options: IngestOptions
) -> Iterator[tuple[Path, str] | InputError]:
    """Yield ``(path, label)`` for each file to read, or an :class:`InputError`.

    ``label`` is the path as given (joined with the relative names found under a directory).
    A path given explicitly is read even if it is hidden or a symlink; inside directories hidden
    names are skipped and symlinks are followed only with ``options.follow_symlinks``.
    """
    for given in paths:
        label = os.fspath(given)
        p = Path(given)
        try:
            st = p.stat()
        except FileNotFoundError:
            yield InputError(Errors.E002, path=label)
            continue
        except OSError as exc:
            yield InputError(Errors.E108, path=label, reason=exc.strerror or str(exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(p, label, options, {_key(st)})
        elif stat.S_ISREG(st.st_mode):
            yield p, label
        else:
            yield InputError(Errors.E108, path=label, reason="not a regular file")


def _key(st: os.stat_result) -> tuple[int, int]:
    return (st.st_dev, st.st_ino)


def _walk(
    directory: Path, label: str, options: IngestOptions, seen: set[tuple[int, int]]
) -> Iterator[tuple[Path, str] | InputError]:
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        yield InputError(Errors.E108, path=label, reason=exc.strerror or str(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child, child_label = Path(entry.path), os.path.join(label, entry.name)
        if entry.is_symlink() and not options.follow_symlinks:
            continue
        if options.skip and os.path.realpath(entry.path) in options.skip:
            continue
        try:
            st = entry.stat(follow_symlinks=True)
        except OSError:
            continue  # a dangling link inside a tree is not an input
        if stat.S_ISDIR(st.st_mode):
            if options.recursive and _key(st) not in seen:
                yield from _walk(child, child_label, options, seen | {_key(st)})
        elif stat.S_ISREG(st.st_mode):
            yield child, child_label


def output_paths(*targets: Path | str | None) -> frozenset[str]:
    """Real paths a run writes to (a SQLite ledger with its -wal/-shm/-journal files, a Parquet
    folder), for :attr:`IngestOptions.skip`: a run never reads its own output as input."""
    out: set[str] = set()
    for t in targets:
        if isinstance(t, Path):
            base = os.path.realpath(t)
            out.update(base + s for s in ("", "-wal", "-shm", "-journal"))
    return frozenset(out)
