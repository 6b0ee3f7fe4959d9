"""Ingest: every reader on small files written here, and bad inputs that must not stop a run."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimweave.errors import Errors, InputError
from claimweave.ingest import IngestOptions, iter_documents
from claimweave.model import Document

EN = ("Local rescuers said at least twelve civilians were killed on Saturday when shells hit a\n"
      "crowded market in the eastern town.\r\nThe toll may rise.  \n")
FR = ("Selon l'Observatoire, dix-sept civils ont été tués samedi à Hajin, près de la frontière "
      "irakienne. Les frappes aériennes se sont poursuivies à l'aube, a précisé l'ONG.\n")
AR = ("قال المرصد إن سبعة عشر مدنيا قتلوا في قصف على بلدة في ريف دير الزور الشرقي يوم السبت، "
      "وإن فرق الإنقاذ ما زالت تبحث عن ناجين تحت الأنقاض.\n")

ARTICLE = """<html><head><title>Market shelled in eastern town | Test Wire</title>
<meta name="author" content="Jane Reporter"><meta property="og:site_name" content="Test Wire">
<meta property="article:published_time" content="2018-11-04T10:00:00Z"></head>
<body><nav><a href="/">Home</a></nav>
<article><h1>Market shelled in eastern town</h1>
<p>At least twelve civilians were killed on Saturday when shells struck a crowded market in
the town, local rescuers said in a statement issued in the evening.</p>
<p>The monitoring group said the toll was likely to rise because several of the wounded were in
critical condition after the attack on the market.</p></article>
<div id="comments"><ul class="comment-list">
<li class="comment"><p>First reader: the world keeps silent while the shelling goes on.</p></li>
<li class="comment"><p>Second reader: the article never says who fired the shells.</p></li>
</ul></div>
<img src="http://example.invalid/pixel.png"><script src="http://example.invalid/x.js"></script>
</body></html>
"""


def run(paths: list[Path], **kw: object) -> tuple[list[Document], list[InputError]]:
    items = list(iter_documents(paths, IngestOptions(**kw)))  # type: ignore[arg-type]
    docs = [i for i in items if isinstance(i, Document)]
    errs = [i for i in items if isinstance(i, InputError)]
    assert len(docs) + len(errs) == len(items)
    return docs, errs


def test_plain_text_kept_exactly(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(EN.encode())
    [doc], errs = run([p])
    assert not errs
    assert doc.text == EN  # CRLF, trailing spaces and final newline kept
    assert doc.sha256 == hashlib.sha256(EN.encode()).hexdigest()
    assert doc.id == doc.sha256[:16]
    assert doc.path == str(p)


def test_html_separates_comments(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(ARTICLE, encoding="utf-8")
    [doc], errs = run([p])
    assert not errs
    assert doc.comments_start is not None
    main, comments = doc.text[: doc.comments_start], doc.text[doc.comments_start:]
    assert main.endswith("\n\n")
    assert "twelve civilians" in main and "reader" not in main
    assert "First reader" in comments and "Second reader" in comments
    assert "twelve civilians" not in comments
    assert doc.title and doc.title.startswith("Market shelled")
    assert doc.author == "Jane Reporter"
    assert doc.outlet == "Test Wire"
    assert doc.published == "2018-11-04"


def test_html_comments_can_be_dropped(tmp_path: Path) -> None:
    p = tmp_path / "page.htm"
    p.write_text(ARTICLE, encoding="utf-8")
    [doc], _ = run([p], html_comments=False)
    assert doc.comments_start is None
    assert "reader" not in doc.text


def test_jsonl_broken_line_does_not_stop(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": 7, "text": EN, "outlet": "Wire", "published": "2019-03-02T08:00:00",
                    "lang_hint": "en", "tags": ["a", "b"]}),
        '{"id": "broken", "text": "unterminated',
        "",
        json.dumps({"id": "x2", "html": ARTICLE, "title": "Given title"}),
        json.dumps({"id": "x3", "title": "no body"}),
        json.dumps(["not", "an", "object"]),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errs = run([p])
    assert [d.id for d in docs] == ["7", "x2"]
    assert docs[0].path == f"{p}#1" and docs[1].path == f"{p}#4"
    assert docs[0].text == EN and docs[0].published == "2019-03-02"
    assert dict(docs[0].meta) == {"lang_hint": "en", "tags": '["a", "b"]'}
    assert docs[1].title == "Given title" and docs[1].comments_start is not None
    assert [(e.code, e.params.get("line")) for e in errs] == [
        (Errors.E105, 2), (Errors.E106, 5), (Errors.E105, 6)]
    assert all(str(p) in str(e) for e in errs)
    assert "line 2" in str(errs[0])


def _write_csv(p: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(p, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


def test_fakes_layout(tmp_path: Path) -> None:
    p = tmp_path / "fakes_like.csv"
    big = "x" * 200_000  # above csv's default field limit of 131072
    _write_csv(p, ["unit_id", "article_title", "article_content", "source", "date", "location",
                   "nb_civilians", "label"],
               [["101", "Raid on a village", "Four civilians killed,\nmonitor says.", "Wire A",
                 "3/11/2018", "Hajin", "4", "1"],
                ["102", "Long", big, "Wire B", "", "", "0", "0"]])
    docs, errs = run([p])
    assert not errs
    a, b = docs
    assert (a.id, a.title, a.text, a.outlet) == (
        "101", "Raid on a village", "Four civilians killed,\nmonitor says.", "Wire A")
    assert a.published is None  # FA-KES date is the event date
    assert dict(a.meta) == {"date": "3/11/2018", "location": "Hajin", "nb_civilians": "4",
                            "label": "1"}
    assert a.path == f"{p}#2" and b.path == f"{p}#3"
    assert b.text == big


def test_generic_csv(tmp_path: Path) -> None:
    p = tmp_path / "generic.csv"
    _write_csv(p, ["ID", "Title", "Body", "Source", "Author", "Date", "extra"],
               [["g1", "T", EN, "Outlet", "A. Writer", "2017-04-05", "e"],
                ["", "title only", "   ", "", "", "", ""],
                ["", "", "", "", "", "", ""],
                ["", "no id", FR, "", "", "not a date", ""]])
    docs, errs = run([p])
    assert [d.id for d in docs] == ["g1", docs[1].sha256[:16]]
    assert (docs[0].text, docs[0].outlet, docs[0].author, docs[0].published) == (
        EN, "Outlet", "A. Writer", "2017-04-05")
    assert docs[0].meta == (("extra", "e"),)
    assert docs[1].published is None and docs[1].path == f"{p}#5"
    assert [(e.code, e.params["path"]) for e in errs] == [(Errors.E101, f"{p}#3")]


def test_csv_without_text_column(tmp_path: Path) -> None:
    p = tmp_path / "notext.csv"
    _write_csv(p, ["id", "title"], [["1", "only a title"]])
    good = tmp_path / "good.txt"
    good.write_text(EN, encoding="utf-8")
    docs, errs = run([p, good])
    assert [e.code for e in errs] == [Errors.E107]
    assert str(p) in str(errs[0])
    assert [d.text for d in docs] == [EN]


def _warc(p: Path, records: list[tuple[str, str, bytes, str]]) -> None:
    with open(p, "wb") as fh:
        w = WARCWriter(fh, gzip=p.suffix == ".gz")
        for uri, status, body, ctype in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                http_headers=headers))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc(tmp_path: Path, name: str) -> None:
    p = tmp_path / name
    html = ARTICLE.encode()
    _warc(p, [("http://example.invalid/a", "200 OK", html, "text/html; charset=utf-8"),
              ("http://example.invalid/p.png", "200 OK", b"\x89PNG\r\n\x1a\n", "image/png"),
              ("http://example.invalid/gone", "404 Not Found", html, "text/html"),
              ("http://example.invalid/big", "200 OK", html + b" " * 5000, "text/html"),
              ("http://example.invalid/b", "200 OK", html.replace(b"twelve", b"nine"),
               "text/html")])
    docs, errs = run([p], max_bytes=len(html) + 100)
    assert [d.url for d in docs] == ["http://example.invalid/a", "http://example.invalid/b"]
    assert "twelve civilians" in docs[0].text and "nine civilians" in docs[1].text
    assert docs[0].comments_start is not None
    assert all(d.path and d.path.startswith(f"{p}#") for d in docs)
    assert docs[0].path != docs[1].path
    assert [e.code for e in errs] == [Errors.E104]


def test_directory_walk_sorted_and_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two words", encoding="utf-8")
    (tmp_path / "1.md").write_text("one word", encoding="utf-8")
    (tmp_path / ".secret.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / ".hidden" / "x.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "1.md")
    docs, errs = run([tmp_path])
    assert not errs
    assert [d.path for d in docs] == [str(tmp_path / "1.md"), str(tmp_path / "b" / "2.txt")]
    docs, _ = run([tmp_path], follow_symlinks=True)
    assert len(docs) == 3


BAD = [
    ("empty.txt", b"", Errors.E101),
    ("blank.txt", b"  \n\t\r\n", Errors.E101),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(64), Errors.E102),
    ("nul.txt", b"abc\x00\x00\x00def\x00\xff\x10" * 10, Errors.E102),
    ("truncated.txt", "Tués à Hajin".encode()[:-1] + "é".encode()[:1], Errors.E103),
    ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(64), Errors.E110),
    ("missing.txt", None, Errors.E002),
]


@pytest.mark.parametrize(("name", "data", "code"), BAD)
def test_bad_inputs_reported_and_good_files_go_on(
        tmp_path: Path, name: str, data: bytes | None, code: Errors) -> None:
    bad = tmp_path / name
    if data is not None:
        bad.write_bytes(data)
    before, after = tmp_path / "before.txt", tmp_path / "after.txt"
    before.write_text(EN, encoding="utf-8")
    after.write_text(FR, encoding="utf-8")
    docs, errs = run([before, bad, after])
    assert [e.code for e in errs] == [code]
    assert errs[0].params["path"] == str(bad) and str(bad) in str(errs[0])
    assert [d.text for d in docs] == [EN, FR]


@pytest.mark.parametrize(("text", "encoding"), [
    (FR, "utf-16-le"), (FR, "utf-16-be"), (AR, "cp1256"), (FR, "latin-1"),
    (AR, "utf-8-sig"), (FR, "utf-16"), (FR, "utf-32"),
])
def test_decoding(tmp_path: Path, text: str, encoding: str) -> None:
    p = tmp_path / "doc.txt"
    p.write_bytes(text.encode(encoding))
    [doc], errs = run([p])
    assert not errs
    assert doc.text == text


def test_unknown_suffix_text_is_sniffed(tmp_path: Path) -> None:
    p = tmp_path / "notes.log"
    p.write_text(FR, encoding="utf-8")
    [doc], _ = run([p])
    assert doc.text == FR


def test_oversized(tmp_path: Path) -> None:
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_text("word " * 100, encoding="utf-8")
    small.write_text("short text", encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": "y" * 200}) + "\n" + json.dumps({"text": "ok"}) + "\n")
    docs, errs = run([big, small, feed], max_bytes=100)
    assert [(e.code, e.params["path"]) for e in errs] == [
        (Errors.E104, str(big)), (Errors.E104, f"{feed}#1")]
    assert "100 bytes" in str(errs[0])
    assert [d.text for d in docs] == ["short text", "ok"]


def test_no_paths() -> None:
    [err] = list(iter_documents([]))
    assert isinstance(err, InputError) and err.code is Errors.E001


def test_a_run_never_reads_its_own_output(tmp_path: Path) -> None:
    from claimweave.ingest.walk import iter_files, output_paths

    (tmp_path / "a.txt").write_text("Shelling killed two people in Atarib.", encoding="utf-8")
    db = tmp_path / "ledger.db"
    for name in ("ledger.db", "ledger.db-wal", "ledger.db-shm"):
        (tmp_path / name).write_bytes(b"SQLite format 3\x00")
    out = tmp_path / "parquet"
    out.mkdir()
    (out / "part-0.parquet").write_bytes(b"PAR1")
    opts = IngestOptions(skip=output_paths(db, out, "postgresql://x/y"))
    assert [p.name for p, _ in iter_files([tmp_path], opts)] == ["a.txt"]
    assert len(list(iter_files([tmp_path], IngestOptions()))) == 5
