"""The files people have: PDF, Word, OpenDocument, RTF, spreadsheets and CSV with their own column
names. Every file is made here, in tmp_path, with sentences written for this test: the PDF by a
small PDF writer below, the .docx with python-docx, the .odt as a zip written by hand, the .xlsx
with openpyxl, the RTF as text. Then ``claimweave ingest`` on the folder: each document's stored
text, and claims whose offsets point into it."""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader, PdfWriter

from claimweave.cli import main
from claimweave.errors import Errors, InputError
from claimweave.ingest import Columns, IngestOptions, iter_documents
from claimweave.ingest.pdf import unwrap
from claimweave.model import Document

PDF_LINES = [
    ["Field report from Deir Hafer",
     "Artillery shells struck the grain market in Deir Hafer on 3 March 2017, killing",
     "14 civilians, the local council said in a statement.",
     "Ambulances took the wounded to a clinic in the next village."],
    ["Government forces denied firing on the town that morning."],
]
PDF_TEXT = ("Field report from Deir Hafer\n\n"
            "Artillery shells struck the grain market in Deir Hafer on 3 March 2017, killing "
            "14 civilians, the local council said in a statement.\n\n"
            "Ambulances took the wounded to a clinic in the next village.\n\n"
            "Government forces denied firing on the town that morning.")
DOCX_PARAS = ["An airstrike hit a clinic in Maarat al-Numan on 9 April 2017, killing 7 civilians, "
              "rescuers said.",
              "The hospital director said two nurses were among the dead."]
ODT_TEXT = ("A car bomb exploded near the bus station in Azaz on 12 May 2017, killing 9 people, "
            "a monitoring group said.\n\nThe  crossing\tstayed closed.")
RTF_TEXT = ("A mortar attack on a school in Douma on 2 June 2017 killed 5 children, medics said.\n"
            "Rebels blamed government troops for the attack.")
ROWS = [  # Ref, Headline, Story, Posted: an analyst's own column names
    ("r-101", "Strike on bakery", "A drone strike on a bakery in Saraqib on 20 July 2017 killed "
     "11 civilians, local activists said.", "2017-07-21"),
    ("r-102", "Shelling in Harasta", "Shelling killed 6 people in Harasta on 4 August 2017, "
     "a rescue team said.", "2017-08-05"),
]
XLSX_ROW = ("x-7", "Raid near Manbij", "Gunmen killed 4 farmers near Manbij on 1 September "
            "2017, a tribal elder said.", "2017-09-02")


# -- a tiny PDF writer: one Helvetica text object per page, a line per Tj ------------------------

def make_pdf(pages: list[list[str]]) -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for lines in pages:
        ops = [b"BT /F1 11 Tf 14 TL 60 760 Td"]
        for line in lines:
            safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(b"(" + safe.encode("cp1252") + b") Tj T*")
        stream = b"\n".join([*ops, b"ET"])
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                       b"<< /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % len(objects))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def make_odt(path: Path) -> None:
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        f' xmlns:text="{text}" office:version="1.3"><office:body><office:text>'
        "<text:sequence-decls><text:sequence-decl text:name=\"Figure\"/></text:sequence-decls>"
        "<text:p>A car bomb exploded near the\n   bus station in <text:span>Azaz</text:span> on"
        " 12 May 2017, killing 9 people,<text:note><text:note-body><text:p>a footnote"
        "</text:p></text:note-body></text:note> a monitoring group said.</text:p>"
        "<text:list><text:list-item><text:p>The<text:s/> crossing<text:tab/>stayed closed."
        "</text:p></text:list-item></text:list>"
        "</office:text></office:body></office:document-content>")
    meta = ('<?xml version="1.0" encoding="UTF-8"?><office:document-meta'
            ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta>'
            "<dc:title>Azaz bombing</dc:title><dc:creator>Desk B</dc:creator>"
            "</office:meta></office:document-meta>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("meta.xml", meta)


def make_docx(path: Path) -> None:
    d = docx.Document()
    d.core_properties.title = "Clinic strike"
    d.core_properties.author = "Field desk"
    for p in DOCX_PARAS:
        d.add_paragraph(p)
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Dead"
    table.rows[0].cells[1].text = "7"
    d.save(str(path))


def make_xlsx(path: Path, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Reports"
    ws.append([None])  # a blank first row: the header is the first non-empty one
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    book.save(path)


RTF = (r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Helvetica;}}"
       r"{\info{\title Douma}}\f0\pard A mortar attack on a school in Douma on 2 June 2017 killed "
       r"5 children, medics said.\par Rebels blamed government troops for the attack.\par}")


def folder(tmp_path: Path) -> Path:
    d = tmp_path / "inbox"
    d.mkdir()
    (d / "report.pdf").write_bytes(make_pdf(PDF_LINES))
    make_docx(d / "clinic.docx")
    make_odt(d / "azaz.odt")
    (d / "douma.rtf").write_text(RTF, encoding="ascii")
    make_xlsx(d / "desk.xlsx", ("Ref", "Headline", "Story", "Posted"), [XLSX_ROW])
    with (d / "desk.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Ref", "Headline", "Story", "Posted", "Desk note"])
        w.writerows([(*r, "checked") for r in ROWS])
    return d


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_a_folder_of_the_files_people_have(tmp_path: Path) -> None:
    d = folder(tmp_path)
    db = tmp_path / "ledger.db"
    res = invoke("ingest", d, "--db", db, "-q", "--no-lang", "--text-col", "story",
                 "--id-col", "Ref", "--date-col", "Posted", "--title-col", "Headline")
    assert res.exit_code == 0, res.stderr
    conn = sqlite3.connect(db)
    docs = {Path(r[0].split("#")[0]).name + ("#" + r[0].split("#")[1] if "#" in r[0] else ""):
            r[1:] for r in conn.execute(
                "SELECT path, id, title, author, published, text, seq FROM documents")}
    assert set(docs) == {"report.pdf", "clinic.docx", "azaz.odt", "douma.rtf",
                         "desk.xlsx#Reports!3", "desk.csv#2", "desk.csv#3"}
    assert docs["report.pdf"][4] == PDF_TEXT
    assert docs["clinic.docx"][4] == "\n\n".join([*DOCX_PARAS, "Dead\t7"])
    assert docs["clinic.docx"][1:3] == ("Clinic strike", "Field desk")
    assert docs["azaz.odt"][4] == ODT_TEXT and docs["azaz.odt"][1:3] == ("Azaz bombing", "Desk B")
    assert docs["douma.rtf"][4] == RTF_TEXT
    for key, row in (("desk.xlsx#Reports!3", XLSX_ROW), ("desk.csv#2", ROWS[0]),
                     ("desk.csv#3", ROWS[1])):
        assert docs[key][:2] == (row[0], row[1]) and docs[key][3:5] == (row[3], row[2])
    # claims: at least one per document, their spans point into the stored text
    for name, (*_, text, seq) in docs.items():
        claims = conn.execute("SELECT span_start, span_end, text, victims_max FROM claims"
                              " WHERE doc = ?", (seq,)).fetchall()
        assert claims, name
        for start, end, said, _ in claims:
            assert text[start:end] == said, name
    counts = {name: {r[0] for r in conn.execute(
        "SELECT victims_max FROM claims WHERE doc = ?", (v[-1],))} for name, v in docs.items()}
    assert 14 in counts["report.pdf"] and 7 in counts["clinic.docx"] and 9 in counts["azaz.odt"]
    assert 5 in counts["douma.rtf"] and 11 in counts["desk.csv#2"] and 4 in counts["desk.xlsx#Reports!3"]


def run(paths: list[Path], **kw: object) -> tuple[list[Document], list[InputError]]:
    items = list(iter_documents(paths, IngestOptions(**kw)))  # type: ignore[arg-type]
    return ([i for i in items if isinstance(i, Document)],
            [i for i in items if isinstance(i, InputError)])


def test_tables_without_a_mapping_find_columns_by_name(tmp_path: Path) -> None:
    make_xlsx(tmp_path / "a.xlsx", ("id", "title", "Body", "date"), [XLSX_ROW])
    [doc], errs = run([tmp_path / "a.xlsx"])
    assert not errs and (doc.id, doc.title, doc.text, doc.published) == XLSX_ROW
    make_xlsx(tmp_path / "b.xlsx", ("Ref", "Headline", "Story", "Posted"), [XLSX_ROW])
    docs, [err] = run([tmp_path / "b.xlsx"])
    assert not docs and err.code is Errors.E107 and "--text-col" in str(err)
    assert "b.xlsx#Reports" in str(err)


def test_a_mapping_names_a_column_the_file_lacks(tmp_path: Path) -> None:
    p = tmp_path / "own.csv"
    p.write_text("Ref,Story\nr1,Shelling killed 3 people in Jisr al-Shughur.\n", encoding="utf-8")
    docs, [err] = run([p], columns=Columns(text="Story", date="Posted"))
    assert not docs and err.code is Errors.E113
    assert "'Posted'" in str(err) and "--date-col" in str(err) and "'Story'" in str(err)
    [doc], errs = run([p], columns=Columns(text="STORY", id="ref"))
    assert not errs and doc.id == "r1" and doc.text.startswith("Shelling")


def test_mapping_wins_over_names_and_keeps_the_rest(tmp_path: Path) -> None:
    p = tmp_path / "both.csv"
    p.write_text("text,summary,date,when\nlong body here,short,2017-01-01,2017-02-02\n",
                 encoding="utf-8")
    [doc], _ = run([p], columns=Columns(text="summary", date="when"))  # unnamed columns: meta
    assert doc.text == "short" and doc.published == "2017-02-02"
    assert dict(doc.meta) == {"text": "long body here", "date": "2017-01-01"}
    [doc], _ = run([p])  # no mapping: as before
    assert doc.text == "long body here" and doc.published == "2017-01-01"


def test_a_long_stray_line_does_not_cut_the_body() -> None:
    wrapped = ["Rescue workers said the strike on the market in the old town killed at",
               "least nine people and wounded dozens more, most of them traders and",
               "shoppers buying food for the evening meal before the curfew began at",
               "dusk, they said.",
               "The council said the toll could rise as more bodies were recovered from",
               "the rubble of the two buildings that collapsed onto the covered stalls",
               "near the mosque.",
               "https://dispatch.example/reports/2017/03/strike-on-the-market-in-the-old-"
               "town-killed-nine-people-and-wounded-dozens-of-traders"]
    assert unwrap("\n".join(wrapped)).split("\n\n") == [
        " ".join(wrapped[:4]), " ".join(wrapped[4:7]), wrapped[7]]


def test_pdf_lines_become_paragraphs() -> None:
    page = ("A heading\nThis line of the body is long enough that the typesetter wrapped it at\n"
            "the margin, and al-\nRaqqa stays one word.\n\nLast one.\n"
            "• The next item is long enough to fill a whole line of the page here.\n• A third.")
    assert unwrap(page) == ("A heading\n\nThis line of the body is long enough that the typesetter "
                            "wrapped it at the margin, and al-Raqqa stays one word.\n\nLast one."
                            "\n\n• The next item is long enough to fill a whole line of the page here."
                            "\n\n• A third.")


# -- bad files: a clear error with path and reason, and the run goes on ---------------------------

def encrypted_pdf(password: str) -> bytes:
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(make_pdf(PDF_LINES))).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password="owner-secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(("name", "data", "code", "reason"), [
    ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R", Errors.E108, "PDF"),
    ("locked.pdf", None, Errors.E112, "password"),
    ("notzip.docx", b"This is a letter saved with the wrong name.\n", Errors.E108, "not a zip"),
    ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), Errors.E112, "OLE"),
    ("empty.odt", b"PK\x05\x06" + bytes(18), Errors.E108, "content.xml"),
    ("notzip.xlsx", b"Ref;Story\n", Errors.E108, "not a zip"),
    ("plain.rtf", b"Just text, no markup.\n", Errors.E108, "rtf"),
    ("scan.pdf", make_pdf([[]]), Errors.E109, ""),
])
def test_bad_files_are_reported_and_the_run_goes_on(
        tmp_path: Path, name: str, data: bytes | None, code: Errors, reason: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(encrypted_pdf("open-sesame") if data is None else data)
    good = tmp_path / "z_good.rtf"
    good.write_text(RTF, encoding="ascii")
    docs, errs = run([bad, good])
    assert [d.text for d in docs] == [RTF_TEXT]
    [err] = errs
    assert err.code is code and str(bad) in str(err) and reason.lower() in str(err).lower()


def test_a_pdf_locked_only_against_editing_is_read(tmp_path: Path) -> None:
    p = tmp_path / "restricted.pdf"
    p.write_bytes(encrypted_pdf(""))
    [doc], errs = run([p])
    assert not errs and doc.text == PDF_TEXT


def test_an_odt_with_encrypted_parts(tmp_path: Path) -> None:
    p = tmp_path / "secret.odt"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("content.xml", b"\x8f\x11 scrambled")
        z.writestr("META-INF/manifest.xml", '<manifest:manifest xmlns:manifest="urn:oasis:names:'
                   'tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path='
                   '"content.xml"><manifest:encryption-data/></manifest:file-entry>'
                   "</manifest:manifest>")
    _, [err] = run([p])
    assert err.code is Errors.E112 and "secret.odt" in str(err)


def test_a_zip_member_too_large_once_uncompressed(tmp_path: Path) -> None:
    p = tmp_path / "bomb.docx"
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b" " * 200_000)
    _, [err] = run([p], max_bytes=100_000)
    assert err.code is Errors.E104 and "word/document.xml" in str(err)


def test_an_unsupported_type_lists_the_supported_ones(tmp_path: Path) -> None:
    p = tmp_path / "photo.heic"
    p.write_bytes(b"\x00\x00\x00\x18ftypheic" + bytes(range(256)) * 4)
    _, [err] = run([p])
    assert err.code is Errors.E110
    for suffix in (".pdf", ".docx", ".odt", ".rtf", ".xlsx", ".ods", ".csv", ".html", ".txt"):
        assert suffix in str(err)


def test_extract_takes_the_column_mapping(tmp_path: Path) -> None:
    p = tmp_path / "own.csv"
    p.write_text("Ref,Story\nr9,Shelling killed 3 people in Jisr al-Shughur on 5 May 2017.\n",
                 encoding="utf-8")
    res = invoke("extract", "--no-lang", p, "--text-col", "Story", "--id-col", "Ref")
    assert res.exit_code == 0, res.stderr
    assert '"id": "r9"' in res.stdout
    res = invoke("extract", "--no-lang", p, "--text-col", "Body")
    assert res.exit_code == 1 and "[E113]" in res.stderr


def test_the_mapping_goes_with_the_local_engine(tmp_path: Path) -> None:
    p = tmp_path / "own.csv"
    p.write_text("Ref,Story\nr9,Shelling killed 3 people in Jisr al-Shughur on 5 May 2017.\n",
                 encoding="utf-8")
    res = invoke("ingest", p, "--engine", "dask", "--out", tmp_path / "parts", "--text-col", "Story")
    assert res.exit_code == 2 and "[E006]" in res.stderr and "--engine local" in res.stderr
    assert not (tmp_path / "parts").exists()


def test_tables_in_word_and_opendocument(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Casualties by district, as the health office gave them.")
    table = d.add_table(rows=2, cols=3)
    table.rows[0].cells[0].merge(table.rows[0].cells[1]).text = "Atarib"
    table.rows[0].cells[2].text = "6 killed"
    table.rows[1].cells[0].text = "Daret Azza"
    table.rows[1].cells[1].text = "west"
    table.rows[1].cells[2].text = "2 killed"
    d.save(str(tmp_path / "t.docx"))
    table_ns = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        f' xmlns:table="{table_ns}"><office:body><office:text>'
        "<text:h>Casualties by district</text:h><table:table><table:table-column/>"
        "<table:table-header-rows><table:table-row><table:table-cell><text:p>District</text:p>"
        "</table:table-cell><table:table-cell><text:p>Killed</text:p></table:table-cell>"
        "</table:table-row></table:table-header-rows><table:table-row><table:table-cell>"
        "<text:p>Atarib</text:p></table:table-cell><table:table-cell><text:p>6</text:p>"
        "</table:table-cell></table:table-row></table:table>"
        "<office:annotation><text:p>check with the office</text:p></office:annotation>"
        "</office:text></office:body></office:document-content>")
    with zipfile.ZipFile(tmp_path / "t.odt", "w") as z:
        z.writestr("content.xml", content)
    word, odt = run([tmp_path / "t.docx", tmp_path / "t.odt"])[0]
    assert word.text == ("Casualties by district, as the health office gave them.\n\n"
                         "Atarib\t6 killed\n\nDaret Azza\twest\t2 killed")
    assert odt.text == "Casualties by district\n\nDistrict\tKilled\n\nAtarib\t6"


def make_ods(path: Path, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    def cell(v: str) -> str:
        if len(v) == 10 and v[4] == "-":  # a date cell: its value and a local display text
            return (f'<table:table-cell office:value-type="date" office:date-value="{v}">'
                    f"<text:p>{v[8:]}/{v[5:7]}/{v[:4]}</text:p></table:table-cell>")
        return f"<table:table-cell><text:p>{v}</text:p></table:table-cell>"

    def row(values: tuple[str, ...]) -> str:
        return ("<table:table-row>" + "".join(cell(v) for v in values)
                + '<table:table-cell table:number-columns-repeated="16000"/></table:table-row>')

    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body>'
        '<office:spreadsheet><table:table table:name="Desk">'
        '<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>'
        + row(header) + "".join(row(r) for r in rows)
        + '<table:table-row table:number-rows-repeated="1048000"><table:table-cell/>'
        "</table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)


def test_an_opendocument_spreadsheet(tmp_path: Path) -> None:
    make_ods(tmp_path / "desk.ods", ("Ref", "Headline", "Story", "Posted"), ROWS)
    docs, errs = run([tmp_path / "desk.ods"], columns=Columns(text="Story", id="Ref",
                                                              date="Posted", title="Headline"))
    assert not errs
    assert [(d.path, d.id, d.title, d.text, d.published) for d in docs] == [
        (f"{tmp_path / 'desk.ods'}#Desk!{n}", *row) for n, row in ((4, ROWS[0]), (5, ROWS[1]))]
    make_ods(tmp_path / "auto.ods", ("id", "title", "text"), [r[:3] for r in ROWS])
    docs, errs = run([tmp_path / "auto.ods"])
    assert not errs and [d.id for d in docs] == ["r-101", "r-102"]
