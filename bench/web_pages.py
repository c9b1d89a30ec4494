"""How fast the dashboard's pages answer with 100,000 contacts and 50 campaigns.

Seeds a fresh database (``bench/_setup.populate``: a province, municipalities,
initiatives and N contacts), 50 newsletters of which five were sent to
everyone (so the ledger holds 5 × N deliveries), an event with its timeline
and five saved segments; serves the app with uvicorn on a free port and fetches
each page a few times as a logged-in coordinator. Prints the median and the
slowest time per page, and the CPU time it cost (see ``Timing``); the target
is a median under 200 ms.

    .venv/bin/python bench/web_pages.py                      # SQLite in a temp dir
    .venv/bin/python bench/web_pages.py --database-url postgresql+psycopg://postgres@127.0.0.1:55432/web

``--save FILE`` keeps the figures as JSON; ``--before FILE`` prints such an
earlier run next to this one (run the bench on the old code with ``--save``,
then on the new with ``--before``), so a change shows its before/after per page.
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy import insert, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._setup import empty_database, populate
from mailer import campaigns, invitations
from mailer.campaigns import CampaignKind, timeline
from mailer.config import load_settings
from mailer.db import session_scope
from mailer.outbox import Delivery
from mailer.tracking.models import Role
from mailer.web import users
from mailer.web.app import create_app
from subscribers import segments
from subscribers.models import Contact
from subscribers.sqltypes import utcnow

EMAIL, PASSWORD = "bench@pleinpost.example", "bench password 1234"
CAMPAIGNS, SENT = 50, 5
TARGET_MS = 200
# Saved segments besides the four built-in ones: one per kind of criterion.
SAVED_SEGMENTS: dict[str, dict[str, list[str]]] = {
    "initiatieven-regio-1": {"kinds": ["initiatief"], "regions": ["Regio 1"]},
    "plaats-3": {"municipalities": ["Plaats 3"]},
    "regio-2-actief": {"regions": ["Regio 2"], "statuses": ["actief"]},
    "gemeenten-en-leden": {"kinds": ["gemeente"], "contacts": ["lid1@org1.example"]},
    "afgemeld": {"statuses": ["afgemeld", "gebounced"]},
}


def seed(engine: Engine, contacts: int, settings_zone: object) -> dict[str, int]:
    now = utcnow()
    with session_scope(engine) as session:
        users.add_user(session, EMAIL, PASSWORD, role=Role.COORDINATOR, language="nl", now=now)
        for name, rule in SAVED_SEGMENTS.items():
            segments.save_segment(session, name, segments.Rule.build(**rule))
        event = invitations.create_event(
            session,
            title="Netwerkmiddag vervoer",
            starts_at=now + timedelta(days=60),
            ends_at=now + timedelta(days=60, hours=2),
            reply_by=now + timedelta(days=40),
            now=now,
        )
        ids = []
        for n in range(CAMPAIGNS):
            c = campaigns.create(
                session,
                kind=CampaignKind.NEWSLETTER,
                subject=f"Nieuwsbrief {n + 1}",
                content="## Nieuws\n\nEen kort bericht.",
                segments=["iedereen"],
                agenda=[event.id or 0],
            )
            ids.append(c.id or 0)
    with Session(engine) as session:
        people = session.execute(select(col(Contact.id), col(Contact.email))).all()
    with engine.begin() as conn:
        for cid in ids[:SENT]:
            rows = [
                {
                    "campaign_id": cid,
                    "contact_id": pid,
                    "email": email,
                    "status": "sent",
                    "created_at": now,
                    "updated_at": now,
                    "sent_at": now,
                }
                for pid, email in people
            ]
            for start in range(0, len(rows), 10_000):
                conn.execute(insert(Delivery), rows[start : start + 10_000])
    return {"campaign": ids[0], "event": event.id or 0, "contacts": contacts}


def settle(engine: Engine) -> None:
    """PostgreSQL: vacuum and analyze now, as autovacuum soon would on its own.

    Measured straight after the bulk load, the pages raced autovacuum's first
    pass over 600,000 new rows and were planned without statistics. SQLite
    keeps none unless asked, so it is measured as it is.
    """
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")


def serve(app: object) -> tuple[uvicorn.Server, str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))  # type: ignore[arg-type]
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.01)
    return server, f"http://127.0.0.1:{sock.getsockname()[1]}"


def log_in(client: httpx.Client) -> None:
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
    assert token
    answer = client.post(
        "/login", data={"email": EMAIL, "password": PASSWORD, "csrf": token.group(1), "next": "/"}
    )
    assert answer.status_code == 303, answer.text


def pages(ids: dict[str, int]) -> list[str]:
    return [
        "/overzicht",
        "/campagnes",
        "/campagnes/nieuw",
        f"/campagnes/{ids['campaign']}",
        f"/campagnes/{ids['campaign']}/live",
        "/campagnes/publiek?segments=iedereen",
        f"/campagnes/{ids['campaign']}/voorbeeld/nl",
        "/bijeenkomsten",
        f"/bijeenkomsten/{ids['event']}",
        "/contacten",
        "/contacten?q=lid4242",
        "/contacten?q=lid&page=3",
        "/contacten?segment=iedereen",
        "/contacten?segment=initiatieven-regio-1",
        "/contacten?segment=initiatieven-regio-1&status=active&page=2",
        "/contacten/organisaties",
        "/contacten/segmenten",
        "/contacten/segmenten/telling?kinds=initiative&regions=Regio+2",
        f"/contacten/persoon?email=lid4242%40org{4242 % 87}.example",
    ]


@dataclass(frozen=True)
class Timing:
    """One page's figures in ms: wall-clock median and maximum, and this process's CPU.

    The CPU time (median) is the client's and the server's together, and on
    SQLite the database's too: it hardly moves when other work loads the
    machine, where the wall-clock time can double.
    """

    median: float
    slowest: float
    cpu: float


def measure(client: httpx.Client, path: str, rounds: int) -> Timing:
    assert client.get(path).status_code == 200, path  # warm-up: templates, compiled SQL
    times, cpu = [], []
    for _ in range(rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        answer = client.get(path)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        assert answer.status_code == 200, (path, answer.status_code)
    return Timing(statistics.median(times), max(times), statistics.median(cpu))


def _earlier(before: dict[str, dict[str, float]], path: str, key: str) -> str:
    return f"{before[path][key]:6.0f}ms" if path in before else f"{'':8}"


def report(
    client: httpx.Client, paths: list[str], rounds: int, before: dict[str, dict[str, float]]
) -> dict[str, Timing]:
    """Print one line per page (next to an earlier run's figures, if given)."""
    found: dict[str, Timing] = {}
    print(f"{'page':62} {'before':>8} {'median':>8} {'max':>8}   {'cpu before':>10} {'cpu':>8}")
    for path in paths:
        t = found[path] = measure(client, path, rounds)
        flag = "" if t.median < TARGET_MS else "  <-- over target"
        print(
            f"{path:62} {_earlier(before, path, 'median')} {t.median:6.0f}ms {t.slowest:6.0f}ms"
            f"   {_earlier(before, path, 'cpu'):>10} {t.cpu:6.0f}ms{flag}"
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        "--url",
        dest="url",
        default="",
        help="database URL, emptied first (default: SQLite in a temp dir)",
    )
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--save", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--before", type=Path, help="a --save file to print next to this run")
    args = parser.parse_args()
    before = json.loads(args.before.read_text()) if args.before else {}
    work = Path(tempfile.mkdtemp(prefix="pleinpost-bench-web-"))
    url = args.url or f"sqlite:///{work / 'bench.db'}"
    empty_database(url)
    started = time.perf_counter()
    engine = populate(url, args.contacts)
    settings = load_settings(data_dir=work, database_url=url, secret_key="bench")
    ids = seed(engine, args.contacts, settings.zone)
    with Session(engine) as session:
        timeline.plan_timeline(session, ids["event"], settings)
        session.commit()
    settle(engine)
    print(
        f"seeded {args.contacts} contacts, {CAMPAIGNS} campaigns "
        f"({SENT} sent to everyone) in {time.perf_counter() - started:.0f} s "
        f"on {engine.dialect.name}"
    )
    server, base = serve(create_app(settings, engine))
    with httpx.Client(base_url=base, timeout=60) as client:
        log_in(client)
        found = report(client, pages(ids), args.rounds, before)
    server.should_exit = True
    engine.dispose()
    if args.save:
        args.save.write_text(json.dumps({p: asdict(t) for p, t in found.items()}, indent=1))
    slow = [path for path, t in found.items() if t.median >= TARGET_MS]
    print("all pages under target" if not slow else f"over {TARGET_MS} ms: {', '.join(slow)}")


if __name__ == "__main__":
    main()
