from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import text
from sqlmodel import Session

from mailer.campaigns import Campaign
from mailer.db import (
    alembic_config,
    current_revision,
    head_revision,
    make_engine,
    metadata,
    only_tables_of,
    sqlite_migrating,
    upgrade,
)
from mailer.outbox import Delivery
from mailer.tracking.models import DeliveryTracking, ProviderEvent
from subscribers.models import Contact


def test_models_and_migrations_agree(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata())
    assert diff == [], f"models differ from migrations; run `make migration`: {diff}"


def test_foreign_tables_are_left_alone_by_autogenerate(engine):
    """APScheduler's job store lives in our database; a migration must never drop it."""
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE apscheduler_jobs (id VARCHAR(191) PRIMARY KEY)"))
    try:
        with engine.connect() as conn:
            plain = compare_metadata(MigrationContext.configure(conn), metadata())
            opts = {"include_name": only_tables_of(metadata())}
            filtered = compare_metadata(MigrationContext.configure(conn, opts=opts), metadata())
    finally:  # on PostgreSQL the next test in this worker gets the same database
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE apscheduler_jobs"))
    assert any(d[0] == "remove_table" for d in plain)  # the filter is what saves it
    assert filtered == []


def test_datetimes_come_back_aware_utc(engine):
    amsterdam = timezone(timedelta(hours=2))
    with Session(engine) as s:
        c = Contact(email="a@example.nl", consent_at=datetime(2026, 6, 1, 12, 0, tzinfo=amsterdam))
        s.add(c)
        s.commit()
        s.expire_all()
        got = s.get(Contact, c.id)
        assert got.consent_at == datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
        assert got.consent_at.tzinfo is not None


def test_naive_datetimes_are_refused(engine):
    with Session(engine) as s:
        s.add(Contact(email="b@example.nl", consent_at=datetime(2026, 6, 1, 12, 0)))
        with pytest.raises(Exception, match="naive datetime"):
            s.commit()


def test_sqlite_runs_with_wal_and_foreign_keys(engine, is_postgres):
    if is_postgres:
        pytest.skip("SQLite pragmas only")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_head_read_from_the_files_is_alembics_head(engine):
    from alembic.script import ScriptDirectory

    assert head_revision() == ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    assert current_revision(engine) == head_revision()  # the fixture's database is at head


def test_a_database_at_head_is_opened_without_loading_alembic(db_url):
    """Every command calls upgrade(); at head it must not pay for importing Alembic."""
    probe = (
        "import sys; from mailer.db import make_engine, upgrade; "
        f"upgrade(make_engine({db_url!r})); print('alembic' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_database_behind_is_upgraded(engine):
    command.downgrade(alembic_config(engine), "-1")
    assert current_revision(engine) != head_revision()
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def _sent_with_tracking(engine) -> None:
    """A campaign with one sent delivery, its open and click counts and a SendGrid event:
    the rows that point at a delivery, for the tests of what migrations do to them."""
    with Session(engine) as s:
        campaign = Campaign(subject="Nieuwsbrief")
        s.add(campaign)
        s.flush()
        delivery = Delivery(campaign_id=campaign.id, email="a@x.example", status="sent")
        s.add(delivery)
        s.flush()
        s.add(DeliveryTracking(delivery_id=delivery.id, opens=3, clicks=2))
        s.add(
            ProviderEvent(
                provider="sendgrid",
                event_id="e1",
                kind="delivered",
                provider_kind="delivered",
                delivery_id=delivery.id,
            )
        )
        s.commit()


def test_deleting_a_campaign_deletes_its_deliveries_and_their_tracking(engine):
    """The outbox has no foreign key to the campaign (0009); a trigger keeps the cascade
    (0010), so no delivery outlives its campaign holding an address erasure cannot find."""
    with Session(engine) as s:
        kept, gone = Campaign(subject="blijft"), Campaign(subject="weg")
        s.add_all([kept, gone])
        s.flush()
        rows = [Delivery(campaign_id=c.id, email="a@x.example") for c in (kept, gone)]
        s.add_all(rows)
        s.flush()
        s.add(DeliveryTracking(delivery_id=rows[1].id, opens=1, clicks=0))
        s.commit()
        kept_id = kept.id
        s.delete(gone)
        s.commit()
    with engine.connect() as conn:
        left = conn.execute(text("SELECT campaign_id FROM delivery")).scalars().all()
        tracked = conn.execute(text("SELECT count(*) FROM delivery_tracking")).scalar_one()
    assert (left, tracked) == ([kept_id], 0)


def test_deliveries_left_by_a_campaign_deleted_before_0010_go_with_what_points_at_them(engine):
    """Between 0009 (no foreign key) and 0010 (the trigger) a campaign deleted by hand left
    its deliveries. 0010 removes them, doing their ON DELETE actions itself: SQLite
    migrates with foreign keys off and checks them at the end (it refused the upgrade)."""
    command.downgrade(alembic_config(engine), "a7d1c0de0009")
    _sent_with_tracking(engine)
    with engine.begin() as conn:  # by hand, as an operator would: the rows stay behind
        conn.execute(text("DELETE FROM campaign"))
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        left = conn.execute(text("SELECT count(*) FROM delivery")).scalar_one()
        tracked = conn.execute(text("SELECT count(*) FROM delivery_tracking")).scalar_one()
        linked = conn.execute(text("SELECT delivery_id FROM provider_event")).scalars().all()
    assert (left, tracked, linked) == (0, 0, [None])


def test_a_sqlite_rebuild_of_the_outbox_keeps_working_with_the_campaign_trigger(
    engine, is_postgres
):
    """Migrations rebuild a table by copy and rename; the RENAME checks every trigger that
    names the table, and 0010's names `delivery`: without the legacy RENAME the next
    migration that rebuilds the outbox would fail half-way."""
    if is_postgres:
        pytest.skip("batch rebuilds are SQLite's; PostgreSQL alters tables in place")
    with engine.connect() as conn:
        sqlite_migrating(conn, True)
        conn.commit()  # SQLAlchemy began one for the pragmas (SQLite did not)
        with conn.begin():
            ops = Operations(MigrationContext.configure(conn))
            with ops.batch_alter_table("delivery", recreate="always"):
                pass
        sqlite_migrating(conn, False)
        conn.commit()
    with Session(engine) as s:
        campaign = Campaign(subject="weg")
        s.add(campaign)
        s.flush()
        s.add(Delivery(campaign_id=campaign.id, email="a@x.example"))
        s.commit()
        s.delete(campaign)
        s.commit()
    with engine.connect() as conn:  # the trigger still deletes into the rebuilt table
        assert conn.execute(text("SELECT count(*) FROM delivery")).scalar_one() == 0


def test_rebuilding_a_table_on_sqlite_keeps_the_rows_that_point_at_it(tmp_path, is_postgres):
    """SQLite migrations rebuild a table (copy, drop, rename); with foreign keys on, the
    drop ran every ON DELETE of the tables pointing at it: migration 0008 rebuilt
    `delivery` and took every open and click count, and unlinked SendGrid events."""
    if is_postgres:
        pytest.skip("batch rebuilds are SQLite's; PostgreSQL alters tables in place")
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    command.upgrade(alembic_config(engine), "a7d1c0de0007")
    _sent_with_tracking(engine)

    def kept() -> tuple[int, list[object]]:
        with engine.connect() as conn:
            tracked = conn.execute(text("SELECT count(*) FROM delivery_tracking")).scalar_one()
            linked = conn.execute(text("SELECT delivery_id FROM provider_event")).scalars().all()
        return tracked, list(linked)

    upgrade(engine)  # 0008 and 0009 rebuild delivery
    assert kept() == (1, [1])
    command.downgrade(alembic_config(engine), "a7d1c0de0007")  # and so does its downgrade
    assert kept() == (1, [1])
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()
