"""Small builders for test data, inserted straight through the models."""

from __future__ import annotations

from sqlmodel import Session

from subscribers.models import Contact, Organisation


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
