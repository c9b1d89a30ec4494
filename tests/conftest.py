"""Shared fixtures: a clean database at head per test (SQLite, or PostgreSQL when
``MAILER_TEST_DATABASE_URL`` is set), and settings pointing at it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine, make_url

from mailer.config import Settings, load_settings
from mailer.db import make_engine, metadata, upgrade
from mailer.i18n import DEFAULT_LANGUAGE, set_language
from tests.cli import mailer  # noqa: F401  (the real `mailer` command, for every test file)
from tests.services import corpus, need
from tests.transports.sendgrid_server import FakeSendGrid

PG_URL = os.environ.get("MAILER_TEST_DATABASE_URL", "")
TEST_SECRET = "test-secret-key"  # the settings fixture's and the CLI subprocesses' signing key


@pytest.fixture(scope="session")
def _db_template(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    """Once per worker: a database at head. SQLite: a file to copy; PostgreSQL: its URL."""
    if not PG_URL:
        path = tmp_path_factory.mktemp("dbtemplate") / "template.db"
        engine = make_engine(f"sqlite:///{path}")
        upgrade(engine)
        engine.dispose()
        yield str(path)
        return
    admin = make_engine(PG_URL, isolation_level="AUTOCOMMIT")
    # pid too: several pytest runs may share one server (developers, helpers).
    name = f"pleinpost_test_{worker_id}_{os.getpid()}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as err:
        need(False, f"PostgreSQL at MAILER_TEST_DATABASE_URL not reachable: {err}")
    finally:
        admin.dispose()
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    admin = make_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def db_url(_db_template: str, tmp_path: Path) -> str:
    """A clean database at head, just for this test."""
    if not PG_URL:
        target = tmp_path / "pleinpost.db"
        shutil.copyfile(_db_template, target)
        return f"sqlite:///{target}"
    engine = make_engine(_db_template)
    tables = [t for t in inspect(engine).get_table_names() if t != "alembic_version"]
    ours = set(metadata().tables)
    with engine.begin() as conn:
        for stray in (t for t in tables if t not in ours):  # a job store a test left behind
            conn.execute(text(f'DROP TABLE "{stray}"'))
        tables = [t for t in tables if t in ours]
        if tables:
            names = ", ".join(f'"{t}"' for t in tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return _db_template


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data", database_url=db_url, secret_key=TEST_SECRET)


@pytest.fixture
def is_postgres() -> bool:
    return bool(PG_URL)


SENDGRID_KEY = "SG.dispatch-test"


@pytest.fixture
def fake() -> Iterator[FakeSendGrid]:
    """The local SendGrid stand-in (schema-checking), for tests above the transports."""
    corpus("sendgrid-oai", "mail_send_request.schema.json")
    server = FakeSendGrid(SENDGRID_KEY).start()
    yield server
    server.stop()


@pytest.fixture
def english() -> Iterator[None]:
    """Messages matched in English (the msgids); the default operator language is Dutch."""
    set_language("en")
    yield
    set_language(DEFAULT_LANGUAGE)
