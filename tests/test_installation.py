"""One signing secret per installation, in the database every machine shares."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from mailer import tokens
from mailer.config import load_settings
from mailer.errors import ConfigError
from mailer.installation import load_secret


def _machine(db_url: str, data_dir) -> object:
    return load_settings(data_dir=data_dir, database_url=db_url, secret_key="")


def test_two_machines_sharing_the_database_sign_alike(engine, db_url, tmp_path):
    here, there = _machine(db_url, tmp_path / "a"), _machine(db_url, tmp_path / "b")
    load_secret(engine, here)
    load_secret(engine, there)
    assert len(here.secret()) > 30 and here.secret() == there.secret()
    assert tokens.unsubscribe_url(here, 7) == tokens.unsubscribe_url(there, 7)
    assert not (tmp_path / "a" / "secret.key").exists()  # nothing per machine


def test_processes_starting_at_once_agree_on_one_key(engine, db_url, tmp_path):
    machines = [_machine(db_url, tmp_path / str(i)) for i in range(6)]
    threads = [threading.Thread(target=load_secret, args=(engine, m)) for m in machines]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({m.secret() for m in machines}) == 1


def test_an_installation_from_before_keeps_its_key_file(engine, db_url, tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "secret.key").write_text("the-key-links-were-signed-with\n")
    old = _machine(db_url, tmp_path / "old")
    load_secret(engine, old)
    assert old.secret() == "the-key-links-were-signed-with"
    other = _machine(db_url, tmp_path / "new")
    load_secret(engine, other)
    assert other.secret() == "the-key-links-were-signed-with"


def test_a_set_key_wins_and_none_is_never_made_up(engine, db_url, tmp_path):
    set_key = load_settings(data_dir=tmp_path, database_url=db_url, secret_key="configured")
    load_secret(engine, set_key)
    assert set_key.secret() == "configured"
    with pytest.raises(ConfigError, match="MAILER_SECRET_KEY"):
        _machine(db_url, tmp_path).secret()  # an entry point that forgot to load


def test_an_empty_key_in_the_database_is_refused(engine, db_url, tmp_path):
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO installation (name, value) VALUES ('signing-secret', ' ')"))
    with pytest.raises(ConfigError, match="MAILER_SECRET_KEY"):
        load_secret(engine, _machine(db_url, tmp_path))


def test_the_cli_signs_with_the_database_key(mailer, engine, db_url, tmp_path):
    """Two data dirs, one database: the same key, so links from either verify."""
    first = mailer("contacts", "list", MAILER_SECRET_KEY="")
    second = mailer("contacts", "list", MAILER_SECRET_KEY="", MAILER_DATA_DIR=str(tmp_path / "b"))
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    with engine.connect() as conn:
        keys = conn.execute(text("SELECT value FROM installation")).scalars().all()
    assert len(keys) == 1 and len(keys[0]) > 30
