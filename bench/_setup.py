"""Test data for bench/send.py: a fresh network of N contacts and one newsletter to it.

Contacts go in with core ``executemany`` inserts (the importer validates every
row and would dominate the set-up time); the campaign is created and scheduled
through ``mailer.campaigns`` exactly as the CLI does, so what the benchmark
sends is what a coordinator would send.
"""

from __future__ import annotations

import csv
import os
import resource
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from sqlalchemy import MetaData, insert, select, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from mailer import campaigns
from mailer.campaigns import CampaignKind
from mailer.config import Settings
from mailer.db import make_engine, upgrade
from mailer.message import PreparedMessage, hole
from mailer.outbox import Delivery
from mailer.sending import compose
from subscribers.models import Contact, Organisation
from subscribers.sqltypes import utcnow

CHUNK = 10_000
MUNICIPALITIES = 26
INITIATIVES = 60
SUBJECT = "Nieuwsbrief juni: vervoer, welzijn en vrijwilligers in de regio"

# Ten short articles, separated by "---" (one article block each in the template).
ARTICLES = [
    """## Nieuwe vervoersdienst in de kleine kernen

Sinds april rijden vrijwilligers in drie dorpen ouderen naar de huisarts, de
fysiotherapeut en de weekmarkt. Een rit kost een vaste bijdrage en wordt een
dag van tevoren gebeld. De dienst zoekt nog **chauffeurs voor de woensdag**.""",
    """## Terugblik op de regiotafel

Veertig deelnemers uit twaalf gemeenten spraken over wachtlijsten bij de
regiotaxi. De drie belangrijkste afspraken:

- één telefoonnummer voor alle ritten in de regio;
- ritten naar het ziekenhuis krijgen voorrang;
- de gemeenten delen hun cijfers elk kwartaal.""",
    """## Subsidie voor elektrische buurtauto's

De provincie stelt dit jaar opnieuw een bijdrage beschikbaar voor initiatieven
die een elektrische auto willen aanschaffen of delen. Aanvragen kan tot 1
oktober; lees de voorwaarden op [de subsidiepagina](https://pleinpost.example/subsidie).""",
    """## Vrijwilliger in beeld: de koffieochtend in het dorpshuis

Elke dinsdag schenkt een groep van zes vrijwilligers koffie voor wie even
wil bijpraten. Wie niet zelf kan komen, wordt opgehaald. "Het gaat om het
contact," vertelt een van de vaste gastvrouwen, "de koffie is bijzaak.\"""",
    """## Cursus veilig rijden voor vrijwillige chauffeurs

In september en oktober organiseren we twee avonden over rijvaardigheid,
omgaan met rolstoelen en wat te doen bij een onwel geworden passagier. De
cursus is gratis voor chauffeurs van aangesloten initiatieven.""",
    """## Wat vinden reizigers ervan?

Uit de jaarlijkse enquête onder reizigers blijkt dat 87 procent tevreden is
over de vriendelijkheid van de chauffeurs. Punten om aan te werken zijn de
wachttijd bij de terugrit en de bereikbaarheid op zaterdag.""",
    """## Samenwerken met de bibliotheek

Drie bibliotheken in de regio bieden spreekuren aan over digitale zaken:
een rit boeken via de app, een videogesprek met de huisarts, of een
DigiD aanvragen. Vrijwilligers van de vervoersdiensten rijden bezoekers heen
en terug.""",
    """## Nieuwe initiatieven aangesloten

Dit kwartaal sloten vier nieuwe initiatieven zich aan bij het netwerk, onder
meer een boodschappendienst en een klussenteam. Welkom! Wilt u kennismaken,
kom dan naar de volgende regiotafel.""",
    """## Tip: verzekering voor vrijwilligers

Veel gemeenten hebben een collectieve vrijwilligersverzekering. Vraag bij uw
gemeente na of die ook geldt voor ritten met een eigen auto, en leg het
antwoord vast in uw afspraken met de chauffeurs.""",
    """## Agenda en contact

Heeft u nieuws voor de volgende editie? Stuur het ons vóór de vijftiende van
de maand. Foto's zijn welkom, graag met toestemming van wie erop staat.""",
]
CONTENT = "\n\n---\n\n".join(ARTICLES)


def empty_database(url: str) -> None:
    """Drop everything in the database at ``url``, so ``populate`` starts from nothing.

    On PostgreSQL the ``public`` schema is dropped and made anew (tables, sequences
    and types alike); elsewhere every table is dropped.
    """
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
            else:
                meta = MetaData()
                meta.reflect(conn)
                meta.drop_all(conn)
    finally:
        engine.dispose()


def peak_rss_mb() -> float:
    """This process's own peak resident memory in MB.

    Not ``ru_maxrss``: on Linux a child's starts at its parent's peak (carried
    over fork and exec), so a sender started by a parent that had just made
    100,000 contacts "peaked" at the parent's size. ``VmHWM`` in
    /proc/self/status is the peak of this process's own memory.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def populate(url: str, contacts: int) -> Engine:
    """A fresh database at head with a province, its municipalities, initiatives and contacts."""
    engine = make_engine(url)
    upgrade(engine)
    now = utcnow()
    stamp = {"created_at": now, "updated_at": now}
    orgs: list[dict[str, object]] = [
        {"id": 1, "name": "Provincie Voorbeeld", "kind": "province", "region": None, **stamp}
    ]
    for m in range(MUNICIPALITIES):
        orgs.append(
            {
                "id": 2 + m,
                "name": f"Gemeente Plaats {m}",
                "kind": "municipality",
                "region": f"Regio {m % 4}",
                **stamp,
            }
        )
    for i in range(INITIATIVES):
        orgs.append(
            {
                "id": 2 + MUNICIPALITIES + i,
                "name": f"Vervoersdienst {i}",
                "kind": "initiative",
                "municipality_id": 2 + i % MUNICIPALITIES,
                "region": f"Regio {i % 4}",
                **stamp,
            }
        )
    with engine.begin() as conn:
        conn.execute(insert(Organisation), orgs)
        for start in range(0, contacts, CHUNK):
            conn.execute(
                insert(Contact), list(_contacts(start, min(start + CHUNK, contacts), len(orgs)))
            )
    return engine


def _contacts(start: int, stop: int, n_orgs: int) -> Iterator[dict[str, object]]:
    now = utcnow()
    for i in range(start, stop):
        yield {
            "email": f"lid{i}@org{i % n_orgs}.example",
            "name": f"Lid {i} de Vries",
            "organisation_id": 1 + i % n_orgs,
            "role": "",
            "language": "nl",
            "status": "active",
            "consent_basis": "bench",
            "consent_source": "bench",
            "created_at": now,
            "updated_at": now,
        }


def schedule_newsletter(engine: Engine, at: datetime) -> int:
    """A newsletter to everyone, scheduled at ``at``; returns its id."""
    with Session(engine) as session:
        campaign = campaigns.create(
            session,
            kind=CampaignKind.NEWSLETTER,
            subject=SUBJECT,
            content=CONTENT,
            segments=["iedereen"],
        )
        campaigns.schedule(session, campaign.id or 0, at)
        session.commit()
        return campaign.id or 0


# --- the same mail for mailmerge ----------------------------------------------

_BOUNDARY = "=_bench_alternative"


def mailmerge_files(
    engine: Engine, settings: Settings, campaign_id: int, out: Path
) -> tuple[Path, Path]:
    """A mailmerge template and CSV database for the recipients of ``campaign_id``.

    The template is the campaign's own compiled subject, HTML and text with
    every hole turned into a Jinja placeholder, and the CSV carries the values
    and per-recipient headers Pleinpost sent (tokens, unsubscribe links,
    Message-IDs), so both tools put the same mail on the wire.
    """
    with Session(engine) as session:
        campaign = campaigns.get(session, campaign_id)
        prepared = compose.prepare(session, campaign, "nl", settings, utcnow())
        rows = session.execute(
            select(
                col(Delivery.email),
                col(Delivery.name),
                col(Delivery.organisation_id),
                col(Delivery.id),
            )
            .where(col(Delivery.campaign_id) == campaign_id)
            .order_by(col(Delivery.id))
        ).all()
        orgs = compose.organisation_names(session, (r.organisation_id for r in rows))
    template = out / "mailmerge_template.txt"
    template.write_text(_template(prepared), encoding="utf-8")
    database = out / "mailmerge_database.csv"
    with database.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(
            [
                "email",
                "name",
                "organisation",
                "unsubscribe_url",
                "reply_address",
                "reply_to",
                "message_id",
                "list_unsubscribe",
            ]
        )
        for r in rows:
            rec = compose.recipient(
                settings,
                email=r.email,
                name=r.name,
                organisation=orgs.get(r.organisation_id, ""),
                delivery=r.id,
                ref="",
            )
            v = rec.values
            assert rec.reply_to is not None
            writer.writerow(
                [
                    v["email"],
                    v["name"],
                    v["organisation"],
                    v["unsubscribe_url"],
                    v["reply_address"],
                    rec.reply_to.email,
                    rec.message_id,
                    rec.headers["List-Unsubscribe"],
                ]
            )
    return template, database


def _template(prepared: PreparedMessage) -> str:
    """The prepared message as a mailmerge (Jinja) template: multipart/alternative."""
    head = [
        "TO: {{ email }}",
        f"FROM: {prepared.sender.name} <{prepared.sender.email}>",
        f"REPLY-TO: {prepared.sender.name} <{{{{ reply_to }}}}>",
        f"SUBJECT: {_jinja(prepared.subject, 'text')}",
        "MESSAGE-ID: {{ message_id }}",
        *(f"{k.upper()}: {{% raw %}}{v}{{% endraw %}}" for k, v in prepared.headers.items()),
        "LIST-UNSUBSCRIBE: {{ list_unsubscribe }}",
        "LIST-UNSUBSCRIBE-POST: List-Unsubscribe=One-Click",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/alternative; boundary="{_BOUNDARY}"',
    ]
    body = [
        "",
        f"--{_BOUNDARY}",
        "Content-Type: text/plain; charset=utf-8",
        "",
        _jinja(prepared.text, "text"),
        f"--{_BOUNDARY}",
        "Content-Type: text/html; charset=utf-8",
        "",
        _jinja(prepared.html, "html"),
        f"--{_BOUNDARY}--",
        "",
    ]
    return "\n".join(head + body)


def _jinja(source: str, part: str) -> str:
    """Literal text kept raw; each hole becomes a placeholder, escaped in HTML as Pleinpost does."""
    names = sorted({"name", "organisation", "email", "unsubscribe_url", "reply_address"})
    out = "{% raw %}" + source + "{% endraw %}"
    for name in names:
        marker = hole(name, part)
        expr = f"{{{{ {name}|e }}}}" if part == "html" else f"{{{{ {name} }}}}"
        out = out.replace(marker, "{% endraw %}" + expr + "{% raw %}")
    return out


# --- CPU time of the database server (PostgreSQL on this machine) -------------------


def _proc_cpu(pid: int, *, children: bool = False) -> float:
    """utime + stime of ``pid`` (and of its reaped children), in seconds, from /proc."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    if children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / os.sysconf("SC_CLK_TCK")


def _parent(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[1])


def server_cpu_seconds(engine: Engine) -> float | None:
    """CPU seconds the PostgreSQL server behind ``engine`` has used so far, or None.

    The machine the benchmarks run on is often busy, so wall time alone says
    little; the client's CPU plus the server's is what a quiet machine would
    take. Read from /proc: the postmaster, its exited backends (reaped, so in
    its children's times) and its live processes. None for SQLite (the work is
    in the client's own CPU time) and for a server on another machine.
    """
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as conn:
        backend = int(conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one())
    try:
        postmaster = _parent(backend)
        total = _proc_cpu(postmaster, children=True)
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    if _parent(int(entry)) == postmaster:
                        total += _proc_cpu(int(entry))
                except OSError:  # gone meanwhile: its time is in the reaped children's now
                    continue
        return total
    except OSError:
        return None
