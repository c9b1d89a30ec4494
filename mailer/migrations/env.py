"""Alembic environment: the engine comes from ``mailer.db.alembic_config``."""

from __future__ import annotations

from alembic import context

from mailer.db import make_engine, metadata, only_tables_of

config = context.config
target = metadata()

engine = config.attributes.get("engine")
if engine is None:  # the plain `alembic` command: take the URL from the ini/env
    from mailer.config import load_settings

    engine = make_engine(load_settings().db_url)

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=target,
        include_name=only_tables_of(target),
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
