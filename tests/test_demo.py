"""`mailer demo` through the real `mailer` command: its own data, Maildir only, rerunnable."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from mailer.config import Settings
from tests.forkserver import run_mailer
from tests.mailbox import messages, per_recipient
from tests.transports.smtp_server import SmtpServer

MAILER = str(Path(sys.executable).parent / "mailer")


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    """A clean environment: only this test's settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAILER_", "SENDGRID_"))}
    env.update(MAILER_DATA_DIR=str(data_dir), COLUMNS="200")
    env.update(extra)
    return env


def _mailer(env: dict[str, str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_mailer(args, env, cwd=cwd)


def _demo(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    done = _mailer(env, "demo", cwd=cwd)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    return done


def _follow_hint(done: subprocess.CompletedProcess[str], base: dict[str, str], cwd: Path) -> Any:
    """Run the `campaign status` line the demo printed, as an operator would paste it."""
    (line,) = [ln for ln in done.stdout.splitlines() if "mailer campaign status" in ln]
    words = shlex.split(line)
    at = words.index("mailer")
    assignments = dict(word.split("=", 1) for word in words[:at])
    status = _mailer({**base, **assignments}, *words[at + 1 :], "--json", cwd=cwd)
    assert status.returncode == 0, status.stdout + status.stderr
    return json.loads(status.stdout)


def test_demo_runs_again_and_again_into_its_own_maildir(tmp_path: Path) -> None:
    data = tmp_path / "var"
    env = _env(data, MAILER_LANGUAGE="en")
    first = _demo(env, tmp_path)
    demo_maildir = data / "demo" / "maildir"
    got = per_recipient(demo_maildir)
    assert len(got) > 150 and set(got.values()) <= {1, 2}  # newsletter, and for some an invitation
    invitations = [m for m in messages(demo_maildir) if "text/calendar" in m.as_string()]
    assert 1 <= len(invitations) < len(got)
    assert all(address.endswith(".example") for address in got)
    subjects = {str(m["Subject"]) for m in messages(demo_maildir)}
    assert {"Nieuwsbrief vervoer en welzijn", "Newsletter transport and welfare"} <= subjects
    assert (data / "demo" / "pleinpost.db").exists() and not (data / "pleinpost.db").exists()
    assert "Timeline of event" in first.stdout and "reminder (3 days ahead)" in first.stdout
    assert "[bold]" not in first.stdout and "[/]" not in first.stdout  # styles, not their tags

    second = _demo(env, tmp_path)  # starts over: the same mail again, not twice as much
    assert per_recipient(demo_maildir) == got
    assert "Traceback" not in second.stderr
    status = _follow_hint(second, env, tmp_path)
    assert status["status"] == "sent" and status["deliveries"]["sent"] > 150

    third = _demo(_env(data), tmp_path)  # the operator's default language, Dutch
    assert "Tijdlijn van bijeenkomst" in third.stdout


@pytest.fixture
def sink(tmp_path: Path) -> Iterator[SmtpServer]:
    server = SmtpServer(tmp_path / "sink").start()
    yield server
    server.stop()


def _snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order."""
    out = {}
    with engine.connect() as conn:
        for table in sorted(inspect(conn).get_table_names()):
            rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()
            out[table] = sorted(tuple(map(repr, row)) for row in rows)
    return out


def test_demo_never_uses_the_configured_transport_or_database(
    settings: Settings, engine: Engine, tmp_path: Path, sink: SmtpServer
) -> None:
    contacts = tmp_path / "contacten.csv"
    contacts.write_text(
        "naam;e-mail;organisatie;soort\nAn de Vries;an@gemeente-echt.nl;Gemeente Echt;gemeente\n",
        encoding="utf-8",
    )
    env = _env(
        settings.data_dir,
        MAILER_DATABASE_URL=settings.db_url,
        MAILER_TRANSPORT="smtp",
        MAILER_SMTP_URL=f"smtp://127.0.0.1:{sink.port}",
        MAILER_SECRET_KEY="test-secret-key",
        MAILER_LANGUAGE="en",
    )
    imported = _mailer(env, "contacts", "import", str(contacts), cwd=tmp_path)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    before = _snapshot(engine)
    assert any("an@gemeente-echt.nl" in str(row) for row in before["contact"])

    done = _demo(env, tmp_path)

    assert sink.messages() == [] and sink.ehlos() == 0  # not even a connection
    assert _snapshot(engine) == before
    got = per_recipient(settings.data_dir / "demo" / "maildir")
    assert len(got) > 150 and "an@gemeente-echt.nl" not in got
    assert "mailer check" not in done.stderr  # no warning: nothing went over SMTP
    status = _follow_hint(done, env, tmp_path)  # the hint overrides the operator's database
    assert status["status"] == "sent"
    assert _snapshot(engine) == before


def test_demo_refuses_to_start_over_on_the_operators_own_database(tmp_path: Path) -> None:
    data = tmp_path / "var"
    own = data / "demo" / "pleinpost.db"
    own.parent.mkdir(parents=True)
    own.write_bytes(b"the operator's data")
    relative = own.relative_to(tmp_path)  # written differently, the same file
    env = _env(data, MAILER_DATABASE_URL=f"sqlite:///{relative}", MAILER_LANGUAGE="en")
    done = _mailer(env, "demo", cwd=tmp_path)
    assert done.returncode == 1 and "MAILER_DATABASE_URL" in done.stderr
    assert "Traceback" not in done.stderr
    assert own.read_bytes() == b"the operator's data"
