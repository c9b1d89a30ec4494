"""Engine, sessions and migrations for SQLite (default) and PostgreSQL.

Schema changes go only through Alembic migrations in ``mailer/migrations``;
``upgrade`` brings any database to head and is what every entry point calls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, SQLModel, create_engine

from mailer.config import Settings
from mailer.errors import ConfigError
from mailer.i18n import _

MIGRATIONS = Path(__file__).parent / "migrations"


def metadata() -> MetaData:
    """All tables, imported here so that Alembic and tests see the whole schema."""
    import mailer.campaigns
    import mailer.invitations
    import mailer.outbox
    import subscribers.models

    for module in (mailer.campaigns, mailer.invitations, mailer.outbox, subscribers.models):
        assert module.SQLModel.metadata is SQLModel.metadata
    return SQLModel.metadata


def only_tables_of(meta: MetaData) -> Callable[[str | None, str, object], bool]:
    """An Alembic ``include_name`` filter: our own tables only. APScheduler keeps its
    job store (``apscheduler_jobs``) in the same database, and autogenerate must
    never offer to drop it."""

    def include_name(name: str | None, type_: str, parent_names: object) -> bool:
        return type_ != "table" or name in meta.tables

    return include_name


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    try:
        parsed = make_url(url)
    except Exception as err:
        raise ConfigError(
            _("MAILER_DATABASE_URL: cannot read {url!r} as a database URL").format(url=url)
        ) from err
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True, **kwargs)
    raise ConfigError(
        _(
            "MAILER_DATABASE_URL: {backend!r} is not supported; "
            "use sqlite:///PATH or postgresql+psycopg://…"
        ).format(backend=parsed.get_backend_name())
    )


def engine_for(settings: Settings) -> Engine:
    return make_engine(settings.db_url)


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` (normally head); safe to call every start."""
    command.upgrade(alembic_config(engine), revision)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
