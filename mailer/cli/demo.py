"""``mailer demo``: the README's first command, on the embedded defaults.

It walks the whole flow once on a fictional network: database, contacts,
an event with its timeline, a newsletter and an invitation, both sent to the
local Maildir, and tells where to look.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import typer
from rich.table import Table
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mailer import campaigns, invitations
from mailer.campaigns import Campaign, CampaignKind
from mailer.cli.runtime import console, runtime
from mailer.cli.send import print_stats, run_pass
from mailer.config import Settings
from mailer.db import session_scope
from mailer.invitations import Event
from mailer.localtime import format_local, localize
from subscribers import segments
from subscribers.example import load_example_network
from subscribers.models import Organisation
from subscribers.sqltypes import utcnow

NEWSLETTER = """\
## Nieuw: de vervoerskaart van de provincie

Welke vrijwillige vervoersdiensten rijden waar, en voor wie? De nieuwe kaart
laat het per gemeente zien. Controleer of de gegevens van uw dienst kloppen
en laat het ons weten als er iets ontbreekt.

## Terugblik op het voorjaarsoverleg

Twaalf gemeenten wisselden ervaringen uit over het werven van chauffeurs.
Drie tips die het vaakst genoemd werden:

- houd de instap laag: een proefrit met een ervaren chauffeur;
- maak de planning zichtbaar, zodat niemand te vaak gevraagd wordt;
- bedank vrijwilligers ook buiten de jaarlijkse borrel.

## Vragen?

Antwoord gewoon op deze e-mail; uw bericht komt direct bij ons team terecht.
"""

INVITATION = """\
Samen met de gemeente organiseren we een middag voor alle vrijwillige
vervoersdiensten en welzijnsinitiatieven. We kijken naar wat goed gaat,
waar u tegenaan loopt, en hoe we elkaar beter kunnen vinden.
"""


def _demo_event(session: Session, settings: Settings, now: datetime, town: str) -> Event:
    """An event on a Thursday about seven weeks out, 15.00–17.00 local, deadline two
    weeks before."""
    zone = settings.zone
    day = (now.astimezone(zone) + timedelta(days=49)).date()
    day += timedelta(days=(3 - day.weekday()) % 7)
    start = localize(datetime.combine(day, time(15, 0)), zone)
    return invitations.create_event(
        session,
        title=f"Ontmoetingsmiddag vervoer en welzijn {town}",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        now=now,
        place="Dorpshuis De Linde",
        address="Lindeplein 4, Voorbeeldstad",
        description="Een middag om elkaar te leren kennen en ervaringen te delen.",
        reply_by=localize(datetime.combine(day - timedelta(days=14), time(0, 0)), zone),
        max_per_organisation=2,
        capacity=60,
        programme_at=localize(datetime.combine(day - timedelta(days=7), time(9, 0)), zone),
    )


def _busiest_municipality(session: Session) -> str:
    """The municipality with the most initiatives, so the invitation has an audience."""
    counts: dict[int, int] = {}
    for org in session.exec(select(Organisation).where(col(Organisation.kind) == "initiative")):
        if org.municipality_id is not None:
            counts[org.municipality_id] = counts.get(org.municipality_id, 0) + 1
    town = session.get(Organisation, max(counts, key=lambda k: counts[k]))
    assert town is not None
    return town.name


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo_cmd(ctx: typer.Context) -> None:
        """Load a fictional network, send a newsletter and an invitation to the Maildir."""
        rt = runtime(ctx)
        settings, now = rt.settings, utcnow()
        console.rule("[bold]Pleinpost demo")
        console.print(f"Database: {settings.db_url}  ·  transport: {settings.transport}")
        with session_scope(rt.engine) as session:
            loaded = load_example_network(session)
            console.print(f"Voorbeeldnetwerk / example network: {loaded}")
            town = _busiest_municipality(session)
            name = "demo-initiatieven-" + segments.municipality_key(town).replace(" ", "-")
            segments.save_segment(
                session, name, segments.Rule.build(kinds=["initiatief"], municipalities=[town])
            )
            event = _demo_event(session, settings, now, segments.municipality_key(town).title())
            news = campaigns.create(
                session,
                kind=CampaignKind.NEWSLETTER,
                subject="Nieuwsbrief vervoer en welzijn",
                content=NEWSLETTER,
                segments=["gemeenten", "initiatieven", "provincie"],
            )
            invite = campaigns.create(
                session,
                kind=CampaignKind.INVITATION,
                subject=f"Uitnodiging: {event.title}",
                content=INVITATION,
                segments=[name],
                event_id=event.id,
                timeline_step="invitation",
            )
            assert news.id is not None and invite.id is not None and event.id is not None
            for c in (news.id, invite.id):
                campaigns.schedule(session, c, now)
            invitations.plan_timeline(session, event.id, settings, now)
            ids, event_id = [news.id, invite.id], event.id
        stats = run_pass(rt.engine, settings, campaign_ids=ids)
        print_stats(stats)
        _show(rt.engine, settings, ids, event_id)

    def _show(engine: Engine, settings: Settings, ids: list[int], event_id: int) -> None:
        from mailer import outbox

        with Session(engine) as session:
            table = Table(
                "campagne", "soort/kind", "status", "verzonden/sent", "overgeslagen/skipped"
            )
            for cid in ids:
                c = session.get(Campaign, cid)
                assert c is not None
                tally = outbox.counts(session, c.id or 0)
                table.add_row(
                    str(c.id), c.kind, c.status, str(tally["sent"]), str(tally["skipped"])
                )
            console.print(table)
            steps = invitations.timeline(session, event_id, utcnow())
            console.print(f"[bold]Tijdlijn / timeline van evenement {event_id}[/]")
            for step in steps:
                mark = "→ " if step.next else "  "
                sent = f"{step.sent} verzonden/sent" if step.campaign_id else ""
                when = format_local(step.at, settings.zone)
                console.print(f"{mark}{step.step:<12} {when:<22} {step.status:<10} {sent}")
        maildir = Path(settings.maildir).resolve()
        count = len(list((maildir / "new").glob("*"))) if (maildir / "new").exists() else 0
        console.print(f"\n{count} berichten in de Maildir / messages in the Maildir: {maildir}/new")
        console.print("Bekijken / look at them:")
        console.print(f"  ls {maildir}/new | head; less {maildir}/new/<file>")
        console.print(f"  mutt -f {maildir}     (any Maildir-capable mail client)")
        console.print(f"  mailer campaign status {ids[0]}   ·   mailer event timeline {event_id}")
        zone = settings.zone
        console.print(f"Tijdzone / time zone: {zone.key}; now {format_local(utcnow(), zone)}")
