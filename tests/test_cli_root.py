"""The root app loads only what a command needs, and the table that says so is true."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import typer

from mailer.cli import root


def _names(module: str) -> set[str]:
    app = typer.Typer()
    importlib.import_module(f"mailer.cli.{module}").register(app)
    commands = {c.name for c in app.registered_commands}
    groups = {g.name for g in app.registered_groups}
    return {n for n in commands | groups if n}


def test_every_registered_command_is_in_the_table_with_its_module() -> None:
    registered = {m: _names(m) for m in root.MODULES}
    every = set().union(*registered.values())
    assert every == set(root.COMMANDS)
    for module, names in registered.items():
        for name in names:
            assert module in root.COMMANDS[name], (name, module)


PROBE = """
import contextlib, io, sys
from mailer.cli import run
with contextlib.redirect_stdout(io.StringIO()):
    code = run(sys.argv[1:])
heavy = ("mailer.inbound.pipeline", "mailer.schedule.runner", "fastapi", "mailer.render.compile")
print(code, [m for m in heavy if m in sys.modules])
"""


def _probe(tmp_path, *args: str) -> str:
    env = {"MAILER_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_contacts_command_loads_neither_readers_scheduler_web_nor_renderer(tmp_path) -> None:
    _probe(tmp_path, "contacts", "list")  # the first run makes the database (every model)
    assert _probe(tmp_path, "contacts", "list") == "0 []"


def test_help_lists_every_group(tmp_path) -> None:
    out = subprocess.run(
        [str(Path(sys.executable).with_name("mailer")), "--help"],
        env={"MAILER_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout
    for name in root.COMMANDS:
        assert name in out, name
