"""Files Pleinpost writes for people to open: exports and rejects files.

Three promises hold for every one of them. A cell never becomes a formula when
a spreadsheet opens the file (OWASP's CSV-injection rule: a cell that starts
with ``= + - @``, a tab or a carriage return gets a leading ``'``; XLSX cells
are always strings). The file is private from its first byte (created 0600,
never chmod-ed afterwards, so no other user can open it in between). And it is
never half-written and never the file being read: it is written to a
temporary file in the target's folder and renamed into place only when
complete, and an output that is the input (also through a link) is refused
before anything is read.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from mailer.i18n import _
from subscribers.errors import OutputRefused

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What XML 1.0 (so XLSX) cannot hold: openpyxl raises on these instead of writing them.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def neutralise(value: str) -> str:
    """``value`` as a spreadsheet shows it, never run: a formula start gets a ``'``."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def restore(value: str) -> str:
    """Undo ``neutralise`` on a cell read back in, so an export imports back unchanged."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def xlsx_text(value: str) -> str:
    """A neutralised string XML can carry (control characters become U+FFFD)."""
    return _NOT_IN_XML.sub("\ufffd", neutralise(value))


def write_only_book() -> Any:
    """A streaming openpyxl workbook (imported here: 150 ms that only XLSX output pays)."""
    from openpyxl import Workbook

    return Workbook(write_only=True)


def xlsx_row(sheet: Any, values: list[str]) -> list[Any]:
    """Cells that are always strings: a value is never read as a formula or a number."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=xlsx_text(value))
        cell.data_type = "s"
        cells.append(cell)
    return cells


def same_file(one: Path, other: Path) -> bool:
    """True when both names reach one file: the same path, a symlink or a hard link."""
    try:
        return os.path.samefile(one, other)
    except OSError:  # the output does not exist yet, so it is not the input
        return False


def refuse_overwriting(output: Path, source: Path) -> None:
    if same_file(output, source):
        raise OutputRefused(
            _("{output} is the file being read ({source}); choose another output file").format(
                output=output, source=source
            )
        )


def check_folder(output: Path) -> None:
    """Refuse an output whose folder is missing, before any work is done for it."""
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise OutputRefused(
            _("Folder {folder} does not exist (for {output})").format(folder=folder, output=output)
        )


@contextmanager
def private_output(output: Path) -> Iterator[IO[bytes]]:
    """A binary file that becomes ``output`` (mode 0600) only when the block ends cleanly."""
    check_folder(output)
    if output.exists() and not output.is_file():
        # a device, a pipe, /dev/stdout: written in place. Renaming over it would
        # replace the device itself (as root, /dev/full became a file).
        with output.open("wb") as fh:
            yield fh
            fh.flush()
        return
    folder = output.parent if str(output.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=folder)
    # mkstemp creates with O_EXCL and mode 0600 from the first byte
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
