"""The installation's signing secret, kept in the database it signs for.

Every machine that shares the database (a scheduler here, workers there, the
web app behind a proxy) must sign and check links with the same key, or half
the links in sent mail fail to verify. So unless ``MAILER_SECRET_KEY`` is set,
the key lives in the database: made once, atomically (the first writer wins,
everyone reads the winner's), never empty. An installation from before keeps
the key of its ``secret.key`` file, so links already sent keep working.
"""

from __future__ import annotations

import secrets

from sqlalchemy import String, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, SQLModel, col

from mailer.config import Settings
from mailer.errors import ConfigError
from mailer.i18n import _

SECRET_NAME = "signing-secret"


class InstallationValue(SQLModel, table=True):
    __tablename__ = "installation"
    name: str = Field(primary_key=True, max_length=50, sa_type=String(50))
    value: str = Field(max_length=200, sa_type=String(200))


def load_secret(engine: Engine, settings: Settings) -> None:
    """Give ``settings`` the installation's key (no-op when ``MAILER_SECRET_KEY`` is set)."""
    if settings.secret_key:
        return
    value = _read(engine) or _create(engine, settings)
    if not value.strip():
        raise ConfigError(
            _("The signing secret in the database is empty; set MAILER_SECRET_KEY to recover")
        )
    settings.use_secret(value)


def _read(engine: Engine) -> str | None:
    with engine.connect() as conn:
        row = conn.execute(
            select(col(InstallationValue.value)).where(col(InstallationValue.name) == SECRET_NAME)
        ).first()
    return None if row is None else str(row[0])


def _create(engine: Engine, settings: Settings) -> str:
    candidate = settings.legacy_secret() or secrets.token_urlsafe(32)
    try:
        with engine.begin() as conn:
            conn.execute(insert(InstallationValue).values(name=SECRET_NAME, value=candidate))
    except IntegrityError:  # another process made it first: theirs is the key
        pass
    value = _read(engine)
    assert value is not None
    return value
