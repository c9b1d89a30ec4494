"""The real ``mailer`` command in a subprocess, as an operator runs it.

Tests of CLI behaviour go through the entry point in a process of its own, so
what they see (exit code, stdout, stderr) is what a coordinator or a script
sees; Typer's test runner hides how errors surface. Calls are forked from a
process that has the libraries imported (``tests.forkserver``: it runs the
same ``mailer.cli.main`` the installed script runs, minus 1-3 s of imports);
tests that signal, kill or watch a running command start ``MAILER`` itself.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.forkserver import run_mailer

MAILER = str(Path(sys.executable).with_name("mailer"))

Run = Callable[..., subprocess.CompletedProcess[str]]


def mailer_env(db_url: str, tmp_path: Path, **extra: str) -> dict[str, str]:
    """The test's database and data dir; no MAILER_* setting of the developer's shell."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAILER_", "SENDGRID_"))}
    env.update(
        MAILER_DATA_DIR=str(tmp_path / "data"),
        MAILER_DATABASE_URL=db_url,
        MAILER_SECRET_KEY="test-secret-key",
        COLUMNS="100",
    )
    env.update(extra)
    return env


def interruptible() -> None:
    """For a child the test will Ctrl-C: SIGINT as a terminal delivers it.

    A command started in the background by a script (``make test &``, some CI
    runners) inherits SIGINT *ignored*, and Python then never raises
    KeyboardInterrupt; the test would wait for ever on a child that is right
    to ignore it.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def mailer(db_url: str, tmp_path: Path) -> Run:
    """Run ``mailer ARGS`` as an operator would; ``env`` adds or overrides settings."""

    def run(*args: str, input: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
        return run_mailer(args, mailer_env(db_url, tmp_path, **env), input=input)

    return run
