"""Stopping a long-running command cleanly on SIGTERM or Ctrl-C.

The scheduler and ``mailer worker`` both finish the batch in hand and then
stop; they share this one safe way for a signal to say so.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading


class StopRequest:
    """A stop that a signal handler may ask for safely, and every thread can see.

    ``event`` is what jobs check and the main thread waits on. A signal
    handler must not set it directly: ``Event.set`` takes a lock that the
    interrupted main thread may hold (inside ``Event.wait``). So the handler
    writes a byte to a pipe and a small daemon thread sets the event.
    """

    def __init__(self) -> None:
        self.event = threading.Event()
        self.signalled = False  # set by the handler itself: visible at once in the main thread
        self.signum: int | None = None  # which signal asked (for the exit code)
        self._previous: dict[int, object] = {}
        self._read, self._write = os.pipe()
        os.set_blocking(self._write, False)
        threading.Thread(target=self._watch, name="stop-watcher", daemon=True).start()

    def _watch(self) -> None:
        os.read(self._read, 1)
        self.event.set()

    def requested(self) -> bool:
        """A stop was asked for (also in the instant before the watcher sets ``event``)."""
        return self.signalled or self.event.is_set()

    def from_signal(self, signum: int, _frame: object) -> None:
        self.signalled = True  # a plain assignment takes no lock: safe in a handler
        self.signum = signum
        with contextlib.suppress(BlockingIOError):  # full pipe: a stop is on its way already
            os.write(self._write, b"s")

    def install(self) -> None:
        """SIGTERM and SIGINT ask for a clean stop (main thread only, as Python requires)."""
        for sig in (signal.SIGTERM, signal.SIGINT):
            self._previous[sig] = signal.signal(sig, self.from_signal)

    def restore(self) -> None:
        """Put back the handlers ``install`` replaced (a command run in-process)."""
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]
        self._previous.clear()

    @property
    def exit_code(self) -> int:
        """What a shell expects of a command stopped by this signal: 128 + its number."""
        return 128 + (self.signum or signal.SIGINT)
