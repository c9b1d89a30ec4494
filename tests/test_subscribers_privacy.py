from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlmodel import Session

from mailer.campaigns import Campaign
from mailer.outbox import Delivery
from subscribers.errors import UnknownContact
from subscribers.models import Contact, Organisation, Suppression
from subscribers.privacy import email_hash, forget, is_suppressed, person_record, suppressed_hashes


@pytest.fixture
def person(engine):
    with Session(engine) as s:
        org = Organisation(name="Plusbus Beekdal", kind="initiative", region="Noord")
        s.add(org)
        s.flush()
        ann = Contact(email="ann@x.example", name="Ann Akkerman", organisation_id=org.id)
        other = Contact(email="bob@x.example", name="Bob")
        s.add_all([ann, other])
        s.flush()
        camp = Campaign(subject="Nieuwsbrief")
        s.add(camp)
        s.flush()
        for c in (ann, other):
            s.add(
                Delivery(
                    campaign_id=camp.id,
                    contact_id=c.id,
                    email=c.email,
                    name=c.name,
                )
            )
        s.commit()
    return engine


def test_hash_is_of_the_normalised_address_and_not_the_address():
    assert email_hash(" ANN@X.example ") == email_hash("ann@x.example")
    assert email_hash("ann@x.example") != email_hash("bob@x.example")
    assert "ann" not in email_hash("ann@x.example") and len(email_hash("a@x.nl")) == 64


def test_show_lists_everything_stored_including_other_tables(person):
    with Session(person) as s:
        record = person_record(s, "Ann@X.example")
    assert record["contact"]["name"] == "Ann Akkerman"
    assert record["contact"]["organisation"]["name"] == "Plusbus Beekdal"
    assert [d["email"] for d in record["related"]["delivery"]] == ["ann@x.example"]
    assert record["suppressed"] is False
    with Session(person) as s, pytest.raises(UnknownContact, match="Niets opgeslagen"):
        person_record(s, "nobody@x.example")


def test_forget_erases_everywhere_and_keeps_only_a_hash(person):
    with Session(person) as s:
        done = forget(s, "ann@x.example")
        s.commit()
    assert done["contact_deleted"] and done["scrubbed"] == {"delivery": 1}
    with Session(person) as s:
        assert s.execute(select(Contact.email)).scalars().all() == ["bob@x.example"]
        rows = {
            f"t{i}": d
            for i, d in enumerate(s.execute(select(Delivery).order_by(Delivery.id)).scalars())
        }
        assert rows["t0"].email.endswith("@erased.invalid") and rows["t0"].name == ""
        assert rows["t0"].contact_id is None
        assert (rows["t1"].email, rows["t1"].name) == ("bob@x.example", "Bob")
        stored = s.execute(select(Suppression)).scalars().all()
        assert [x.email_hash for x in stored] == [email_hash("ann@x.example")]
        assert is_suppressed(s, "ANN@x.example") and not is_suppressed(s, "bob@x.example")
        assert suppressed_hashes(s) == {email_hash("ann@x.example")}
        # nothing readable is left about her anywhere
        record = person_record(s, "ann@x.example")
        assert record == {
            "email": "ann@x.example",
            "contact": None,
            "suppressed": True,
            "related": {},
        }


def test_forget_keeps_the_status_as_the_reason_and_is_repeatable(person):
    with Session(person) as s:
        s.execute(select(Contact)).scalars().first().status = "bounced"
        s.commit()
        forget(s, "ann@x.example")
        s.commit()
        again = forget(s, "ann@x.example")
        s.commit()
        assert again["contact_deleted"] is False
        reasons = s.execute(select(Suppression.reason)).scalars().all()
        assert len(reasons) == 1 and reasons[0].startswith("bounced")
    with Session(person) as s, pytest.raises(UnknownContact):
        forget(s, "nobody@x.example")
