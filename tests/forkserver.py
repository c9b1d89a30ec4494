"""``mailer ARGS`` in a fresh process, without paying for its imports every time.

The suite runs the command hundreds of times; each start spent 1-3 s importing
SQLAlchemy, Alembic, the renderer and the readers, and CLI scenarios of a dozen
calls took a minute, which pushed CI past its budget. One process per test
worker (the zygote) imports those libraries once and forks a child per call.
The child is a new process like the installed script makes: its own
environment, working directory, stdin, stdout and stderr, umask and exit code;
it runs ``mailer.cli.main``, which is all the installed ``mailer`` script does.
The command modules themselves (which translate their help as they register)
are imported in the child, after it has chosen its language, as in a real run.

Tests that signal or kill the command, or read it while it runs, start the
real script themselves (``tests.cli.MAILER``).
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

MAILER = str(Path(sys.executable).with_name("mailer"))
# Imported once by the zygote: the libraries and rooms, never a command module.
PRELOAD = (
    "sqlalchemy",
    "sqlmodel",
    "psycopg",
    "alembic.command",
    "alembic.config",
    "alembic.runtime.migration",
    "typer",
    "rich.console",
    "rich.table",
    "mailer.cli",
    "mailer.db",
    "mailer.campaigns",
    "mailer.render",
    "mailer.render.preview",
    "mailer.sending.dispatch",
    "mailer.inbound.runs",
    "mailer.schedule.runner",
    "mailer.transports.factory",
    "mailer.transports.smtp",
    "mailer.transports.sendgrid",
    "subscribers.importer",
    "subscribers.privacy",
    "openpyxl",
)

ZYGOTE = r"""
import atexit, importlib, json, os, signal, sys, threading, traceback
signal.signal(signal.SIGINT, signal.SIG_DFL)
for name in sys.argv[1:]:
    importlib.import_module(name)
requests, replies = sys.stdin, sys.stdout
for line in requests:
    job = json.loads(line)
    replies.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            for fd, (path, mode) in enumerate(
                [(job["in"], os.O_RDONLY), (job["out"], os.O_WRONLY), (job["err"], os.O_WRONLY)]
            ):
                os.dup2(os.open(path, mode), fd)
            os.chdir(job["cwd"])
            os.environ.clear()
            os.environ.update(job["env"])
            signal.alarm(job["timeout"])  # a safety net: a hung command dies, the test fails
            sys.argv = ["mailer", *job["args"]]
            from mailer.cli import main
            try:
                main()
                code = 0
            except SystemExit as done:
                if done.code is None or isinstance(done.code, int):
                    code = done.code or 0
                else:  # as the interpreter does: the message to stderr, exit 1
                    print(done.code, file=sys.stderr)
            # what the interpreter does at exit: wait for threads, run atexit
            threading._shutdown()
            atexit._run_exitfuncs()
        except BaseException:  # a failure outside main's own net shows, as it would
            traceback.print_exc()
            code = 1
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    replies.write(json.dumps({"code": code}) + "\n")
    replies.flush()
"""


class Zygote:
    """The per-worker process that forks each ``mailer`` call."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[str] | None = None

    def _started(self) -> subprocess.Popen[str]:
        if self._proc is None or self._proc.poll() is not None:
            # Rich fixes a console's width at import when COLUMNS/LINES are set; without
            # them it reads each call's own environment.
            own = ("MAILER_", "SENDGRID_", "COLUMNS", "LINES")
            env = {k: v for k, v in os.environ.items() if not k.startswith(own)}
            self._proc = subprocess.Popen(
                [sys.executable, "-c", ZYGOTE, *PRELOAD],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env=env,
            )
        return self._proc

    def run(
        self,
        args: Sequence[str],
        env: Mapping[str, str],
        *,
        input: str | None = None,
        cwd: str | Path | None = None,
        timeout: int = 300,
    ) -> subprocess.CompletedProcess[str]:
        with self._lock, tempfile.TemporaryDirectory(prefix="mailer-call-") as folder:
            paths = {name: Path(folder) / name for name in ("in", "out", "err")}
            paths["in"].write_text(input or "", encoding="utf-8")
            for name in ("out", "err"):
                paths[name].touch()
            job = {
                "args": list(args),
                "env": dict(env),
                "cwd": str(cwd or os.getcwd()),
                "timeout": timeout,
                **{name: str(path) for name, path in paths.items()},
            }
            proc = self._started()
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write(json.dumps(job) + "\n")
            proc.stdin.flush()
            reply = proc.stdout.readline()
            if not reply:
                raise RuntimeError("the mailer zygote died; see the test's stderr")
            code = json.loads(reply)["code"]
            if code == -signal.SIGALRM:  # the child's safety net fired: a hang, not an exit
                raise subprocess.TimeoutExpired([MAILER, *args], timeout)
            return subprocess.CompletedProcess(
                [MAILER, *args],
                code,
                paths["out"].read_text(encoding="utf-8", errors="replace"),
                paths["err"].read_text(encoding="utf-8", errors="replace"),
            )

    def close(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()
            self._proc.wait(timeout=30)


_ZYGOTE = Zygote()
atexit.register(_ZYGOTE.close)


def run_mailer(
    args: Sequence[str],
    env: Mapping[str, str],
    *,
    input: str | None = None,
    cwd: str | Path | None = None,
    timeout: int = 300,
) -> subprocess.CompletedProcess[str]:
    """``mailer ARGS`` with ``env`` in a new process: exit code, stdout, stderr."""
    return _ZYGOTE.run(args, env, input=input, cwd=cwd, timeout=timeout)
