"""The Dask engine on a local two-worker cluster: the same ledger as the single-process run,
Parquet input and output, and a run interrupted (Ctrl-C, or killed outright) then re-run giving
exactly the ledger of an uninterrupted run."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import pagegen

pytest.importorskip("distributed")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

ROOT = Path(__file__).resolve().parents[1]
EXE = str(Path(sys.executable).with_name("claimweave"))


def _corpus(tmp: Path, n: int, with_demo: bool = True) -> Path:
    """Demo files, a generated JSON Lines file, a CSV file and a Parquet file."""
    root = tmp / "in"
    if with_demo:
        shutil.copytree(ROOT / "corpus" / "demo", root / "demo")
    root.mkdir(exist_ok=True)
    pages = pagegen.pages(606, n)
    third = n // 3
    with open(root / "gen.jsonl", "w", encoding="utf-8") as fh:
        for i, text in enumerate(pages[:third]):
            fh.write(json.dumps({"id": f"j{i}", "text": text, "outlet": "Gen Wire",
                                 "published": "2018-11-05"}) + "\n")
    import csv

    with open(root / "gen.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "title", "text", "outlet", "author", "published"])
        for i, text in enumerate(pages[third:2 * third]):
            w.writerow([f"c{i}", "", text, "Gen Daily", "", "2018-11-06"])
    rows = [{"id": f"p{i}", "text": t, "outlet": "Gen Post", "published": "2018-11-07"}
            for i, t in enumerate(pages[2 * third:])]
    pq.write_table(pa.Table.from_pylist(rows), root / "gen.parquet", row_group_size=50)
    return root


def _run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    res = subprocess.run([EXE, "ingest", *args, "--no-lang", "-q"], capture_output=True,
                         text=True, timeout=600)
    if check:
        assert res.returncode == 0, res.stderr
    return res


def _exports(db: Path) -> dict[str, str]:
    out = {}
    for cmd, fmt in (("export", "jsonl"), ("export", "csv"), ("incidents", "jsonl")):
        res = subprocess.run([EXE, cmd, "--db", str(db), "--format", fmt], capture_output=True,
                             text=True, timeout=300, check=True)
        out[f"{cmd}.{fmt}"] = res.stdout
    return out


def test_dask_two_workers_same_ledger_as_single_process(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, 90)
    _run(str(corpus), "--db", str(tmp_path / "local.db"))
    res = _run(str(corpus), "--db", str(tmp_path / "dask.db"), "--engine", "dask",
               "--workers", "2", "--batch", "8")
    assert "on 2 Dask workers" in res.stderr
    local, dask = _exports(tmp_path / "local.db"), _exports(tmp_path / "dask.db")
    assert local["export.jsonl"].count("\n") == 19 + 90
    assert local == dask
    again = _run(str(corpus), "--db", str(tmp_path / "dask.db"), "--engine", "dask",
                 "--workers", "2")
    assert "ingested 0 new, 109 unchanged" in again.stderr


def test_dask_parquet_out_and_resume(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, 30, with_demo=False)
    out = tmp_path / "parts"
    _run(str(corpus), "--out", str(out), "--engine", "dask", "--workers", "2", "--batch", "4")
    table = pq.read_table(out)
    assert table.num_rows == 30 and len(set(table.column("sha256").to_pylist())) == 30
    rec = json.loads(table.column("record")[0].as_py())
    assert rec["schema"] == "claimweave/1"
    res = _run(str(corpus), "--out", str(out), "--engine", "dask", "--workers", "2")
    assert "ingested 0 new, 30 unchanged" in res.stderr
    assert pq.read_table(out).num_rows == 30


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize("how", ["sigint", "sigkill"])
def test_interrupted_dask_run_resumes_to_the_same_ledger(tmp_path: Path, how: str) -> None:
    n = 450
    corpus = _corpus(tmp_path, n, with_demo=False)
    full, cut = tmp_path / "full.db", tmp_path / "cut.db"
    _run(str(corpus), "--db", str(full))
    args = [EXE, "ingest", str(corpus), "--db", str(cut), "--engine", "dask", "--workers", "2",
            "--batch", "4", "--no-lang", "-q"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 300
    while _count(cut) < 40 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    if how == "sigint":
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 130, err
        assert "interrupted" in err
    else:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)
    stored = _count(cut)
    assert 0 < stored < n
    res = _run(str(corpus), "--db", str(cut), "--engine", "dask", "--workers", "2", "--batch", "4")
    assert f"ingested {n - stored} new, {stored} unchanged" in res.stderr
    assert _exports(full) == _exports(cut)
