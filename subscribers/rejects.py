"""``--rejects FILE``: the refused rows, as they came in, plus the reason.

A coordinator fixes the rows in the file they know and imports it again, so
the columns, delimiter and encoding of a CSV source are kept as they were.
Rows go to disk as they are refused (memory stays flat whatever the file),
into a private temporary file renamed into place when the import ends
(``subscribers.safefile``); every cell is neutralised so that nothing in the
file runs as a formula when Excel opens it.
"""

from __future__ import annotations

import csv
import io
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from mailer.i18n import _
from subscribers.safefile import neutralise, private_output, write_only_book, xlsx_row
from subscribers.sources import RawRow, Source

# A BOM-less UTF-16/32 source is written back with a BOM, so any program can read it.
_WRITE_AS = {"utf-16-le": "utf-16", "utf-16-be": "utf-16", "utf-32-le": "utf-32"}
_WRITE_AS["utf-32-be"] = "utf-32"


class _Abandoned(Exception):
    """Thrown into the output's context so it removes its temporary file."""


def reason_header() -> str:
    """The added column's title, in the operator's language (the importer skips it)."""
    return _("reason")


class RejectsWriter:
    """Opened on the first reject only, so a clean import leaves no empty file behind."""

    def __init__(self, path: Path, source: Source):
        self.path = path
        self.source = source
        self._stack = ExitStack()
        self._raw: IO[bytes] | None = None
        self._fh: io.TextIOWrapper | None = None
        self._csv: Any = None
        self._book: Any = None
        self._sheet: Any = None

    def _open(self) -> None:
        header = [*self.source.header, reason_header()]
        self._raw = self._stack.enter_context(private_output(self.path))
        if self.path.suffix.lower() == ".xlsx":
            self._book = write_only_book()
            self._sheet = self._book.create_sheet("afgewezen")
            self._sheet.append(xlsx_row(self._sheet, header))
            return
        encoding = getattr(self.source, "encoding", "") or "utf-8-sig"
        encoding = _WRITE_AS.get(encoding, encoding)
        delimiter = getattr(self.source, "delimiter", ";")
        self._fh = io.TextIOWrapper(self._raw, encoding=encoding, errors="replace", newline="")
        self._csv = csv.writer(self._fh, delimiter=delimiter)
        self._csv.writerow([neutralise(h) for h in header])

    def write(self, row: RawRow, reason: str) -> None:
        if self._raw is None:
            self._open()
        texts = row.texts()
        texts = [*texts, *[""] * (len(self.source.header) - len(texts))]  # reason under its title
        if self._sheet is not None:
            self._sheet.append(xlsx_row(self._sheet, [*texts, reason]))
        else:
            self._csv.writerow([neutralise(t) for t in [*texts, reason]])

    def close(self, *, complete: bool = True) -> None:
        """Put the file in place, or (``complete=False``) leave nothing behind."""
        if self._raw is None:
            return
        if not complete:
            self._stack.__exit__(_Abandoned, _Abandoned(), None)
            return
        if self._fh is not None:
            self._fh.flush()
            self._fh.detach()
        if self._book is not None:
            self._book.save(self._raw)
        self._stack.close()
