"""What every command needs: settings and an engine at head, built once, lazily."""

from __future__ import annotations

import json
import os
from functools import cached_property
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from sqlalchemy.engine import Engine

from mailer.config import Settings, load_settings
from mailer.db import engine_for, upgrade
from mailer.errors import ConfigError, InvalidInput
from mailer.i18n import DEFAULT_LANGUAGE, LANGUAGES, _
from mailer.installation import load_secret
from mailer.limits import MAX_CONTENT_BYTES

# Data is printed as text, never as markup: a subject or a name with "[/]" crashed the
# table, and "[link=…]" in an organisation's name became a terminal hyperlink. Our own
# styling asks for markup per call (markup=True) and escapes whatever it interpolates.
console = Console(markup=False)
console_err = Console(stderr=True, markup=False)


class Runtime:
    @cached_property
    def settings(self) -> Settings:
        return load_settings()

    @cached_property
    def engine(self) -> Engine:
        engine = engine_for(self.settings)
        upgrade(engine)
        load_secret(engine, self.settings)
        return engine

    def operator_language(self) -> str:
        """``MAILER_LANGUAGE``, also when another setting is broken: the error that
        names the broken one is then shown in the operator's language."""
        try:
            return self.settings.language
        except ConfigError:
            raw = os.environ.get("MAILER_LANGUAGE", "").strip().lower()
            return raw if raw in LANGUAGES else DEFAULT_LANGUAGE

    def settings_or_none(self) -> Settings | None:
        """The settings, or None when they cannot be read (for reporting an error)."""
        try:
            return self.settings
        except ConfigError:
            return None

    def close(self) -> None:
        """Give the connections back when the command ends (PostgreSQL counts them)."""
        if "engine" in self.__dict__:
            self.engine.dispose()


def runtime(ctx: typer.Context) -> Runtime:
    obj = ctx.find_root().obj
    assert isinstance(obj, Runtime)
    return obj


def print_json(data: Any) -> None:
    """Machine-readable output: one JSON document on stdout, nothing else."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def read_markdown(path: Path | None) -> str | None:
    """A coordinator's Markdown file; a file that is not UTF-8 text is one clear error."""
    if path is None:
        return None
    try:
        size = path.stat().st_size
        if size > MAX_CONTENT_BYTES:  # refused before it is read: a 5 MB file cost 700 MB
            raise InvalidInput(
                _("{path} is {size} KB; at most {limit} KB fit in a mail").format(
                    path=path, size=size // 1024, limit=MAX_CONTENT_BYTES // 1024
                )
            )
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InvalidInput(
            _("Cannot read {path}: save it as UTF-8 text ({error})").format(path=path, error=err)
        ) from err
