"""Concurrency on one SQLite ledger: readers while a writer ingests, and two writers at once.

No "database is locked" (or any traceback) may reach the user, every reader sees whole documents
only (a document's claim rows all there with it, its record keeping the claimweave/1 contract),
and with two ``claimweave ingest`` processes over overlapping folders each document is stored
exactly once.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from claimweave.errors import ClaimweaveError, Errors
from claimweave.schema import contract_errors
from claimweave.store import Ledger
from pagegen import pages

CLAIMWEAVE = Path(sys.executable).parent / "claimweave"
N = 40


def _corpus(root: Path, names: range, texts: list[str]) -> Path:
    root.mkdir(parents=True)
    for i in names:
        (root / f"doc{i:02d}.txt").write_text(texts[i], encoding="utf-8")
    return root


def _ingest(db: Path, *paths: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([str(CLAIMWEAVE), "ingest", *map(str, paths), "--db", str(db),
                             "--no-lang", "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _clean(stderr: str) -> None:
    low = stderr.lower()
    assert "locked" not in low and "traceback" not in low and "[e2" not in low, stderr


def _consistent_read(db: Path) -> int:
    """One statement = one snapshot: every document with its claim rows; returns documents seen."""
    with Ledger.open(db) as ledger:
        rows = ledger.connection.execute(
            "SELECT d.record, (SELECT count(*) FROM claims c WHERE c.doc = d.seq) FROM documents d"
        ).fetchall()
        ledger.counts()
        ledger.claims(50)
    for record, n_claims in rows:
        rec = json.loads(record)
        assert len(rec["claims"]) == n_claims
        assert not contract_errors(rec)
    return len(rows)


def test_readers_while_a_writer_ingests(tmp_path: Path) -> None:
    texts = pages(31, N)
    corpus = _corpus(tmp_path / "in", range(N), texts)
    db = tmp_path / "ledger.db"
    writer = _ingest(db, corpus)
    while not db.exists() and writer.poll() is None:
        time.sleep(0.01)
    seen: list[int] = []
    failures: list[BaseException] = []
    cli_runs: list[subprocess.CompletedProcess[str]] = []

    def python_reader() -> None:
        try:
            while writer.poll() is None:
                seen.append(_consistent_read(db))
        except BaseException as exc:  # surfaced below
            failures.append(exc)

    def cli_reader() -> None:
        while writer.poll() is None:
            for args in (["claims", "--width", "100"], ["export", "--format", "jsonl"]):
                cli_runs.append(subprocess.run([str(CLAIMWEAVE), *args, "--db", str(db)],
                                               capture_output=True, text=True, timeout=120))

    threads = [threading.Thread(target=python_reader), threading.Thread(target=cli_reader)]
    for t in threads:
        t.start()
    _, err = writer.communicate(timeout=300)
    for t in threads:
        t.join(timeout=300)
    assert not failures, failures
    assert writer.returncode == 0, err
    _clean(err)
    assert cli_runs, "the CLI readers ran while the writer wrote"
    for run in cli_runs:
        assert run.returncode == 0, run.stderr
        _clean(run.stderr)
    assert seen == sorted(seen), "a reader never sees documents disappear"
    assert _consistent_read(db) == N
    print(f"\nreaders: {len(seen)} snapshot reads and {len(cli_runs)} CLI reads during one ingest "
          f"of {N} documents; none locked out", file=sys.stderr)


def test_two_writers_on_overlapping_folders(tmp_path: Path) -> None:
    texts = pages(47, N)
    a = _corpus(tmp_path / "a", range(0, 30), texts)
    b = _corpus(tmp_path / "b", range(10, N), texts)
    ref_db = tmp_path / "reference.db"
    ref = _ingest(ref_db, a, b)
    ref.communicate(timeout=300)
    with sqlite3.connect(ref_db) as conn:
        expected = dict(conn.execute(
            "SELECT d.sha256, (SELECT count(*) FROM claims c WHERE c.doc = d.seq) FROM documents d"))
    assert len(expected) == N
    for round_ in range(5):  # a fresh ledger each time: the creation and migration race too
        db = tmp_path / f"shared{round_}.db"
        first, second = _ingest(db, a), _ingest(db, b)
        outs = [first.communicate(timeout=300), second.communicate(timeout=300)]
        for proc, (_, err) in zip((first, second), outs, strict=True):
            assert proc.returncode == 0, err
            _clean(err)
        with sqlite3.connect(db) as conn:
            got = conn.execute(
                "SELECT d.sha256, (SELECT count(*) FROM claims c WHERE c.doc = d.seq) FROM documents d"
            ).fetchall()
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == sum(expected.values())
        assert len(got) == N and dict(got) == expected  # each document exactly once, whole


def test_bug_two_writers_creating_a_ledger_saw_database_is_locked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by test_two_writers_on_overlapping_folders: two ``claimweave ingest`` creating one
    ledger at once, one exited 2 with "[E004] Cannot open the ledger ...: database is locked"
    (SQLite answers a lock deadlock at once, without waiting). Opening now retries."""
    real = Ledger._open_once
    calls = {"n": 0}

    def flaky(db: str) -> Ledger:
        calls["n"] += 1
        if calls["n"] <= 2:
            try:
                raise sqlite3.OperationalError("database is locked")
            except sqlite3.OperationalError as exc:
                raise ClaimweaveError(Errors.E004, db=db, reason=str(exc)) from exc
        return real(db)

    monkeypatch.setattr(Ledger, "_open_once", staticmethod(flaky))
    with Ledger.open(tmp_path / "l.db") as ledger:
        assert ledger.counts()["documents"] == 0
    assert calls["n"] == 3
