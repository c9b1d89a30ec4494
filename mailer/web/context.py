"""What every router of the app is handed: settings, engine, clock, pages, sessions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine

from mailer.config import Settings
from mailer.web.pages import Pages
from mailer.web.session import Sessions

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Web:
    settings: Settings
    engine: Engine
    clock: Clock  # aware UTC; tests hand in a fixed one (webhook windows, lock-outs)
    pages: Pages
    sessions: Sessions
