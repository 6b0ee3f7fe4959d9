"""Time and peak memory of ``claimweave ingest`` on hostile inputs: a 100 MB single line (as text,
JSON Lines, HTML and CSV) and two decompression bombs (a gzip Content-Encoding in a WARC record,
and a .warc.gz member inflating to 300 MB), and 500 KB of nothing but counts and outcome words
(accepted: the worst case for casualty extraction). Each is generated in a temporary folder. A benchmark:
it prints figures and asserts nothing (tests/test_bad_inputs.py checks the outcomes).

    .venv/bin/python bench/bench_hostile.py
"""

from __future__ import annotations

import gzip
import io
import json
import re
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from pagegen import warc_response  # noqa: E402

# Peak RSS of the child itself (VmHWM), printed at exit.
_MEASURED = """
import atexit, re, sys
def _peak():
    with open("/proc/self/status") as fh:
        kb = re.search(r"VmHWM:\\s+(\\d+)", fh.read())
    sys.stderr.write(f"\\nPEAK_KB={kb.group(1) if kb else 0}\\n")
atexit.register(_peak)
from claimweave.cli import main
sys.argv[0] = "claimweave"
main(sys.argv[1:])
"""
GOOD = "At least 12 civilians were killed in Douma on Monday, a monitor said.\n"


def _measure(path: Path, tmp: Path) -> tuple[int, float, float]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _MEASURED, "ingest", str(path), "--db",
                           str(tmp / f"{path.name}.db"), "--no-lang", "-q"],
                          capture_output=True, text=True, timeout=600)
    secs = time.perf_counter() - t0
    m = re.search(r"PEAK_KB=(\d+)", proc.stderr)
    return proc.returncode, secs, int(m.group(1)) / 1024 if m else float("nan")


def _inputs(tmp: Path) -> list[Path]:
    line = b"civilians killed in Raqqa " * ((100 << 20) // 26)
    out = []
    for suffix, body in ((".txt", line), (".html", line),
                         (".jsonl", b'{"id": "x", "text": "' + line + b'"}\n'
                          + json.dumps({"text": GOOD}).encode() + b"\n"),
                         (".csv", b"id,text\n1," + line + b"\n2," + GOOD.strip().encode() + b"\n")):
        p = tmp / f"line100mb{suffix}"
        p.write_bytes(body)
        out.append(p)
    del line
    # Accepted, not refused: 500 KB of paragraphs that are nothing but counts and outcomes, the
    # worst case for pairing each count with its outcome word.
    dense = " ".join(f"{i} killed {i + 1} injured" for i in range(1, 200)) + ".\n\n"
    p = tmp / "dense_counts500kb.txt"
    p.write_text(dense * ((500 << 10) // len(dense)), encoding="utf-8")
    out.append(p)
    bomb = io.BytesIO()
    with gzip.GzipFile(fileobj=bomb, mode="wb", compresslevel=9) as gz:
        for _ in range(200):
            gz.write(b"<p>" + b"a" * (1 << 20) + b"</p>")
    p = tmp / "content_encoding_bomb.warc"
    p.write_bytes(warc_response(bomb.getvalue(), headers="Content-Encoding: gzip\r\n"))
    out.append(p)
    record = warc_response(b"<html><body><p>" + b"b" * (300 << 20) + b"</p></body></html>")
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    p = tmp / "member_bomb.warc.gz"
    p.write_bytes(z.compress(record) + z.flush())
    out.append(p)
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        print(f"{'input':<28} {'exit':>4} {'seconds':>8} {'peak RSS MB':>12}")
        for path in _inputs(tmp):
            status, secs, peak = _measure(path, tmp)
            print(f"{path.name:<28} {status:>4} {secs:>8.2f} {peak:>12.0f}")


if __name__ == "__main__":
    main()
