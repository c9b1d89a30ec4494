"""The network at a glance: province, regions, municipalities, initiatives, counts.

Two queries (organisations, and contact counts grouped by organisation), then
arranged in memory; a network has hundreds of organisations, not millions.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select
from sqlmodel import Session, col

from mailer.i18n import _
from subscribers.models import Contact, ContactStatus
from subscribers.network import ORG


def _counts(session: Session) -> dict[int | None, tuple[int, int]]:
    active = func.sum(case((col(Contact.status) == ContactStatus.ACTIVE.value, 1), else_=0))
    query = select(col(Contact.organisation_id), func.count(), active).group_by(
        col(Contact.organisation_id)
    )
    return {org_id: (int(total), int(act or 0)) for org_id, total, act in session.execute(query)}


def network_overview(session: Session) -> dict[str, Any]:
    """A JSON-ready tree: regions → municipalities → initiatives, plus provinces and others."""
    counts = _counts(session)
    orgs = session.execute(
        select(ORG.c.id, ORG.c.name, ORG.c.kind, ORG.c.municipality_id, ORG.c.region).order_by(
            ORG.c.name
        )
    ).all()

    def node(row: Any) -> dict[str, Any]:
        total, active = counts.get(row.id, (0, 0))
        return {
            "id": row.id,
            "name": row.name,
            "kind": row.kind,
            "contacts": total,
            "active": active,
        }

    munis = {r.id: {**node(r), "initiatives": []} for r in orgs if r.kind == "municipality"}
    regions: dict[str, list[dict[str, Any]]] = {}
    for row in orgs:
        if row.kind == "municipality":
            regions.setdefault(row.region or _("(no region)"), []).append(munis[row.id])
    provinces, other = [], []
    for row in orgs:
        if row.kind == "province":
            provinces.append(node(row))
        elif row.kind != "municipality" and row.municipality_id in munis:
            munis[row.municipality_id]["initiatives"].append(node(row))
        elif row.kind != "municipality":
            other.append(node(row))
    all_total = sum(t for t, _ in counts.values())
    all_active = sum(a for _, a in counts.values())
    return {
        "totals": {"organisations": len(orgs), "contacts": all_total, "active": all_active},
        "provinces": provinces,
        "regions": [{"name": n, "municipalities": m} for n, m in sorted(regions.items())],
        "other": other,
        "without_organisation": counts.get(None, (0, 0))[0],
    }
