"""The packaged village index (data/villages.tsv.gz) and the built index's loading."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from claimweave.annotate import gazetteer
from claimweave.annotate.gazetteer_files import (
    packaged_bytes,
    read_compact,
    read_source,
    write_compact,
)

SOURCES = sorted(Path("/work/shared/data/gazetteer").glob("*_wof_localities.tsv"))
BOXES = {"SY": (32.3, 37.4, 35.6, 42.5), "IQ": (29.0, 37.5, 38.7, 48.8)}  # lat, lat, lon, lon


def test_packaged_villages_are_syrian_and_iraqi_localities() -> None:
    rows = read_compact(packaged_bytes())
    assert len(rows) == 33148
    assert {r.country for r in rows} == {"SY", "IQ"}
    for r in rows:
        s, n, w, e = BOXES[r.country]
        assert s <= r.lat <= n and w <= r.lon <= e, r
        assert r.names and all("|" not in x and "\t" not in x for x in r.names)
    assert sum(r.admin1 is not None for r in rows) / len(rows) > 0.99
    assert sum(any("\u0600" <= c <= "\u06ff" for x in r.names for c in x) for r in rows) / len(rows) > 0.8
    assert len(packaged_bytes()) < 3_000_000


@pytest.mark.skipif(not SOURCES, reason="the Who's On First files of ../shared/data/gazetteer are absent")
def test_packaged_file_is_what_the_build_script_makes(tmp_path: Path) -> None:
    write_compact([row for f in SOURCES for row in read_source(f)], tmp_path / "villages.tsv.gz")
    assert (tmp_path / "villages.tsv.gz").read_bytes() == packaged_bytes()


def test_index_loads_fast_and_keeps_its_places() -> None:
    gaz = gazetteer.load()  # built if missing
    path = gazetteer.cache_path()
    cpu = []
    for _ in range(3):
        c = time.process_time()
        again = gazetteer.load_index(path)
        cpu.append(time.process_time() - c)
    assert min(cpu) < 0.1, cpu
    assert len(again.names) == len(gaz.names) > 60000
    kafr_naha = again.lookup("Kafr Naha")
    assert kafr_naha is not None and (kafr_naha.country, kafr_naha.admin1) == ("SY", "Aleppo")
    assert kafr_naha.lat == pytest.approx(36.16815) and kafr_naha.lon == pytest.approx(36.98458)
    assert again.rows[again.rows_of(gazetteer.name_key("Kafr Naha"))[0]][0] == "Kafr Naha"
