"""How fast the dashboard's pages answer with 100,000 contacts and 50 campaigns.

Seeds a fresh database (``bench/_setup.populate``: a province, municipalities,
initiatives and N contacts), 50 newsletters of which five were sent to
everyone (so the ledger holds 5 × N deliveries), an event with its timeline
and a saved segment; serves the app with uvicorn on a free port and fetches
each page a few times as a logged-in coordinator. Prints the median and the
slowest time per page; the target is under 200 ms.

    .venv/bin/python bench/web_pages.py                      # SQLite in a temp dir
    .venv/bin/python bench/web_pages.py --url postgresql+psycopg://postgres@127.0.0.1:55432/web
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy import insert, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

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


def seed(engine: Engine, contacts: int, settings_zone: object) -> dict[str, int]:
    now = utcnow()
    with session_scope(engine) as session:
        users.add_user(session, EMAIL, PASSWORD, role=Role.COORDINATOR, language="nl", now=now)
        segments.save_segment(
            session,
            "initiatieven-regio-1",
            segments.Rule.build(kinds=["initiatief"], regions=["Regio 1"]),
        )
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
        people = session.execute(select(Contact.id, Contact.email)).all()
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="", help="database URL (default: SQLite in a temp dir)")
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
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
    print(
        f"seeded {args.contacts} contacts, {CAMPAIGNS} campaigns "
        f"({SENT} sent to everyone) in {time.perf_counter() - started:.0f} s "
        f"on {engine.dialect.name}"
    )
    server, base = serve(create_app(settings, engine))
    pages = [
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
        "/contacten?segment=initiatieven-regio-1",
        "/contacten/organisaties",
        "/contacten/segmenten",
        "/contacten/segmenten/telling?kinds=initiative&regions=Regio+2",
        f"/contacten/persoon?email=lid4242%40org{4242 % 87}.example",
    ]
    slow = []
    with httpx.Client(base_url=base, timeout=60) as client:
        log_in(client)
        print(f"{'page':58} {'median':>8} {'max':>8}")
        for path in pages:
            times = []
            for _ in range(args.rounds):
                t0 = time.perf_counter()
                answer = client.get(path)
                times.append((time.perf_counter() - t0) * 1000)
                assert answer.status_code == 200, (path, answer.status_code)
            median = statistics.median(times)
            flag = "" if median < TARGET_MS else "  <-- over target"
            print(f"{path:58} {median:7.0f}ms {max(times):7.0f}ms{flag}")
            if median >= TARGET_MS:
                slow.append(path)
    server.should_exit = True
    engine.dispose()
    print("all pages under target" if not slow else f"over {TARGET_MS} ms: {', '.join(slow)}")


if __name__ == "__main__":
    main()
