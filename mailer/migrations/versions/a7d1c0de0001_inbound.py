"""inbound mail stored raw, its reading and the review queue (replies work)

``inbound_message`` is one row per message that ever arrived (sha256 unique:
the same bytes twice are one message), with what reading and matching made of
it; ``inbound_raw`` holds the bytes, apart, so retention can drop them and
keep the result, and listing never reads attachments.

Revision ID: a7d1c0de0001
Revises: e5b2c3d4a506
Create Date: 2026-12-02 08:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import subscribers.sqltypes

revision: str = "a7d1c0de0001"
down_revision: str | None = "e5b2c3d4a506"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXED = (
    "campaign_id",
    "contact_id",
    "delivery_id",
    "event_id",
    "from_address",
    "kind",
    "message_id",
    "organisation_id",
    "received_at",
    "status",
)


def _text(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def _when() -> subscribers.sqltypes.UTCDateTime:
    return subscribers.sqltypes.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "inbound_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", _text(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("received_at", _when(), nullable=False),
        sa.Column("source", _text(20), nullable=False),
        sa.Column("origin", _text(500), nullable=False),
        sa.Column("envelope_to", subscribers.sqltypes.JSONText(), nullable=False),
        sa.Column("status", _text(20), nullable=False),
        sa.Column("message_id", _text(500), nullable=False),
        sa.Column("from_address", _text(320), nullable=False),
        sa.Column("subject", _text(500), nullable=False),
        sa.Column("kind", _text(20), nullable=True),
        sa.Column("reading", subscribers.sqltypes.JSONText(), nullable=True),
        sa.Column("match_rule", _text(20), nullable=True),
        sa.Column("match_reason", _text(200), nullable=False),
        sa.Column("delivery_id", sa.Integer(), nullable=True),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("outcome", subscribers.sqltypes.JSONText(), nullable=True),
        sa.Column("reason", _text(1000), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("processed_at", _when(), nullable=True),
        sa.Column("raw_deleted_at", _when(), nullable=True),
        sa.Column("created_at", _when(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaign.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["delivery_id"], ["delivery.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("sha256"),
    )
    for column in _INDEXED:
        op.create_index(
            op.f(f"ix_inbound_message_{column}"), "inbound_message", [column], unique=False
        )
    op.create_table(
        "inbound_raw",
        sa.Column("inbound_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["inbound_id"], ["inbound_message.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("inbound_id"),
    )


def downgrade() -> None:
    op.drop_table("inbound_raw")
    for column in _INDEXED:
        op.drop_index(op.f(f"ix_inbound_message_{column}"), table_name="inbound_message")
    op.drop_table("inbound_message")
