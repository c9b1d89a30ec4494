"""Tables of the tracking side (filled in by the web work)."""

from __future__ import annotations

from sqlmodel import SQLModel

__all__ = ["SQLModel"]
