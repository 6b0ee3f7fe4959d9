"""claimweave gazetteer import: a user's GeoNames dump adds villages the packaged index lacks."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimweave.annotate import gazetteer, gazetteer_files
from claimweave.annotate.places import disambiguate, find_places
from claimweave.cli import main
from claimweave.errors import ClaimweaveError

# Invented GeoNames lines (ids made up, the 19 columns of a country dump) for three small places
# of Yemen's Hodeidah coast, at about their real coordinates, and one governorate.
_YE = [
    (99000001, "Al Jarrahi", "Al Jarrahi", "Al Jarrāḩī,الجراحي", 14.1833, 43.3500, "P", "PPL", "08", 0),
    (99000002, "Al Mighlaf", "Al Mighlaf", "المغلاف", 15.3100, 43.0600, "P", "PPL", "08", 0),
    (99000003, "Dhubab", "Dhubab", "Dhubāb,ذباب", 12.9333, 43.4167, "P", "PPL", "25", 0),
    (99000004, "Muhafazat al Hudaydah", "Muhafazat al Hudaydah", "", 14.9, 43.2, "A", "ADM1", "08", 0),
]


def _dump_line(gid: int, name: str, ascii_name: str, alt: str, lat: float, lon: float, fclass: str,
               fcode: str, adm1: str, pop: int) -> str:
    cols = [str(gid), name, ascii_name, alt, f"{lat}", f"{lon}", fclass, fcode, "YE", "", adm1, "", "", "",
            str(pop), "", "10", "Asia/Aden", "2024-01-01"]
    return "\t".join(cols)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def user_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("gaz")
    dump = root / "YE.txt"
    dump.write_text("\n".join(_dump_line(*row) for row in _YE) + "\n", encoding="utf-8")
    codes = root / "admin1CodesASCII.txt"
    codes.write_text("YE.08\tAl Hudaydah\tAl Hudaydah\t79416\nYE.25\tTa'izz\tTa'izz\t70222\n", encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.setenv("CLAIMWEAVE_DATA_DIR", str(root / "data"))
    mp.setenv("CLAIMWEAVE_CACHE_DIR", str(root / "cache"))
    gazetteer.load.cache_clear()
    result = CliRunner().invoke(main, ["gazetteer", "import", str(codes), str(dump)])
    assert result.exit_code == 0, result.output
    assert "4 imported places" in result.output
    yield root
    gazetteer.load.cache_clear()
    mp.undo()


def resolved(text: str) -> list[tuple[str, str | None, float | None, float | None, str | None]]:
    return [(m.text, m.place.country, m.place.lat, m.place.lon, m.place.admin1)
            for m in disambiguate(find_places(text))]


def test_imported_village_resolves(user_index: Path) -> None:
    assert (user_index / "data" / "gazetteer" / "imported.tsv.gz").is_file()
    got = resolved("Coalition jets struck the village of Al-Jarrahi in Yemen's Hodeidah province on Sunday.")
    hit = next(g for g in got if g[0] == "Al-Jarrahi")
    assert hit[1] == "YE" and hit[4] == "Al Hudaydah"
    assert hit[2] is not None and hit[3] is not None
    assert km((hit[2], hit[3]), (14.1833, 43.35)) < 1


def test_imported_arabic_name_and_second_file_place(user_index: Path) -> None:
    got = resolved("قصف طيران التحالف قرية المغلاف في محافظة الحديدة باليمن")
    assert [(g[0], g[1]) for g in got if g[1] == "YE"][:1] == [("المغلاف", "YE")]
    got = resolved("Shells fell on Dhubab, near the Bab el-Mandeb strait, in Yemen.")
    assert ("Dhubab", "YE") in [(g[0], g[1]) for g in got]


def test_info_and_remove(user_index: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    info = runner.invoke(main, ["gazetteer", "info"])
    assert "4 places" in info.output
    # Removing (in a copy of the data dir, so the module's index stays for the other tests).
    mp = pytest.MonkeyPatch()
    mp.setenv("CLAIMWEAVE_DATA_DIR", str(tmp_path))
    try:
        assert runner.invoke(main, ["gazetteer", "remove"]).output.strip() == "no imported index"
        gazetteer_files.write_compact(gazetteer_files.read_imported(), gazetteer_files.imported_path())
        assert "removed" in runner.invoke(main, ["gazetteer", "remove"]).output
        assert not gazetteer_files.imported_path().exists()
    finally:
        mp.undo()


def test_malformed_file_gives_e111_with_path_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "XX.txt"
    good_line = _dump_line(*_YE[0])
    bad.write_text(good_line + "\n" + good_line.replace("\t14.1833\t", "\tnorth\t") + "\n", encoding="utf-8")
    with pytest.raises(ClaimweaveError) as err:
        gazetteer_files.read_source(bad)
    assert str(err.value).startswith("[E111]") and str(bad) in str(err.value) and "line 2" in str(err.value)
    short = tmp_path / "short.txt"
    short.write_text("1\tonly\tthree\n", encoding="utf-8")
    with pytest.raises(ClaimweaveError, match=r"\[E111\].*neither a GeoNames dump"):
        gazetteer_files.read_source(short)


def test_import_goes_on_past_a_bad_file(tmp_path: Path) -> None:
    good = tmp_path / "YE.txt"
    good.write_text(_dump_line(*_YE[2]) + "\n", encoding="utf-8")
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\xff\xfe not text")
    mp = pytest.MonkeyPatch()
    mp.setenv("CLAIMWEAVE_DATA_DIR", str(tmp_path / "data"))
    try:
        result = gazetteer_files.import_files([bad, good])
        assert result.places == 1 and result.path.is_file()
        assert len(result.errors) == 1 and str(bad) in str(result.errors[0])
        mp.setenv("CLAIMWEAVE_CACHE_DIR", str(tmp_path / "cache"))
        cli = CliRunner().invoke(main, ["gazetteer", "import", str(bad), str(good)])
        assert cli.exit_code == 1 and "[E111]" in cli.output and str(bad) in cli.output
        assert "1 imported places" in cli.output  # the good file went in; the bad one was reported
    finally:
        gazetteer.load.cache_clear()
        mp.undo()


def test_wof_tsv_format_reads(tmp_path: Path) -> None:
    tsv = tmp_path / "x.tsv"
    header = "wof:id\twof:name\tname:ara_x_preferred\tgeom:latitude\tgeom:longitude\tiso:country\tgn:geonameid\tgn:admin1_code"
    tsv.write_text(header + "\n1\tKafr Naha\tكفر ناها\t36.16815\t36.98458\tSY\t\t9.0\n", encoding="utf-8")
    (row,) = gazetteer_files.read_source(tsv)
    assert row.names == ("Kafr Naha", "كفر ناها") and row.admin1 == "Aleppo" and row.country == "SY"
