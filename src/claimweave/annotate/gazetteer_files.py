"""Gazetteer source files: reading GeoNames dumps and Who's On First TSV, the compact format.

Three inputs are understood, told apart by their content:

* GeoNames country dumps (``YE.txt``, ``allCountries.txt``; 19 tab-separated columns, no header):
  populated places (feature class P) and first/second-order divisions (ADM1, ADM2);
* GeoNames ``admin1CodesASCII.txt`` (``YE.04<TAB>Aden<TAB>Aden<TAB>geonameid``): names the
  governorates of the places of a dump given in the same import;
* the Who's On First locality TSV of ``/work/shared/data/gazetteer`` (header starting ``wof:id``).

Every place becomes one :class:`Locality`; the compact format is a gzipped TSV of them, one a
line: ``geonameid lat lon country feature_code admin1 population names`` (names ``|``-joined,
display name first). The packaged ``data/villages.tsv.gz`` (built by
``scripts/build_gazetteer.py``) and the user's own imported index use it.

The user's index is ``$CLAIMWEAVE_DATA_DIR/gazetteer/imported.tsv.gz`` (default data dir:
``$XDG_DATA_HOME/claimweave``, else ``~/.local/share/claimweave``).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from claimweave.errors import ClaimweaveError, Errors

# Names kept: Latin letters (any diacritics) with light punctuation, or Arabic script.
_CLEAN = re.compile("^(?:[A-Za-z\u0300-\u036f .,()'’‘ʿʾʼʻ`´-]+|[\u0600-\u06ff\\s]+)$")
# Languages whose names of a WOF place are kept (besides its main and GeoNames names).
_WOF_LANGS = ("eng", "fra", "deu", "ara", "arz", "apc", "ajp", "acm", "kur", "tur")
_GEONAMES_COLUMNS = 19
_KEEP_CODES = frozenset({"ADM1", "ADM2"})


@dataclass(frozen=True, slots=True)
class Locality:
    geonames_id: int | None
    lat: float
    lon: float
    country: str
    feature_code: str
    admin1: str | None
    population: int
    names: tuple[str, ...]  # display name first


def clean_names(names: Iterable[str]) -> tuple[str, ...]:
    """Distinct Latin or Arabic names, order kept (other scripts and odd punctuation dropped)."""
    out: dict[str, None] = {}
    for n in names:
        n = unicodedata.normalize("NFC", n.strip())
        if n and "|" not in n and "\t" not in n and _CLEAN.match(unicodedata.normalize("NFKD", n)):
            out.setdefault(n, None)
    return tuple(out)


def _bad(path: Path, line: int, reason: str) -> ClaimweaveError:
    """E111 for ``path`` (at ``line``, when known: 0 is the whole file)."""
    return ClaimweaveError(Errors.E111, path=path, where=f", line {line}" if line else "", reason=reason)


def _aliases_admin1() -> dict[str, dict[str, str]]:
    data = json.loads(resources.files("claimweave.data").joinpath("place_aliases.json").read_bytes())
    admin1: dict[str, dict[str, str]] = data["admin1"]
    return admin1


def _code(raw: str) -> str:
    """GeoNames admin1 code as GeoNames writes it ('9.0' in the WOF files -> '09')."""
    raw = raw.strip()
    if raw.endswith(".0"):
        raw = raw[:-2]
    return raw.zfill(2) if raw.isdigit() else raw


# ---------------------------------------------------------------- reading sources


def read_source(path: Path, admin1_names: dict[str, str] | None = None) -> list[Locality]:
    """Places of one source file (format told by its first line); E111 when malformed."""
    try:
        with _open_text(path) as fh:
            first = fh.readline()
            if not first.strip():
                raise _bad(path, 1, "empty file")
            fh.seek(0)
            if first.startswith("wof:id\t"):
                return list(_read_wof(path, fh))
            if len(first.rstrip("\r\n").split("\t")) == _GEONAMES_COLUMNS:
                return list(_read_geonames(path, fh, admin1_names or {}))
            raise _bad(path, 1, f"neither a GeoNames dump ({_GEONAMES_COLUMNS} tab-separated columns) "
                                "nor a Who's On First TSV (header 'wof:id ...')")
    except UnicodeDecodeError as exc:
        raise _bad(path, 0, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise _bad(path, 0, exc.strerror or str(exc)) from None


def read_admin1_codes(path: Path) -> dict[str, str] | None:
    """``admin1CodesASCII.txt`` as {'YE.04': 'Aden'}, or None when the file is not one."""
    out: dict[str, str] = {}
    with _open_text(path) as fh:
        for n, line in enumerate(fh, 1):
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) != 4 or "." not in cols[0]:
                if n == 1:
                    return None
                raise _bad(path, n, "admin1 code line without 4 tab-separated columns")
            out[cols[0]] = cols[2] or cols[1]
    return out


def _open_text(path: Path) -> io.TextIOWrapper:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return path.open(encoding="utf-8", newline="")


def _read_geonames(path: Path, fh: Iterable[str], admin1_names: dict[str, str]) -> Iterator[Locality]:
    ours = _aliases_admin1()
    for n, line in enumerate(fh, 1):
        cols = line.rstrip("\r\n").split("\t")
        if len(cols) != _GEONAMES_COLUMNS:
            raise _bad(path, n, f"{len(cols)} columns, a GeoNames line has {_GEONAMES_COLUMNS}")
        fclass, fcode, cc = cols[6], cols[7], cols[8]
        if fclass != "P" and fcode not in _KEEP_CODES:
            continue
        try:
            gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
            pop = int(cols[14] or 0)
        except ValueError as exc:
            raise _bad(path, n, f"bad number ({exc})") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise _bad(path, n, f"coordinates out of range ({lat}, {lon})")
        code = _code(cols[10])
        admin1 = ours.get(cc, {}).get(code) or admin1_names.get(f"{cc}.{cols[10]}")
        names = clean_names([cols[1], cols[2], *cols[3].split(",")])
        if names:
            yield Locality(gid, lat, lon, cc, fcode, admin1, pop, names)


def _read_wof(path: Path, fh: Iterable[str]) -> Iterator[Locality]:
    csv.field_size_limit(1 << 26)
    ours = _aliases_admin1()
    reader = csv.DictReader(fh, delimiter="\t")
    need = {"wof:name", "geom:latitude", "geom:longitude", "iso:country"}
    if missing := need - set(reader.fieldnames or ()):
        raise _bad(path, 1, f"header lacks {', '.join(sorted(missing))}")
    by_region: dict[str, str] = {}
    pending: list[tuple[dict[str, str], int]] = []
    for n, r in enumerate(reader, 2):
        cc = r["iso:country"] or r.get("wof:country") or ""
        gov = ours.get(cc, {}).get(_code(r.get("gn:admin1_code") or ""))
        if gov and r.get("region_name"):
            by_region[r["region_name"]] = gov
        pending.append((r, n))
    for r, n in pending:
        try:
            lat, lon = float(r["geom:latitude"]), float(r["geom:longitude"])
            gid = int(r["gn:geonameid"]) if r.get("gn:geonameid") else None
            pop = int(float(r.get("gn:population") or 0))
        except ValueError as exc:
            raise _bad(path, n, f"bad number ({exc})") from None
        cc = r["iso:country"] or r.get("wof:country") or ""
        gov = ours.get(cc, {}).get(_code(r.get("gn:admin1_code") or "")) or by_region.get(r.get("region_name") or "")
        display = r.get("name:eng_x_preferred") or r.get("gn:asciiname") or r["wof:name"]
        raw = [display, r["wof:name"], r.get("gn:name") or "", r.get("gn:asciiname") or ""]
        for col in ("name:ara_x_preferred", "name:ara_x_variant", "name:und_x_variant"):
            raw += (r.get(col) or "").split("|")
        if r.get("other_names_json"):
            try:
                other = json.loads(r["other_names_json"])
            except ValueError as exc:
                raise _bad(path, n, f"other_names_json is not JSON ({exc})") from None
            for key, val in other.items():
                if key.split(":")[1][:3] in _WOF_LANGS:
                    raw += val if isinstance(val, list) else str(val).split("|")
        names = clean_names(raw)
        if names:
            yield Locality(gid, lat, lon, cc, r.get("gn:feature_code") or "PPL", gov, pop, names)


# ---------------------------------------------------------------- compact format


def write_compact(rows: Iterable[Locality], target: Path) -> None:
    """Write rows as gzipped compact TSV, atomically (deterministic bytes: gzip mtime 0)."""
    lines = []
    for r in rows:
        lines.append("\t".join([str(r.geonames_id or ""), f"{r.lat:.5f}", f"{r.lon:.5f}", r.country, r.feature_code,
                                r.admin1 or "", str(r.population or ""), "|".join(r.names)]))
    write_atomic(target, gzip.compress(("\n".join(lines) + "\n").encode(), compresslevel=9, mtime=0))


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file beside it, so a reader never sees a
    half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_compact(data: bytes) -> list[Locality]:
    out = []
    for line in gzip.decompress(data).decode().splitlines():
        gid, lat, lon, cc, fcode, adm, pop, names = line.split("\t")
        out.append(Locality(int(gid) if gid else None, float(lat), float(lon), cc, fcode, adm or None,
                            int(pop or 0), tuple(names.split("|"))))
    return out


def packaged_bytes() -> bytes:
    return resources.files("claimweave.data").joinpath("villages.tsv.gz").read_bytes()


# ---------------------------------------------------------------- the user's own index


def data_dir() -> Path:
    env = os.environ.get("CLAIMWEAVE_DATA_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "claimweave"


def imported_path() -> Path:
    return data_dir() / "gazetteer" / "imported.tsv.gz"


def imported_stamp() -> str:
    """Size and mtime of the user's index ('' when none): part of the index cache's name."""
    try:
        st = imported_path().stat()
    except OSError:
        return ""
    return f"{st.st_size}:{st.st_mtime_ns}"


def read_imported() -> list[Locality]:
    path = imported_path()
    try:
        return read_compact(path.read_bytes())
    except FileNotFoundError:
        return []
    except (OSError, ValueError, EOFError) as exc:
        raise _bad(path, 0, f"the imported index is unreadable ({exc}); remove it and import again") from None


@dataclass(frozen=True, slots=True)
class ImportResult:
    places: int  # places now in the user's index
    path: Path
    errors: tuple[ClaimweaveError, ...]  # files left out, each with its path and reason


def import_files(paths: Iterable[Path]) -> ImportResult:
    """Read every file (admin1 code files first), merge with the user's index (a place imported
    again replaces its old row) and write it. A malformed file is left out with its E111 error;
    the others are imported."""
    admin1: dict[str, str] = {}
    sources: list[Path] = []
    errors: list[ClaimweaveError] = []
    for p in paths:
        try:
            codes = read_admin1_codes(p) if p.name.lower().startswith("admin1codes") else None
        except (ClaimweaveError, UnicodeDecodeError, OSError) as exc:
            errors.append(exc if isinstance(exc, ClaimweaveError) else _bad(p, 0, str(exc)))
            continue
        if codes is None:
            sources.append(p)
        else:
            admin1.update(codes)
    new: list[Locality] = []
    for p in sources:
        try:
            new += read_source(p, admin1)
        except ClaimweaveError as exc:
            errors.append(exc)
    merged: dict[object, Locality] = {}
    for row in [*read_imported(), *new]:
        merged[row.geonames_id if row.geonames_id is not None else (row.names[0], row.lat, row.lon)] = row
    target = imported_path()
    if new:
        write_compact(merged.values(), target)
    return ImportResult(len(merged), target, tuple(errors))


def remove_imported() -> Path | None:
    path = imported_path()
    if not path.exists():
        return None
    path.unlink()
    return path
