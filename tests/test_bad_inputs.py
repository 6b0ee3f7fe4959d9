"""The bad-input corpus, generated here into tmp_path and fed to ``claimweave ingest`` end to end.

Each hostile file either becomes a document or gets a clear error on stderr with its path (and its
line or row where there is one) and an error code; the good documents beside it are stored all
the same; the exit status is 1 when anything failed. Nothing here is committed as a large file:
the 100 MB line and the decompression bomb are made on the fly.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sqlite3
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from pagegen import warc_response
from test_ingest_formats import encrypted_pdf

CLAIMWEAVE = Path(sys.executable).parent / "claimweave"
GOOD = "More than 17 civilians were killed on November 3 in Hajin, according to a local monitor.\n"
ARABIC = "قتل 12 مدنيا في غارات جوية على مدينة الرقة يوم الثلاثاء، بحسب مرصد محلي.\n"


def _ingest(db: Path, *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLAIMWEAVE), "ingest", *map(str, paths), "--db", str(db), "--no-lang",
                           "-q"], capture_output=True, text=True, timeout=300)


def _docs(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT path, text FROM documents").fetchall())


def _errors(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return {p: c for p, c in conn.execute("SELECT path, code FROM input_errors")}


def _gzip_bomb(size: int) -> bytes:
    """gzip of ``size`` bytes of HTML-ish filler, streamed so the test itself stays small."""
    out = io.BytesIO()
    chunk = b"<p>" + b"a" * (1 << 20) + b"</p>"
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as gz:
        for _ in range(size // len(chunk)):
            gz.write(chunk)
    return out.getvalue()


def _corpus(root: Path) -> dict[str, Path]:
    root.mkdir()
    files = {
        "good": root / "good.txt",
        "empty": root / "empty.txt",
        "binary": root / "binary.txt",
        "binary_unknown": root / "blob.dat",
        "truncated_utf8": root / "truncated.txt",
        "utf16_nobom": root / "utf16.txt",
        "cp1256": root / "arabic.txt",
        "mojibake": root / "mojibake.txt",
        "deep_html": root / "deep.html",
        "warc_bomb": root / "bomb.warc",
        "jsonl_broken": root / "wire.jsonl",
        "jsonl_empty": root / "nothing.jsonl",
        "csv_no_text": root / "notext.csv",
        "csv_short_row": root / "short.csv",
        "control_chars": root / "escape\x1b[2Jname.txt",
        "pdf_corrupt": root / "broken.pdf",
        "pdf_encrypted": root / "locked.pdf",
        "docx_not_zip": root / "letter.docx",
        "xlsx_bomb": root / "sheet.xlsx",
    }
    files["good"].write_text(GOOD, encoding="utf-8")
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    files["binary_unknown"].write_bytes(bytes(range(256)) * 8)
    files["truncated_utf8"].write_bytes("Des civils ont été tués à Raqqa".encode()[:-2] + "é".encode()[:1])
    files["utf16_nobom"].write_bytes(("Twelve civilians were killed in Raqqa on Tuesday.\n" * 3)
                                     .encode("utf-16-le"))
    files["cp1256"].write_bytes(ARABIC.encode("cp1256"))
    files["mojibake"].write_text(GOOD.replace("November", "Novémbre").encode().decode("latin-1")
                                 + "â€œquotedâ€\x9d\n", encoding="utf-8")
    files["deep_html"].write_text("<html><body>" + "<div>" * 10_000 + "Twelve civilians were killed."
                                  + "</div>" * 10_000 + "</body></html>", encoding="utf-8")
    files["warc_bomb"].write_bytes(warc_response(_gzip_bomb(200 << 20), headers="Content-Encoding: gzip\r\n"))
    files["jsonl_broken"].write_text(
        json.dumps({"id": "a", "text": GOOD.replace("17", "19")}) + "\n{\"id\": \"b\", \"text\": \"cut short\n"
        + json.dumps({"id": "c", "text": GOOD.replace("17", "18")}) + "\n", encoding="utf-8")
    files["jsonl_empty"].write_text("\n  \n", encoding="utf-8")
    files["csv_no_text"].write_text("id,title,outlet\n1,Strikes,Agency\n", encoding="utf-8")
    files["csv_short_row"].write_text(f'id,title,text\n1,Strikes,"{GOOD.strip()}"\n2,Short row\n',
                                      encoding="utf-8")
    files["control_chars"].write_bytes(b"")
    files["pdf_corrupt"].write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                                     b"trailer << /Root 1 0 R >>\n%%EOF\n")
    files["pdf_encrypted"].write_bytes(encrypted_pdf("a-password"))
    files["docx_not_zip"].write_text("A letter saved under the wrong suffix.\n", encoding="utf-8")
    with zipfile.ZipFile(files["xlsx_bomb"], "w", compression=zipfile.ZIP_DEFLATED) as z, \
            z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
        for _ in range(60):
            member.write(b" " * (1 << 20))  # 60 MB once inflated, over the 50 MB limit
    return files


def test_bad_input_corpus_end_to_end(tmp_path: Path) -> None:
    files = _corpus(tmp_path / "in")
    db = tmp_path / "ledger.db"
    t0 = time.perf_counter()
    proc = _ingest(db, tmp_path / "in")
    secs = time.perf_counter() - t0
    assert proc.returncode == 1, proc.stderr
    err, docs, errors = proc.stderr, _docs(db), _errors(db)

    def reported(key: str, code: str, where: str = "") -> None:
        path = str(files[key]) + where
        assert f"[{code}] {path}" in err, (key, err)
        assert errors.get(path) == code, (key, errors)

    reported("empty", "E101")
    reported("binary", "E102")
    reported("binary_unknown", "E110")
    reported("truncated_utf8", "E103")
    reported("jsonl_empty", "E101")
    reported("csv_no_text", "E107")
    reported("csv_short_row", "E101", "#3")
    reported("warc_bomb", "E104", "#0")
    reported("pdf_corrupt", "E108")
    reported("pdf_encrypted", "E112")
    reported("docx_not_zip", "E108")
    reported("xlsx_bomb", "E104", "#xl/worksheets/sheet1.xml")
    assert f"[E108] {files['docx_not_zip']}: cannot read (not a Word .docx file (not a zip" in err
    assert f"[E112] {files['pdf_encrypted']}: PDF is encrypted (it needs a password)" in err
    assert f"[E105] {files['jsonl_broken']}: line 2: not valid JSON" in err
    # a name carrying a terminal escape is shown escaped, never raw
    assert "\x1b" not in err and "escape\\x1b[2Jname.txt" in err
    # handled: decoded exactly, or reported, never lost silently
    assert docs[str(files["good"])] == GOOD
    assert docs[str(files["utf16_nobom"])].startswith("Twelve civilians were killed in Raqqa")
    assert docs[str(files["cp1256"])] == ARABIC
    mojibake = files["mojibake"].read_text(encoding="utf-8")
    assert "NovÃ©mbre" in mojibake and docs[str(files["mojibake"])] == mojibake  # never "repaired"
    assert str(files["deep_html"]) in docs or any(k.startswith(str(files["deep_html"])) for k in errors)
    assert {f"{files['jsonl_broken']}#1", f"{files['jsonl_broken']}#3"} <= docs.keys()
    assert f"{files['csv_short_row']}#2" in docs
    print(f"bad corpus: {secs:.2f} s; errors {sorted(errors.values())}; "
          f"deep html: {[c for p, c in errors.items() if 'deep' in p] or 'stored'}", file=sys.stderr)
    # a second run over the same corpus changes nothing and says the same
    again = _ingest(db, tmp_path / "in")
    assert again.returncode == 1 and _docs(db) == docs and _errors(db) == errors
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".html", ".csv"])
def test_hundred_megabyte_single_line(tmp_path: Path, suffix: str) -> None:
    """100 MB on one line: refused with E104 (limit 50 MB), the rest goes on. (Time and memory
    are measured in bench/bench_hostile.py, not asserted here.)"""
    big = tmp_path / f"huge{suffix}"
    line = b"civilians killed in Raqqa " * ((100 << 20) // 26)
    if suffix == ".jsonl":
        body = b'{"id": "x", "text": "' + line + b'"}\n' + json.dumps({"text": GOOD}).encode() + b"\n"
    elif suffix == ".csv":
        body = b"id,text\n1," + line + b"\n2," + GOOD.strip().encode() + b"\n"
    else:
        body = line
    big.write_bytes(body)
    del line, body
    db = tmp_path / "ledger.db"
    res = _ingest(db, big)
    status, err = res.returncode, res.stderr
    assert status == 1, err
    assert "[E104]" in err and str(big) in err
    if suffix in (".jsonl", ".csv"):
        assert f"{big}#" in err  # the line/row is named
        assert len(_docs(db)) == 1  # the next line still goes in


def test_gzip_member_bomb_in_warc_gz(tmp_path: Path) -> None:
    """A .warc.gz whose one gzip member inflates to 300 MB: capped at the limit (E104). (Time and
    memory are measured in bench/bench_hostile.py, not asserted here.)"""
    record = warc_response(b"<html><body>" + b"<p>" + b"b" * (300 << 20) + b"</p></body></html>")
    data = zlib.compressobj(9, zlib.DEFLATED, 31)
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(data.compress(record) + data.flush())
    del record
    assert os.path.getsize(path) < 2 << 20
    res = _ingest(tmp_path / "l.db", path)
    assert res.returncode == 1 and f"[E104] {path}#0" in res.stderr, res.stderr
