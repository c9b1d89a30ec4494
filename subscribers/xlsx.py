"""What openpyxl does not tell a streaming reader about an XLSX file, read from the zip.

* Size, before openpyxl opens it: an XLSX is a zip, and 1.7 MB can unpack to
  290 MB of shared strings, which openpyxl keeps in memory. The declared
  uncompressed sizes are checked first (Python's zipfile never reads past a
  declared size, so they are an upper bound).
* Merged ranges: read-only worksheets do not expose them, and only the
  top-left cell holds the value. The ranges sit at the end of the sheet's
  XML, so one pass collects them before the rows are read; the importer then
  fills every cell of a range with its value (what the person who merged
  "Gemeente Beekdal" over four rows meant).
* Formulas without a cached value (a file written by a program that does not
  calculate): openpyxl gives ``None``, the same as an empty cell. A second
  stream over the XML, in step with the rows, names those cells so the row
  can be rejected instead of imported with a blank.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from mailer.i18n import _
from subscribers.errors import ArchiveTooLarge, ImportFormatError

MB = 1 << 20
MAX_EXPANDED = 512 * MB  # every part together; a sheet is streamed, so this is generous
MAX_SHARED_STRINGS = 64 * MB  # held in memory by openpyxl, about twice this in Python
MAX_MERGED = 10_000
_CHUNK = 1 << 20

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?"')
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]")
_ROW_END = re.compile(rb"</(?:\w+:)?row>")


def column_index(letters: bytes) -> int:
    """b'A' → 0, b'AB' → 27."""
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


def check_archive(path: Path) -> None:
    """Refuse a file that is no zip, or that would unpack beyond the limits."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError) as err:
        raise ImportFormatError(
            _("{file} is not a readable Excel file (.xlsx): {error}").format(
                file=path.name, error=err
            )
        ) from err
    strings = sum(p.file_size for p in parts if p.filename.lower().endswith("sharedstrings.xml"))
    total = sum(p.file_size for p in parts)
    if strings > MAX_SHARED_STRINGS or total > MAX_EXPANDED:
        size, limit = (
            (strings, MAX_SHARED_STRINGS)
            if strings > MAX_SHARED_STRINGS
            else (
                total,
                MAX_EXPANDED,
            )
        )
        raise ArchiveTooLarge(
            _(
                "{file} unpacks to {size} MB (at most {limit} MB); split it, or save it as CSV"
            ).format(file=path.name, size=size // MB, limit=limit // MB)
        )


@dataclass
class MergedRanges:
    """Merged ranges as (first row, first col, last row, last col), rows 1-based, cols 0-based."""

    ranges: list[tuple[int, int, int, int]] = field(default_factory=list)
    _values: dict[int, object] = field(default_factory=dict)

    def fill(self, row: int, cells: list[object]) -> None:
        """Give every cell of a range on ``row`` the value of the range's top-left cell."""
        for number, (r1, c1, r2, c2) in enumerate(self.ranges):
            if r1 > row:
                break
            if row > r2:
                continue
            if row == r1:
                self._values[number] = cells[c1] if c1 < len(cells) else None
            if len(cells) <= c2:
                cells.extend([None] * (c2 + 1 - len(cells)))
            for col in range(c1, c2 + 1):
                if (row, col) != (r1, c1):
                    cells[col] = self._values.get(number)


def merged_ranges(source: IO[bytes], name: str) -> MergedRanges:
    found: list[tuple[int, int, int, int]] = []
    tail = b""
    while chunk := source.read(_CHUNK):
        data = tail + chunk
        cut = max(data.rfind(b"<"), 0)
        for match in _MERGE.finditer(data, 0, cut):
            a_col, a_row, b_col, b_row = match.groups()
            c1, r1 = column_index(a_col), int(a_row)
            c2, r2 = (column_index(b_col), int(b_row)) if b_col and b_row else (c1, r1)
            found.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
            if len(found) > MAX_MERGED:
                raise ImportFormatError(
                    _("{file} has more than {limit} merged ranges; unmerge the cells").format(
                        file=name, limit=MAX_MERGED
                    )
                )
        tail = data[cut:]
    return MergedRanges(sorted(found))


def formula_gaps(source: IO[bytes]) -> Iterator[tuple[int, list[tuple[int, str]]]]:
    """(row, [(col, 'B7'), …]) for each row holding formula cells without a cached value."""
    buffer = b""
    done = False
    while not done:
        chunk = source.read(_CHUNK)
        done = not chunk
        buffer += chunk
        ends = list(_ROW_END.finditer(buffer))
        if not ends and not done:
            continue
        cut = len(buffer) if done else ends[-1].end()
        rows: dict[int, list[tuple[int, str]]] = {}
        for match in _CELL.finditer(buffer, 0, cut):
            inner = match.group(2) or b""
            ref = _REF.search(match.group(1))
            if ref is None or not _FORMULA.search(inner) or _VALUE.search(inner):
                continue
            letters, number = ref.groups()
            coordinate = (letters + number).decode("ascii")
            rows.setdefault(int(number), []).append((column_index(letters), coordinate))
        yield from sorted(rows.items())
        buffer = buffer[cut:]


class FormulaGaps:
    """The formula cells without a value on each row, read in step with the rows."""

    def __init__(self, source: IO[bytes]):
        self._gaps = formula_gaps(source)
        self._next: tuple[int, list[tuple[int, str]]] | None = next(self._gaps, None)

    def at(self, row: int) -> list[tuple[int, str]]:
        while self._next is not None and self._next[0] < row:
            self._next = next(self._gaps, None)
        if self._next is not None and self._next[0] == row:
            return self._next[1]
        return []
