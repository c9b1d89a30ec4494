"""Alembic environment: the engine comes from ``mailer.db.alembic_config``."""

from __future__ import annotations

from alembic import context

from mailer.db import make_engine, metadata, only_tables_of, sqlite_migrating
from mailer.errors import MigrationBroke

config = context.config
target = metadata()

engine = config.attributes.get("engine")
if engine is None:  # the plain `alembic` command: take the URL from the ini/env
    from mailer.config import load_settings

    engine = make_engine(load_settings().db_url)

with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        sqlite_migrating(connection, True)
    context.configure(
        connection=connection,
        target_metadata=target,
        include_name=only_tables_of(target),
        render_as_batch=sqlite,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        if sqlite:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise MigrationBroke(
                    "A migration would leave rows without the row they point at (table, "
                    f"row, parent): {broken[:5]}; it was rolled back. Report this as a bug."
                )
    connection.commit()
    if sqlite:
        sqlite_migrating(connection, False)
