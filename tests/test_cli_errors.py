"""The real ``mailer`` script never shows a traceback and never exits 0 on a failure.

Each test runs the command in a process of its own (the ``mailer`` fixture forks
it, ``tests.forkserver``; the injected failures and Ctrl-C start the installed
script) and checks the exit code and that the message is short (CliRunner in
standalone mode hid all of these).
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import pytest
from sqlalchemy import text

from mailer.db import make_engine
from tests.cli import MAILER, Run, interruptible, mailer_env


def short_failure(result: subprocess.CompletedProcess[str], code: int, lines: int = 2) -> str:
    """Assert exit ``code``, no traceback, at most ``lines`` lines on stderr; return stderr."""
    both = result.stdout + result.stderr
    assert result.returncode == code, both
    assert "Traceback" not in both and 'File "' not in both, both
    assert 0 < len(result.stderr.strip().splitlines()) <= lines, result.stderr
    return result.stderr


# -- usage mistakes: exit 2 ------------------------------------------------------------


def test_no_arguments_shows_the_help_and_exits_2(mailer: Run) -> None:
    result = mailer()
    assert result.returncode == 2
    assert "campaign" in result.stdout and "contacts" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_group_without_a_command_shows_its_help(mailer: Run) -> None:
    result = mailer("contacts")
    assert result.returncode == 2 and "import" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_unknown_command_is_a_usage_error(mailer: Run) -> None:
    err = short_failure(mailer("campain", "list"), 2)
    assert "campain" in err and "'campaign'" in err and "mailer --help" in err


def test_missing_required_option_is_a_usage_error(mailer: Run) -> None:
    result = mailer("event", "create", "--title", "x", "--start", "2030-01-01 10:00")
    err = short_failure(result, 2)
    assert "--end" in err and "mailer event create --help" in err


def test_bad_number_is_a_usage_error(mailer: Run) -> None:
    err = short_failure(mailer("campaign", "status", "abc"), 2)
    assert "campaign_id" in err


def test_unknown_option_is_a_usage_error(mailer: Run) -> None:
    assert "--bogus" in short_failure(mailer("campaign", "list", "--bogus"), 2)


def test_version(mailer: Run) -> None:
    result = mailer("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"mailer (Pleinpost) {version('pleinpost')}"


def test_a_bad_setting_names_the_variable_and_exits_2(mailer: Run) -> None:
    err = short_failure(mailer("campaign", "list", MAILER_TRANSPORT="pigeon"), 2)
    assert "Configuratiefout" in err and "MAILER_TRANSPORT" in err


# -- refusals: exit 1 ----------------------------------------------------------------


def test_import_of_a_missing_file_exits_1(mailer: Run, tmp_path: Path) -> None:
    err = short_failure(mailer("contacts", "import", str(tmp_path / "nope.csv")), 1)
    assert "Bestand niet gevonden" in err


def test_import_of_a_file_without_an_email_column_exits_1(mailer: Run, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("naam;telefoon\nJan;0612345678\n", encoding="utf-8")
    err = short_failure(mailer("contacts", "import", str(path)), 1)
    assert "Geen kolom 'e-mail'" in err and "'telefoon'" in err


def test_unknown_segment_exits_1(mailer: Run) -> None:
    assert "Onbekend segment 'nope'" in short_failure(mailer("segments", "show", "nope"), 1)
    listed = mailer("contacts", "list", "--segment", "nope")
    assert "Onbekend segment 'nope'" in short_failure(listed, 1)


def test_messages_follow_mailer_language(mailer: Run) -> None:
    err = short_failure(mailer("segments", "show", "nope", MAILER_LANGUAGE="en"), 1)
    assert err.startswith("Error: Unknown segment 'nope'")
    usage = short_failure(mailer("campain", MAILER_LANGUAGE="en"), 2)
    assert usage.startswith("Usage error:")


def test_an_unknown_language_is_a_setting_to_fix(mailer: Run) -> None:
    err = short_failure(mailer("segments", "list", MAILER_LANGUAGE="fr"), 2)
    assert "MAILER_LANGUAGE" in err


# -- the database and the system: one sentence, exit 1 ---------------------------------


def _refuse_segment_inserts(db_url: str) -> Callable[[], None]:
    """A trigger that makes the database itself refuse a change, as a constraint does."""
    engine = make_engine(db_url)
    if engine.dialect.name == "postgresql":
        create = [
            "CREATE FUNCTION h1_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION 'violates foreign key constraint' USING ERRCODE = '23503'; "
            "END $$",
            "CREATE TRIGGER h1_refuse BEFORE INSERT ON segment "
            "FOR EACH ROW EXECUTE FUNCTION h1_refuse()",
        ]
        drop = [
            "DROP TRIGGER IF EXISTS h1_refuse ON segment",
            "DROP FUNCTION IF EXISTS h1_refuse()",
        ]
    else:
        create = [
            "CREATE TRIGGER h1_refuse BEFORE INSERT ON segment BEGIN "
            "SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed'); END"
        ]
        drop = ["DROP TRIGGER IF EXISTS h1_refuse"]
    with engine.begin() as conn:
        for statement in create:
            conn.execute(text(statement))

    def undo() -> None:
        with engine.begin() as conn:
            for statement in drop:
                conn.execute(text(statement))
        engine.dispose()

    return undo


def test_a_refused_database_change_is_one_sentence(mailer: Run, db_url: str) -> None:
    undo = _refuse_segment_inserts(db_url)
    try:
        result = mailer("segments", "create", "noord", "--kind", "gemeente")
    finally:
        undo()
    err = short_failure(result, 1, lines=1)
    assert "De database weigerde de wijziging" in err and "niet bestaat" in err


def test_an_unreachable_database_is_one_sentence(mailer: Run) -> None:
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+psycopg://pleinpost:geheim@127.0.0.1:{port}/pleinpost"
    err = short_failure(mailer("segments", "list", MAILER_DATABASE_URL=url), 1, lines=1)
    assert "MAILER_DATABASE_URL" in err and f"127.0.0.1:{port}" in err
    assert "geheim" not in err  # the password is masked


def test_a_full_disk_is_one_sentence(mailer: Run) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    err = short_failure(mailer("contacts", "export", "--out", "/dev/full"), 1, lines=1)
    assert "De schijf is vol" in err


def test_a_data_dir_that_cannot_be_made_is_one_sentence(mailer: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    url = f"sqlite:///{blocker}/sub/pleinpost.db"
    err = short_failure(mailer("segments", "list", MAILER_DATABASE_URL=url), 1, lines=1)
    assert str(blocker) in err


# -- the unexpected, and interruptions -------------------------------------------------

INJECT = """
import sys
import typer
from mailer.cli import main, root

@root.app.command("boom")
def boom() -> None:
    raise {exception}

sys.argv = ["mailer", "boom"]
main()
"""


def _run_injected(exception: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A command that fails in a way nobody planned for, run through the real ``main``."""
    code = INJECT.format(exception=exception)
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )


def test_an_unexpected_error_is_one_sentence_and_a_report(db_url: str, tmp_path: Path) -> None:
    env = mailer_env(db_url, tmp_path)
    err = short_failure(_run_injected("RuntimeError('kapot')", env), 1)
    assert "Onverwachte fout: RuntimeError: kapot" in err
    [report] = (tmp_path / "data" / "logs").glob("crash-*.log")
    assert str(report) in err
    assert "Traceback" in report.read_text() and "kapot" in report.read_text()


def test_mailer_debug_shows_the_traceback(db_url: str, tmp_path: Path) -> None:
    env = mailer_env(db_url, tmp_path, MAILER_DEBUG="1")
    result = _run_injected("RuntimeError('kapot')", env)
    assert result.returncode == 1 and "Traceback" in result.stderr


def test_an_interrupt_is_one_line_and_exit_130(db_url: str, tmp_path: Path) -> None:
    result = _run_injected("KeyboardInterrupt()", mailer_env(db_url, tmp_path))
    assert short_failure(result, 130, lines=1).strip() == "Onderbroken."


def test_ctrl_c_at_a_question_is_one_line_and_exit_130(db_url: str, tmp_path: Path) -> None:
    with subprocess.Popen(
        [MAILER, "contacts", "forget", "a@x.example"],
        env=mailer_env(db_url, tmp_path),
        preexec_fn=interruptible,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        seen = b""
        while b"wissen?" not in seen:  # wait until the question is asked
            byte = process.stdout.read(1)
            assert byte, seen + process.stderr.read()
            seen += byte
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=300)
        stderr = process.stderr.read().decode()
    assert code == 130 and "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1] == "Afgebroken."


def test_no_to_a_question_exits_130(mailer: Run) -> None:
    result = mailer("contacts", "forget", "a@x.example", input="n\n")
    assert short_failure(result, 130, lines=1).strip() == "Afgebroken."


def test_typers_usage_errors_are_said_in_dutch(mailer: Run) -> None:
    """Typer writes these in English; a Dutch operator reads them in Dutch."""
    assert short_failure(mailer("campain", "list"), 2).startswith(
        "Fout in de opdracht: Onbekende opdracht 'campain'. Bedoelt u 'campaign'?"
    )
    missing = mailer("event", "create", "--title", "x", "--start", "2030-01-01 10:00")
    assert "Optie '--end' ontbreekt." in short_failure(missing, 2)
    assert "geef een geheel getal" in short_failure(mailer("campaign", "status", "abc"), 2)
    assert "Bedoelt u --json?" in short_failure(mailer("campaign", "list", "--jsn"), 2)


def test_data_is_printed_as_text_never_as_markup(mailer, tmp_path):
    """A subject with "[/]" crashed `campaign list` and `status`; "[link=…]" became a link."""
    content = tmp_path / "c.md"
    content.write_text("Hallo", encoding="utf-8")
    subject = "Nieuws [/] en [link=http://evil.example]klik[/link]"
    made = mailer(
        "campaign",
        "create",
        "newsletter",
        "--subject",
        subject,
        "--content",
        str(content),
        "--segment",
        "iedereen",
        "--json",
    )
    assert made.returncode == 0, made.stderr
    for args in (("campaign", "list"), ("campaign", "status", "1")):
        shown = mailer(*args, COLUMNS="200")
        assert shown.returncode == 0, shown.stderr
        assert subject in shown.stdout and "\x1b]8;" not in shown.stdout  # no OSC 8 hyperlink
