"""A per-process journal of what was handed over, so a crash costs only the mail in flight.

The ledger is written every few hundred milliseconds, not per message (a
commit per message would halve SMTP throughput). What happens in between is
appended to a small file first: the claimed rows, each message right before it
goes on the wire, each result as it comes. A killed process cannot lose that:
the kernel keeps what was written. The next send pass on the machine reads
the journals of processes that are gone (their lock is free): results are
recorded, messages on the wire become ``uncertain``, and messages never
handed over go back to the queue. After a reboot the file may have lost its
tail, so such a journal only ever makes rows ``uncertain`` (what lease expiry
does anyway), never ``queued``.
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import socket
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii
from pathlib import Path

_BOOT_ID = Path("/proc/sys/kernel/random/boot_id")

_quoted = encode_basestring_ascii  # a JSON string, ASCII only (C, no dict to walk)


def boot_id() -> str:
    try:
        return _BOOT_ID.read_text().strip()
    except OSError:  # not Linux: never trust a journal to requeue, only to record
        return ""


class Journal:
    """The journal of one process: a lock file held while alive, one file per batch."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.directory = directory
        self.name = f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(4)}"
        self._lock_fd = os.open(directory / f"{self.name}.lock", os.O_CREAT | os.O_RDWR, 0o600)
        fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self._seq = 0

    def begin(self, claimed: Iterable[tuple[int, int]]) -> BatchLog:
        """A new batch: ``claimed`` are (delivery id, attempt) pairs marked `sending`."""
        self._seq += 1
        path = self.directory / f"{self.name}.{self._seq}.jsonl"
        log = BatchLog(path)
        log.write({"boot": boot_id(), "claimed": list(claimed)})  # pairs become arrays
        return log

    def close(self) -> None:
        for path in self.directory.glob(f"{self.name}.*.jsonl"):
            path.unlink(missing_ok=True)
        (self.directory / f"{self.name}.lock").unlink(missing_ok=True)
        os.close(self._lock_fd)


class BatchLog:
    """Append-only lines, one ``write`` each (whole lines even with several threads)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600)
        self._lock = threading.Lock()

    def write(self, entry: dict[str, object]) -> None:
        line = (json.dumps(entry, separators=(",", ":")) + "\n").encode("utf-8")
        with self._lock:
            _write_all(self._fd, line)

    def on_wire(self, ids: Iterable[int]) -> None:
        self.write({"wire": list(ids)})

    def result(self, delivery: int, outcome: str, reason: str, provider_id: str) -> None:
        # The same line ``write`` would make, without ``json.dumps`` of a dict: this runs
        # once per message (100,000 times for a large newsletter).
        line = f'{{"id":{int(delivery)},{_tail(outcome, reason, provider_id)}'
        with self._lock:
            _write_all(self._fd, line.encode("ascii"))

    def results(self, entries: Iterable[tuple[int, str, str, str]]) -> None:
        """``result`` for many at once, (delivery, outcome, reason, provider id) each, in
        one write: a SendGrid request answers for a thousand recipients, and a write
        per line was a syscall (and a GIL hand-over) per recipient."""
        tails: dict[tuple[str, str, str], str] = {}
        lines = []
        for delivery, outcome, reason, provider_id in entries:
            key = (outcome, reason, provider_id)
            tail = tails.get(key)
            if tail is None:
                tail = tails[key] = _tail(outcome, reason, provider_id)
            lines.append(f'{{"id":{int(delivery)},{tail}')
        if lines:
            with self._lock:
                _write_all(self._fd, "".join(lines).encode("ascii"))

    def done(self) -> None:
        """Everything of this batch is in the ledger: the file has no more to say."""
        os.close(self._fd)
        self.path.unlink(missing_ok=True)


def _tail(outcome: str, reason: str, provider_id: str) -> str:
    """A result line after its id (the same for every recipient of one request)."""
    return f'"o":{_quoted(outcome)},"why":{_quoted(reason)},"p":{_quoted(provider_id)}}}\n'


def _write_all(fd: int, data: bytes) -> None:
    """One ``os.write`` (a file takes it whole), again for whatever a signal cut short."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


@dataclass
class Orphan:
    """What a gone process's batch file says."""

    trusted: bool  # written since the last boot: "not on the wire" is a fact
    claimed: list[tuple[int, int]]
    on_wire: set[int]
    results: dict[int, tuple[str, str, str]]  # id -> (outcome, reason, provider id)


def orphans(directory: Path) -> Iterator[tuple[Orphan, Path]]:
    """Batch files of processes that are gone; the caller deletes each once applied."""
    if not directory.is_dir():
        return
    for lock in sorted(directory.glob("*.lock")):
        fd = os.open(lock, os.O_RDWR)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # its process is alive
            name = lock.name.removesuffix(".lock")
            for path in sorted(directory.glob(f"{name}.*.jsonl")):
                yield _read(path), path
            lock.unlink(missing_ok=True)
        finally:
            os.close(fd)


def _read(path: Path) -> Orphan:
    orphan = Orphan(trusted=False, claimed=[], on_wire=set(), results={})
    for raw in path.read_bytes().splitlines():
        try:
            entry = json.loads(raw)
        except ValueError:  # a torn last line
            continue
        if "claimed" in entry:
            orphan.trusted = bool(entry.get("boot")) and entry.get("boot") == boot_id()
            orphan.claimed = [(int(i), int(a)) for i, a in entry["claimed"]]
        elif "wire" in entry:
            orphan.on_wire.update(int(i) for i in entry["wire"])
        elif "id" in entry:
            orphan.results[int(entry["id"])] = (
                str(entry["o"]),
                str(entry.get("why", "")),
                str(entry.get("p", "")),
            )
    return orphan
