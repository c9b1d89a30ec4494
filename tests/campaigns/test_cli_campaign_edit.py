"""Campaigns a coordinator can trust, through the installed `mailer` command.

Editing, segments and events checked at every step, the programme to those
registered, a chosen agenda, one language per mail, and `campaign test`.
Output is Dutch (the default operator language) unless a test says otherwise.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from mailer import invitations
from mailer.config import Settings
from mailer.invitations import RsvpStatus
from subscribers.models import Contact, Organisation
from subscribers.segments import delete_segment
from subscribers.sqltypes import utcnow
from tests.forkserver import run_mailer
from tests.mailbox import messages

MAILER = str(Path(sys.executable).parent / "mailer")


@pytest.fixture
def mailer(settings: Settings, tmp_path: Path):
    """Run the real command; returns (exit code, stdout, stderr)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAILER_", "SENDGRID_"))}
    env.update(
        MAILER_DATA_DIR=str(settings.data_dir),
        MAILER_DATABASE_URL=settings.db_url,
        MAILER_SECRET_KEY="test-secret-key",
        COLUMNS="200",
    )

    def run(*args: str, extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return run_mailer(args, {**env, **(extra or {})}, cwd=tmp_path)

    return run


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr + done.stdout
    return done.stdout


def refused(done: subprocess.CompletedProcess[str], *words: str) -> str:
    """A refusal: exit 1, a short message without a traceback, naming ``words``."""
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) <= 2
    for word in words:
        assert word in done.stderr
    return done.stderr


def created(done: subprocess.CompletedProcess[str]) -> int:
    return int(json.loads(ok(done))["id"])


def show(mailer: Any, cid: int) -> dict[str, Any]:
    return json.loads(ok(mailer("campaign", "show", str(cid), "--json")))


@pytest.fixture
def people(engine: Engine) -> dict[str, int]:
    """Three contacts: Dutch with a name, English, and one with no name and no organisation."""
    with Session(engine) as s:
        org = Organisation(name="Buurtbus Oost", kind="initiative")
        s.add(org)
        s.flush()
        s.add(Contact(email="an@oost.example", name="An de Vries", organisation_id=org.id))
        s.add(Contact(email="bo@oost.example", name="Bo", organisation_id=org.id, language="en"))
        s.add(Contact(email="los@elders.example", name="", language="nl"))
        s.commit()
        assert org.id is not None
        return {"org": org.id}


def _event(engine: Engine, settings: Settings, title: str, days: int, description: str = "") -> int:
    start = utcnow() + timedelta(days=days)
    with Session(engine) as s:
        event = invitations.create_event(
            s,
            title=title,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            now=utcnow(),
            place="Dorpshuis",
            description=description,
        )
        s.commit()
        assert event.id is not None
        return event.id


def _file(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_edit_changes_a_draft_checked_as_at_create(mailer, people, tmp_path) -> None:
    cid = created(mailer("campaign", "create", "newsletter", "--subject", "Maart",
                         "--segment", "iedereen", "--json"))  # fmt: skip
    new_text = _file(tmp_path, "april.md", "## April\n\nNieuws.")
    ok(mailer("campaign", "edit", str(cid), "--subject", "April", "--content", new_text,
              "--segment", "gemeenten", "--segment", "initiatieven"))  # fmt: skip
    shown = show(mailer, cid)
    assert shown["subject"] == "April" and shown["segments"] == ["gemeenten", "initiatieven"]
    refused(mailer("campaign", "edit", str(cid), "--segment", "bestaat-niet"), "bestaat-niet")
    refused(mailer("campaign", "edit", str(cid), "--subject", "Regel\r\nBcc: x@y.example"))
    refused(mailer("campaign", "edit", str(cid)), "Niets te wijzigen")
    assert show(mailer, cid)["segments"] == ["gemeenten", "initiatieven"]  # nothing half-done
    ok(mailer("campaign", "schedule", str(cid), "--at", "2031-07-01 09:00"))
    ok(mailer("campaign", "edit", str(cid), "--subject", "Juli"))  # scheduled: still editable
    assert show(mailer, cid) | {"subject": "Juli", "status": "scheduled"} == show(mailer, cid)
    ok(mailer("campaign", "cancel", str(cid)))
    refused(mailer("campaign", "edit", str(cid), "--subject", "Te laat"), "geannuleerd", "concept")


def test_a_missing_segment_is_refused_at_create_schedule_and_send(mailer, engine, people) -> None:
    refused(mailer("campaign", "create", "newsletter", "--subject", "N", "--segment", "oost"),
            "'oost'", "bestaat niet")  # fmt: skip
    ok(mailer("segments", "create", "oost", "--tag", "vervoer"))
    cid = created(mailer("campaign", "create", "newsletter", "--subject", "N",
                         "--segment", "oost", "--json"))  # fmt: skip
    with Session(engine) as s:  # gone behind the CLI's back (the CLI itself refuses, below)
        delete_segment(s, "oost")
        s.commit()
    refused(mailer("campaign", "schedule", str(cid), "--at", "2031-07-01 09:00"), "'oost'")
    refused(mailer("campaign", "send", str(cid)), "'oost'")
    assert show(mailer, cid)["status"] == "draft"


def test_deleting_a_segment_a_waiting_campaign_uses_is_refused(mailer, people) -> None:
    ok(mailer("segments", "create", "oost", "--tag", "vervoer"))
    ok(mailer("segments", "create", "west", "--tag", "welzijn"))
    draft = created(mailer("campaign", "create", "newsletter", "--subject", "N",
                           "--segment", "oost", "--json"))  # fmt: skip
    planned = created(mailer("campaign", "create", "newsletter", "--subject", "N",
                             "--segment", "oost", "--segment", "west", "--json"))  # fmt: skip
    ok(mailer("campaign", "schedule", str(planned), "--at", "2031-07-01 09:00"))
    ok(mailer("campaign", "pause", str(planned)))  # paused before it started: still waiting
    assert show(mailer, planned)["note"] == "gepauzeerd door de coördinator"  # a stored code
    refused(mailer("segments", "delete", "oost"), f"{draft}, {planned}")
    refused(mailer("segments", "delete", "west"), str(planned))
    ok(mailer("campaign", "cancel", str(draft)))
    refused(mailer("campaign", "edit", str(planned), "--segment", "west"), "gepauzeerd")
    ok(mailer("campaign", "resume", str(planned)))  # back to scheduled: editable again
    ok(mailer("campaign", "edit", str(planned), "--segment", "west"))
    assert "verwijderd" in ok(mailer("segments", "delete", "oost"))


def test_an_invitation_for_a_missing_event_is_one_sentence(mailer) -> None:
    done = mailer("campaign", "create", "invitation", "--event", "99", "--subject", "Kom",
                  "--segment", "iedereen")  # fmt: skip
    refused(done, "Bijeenkomst 99 bestaat niet")
    english = mailer("campaign", "create", "invitation", "--event", "99", "--subject", "Kom",
                     "--segment", "iedereen", extra={"MAILER_LANGUAGE": "en"})  # fmt: skip
    refused(english, "Event 99 does not exist")


def test_a_programme_goes_to_the_registered_without_a_segment(
    mailer, engine, settings, people
) -> None:
    event = _event(engine, settings, "Netwerkmiddag", days=20)
    with Session(engine) as s:
        invitations.set_rsvp(
            s, event, people["org"], status=RsvpStatus.ATTENDING, now=utcnow(),
            attendees=[{"name": "Cas", "email": "cas@oost.example"}],
        )  # fmt: skip
        s.commit()
    refused(mailer("campaign", "create", "programme", "--event", str(event), "--subject", "P",
                   "--segment", "iedereen"), "--segment")  # fmt: skip
    cid = created(mailer("campaign", "create", "programme", "--event", str(event),
                         "--subject", "Programma", "--json"))  # fmt: skip
    assert show(mailer, cid)["audience"] == "registered"
    ok(mailer("campaign", "send", str(cid)))
    assert [m["To"].addresses[0].addr_spec for m in messages(settings.maildir)] == [
        "cas@oost.example"
    ]


def _html(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_the_agenda_is_chosen_and_says_how_to_take_part(
    mailer, engine, settings, people, tmp_path
) -> None:
    invited = _event(engine, settings, "Regiotafel", days=30)
    signup = "Aanmelden via https://pleinpost.example/open-dag."
    open_event = _event(engine, settings, "Open dag", days=40, description=signup)
    quiet = _event(engine, settings, "Stille wandeling", days=50)
    unchosen = _event(engine, settings, "Niet gekozen", days=10)
    ok(mailer("campaign", "create", "invitation", "--event", str(invited), "--subject", "Kom",
              "--segment", "iedereen"))  # fmt: skip
    cid = created(mailer("campaign", "create", "newsletter", "--subject", "Nieuws",
                         "--segment", "iedereen", "--agenda", str(quiet), "--agenda",
                         str(open_event), "--agenda", str(invited), "--json"))  # fmt: skip
    ok(mailer("campaign", "preview", str(cid), "--out", str(tmp_path / "p")))
    html = _html(tmp_path / "p" / f"campaign-{cid}.nl.html")
    assert html.index("Regiotafel") < html.index("Open dag") < html.index("Stille wandeling")
    assert "Niet gekozen" not in html
    assert html.count("Op uitnodiging: u ontvangt een uitnodiging per e-mail.") == 1
    assert 'href="https://pleinpost.example/open-dag"' in html
    refused(mailer("campaign", "edit", str(cid), "--agenda", "999"), "Bijeenkomst 999")
    ok(mailer("campaign", "edit", str(cid), "--no-agenda"))
    ok(mailer("campaign", "preview", str(cid), "--out", str(tmp_path / "q")))
    html = _html(tmp_path / "q" / f"campaign-{cid}.nl.html")
    assert "Agenda" not in html and "Regiotafel" not in html and str(unchosen)


def _sent(settings: Settings) -> dict[str, EmailMessage]:
    return {m["To"].addresses[0].addr_spec: m for m in messages(settings.maildir)}


def _text(msg: EmailMessage) -> str:
    return msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_one_language_per_mail(mailer, settings, people, tmp_path) -> None:
    dutch = _file(tmp_path, "nl.md", "## Buurtbus\n\nDe buurtbus rijdt.")
    english = _file(tmp_path, "en.md", "## Bus\n\nThe bus runs.")
    no_subject = mailer("campaign", "create", "newsletter", "--subject", "Nieuws", "--segment",
                        "iedereen", "--content", dutch, "--content-en", english)  # fmt: skip
    refused(no_subject, "--subject-en")
    both = created(mailer("campaign", "create", "newsletter", "--subject", "Nieuws",
                          "--subject-en", "News", "--segment", "iedereen", "--content", dutch,
                          "--content-en", english, "--json"))  # fmt: skip
    written = ok(mailer("campaign", "preview", str(both), "--out", str(tmp_path / "p"))).split()
    assert sorted(Path(p).name for p in written if p.endswith(".eml")) == [
        f"campaign-{both}.en.eml", f"campaign-{both}.nl.eml"
    ]  # fmt: skip
    ok(mailer("campaign", "send", str(both)))
    got = _sent(settings)
    assert got["bo@oost.example"]["Subject"] == "News"
    assert "The bus runs." in _text(got["bo@oost.example"])
    assert "Unsubscribe" in _text(got["bo@oost.example"])
    assert "De buurtbus rijdt." in _text(got["an@oost.example"])
    for path in (settings.maildir / "new").iterdir():
        path.unlink()
    dutch_only = created(mailer("campaign", "create", "newsletter", "--subject", "Alleen NL",
                                "--segment", "iedereen", "--content", dutch, "--json"))  # fmt: skip
    ok(mailer("campaign", "send", str(dutch_only)))
    bo = _sent(settings)["bo@oost.example"]
    text = _text(bo)
    assert bo["Subject"] == "Alleen NL" and "De buurtbus rijdt." in text
    assert "Afmelden voor deze berichten" in text and "Unsubscribe" not in text  # a Dutch frame
    assert "Beste Bo," in text
    assert "Goedendag," in _text(_sent(settings)["los@elders.example"])


def test_campaign_test_sends_every_language_and_fails_loudly(
    mailer, settings, people, tmp_path
) -> None:
    english = _file(tmp_path, "en.md", "Hello.")
    cid = created(mailer("campaign", "create", "newsletter", "--subject", "Nieuws",
                         "--subject-en", "News", "--content", _file(tmp_path, "nl.md", "Hallo."),
                         "--content-en", english, "--segment", "iedereen", "--json"))  # fmt: skip
    ok(mailer("campaign", "test", str(cid), "--to", "coordinator@example.nl"))
    subjects = sorted(str(m["Subject"]) for m in messages(settings.maildir))
    assert subjects == ["[TEST en] News", "[TEST nl] Nieuws"]
    assert show(mailer, cid)["status"] == "draft"
    closed = {"MAILER_TRANSPORT": "smtp", "MAILER_SMTP_URL": "smtp://127.0.0.1:9?timeout=5"}
    done = mailer("campaign", "test", str(cid), "--to", "coordinator@example.nl", extra=closed)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "mailer check" in done.stderr  # the warning about unsafe settings came first
    assert "niet verstuurd" in done.stderr
