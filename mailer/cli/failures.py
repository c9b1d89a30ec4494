"""What an operator sees when a command fails: one sentence and an exit code.

A coordinator cannot act on a traceback, and a script cannot act on a failure
that exits 0. So every exception that leaves a command ends here, at the root
(``mailer.cli.run``), and becomes one or two lines on stderr and one of:

==== =========================================================
0    done
1    an error (ours, the subscriber store's, the database's, the system's)
2    a usage mistake or a setting to fix
130  interrupted (Ctrl-C, or "no" to a question)
==== =========================================================

An exception nobody expected still gets one sentence, plus where its full
report went (``<MAILER_DATA_DIR>/logs/``; ``MAILER_DEBUG=1`` prints it too).
"""

from __future__ import annotations

import errno
import os
import platform
import sys
import tempfile
import traceback
from collections.abc import Iterator
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import typer
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from typer._click.exceptions import NoArgsIsHelpError, UsageError

from mailer.cli.runtime import Runtime, console_err
from mailer.cli.usage import usage_sentence
from mailer.config import Settings
from mailer.errors import ConfigError, PleinpostError
from mailer.i18n import _
from subscribers.errors import SubscriberError

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def package_version() -> str:
    try:
        return version("pleinpost")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "0+unknown"


def say(message: str) -> None:
    """One message on stderr, as written: no markup, no wrapping into extra lines."""
    console_err.print(message, markup=False, highlight=False, soft_wrap=True)


def error_line(err: object) -> str:
    """A refusal a coordinator can act on (ours or the subscriber store's), in one line."""
    return _("Error: {message}").format(message=err)


def report(err: BaseException, runtime: Runtime | None) -> int:
    """Tell the operator what went wrong with ``err``; return the exit code."""
    if isinstance(err, KeyboardInterrupt):
        say(_("Interrupted."))
        return EXIT_INTERRUPTED
    if isinstance(err, typer.Abort):
        say(_("Aborted."))
        return EXIT_INTERRUPTED
    if isinstance(err, NoArgsIsHelpError):
        return EXIT_USAGE  # Typer printed the help when it raised this
    if isinstance(err, UsageError):
        _usage(err)
        return EXIT_USAGE
    if isinstance(err, typer.TyperException):
        say(error_line(err.format_message()))
        return err.exit_code
    for cause in _causes(err):
        code = _known(cause, runtime)
        if code is not None:
            return code
    return _unexpected(err, runtime)


def _causes(err: BaseException) -> Iterator[BaseException]:
    """``err`` and what it was raised from (``raise ... from``), outermost first."""
    seen: set[int] = set()
    current: BaseException | None = err
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__


def _known(err: BaseException, runtime: Runtime | None) -> int | None:
    if isinstance(err, ConfigError):
        say(_("Configuration error: {message}").format(message=err))
        return EXIT_USAGE
    if isinstance(err, PleinpostError | SubscriberError):
        say(error_line(err))
        return EXIT_ERROR
    if isinstance(err, SQLAlchemyError):
        say(database_sentence(err, runtime.settings_or_none() if runtime else None))
        return EXIT_ERROR
    if isinstance(err, ModuleNotFoundError) and err.name:
        say(
            _(
                "The Python package {name} is missing; install it (uv pip install {name}) "
                "or reinstall Pleinpost with `make setup`."
            ).format(name=err.name.split(".")[0])
        )
        return EXIT_ERROR
    if isinstance(err, OSError):
        if err.errno == errno.EPIPE:  # `mailer … | head`: the reader left; nothing to say
            _silence_stdout()
            return EXIT_ERROR
        say(os_sentence(err))
        return EXIT_ERROR
    return None


def _usage(err: UsageError) -> None:
    say(_("Usage error: {message}").format(message=usage_sentence(err)))
    ctx = err.ctx
    if ctx is not None:
        usage = " ".join([ctx.command_path, *ctx.command.collect_usage_pieces(ctx)])
        say(
            _("Usage: {usage} (more with '{command} --help')").format(
                usage=usage, command=ctx.command_path
            )
        )


def _first_line(err: BaseException) -> str:
    text = str(getattr(err, "orig", None) or err).strip()
    return text.splitlines()[0].strip() if text else type(err).__name__


def database_sentence(err: SQLAlchemyError, settings: Settings | None) -> str:
    """A database failure in one sentence, with the driver's own first line as the detail."""
    detail = _first_line(err)
    lowered = detail.lower()
    if isinstance(err, IntegrityError):
        if "foreign key" in lowered:
            return _(
                "The database refused the change: it refers to something that does not exist "
                "(an event, campaign or organisation id?) ({detail})."
            ).format(detail=detail)
        if "unique" in lowered or "duplicate" in lowered:
            return _(
                "The database refused the change: something that must be unique already "
                "exists ({detail})."
            ).format(detail=detail)
        return _("The database refused the change ({detail}).").format(detail=detail)
    if isinstance(err, OperationalError):
        if "locked" in lowered or "busy" in lowered:
            return _(
                "The database is locked by another process; try again in a moment ({detail})."
            ).format(detail=detail)
        url = make_url(settings.db_url).render_as_string(hide_password=True) if settings else "?"
        return _(
            "Cannot use the database {url}; check MAILER_DATABASE_URL and that the database "
            "is running and writable ({detail})."
        ).format(url=url, detail=detail)
    return _("Database error ({detail}).").format(detail=detail)


def os_sentence(err: OSError) -> str:
    """A system failure (disk full, no permission, no connection) in one sentence."""
    path = err.filename if err.filename is not None else ""
    reason = err.strerror or str(err) or type(err).__name__
    if err.errno == errno.ENOSPC and path:
        return _("The disk is full: could not write {path}.").format(path=path)
    if err.errno == errno.ENOSPC:
        return _("The disk is full; what was being written is incomplete.")
    if isinstance(err, PermissionError):
        return _("No permission to use {path} ({reason}); check its owner and rights.").format(
            path=path or "?", reason=reason
        )
    if isinstance(err, FileNotFoundError) and path:
        return _("Not found: {path}.").format(path=path)
    if isinstance(err, ConnectionError | TimeoutError):
        return _("No connection: {reason}.").format(reason=reason)
    if path:
        return _("System error with {path}: {reason}.").format(path=path, reason=reason)
    return _("System error: {reason}.").format(reason=reason)


def _silence_stdout() -> None:
    """After a broken pipe, let the interpreter's final flush of stdout go nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _debug(settings: Settings | None) -> bool:
    if settings is not None:
        return settings.debug
    return os.environ.get("MAILER_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}


def _unexpected(err: BaseException, runtime: Runtime | None) -> int:
    """A bug or a failure nobody planned for: one sentence, the report kept on disk."""
    settings = runtime.settings_or_none() if runtime else None
    text = "".join(traceback.format_exception(err))
    path = write_crash_report(text, settings)
    if _debug(settings):
        sys.stderr.write(text)
    kind = type(err).__name__
    say(_("Unexpected error: {kind}: {message}").format(kind=kind, message=err))
    if path is not None:
        say(
            _("The full report is in {path}; MAILER_DEBUG=1 also prints it here.").format(path=path)
        )
    else:
        say(_("Run the command again with MAILER_DEBUG=1 to see the full report."))
    return EXIT_ERROR


def crash_dir(settings: Settings | None) -> Path:
    if settings is not None:
        return settings.data_dir / "logs"
    return Path(tempfile.gettempdir()) / "pleinpost-logs"


def write_crash_report(text: str, settings: Settings | None) -> Path | None:
    """The traceback and what ran, in a file; None when it cannot be written either."""
    now = datetime.now()
    folder = crash_dir(settings)
    path = folder / f"crash-{now:%Y%m%d-%H%M%S}-{os.getpid()}.log"
    header = (
        f"command: {' '.join(sys.argv)}\n"
        f"pleinpost {package_version()}, Python {platform.python_version()}\n"
        f"at {now:%Y-%m-%d %H:%M:%S}\n\n"
    )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(header + text, encoding="utf-8")
    except OSError:
        return None
    return path
