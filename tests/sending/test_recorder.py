"""The journal settles a gone process's batch; the recorder waits out a busy database."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import create_engine, event, text
from sqlmodel import Session, select

from mailer import campaigns
from mailer.campaigns import CampaignKind, audience
from mailer.campaigns.model import sending_now
from mailer.outbox import Delivery, DeliveryStatus, Update, claim, snapshot
from mailer.sending import journal
from mailer.sending.recorder import INTERVAL, Recorder, recover, write_with_retry
from mailer.transports.base import Outcome, Result
from subscribers.sqltypes import utcnow
from tests.factories import network


def _claimed(engine, settings, n: int = 4):
    with Session(engine) as s:
        network(s, initiatives=n - 1, contacts_per_org=1)
        c = campaigns.create(
            s, kind=CampaignKind.NEWSLETTER, subject="J", content="x", segments=["iedereen"]
        )
        campaigns.schedule(s, c.id, utcnow())
        c.status = "sending"
        snapshot(s, c.id, settings, audience.rows(s, c))
        s.commit()
        rows = claim(s, sending_now(utcnow()), now=utcnow(), lease_seconds=300, limit=n)
        s.commit()
    return rows


def _dead_journal(directory, rows, *, boot: str, wire: list[int], results: dict[int, str]):
    """A journal as a killed process leaves it: its lock file free, its batch file written."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "gone-1-x.lock").write_text("")
    lines = [{"boot": boot, "claimed": [[r.id, r.attempts] for r in rows]}, {"wire": wire}]
    lines += [{"id": i, "o": o, "why": "", "p": "250 ok"} for i, o in results.items()]
    body = "\n".join(json.dumps(x) for x in lines) + "\n" + '{"id": 9'  # a torn last line
    (directory / "gone-1-x.1.jsonl").write_text(body)


def _statuses(engine) -> dict[int, str]:
    with Session(engine) as s:
        return {d.id: d.status for d in s.exec(select(Delivery))}


def test_a_gone_process_costs_only_what_was_on_the_wire(engine, settings, tmp_path):
    rows = _claimed(engine, settings)
    a, b, c, d = (r.id for r in rows)
    _dead_journal(
        tmp_path / "j",
        rows,
        boot=journal.boot_id(),
        wire=[a, b, c],
        results={a: "sent", b: "permanent"},
    )
    assert recover(engine, settings, tmp_path / "j", utcnow()) == 4
    assert _statuses(engine) == {a: "sent", b: "failed", c: "uncertain", d: "queued"}
    assert list((tmp_path / "j").iterdir()) == []  # settled once, never again


def test_after_a_reboot_the_journal_never_requeues(engine, settings, tmp_path):
    rows = _claimed(engine, settings)
    a, b, c, d = (r.id for r in rows)
    _dead_journal(tmp_path / "j", rows, boot="another-boot", wire=[a], results={a: "sent"})
    recover(engine, settings, tmp_path / "j", utcnow())
    assert _statuses(engine) == {a: "sent", b: "uncertain", c: "uncertain", d: "uncertain"}


def test_the_journal_of_a_living_process_is_left_alone(engine, settings, tmp_path):
    rows = _claimed(engine, settings)
    live = journal.Journal(tmp_path / "j")
    live.begin((r.id, r.attempts) for r in rows)
    try:
        assert recover(engine, settings, tmp_path / "j", utcnow()) == 0
        assert set(_statuses(engine).values()) == {"sending"}
    finally:
        live.close()


def test_a_row_claimed_again_is_not_touched_by_an_old_journal(engine, settings, tmp_path):
    rows = _claimed(engine, settings)
    a = rows[0].id
    with Session(engine) as s:  # recorded and claimed again by another process meanwhile
        s.execute(text("UPDATE delivery SET attempts = attempts + 1 WHERE id = :i"), {"i": a})
        s.commit()
    _dead_journal(tmp_path / "j", rows, boot=journal.boot_id(), wire=[], results={})
    recover(engine, settings, tmp_path / "j", utcnow())
    assert _statuses(engine)[a] == "sending"


def test_results_are_recorded_once_a_busy_sqlite_is_free(engine, settings, tmp_path, is_postgres):
    if is_postgres:
        pytest.skip("a database-wide write lock is SQLite's")
    rows = _claimed(engine, settings, n=1)
    impatient = create_engine(settings.db_url, connect_args={"timeout": 0.05})
    holder = sqlite3_holding_the_lock(settings.db_url)
    released = threading.Timer(1.0, holder.release)
    released.start()
    update = Update(rows[0].id, rows[0].attempts, DeliveryStatus.SENT, provider_id="250")
    write_with_retry(impatient, [update], [], utcnow())  # waits instead of failing
    assert _statuses(engine)[rows[0].id] == "sent"
    released.join()


class sqlite3_holding_the_lock:
    """Another process in a write transaction, as a long import was."""

    def __init__(self, url: str) -> None:
        path = url.removeprefix("sqlite:///")
        code = (
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('BEGIN IMMEDIATE');"
            "print('locked', flush=True); sys.stdin.read()"
        )
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code, path], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        assert self.proc.stdout is not None and self.proc.stdout.readline() == b"locked\n"

    def release(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()


def test_a_journal_result_line_reads_back_whatever_the_reason_says(tmp_path):
    log = journal.Journal(tmp_path / "j").begin([(7, 1), (8, 1)])
    log.result(7, "sent", "", "X-Msg.1")
    log.result(8, "transient", 'SendGrid 429: "te veel" \\ één\nregel', "")
    read = journal._read(log.path)
    assert read.results == {
        7: ("sent", "", "X-Msg.1"),
        8: ("transient", 'SendGrid 429: "te veel" \\ één\nregel', ""),
    }


def test_a_request_answered_after_a_wait_is_written_in_one_commit(engine, settings, tmp_path):
    """SendGrid answers for a whole request at once, often after more than INTERVAL:
    its results are one commit, not a lone first result and then the rest."""
    rows = _claimed(engine, settings)
    commits = []
    event.listen(engine, "commit", lambda conn: commits.append(1))
    log = journal.Journal(tmp_path / "j").begin((r.id, r.attempts) for r in rows)
    rec = Recorder(engine, settings, rows, utcnow(), log, stopping=lambda: False)
    time.sleep(INTERVAL + 0.05)  # the request in flight
    for r in rows:
        rec.done(Result(str(r.id), Outcome.SENT, provider_id="X-1"))
    rec.complete([], missing=Result("", Outcome.TRANSIENT))
    assert len(commits) == 1
    assert set(_statuses(engine).values()) == {"sent"}


def test_many_results_are_one_journal_write_that_reads_back_line_by_line(tmp_path):
    log = journal.Journal(tmp_path / "j").begin([(7, 1), (8, 1), (9, 2)])
    writes = []
    real_write = journal.os.write

    def counted(fd: int, data: bytes) -> int:
        writes.append(data)
        return real_write(fd, data)

    journal.os.write = counted  # type: ignore[attr-defined]
    try:
        log.results(
            [(7, "sent", "", "X-1"), (8, "sent", "", "X-1"), (9, "transient", 'é "x"\n', "")]
        )
    finally:
        journal.os.write = real_write  # type: ignore[attr-defined]
    assert len(writes) == 1
    assert journal._read(log.path).results == {
        7: ("sent", "", "X-1"),
        8: ("sent", "", "X-1"),
        9: ("transient", 'é "x"\n', ""),
    }


def test_a_requests_results_at_once_are_recorded_like_one_by_one(engine, settings, tmp_path):
    """``done_all`` (SendGrid's path): one commit for the request, each row once, a row
    that is not this batch's ignored, and the journal says the same."""
    rows = _claimed(engine, settings)
    commits = []
    event.listen(engine, "commit", lambda conn: commits.append(1))
    log = journal.Journal(tmp_path / "j").begin((r.id, r.attempts) for r in rows)
    rec = Recorder(engine, settings, rows, utcnow(), log, stopping=lambda: False)
    first, *rest = rows
    results = [Result(str(r.id), Outcome.SENT, "", "X-2") for r in rows]
    rec.done_all([results[0], Result("999999", Outcome.SENT)])  # a stranger: ignored
    rec.done_all(results)  # the first again: recorded once
    assert journal._read(log.path).results == {r.id: ("sent", "", "X-2") for r in rows}
    rec.complete([], missing=Result("", Outcome.TRANSIENT))
    assert len(commits) == 1
    assert [u.id for u in rec.updates] == [first.id, *(r.id for r in rest)]
    assert set(_statuses(engine).values()) == {"sent"}
