"""One scheduler leads: the lock is exclusive, is freed on release or death, and is waited for."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from mailer.db import make_engine
from mailer.errors import LeadershipLost
from mailer.leader import FileLeader, PostgresLeader, leader_for, wait_for_leadership


def _pair(engine, settings, db_url, is_postgres):
    if is_postgres:
        other = make_engine(db_url)
        return PostgresLeader(engine, key=4242), PostgresLeader(other, key=4242), other
    path = settings.data_dir / "scheduler.lock"
    return FileLeader(path), FileLeader(path), None


def test_only_one_leads_until_it_releases(engine, settings, db_url, is_postgres):
    first, second, other = _pair(engine, settings, db_url, is_postgres)
    try:
        assert first.try_acquire() is True
        first.check()
        assert second.try_acquire() is False
        with pytest.raises(LeadershipLost):
            second.check()
        first.release()
        assert second.try_acquire() is True
        assert first.try_acquire() is False
    finally:
        first.release()
        second.release()
        if other is not None:
            other.dispose()


def test_the_right_lock_for_the_database(engine, settings, is_postgres):
    leader = leader_for(engine, settings)
    assert isinstance(leader, PostgresLeader if is_postgres else FileLeader)


def test_a_waiting_scheduler_takes_over_when_the_leader_dies(engine, settings, db_url, is_postgres):
    """The leader is a real process killed with SIGKILL: the OS / PostgreSQL frees its lock."""
    if is_postgres:
        code = (
            "import sys,time; from sqlalchemy import text; from mailer.db import make_engine;"
            "c=make_engine(sys.argv[1]).connect();"
            "c.execute(text('SELECT pg_advisory_lock(4243)')); c.commit();"
            "print('locked', flush=True); time.sleep(60)"
        )
        waiting = PostgresLeader(engine, key=4243)
        arg = db_url
    else:
        code = (
            "import sys,time; from pathlib import Path; from mailer.leader import FileLeader;"
            "lock=FileLeader(Path(sys.argv[1])); assert lock.try_acquire();"
            "print('locked', flush=True); time.sleep(60)"
        )
        path = settings.data_dir / "scheduler.lock"
        waiting, arg = FileLeader(path), str(path)
    proc = subprocess.Popen([sys.executable, "-c", code, arg], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        stop = threading.Event()
        got: list[bool] = []
        thread = threading.Thread(
            target=lambda: got.append(wait_for_leadership(waiting, stop, 0.05))
        )
        thread.start()
        time.sleep(0.3)
        assert got == []  # still waiting
        killed_at = time.monotonic()
        proc.kill()
        proc.wait()
        thread.join(5)
        assert got == [True]
        assert time.monotonic() - killed_at < 2
        waiting.check()
    finally:
        proc.kill()
        proc.wait()
        assert proc.stdout is not None
        proc.stdout.close()
        waiting.release()


def test_waiting_gives_up_when_asked_to_stop(settings):
    path = settings.data_dir / "scheduler.lock"
    holder, waiting = FileLeader(path), FileLeader(path)
    assert holder.try_acquire()
    stop = threading.Event()
    threading.Timer(0.2, stop.set).start()
    try:
        assert wait_for_leadership(waiting, stop, 0.05) is False
    finally:
        holder.release()


def test_postgres_leadership_is_lost_with_the_connection(engine, is_postgres):
    if not is_postgres:
        pytest.skip("PostgreSQL advisory lock only")
    leader = PostgresLeader(engine, key=4244)
    assert leader.try_acquire()
    assert leader._conn is not None
    leader._conn.invalidate()  # the server connection is gone, and the lock with it
    with pytest.raises(LeadershipLost, match="leadership lost"):
        leader.check()
    leader._conn = None
