# ruff: noqa: F811  (the Dovecot fixtures are imported, and named as parameters)
"""IMAP polling against a real Dovecot: stored before moved, once, whatever drops.

The "kill" here is a TCP proxy that drops the connection at a chosen moment
(in the middle of a message being fetched, or as the client asks to move),
then the server is restarted and polled again: nothing lost, nothing applied
twice.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

import pytest
from sqlmodel import Session, func, select

from mailer.errors import ConfigError
from mailer.inbound import imap, runs
from mailer.inbound.intake import Source, intake
from mailer.inbound.models import InboundMessage
from tests.factories import with_settings
from tests.inbound.builders import invited, mail
from tests.inbound.dovecot import CutProxy, dovecot, dovecot_without_move  # noqa: F401  (fixtures)

DONE = "Pleinpost/Verwerkt"


@dataclass(frozen=True)
class Done:
    applied: bool = True
    review: bool = False

    def as_dict(self):
        return {}


class Counting:
    """An applier that counts how often each stored message is applied."""

    def __init__(self):
        self.applied: Counter[str] = Counter()

    def __call__(self, session, settings, message, reading, match):
        self.applied[message.message_id] += 1
        return Done()


def _stored(engine) -> int:
    with Session(engine) as s:
        return int(s.exec(select(func.count()).select_from(InboundMessage)).one())


def _replies(n: int, *, size: int = 0) -> list[bytes]:
    padding = ("Met vriendelijke groet,\n" + "x" * 70 + "\n") * (size // 95)
    return [mail(body=f"Wij komen met {i + 1} personen.\n{padding}", number=i) for i in range(n)]


def test_poll_stores_moves_and_reads(engine, settings, dovecot):
    invited(engine, settings)
    dovecot.append(*_replies(3))
    polled = with_settings(settings, imap_url=dovecot.url("imaps"), imap_done_folder=DONE)
    report = runs.poll(engine, polled)
    assert (report.read, report.stored, report.duplicates, report.moved) == (3, 3, 0, 3)
    assert (report.errors, report.processed) == (0, 3)
    assert dovecot.count("INBOX") == 0 and dovecot.count(DONE) == 3
    with Session(engine) as s:
        origins = {m.origin for m in s.exec(select(InboundMessage)).all()}
    assert origins == {f"imaps://pleinpost@127.0.0.1:{dovecot.ssl_port}/INBOX"}  # no password

    again = runs.poll(engine, polled)
    assert (again.read, again.stored) == (0, 0)


def test_starttls_and_a_server_without_move(engine, settings, dovecot_without_move):
    dovecot_without_move.append(*_replies(2))
    polled = with_settings(
        settings,
        imap_url=dovecot_without_move.url("starttls"),
        imap_done_folder="Verwerkt/Pleinpost",
    )
    report = runs.poll(engine, polled)
    assert (report.stored, report.moved) == (2, 2)
    assert dovecot_without_move.count("INBOX") == 0
    assert dovecot_without_move.count("Verwerkt/Pleinpost") == 2


def test_a_repoll_before_the_move_stores_once_and_applies_once(engine, settings, dovecot, english):
    """The connection drops as the client asks to move: stored, not moved. Poll again."""
    invited(engine, settings)
    dovecot.append(*_replies(2))
    proxy = CutProxy(dovecot.port, cut_on=b"MOVE")
    counting = Counting()
    try:
        first = runs.poll(
            engine,
            with_settings(settings, imap_url=dovecot.url("plain", port=proxy.port)),
            apply=counting,
        )
    finally:
        proxy.close()
    assert proxy.cut.is_set()
    assert (first.stored, first.moved, first.errors) == (2, 0, 1)
    assert "failed" in first.problems[0]
    assert dovecot.count("INBOX") == 2  # still there: the move never happened

    second = runs.poll(
        engine, with_settings(settings, imap_url=dovecot.url("plain")), apply=counting
    )
    assert (second.read, second.stored, second.duplicates, second.moved) == (2, 0, 2, 2)
    assert dovecot.count("INBOX") == 0 and _stored(engine) == 2
    assert set(counting.applied.values()) == {1} and len(counting.applied) == 2


def test_a_connection_dropped_mid_fetch_and_a_restart_lose_nothing(engine, settings, dovecot):
    invited(engine, settings)
    replies = _replies(4, size=200_000)
    dovecot.append(*replies)
    proxy = CutProxy(dovecot.port, cut_after=int(2.5 * 200_000))  # inside the third message
    counting = Counting()
    try:
        first = runs.poll(
            engine,
            with_settings(settings, imap_url=dovecot.url("plain", port=proxy.port)),
            apply=counting,
        )
    finally:
        proxy.close()
    assert proxy.cut.is_set() and first.errors == 1
    assert 0 < first.stored < 4 and _stored(engine) == first.stored

    dovecot.stop()  # and the server goes down with it
    dovecot.start()
    second = runs.poll(
        engine, with_settings(settings, imap_url=dovecot.url("plain")), apply=counting
    )
    assert second.errors == 0
    assert first.stored + second.stored == 4 and _stored(engine) == 4
    assert dovecot.count("INBOX") == 0 and dovecot.count("Pleinpost/Verwerkt") == 4
    assert set(counting.applied.values()) == {1} and len(counting.applied) == 4


def test_a_message_already_stored_by_another_way_is_a_duplicate(engine, settings, dovecot):
    raw = mail(number=42)
    intake(engine, raw, source=Source.WEBHOOK)
    dovecot.append(raw)
    report = runs.poll(engine, with_settings(settings, imap_url=dovecot.url("imaps")))
    assert (report.read, report.stored, report.duplicates, report.moved) == (1, 0, 1, 1)


def test_wrong_password_and_untrusted_certificate(engine, settings, dovecot, english):
    wrong = dovecot.url("imaps").replace("geheim", "fout")
    with pytest.raises(ConfigError, match="refused the login of pleinpost"):
        imap.fetch(engine, with_settings(settings, imap_url=wrong))
    untrusted = dovecot.url("imaps").split("?")[0]
    with pytest.raises(imap.MailboxError, match="certificate is not trusted"):
        imap.fetch(engine, with_settings(settings, imap_url=untrusted))


def test_poll_json_through_the_command(mailer, dovecot):
    dovecot.append(*_replies(2))
    result = mailer("inbound", "poll", "--json", MAILER_IMAP_URL=dovecot.url("imaps"))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert {k: out[k] for k in ("read", "stored", "duplicates", "errors")} == {
        "read": 2,
        "stored": 2,
        "duplicates": 0,
        "errors": 0,
    }
    assert sum(out["kinds"].values()) == 2 and {"applied", "review"} <= set(out)


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("pop3://u:p@h/INBOX", "write it as"),
        ("imap://u:p@mail.example/INBOX", "unencrypted"),
        ("imaps://mail.example/INBOX", "user name is missing"),
    ],
)
def test_bad_urls_are_one_clear_setting_error(url, words, english):
    with pytest.raises(ConfigError, match=words):
        imap.parse_url(url)


def test_url_parts():
    box = imap.parse_url("imaps://a%40b.nl:p%20w@mail.example:1993/Postvak%20IN?cafile=/ca.pem")
    assert (box.user, box.password, box.host, box.port, box.mailbox, box.cafile) == (
        "a@b.nl",
        "p w",
        "mail.example",
        1993,
        "Postvak IN",
        "/ca.pem",
    )
    assert "p w" not in repr(box) and "p w" not in box.label
    assert imap.encode_mailbox("Verwerkt/Één & twee") == "Verwerkt/&AMkA6Q-n &- twee"
