"""Messages from files: ``.eml`` files, folders of them, a Maildir, an mbox.

Each message is yielded as bytes, one at a time, so importing a mailbox of
several gigabytes needs the memory of its largest message, not of the box.
What cannot be read (a file removed halfway, no permission) is yielded as an
item with an error, so the import reports it and goes on.
"""

from __future__ import annotations

import mailbox
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mailer.errors import NotFound
from mailer.i18n import _

_MBOX_START = b"From "


@dataclass(frozen=True)
class Item:
    origin: str  # the file, or "box.mbox#12", for the review queue and error lines
    raw: bytes | None
    error: str = ""


def check(paths: Iterable[Path]) -> list[Path]:
    """The paths, refused as a whole before anything is read when one does not exist."""
    out = list(paths)
    for path in out:
        if not path.exists():
            raise NotFound(_("{path} does not exist").format(path=path))
    return out


def messages(paths: Iterable[Path]) -> Iterator[Item]:
    for path in paths:
        yield from _messages(path)


def _messages(path: Path) -> Iterator[Item]:
    if path.is_dir():
        if is_maildir(path):
            yield from maildir(path)
        else:
            yield from folder(path)
    elif is_mbox(path):
        yield from mbox(path)
    else:
        yield _read(path)


def is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() or (path / "new").is_dir()


def is_mbox(path: Path) -> bool:
    """An mbox starts with a ``From `` line; a single message never does."""
    try:
        with path.open("rb") as fh:
            return fh.read(len(_MBOX_START)) == _MBOX_START
    except OSError:
        return False


def folder(path: Path) -> Iterator[Item]:
    """Every file below ``path`` in name order; hidden files (editor and OS litter) skipped."""
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield from _messages(Path(root) / name)


def maildir(path: Path) -> Iterator[Item]:
    """``new`` then ``cur``, in name order (Maildir names start with the delivery time)."""
    for sub in ("new", "cur"):
        directory = path / sub
        if directory.is_dir():
            for name in sorted(os.listdir(directory)):
                if not name.startswith("."):
                    yield _read(directory / name)


def mbox(path: Path) -> Iterator[Item]:
    box = mailbox.mbox(path, create=False)
    try:
        for number, key in enumerate(box.keys(), start=1):
            origin = f"{path}#{number}"
            try:
                yield Item(origin, box.get_bytes(key))
            except OSError as err:
                yield Item(origin, None, str(err))
    finally:
        box.close()


def _read(path: Path) -> Item:
    try:
        return Item(str(path), path.read_bytes())
    except OSError as err:
        return Item(str(path), None, err.strerror or str(err))
