"""``mailer demo``: the README's first command, on a network that does not exist.

It walks the whole flow once: contacts, an event with its timeline, a
newsletter and an invitation, sent, and tells where to look. It can never mail
a person: it always writes to its own Maildir, whatever ``MAILER_TRANSPORT``
says, and works in its own SQLite database under ``<MAILER_DATA_DIR>/demo``,
never the operator's (``MAILER_DATABASE_URL`` is not read). Each run starts
over with a fresh demo database and Maildir, so it runs cleanly any number of
times. See the README, "Two commands on a fresh machine".
"""

from __future__ import annotations

import shlex
import shutil
from datetime import datetime, time, timedelta
from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlmodel import Session, col, select

from mailer import campaigns, invitations, outbox
from mailer.campaigns import Campaign, CampaignKind, kind_label, status_label, timeline
from mailer.cli.event import timeline_table
from mailer.cli.runtime import console, runtime
from mailer.cli.send import print_stats, run_pass
from mailer.config import Settings, TransportName, load_settings
from mailer.db import make_engine, session_scope, upgrade
from mailer.errors import InvalidInput
from mailer.i18n import _
from mailer.installation import load_secret
from mailer.invitations import Event
from mailer.localtime import localize
from subscribers import segments
from subscribers.example import load_example_network
from subscribers.models import Organisation
from subscribers.sqltypes import utcnow

DEMO_DIR = "demo"  # under MAILER_DATA_DIR

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


NEWSLETTER_EN = """\
## New: the province's transport map

Which volunteer transport services run where, and for whom? The new map shows
it per municipality. Check that your service's details are right and let us
know if anything is missing.

## Questions?

Just reply to this e-mail; your message goes straight to our team.
"""

INVITATION_EN = """\
Together with the municipality we are organising an afternoon for all
volunteer transport services and welfare initiatives: what goes well, where
you get stuck, and how we can find each other more easily.
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


def demo_settings(settings: Settings) -> Settings:
    """The operator's settings pointed at the demo's own database and Maildir, Maildir only.

    Presentation settings (network name, sender, time zone, ...) are kept so the
    demo mail looks like the operator's; every way out and every store is replaced.
    """
    home = settings.data_dir / DEMO_DIR
    changes = {
        "data_dir": home,
        "database_url": f"sqlite:///{home / 'pleinpost.db'}",
        "transport": TransportName.MAILDIR,
        "maildir_path": home / "maildir",
        "rate_per_second": 0.0,
        "rate_per_hour": 0,
    }
    demo = load_settings(**{**settings.model_dump(), **changes})
    _refuse_overlap(settings, demo)
    return demo


def _refuse_overlap(own: Settings, demo: Settings) -> None:
    """Never start over on top of the operator's own database or Maildir."""
    same_db = _sqlite_file(own.db_url) == _sqlite_file(demo.db_url)
    if same_db or own.maildir.resolve() == demo.maildir.resolve():
        raise InvalidInput(
            _(
                "The demo keeps its data in {path}, which your settings also use; "
                "change MAILER_DATABASE_URL or MAILER_MAILDIR_PATH"
            ).format(path=demo.data_dir)
        )


def _sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL, resolved; None for any other database."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return Path(parsed.database).resolve()


def start_over(demo: Settings) -> None:
    """Remove the previous run's demo database and Maildir (only those)."""
    db = demo.data_dir / "pleinpost.db"
    for path in (db, *(db.with_name(db.name + s) for s in ("-wal", "-shm", "-journal"))):
        path.unlink(missing_ok=True)
    if demo.maildir.is_dir():
        shutil.rmtree(demo.maildir)
    demo.data_dir.mkdir(parents=True, exist_ok=True)


def demo_env(own: Settings, demo: Settings) -> str:
    """The variables that point other commands at the demo data, given the operator's own."""
    parts = [f"MAILER_DATA_DIR={shlex.quote(str(demo.data_dir))}"]
    if own.database_url:
        parts.append(f"MAILER_DATABASE_URL={shlex.quote(demo.db_url)}")
    if own.maildir_path is not None:
        parts.append(f"MAILER_MAILDIR_PATH={shlex.quote(str(demo.maildir))}")
    if own.transport != TransportName.MAILDIR:
        parts.append("MAILER_TRANSPORT=maildir")
    return " ".join(parts)


def _set_up(engine: Engine, settings: Settings, now: datetime) -> tuple[list[int], int]:
    """The network, a segment, an event with its timeline, two campaigns due now."""
    with session_scope(engine) as session:
        loaded = load_example_network(session)
        console.print(
            _(
                "Example network: {organisations} organisations, {contacts} contacts "
                "(all on .example addresses)"
            ).format(**loaded)
        )
        town = _busiest_municipality(session)
        name = "demo-initiatieven-" + segments.municipality_key(town).replace(" ", "-")
        segments.save_segment(
            session, name, segments.Rule.build(kinds=["initiatief"], municipalities=[town])
        )
        event = _demo_event(session, settings, now, segments.municipality_key(town).title())
        assert event.id is not None
        news = campaigns.create(
            session,
            kind=CampaignKind.NEWSLETTER,
            subject="Nieuwsbrief vervoer en welzijn",
            content=NEWSLETTER,
            subject_en="Newsletter transport and welfare",
            content_en=NEWSLETTER_EN,
            segments=["gemeenten", "initiatieven", "provincie"],
            agenda=[event.id],
        )
        invite = campaigns.create(
            session,
            kind=CampaignKind.INVITATION,
            subject=f"Uitnodiging: {event.title}",
            content=INVITATION,
            subject_en=f"Invitation: {event.title}",
            content_en=INVITATION_EN,
            segments=[name],
            event_id=event.id,
            timeline_step="invitation",
        )
        assert news.id is not None and invite.id is not None
        for c in (news.id, invite.id):
            campaigns.schedule(session, c, now)
        timeline.plan_timeline(session, event.id, settings, now)
        return [news.id, invite.id], event.id


def register(app: typer.Typer) -> None:
    @app.command(
        "demo",
        help=_(
            "Send a newsletter and an invitation on a fictional network to the demo's own "
            "Maildir, in the demo's own database (never yours); every run starts over."
        ),
    )
    def demo_cmd(ctx: typer.Context) -> None:
        """Send a newsletter and an invitation on a fictional network to the demo Maildir."""
        own = runtime(ctx).settings  # read for the data dir; its database is never opened
        demo = demo_settings(own)
        console.rule(Text(_("Pleinpost demo"), style="bold"))
        start_over(demo)
        console.print(
            _("Demo data: {db}  ·  transport: maildir ({maildir})").format(
                db=demo.db_url, maildir=demo.maildir
            ),
            highlight=False,
            markup=False,
        )
        engine = make_engine(demo.db_url)
        try:
            upgrade(engine)
            load_secret(engine, demo)
            ids, event_id = _set_up(engine, demo, utcnow())
            print_stats(run_pass(engine, demo, campaign_ids=ids))
            _show(engine, demo, ids, event_id)
        finally:
            engine.dispose()
        _how_to_look(own, demo, ids, event_id)


def _show(engine: Engine, settings: Settings, ids: list[int], event_id: int) -> None:
    with Session(engine) as session:
        table = Table(_("campaign"), _("kind"), _("status"), _("sent"), _("skipped"))
        for cid in ids:
            c = session.get(Campaign, cid)
            assert c is not None
            tally = outbox.counts(session, cid)
            table.add_row(
                str(cid),
                kind_label(c.kind),
                status_label(c.status),
                str(tally["sent"]),
                str(tally["skipped"]),
            )
        console.print(table)
        console.print(
            "[bold]" + _("Timeline of event {id}").format(id=event_id) + "[/]", markup=True
        )
        steps = timeline.timeline(session, event_id, utcnow(), settings.zone)
        console.print(timeline_table(steps, settings.zone))


def _how_to_look(own: Settings, demo: Settings, ids: list[int], event_id: int) -> None:
    """Where the mail is, and how to run any other command on the demo data."""
    new = demo.maildir / "new"
    count = sum(1 for _f in new.iterdir()) if new.is_dir() else 0
    maildir = shlex.quote(str(demo.maildir))
    env = demo_env(own, demo)
    lines = [
        "",
        _("{count} messages in the demo Maildir {path}").format(count=count, path=new),
        _("Look at them:"),
        f"  ls {maildir}/new | head",
        f"  mutt -f {maildir}",
        _("Any other command works on the demo data with these variables in front:"),
        f"  {env} mailer campaign status {ids[0]}",
        f"  {env} mailer event timeline {event_id}",
        _("Your own database and settings were not touched; the next run starts over."),
    ]
    for line in lines:
        console.print(line, highlight=False, markup=False, soft_wrap=True)
