"""The embedded default: every message becomes a file in a local Maildir.

Nothing leaves the machine, and any mail client (mutt, Thunderbird, Evolution)
can open the result, so a coordinator can look at exactly what would be sent.

A message is reported sent only once it is on disk: its file synced and its
name in ``new/`` synced. The syncs are paid per group of messages, not per
message: a group's files are written to ``tmp/`` first, then each is synced,
moved into ``new/``, and ``new/`` is synced once. (Syncing every file the moment
it was written cost ~2 ms a message, most of a batch's time; syncing them one
after the other once all are written lets the disk take them together.)
"""

from __future__ import annotations

import contextlib
import itertools
import mailbox
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from mailer.errors import PleinpostError
from mailer.message import Batch, Recipient
from mailer.transports.base import NO_PROGRESS, Outcome, Progress, Result
from mailer.transports.classify import classify

# Messages written before the group is synced and reported: bounds the open files and
# what a crash leaves ``uncertain`` (handed over, never reported).
SYNC_GROUP = 64
_COUNTER = itertools.count()


@dataclass
class _Written:
    """A message in ``tmp/``, not yet synced or moved."""

    ref: str
    unique: str
    fd: int


class MaildirTransport:
    name = "maildir"

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        mailbox.Maildir(path, create=True)  # tmp/, new/, cur/ (0700) when missing
        host = socket.gethostname().replace("/", r"\057").replace(":", r"\072")
        self._host = host
        _clean_tmp(path / "tmp", time.time() - STALE_TMP_SECONDS)

    def send_batch(self, batch: Batch, progress: Progress = NO_PROGRESS) -> list[Result]:
        """Each message written to tmp/ and moved into new/ (atomic), in synced groups.

        Files get LF line ends, the Maildir convention local mail clients expect.
        """
        results: list[Result] = []
        recipients = list(batch.recipients)
        for start in range(0, len(recipients), SYNC_GROUP):
            results.extend(self._group(batch, recipients[start : start + SYNC_GROUP], progress))
        return results

    def _group(self, batch: Batch, recipients: list[Recipient], progress: Progress) -> list[Result]:
        """Write the group, then sync and move it; every result reported once it is known."""
        results: list[Result] = []
        written: list[_Written] = []

        def report(result: Result) -> None:
            progress.done(result)
            results.append(result)

        try:
            for recipient in recipients:
                if progress.stopping():
                    report(Result(recipient.ref, Outcome.UNTRIED))
                    continue
                one = self._write(batch, recipient, progress)
                if isinstance(one, Result):
                    report(one)
                else:
                    written.append(one)
            for result in self._settle(written, progress):
                report(result)
        finally:
            for item in written:  # left behind by an error: closed, and out of tmp/
                if item.fd >= 0:
                    _close(item.fd)
                    _remove(self.path / "tmp" / item.unique)
        return results

    def _write(self, batch: Batch, recipient: Recipient, progress: Progress) -> _Written | Result:
        try:
            data = batch.message.personalize(recipient).as_bytes()
        except PleinpostError as err:  # e.g. a missing hole value, header injection
            return Result(recipient.ref, Outcome.PERMANENT, str(err))
        unique = self._unique()
        try:
            fd = os.open(self.path / "tmp" / unique, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as err:
            return _failed(recipient.ref, err)
        try:
            view = memoryview(data.replace(b"\r\n", b"\n"))
            while view:
                view = view[os.write(fd, view) :]
        except OSError as err:
            _close(fd)
            _remove(self.path / "tmp" / unique)
            return _failed(recipient.ref, err)
        return _Written(recipient.ref, unique, fd)

    def _settle(self, written: list[_Written], progress: Progress) -> list[Result]:
        """Sync every file, then move them into new/, then sync new/ once.

        A file in tmp/ is delivered to no one: a message is handed over only at its
        move, so a crash while the group is written or synced leaves those rows
        untried (queued again). The moves come together after all the syncs, so
        what a crash can leave moved but unreported (uncertain) is what was moved in
        the last few milliseconds."""
        results: list[Result] = []
        synced: list[_Written] = []
        for item in written:
            try:
                os.fsync(item.fd)
                fd, item.fd = item.fd, -1
                os.close(fd)
            except OSError as err:
                _remove(self.path / "tmp" / item.unique)
                results.append(_failed(item.ref, err))
                continue
            synced.append(item)
        moved: list[_Written] = []
        for item in synced:
            tmp = self.path / "tmp" / item.unique
            if progress.stopping():  # not handed over yet: it stays home
                _remove(tmp)
                results.append(Result(item.ref, Outcome.UNTRIED))
                continue
            try:
                progress.handing_over((item.ref,))
                os.rename(tmp, self.path / "new" / item.unique)  # the name is unique
            except OSError as err:
                _remove(tmp)
                results.append(_failed(item.ref, err))
                continue
            moved.append(item)
        if not moved:
            return results
        try:
            _sync_dir(self.path / "new")
        except OSError as err:  # the files are there, but maybe not for good
            failure = classify(err)
            reason = f"written, but not synced: {failure.reason}"
            return results + [Result(item.ref, Outcome.UNKNOWN, reason) for item in moved]
        return results + [Result(i.ref, Outcome.SENT, provider_id=i.unique) for i in moved]

    def _unique(self) -> str:
        """A Maildir name (``time.M<µs>P<pid>Q<n>.host``), as ``mailbox.Maildir`` makes them."""
        now = time.time()
        return f"{int(now)}.M{int(now % 1 * 1e6)}P{os.getpid()}Q{next(_COUNTER)}.{self._host}"

    def close(self) -> None:
        """Nothing held open between batches."""


# A file left in tmp/ this long was never delivered (a crash between writing and
# moving it): the Maildir convention is to delete it after 36 hours.
STALE_TMP_SECONDS = 36 * 3600


def _clean_tmp(tmp: Path, before: float) -> None:
    """Remove what crashed sends left in tmp/ (never delivered: only new/ is read)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(tmp):
            with contextlib.suppress(OSError):
                if entry.is_file() and entry.stat().st_mtime < before:
                    os.remove(entry.path)


def _failed(ref: str, err: OSError) -> Result:
    failure = classify(err)
    return Result(ref, failure.outcome, failure.reason)


def _sync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _close(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.close(fd)


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)
