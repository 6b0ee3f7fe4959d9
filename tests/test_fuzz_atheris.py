"""A short coverage-guided fuzzing run (atheris) of the whole pipeline, so CI runs it every time.

The long run is one documented command at the top of ``fuzz/fuzz_pipeline.py``. Any crash fails
this test and leaves its input in the test's tmp directory (printed below) to become a regression
test named for the bug.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
HARNESS = REPO / "fuzz" / "fuzz_pipeline.py"
SECONDS = int(os.environ.get("CLAIMWEAVE_FUZZ_SECONDS", "20"))


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris is not installed")
def test_short_atheris_run(tmp_path: Path) -> None:
    corpus, artifacts = tmp_path / "corpus", tmp_path / "artifacts"
    artifacts.mkdir()
    subprocess.run([sys.executable, str(HARNESS), "--seeds", str(corpus)], check=True,
                   capture_output=True)
    proc = subprocess.run(
        [sys.executable, str(HARNESS), str(corpus), f"-max_total_time={SECONDS}", "-max_len=8192",
         "-timeout=60", "-rss_limit_mb=2048", f"-artifact_prefix={artifacts}/",
         "-print_final_stats=1"],
        capture_output=True, text=True, timeout=SECONDS + 120, cwd=tmp_path)
    crashes = sorted(p.name for p in artifacts.iterdir())
    tail = "\n".join(proc.stderr.splitlines()[-40:])
    assert proc.returncode == 0 and not crashes, f"fuzzer found {crashes} in {artifacts}:\n{tail}"
    runs = [ln for ln in proc.stderr.splitlines() if ln.startswith("stat::number_of_executed_units")]
    assert runs and int(runs[0].split(":")[-1]) > 100, tail
