"""Real worker processes, killed with SIGKILL mid-campaign: nobody is mailed twice.

Waits are for conditions (files, rows, log lines, the process ending); the
timeout ``SAFETY_NET`` only keeps a hang from blocking CI. Where a test needs a
campaign to be still going when something happens, the rate limit gives it many
seconds of work against a reaction of a fraction of a second.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlmodel import Session, select

from mailer import campaigns, outbox
from mailer.campaigns import Campaign, CampaignKind
from mailer.outbox import Delivery
from subscribers.sqltypes import utcnow
from tests.factories import network
from tests.mailbox import per_recipient

MAILER = [sys.executable, "-c", "from mailer.cli import main; main()"]
SAFETY_NET = 300.0  # seconds: a hang, never a slow machine


def _env(settings, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        MAILER_DATABASE_URL=settings.db_url,
        MAILER_DATA_DIR=str(settings.data_dir),
        MAILER_SECRET_KEY="test-secret-key",
        MAILER_TRANSPORT="maildir",
        MAILER_LEASE_SECONDS="3",
        MAILER_BATCH_SIZE="10",
        MAILER_RATE_PER_SECOND="100",
        MAILER_LANGUAGE="en",  # the log lines waited for below
    )
    env.update(extra)
    return env


def _campaign(engine, contacts_per_org: int, initiatives: int) -> int:
    with Session(engine) as s:
        network(s, initiatives=initiatives, contacts_per_org=contacts_per_org)
        c = campaigns.create(
            s,
            kind=CampaignKind.NEWSLETTER,
            subject="Crashtest",
            content="Hallo.",
            segments=["iedereen"],
        )
        campaigns.schedule(s, c.id, utcnow())
        s.commit()
        return c.id


def _worker(settings, name: str = "worker", **extra: str) -> subprocess.Popen[bytes]:
    """A worker process; its log goes to <data_dir>/<name>.log for the assertions."""
    Path(settings.data_dir).mkdir(parents=True, exist_ok=True)
    with open(Path(settings.data_dir) / f"{name}.log", "wb") as log:
        return subprocess.Popen(
            [*MAILER, "worker", "--interval", "0.5"],
            env=_env(settings, **extra),
            stdout=subprocess.DEVNULL,
            stderr=log,
        )


def _log(settings, name: str) -> str:
    return (Path(settings.data_dir) / f"{name}.log").read_text()


def _wait(predicate, *alive: subprocess.Popen[bytes]) -> None:
    """Until ``predicate()``; at once an error if a process in ``alive`` ended."""
    deadline = time.monotonic() + SAFETY_NET
    while not predicate():
        for proc in alive:
            assert proc.poll() is None, f"worker ended early with code {proc.returncode}"
        assert time.monotonic() < deadline, f"condition not reached in {SAFETY_NET} s"
        time.sleep(0.05)


def _status(engine, cid: int) -> str:
    with Session(engine) as s:
        return s.get(Campaign, cid).status


def test_sigkill_mid_campaign_then_restart_sends_everyone_once(engine, settings):
    cid = _campaign(engine, contacts_per_org=5, initiatives=39)  # 200 recipients, ~8 s
    maildir = Path(settings.maildir)
    first = _worker(settings, MAILER_RATE_PER_SECOND="25")
    _wait(lambda: sum(per_recipient(maildir).values()) >= 20, first)
    first.send_signal(signal.SIGKILL)
    first.wait()
    delivered_before = sum(per_recipient(maildir).values())
    assert delivered_before < 200, "killed too late to prove anything"
    second = _worker(settings, "second")
    try:
        _wait(lambda: _status(engine, cid) == "sent", second)
    finally:
        second.terminate()
        second.wait(SAFETY_NET)
    got = per_recipient(maildir)
    with Session(engine) as s:
        tally = outbox.counts(s, cid)
        query = select(Delivery).where(Delivery.status == "uncertain")
        uncertain = {d.email for d in s.exec(query)}
    assert tally["sent"] + tally["uncertain"] == 200
    assert all(n == 1 for n in got.values()), "someone got the mail twice"
    missing = 200 - len(got)
    assert missing <= len(uncertain)  # only an uncertain delivery may be absent


def test_sigterm_finishes_the_batch_in_hand(engine, settings):
    cid = _campaign(engine, contacts_per_org=5, initiatives=39)
    maildir = Path(settings.maildir)
    worker = _worker(settings, MAILER_RATE_PER_SECOND="50")
    _wait(lambda: sum(per_recipient(maildir).values()) >= 10, worker)
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(SAFETY_NET) == 0
    with Session(engine) as s:
        tally = outbox.counts(s, cid)
    assert tally["sending"] == 0 and tally["uncertain"] == 0
    assert tally["sent"] == sum(per_recipient(maildir).values())


def test_two_workers_on_postgres_drain_one_campaign_once(engine, settings, is_postgres):
    if not is_postgres:
        pytest.skip("several workers side by side need PostgreSQL (SQLite has one writer)")
    # both workers run before there is anything to send, and the campaign is ~10 s of
    # work for one of them (30/s each), so the second always finds its share
    workers = [_worker(settings, f"w{i}", MAILER_RATE_PER_SECOND="30") for i in range(2)]
    try:
        _wait(lambda: all("worker started" in _log(settings, f"w{i}") for i in range(2)), *workers)
        cid = _campaign(engine, contacts_per_org=6, initiatives=49)  # 300 recipients
        _wait(lambda: _status(engine, cid) == "sent", *workers)
    finally:
        for w in workers:
            w.terminate()
        for w in workers:
            w.wait(SAFETY_NET)
    got = per_recipient(Path(settings.maildir))
    assert len(got) == 300 and set(got.values()) == {1}
    for i in range(2):  # both really took part
        assert "sent=" in _log(settings, f"w{i}"), _log(settings, f"w{i}")
