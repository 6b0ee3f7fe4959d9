"""Turn the bytes of a text file into ``str`` exactly, or say why not.

Order: empty -> E101; known binary magic -> E102; BOM (UTF-32, UTF-8, UTF-16; the BOM itself is
dropped) -> that codec, strictly; strict UTF-8; UTF-8 cut short inside its last character -> E103;
UTF-16 without BOM when NULs sit on one byte parity only; any other NUL or a high ratio of control
bytes -> E102; then charset-normalizer's best guess (Windows-1256, Latin-1, ...). Newlines and
surrounding whitespace are kept as decoded. Whitespace-only text -> E101.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..errors import Errors, InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_SAMPLE = 64 * 1024
_CONTROL_RATIO = 0.10
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CTRL_BYTES = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x20)) + b"\x7f"


def _fail(code: Errors, path: str, **kw: object) -> InputError:
    return InputError(code, path=path, **kw)


def binary_reason(data: bytes) -> str | None:
    """Why NUL-free, non-UTF-8 ``data`` looks binary (magic number, control bytes), or None."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    sample = data[:_SAMPLE]
    ctrl = len(sample) - len(sample.translate(None, _CTRL_BYTES))
    if sample and ctrl / len(sample) > _CONTROL_RATIO:
        return f"{ctrl} control bytes in the first {len(sample)}"
    return None


def _utf16_guess(data: bytes) -> str | None:
    """UTF-16 without BOM: NULs fill one byte parity (ASCII-range text) and not the other."""
    sample = data[: _SAMPLE & ~1]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    n = len(even)
    ne, no = even.count(0), odd.count(0)
    if no / n > 0.4 and ne / n < 0.05:
        return "utf-16-le"
    if ne / n > 0.4 and no / n < 0.05:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _fail(Errors.E103, path, reason=f"invalid {encoding} at byte {exc.start}") from None


def _too_controlled(text: str) -> bool:
    sample = text[:_SAMPLE]
    return bool(sample) and len(_CONTROL.findall(sample)) / len(sample) > _CONTROL_RATIO


def _checked(text: str, path: str) -> str:
    if "\x00" in text[:_SAMPLE] or _too_controlled(text):
        raise _fail(Errors.E102, path, reason="control characters in decoded text")
    if not text.strip():
        raise _fail(Errors.E101, path)
    return text


def decode_bytes(data: bytes, path: str, declared: str | None = None) -> str:
    """Decode a whole text document; raise :class:`InputError` (E101/E102/E103) if it is not one.

    ``declared`` is an encoding named by the container (HTML meta charset, HTTP header); it is
    used only when the bytes decode under it strictly and carry no BOM.
    """
    if not data.strip():
        raise _fail(Errors.E101, path)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise _fail(Errors.E102, path, reason=what)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _checked(_strict(data[len(bom):], enc, path), path)
    if b"\x00" in data[:_SAMPLE]:
        utf16 = _utf16_guess(data)
        if utf16 is None:
            raise _fail(Errors.E102, path, reason="NUL bytes")
        return _checked(_strict(data, utf16, path), path)
    try:
        return _checked(data.decode("utf-8"), path)
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            try:
                data[: exc.start].decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                raise _fail(Errors.E103, path,
                            reason=f"UTF-8 truncated inside a character at byte {exc.start}") from None
    reason = binary_reason(data)
    if reason is not None:
        raise _fail(Errors.E102, path, reason=reason)
    if declared:
        try:
            return _checked(data.decode(declared), path)
        except (UnicodeDecodeError, LookupError):
            pass
    encoding = _guess(data)
    if encoding is None:
        raise _fail(Errors.E103, path, reason="no text encoding fits")
    return _checked(_strict(data, encoding, path), path)


# On a tie charset-normalizer returns the first code page it tried (often cp1250 for French);
# among equally good candidates prefer the common Western/Arabic/Cyrillic Windows code pages.
_PREFERRED = ("cp1252", "latin_1", "cp1256", "cp1251", "cp1250", "iso8859_15")


def _guess(data: bytes) -> str | None:
    results = list(from_bytes(data))
    if not results:
        return None
    best = results[0]
    ties = [m for m in results if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    for preferred in _PREFERRED:
        for m in ties:
            if preferred in m.could_be_from_charset:
                return preferred
    return best.encoding

