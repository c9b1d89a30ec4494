"""`mailer users add` and `mailer web` as an operator runs them."""

from __future__ import annotations

import signal
import socket
import subprocess
import time

import httpx
import pytest
from sqlmodel import Session

from mailer.db import make_engine
from mailer.web import users
from tests.cli import MAILER, mailer_env

PASSWORD = "een lang genoeg wachtwoord"


def test_users_add_reads_the_password_from_stdin(mailer, db_url):
    done = mailer("users", "add", "Coord@Example.nl", "--role", "admin", "--password-stdin",
                  input=PASSWORD + "\n", MAILER_LANGUAGE="en")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "coord@example.nl" in done.stdout
    engine = make_engine(db_url)
    try:
        with Session(engine) as s:
            user = users.find(s, "coord@example.nl")
            assert user is not None and user.role == "admin"
            assert PASSWORD not in user.password_hash and user.password_hash.startswith("$argon2")
    finally:
        engine.dispose()
    listed = mailer("users", "list", "--json")
    assert '"coord@example.nl"' in listed.stdout


def test_users_add_twice_or_with_a_short_password_is_one_clear_error(mailer):
    assert (
        mailer("users", "add", "a@example.nl", "--password-stdin", input=PASSWORD).returncode == 0
    )
    again = mailer("users", "add", "a@example.nl", "--password-stdin", input=PASSWORD,
                   MAILER_LANGUAGE="en")  # fmt: skip
    assert again.returncode == 1 and "exists already" in again.stderr + again.stdout
    assert "Traceback" not in again.stderr
    short = mailer("users", "add", "b@example.nl", "--password-stdin", input="kort",
                   MAILER_LANGUAGE="en")  # fmt: skip
    assert short.returncode == 1 and "too short" in short.stderr + short.stdout


def test_users_add_with_an_unknown_role_is_a_usage_error(mailer):
    done = mailer(
        "users", "add", "a@example.nl", "--role", "king", "--password-stdin", input=PASSWORD
    )
    assert done.returncode == 2


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_mailer_web_serves_until_sigterm(db_url, tmp_path):
    port = _free_port()
    env = mailer_env(db_url, tmp_path, MAILER_LANGUAGE="en")
    process = subprocess.Popen(
        [MAILER, "web", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        answer = None
        while answer is None:  # until it answers, or the process has died
            if process.poll() is not None:
                pytest.fail(f"mailer web exited: {process.stderr.read() if process.stderr else ''}")
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/login", timeout=5)
            except httpx.TransportError:
                time.sleep(0.05)
        assert answer.status_code == 200 and 'name="csrf"' in answer.text
        assert httpx.get(f"http://127.0.0.1:{port}/overzicht").status_code == 303
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert f"127.0.0.1:{port}" in out
