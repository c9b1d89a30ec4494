"""Engine, sessions and migrations for SQLite (default) and PostgreSQL.

Schema changes go only through Alembic migrations in ``mailer/migrations``;
``upgrade`` brings any database to head and is what every entry point calls.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import MetaData, event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, SQLModel, create_engine

from mailer.config import Settings
from mailer.errors import ConfigError
from mailer.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


def metadata() -> MetaData:
    """All tables, imported here so that Alembic and tests see the whole schema."""
    import mailer.campaigns.model
    import mailer.inbound.models
    import mailer.installation
    import mailer.invitations.events
    import mailer.invitations.rsvp
    import mailer.outbox
    import mailer.tracking.models
    import subscribers.models

    modules = (
        mailer.campaigns.model,
        mailer.invitations.events,
        mailer.invitations.rsvp,
        mailer.outbox,
        mailer.inbound.models,
        mailer.installation,
        mailer.tracking.models,
        subscribers.models,
    )
    for module in modules:
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


def sqlite_migrating(connection: Connection, migrating: bool) -> None:
    """SQLite's settings while migrations run (``migrating``), and back after.

    Batch mode rebuilds a table (copy, DROP, rename). With foreign keys on, SQLite
    runs the DROP as a DELETE and every ON DELETE of the tables pointing at it fires
    (a rebuilt `delivery` took its opens and clicks with it): keys are off, and
    checked at the end instead (``env.py``). The final RENAME would rewrite and check
    every trigger naming the table (0010's on `campaign` names `delivery`) and fail
    while the new one is still `_alembic_tmp_…`: the legacy RENAME leaves them be.
    Both pragmas count only outside a transaction. A rebuild of `campaign` itself
    drops 0010's trigger: such a migration must create it again.
    """
    on, off = ("ON", "OFF") if migrating else ("OFF", "ON")
    connection.exec_driver_sql(f"PRAGMA foreign_keys={off}")
    connection.exec_driver_sql(f"PRAGMA legacy_alter_table={on}")


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
    from alembic.config import Config  # Alembic loads only when a migration is due (see upgrade)

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


_REVISION_LINE = re.compile(r"^(down_)?revision\b[^=\n]*=\s*['\"]?(\w+)", re.MULTILINE)


@cache
def head_revision() -> str | None:
    """The newest migration, read from the files without Alembic (None: not one head)."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for down, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            (revised if down else revisions).add(value)
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 else None


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None: a new database, or not one revision)."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except SQLAlchemyError:  # no version table yet
        return None
    return str(rows[0][0]) if len(rows) == 1 else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` (normally head); safe to call every start.

    Every command calls this, and importing Alembic costs about a tenth of a
    second: a database already at head is recognised with one query and the
    migration files' own ``revision`` lines, and Alembic is loaded only when
    there is something to do.
    """
    head = head_revision() if revision == "head" else None
    if head is not None and current_revision(engine) == head:
        return
    from alembic import command

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
