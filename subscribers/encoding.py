"""Which text encoding a CSV file is in, decided from its bytes, or a refusal.

Coordinators send what their program saved: UTF-8 (with or without BOM),
Excel's "Unicode text" (UTF-16, with a BOM, or without one from some
exports), Windows-1252 from Dutch Excel's "CSV (;)". Those are recognised.
What cannot be read faithfully is refused in one sentence instead of being
imported as mojibake: another 8-bit alphabet (Cyrillic from cp1251 reads as
"Ïåòðîâ" in cp1252), a file that mixes UTF-8 with another encoding, and
anything binary. Latin-1 is the deliberate last resort for the five bytes
cp1252 leaves undefined; they decode to C1 control characters, which the
importer rejects per row, so nothing unreadable is stored.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from mailer.i18n import _
from subscribers.errors import UnreadableFile

SAMPLE = 1 << 16
CHUNK = 1 << 20
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x1f\x8b",
    b"\xd0\xcf\x11\xe0",
    b"7z\xbc",
)
# Control bytes no text file has (NUL to BS, SO to US, DEL); TAB, LF, VT, FF, CR are text.
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH = re.compile(rb"[\x80-\xff]")
_HIGH_RUN = re.compile(rb"[\x80-\xff]{3,}")


def _not_text(path: Path) -> UnreadableFile:
    return UnreadableFile(
        _("{file} is not a text (CSV) or Excel (.xlsx) file; nothing was imported").format(
            file=path.name
        )
    )


def _save_as_utf8(path: Path, why: str) -> UnreadableFile:
    return UnreadableFile(
        _("{file}: {why}; save it as 'CSV UTF-8' and import it again").format(
            file=path.name, why=why
        )
    )


def _by_bom(head: bytes) -> str | None:
    return next((name for bom, name in _BOMS if head.startswith(bom)), None)


def _by_nul_pattern(head: bytes) -> str | None:
    """UTF-16/32 without a BOM: mostly-ASCII text leaves NUL bytes in fixed places."""
    quads = len(head) // 4
    if quads >= 2:
        zeros = [head[k : quads * 4 : 4].count(0) for k in range(4)]
        if min(zeros[1:]) >= 0.9 * quads and zeros[0] <= 0.1 * quads:
            return "utf-32-le"
        if min(zeros[:3]) >= 0.9 * quads and zeros[3] <= 0.1 * quads:
            return "utf-32-be"
    pairs = len(head) // 2
    if pairs >= 2:
        even, odd = head[0 : pairs * 2 : 2].count(0), head[1 : pairs * 2 : 2].count(0)
        if odd >= 0.9 * pairs and even <= 0.1 * pairs:
            return "utf-16-le"
        if even >= 0.9 * pairs and odd <= 0.1 * pairs:
            return "utf-16-be"
    return None


def _looks_binary(head: bytes) -> bool:
    """A known binary format, or more control bytes than text has.

    A few control bytes in a small file whose first line (the column titles) is
    clean are one row's fault, rejected with that row; not a binary file.
    """
    if head.startswith(_MAGIC):
        return True
    controls = len(_CONTROL.findall(head))
    if controls <= 4 or controls <= 0.02 * len(head):
        return False
    first_line = head.split(b"\n", 1)[0][:4096]
    return len(head) >= 4096 or _CONTROL.search(first_line) is not None


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _eight_bit(path: Path) -> str:
    """Not UTF-8: Windows-1252 when the bytes look like a Latin alphabet, else refused."""
    high = utf8 = runs = 0
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            high += len(_HIGH.findall(chunk))
            utf8 += sum(len(m) for m in _UTF8_SEQUENCE.findall(chunk))
            runs += sum(len(m) for m in _HIGH_RUN.findall(chunk))
    if utf8 >= 4 and utf8 >= 0.3 * high:
        raise _save_as_utf8(path, _("it mixes UTF-8 with another encoding"))
    if runs >= 6 and runs >= 0.5 * high:
        raise _save_as_utf8(
            path, _("its encoding is not UTF-8, UTF-16 or Windows-1252 (another alphabet?)")
        )
    return "cp1252" if _decodes(path, "cp1252") else "latin-1"


def detect_encoding(path: Path) -> str:
    """The encoding to read ``path`` with; ``UnreadableFile`` when it cannot be read faithfully."""
    with path.open("rb") as fh:
        head = fh.read(SAMPLE)
    wide = _by_bom(head) or _by_nul_pattern(head)
    if wide is not None:
        if not _decodes(path, wide):
            raise _save_as_utf8(path, _("it is not valid {encoding} text").format(encoding=wide))
        sample = head[: len(head) - len(head) % 4].decode(wide, errors="replace")
        if _looks_binary(sample.encode("utf-8", errors="replace")):
            raise _not_text(path)
        return wide
    if _looks_binary(head):
        raise _not_text(path)
    if _decodes(path, "utf-8"):
        return "utf-8"
    return _eight_bit(path)
