"""Tables of the inbound side (filled in by the replies work)."""

from __future__ import annotations

from sqlmodel import SQLModel

__all__ = ["SQLModel"]
