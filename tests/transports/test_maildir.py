"""The Maildir transport and the factory that picks a transport from the settings."""

from __future__ import annotations

import email
import email.policy
import mailbox
import os
import time
from pathlib import Path

import pytest

from mailer.config import Settings, load_settings
from mailer.errors import ConfigError
from mailer.transports import maildir
from mailer.transports.base import Outcome
from mailer.transports.factory import build_transport
from mailer.transports.maildir import MaildirTransport
from mailer.transports.sendgrid import SendGridTransport
from mailer.transports.smtp import SmtpTransport
from tests.transports.conftest import make_batch


def test_messages_land_in_new_under_their_keys(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "maildir"
    transport = MaildirTransport(path)
    results = transport.send_batch(make_batch(3))
    assert (path / "tmp").is_dir() and not list((path / "tmp").iterdir())  # nothing half-written
    files = {p.name: p for p in (path / "new").iterdir()}
    assert {r.provider_id for r in results} == set(files)
    box = mailbox.Maildir(path, create=False)
    for result in results:
        raw = box.get_bytes(result.provider_id)
        assert b"\r\n" not in raw  # Maildir files use LF
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        assert msg["Message-ID"] == f"<d{result.ref.split('-')[1]}.x7@pleinpost.example>"


def test_a_second_transport_adds_to_the_same_maildir(tmp_path: Path) -> None:
    MaildirTransport(tmp_path / "md").send_batch(make_batch(2))
    MaildirTransport(tmp_path / "md").send_batch(make_batch(2))
    assert len(list((tmp_path / "md" / "new").iterdir())) == 4


def test_a_disk_problem_is_reported_per_recipient(tmp_path: Path) -> None:
    path = tmp_path / "md"
    transport = MaildirTransport(path)
    (path / "tmp").rmdir()
    (path / "tmp").write_text("in the way")  # tmp/ is not a directory any more
    results = transport.send_batch(make_batch(2))
    assert [r.outcome for r in results] == [Outcome.TRANSIENT, Outcome.TRANSIENT]
    assert "tmp" in results[0].reason


class _Watching:
    """Records what the transport says, and asks it to stop after ``stop_after`` handovers."""

    def __init__(self, stop_after: int, box: Path) -> None:
        self.stop_after, self.box = stop_after, box
        self.events: list[tuple[str, str]] = []

    def handing_over(self, refs) -> None:
        self.events.extend(("handing_over", ref) for ref in refs)

    def done(self, result) -> None:
        # reported sent only once its file is in new/ for good
        assert result.outcome != Outcome.SENT or (self.box / "new" / result.provider_id).exists()
        self.events.append(("done", result.ref))

    def stopping(self) -> bool:
        return sum(kind == "handing_over" for kind, _ in self.events) >= self.stop_after


def test_a_group_is_written_then_reported_and_a_stop_leaves_the_rest_untried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(maildir, "SYNC_GROUP", 3)
    path = tmp_path / "md"
    watching = _Watching(4, path)
    results = MaildirTransport(path).send_batch(make_batch(6), watching)
    outcomes = {r.ref: r.outcome for r in results}
    assert [outcomes[f"delivery-{i}"] for i in range(6)] == [Outcome.SENT] * 4 + [
        Outcome.UNTRIED
    ] * 2
    assert len(list((path / "new").iterdir())) == 4 and not list((path / "tmp").iterdir())
    handed = [ref for kind, ref in watching.events if kind == "handing_over"]
    assert handed == [f"delivery-{i}" for i in range(4)]  # every handover before its result
    for ref in handed:
        assert watching.events.index(("handing_over", ref)) < watching.events.index(("done", ref))


def settings_for(tmp_path: Path, **values: object) -> Settings:
    return load_settings(data_dir=tmp_path / "data", **values)


def test_factory_default_is_the_maildir_in_the_data_dir(tmp_path: Path) -> None:
    transport = build_transport(settings_for(tmp_path))
    assert isinstance(transport, MaildirTransport)
    assert transport.path == tmp_path / "data" / "maildir"


def test_factory_smtp(tmp_path: Path) -> None:
    transport = build_transport(
        settings_for(
            tmp_path, transport="smtp", smtp_url="smtp://127.0.0.1:2525", smtp_connections=3
        )
    )
    assert isinstance(transport, SmtpTransport)
    assert (transport.url.port, transport.connections) == (2525, 3)
    transport.close()


def test_factory_sendgrid_needs_the_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SENDGRID_API_KEY"):
        build_transport(settings_for(tmp_path, transport="sendgrid"))


def test_factory_sendgrid_sets_host_and_timeout(tmp_path: Path) -> None:
    settings = settings_for(
        tmp_path,
        transport="sendgrid",
        sendgrid_api_key="SG.x",
        sendgrid_api_host="http://127.0.0.1:9",
        sendgrid_timeout=7.5,
    )
    transport = build_transport(settings)
    assert isinstance(transport, SendGridTransport)
    assert transport._sg.client.timeout == 7.5
    assert transport._sg.host == "http://127.0.0.1:9"


def test_files_a_crash_left_in_tmp_are_removed_after_36_hours(tmp_path: Path) -> None:
    """A crash between writing a message and moving it leaves it in tmp/, delivered to
    no one; the next start removes it once it is old (the Maildir convention), and
    leaves a fresh one alone (another process may be writing it now)."""
    path = tmp_path / "md"
    MaildirTransport(path)
    old, fresh = path / "tmp" / "old.msg", path / "tmp" / "fresh.msg"
    old.write_bytes(b"Subject: x\n\nx\n")
    fresh.write_bytes(b"Subject: y\n\ny\n")
    two_days_ago = time.time() - 48 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    MaildirTransport(path)
    assert sorted(p.name for p in (path / "tmp").iterdir()) == ["fresh.msg"]
