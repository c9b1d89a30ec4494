"""Organisations as the importer and the example loader meet them: by name.

All organisations are held in memory (a network has hundreds, not millions),
so a 100,000-row import does not ask the database once per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import insert, select, update
from sqlmodel import Session

from mailer.i18n import N_, _
from subscribers.errors import InvalidRule
from subscribers.models import Organisation, OrganisationKind, OrganisationTag
from subscribers.segments import municipality_key
from subscribers.sqltypes import utcnow

MUNICIPALITY = OrganisationKind.MUNICIPALITY.value
ORG = Organisation.__table__  # type: ignore[attr-defined]
TAG = OrganisationTag.__table__  # type: ignore[attr-defined]

KIND_LABELS = {
    "municipality": N_("municipality"),
    "initiative": N_("initiative"),
    "province": N_("province"),
    "other": N_("other"),
}


def kind_label(kind: str) -> str:
    """An organisation kind in the operator's language ('gemeente')."""
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


@dataclass
class Org:
    id: int
    name: str
    kind: str
    municipality_id: int | None
    region: str | None
    tags: set[str] = field(default_factory=set)


class Network:
    """Find-or-create organisations by name, with their municipality, region and tags."""

    def __init__(self, session: Session):
        self.session = session
        self.by_name: dict[str, Org] = {}
        self.munis: dict[str, Org] = {}
        self.created = 0
        rows = session.execute(
            select(ORG.c.id, ORG.c.name, ORG.c.kind, ORG.c.municipality_id, ORG.c.region)
        )
        for row in rows:
            self._remember(Org(*row))
        by_id = {org.id: org for org in self.by_name.values()}
        for org_id, tag in session.execute(select(TAG.c.organisation_id, TAG.c.tag)):
            by_id[org_id].tags.add(tag)

    def _remember(self, org: Org) -> Org:
        self.by_name[org.name.lower()] = org
        if org.kind == MUNICIPALITY:
            self.munis.setdefault(municipality_key(org.name), org)
        return org

    def _create(self, name: str, kind: str, municipality_id: int | None, region: str | None) -> Org:
        now = utcnow()
        values = {
            "name": name,
            "kind": kind,
            "municipality_id": municipality_id,
            "region": region,
            "created_at": now,
            "updated_at": now,
        }
        new_id = self.session.execute(insert(ORG).values(**values).returning(ORG.c.id)).scalar_one()
        self.created += 1
        return self._remember(Org(new_id, name, kind, municipality_id, region))

    def municipality(self, name: str, region: str | None = None) -> Org:
        """The municipality called ``name`` ('Beekdal' or 'Gemeente Beekdal'), created if new."""
        found = self.munis.get(municipality_key(name))
        if found is not None:
            return found
        clean = " ".join(name.split())
        if not clean.lower().startswith("gemeente "):
            clean = f"Gemeente {clean}"
        existing = self.by_name.get(clean.lower())
        if existing is not None:  # same name, other kind: do not guess
            raise InvalidRule(
                _("'{name}' already exists as a {kind}, not as a municipality").format(
                    name=existing.name, kind=kind_label(existing.kind)
                )
            )
        return self._create(clean, MUNICIPALITY, None, region)

    def organisation(
        self,
        name: str,
        kind: str | None,
        municipality: str | None = None,
        region: str | None = None,
    ) -> Org:
        """Find or create; a conflicting kind is refused, missing details are filled in."""
        clean = " ".join(name.split())
        org = self.by_name.get(clean.lower())
        if org is None and kind == MUNICIPALITY:
            org = self.munis.get(municipality_key(clean))
        if org is not None and kind and org.kind != kind:
            raise InvalidRule(
                _("Organisation '{name}' is already a {kind}, not a {other}").format(
                    name=org.name, kind=kind_label(org.kind), other=kind_label(kind)
                )
            )
        muni_id = None
        if municipality and (kind or (org.kind if org else "")) != MUNICIPALITY:
            muni_id = self.municipality(municipality, region).id
        if org is None:
            return self._create(clean, kind or OrganisationKind.OTHER.value, muni_id, region)
        self._fill(org, muni_id, region)
        return org

    def _fill(self, org: Org, muni_id: int | None, region: str | None) -> None:
        changes: dict[str, object] = {}
        if muni_id and org.municipality_id is None and muni_id != org.id:
            changes["municipality_id"] = org.municipality_id = muni_id
        if region and not org.region:
            changes["region"] = org.region = region
        if changes:
            changes["updated_at"] = utcnow()
            self.session.execute(update(ORG).where(ORG.c.id == org.id).values(**changes))

    def tag(self, org: Org, tags: list[str]) -> None:
        new = [t for t in dict.fromkeys(tags) if t and t not in org.tags]
        if new:
            rows = [{"organisation_id": org.id, "tag": t} for t in new]
            self.session.execute(insert(TAG), rows)
            org.tags.update(new)
