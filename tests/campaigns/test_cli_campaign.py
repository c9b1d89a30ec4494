"""The `mailer` command as a coordinator uses it, through the real Typer app."""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from mailer.cli import app
from mailer.errors import InvalidInput, InvalidTransition
from tests.mailbox import per_recipient


@pytest.fixture
def cli(settings, monkeypatch):
    for key, value in {
        "MAILER_DATABASE_URL": settings.db_url,
        "MAILER_DATA_DIR": str(settings.data_dir),
        "MAILER_SECRET_KEY": "test-secret-key",
    }.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("MAILER_TRANSPORT", raising=False)
    runner = CliRunner()

    def run(*args: str, ok: bool = True):
        result = runner.invoke(app, list(args), catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    return run


def _json(result):
    return json.loads(result.stdout)


def test_newsletter_from_create_to_sent(cli, settings, tmp_path):
    content = tmp_path / "nieuws.md"
    content.write_text("## Agenda\n\nKom naar het **café** op 3 maart.\n", encoding="utf-8")
    cli("contacts", "import", str(_contacts_csv(tmp_path)))
    cid = _json(
        cli(
            "campaign",
            "create",
            "newsletter",
            "--subject",
            "Nieuws",
            "--content",
            str(content),
            "--segment",
            "iedereen",
            "--json",
        )
    )["id"]
    status = _json(cli("campaign", "status", str(cid), "--json"))
    assert status["status"] == "draft"
    assert set(status["deliveries"]) >= {
        "queued",
        "sending",
        "sent",
        "failed",
        "uncertain",
        "skipped",
    }
    out = cli("campaign", "send", str(cid)).output
    assert "3" in out
    status = _json(cli("campaign", "status", str(cid), "--json"))
    assert status["status"] == "sent" and status["deliveries"]["sent"] == 3
    assert status["deliveries"]["skipped"] == 0
    assert len(per_recipient(settings.maildir)) == 3
    listed = _json(cli("campaign", "list", "--json"))
    assert [c["id"] for c in listed] == [cid]


def test_schedule_takes_local_time_and_refuses_the_past(cli, tmp_path):
    cli("contacts", "import", str(_contacts_csv(tmp_path)))
    cid = _json(
        cli(
            "campaign", "create", "newsletter", "--subject", "N", "--segment", "gemeenten", "--json"
        )
    )["id"]
    out = cli("campaign", "schedule", str(cid), "--at", "2031-07-01 09:00").output
    assert "2031-07-01 09:00 CEST" in out
    status = _json(cli("campaign", "show", str(cid), "--json"))
    assert status["status"] == "scheduled" and status["scheduled_at"].startswith("2031-07-01 09:00")
    with pytest.raises(InvalidInput, match="voorbij"):
        cli("campaign", "schedule", str(cid), "--at", "2020-01-01 09:00")


def test_errors_are_one_clear_line_and_exit_1(settings, tmp_path):
    """Through `main()`, as the installed command runs: no traceback for our errors."""
    import subprocess
    import sys

    env = dict(
        os.environ, MAILER_DATABASE_URL=settings.db_url, MAILER_DATA_DIR=str(settings.data_dir)
    )
    cmd = [sys.executable, "-c", "from mailer.cli import main; main()", "campaign", "cancel", "99"]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "bestaat niet" in done.stderr and "Traceback" not in done.stderr
    env["MAILER_TRANSPORT"] = "pigeon"
    bad = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "MAILER_TRANSPORT" in bad.stderr


def test_pause_resume_cancel_and_resend_uncertain(cli, tmp_path):
    cli("contacts", "import", str(_contacts_csv(tmp_path)))
    cid = _json(
        cli("campaign", "create", "newsletter", "--subject", "N", "--segment", "iedereen", "--json")
    )["id"]
    cli("campaign", "send", str(cid), "--queue-only")  # due now, for a worker to start
    cli("campaign", "pause", str(cid))
    assert _json(cli("campaign", "status", str(cid), "--json"))["status"] == "paused"
    cli("campaign", "resume", str(cid))  # never started: back to scheduled
    assert _json(cli("campaign", "status", str(cid), "--json"))["status"] == "scheduled"
    with pytest.raises(InvalidInput, match="--uncertain"):
        cli("campaign", "resend", str(cid))
    assert "geen onzekere leveringen" in cli("campaign", "resend", str(cid), "--uncertain").output
    cli("campaign", "cancel", str(cid))
    assert _json(cli("campaign", "status", str(cid), "--json"))["status"] == "cancelled"
    with pytest.raises(InvalidTransition):
        cli("campaign", "resume", str(cid))


def _contacts_csv(tmp_path):
    path = tmp_path / "contacten.csv"
    path.write_text(
        "naam;e-mail;organisatie;soort;gemeente\n"
        "An de Vries;an@gemeente-a.example;Gemeente Aadorp;gemeente;\n"
        "Bo Jansen;bo@rijdienst.example;Rijdienst Aadorp;initiatief;Aadorp\n"
        "Cor Smit;cor@provincie.example;Provincie Zuiderveen;provincie;\n",
        encoding="utf-8",
    )
    return path


def test_test_copy_goes_out_but_not_into_the_ledger(cli, settings, tmp_path):
    from tests.mailbox import messages

    cli("contacts", "import", str(_contacts_csv(tmp_path)))
    cid = _json(
        cli(
            "campaign",
            "create",
            "newsletter",
            "--subject",
            "Nieuws",
            "--segment",
            "iedereen",
            "--json",
        )
    )["id"]
    # a Dutch-only campaign: an English reader gets the Dutch mail, so that is the copy
    cli("campaign", "test", str(cid), "--to", "coordinator@example.nl", "--lang", "en")
    (msg,) = messages(settings.maildir)
    assert msg["Subject"] == "[TEST nl] Nieuws" and msg["To"].addresses[0].addr_spec == (
        "coordinator@example.nl"
    )
    status = _json(cli("campaign", "status", str(cid), "--json"))
    assert status["status"] == "draft" and sum(status["deliveries"].values()) == 0
