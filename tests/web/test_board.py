# ruff: noqa: F811  (the shared dashboard fixtures are imported, and named as parameters)
"""The RSVP board on the event page: every invited organisation, editable, and the door list."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from sqlmodel import Session

from mailer.invitations import Event, set_rsvp
from mailer.invitations.rsvp import RsvpStatus, rsvp_history
from subscribers.models import Organisation
from subscribers.sqltypes import utcnow
from tests.inbound.apply_support import rsvp_of, sent_mail
from tests.inbound.builders import Invited, invited
from tests.web.dashboard_support import post, signed_in, token  # noqa: F401


@pytest.fixture
def net(engine, settings) -> Invited:
    return invited(engine, settings)


def board_path(net: Invited) -> str:
    return f"/bijeenkomsten/{net.event}/antwoorden"


def test_every_invited_organisation_is_on_the_board(signed_in, engine, net):
    with Session(engine) as s:
        set_rsvp(
            s,
            net.event,
            net.organisation,
            status=RsvpStatus.ATTENDING,
            attendees=[{"name": "Anna <b>de Vries</b>", "email": "anna@buurtbus.example"}],
            now=utcnow(),
            source="web",
        )
        s.commit()
    page = signed_in.get(f"/bijeenkomsten/{net.event}").text
    assert 'id="board"' in page
    assert "Buurtbus Testdorp" in page and "Vervoersdienst Zuid" in page  # answered or not
    assert "not answered" in page and "RSVP page" in page
    assert "Anna &lt;b&gt;de Vries&lt;/b&gt;" in page and "<b>de Vries" not in page
    assert f'href="/bijeenkomsten/{net.event}/aanwezigen.xlsx"' in page


def test_edit_a_row_as_the_coordinator(signed_in, token, engine, settings, net):
    done = post(
        signed_in,
        board_path(net),
        token,
        organisation_id=str(net.other_organisation),
        status="attending",
        attendees="Piet Jansen <piet@zuid.example>\nKees",
    )
    assert done.status_code == 303
    assert done.headers["location"] == f"/bijeenkomsten/{net.event}#antwoorden"
    other = Invited(**{**net.__dict__, "organisation": net.other_organisation})
    rsvp = rsvp_of(engine, other)
    assert (rsvp.status, rsvp.source) == ("attending", "manual")
    assert rsvp.attendees == [
        {"name": "Piet Jansen", "email": "piet@zuid.example"},
        {"name": "Kees", "email": None},
    ]
    page = signed_in.get(f"/bijeenkomsten/{net.event}").text
    assert "Piet Jansen &lt;piet@zuid.example&gt;" in page
    assert sent_mail(settings) == []  # a coordinator's edit mails nobody
    declined = post(
        signed_in,
        board_path(net),
        token,
        organisation_id=str(net.other_organisation),
        status="declined",
        attendees="",
        back="board",
    )
    assert declined.headers["location"] == f"{board_path(net)}#antwoorden"
    with Session(engine) as s:
        assert [c.status for c in rsvp_history(s, rsvp.id)] == ["attending", "declined"]


def test_over_the_cap_is_refused_with_the_numbers(signed_in, token, engine, net, english):
    refused = post(
        signed_in,
        board_path(net),
        token,
        organisation_id=str(net.organisation),
        status="attending",
        attendees="A\nB\nC",
    )
    assert refused.status_code == 400
    assert "At most 2 attendees per organisation, got 3" in refused.text
    assert rsvp_of(engine, net) is None


def test_csrf_and_log_in_are_required(signed_in, engine, net):
    data = {"organisation_id": str(net.organisation), "status": "declined"}
    assert signed_in.post(board_path(net), data=data).status_code == 403
    assert rsvp_of(engine, net) is None
    signed_in.cookies.clear()
    for path in (board_path(net), f"/bijeenkomsten/{net.event}/aanwezigen.csv"):
        answer = signed_in.get(path)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


@pytest.fixture
def answered(engine, net) -> Invited:
    """One organisation attending (a name a spreadsheet would run), the other not answered."""
    with Session(engine) as s:
        org = s.get(Organisation, net.organisation)
        org.name = '=HYPERLINK("http://x.example")'
        s.add(org)
        set_rsvp(
            s,
            net.event,
            net.organisation,
            status=RsvpStatus.ATTENDING,
            attendees=[{"name": "@Anna", "email": "anna@buurtbus.example"}, {"name": "Jan"}],
            now=utcnow(),
        )
        s.commit()
    return net


def test_the_csv_download_is_the_cli_file(signed_in, answered, mailer, tmp_path):
    got = signed_in.get(f"/bijeenkomsten/{answered.event}/aanwezigen.csv")
    assert got.status_code == 200
    assert got.headers["content-type"].startswith("text/csv")
    assert "attachment" in got.headers["content-disposition"]
    out = tmp_path / "door.csv"
    run = mailer("rsvp", "list", str(answered.event), "--format", "csv", "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert got.content == out.read_bytes()
    rows = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["organisation", "status", "name"]
    assert rows[1][0].startswith("'=HYPERLINK") and rows[1][2] == "'@Anna"  # never a formula
    assert {r[0] for r in rows[1:]} == {'\'=HYPERLINK("http://x.example")', "Vervoersdienst Zuid"}


def test_the_xlsx_download_opens_with_the_cli_rows(signed_in, answered, mailer, tmp_path):
    got = signed_in.get(f"/bijeenkomsten/{answered.event}/aanwezigen.xlsx")
    assert got.status_code == 200
    out = tmp_path / "door.xlsx"
    run = mailer("rsvp", "list", str(answered.event), "--format", "xlsx", "--out", str(out))
    assert run.returncode == 0, run.stderr
    ours = openpyxl.load_workbook(io.BytesIO(got.content)).active
    theirs = openpyxl.load_workbook(out).active
    values = [list(r) for r in ours.iter_rows(values_only=True)]
    assert values == [list(r) for r in theirs.iter_rows(values_only=True)]
    assert values[1][2] == "'@Anna"
    assert all(c.data_type == "s" for row in ours.iter_rows() for c in row if c.value is not None)


def test_a_missing_event_and_an_unknown_format(signed_in, net):
    assert signed_in.get("/bijeenkomsten/999/antwoorden").status_code == 404
    assert signed_in.get("/bijeenkomsten/999/aanwezigen.csv").status_code == 404
    assert signed_in.get(f"/bijeenkomsten/{net.event}/aanwezigen.pdf").status_code == 404


def test_the_board_page_on_its_own(signed_in, net, engine):
    page = signed_in.get(board_path(net))
    assert page.status_code == 200 and 'name="back" value="board"' in page.text
    with Session(engine) as s:
        assert s.get(Event, net.event).title in page.text
