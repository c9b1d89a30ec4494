"""The tables of the network: organisations, their tags, contacts, segments, suppressions."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, ForeignKey, Index, Integer
from sqlmodel import Field, SQLModel

from subscribers.sqltypes import JSONText, UTCDateTime, utcnow


class OrganisationKind(StrEnum):
    MUNICIPALITY = "municipality"
    INITIATIVE = "initiative"
    PROVINCE = "province"
    OTHER = "other"


class ContactStatus(StrEnum):
    ACTIVE = "active"
    UNSUBSCRIBED = "unsubscribed"
    BOUNCED = "bounced"
    COMPLAINED = "complained"


# A stronger reason never gives way to a weaker one: an address that bounced stays
# bounced when its owner also clicks "unsubscribe" in an old mail.
_STRENGTH = {
    ContactStatus.ACTIVE.value: 0,
    ContactStatus.UNSUBSCRIBED.value: 1,
    ContactStatus.COMPLAINED.value: 2,
    ContactStatus.BOUNCED.value: 3,
}


def overrides(new: ContactStatus, current: str) -> bool:
    """Whether a contact now ``current`` should become ``new`` (never a weaker reason)."""
    return _STRENGTH.get(current, 0) < _STRENGTH[new.value]


class Language(StrEnum):
    NL = "nl"
    EN = "en"


def _created() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class Organisation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True, max_length=200)
    kind: str = Field(default=OrganisationKind.OTHER.value, index=True, max_length=20)
    municipality_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("organisation.id", ondelete="SET NULL"), index=True),
    )
    region: str | None = Field(default=None, index=True, max_length=100)
    created_at: datetime = _created()
    updated_at: datetime = _created()


class OrganisationTag(SQLModel, table=True):
    """One row per (organisation, tag), so a segment's tag rule stays one SQL join."""

    __tablename__ = "organisation_tag"
    organisation_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
        )
    )
    tag: str = Field(primary_key=True, index=True, max_length=100)


class Contact(SQLModel, table=True):
    # Counting contacts per organisation and status (the organisations page, every
    # segment count) reads only this index; it also serves lookups by organisation,
    # so the organisation column has no index of its own.
    __table_args__ = (Index("ix_contact_organisation_status", "organisation_id", "status"),)
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(index=True, unique=True, max_length=320)
    name: str = Field(default="", max_length=200)
    organisation_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("organisation.id", ondelete="SET NULL")),
    )
    role: str = Field(default="", max_length=200)
    language: str = Field(default=Language.NL.value, max_length=5)
    status: str = Field(default=ContactStatus.ACTIVE.value, index=True, max_length=20)
    consent_basis: str = Field(default="", max_length=100)
    consent_source: str = Field(default="", max_length=200)
    consent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = _created()
    updated_at: datetime = _created()


class Segment(SQLModel, table=True):
    """A saved audience rule; ``rule`` is the JSON form of ``subscribers.segments.Rule``."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True, max_length=100)
    rule: dict[str, Any] = Field(default_factory=dict, sa_type=JSONText, nullable=False)
    created_at: datetime = _created()


class Suppression(SQLModel, table=True):
    """An address that must never be mailed again, kept only as a hash after erasure."""

    id: int | None = Field(default=None, primary_key=True)
    email_hash: str = Field(index=True, unique=True, max_length=64)
    reason: str = Field(default="", max_length=50)
    created_at: datetime = _created()
