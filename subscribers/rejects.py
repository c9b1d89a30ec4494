"""``--rejects FILE``: the refused rows, as they came in, plus the reason.

A coordinator fixes the rows in the file they know and imports it again, so
the columns, delimiter and encoding of a CSV source are kept as they were.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, TextIO

from mailer.i18n import _
from subscribers.sources import RawRow, Source


def reason_header() -> str:
    """The added column's title, in the operator's language (the importer skips it)."""
    return _("reason")


class RejectsWriter:
    """Opened on the first reject only, so a clean import leaves no empty file behind."""

    def __init__(self, path: Path, source: Source):
        self.path = path
        self.source = source
        self._fh: TextIO | None = None
        self._csv: Any = None
        self._book: Any = None
        self._sheet: Any = None

    def _open(self) -> None:
        header = [*self.source.header, reason_header()]
        if self.path.suffix.lower() == ".xlsx":
            from openpyxl import Workbook

            self._book = Workbook(write_only=True)
            self._sheet = self._book.create_sheet("afgewezen")
            self._sheet.append(header)
            return
        encoding = getattr(self.source, "encoding", "") or "utf-8-sig"
        delimiter = getattr(self.source, "delimiter", ";")
        self._fh = self.path.open("w", encoding=encoding, errors="replace", newline="")
        self._csv = csv.writer(self._fh, delimiter=delimiter)
        self._csv.writerow(header)

    def write(self, row: RawRow, reason: str) -> None:
        if self._csv is None and self._sheet is None:
            self._open()
        if self._sheet is not None:
            self._sheet.append([*row.cells, reason])
        else:
            self._csv.writerow([*row.texts(), reason])

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
        if self._book is not None:
            self._book.save(self.path)
