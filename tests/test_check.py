"""`mailer check` and the warning before real mail, through the real `mailer` command."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from mailer import campaigns, checks
from mailer.campaigns import CampaignKind
from mailer.cli import check as check_cli
from mailer.config import Settings
from mailer.db import make_engine
from subscribers.sqltypes import utcnow
from tests.factories import network, with_settings
from tests.forkserver import run_mailer
from tests.transports.conftest import Cert, tls_cert  # noqa: F401  (a fixture used below)
from tests.transports.sendgrid_server import FakeSendGrid
from tests.transports.smtp_server import SmtpServer

MAILER = str(Path(sys.executable).parent / "mailer")
GOOD = {
    "MAILER_FROM": "Netwerk Zuiderveen <nieuws@zuiderveen.nl>",
    "MAILER_REPLY_DOMAIN": "antwoord.zuiderveen.nl",
    "MAILER_PUBLIC_URL": "https://post.zuiderveen.nl",
    "MAILER_POSTAL_ADDRESS": "Provinciehuis, Markt 1, 9999 ZZ Zuiderveen",
}
UNSAFE = {"MAILER_FROM", "MAILER_REPLY_DOMAIN", "MAILER_PUBLIC_URL", "MAILER_POSTAL_ADDRESS"}
WARNING = "mailer check"  # the warning's first line points at the command


def _env(settings: Settings, **extra: str) -> dict[str, str]:
    """A clean environment: only this test's settings, English messages."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAILER_", "SENDGRID_"))}
    env.update(
        MAILER_DATA_DIR=str(settings.data_dir),
        MAILER_DATABASE_URL=settings.db_url,
        MAILER_SECRET_KEY="test-secret-key",
        MAILER_LANGUAGE="en",
        COLUMNS="200",
    )
    env.update(extra)
    return env


def _mailer(env: dict[str, str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_mailer(args, env, cwd=cwd)


def _check_json(env: dict[str, str], cwd: Path) -> tuple[int, dict[str, Any]]:
    done = _mailer(env, "check", "--json", cwd=cwd)
    assert done.stdout.strip(), done.stderr
    return done.returncode, json.loads(done.stdout)


@pytest.fixture
def sink(tmp_path: Path) -> Iterator[SmtpServer]:
    server = SmtpServer(tmp_path / "sink", users={"pleinpost": "geheim"}).start()
    yield server
    server.stop()


# --- the findings, from settings alone -----------------------------------------


@pytest.mark.parametrize(
    ("domain", "example"),
    [
        ("pleinpost.example", True),
        ("example.com", True),
        ("nieuws.example.org", True),
        ("example.net", True),
        ("localhost", True),
        ("mail.invalid", True),
        ("zuiderveen.test", True),
        ("zuiderveen.nl", False),
        ("voorbeeld.nl", False),
        ("myexample.com", False),
    ],
)
def test_example_domains(domain: str, example: bool) -> None:
    assert checks.is_example_domain(domain) is example


def test_shipped_defaults_are_failures_whatever_the_transport(settings: Settings) -> None:
    local = checks.findings(settings)
    assert {f.setting for f in local} == UNSAFE and checks.failed(local)
    fails = checks.findings(with_settings(settings, transport="smtp"))
    assert {f.setting for f in fails} == UNSAFE and checks.failed(fails)


def test_good_settings_have_no_findings(settings: Settings) -> None:
    good = with_settings(
        settings,
        transport="sendgrid",
        sender=GOOD["MAILER_FROM"],
        reply_domain=GOOD["MAILER_REPLY_DOMAIN"],
        public_url=GOOD["MAILER_PUBLIC_URL"],
        postal_address=GOOD["MAILER_POSTAL_ADDRESS"],
    )
    assert checks.findings(good) == []


def test_the_warning_shows_failures_once_per_process(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(check_cli, "_warned", False)
    check_cli.warn_before_real_mail(_good(settings, transport="smtp", secret_key=""))
    check_cli.warn_before_real_mail(with_settings(settings, transport="maildir"))
    assert capsys.readouterr().err == ""  # a note, and Maildir: nothing to warn about
    unsafe = with_settings(settings, transport="sendgrid", sendgrid_api_key="SG.x")
    check_cli.warn_before_real_mail(unsafe)
    check_cli.warn_before_real_mail(unsafe)
    err = capsys.readouterr().err
    assert err.count(WARNING) == 1 and all(setting in err for setting in UNSAFE)


def _good(settings: Settings, **changes: Any) -> Settings:
    return with_settings(
        settings,
        sender=GOOD["MAILER_FROM"],
        reply_domain=GOOD["MAILER_REPLY_DOMAIN"],
        public_url=GOOD["MAILER_PUBLIC_URL"],
        postal_address=GOOD["MAILER_POSTAL_ADDRESS"],
        **changes,
    )


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"public_url": "https://localhost:8000"}, "public_url_example_host"),
        ({"public_url": "http://post.zuiderveen.nl"}, "public_url_not_https"),
        ({"postal_address": "  "}, "postal_address_missing"),
        ({"sender": "nieuws"}, "sender_not_an_address"),
        ({"sender": "Netwerk <nieuws@example.com>"}, "example_sender"),
    ],
)
def test_each_problem_names_its_setting(settings: Settings, change: dict, code: str) -> None:
    good = {
        "sender": GOOD["MAILER_FROM"],
        "reply_domain": GOOD["MAILER_REPLY_DOMAIN"],
        "public_url": GOOD["MAILER_PUBLIC_URL"],
        "postal_address": GOOD["MAILER_POSTAL_ADDRESS"],
    }
    (found,) = checks.findings(with_settings(settings, transport="smtp", **{**good, **change}))
    assert found.code == code and found.setting in found.message()


def test_effective_settings_mask_every_secret(settings: Settings) -> None:
    shown = checks.effective(
        with_settings(
            settings,
            database_url="postgresql+psycopg://pleinpost:db-geheim@db.zuiderveen.nl:5432/post",
            smtp_url="smtp://nieuws:smtp-geheim@mail.zuiderveen.nl:587?starttls=1",
            sendgrid_api_key="SG.abcdefghijklmnop-sendgrid-geheim",
            secret_key="signing-geheim",
        )
    )
    text = json.dumps(shown)
    assert "geheim" not in text
    assert shown["MAILER_DATABASE_URL"] == (
        "postgresql+psycopg://pleinpost:****@db.zuiderveen.nl:5432/post"
    )
    assert shown["MAILER_SMTP_URL"] == "smtp://nieuws:****@mail.zuiderveen.nl:587?starttls=1"
    assert shown["SENDGRID_API_KEY"].startswith("****") and shown["MAILER_SECRET_KEY"] == "****"
    assert shown["MAILER_FROM"] and "MAILER_BATCH_SIZE" in shown  # every setting, by its name


# --- `mailer check` ----------------------------------------------------------------


def test_check_on_the_shipped_defaults_is_not_ready_for_real_mail(
    settings: Settings, tmp_path: Path
):
    code, report = _check_json(_env(settings), tmp_path)
    assert code == 1 and not report["ok"] and report["transport"] == "maildir"
    assert report["transport_check"]["ok"]  # the Maildir itself works
    assert {f["setting"] for f in report["findings"]} == UNSAFE
    assert {f["severity"] for f in report["findings"]} == {"fail"}


def test_check_fails_over_smtp_with_example_settings_and_names_them(
    settings: Settings, tmp_path: Path, sink: SmtpServer
) -> None:
    url = f"smtp://pleinpost:geheim@127.0.0.1:{sink.port}"
    done = _mailer(
        _env(settings, MAILER_TRANSPORT="smtp", MAILER_SMTP_URL=url), "check", cwd=tmp_path
    )
    assert done.returncode == 1, done.stdout + done.stderr
    for setting in UNSAFE:
        assert setting in done.stdout
    assert "Traceback" not in done.stderr
    assert "geheim" not in done.stdout  # the SMTP password is masked
    assert "smtp://pleinpost:****@127.0.0.1" in done.stdout


def test_check_tries_smtp_credentials_without_sending(
    settings: Settings, tmp_path: Path, sink: SmtpServer
) -> None:
    url = f"smtp://pleinpost:geheim@127.0.0.1:{sink.port}"
    code, report = _check_json(
        _env(settings, MAILER_TRANSPORT="smtp", MAILER_SMTP_URL=url, **GOOD), tmp_path
    )
    assert code == 0 and report["ok"] and report["findings"] == []
    assert "AUTH" in report["transport_check"]["detail"]
    assert sink.ehlos() >= 1 and sink.messages() == []

    wrong = f"smtp://pleinpost:fout@127.0.0.1:{sink.port}"
    code, report = _check_json(
        _env(settings, MAILER_TRANSPORT="smtp", MAILER_SMTP_URL=wrong, **GOOD), tmp_path
    )
    assert code == 1 and not report["ok"] and not report["transport_check"]["ok"]
    assert "MAILER_SMTP_URL" in report["transport_check"]["detail"]
    assert "535" in report["transport_check"]["detail"]


def test_check_uses_starttls_when_asked(
    settings: Settings,
    tmp_path: Path,
    tls_cert: Cert,  # noqa: F811
) -> None:
    server = SmtpServer(
        tmp_path / "tls", users={"pleinpost": "geheim"}, cert=tls_cert.cert, key=tls_cert.key
    ).start()
    try:
        url = f"smtp://pleinpost:geheim@127.0.0.1:{server.port}?starttls=1&cafile={tls_cert.cert}"
        code, report = _check_json(
            _env(settings, MAILER_TRANSPORT="smtp", MAILER_SMTP_URL=url, **GOOD), tmp_path
        )
        assert code == 0, report
        assert "STARTTLS + AUTH" in report["transport_check"]["detail"]
        untrusted = url.split("&cafile=")[0]
        code, report = _check_json(
            _env(settings, MAILER_TRANSPORT="smtp", MAILER_SMTP_URL=untrusted, **GOOD), tmp_path
        )
        assert code == 1 and "certificate" in report["transport_check"]["detail"].lower()
        assert server.messages() == []
    finally:
        server.stop()


def test_check_unreachable_smtp_server_names_the_setting(settings: Settings, tmp_path: Path):
    closed = SmtpServer(tmp_path / "gone").start()
    port = closed.port
    closed.stop()  # nothing listens on this port now
    env = _env(settings, MAILER_TRANSPORT="smtp", MAILER_SMTP_URL=f"smtp://127.0.0.1:{port}")
    code, report = _check_json({**env, **GOOD}, tmp_path)
    assert code == 1 and "MAILER_SMTP_URL" in report["transport_check"]["detail"]


def test_check_tries_the_sendgrid_key_without_sending(
    settings: Settings, tmp_path: Path, fake: FakeSendGrid
) -> None:
    env = _env(settings, MAILER_TRANSPORT="sendgrid", MAILER_SENDGRID_API_HOST=fake.url, **GOOD)
    code, report = _check_json({**env, "SENDGRID_API_KEY": fake.api_key}, tmp_path)
    assert code == 0 and report["transport_check"]["ok"], report
    assert fake.api_key not in json.dumps(report)  # masked

    code, report = _check_json({**env, "SENDGRID_API_KEY": "SG.wrong-key-0000000000"}, tmp_path)
    assert code == 1 and "SENDGRID_API_KEY" in report["transport_check"]["detail"]

    wrong_host = {**env, "MAILER_SENDGRID_API_HOST": fake.url + "/elsewhere"}
    code, report = _check_json({**wrong_host, "SENDGRID_API_KEY": fake.api_key}, tmp_path)
    assert code == 1 and "MAILER_SENDGRID_API_HOST" in report["transport_check"]["detail"]

    fake.scopes = ["marketing.read"]
    code, report = _check_json({**env, "SENDGRID_API_KEY": fake.api_key}, tmp_path)
    assert code == 1 and "mail.send" in report["transport_check"]["detail"]
    assert fake.accepted == [] and fake.requests == 0  # nothing was posted to /v3/mail/send


def test_check_reports_an_unwritable_maildir(settings: Settings, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = _env(settings, MAILER_MAILDIR_PATH=str(blocker / "maildir"))
    code, report = _check_json(env, tmp_path)
    assert code == 1 and "MAILER_MAILDIR_PATH" in report["transport_check"]["detail"]


def test_check_prints_dutch_by_default(settings: Settings, tmp_path: Path) -> None:
    env = _env(settings)
    del env["MAILER_LANGUAGE"]
    done = _mailer(env, "check", cwd=tmp_path)
    assert done.returncode == 1 and "MAILER_POSTAL_ADDRESS" in done.stdout
    assert "Effectieve instellingen" in done.stdout and "Niet klaar voor echte mail" in done.stdout


# --- the warning before real mail -----------------------------------------------------


def _newsletter(settings: Settings) -> int:
    """A draft newsletter to a small network in the test database."""
    engine = make_engine(settings.db_url)
    try:
        with Session(engine) as session:
            network(session, initiatives=2, contacts_per_org=2)
            c = campaigns.create(
                session,
                kind=CampaignKind.NEWSLETTER,
                subject="Nieuws",
                content="## Nieuws\n\nEen kort bericht.",
                segments=["iedereen"],
            )
            session.commit()
            assert c.id is not None
            return c.id
    finally:
        engine.dispose()


def test_send_over_smtp_warns_once_with_example_settings(
    settings: Settings, tmp_path: Path, sink: SmtpServer
) -> None:
    cid = _newsletter(settings)
    url = f"smtp://pleinpost:geheim@127.0.0.1:{sink.port}"
    env = _env(settings, MAILER_TRANSPORT="smtp", MAILER_SMTP_URL=url, MAILER_BATCH_SIZE="2")
    done = _mailer(env, "campaign", "send", str(cid), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(sink.messages()) == 6  # three organisations, two contacts each, in 3 batches
    assert done.stderr.count(WARNING) == 1, done.stderr  # once, not per batch
    for setting in UNSAFE:
        assert setting in done.stderr


def test_send_over_smtp_with_good_settings_does_not_warn(
    settings: Settings, tmp_path: Path, sink: SmtpServer
) -> None:
    cid = _newsletter(settings)
    url = f"smtp://pleinpost:geheim@127.0.0.1:{sink.port}"
    env = _env(settings, MAILER_TRANSPORT="smtp", MAILER_SMTP_URL=url, **GOOD)
    done = _mailer(env, "campaign", "send", str(cid), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(sink.messages()) == 6
    assert WARNING not in done.stderr and "MAILER_" not in done.stderr


def test_maildir_send_does_not_warn(settings: Settings, tmp_path: Path) -> None:
    cid = _newsletter(settings)
    done = _mailer(_env(settings), "campaign", "send", str(cid), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert WARNING not in done.stderr and "MAILER_" not in done.stderr


def test_worker_warns_once_per_process(settings: Settings, tmp_path: Path, sink: SmtpServer):
    cid = _newsletter(settings)
    url = f"smtp://pleinpost:geheim@127.0.0.1:{sink.port}"
    env = _env(settings, MAILER_TRANSPORT="smtp", MAILER_SMTP_URL=url)
    queued = _mailer(env, "campaign", "send", str(cid), "--queue-only", cwd=tmp_path)
    assert queued.returncode == 0, queued.stderr
    worker = subprocess.Popen(
        [MAILER, "worker", "--interval", "0.1"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(120, worker.kill)  # a safety net only: we wait on its output
    watchdog.start()
    try:
        assert worker.stderr is not None
        lines = _until(worker.stderr, "sent=6 ")  # the pass that sent the first campaign
        _newsletter_again(settings)
        lines += _until(worker.stderr, "sent=6 ")  # a later pass sent the second
        worker.send_signal(signal.SIGTERM)
        lines.append(worker.communicate(timeout=60)[1])
    finally:
        watchdog.cancel()
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    text = "".join(lines)
    assert len(sink.messages()) == 12, text
    assert text.count(WARNING) == 1, text


def _until(stream: Any, marker: str) -> list[str]:
    """Lines read up to and including the first that contains ``marker`` (or the end)."""
    lines = []
    for line in stream:
        lines.append(line)
        if marker in line:
            break
    return lines


def _newsletter_again(settings: Settings) -> int:
    """A second newsletter, due now, to the same network."""
    engine = make_engine(settings.db_url)
    try:
        with Session(engine) as session:
            c = campaigns.create(
                session,
                kind=CampaignKind.NEWSLETTER,
                subject="Nieuws 2",
                content="## Nieuws\n\nNog een bericht.",
                segments=["iedereen"],
            )
            assert c.id is not None
            campaigns.schedule(session, c.id, utcnow())
            session.commit()
            return c.id
    finally:
        engine.dispose()
