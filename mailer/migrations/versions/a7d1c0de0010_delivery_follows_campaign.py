"""delivery: deleting a campaign deletes its deliveries (a trigger, not a foreign key)

Migration 0009 dropped the foreign key from ``delivery.campaign_id`` (its
per-row check was a third of a PostgreSQL snapshot), and with it the
``ON DELETE CASCADE``. The product never deletes a campaign, but an operator
removing one by hand would have left deliveries that still hold addresses,
which erasure finds only through a live campaign (``subscribers.privacy``).
A trigger on the campaign table restores the cascade at no cost to the
snapshot: it runs per deleted campaign, never per inserted delivery.

Revision ID: a7d1c0de0010
Revises: a7d1c0de0009
Create Date: 2026-12-03 00:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a7d1c0de0010"
down_revision: str | None = "a7d1c0de0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Deliveries left by a campaign deleted by hand between 0009 and this one, and what
# points at them: SQLite migrates with foreign keys off (env.py), so their ON DELETE
# actions are done here, as PostgreSQL would do them (cascade, set null).
_ORPHAN_IDS = "SELECT id FROM delivery WHERE campaign_id NOT IN (SELECT id FROM campaign)"
_ORPHANS = (
    f"DELETE FROM delivery_tracking WHERE delivery_id IN ({_ORPHAN_IDS})",
    f"UPDATE provider_event SET delivery_id = NULL WHERE delivery_id IN ({_ORPHAN_IDS})",
    f"UPDATE inbound_message SET delivery_id = NULL WHERE delivery_id IN ({_ORPHAN_IDS})",
    f"DELETE FROM delivery WHERE id IN ({_ORPHAN_IDS})",
)

_POSTGRESQL = (
    """CREATE FUNCTION delivery_follows_campaign() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM delivery WHERE campaign_id = OLD.id;
        RETURN OLD;
    END $$""",
    """CREATE TRIGGER delivery_follows_campaign AFTER DELETE ON campaign
    FOR EACH ROW EXECUTE FUNCTION delivery_follows_campaign()""",
)
_SQLITE = (
    """CREATE TRIGGER delivery_follows_campaign AFTER DELETE ON campaign
    FOR EACH ROW BEGIN
        DELETE FROM delivery WHERE campaign_id = OLD.id;
    END""",
)


def upgrade() -> None:
    for statement in _ORPHANS:
        op.execute(sa.text(statement))
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in _POSTGRESQL if postgres else _SQLITE:
        op.execute(sa.text(statement))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(sa.text("DROP TRIGGER delivery_follows_campaign ON campaign"))
        op.execute(sa.text("DROP FUNCTION delivery_follows_campaign()"))
    else:
        op.execute(sa.text("DROP TRIGGER delivery_follows_campaign"))
