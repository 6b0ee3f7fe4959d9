"""End-to-end tests of the ``claimweave`` command on small documents written here.

Most tests drive the click group in-process (``CliRunner``: lingua and the gazetteer load once);
a few run the installed console script in a subprocess to check the real entry point, exit status
and streams.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from claimweave.cli import main
from claimweave.store import Ledger

REPO = Path(__file__).resolve().parent.parent
CLAIMWEAVE = Path(sys.executable).parent / "claimweave"

ARTICLE = """\
Air strikes hit market town in Idlib province

At least 12 civilians were killed on Tuesday when air strikes hit a crowded market in \
Maarat al-Numan, according to the Syrian Observatory for Human Rights.

Rescue workers said they were still searching the rubble late in the evening.
"""

THREAD = """\
1/ Quick thread on the shelling of Douma this morning. #Syria #Douma
2/ Local medics say 7 people were killed when shells landed near a school.
3/ The government denies any shelling of residential areas. More when we can verify.
Read 5 tweets
"""

COMMENTS = """\
Car bomb kills eight in Afrin, activists say

A car bomb exploded near a busy roundabout in Afrin on Sunday, killing eight people, local \
activists said.

No group has claimed responsibility for the attack.

Olive Grower

Eight is what they counted before noon. The hospital says more died later.

Northern Watcher

Who benefits from this? Always the same question.
"""

NEW_ARTICLE = """\
Shelling kills five in Deir ez-Zor countryside

Five civilians were killed on Friday by artillery shelling on a village near Deir ez-Zor, \
a local monitoring network said.
"""

HOSTILE = (
    "At least 12 civilians were killed \x1b[31min Raqqa\x1b[0m on Monday in an air strike, "
    "according to the Syrian Observatory for Human Rights. <script>alert(1)</script>\n"
)

GOOD = {"article.txt": ARTICLE, "thread.txt": THREAD, "comments.txt": COMMENTS}

# (file name, bytes, error code): each must be reported and skipped, never stop the run.
BAD = [
    pytest.param("empty.txt", b"", "E101", id="empty"),
    pytest.param("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "E102", id="binary"),
    pytest.param("blob.dat", b"\x00\x01\x02\x03\xff\xfe\x10\x11" * 64, "E110", id="binary-unknown"),
    pytest.param("cut.txt", "Dix civils ont \u00e9t\u00e9 tu\u00e9s \u00e0 Alep, cit\u00e9"
                 .encode()[:-1], "E103", id="truncated-utf8"),
]

CODE = re.compile(r"\[E\d{3}\]")


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def write_corpus(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def counts(db: Path) -> dict[str, int]:
    with Ledger.open(db) as ledger:
        return ledger.counts()


def claim_count_line(out: str) -> int:
    m = re.search(r"^(\d+) claims$", out, re.MULTILINE)
    assert m, f"no claim count line in:\n{out}"
    return int(m.group(1))


# -- extract ---------------------------------------------------------------------------------------

def test_extract_jsonl_one_record_per_document(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", GOOD)
    res = invoke("extract", "--format", "jsonl", corpus)
    assert res.exit_code == 0, res.stderr
    lines = [ln for ln in res.stdout.splitlines() if ln.strip()]
    assert len(lines) == len(GOOD)
    records = [json.loads(ln) for ln in lines]
    paths = set()
    for rec in records:
        assert rec["schema"] == "claimweave/1"
        assert isinstance(rec["units"], list) and rec["units"]
        assert isinstance(rec["claims"], list)
        paths.add(Path(rec["document"]["path"]).name)
    assert paths == set(GOOD)

    article = next(r for r in records if r["document"]["path"].endswith("article.txt"))
    victims = [v for c in article["claims"] for v in c["victims"]]
    assert any(v["type"] == "civilians" and v["outcome"] == "killed" and v["min"] == 12
               for v in victims), article["claims"]
    sources = [s["name"] for c in article["claims"] for s in c["sources"] if s]
    assert any("Syrian Observatory" in s for s in sources), article["claims"]


def test_extract_genres(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", GOOD)
    res = invoke("extract", "--no-lang", corpus)
    assert res.exit_code == 0, res.stderr
    by_name = {Path(r["document"]["path"]).name: r for r in jsonl(res.stdout)}
    assert any(u["kind"] == "tweet" for u in by_name["thread.txt"]["units"])
    assert any(u["kind"] == "comment" for u in by_name["comments.txt"]["units"])
    for rec in by_name.values():  # --no-lang: language identification is off
        assert all(u["lang"] is None for u in rec["units"])


def test_extract_console_script(tmp_path: Path) -> None:
    """The installed entry point, not just the click object."""
    doc = write_corpus(tmp_path, {"a.txt": ARTICLE}) / "a.txt"
    proc = subprocess.run([str(CLAIMWEAVE), "extract", "--format", "jsonl", str(doc)],
                          capture_output=True, text=True, encoding="utf-8", check=False)
    assert proc.returncode == 0, proc.stderr
    (rec,) = jsonl(proc.stdout)
    assert rec["schema"] == "claimweave/1"
    assert {"units", "claims"} <= rec.keys()


@pytest.mark.parametrize(("name", "data", "code"), BAD)
def test_extract_reports_bad_file_and_goes_on(tmp_path: Path, name: str, data: bytes,
                                              code: str) -> None:
    corpus = write_corpus(tmp_path / "in", GOOD)
    (corpus / name).write_bytes(data)
    res = invoke("extract", "--no-lang", corpus)
    assert res.exit_code == 1
    assert {Path(r["document"]["path"]).name for r in jsonl(res.stdout)} == set(GOOD)
    bad_lines = [ln for ln in res.stderr.splitlines() if name in ln]
    assert bad_lines, res.stderr
    assert f"[{code}]" in bad_lines[0]
    assert str(corpus / name) in bad_lines[0]


# -- ingest ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "data", "code"), BAD)
def test_ingest_bad_file_among_good_ones(tmp_path: Path, name: str, data: bytes,
                                         code: str) -> None:
    corpus = write_corpus(tmp_path / "in", GOOD)
    (corpus / name).write_bytes(data)
    db = tmp_path / "ledger.db"
    res = invoke("ingest", corpus, "--db", db, "--no-lang")
    assert res.exit_code == 1, res.stderr
    reported = [ln for ln in res.stderr.splitlines() if CODE.search(ln)]
    assert len(reported) == 1, res.stderr
    assert f"[{code}]" in reported[0] and str(corpus / name) in reported[0]
    assert "ingested 3 new, 0 unchanged, 1 failed" in res.stderr

    total = counts(db)
    assert total["documents"] == len(GOOD)
    assert total["errors"] == 1
    with Ledger.open(db) as ledger:
        (err,) = ledger.errors()
        assert err["code"] == code and err["path"] == str(corpus / name)
        stored = {Path(r["document"]["path"]).name for r in ledger.iter_records()}
    assert stored == set(GOOD)

    shown = invoke("claims", "--db", db)
    assert shown.exit_code == 0, shown.stderr
    assert claim_count_line(shown.stdout) == total["claims"] > 0


def test_ingest_is_idempotent_and_adds_only_new_files(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", GOOD)
    db = tmp_path / "ledger.db"

    first = invoke("ingest", corpus, "--db", db, "-q")
    assert first.exit_code == 0, first.stderr
    assert "ingested 3 new, 0 unchanged, 0 failed" in first.stderr
    after_first = counts(db)
    assert after_first["documents"] == 3 and after_first["claims"] > 0

    second = invoke("ingest", corpus, "--db", db, "-q")
    assert second.exit_code == 0, second.stderr
    assert "ingested 0 new, 3 unchanged, 0 failed; 0 new claims" in second.stderr
    assert counts(db) == after_first

    (corpus / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    third = invoke("ingest", corpus, "--db", db, "-q")
    assert third.exit_code == 0, third.stderr
    assert "ingested 1 new, 3 unchanged, 0 failed" in third.stderr
    after_third = counts(db)
    assert after_third["documents"] == after_first["documents"] + 1
    assert after_third["claims"] >= after_first["claims"]
    assert f"Ledger {db}: 4 documents, {after_third['claims']} claims." in third.stderr


def test_ingest_same_text_under_another_name_is_not_stored_twice(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", {"a.txt": ARTICLE, "copy-of-a.txt": ARTICLE})
    db = tmp_path / "ledger.db"
    res = invoke("ingest", corpus, "--db", db, "-q", "--no-lang")
    assert res.exit_code == 0, res.stderr
    assert "ingested 1 new, 1 unchanged" in res.stderr
    assert counts(db)["documents"] == 1


def test_ingest_skips_its_own_ledger_inside_the_folder(tmp_path: Path) -> None:
    # Regression: a ledger kept in the folder being ingested was read as input on the next run,
    # and its .db, -wal and -shm files were reported as three failures (exit status 1).
    corpus = write_corpus(tmp_path / "in", {"a.txt": ARTICLE})
    db = corpus / "ledger.db"
    for _ in range(2):
        res = invoke("ingest", corpus, "--db", db, "-q", "--no-lang")
        assert res.exit_code == 0, res.stderr
        assert "0 failed" in res.stderr and "E110" not in res.stderr
    assert counts(db)["documents"] == 1


def test_ingest_wrong_path_creates_no_ledger(tmp_path: Path) -> None:
    # Regression: `ingest nowhere.txt --db new.db` created an empty new.db before reporting E002.
    db = tmp_path / "new.db"
    res = invoke("ingest", tmp_path / "nowhere.txt", "--db", db, "-q")
    assert res.exit_code == 2, res.output
    assert f"[E002] Path does not exist: {tmp_path / 'nowhere.txt'}" in res.stderr
    assert not db.exists() and not list(tmp_path.iterdir())

    # one wrong path among good ones: nothing is read, nothing written, every wrong path named
    corpus = write_corpus(tmp_path / "in", {"a.txt": ARTICLE})
    res = invoke("ingest", corpus, tmp_path / "gone", tmp_path / "also-gone.txt", "--db", db, "-q")
    assert res.exit_code == 2, res.output
    assert res.stderr.count("[E002]") == 2 and "also-gone.txt" in res.stderr
    assert not db.exists()


# -- reading the ledger ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ledger_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ledger")
    corpus = write_corpus(root / "in", {**GOOD, "new.txt": NEW_ARTICLE})
    db = root / "ledger.db"
    res = invoke("ingest", corpus, "--db", db, "-q")
    assert res.exit_code == 0, res.stderr
    return db


def test_claims_table(ledger_db: Path) -> None:
    res = invoke("claims", "--db", ledger_db, "--width", "160")
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    header = lines[0].split()
    assert header[:3] == ["DOC", "KIND", "CLAIMANT"] and "EVIDENCE" in header
    assert set(lines[1]) == {"-"}
    n = claim_count_line(res.stdout)
    assert n == counts(ledger_db)["claims"] > 0
    assert len(lines) == n + 3  # header, rule, rows, count line
    assert any("casualty" in ln and "article.txt" in ln for ln in lines[2:-1])


def test_claims_limit(ledger_db: Path) -> None:
    res = invoke("claims", "--db", ledger_db, "--limit", "1")
    assert res.exit_code == 0, res.stderr
    assert claim_count_line(res.stdout) == 1


def test_export_jsonl(ledger_db: Path) -> None:
    res = invoke("export", "--db", ledger_db, "--format", "jsonl")
    assert res.exit_code == 0, res.stderr
    records = jsonl(res.stdout)
    assert len(records) == counts(ledger_db)["documents"] == 4
    assert all(r["schema"] == "claimweave/1" and "units" in r and "claims" in r for r in records)
    assert sum(len(r["claims"]) for r in records) == counts(ledger_db)["claims"]


def test_export_csv(ledger_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    res = invoke("export", "--db", ledger_db, "--format", "csv", "-o", out)
    assert res.exit_code == 0, res.stderr
    with out.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert reader.fieldnames is not None
    assert {"document_id", "claim_id", "kind", "claimant", "text"} <= set(reader.fieldnames)
    assert len(rows) == counts(ledger_db)["claims"]
    assert all(r["claim_id"] and r["kind"] for r in rows)

    to_stdout = invoke("export", "--db", ledger_db, "--format", "csv")
    assert to_stdout.exit_code == 0
    assert list(csv.DictReader(io.StringIO(to_stdout.stdout))) == rows


def test_export_geojson(ledger_db: Path) -> None:
    res = invoke("export", "--db", ledger_db, "--format", "geojson")
    assert res.exit_code == 0, res.stderr
    fc = json.loads(res.stdout)
    assert fc["type"] == "FeatureCollection"
    assert isinstance(fc["features"], list) and fc["features"]
    for feat in fc["features"]:
        assert feat["type"] == "Feature"
        assert feat["geometry"]["type"] == "Point"
        lon, lat = feat["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(feat["properties"], dict)


# -- hostile text ----------------------------------------------------------------------------------

def test_hostile_text_is_stored_exactly_and_shown_escaped(tmp_path: Path) -> None:
    doc = tmp_path / "in" / "hostile.txt"
    doc.parent.mkdir()
    doc.write_text(HOSTILE, encoding="utf-8")
    db = tmp_path / "ledger.db"
    res = invoke("ingest", doc.parent, "--db", db, "-q")
    assert res.exit_code == 0, res.stderr
    with Ledger.open(db) as ledger:
        (text,) = [r[0] for r in ledger.connection.execute("SELECT text FROM documents")]
    assert text == HOSTILE

    shown = invoke("claims", "--db", db, "--width", "300")
    assert shown.exit_code == 0, shown.stderr
    assert claim_count_line(shown.stdout) >= 1
    assert "\x1b" not in shown.stdout
    assert "\\x1b" in shown.stdout  # the control character is shown, escaped

    extracted = invoke("extract", doc)
    assert "\x1b" not in extracted.stdout  # JSON escapes it as \u001b
    (rec,) = jsonl(extracted.stdout)
    assert rec["claims"]

    for fmt in ("jsonl", "csv", "geojson"):
        exported = invoke("export", "--db", db, "--format", fmt)
        assert exported.exit_code == 0, (fmt, exported.stderr)


def test_hostile_text_console_script(tmp_path: Path) -> None:
    doc = tmp_path / "in" / "hostile.txt"
    doc.parent.mkdir()
    doc.write_text(HOSTILE, encoding="utf-8")
    db = tmp_path / "ledger.db"
    ingest = subprocess.run([str(CLAIMWEAVE), "ingest", str(doc), "--db", str(db), "--no-lang"],
                            capture_output=True, check=False)
    assert ingest.returncode == 0, ingest.stderr
    shown = subprocess.run([str(CLAIMWEAVE), "claims", "--db", str(db)], capture_output=True,
                           check=False)
    assert shown.returncode == 0, shown.stderr
    assert b"\x1b" not in shown.stdout and b"\x1b" not in shown.stderr


# -- help, docs coverage, bad arguments ------------------------------------------------------------

def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, cmd in group.commands.items():
        found.append((*prefix, name))
        if isinstance(cmd, click.Group):
            found += _all_commands(cmd, (*prefix, name))
    return found


@pytest.mark.parametrize("command", [(), *_all_commands(main)], ids=lambda c: " ".join(c) or "main")
def test_help(command: tuple[str, ...]) -> None:
    res = invoke(*command, "--help")
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("Usage:")


def test_help_console_script() -> None:
    proc = subprocess.run([str(CLAIMWEAVE), "--help"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    for name in main.commands:
        assert name in proc.stdout


def _readme_commands() -> list[tuple[str, str | None]]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return [(m.group(1), m.group(2))
            for m in re.finditer(r"`claimweave ([a-z][\w-]*)(?: ([a-z][\w-]*))?", readme)]


def test_readme_commands_match_the_cli() -> None:
    documented = _readme_commands()
    names = {name for name, _ in documented}
    assert names, "README.md lists no `claimweave <command>`"
    assert names == set(main.commands), (
        f"in README only: {sorted(names - set(main.commands))}; "
        f"in the CLI only: {sorted(set(main.commands) - names)}")
    for name, sub in documented:  # `claimweave eval fakes`, `claimweave gazetteer build`
        cmd = main.commands[name]
        if isinstance(cmd, click.Group):
            assert sub in cmd.commands, f"README: `claimweave {name} {sub}` is not a command"


@pytest.mark.parametrize("args", [
    pytest.param(["extract"], id="extract-no-paths"),
    pytest.param(["ingest", "--db", "x.db"], id="ingest-no-paths"),
    pytest.param(["ingest", "somewhere"], id="ingest-no-db"),
    pytest.param(["claims"], id="claims-no-db"),
    pytest.param(["claims", "--db", "does-not-exist.db"], id="claims-missing-db"),
    pytest.param(["export", "--db", "does-not-exist.db"], id="export-missing-db"),
    pytest.param(["extract", "--format", "xml", "a.txt"], id="extract-bad-format"),
    pytest.param(["no-such-command"], id="unknown-command"),
])
def test_bad_arguments_exit_2(args: list[str], tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    res = invoke(*args)
    assert res.exit_code == 2, res.output
    assert not (tmp_path / "x.db").exists()


def test_export_bad_format_exit_2(ledger_db: Path) -> None:
    res = invoke("export", "--db", ledger_db, "--format", "xml")
    assert res.exit_code == 2


def test_bad_arguments_console_script(tmp_path: Path) -> None:
    proc = subprocess.run([str(CLAIMWEAVE), "extract"], capture_output=True, text=True,
                          cwd=tmp_path, check=False)
    assert proc.returncode == 2
    assert "Usage:" in proc.stderr and proc.stdout == ""


def test_bad_arguments_carry_an_error_code() -> None:
    from click.testing import CliRunner

    from claimweave.cli import main as cli_main

    r = CliRunner().invoke(cli_main, ["extract"])
    assert r.exit_code == 2
    assert "[E006] Bad arguments" in (r.stderr if hasattr(r, "stderr") else r.output)
