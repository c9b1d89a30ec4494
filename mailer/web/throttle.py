"""Failed log-ins counted per client address, beside the lock per account.

The account lock (:mod:`mailer.web.users`) stops guessing one password; it
does not stop one machine trying a few passwords on many addresses. So every
failed log-in also counts against the address it came from, and after
``MAX_FAILURES`` within ``WINDOW`` that address is refused (429) until its
oldest failure in the window ages out, whatever account or password it sends,
so the refusal tells nothing about which accounts exist.

The limit is generous (a municipality's office shares one address) and kept
in this process's memory: it needs no table, and it forgets on restart. An
IPv6 client is counted by its /64, which one household or office gets whole.

Which address a request came from is uvicorn's ``request.client``: behind a
reverse proxy that is the proxy, unless uvicorn is told to trust it
(``mailer web --forwarded-allow-ips`` / ``MAILER_WEB_FORWARDED_ALLOW_IPS``,
default 127.0.0.1) and then it takes the client from ``X-Forwarded-For``; the
header from anyone else is ignored, so a client cannot pick its own address.
"""

from __future__ import annotations

import ipaddress
import math
import threading
from collections import deque
from datetime import datetime, timedelta

MAX_FAILURES = 20
WINDOW = timedelta(minutes=15)
MAX_TRACKED = 10_000  # addresses kept at most; the stalest go first


def client_key(host: str | None) -> str:
    """The address a failure counts against: IPv4 as is, IPv6 by its /64."""
    if not host:
        return "unknown"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


class FailureLimit:
    """Failures per address in a sliding window; safe to share between threads."""

    def __init__(self, max_failures: int = MAX_FAILURES, window: timedelta = WINDOW) -> None:
        self.max_failures = max_failures
        self.window = window
        self._failures: dict[str, deque[datetime]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: datetime) -> deque[datetime]:
        times = self._failures.get(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            self._failures.pop(key, None)
        return times

    def wait(self, host: str | None, now: datetime) -> timedelta | None:
        """How long ``host`` must wait before it may try again; None: it may now."""
        key = client_key(host)
        with self._lock:
            times = self._recent(key, now)
            if len(times) < self.max_failures:
                return None
            return times[-self.max_failures] + self.window - now

    def failed(self, host: str | None, now: datetime) -> None:
        key = client_key(host)
        with self._lock:
            times = self._recent(key, now)
            times.append(now)
            while len(times) > self.max_failures:
                times.popleft()  # only the last MAX_FAILURES decide: memory stays flat
            self._failures[key] = times
            if len(self._failures) > MAX_TRACKED:
                self._forget_stalest()

    def _forget_stalest(self) -> None:
        stalest = sorted(self._failures, key=lambda k: self._failures[k][-1])
        for key in stalest[: len(stalest) - MAX_TRACKED]:
            del self._failures[key]


def minutes(wait: timedelta) -> int:
    """A wait as whole minutes for people, rounded up (never "0 minutes")."""
    return max(1, math.ceil(wait.total_seconds() / 60))
