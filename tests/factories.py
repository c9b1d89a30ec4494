"""Small builders for test data, inserted straight through the models."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from mailer import campaigns
from mailer.campaigns import CampaignKind
from mailer.config import Settings, load_settings
from mailer.invitations import Event, create_event
from mailer.localtime import parse_local
from mailer.sending.dispatch import DrainStats, send_due
from mailer.transports.factory import build_transport
from subscribers.models import Contact, Organisation, OrganisationTag
from subscribers.sqltypes import utcnow


def network(
    session: Session, *, initiatives: int = 3, contacts_per_org: int = 2, language: str = "nl"
) -> dict[str, list[int]]:
    """A municipality with some initiatives, each with contacts; returns the ids."""
    town = Organisation(name="Gemeente Testdorp", kind="municipality", region="Noord")
    session.add(town)
    session.flush()
    orgs = [town]
    for i in range(initiatives):
        org = Organisation(
            name=f"Vervoersdienst {i}", kind="initiative", municipality_id=town.id, region="Noord"
        )
        session.add(org)
        orgs.append(org)
    session.flush()
    contact_ids = []
    for org in orgs:
        for j in range(contacts_per_org):
            c = Contact(
                email=f"c{j}@org{org.id}.example",
                name=f"Contact {j} van {org.name}",
                organisation_id=org.id,
                language=language,
            )
            session.add(c)
            session.flush()
            contact_ids.append(c.id)
    session.commit()
    return {"orgs": [o.id for o in orgs], "contacts": contact_ids}


def with_settings(settings: Settings, **changes: Any) -> Settings:
    """The test settings with a few values changed (validated like the real thing)."""
    values = settings.model_dump()
    values.update(changes)
    return load_settings(**values)


def send_once(engine: Engine, settings: Settings, now: datetime) -> DrainStats:
    """One send pass with a transport built and closed here, as an entry point would."""
    transport = build_transport(settings)
    try:
        return send_due(engine, settings, transport, now)
    finally:
        transport.close()


def newsletter(engine: Engine, at: datetime, **kw: Any) -> int:
    """A newsletter to everyone, scheduled at ``at``; returns its id."""
    with Session(engine) as s:
        c = campaigns.create(
            s,
            kind=CampaignKind.NEWSLETTER,
            subject="Nieuws uit het netwerk",
            content="## Nieuws\n\nEen kort bericht.",
            segments=["iedereen"],
            **kw,
        )
        assert c.id is not None
        campaigns.schedule(s, c.id, at)
        s.commit()
        return c.id


def local(settings: Settings, text: str) -> datetime:
    """A local wall-clock time ("2029-06-07 15:00") in the settings' zone, as aware UTC."""
    return parse_local(text, settings.zone)


def event(session: Session, settings: Settings, **overrides: Any) -> Event:
    """An afternoon gathering in June 2029, replies by 28 May; ``overrides`` change any field."""
    fields: dict[str, Any] = {
        "title": "Netwerkmiddag vervoer",
        "starts_at": local(settings, "2029-06-07 15:00"),
        "ends_at": local(settings, "2029-06-07 17:00"),
        "place": "Het Dorpshuis",
        "reply_by": local(settings, "2029-05-28"),
        "now": utcnow(),
        **overrides,
    }
    return create_event(session, **fields)


def organisation(
    session: Session,
    name: str,
    kind: str,
    *,
    muni: int | None = None,
    region: str | None = None,
    tags: Sequence[str] = (),
) -> int:
    """One organisation with its tags; its id."""
    org = Organisation(name=name, kind=kind, municipality_id=muni, region=region)
    session.add(org)
    session.flush()
    for tag in tags:
        session.add(OrganisationTag(organisation_id=org.id, tag=tag))
    assert org.id is not None
    return org.id
