"""Reading contact files as they arrive from coordinators: CSV or XLSX.

CSV comes comma- or semicolon-separated (Dutch Excel uses ';'), in UTF-8
with or without a BOM, UTF-16/32, or Windows-1252 when Excel saved it. The
encoding (``subscribers.encoding``) and delimiter are detected, not asked
for; the original row is kept so that rejected rows can be written back
exactly as they came in. Nothing read is unbounded: a cell over 1 MiB or a
line over 2 MiB becomes one rejected row (``RawRow.problem``), and an XLSX
is checked before it is unpacked (``subscribers.xlsx``).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from mailer.i18n import _
from subscribers.encoding import detect_encoding
from subscribers.errors import ImportFormatError
from subscribers.xlsx import FormulaGaps, MergedRanges, check_archive, merged_ranges

MAX_CELL = 1 << 20
MAX_LINE = 2 * MAX_CELL
csv.field_size_limit(MAX_CELL)


@dataclass
class RawRow:
    """One row as text, as it came in (so rejects are written back in their original form).

    A source turns cells into text once, when it reads them (a CSV's already
    are): the importer, the blank check and the rejects file all read text,
    and converting per reader cost more than the import's database work.
    """

    line: int  # where the row starts in the file (header is line 1)
    cells: list[str]
    problem: str | None = None  # the row could not be read at all: rejected with this reason
    no_value: list[tuple[int, str]] = field(
        default_factory=list
    )  # (column, cell): formula, no value

    def texts(self) -> list[str]:
        """The cells (the list itself: read it, do not change it)."""
        return self.cells

    def is_blank(self) -> bool:
        return self.problem is None and not "".join(self.cells).strip()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


class Source(Protocol):
    kind: str  # "csv" or "xlsx"
    header: list[str]

    def rows(self) -> Generator[RawRow, None, None]: ...

    def progress(self) -> tuple[int, int]:
        """(done, total) in the source's own unit, for a progress bar."""
        ...


def sniff_delimiter(first_line: str) -> str:
    """The most frequent of ; , TAB in the header line (comma when none)."""
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


class _Counting(io.RawIOBase):
    """Counts the bytes read so a progress bar can follow a text stream."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)


class LineTooLong(Exception):
    """A physical line over ``MAX_LINE`` characters; the rest of it was skipped."""


class _Lines(Iterator[str]):
    """Physical lines for ``csv.reader``, each at most ``MAX_LINE`` characters.

    ``readline`` without a limit would hold a 50 MB line whole. An overlong
    line is skipped to its end and raised as ``LineTooLong``, which
    ``csv.reader`` passes through and survives (it starts afresh on the next
    call), so the import goes on with the next line.
    """

    def __init__(self, text: io.TextIOWrapper):
        self.text = text
        self.count = 0  # physical lines handed out (or skipped), header included

    def __next__(self) -> str:
        line = self.text.readline(MAX_LINE)
        if not line:
            raise StopIteration
        self.count += 1
        if len(line) >= MAX_LINE and not line.endswith(("\n", "\r")):
            while rest := self.text.readline(MAX_LINE):
                if rest.endswith(("\n", "\r")):
                    break
            raise LineTooLong
        return line


def _unreadable(err: Exception) -> str:
    if isinstance(err, LineTooLong):
        return _("Line longer than {limit} characters").format(limit=f"{MAX_LINE:,}")
    if "field larger than field limit" in str(err):
        return _("Cell longer than {limit} characters").format(limit=f"{MAX_CELL:,}")
    return _("Unreadable row: {error}").format(error=err)


@dataclass
class CsvSource:
    path: Path
    kind: str = "csv"
    encoding: str = ""
    delimiter: str = ","
    header: list[str] = field(default_factory=list)
    _size: int = 0
    _counter: _Counting | None = None

    def rows(self) -> Generator[RawRow, None, None]:
        self._size = self.path.stat().st_size
        self.encoding = self.encoding or detect_encoding(self.path)
        with self.path.open("rb") as raw:
            self._counter = _Counting(raw)
            buffered = io.BufferedReader(self._counter, 1 << 16)
            text = io.TextIOWrapper(buffered, encoding=self.encoding, errors="replace", newline="")
            lines = _Lines(text)
            try:
                first = next(lines, "")
            except LineTooLong:
                raise ImportFormatError(
                    _("{file}: the first line (the column titles) is too long").format(
                        file=self.path.name
                    )
                ) from None
            self.delimiter = sniff_delimiter(first)
            header = next(csv.reader([first], delimiter=self.delimiter), [])
            self.header = [h.strip() for h in header]
            reader = csv.reader(lines, delimiter=self.delimiter)
            while True:
                start = lines.count + 1
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except (csv.Error, LineTooLong) as err:
                    yield RawRow(line=start, cells=[], problem=_unreadable(err))
                    continue
                yield RawRow(line=start, cells=cells)

    def progress(self) -> tuple[int, int]:
        return (self._counter.count if self._counter else 0, self._size)


@dataclass
class XlsxSource:
    path: Path
    sheet_name: str | None = None
    kind: str = "xlsx"
    header: list[str] = field(default_factory=list)
    _done: int = 0
    _total: int = 0

    def _sheet(self, book: Any) -> Any:
        """The sheet named by ``--sheet``, else the first one (not the one last active)."""
        if self.sheet_name is None:
            if not book.worksheets:
                raise ImportFormatError(
                    _("{file}: the workbook has no worksheet").format(file=self.path.name)
                )
            return book.worksheets[0]
        if self.sheet_name not in book.sheetnames:
            names = ", ".join(repr(n) for n in book.sheetnames)
            raise ImportFormatError(
                _("{file} has no sheet {name!r} (sheets: {names})").format(
                    file=self.path.name, name=self.sheet_name, names=names
                )
            )
        return book[self.sheet_name]

    def rows(self) -> Generator[RawRow, None, None]:
        from openpyxl import load_workbook  # 150 ms at start-up that only XLSX imports pay

        check_archive(self.path)
        try:
            book = load_workbook(self.path, read_only=True, data_only=True)
        except Exception as err:
            raise ImportFormatError(
                _("{file} is not a readable Excel file (.xlsx): {error}").format(
                    file=self.path.name, error=err
                )
            ) from err
        try:
            sheet = self._sheet(book)
            with zipfile.ZipFile(self.path) as archive:
                part = sheet._worksheet_path  # openpyxl keeps no public name for it
                with archive.open(part) as xml:
                    merged = merged_ranges(xml, self.path.name)
                with archive.open(part) as xml:
                    yield from self._rows(sheet, merged, FormulaGaps(xml))
        finally:
            book.close()

    def _rows(
        self, sheet: Any, merged: MergedRanges, gaps: FormulaGaps
    ) -> Generator[RawRow, None, None]:
        self._total = sheet.max_row or 0
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = list(values)
            merged.fill(number, cells)
            if number == 1:
                self.header = [_text(c).strip() for c in cells]
                continue
            self._done = number
            yield RawRow(line=number, cells=[_text(c) for c in cells], no_value=gaps.at(number))

    def progress(self) -> tuple[int, int]:
        return (self._done, self._total)


def open_source(path: Path, *, sheet: str | None = None) -> Source:
    """The right reader for ``path``; unreadable or unsupported files are refused whole."""
    if not path.is_file():
        raise ImportFormatError(_("File not found: {path}").format(path=path))
    suffix = path.suffix.lower()
    if suffix in {".xls", ".ods", ".numbers"}:
        raise ImportFormatError(
            _("{file}: save the file as .xlsx or .csv first").format(file=path.name)
        )
    with path.open("rb") as fh:
        is_zip = fh.read(4) == b"PK\x03\x04"
    if suffix in {".xlsx", ".xlsm"} or is_zip:
        return XlsxSource(path, sheet_name=sheet)
    if sheet is not None:
        raise ImportFormatError(
            _("--sheet is for Excel files (.xlsx); {file} is a CSV file").format(file=path.name)
        )
    return CsvSource(path)
