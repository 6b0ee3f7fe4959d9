"""Build the packaged village index ``src/claimweave/data/villages.tsv.gz`` (development time).

Reads the Who's On First locality files of Syria and Iraq (``/work/shared/data/gazetteer/*.tsv``,
or the files given) and writes one compact row per locality, in the import format that
``claimweave.annotate.gazetteer_files`` reads (see ``read_compact``): GeoNames id, latitude,
longitude, country, feature code, governorate (our names, from ``place_aliases.json``),
population and the place's names (display name first; Latin and Arabic spellings only).

Usage: .venv/bin/python scripts/build_gazetteer.py [FILE.tsv ...]

Data from Who's On First (https://whosonfirst.org/docs/licenses/) and GeoNames
(https://www.geonames.org), CC BY 4.0.
"""

from __future__ import annotations

import sys
from pathlib import Path

from claimweave.annotate.gazetteer_files import read_source, write_compact

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = sorted(Path("/work/shared/data/gazetteer").glob("*_wof_localities.tsv"))
TARGET = ROOT / "src" / "claimweave" / "data" / "villages.tsv.gz"


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or DEFAULT
    rows = [row for f in files for row in read_source(f)]
    write_compact(rows, TARGET)
    print(f"{TARGET}: {len(rows)} places, {TARGET.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
