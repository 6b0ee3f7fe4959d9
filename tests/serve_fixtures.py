"""Ledgers for the workbench tests: the demo corpus plus hostile documents, built by the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpus" / "demo"
PWNED = "__pwned"

# A document whose text is full of markup and tricks; it must only ever be shown as text.
HOSTILE_TEXT = (
    "Hostile page test\n\n"
    "Air strikes on Hajin killed 12 civilians \x1b[2J\x1b]0;owned\x07<script>window.__pwned='script';alert(1)</script> on "
    "November 3, 2018, according to <img src=x onerror=\"window.__pwned='onerror'\"> the Syrian "
    "Observatory for Human Rights.\n\n"
    "See <a href=\"javascript:window.__pwned='js'\">details</a> and http://evil.example/track.png "
    "<iframe src=\"http://evil.example/\"></iframe> \x1b[31mRED\x1b[0m \u202eevil-rtl\u202c "
    "zero\u200bwidth \u200f\u0645\u0631\u062d\u0628\u0627 <style>body{display:none}</style> "
    "<link rel=stylesheet href=http://evil.example/x.css> <meta http-equiv=refresh "
    "content=\"0;url=http://evil.example/\">\n"
)
HOSTILE_JSONL = {
    "id": "hostile-wire-1",
    "title": "<script>window.__pwned='title'</script>Strike on Douma",
    "url": "javascript:window.__pwned='url'",
    "outlet": "<b onmouseover=\"window.__pwned='outlet'\">Evil Outlet</b>",
    "published": "2018-11-04",
    "html": "<html><body><script>window.__pwned='html'</script><article><p>Shelling of Douma killed "
            "5 civilians on November 2, 2018, the <svg onload=alert(1)> monitor said.</p>"
            "<p><img src=http://evil.example/a.png onerror=alert(2)></p></article></body></html>",
}
LONG_LINE_BYTES = 2_000_000


def write_hostile(folder: Path, long_line: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile_page.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (folder / "hostile_wire.jsonl").write_text(json.dumps(HOSTILE_JSONL) + "\n", encoding="utf-8")
    if long_line:
        # One 2 MB line: markup at both ends of a single huge token (a line of many short words
        # this long takes the extraction pipeline minutes; that is not what is tested here).
        (folder / "long_line.txt").write_text(
            "Long line <script>window.__pwned='long'</script>\u200b\u202e " + "A" * LONG_LINE_BYTES
            + " <img src=x onerror=\"window.__pwned='long'\"> end", encoding="utf-8")
    return folder


def _ingest(db: str, *paths: Path) -> None:
    subprocess.run([sys.executable, "-m", "claimweave.cli", "ingest", *map(str, paths),
                    "--db", db, "--quiet", "--no-lang"], check=True, cwd=ROOT,
                   capture_output=True, text=True)


def build_ledger(db: Path, *paths: Path) -> Path:
    _ingest(str(db), *paths)
    return db


def build_pg_ledger(url: str, *paths: Path) -> str:
    """The same in the PostgreSQL database at ``url``."""
    _ingest(url, *paths)
    return url
