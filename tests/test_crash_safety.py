"""Crash safety: ``claimweave ingest`` killed with SIGKILL at random points, then run again.

Over a corpus of 40 generated documents, a seeded random schedule kills the process at least 50
times (``CLAIMWEAVE_KILLS`` raises it for a long run): mostly right after a random number of new
documents has been committed (plus a jitter of up to 20 ms), otherwise at a random time in the
run (start-up, migrations, writing, linking, closing). After every kill ``PRAGMA integrity_check``
must say ok; after each episode (kill, re-run, ... until a run completes) the ledger must equal
one built by an uninterrupted run: the same documents by sha256, the same units, places and claim
rows, the same input errors, nothing duplicated.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from pagegen import pages

CLAIMWEAVE = Path(sys.executable).parent / "claimweave"
KILLS = int(os.environ.get("CLAIMWEAVE_KILLS", "50"))
SEED = int(os.environ.get("CLAIMWEAVE_KILL_SEED", "20261123"))


def make_corpus(root: Path, n: int = 40, seed: int = 5) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(pages(seed, n - 2)):
        (root / f"doc{i:02d}.txt").write_text(text, encoding="utf-8")
    (root / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))  # an input error too
    (root / "zz.jsonl").write_text('{"id": "j1", "text": "Five people were wounded in Afrin."}\n',
                                   encoding="utf-8")
    return root


def _cmd(corpus: Path, db: Path) -> list[str]:
    return [str(CLAIMWEAVE), "ingest", str(corpus), "--db", str(db), "--no-lang", "-q"]


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db, timeout=30)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def snapshot(db: Path) -> dict[str, Any]:
    """The ledger's content, independent of insertion order, timestamps and row ids."""
    conn = sqlite3.connect(db, timeout=30)
    try:
        q = conn.execute
        docs = q("SELECT sha256, id, path, title, genre, language, outlet, author, published, url,"
                 " text, record FROM documents ORDER BY sha256").fetchall()
        sha = "(SELECT sha256 FROM documents d WHERE d.seq = t.doc)"
        units = q(f"SELECT {sha}, t.ord, t.id, t.kind, t.span_start, t.span_end, t.speaker, t.lang,"
                  " t.parent FROM units t ORDER BY 1, 2").fetchall()
        places = q(f"SELECT {sha}, t.ord, t.name, t.span_start, t.span_end, t.lat, t.lon"
                   " FROM places t ORDER BY 1, 2").fetchall()
        cols = [r[1] for r in q("PRAGMA table_info(claims)") if r[1] not in ("seq", "doc")]
        claims = q(f"SELECT {sha}, {', '.join('t.' + c for c in cols)} FROM claims t"
                   " ORDER BY 1, t.ord").fetchall()
        errors = q("SELECT path, code, message FROM input_errors ORDER BY path, code").fetchall()
        snap = {"documents": docs, "units": units, "places": places, "claims": claims,
                "errors": errors}
        if q("SELECT 1 FROM sqlite_master WHERE name = 'claim_incident'").fetchone():
            # incident linking: every claim looked at exactly once, linked or not as it would be
            # uninterrupted (the grouping itself may depend on batch order; see the link stage)
            sha_c = "(SELECT d.sha256 FROM documents d JOIN claims c ON c.doc = d.seq WHERE c.seq = t.claim)"
            ord_c = "(SELECT c.ord FROM claims c WHERE c.seq = t.claim)"
            snap["links"] = q(f"SELECT {sha_c}, {ord_c}, t.incident IS NOT NULL FROM claim_incident t"
                              " ORDER BY 1, 2").fetchall()
        return snap
    finally:
        conn.close()


def _stored(db: Path) -> int:
    """Documents stored so far (0 before the first migration has committed)."""
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=30)
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents'").fetchone():
            return 0
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    finally:
        conn.close()


def _no_duplicates(snap: dict[str, Any]) -> None:
    shas = [d[0] for d in snap["documents"]]
    assert len(shas) == len(set(shas))
    keys = [(c[0], c[1]) for c in snap["claims"]]  # (document, ord)
    assert len(keys) == len(set(keys))
    if "links" in snap:
        assert [(lk[0], lk[1]) for lk in snap["links"]] == sorted(keys)


def _timed(cmd: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    return time.perf_counter() - t0, proc


def _kill_chain(corpus: Path, db: Path, expected: dict[str, Any], kills_wanted: int,
                rng: random.Random, window: tuple[float, float]) -> dict[str, int]:
    """Episodes of kill, re-run, ... until a run finishes; check the ledger after each."""
    stats = {"kills": 0, "episodes": 0, "reruns": 0, "before_first": 0, "mid_run": 0, "after_last": 0}
    while stats["kills"] < kills_wanted:
        stats["episodes"] += 1
        for p in db.parent.glob(db.name + "*"):
            p.unlink()
        while True:
            before = _stored(db)
            proc = subprocess.Popen(_cmd(corpus, db), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            stats["reruns"] += 1
            left = len(expected["documents"]) - before
            if stats["kills"] < kills_wanted and left:  # with nothing left, the episode ends
                if rng.random() < 0.7:  # after a random number of new commits, plus a jitter
                    target = before + rng.randint(0, left)
                    while proc.poll() is None and _stored(db) < target:
                        time.sleep(0.002)
                    time.sleep(rng.uniform(0.0, 0.02))
                else:  # anywhere in the run: start-up, migrations, writing, linking, closing
                    time.sleep(rng.uniform(*window))
                if proc.poll() is None:
                    proc.send_signal(signal.SIGKILL)
                    stats["kills"] += 1
            proc.wait(timeout=300)
            if db.exists():
                assert integrity(db) == "ok", f"{db.name} after kill {stats['kills']}"
            if proc.returncode != -signal.SIGKILL:
                assert proc.returncode == 1  # the PNG again; everything else stored
                break
            after = _stored(db)
            phase = ("before_first" if after == before else "after_last" if after - before == left
                     else "mid_run")
            stats[phase] += 1
        got = snapshot(db)
        _no_duplicates(got)
        assert got == expected, f"{db.name}: episode {stats['episodes']} after {stats['kills']} kills"
    return stats


def test_sigkill_at_random_points_then_rerun(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    ref_db = tmp_path / "reference.db"
    full, ref = _timed(_cmd(corpus, ref_db))
    assert ref.returncode == 1, ref.stderr  # the PNG is reported, the rest goes in
    expected = snapshot(ref_db)
    assert len(expected["documents"]) == 39 and expected["claims"] and expected["errors"]
    _no_duplicates(expected)
    startup, _ = _timed(_cmd(corpus, ref_db))  # nothing left to do: start-up and shut-down only
    window = (0.0, 1.2 * full)
    chains = 2  # two independent ledgers killed side by side (CI has two cores)
    with ThreadPoolExecutor(chains) as pool:
        futures = [pool.submit(_kill_chain, corpus, tmp_path / f"killed{k}.db", expected,
                               -(-KILLS // chains), random.Random(SEED + k), window)
                   for k in range(chains)]
        results = [f.result() for f in futures]
    total = {key: sum(r[key] for r in results) for key in results[0]}
    assert total["kills"] >= KILLS
    print(f"\ncrash safety: {total['kills']} SIGKILLs ({total['before_first']} before the run's first "
          f"commit, {total['mid_run']} between two documents' commits, {total['after_last']} after its "
          f"last) in {total['episodes']} episodes, {total['reruns']} runs; full run {full:.2f} s, "
          f"start-up {startup:.2f} s; ledger equal to the uninterrupted one and integrity ok every "
          f"time", file=sys.stderr)
