"""``mailer check``: the effective configuration and what is unsafe before real mail."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Filled in by the settings-check work."""
