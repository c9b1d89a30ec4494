"""The scheduler as real processes: on time, exactly once through SIGKILL and restarts,
next to `mailer tick`, and with two schedulers of which one leads."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, col, func, select

from mailer import campaigns
from mailer.campaigns import CampaignKind
from mailer.db import session_scope
from mailer.outbox import Delivery
from subscribers.models import Contact, Organisation
from subscribers.sqltypes import utcnow

ROOT = Path(__file__).resolve().parents[1]
MAILER = Path(sys.executable).parent / "mailer"
pytestmark = pytest.mark.slow


@pytest.fixture
def env(settings, tmp_path):
    yield {
        **os.environ,
        "MAILER_DATABASE_URL": settings.db_url,
        "MAILER_DATA_DIR": str(settings.data_dir),
        "MAILER_SECRET_KEY": settings.secret_key,
        "PYTHONUNBUFFERED": "1",
    }


@pytest.fixture(autouse=True)
def _drop_job_store(engine):
    """APScheduler's own table is not ours: leave no trace for the schema comparison."""
    yield
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS apscheduler_jobs"))


class Scheduler:
    """One scheduler process with its log, stopped for sure at the end of the test."""

    count = 0

    def __init__(self, env, tmp_path):
        Scheduler.count += 1
        self.log = tmp_path / f"scheduler-{Scheduler.count}.log"
        self._out = self.log.open("w")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "scheduler.py"),
                "--sync-seconds",
                "0.5",
                "--drain-seconds",
                "60",
                "--poll-seconds",
                "0.2",
            ],
            cwd=tmp_path,
            env=env,
            stdout=self._out,
            stderr=subprocess.STDOUT,
        )

    def text(self) -> str:
        return self.log.read_text()

    def wait_for(self, needle: str, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while needle not in self.text():
            assert self.proc.poll() is None, f"scheduler died:\n{self.text()}"
            assert time.monotonic() < deadline, f"no {needle!r} in:\n{self.text()}"
            time.sleep(0.05)

    def kill(self, sig=signal.SIGKILL) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        code = self.proc.wait(20)
        self._out.close()
        return code


@pytest.fixture
def spawn(env, tmp_path):
    started: list[Scheduler] = []

    def _spawn() -> Scheduler:
        s = Scheduler(env, tmp_path)
        started.append(s)
        return s

    yield _spawn
    for s in started:
        s.kill()


def new_files(settings) -> list[Path]:
    new = Path(settings.maildir) / "new"
    return list(new.iterdir()) if new.exists() else []


def wait_files(settings, n: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while len(new_files(settings)) < n:
        assert time.monotonic() < deadline, f"{len(new_files(settings))} of {n} delivered"
        time.sleep(0.05)


def recipients_in_maildir(settings) -> Counter:
    import email

    return Counter(email.message_from_bytes(p.read_bytes())["To"] for p in new_files(settings))


def make_audience(engine, n: int) -> None:
    with session_scope(engine) as s:
        org = Organisation(name="Gemeente Testdorp", kind="municipality")
        s.add(org)
        s.flush()
        s.add_all(
            Contact(email=f"c{i}@testdorp.nl", name=f"C {i}", organisation_id=org.id)
            for i in range(n)
        )


def newsletter(engine, seconds_from_now: float) -> tuple[int, object]:
    at = utcnow() + timedelta(seconds=seconds_from_now)
    with session_scope(engine) as s:
        c = campaigns.create(
            s, kind=CampaignKind.NEWSLETTER, subject="Nieuws", segments=["everyone"]
        )
        campaigns.schedule(s, c.id, at)
        return c.id, at


def wait_status(engine, campaign_id: int, status: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while True:
        with Session(engine) as s:
            if campaigns.get(s, campaign_id).status == status:
                return
        assert time.monotonic() < deadline, f"campaign {campaign_id} never became {status}"
        time.sleep(0.05)


def first_sent_at(engine, campaign_id: int, timeout: float = 10):
    """When the first delivery was recorded sent. The Maildir file is written before the
    batch is recorded, so a file on disk does not yet mean a `sent_at` in the table."""
    deadline = time.monotonic() + timeout
    while True:
        with Session(engine) as s:
            at = s.exec(
                select(func.min(Delivery.sent_at)).where(col(Delivery.campaign_id) == campaign_id)
            ).one()
        if at is not None:
            return at
        assert time.monotonic() < deadline, "no delivery was recorded as sent"
        time.sleep(0.05)


def test_fires_at_its_time_and_stops_cleanly_on_sigterm(engine, settings, spawn):
    make_audience(engine, 3)
    sched = spawn()
    sched.wait_for("scheduler running")
    cid, at = newsletter(engine, 2.0)
    wait_files(settings, 3)
    lateness = (first_sent_at(engine, cid) - at).total_seconds()
    assert 0 <= lateness < 2, f"started {lateness:.2f} s after its time"
    assert sched.kill(signal.SIGTERM) == 0
    assert "scheduler stopped" in sched.text()
    assert len(new_files(settings)) == 3


def test_killed_before_and_after_the_due_time_sends_exactly_once(engine, settings, spawn):
    make_audience(engine, 5)
    first = spawn()
    first.wait_for("scheduler running")
    cid, at = newsletter(engine, 1.5)
    first.wait_for(f"planned [{cid}]")  # its date job is in the job store
    first.kill()  # SIGKILL before the due time
    while utcnow() < at + timedelta(seconds=0.5):
        time.sleep(0.05)
    assert new_files(settings) == []
    second = spawn()  # restarted after the due time: sends it, late but within grace
    wait_status(engine, cid, "sent")
    second.kill()  # SIGKILL after the send
    third = spawn()
    third.wait_for("scheduler running")
    time.sleep(1.0)  # two syncs and a drain pass
    assert sorted(recipients_in_maildir(settings).values()) == [1] * 5
    with Session(engine) as s:
        assert campaigns.get(s, cid).status == "sent"


def test_two_schedulers_one_leads_and_tick_overlaps_without_double_send(
    engine, settings, spawn, env
):
    make_audience(engine, 60)
    leader = spawn()
    leader.wait_for("scheduler running")
    standby = spawn()
    standby.wait_for("another scheduler leads")
    cid, at = newsletter(engine, 1.5)
    while utcnow() < at:
        time.sleep(0.02)
    ticks = [
        subprocess.Popen([str(MAILER), "tick", "--json"], env=env, stdout=subprocess.DEVNULL)
        for _ in range(2)
    ]
    assert [t.wait(60) for t in ticks] == [0, 0]
    wait_files(settings, 60)
    assert "scheduler running" not in standby.text()
    leader.kill()  # the leader dies: the standby takes over
    standby.wait_for("scheduler running")
    cid2, _ = newsletter(engine, 0.5)
    wait_files(settings, 120)
    time.sleep(0.5)
    got = recipients_in_maildir(settings)
    assert len(got) == 60 and set(got.values()) == {2}  # once per campaign, each
    with Session(engine) as s:
        assert campaigns.get(s, cid).status == "sent" and campaigns.get(s, cid2).status == "sent"
