"""A long import keeps writes short: others write while it reads, a crash leaves nothing.

The import stages rows in TEMP tables of its own connection and writes the
shared tables in one short final step (``subscribers.staging``). These tests
write from another connection *while* an import is between two chunks (its
progress callback, or a real ``mailer`` process whose rejects file is still
a ``.part``), and kill imports mid-file: never a clock, only states.
"""

from __future__ import annotations

import contextlib
import csv
import signal
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from mailer.db import make_engine
from subscribers.importer import import_contacts
from subscribers.models import Contact, Organisation
from subscribers.sqltypes import utcnow
from subscribers.staging import ImportConflict
from tests.cli import MAILER, interruptible, mailer_env

HEADER = ["naam", "e-mail", "organisatie", "soort", "gemeente", "tags"]


def write_csv(path: Path, rows: int, *, bad_first: bool = False) -> Path:
    """``rows`` good contacts (organisations, municipalities, tags), optionally after a bad one."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, delimiter=";")
        out.writerow(HEADER)
        if bad_first:
            out.writerow(["Kapot", "geen-adres", "", "", "", ""])
        for i in range(rows):
            kind = "initiatief" if i % 2 else "gemeente"
            org = f"Buurtbus {i % 7}" if i % 2 else f"Gemeente Plaats{i % 5}"
            out.writerow([f"P {i}", f"p{i}@org{i % 9}.example", org, kind, f"Plaats{i % 5}", "a,b"])
    return path


def counts(engine: Engine) -> tuple[int, int]:
    with Session(engine) as s:
        contacts = s.execute(select(func.count()).select_from(Contact)).scalar_one()
        orgs = s.execute(select(func.count()).select_from(Organisation)).scalar_one()
    return contacts, orgs


def store_contact_now(db_url: str, email: str) -> None:
    """Another writer (as the sender recording a delivery), waiting at most 2 s for a lock."""
    engine = make_engine(db_url)
    now = utcnow()
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA busy_timeout = 2000")
            else:
                conn.exec_driver_sql("SET LOCAL lock_timeout = '2s'")
            conn.execute(
                insert(Contact.__table__),  # type: ignore[attr-defined]
                {
                    "email": email,
                    "name": "Elders",
                    "role": "",
                    "language": "nl",
                    "status": "active",
                    "consent_basis": "",
                    "consent_source": "test",
                    "created_at": now,
                    "updated_at": now,
                },
            )
    finally:
        engine.dispose()


def between_chunks(action: Callable[[], None], *, after: int = 1) -> Callable[[int, int], None]:
    """A progress callback that runs ``action`` once, after ``after`` chunks were staged."""
    calls = [0]

    def progress(done: int, total: int) -> None:
        calls[0] += 1
        if calls[0] == after:
            action()

    return progress


# -- in process, between two chunks -----------------------------------------------------------


def test_another_connection_writes_while_the_import_reads(engine, db_url, tmp_path):
    path = write_csv(tmp_path / "in.csv", 1000)
    progress = between_chunks(lambda: store_contact_now(db_url, "elders@x.example"), after=2)
    with Session(engine) as s:
        result = import_contacts(s, path, batch_size=200, progress=progress)
    assert (result.read, result.imported, result.rejected) == (1000, 1000, 0)
    assert counts(engine)[0] == 1001


def test_contacts_appear_only_when_the_import_completes(engine, tmp_path):
    path = write_csv(tmp_path / "in.csv", 600)
    seen: list[tuple[int, int]] = []
    progress = between_chunks(lambda: seen.append(counts(engine)), after=2)
    with Session(engine) as s:
        import_contacts(s, path, batch_size=200, progress=progress)
    assert seen == [(0, 0)]  # neither contacts nor organisations half-way
    assert counts(engine) == (600, 12)  # 5 municipalities, 7 initiatives


def test_an_address_stored_meanwhile_fails_the_import_whole(engine, db_url, tmp_path, english):
    """Someone stores an address of an earlier chunk: it does not wait for the import
    (the import holds no lock on it), and the import then imports nothing."""
    path = write_csv(tmp_path / "in.csv", 600)
    progress = between_chunks(lambda: store_contact_now(db_url, "p3@org3.example"), after=2)
    with Session(engine) as s, pytest.raises(ImportConflict, match="nothing was imported"):
        import_contacts(s, path, batch_size=200, progress=progress)
    with Session(engine) as s:
        assert list(s.execute(select(Contact.email)).scalars()) == ["p3@org3.example"]
    assert counts(engine)[1] == 0


def test_interrupted_between_chunks_leaves_nothing_and_the_next_import_runs(engine, tmp_path):
    path = write_csv(tmp_path / "in.csv", 600)

    def interrupt() -> None:
        raise KeyboardInterrupt

    with Session(engine) as s, pytest.raises(KeyboardInterrupt):
        import_contacts(s, path, batch_size=200, progress=between_chunks(interrupt, after=2))
    assert counts(engine) == (0, 0)
    with Session(engine) as s:  # same pool, perhaps the same connection: nothing left over
        result = import_contacts(s, path, batch_size=200)
    assert (result.imported, result.rejected, result.organisations_created) == (600, 0, 12)


# -- a real `mailer contacts import`, killed or written beside ----------------------------------


@pytest.fixture
def importing(db_url: str, tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[str]]]:
    """Start ``mailer contacts import`` on a big file; yields a starter, kills what is left."""
    started: list[subprocess.Popen[str]] = []

    def start(path: Path, rejects: Path) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [MAILER, "contacts", "import", str(path), "--rejects", str(rejects), "--json"],
            env=mailer_env(db_url, tmp_path, MAILER_LANGUAGE="en"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=interruptible,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate()


def mid_file(process: subprocess.Popen[str], rejects: Path) -> bool:
    """Wait until the import staged its first chunk (the rejected first row is in a ``.part``
    file) and is still reading; False if it ended first."""
    while process.poll() is None:
        if list(rejects.parent.glob(f".{rejects.name}.*.part")) and not rejects.exists():
            return True
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(0.02)  # a pause between looks, not a measurement
    return False


def still_reading(process: subprocess.Popen[str], rejects: Path) -> bool:
    parts = list(rejects.parent.glob(f".{rejects.name}.*.part"))
    return process.poll() is None and bool(parts) and not rejects.exists()


ROWS = 60_000  # seconds of work: far more than a write or a signal needs


def test_the_sender_writes_while_a_mailer_import_runs(importing, engine, db_url, tmp_path):
    path = write_csv(tmp_path / "big.csv", ROWS, bad_first=True)
    rejects = tmp_path / "rejects.csv"
    process = importing(path, rejects)
    assert mid_file(process, rejects), process.communicate()
    store_contact_now(db_url, "elders@x.example")  # fails after 2 s if the import holds a lock
    assert still_reading(process, rejects), "the import ended before the write: prove nothing"
    out, err = process.communicate()
    assert process.returncode == 0, err
    assert '"imported": 60000' in out
    assert counts(engine)[0] == ROWS + 1


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_a_killed_import_leaves_nothing_and_the_next_one_imports_all(
    importing, engine, tmp_path, sig
):
    path = write_csv(tmp_path / "big.csv", ROWS, bad_first=True)
    rejects = tmp_path / "rejects.csv"
    process = importing(path, rejects)
    assert mid_file(process, rejects), process.communicate()
    process.send_signal(sig)
    process.communicate()
    assert process.returncode == (-9 if sig == signal.SIGKILL else 130)
    assert counts(engine) == (0, 0)
    if sig == signal.SIGINT:  # an interrupted import leaves no half rejects file either
        assert not rejects.exists() and not list(tmp_path.glob(".rejects.csv.*"))
    wait_for_no_staging(engine)
    again = importing(path, rejects)
    out, err = again.communicate()
    assert again.returncode == 0, err
    assert '"imported": 60000' in out and '"rejected": 1' in out
    assert counts(engine) == (ROWS, 12)


def wait_for_no_staging(engine: Engine) -> None:
    """A killed import's TEMP tables go with its connection: on PostgreSQL once the server
    has noticed the lost client (a condition we wait for); SQLite keeps them outside the file."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            names = conn.exec_driver_sql("SELECT name FROM sqlite_master").scalars().all()
        assert not [n for n in names if n.startswith("pleinpost_import")]
        return
    query = text(
        "SELECT count(*) FROM pg_class WHERE relname LIKE 'pleinpost_import%' "
        "AND relpersistence = 't'"
    )
    with engine.connect() as conn:
        for _ in range(1200):  # a safety net only: the server notices within moments
            if not conn.execute(query).scalar_one():
                return
            conn.execute(text("SELECT pg_sleep(0.05)"))
            conn.rollback()
    pytest.fail("the killed import's TEMP tables are still there")
