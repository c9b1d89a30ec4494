"""The cyclic garbage collector, kept to a minimum while a pass sends.

A send process holds a few hundred thousand long-lived objects (SQLAlchemy,
pydantic, Jinja, the compiled mail) and makes about ten short-lived ones per
recipient, which live as long as their batch. With the default settings the
collector ran ~1,400 times per 100,000 recipients, walking each batch's
objects again and again, and every full collection walked the libraries'
objects too: 1.4 s of CPU in all. While sending:

- ``gc.freeze()`` moves what exists when sending starts out of the
  collector's sight (``gc.unfreeze()`` gives it back at the end, so nothing
  is kept for ever: a garbage cycle among those objects is collected later,
  as it would have been);
- the youngest generation is collected every ``YOUNG`` new objects instead of
  every 700, so a batch's objects are mostly freed by reference counting
  before the collector would look at them. Cycles are still collected, a few
  thousand objects per 100,000 recipients, so memory stays flat.

Process-wide settings: the first pass in a process sets them, the last one
out restores them (thread-safe, nestable).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG = 50_000  # objects between collections of the youngest generation while sending

_lock = threading.Lock()
_users = 0  # passes in this process that are sending now
_saved: tuple[int, ...] = ()  # the thresholds before the first of them


@contextmanager
def sending() -> Iterator[None]:
    """While inside, the collector leaves old objects alone and runs rarely."""
    global _users, _saved
    with _lock:
        if _users == 0:
            _saved = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(max(YOUNG, _saved[0]), *_saved[1:])
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _users == 0:
                gc.set_threshold(*_saved)
                gc.unfreeze()
