from __future__ import annotations

import pytest

from mailer.config import load_settings
from mailer.errors import ConfigError


def test_defaults_are_sqlite_in_data_dir_and_maildir(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for var in ("MAILER_DATABASE_URL", "MAILER_TRANSPORT", "MAILER_DATA_DIR"):
        monkeypatch.delenv(var, raising=False)
    s = load_settings()
    assert s.db_url == "sqlite:///var/pleinpost.db"
    assert s.transport == "maildir"
    assert s.timezone == "Europe/Amsterdam"


@pytest.mark.parametrize(
    ("var", "value"),
    [
        ("MAILER_TIMEZONE", "Europe/Atlantis"),
        ("MAILER_TRANSPORT", "pigeon"),
        ("MAILER_BATCH_SIZE", "5000"),
    ],
)
def test_bad_value_names_the_variable(monkeypatch, var, value):
    monkeypatch.setenv(var, value)
    with pytest.raises(ConfigError, match=var):
        load_settings()


def test_sendgrid_key_read_from_its_usual_name(monkeypatch):
    monkeypatch.setenv("SENDGRID_API_KEY", "SG.test")
    monkeypatch.setenv("MAILER_FROM", "Test <t@example.nl>")
    s = load_settings()
    assert s.sendgrid_api_key == "SG.test"
    assert s.sender == "Test <t@example.nl>"


def test_operator_language_defaults_to_dutch_and_accepts_english(monkeypatch):
    monkeypatch.delenv("MAILER_LANGUAGE", raising=False)
    assert load_settings().language == "nl"
    monkeypatch.setenv("MAILER_LANGUAGE", " EN ")
    assert load_settings().language == "en"


def test_unknown_operator_language_names_the_variable(monkeypatch):
    monkeypatch.setenv("MAILER_LANGUAGE", "fr")
    with pytest.raises(ConfigError, match="MAILER_LANGUAGE"):
        load_settings()


def test_debug_is_off_unless_asked(monkeypatch):
    monkeypatch.delenv("MAILER_DEBUG", raising=False)
    assert load_settings().debug is False
    monkeypatch.setenv("MAILER_DEBUG", "1")
    assert load_settings().debug is True
