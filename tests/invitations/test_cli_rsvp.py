"""`mailer rsvp list`: every invited organisation, answered or not, as JSON, CSV and XLSX."""

from __future__ import annotations

import csv
import json
import stat

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, col, select

from mailer.inbound.match import Match
from mailer.inbound.models import MatchRule
from mailer.invitations import RsvpStatus, set_rsvp
from mailer.invitations.rsvp import RsvpChange
from subscribers.models import Organisation
from subscribers.sqltypes import utcnow
from tests.inbound.apply_support import matched, reply, run
from tests.inbound.builders import invited


@pytest.fixture
def board(engine, settings):
    """Anna's organisation answered with three names (cap 2), Zuid did not answer but has a
    message in review, and a third organisation was registered by hand."""
    net = invited(engine, settings)
    run(engine, settings, reply(names=["Anna de Vries", "Jan Bakker", "Els de Boer"]), matched(net))
    other = Match(MatchRule.CONTACT, event_id=net.event, organisation_id=net.other_organisation)
    run(engine, settings, reply(confidence=0.2), other, sender="piet@zuid.example")
    with Session(engine) as s:
        hand = Organisation(name='=HYPERLINK("http://x")', kind="initiative")
        s.add(hand)
        s.flush()
        set_rsvp(
            s,
            net.event,
            hand.id,
            status=RsvpStatus.ATTENDING,
            now=utcnow(),
            attendees=[
                {"name": "@SUM(1+1)", "email": None},
                {"name": "+31 6 123", "email": "plus@hand.example"},
            ],
        )
        s.commit()
    return net


def test_json_lists_every_invited_organisation_in_the_issue_shape(mailer, board):
    done = mailer("rsvp", "list", str(board.event), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["event"] == board.event
    by_name = {r["organisation"]: r for r in data["rsvps"]}
    assert list(by_name) == sorted(by_name, key=str.casefold)
    bus = by_name["Buurtbus Testdorp"]
    assert set(bus) == {
        "organisation",
        "status",
        "attendees",
        "refused",
        "late",
        "source",
        "answered_at",
        "review",
    }
    assert (bus["status"], bus["source"], bus["late"], bus["review"]) == (
        "attending",
        "reply",
        False,
        False,
    )
    assert bus["attendees"] == [
        {"name": "Anna de Vries", "email": None},
        {"name": "Jan Bakker", "email": None},
    ]
    assert bus["refused"] == [{"name": "Els de Boer", "email": None}]
    assert bus["answered_at"] is not None
    zuid = by_name["Vervoersdienst Zuid"]
    assert (zuid["status"], zuid["attendees"], zuid["review"], zuid["answered_at"]) == (
        "no_response",
        [],
        True,
        None,
    )
    assert by_name['=HYPERLINK("http://x")']["source"] == "manual"


def test_the_table_shows_answers_and_notes(mailer, board):
    done = mailer("rsvp", "list", str(board.event), LANGUAGE="en", MAILER_LANGUAGE="en")
    assert done.returncode == 0, done.stderr
    assert "Buurtbus Testdorp" in done.stdout and "Els de Boer" in done.stdout


def test_csv_is_private_complete_and_cannot_run_formulas(mailer, board, tmp_path):
    out = tmp_path / "deur.csv"
    done = mailer("rsvp", "list", str(board.event), "--format", "csv", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert not list(tmp_path.glob(".deur.csv.*"))  # no temporary file left
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    names = [(r["organisation"], r["status"], r["name"]) for r in rows]
    assert ("Buurtbus Testdorp", "refused", "Els de Boer") in names
    assert ("Vervoersdienst Zuid", "no_response", "") in names
    hand = [r for r in rows if "HYPERLINK" in r["organisation"]]
    assert {r["organisation"] for r in hand} == {'\'=HYPERLINK("http://x")'}
    assert {r["name"] for r in hand} == {"'@SUM(1+1)", "'+31 6 123"}


def test_xlsx_cells_are_strings_and_neutralised(mailer, board, tmp_path):
    out = tmp_path / "deur.xlsx"
    done = mailer("rsvp", "list", str(board.event), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    sheet = load_workbook(out).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type == "s" for c in cells)
    values = {c.value for c in cells}
    assert '\'=HYPERLINK("http://x")' in values and "'@SUM(1+1)" in values
    assert not any(str(v).startswith(("=", "@", "+")) for v in values)


def test_usage_and_unknown_events(mailer, board, tmp_path):
    assert mailer("rsvp", "list", str(board.event), "--format", "csv").returncode == 2
    bad = mailer("rsvp", "list", str(board.event), "--out", str(tmp_path / "x.pdf"))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    missing = mailer("rsvp", "list", "999", "--json")
    assert missing.returncode == 1 and "999" in (missing.stdout + missing.stderr)
    assert "Traceback" not in missing.stderr


def test_event_show_and_timeline_count_answered_not_answered_and_in_review(mailer, board):
    shown = mailer("event", "show", str(board.event), "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["answers"] == {"answered": 2, "not_answered": 1, "in_review": 1}
    assert data["attending"] == 4
    shown_text = mailer("event", "show", str(board.event), MAILER_LANGUAGE="en")
    assert shown_text.returncode == 0 and "Organisations answered: 2" in shown_text.stdout
    text = mailer("event", "timeline", str(board.event), MAILER_LANGUAGE="en")
    assert text.returncode == 0, text.stderr
    assert "not answered: 1 (the reminders go to these); in review: 1" in " ".join(
        text.stdout.split()
    )


def test_rsvp_set_records_attending_maybe_and_declined_by_hand(mailer, board, engine):
    event, org = str(board.event), str(board.other_organisation)
    assert mailer("rsvp", "set", event, org).returncode == 1  # no answer chosen
    both = mailer("rsvp", "set", event, org, "--maybe", "--declined")
    assert both.returncode == 1 and "--maybe" in both.stderr
    sure = mailer(
        "rsvp", "set", event, org, "--attending", "Piet Zand <piet@zuid.example>", "--json"
    )
    assert json.loads(sure.stdout)["status"] == "attending"
    assert json.loads(mailer("rsvp", "set", event, org, "--maybe", "--json").stdout) == {
        "id": json.loads(sure.stdout)["id"],
        "status": "maybe",
        "attendees": [],
        "late": False,
    }
    listed = json.loads(mailer("rsvp", "list", event, "--json").stdout)["rsvps"]
    [zuid] = [r for r in listed if r["status"] == "maybe"]
    assert zuid["source"] == "manual"
    assert mailer("rsvp", "set", event, org, "--declined").stdout.strip() == "Vastgelegd: komt niet"
    with Session(engine) as s:
        history = [c.status for c in s.exec(select(RsvpChange).order_by(col(RsvpChange.id)))]
    assert history[-3:] == ["attending", "maybe", "declined"]
