"""Reading contact files as they arrive from coordinators: CSV or XLSX.

CSV comes comma- or semicolon-separated (Dutch Excel uses ';'), in UTF-8
with or without a BOM, or in Windows-1252 when Excel saved it. The encoding
and delimiter are detected, not asked for; the original row is kept so that
rejected rows can be written back exactly as they came in.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Generator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from mailer.i18n import _
from subscribers.errors import ImportFormatError

csv.field_size_limit(1 << 20)


@dataclass
class RawRow:
    line: int  # where the row starts in the file (header is line 1)
    cells: list[Any]  # as read, for writing rejects back in their original form

    def texts(self) -> list[str]:
        return [_text(c) for c in self.cells]

    def is_blank(self) -> bool:
        return all(not _text(c).strip() for c in self.cells)


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


def detect_encoding(path: Path) -> str:
    """'utf-8-sig', 'utf-16', 'utf-8', or 'cp1252' (Dutch Excel's "CSV (;)")."""
    with path.open("rb") as fh:
        head = fh.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


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
            first = text.readline()
            self.delimiter = sniff_delimiter(first)
            header = next(csv.reader([first], delimiter=self.delimiter), [])
            self.header = [h.strip() for h in header]
            reader = csv.reader(text, delimiter=self.delimiter)
            previous = 1
            for cells in reader:
                yield RawRow(line=previous + 1, cells=cells)
                previous = reader.line_num + 1

    def progress(self) -> tuple[int, int]:
        return (self._counter.count if self._counter else 0, self._size)


@dataclass
class XlsxSource:
    path: Path
    kind: str = "xlsx"
    header: list[str] = field(default_factory=list)
    _done: int = 0
    _total: int = 0

    def rows(self) -> Generator[RawRow, None, None]:
        from openpyxl import load_workbook

        try:
            book = load_workbook(self.path, read_only=True, data_only=True)
        except Exception as err:
            raise ImportFormatError(
                _("{file} is not a readable Excel file (.xlsx): {error}").format(
                    file=self.path.name, error=err
                )
            ) from err
        try:
            sheet = book.active
            if sheet is None:
                raise ImportFormatError(
                    _("{file}: the workbook has no worksheet").format(file=self.path.name)
                )
            self._total = sheet.max_row or 0
            values = sheet.iter_rows(values_only=True)
            self.header = [_text(c).strip() for c in next(values, ())]
            for number, cells in enumerate(values, start=2):
                self._done = number
                yield RawRow(line=number, cells=list(cells))
        finally:
            book.close()

    def progress(self) -> tuple[int, int]:
        return (self._done, self._total)


def open_source(path: Path) -> Source:
    """The right reader for ``path``; unreadable or unsupported files are refused whole."""
    if not path.is_file():
        raise ImportFormatError(_("File not found: {path}").format(path=path))
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        return XlsxSource(path)
    if suffix in {".xls", ".ods", ".numbers"}:
        raise ImportFormatError(
            _("{file}: save the file as .xlsx or .csv first").format(file=path.name)
        )
    with path.open("rb") as fh:
        if fh.read(4) == b"PK\x03\x04":
            return XlsxSource(path)
    return CsvSource(path)
