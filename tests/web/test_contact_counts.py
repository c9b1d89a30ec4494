"""The contacts pages' numbers, in-process: search totals and the segments' counts.

The search counts only when its rows do not tell the total, and a segment's
total comes from ``segments.tally`` with the status filter folded into the
rule; the segments page counts every segment in one tally. These check that
the numbers shown stay the contacts there are.
"""

from __future__ import annotations

import pytest
from sqlalchemy import insert
from sqlmodel import Session

from mailer.web.contacts import PAGE_SIZE, Search, search
from mailer.web.segment_pages import rule_count, segment_rows
from subscribers.errors import UnknownSegment
from subscribers.models import Contact, Organisation
from subscribers.segments import Rule, audience, count, save_segment

TOWN_CONTACTS = PAGE_SIZE + 12


@pytest.fixture
def people(engine):
    """A town with 62 contacts (every seventh bounced), a club with 3, one without organisation."""
    with Session(engine) as s:
        town = Organisation(name="Gemeente Testdorp", kind="municipality", region="Noord")
        club = Organisation(name="Buurtclub", kind="other")
        s.add_all([town, club])
        s.flush()
        rows = [
            {
                "email": f"t{i}@town.example",
                "name": f"Inwoner {i}",
                "organisation_id": town.id,
                "status": "bounced" if i % 7 == 0 else "active",
            }
            for i in range(TOWN_CONTACTS)
        ]
        rows += [{"email": f"c{i}@club.example", "organisation_id": club.id} for i in range(3)]
        rows.append({"email": "los@x.example", "status": "unsubscribed"})
        s.execute(insert(Contact), rows)
        save_segment(s, "actieve-gemeenten", Rule.build(kinds=["gemeente"], statuses=["actief"]))
        s.commit()
        return {"town": town.id, "club": club.id}


def found(engine, **wanted) -> tuple[int, list[str]]:
    with Session(engine) as s:
        data = search(s, Search(**wanted))
    return data["total"], [contact.email for contact, _org in data["rows"]]


def test_totals_with_and_without_a_full_page(engine, people):
    assert found(engine)[0] == TOWN_CONTACTS + 4
    total, emails = found(engine, page=1)
    assert total == TOWN_CONTACTS + 4 and len(emails) == 16  # the last page tells the total
    assert found(engine, q="club") == (3, ["c0@club.example", "c1@club.example", "c2@club.example"])
    assert found(engine, q="town", page=5) == (TOWN_CONTACTS, [])  # past the end: counted
    assert found(engine, q="nobody") == (0, [])


def test_segment_totals_fold_in_status_and_organisation(engine, people):
    bounced = len(range(0, TOWN_CONTACTS, 7))
    assert found(engine, segment="gemeenten")[0] == TOWN_CONTACTS
    assert found(engine, segment="gemeenten", status="bounced")[0] == bounced
    total, emails = found(engine, segment="gemeenten", status="active")
    assert total == TOWN_CONTACTS - bounced and len(emails) == PAGE_SIZE
    assert found(engine, segment="actieve-gemeenten")[0] == TOWN_CONTACTS - bounced
    assert found(engine, segment="actieve-gemeenten", status="bounced") == (0, [])
    assert found(engine, segment="iedereen", organisation=people["club"])[0] == 3
    assert found(engine, segment="iedereen", q="x.example")[0] == 1
    everyone, first = found(engine, segment="iedereen", q="example")
    assert everyone == TOWN_CONTACTS + 4 and first == found(engine)[1]
    with pytest.raises(UnknownSegment):
        found(engine, segment="nope")


def test_only_status_keeps_a_rule_to_one_status():
    rule = Rule.build(kinds=["gemeente"], statuses=["actief", "gebounced"])
    assert rule.only_status("bounced") == Rule(kinds=("municipality",), statuses=("bounced",))
    assert rule.only_status("unsubscribed") is None
    assert Rule().only_status("active") == Rule(statuses=("active",))


def test_segment_list_and_builder_count_what_a_campaign_reaches(engine, people):
    with Session(engine) as s:
        rows = segment_rows(s)
        assert [(r["name"], r["built_in"]) for r in rows] == [
            ("municipalities", True),
            ("initiatives", True),
            ("province", True),
            ("everyone", True),
            ("actieve-gemeenten", False),
        ]
        for row in rows:
            assert row["contacts"] == count(s, audience(s, [row["name"]])), row["name"]
        assert rows[3]["contacts"] == TOWN_CONTACTS + 4
        town = rule_count(s, Rule.build(municipalities=["Testdorp"]))
        assert town == {"total": TOWN_CONTACTS, "active": TOWN_CONTACTS - 9}
