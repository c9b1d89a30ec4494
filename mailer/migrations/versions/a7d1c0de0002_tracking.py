"""provider events and suppression reasons (web work)

``webhook_body`` keeps every provider POST whole before it is read;
``provider_event`` one row per provider event (unique per provider and event
id, which makes retries harmless); ``dashboard_user`` the people who may log
in to the dashboard.

Revision ID: a7d1c0de0002
Revises: a7d1c0de0001
Create Date: 2026-12-02 08:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import subscribers.sqltypes

revision: str = "a7d1c0de0002"
down_revision: str | None = "a7d1c0de0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STR = sqlmodel.sql.sqltypes.AutoString
_TIME = subscribers.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "webhook_body",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", _STR(length=40), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("received_at", _TIME(timezone=True), nullable=False),
        sa.Column("processed_at", _TIME(timezone=True), nullable=True),
        sa.Column("error", _STR(length=1000), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_webhook_body_source"), "webhook_body", ["source"], unique=False)
    op.create_table(
        "provider_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider", _STR(length=20), nullable=False),
        sa.Column("event_id", _STR(length=200), nullable=False),
        sa.Column("kind", _STR(length=20), nullable=False),
        sa.Column("provider_kind", _STR(length=60), nullable=False),
        sa.Column("delivery_id", sa.Integer(), nullable=True),
        sa.Column("email", _STR(length=320), nullable=True),
        sa.Column("reason", _STR(length=1000), nullable=False),
        sa.Column("occurred_at", _TIME(timezone=True), nullable=True),
        sa.Column("received_at", _TIME(timezone=True), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=True),
        sa.Column("payload", subscribers.sqltypes.JSONText(), nullable=False),
        sa.ForeignKeyConstraint(["delivery_id"], ["delivery.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["body_id"], ["webhook_body.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("provider", "event_id"),
    )
    op.create_index(op.f("ix_provider_event_kind"), "provider_event", ["kind"], unique=False)
    op.create_index(
        op.f("ix_provider_event_delivery_id"), "provider_event", ["delivery_id"], unique=False
    )
    op.create_index(op.f("ix_provider_event_body_id"), "provider_event", ["body_id"], unique=False)
    op.create_table(
        "dashboard_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", _STR(length=320), nullable=False),
        sa.Column("password_hash", _STR(length=200), nullable=False),
        sa.Column("role", _STR(length=20), nullable=False),
        sa.Column("language", _STR(length=5), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", _TIME(timezone=True), nullable=True),
        sa.Column("session_epoch", sa.Integer(), nullable=False),
        sa.Column("last_login_at", _TIME(timezone=True), nullable=True),
        sa.Column("created_at", _TIME(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_dashboard_user_email"), "dashboard_user", ["email"], unique=True)


def downgrade() -> None:
    op.drop_index(op.f("ix_dashboard_user_email"), table_name="dashboard_user")
    op.drop_table("dashboard_user")
    op.drop_index(op.f("ix_provider_event_body_id"), table_name="provider_event")
    op.drop_index(op.f("ix_provider_event_delivery_id"), table_name="provider_event")
    op.drop_index(op.f("ix_provider_event_kind"), table_name="provider_event")
    op.drop_table("provider_event")
    op.drop_index(op.f("ix_webhook_body_source"), table_name="webhook_body")
    op.drop_table("webhook_body")
