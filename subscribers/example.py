"""A fictional network for the demo and for trying things out.

Every name, place and address here is invented; addresses use the reserved
``.example`` top-level domain, so nothing can ever be delivered to a real
person. The same seed always gives the same network, and loading it twice
adds nothing the second time.
"""

from __future__ import annotations

import random
import unicodedata
from typing import Any

from sqlalchemy import func, insert, select
from sqlmodel import Session, col

from subscribers.models import Contact, ContactStatus, Organisation, Segment
from subscribers.network import Network, Org
from subscribers.segments import Rule, save_segment
from subscribers.sqltypes import utcnow

PROVINCE = "Provincie Zuiderveen"
REGIONS = {
    "Noorderkwartier": ["Beekdal", "Veenhoven", "Zandwijk", "Lindeloo", "Eikenrade", "Dijkveld"],
    "Veenstreek": ["Heidebroek", "Weidegem", "Kreekoord", "Brederwold", "Vlasmeer", "Hoogzand"],
    "Rivierenland-Zuid": [
        "Nieuw-Aarhem",
        "Wilgenrode",
        "Oosterleek",
        "Valkenweide",
        "Rietmonde",
        "Klaverdam",
        "Sterrenwoude",
    ],
    "Heuvelrand": [
        "Berkenhorst",
        "Molenbroek",
        "Graswijk",
        "Duinhoeve",
        "Polderlust",
        "Esdonk",
        "Hazelrode",
    ],
}
INITIATIVES = {
    "Vervoersdienst": ["vervoer"],
    "Automaatje": ["vervoer"],
    "Plusbus": ["vervoer", "ouderen"],
    "Welzijnsgroep": ["welzijn"],
    "Boodschappendienst": ["vervoer", "welzijn"],
    "Mantelzorgpunt": ["mantelzorg", "welzijn"],
}
FIRST = [
    "Anouk", "Bram", "Carla", "Dirk", "Esther", "Floris", "Gerda", "Hidde", "Ilse", "Joost",
    "Karin", "Lars", "Marloes", "Niels", "Olga", "Pieter", "Quinta", "Ruud", "Saskia", "Thijs",
    "Uma", "Vera", "Wouter", "Yara", "Zeger", "Aaltje", "Bert", "Desiree", "Emiel", "Fenna",
]  # fmt: skip
LAST = [
    "Akkerman", "Bosveld", "van Dalen", "Eikelboom", "de Graaf", "Hoekstra", "Jansma",
    "Kleiweg", "Lindhout", "Meulenbelt", "Noordhoek", "Oosterhuis", "Postma", "van Rijswijk",
    "Schutte", "Terpstra", "Veldkamp", "de Wilde", "Zwartjes", "Brinkhorst", "van der Laan",
]  # fmt: skip
ROLES = {
    "province": ["beleidsadviseur", "programmamanager"],
    "municipality": ["beleidsmedewerker", "wethouder", "consulent Wmo"],
    "initiative": ["coördinator", "secretaris", "vrijwilliger", "voorzitter"],
}
SPECIAL_STATUS = [
    ContactStatus.UNSUBSCRIBED,
    ContactStatus.UNSUBSCRIBED,
    ContactStatus.UNSUBSCRIBED,
    ContactStatus.BOUNCED,
    ContactStatus.BOUNCED,
    ContactStatus.COMPLAINED,
]
SEGMENTS = {
    "vervoer-noord": Rule(tags=("vervoer",), regions=("Noorderkwartier",)),
    "mantelzorg": Rule(tags=("mantelzorg",), statuses=("active",)),
}


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(ascii_name.lower().replace(".", "").split())


def _organisations(network: Network, rng: random.Random) -> list[Org]:
    province = network.organisation(PROVINCE, "province")
    network.tag(province, ["provincie"])
    orgs = [province]
    for region, places in REGIONS.items():
        for place in places:
            muni = network.municipality(place, region)
            network.tag(muni, ["gemeente"])
            orgs.append(muni)
            for prefix in rng.sample(sorted(INITIATIVES), rng.choice((2, 2, 3))):
                org = network.organisation(f"{prefix} {place}", "initiative", place, region)
                network.tag(org, INITIATIVES[prefix])
                orgs.append(org)
    return orgs


def _people(orgs: list[Org], rng: random.Random) -> list[dict[str, Any]]:
    people: list[dict[str, Any]] = []
    used: set[str] = set()
    for org in orgs:
        count = 4 if org.kind == "province" else rng.choice((2, 2, 3))
        for _ in range(count):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            local = f"{_slug(first)}.{_slug(last).replace('-', '')}"
            email = f"{local}@{_slug(org.name)}.example"
            n = 2
            while email in used:
                email = f"{local}{n}@{_slug(org.name)}.example"
                n += 1
            used.add(email)
            people.append(
                {
                    "email": email,
                    "name": f"{first} {last}",
                    "organisation_id": org.id,
                    "role": rng.choice(ROLES[org.kind]),
                    "language": "en" if rng.random() < 0.1 else "nl",
                    "status": ContactStatus.ACTIVE.value,
                }
            )
    for person, status in zip(rng.sample(people, len(SPECIAL_STATUS)), SPECIAL_STATUS, strict=True):
        person["status"] = status.value
    return people


def load_example_network(session: Session, *, seed: int = 7) -> dict[str, int]:
    """Create the fictional network (idempotent) and commit; returns what is there now."""
    rng = random.Random(seed)
    network = Network(session)
    orgs = _organisations(network, rng)
    people = _people(orgs, rng)
    known = set(session.execute(select(col(Contact.email))).scalars())
    now = utcnow()
    new = [
        {**p, "consent_basis": "gerechtvaardigd belang", "consent_source": "voorbeeldnetwerk"}
        | {"consent_at": now, "created_at": now, "updated_at": now}
        for p in people
        if p["email"] not in known
    ]
    if new:
        session.execute(insert(Contact.__table__), new)  # type: ignore[attr-defined]
    saved = set(session.execute(select(col(Segment.name))).scalars())
    segments_added = 0
    for name, rule in SEGMENTS.items():
        if name not in saved:
            save_segment(session, name, rule)
            segments_added += 1
    session.commit()
    total = session.execute(select(func.count()).select_from(Organisation)).scalar_one()
    contacts = session.execute(select(func.count()).select_from(Contact)).scalar_one()
    return {
        "organisations": total,
        "contacts": contacts,
        "added_organisations": network.created,
        "added_contacts": len(new),
        "added_segments": segments_added,
        "municipalities": sum(len(p) for p in REGIONS.values()),
        "initiatives": sum(1 for o in orgs if o.kind == "initiative"),
        "regions": len(REGIONS),
    }
