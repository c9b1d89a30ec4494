from __future__ import annotations

import json
import re
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, text
from sqlmodel import Session

from mailer.campaigns import Campaign
from mailer.db import metadata
from mailer.inbound.match import Match
from mailer.inbound.models import InboundMessage, InboundRaw, MatchRule
from mailer.invitations.rsvp import Rsvp, RsvpChange
from mailer.outbox import AudienceRow, Delivery, DeliveryStatus
from mailer.outbox import snapshot as outbox_snapshot
from mailer.tracking.models import ProviderEvent, WebhookBody
from subscribers import privacy
from subscribers.errors import UnknownContact
from subscribers.models import Contact, Organisation, Suppression
from subscribers.privacy import (
    EXEMPT,
    PLACES,
    SuppressionList,
    email_hash,
    forget,
    is_suppressed,
    person_record,
    places_for,
    suppress,
    suppressed_hashes,
)
from subscribers.sqltypes import utcnow
from tests.factories import send_once
from tests.inbound.apply_support import matched, reply, run
from tests.inbound.builders import invited


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


# ---------------------------------------------------------------- where personal data lives

PERSONAL_LOOKING = re.compile(r"email|name|raw|attendee|from|body|payload|data|address|reading")


def test_every_table_with_personal_looking_columns_is_listed_or_exempted():
    tables = metadata().tables
    suspicious = {
        name
        for name, table in tables.items()
        if any(PERSONAL_LOOKING.search(c.name) for c in table.columns)
    }
    missing = [t for t, place in places_for(suspicious).items() if not place]
    assert missing == [], f"add these tables to subscribers.privacy.PLACES or EXEMPT: {missing}"
    for place in PLACES:  # the list stays true to the schema
        assert place.table in tables, place.table
        assert set(place.columns) <= set(tables[place.table].columns.keys()), place.table
    assert not {p.table for p in PLACES} & set(EXEMPT)


def test_the_list_check_can_fail():
    assert places_for(["contact", "new_table_with_emails"]) == {
        "contact": "listed",
        "new_table_with_emails": "",
    }


@pytest.fixture
def replied(engine, settings):
    """Anna answered an invitation (applied), sent one message now in review, and is named
    in a colleague's answer and in a provider's webhook."""
    net = invited(engine, settings)
    names = [("Anna de Vries", "anna@buurtbus.example"), ("Jan Bakker", "jan@buurtbus.example")]
    applied = run(engine, settings, reply(names=names), matched(net))
    review = run(engine, settings, reply(confidence=0.1), matched(net), now=utcnow())
    colleague = run(
        engine,
        settings,
        reply(names=[("Anna de Vries", "anna@buurtbus.example")], addition=True),
        Match(MatchRule.DOMAIN, event_id=net.event, organisation_id=net.organisation),
        sender="els@buurtbus.example",
        now=utcnow() + timedelta(hours=2),
    )
    with Session(engine) as s:
        body = WebhookBody(source="sendgrid-events", body='[{"email": "Anna@buurtbus.example"}]')
        s.add(body)
        s.flush()
        s.add(
            ProviderEvent(
                provider="sendgrid",
                event_id="e1",
                kind="delivered",
                provider_kind="delivered",
                email="anna@buurtbus.example",
                body_id=body.id,
                payload={"email": "anna@buurtbus.example"},
            )
        )
        s.commit()
    return net, applied.id, review.id, colleague.id


def test_forget_erases_raw_mail_review_items_attendees_and_webhooks(engine, replied):
    _net, applied, review, colleague = replied
    with Session(engine) as s:
        assert person_record(s, "anna@buurtbus.example")["related"]["inbound_message"]
        done = forget(s, "anna@buurtbus.example")
        s.commit()
    assert (done["scrubbed"]["rsvp"], done["scrubbed"]["rsvp_change"]) == (1, 1)
    assert done["scrubbed"]["webhook_body"] == 1
    with Session(engine) as s:
        assert s.get(InboundMessage, review) is None  # the review item is gone
        assert s.get(InboundRaw, applied) is None  # so is the raw mail she sent
        kept = s.get(InboundMessage, applied)
        assert kept is not None and kept.from_address == "" and kept.reading is None
        assert kept.outcome == {"action": "rsvp", "erased": True}
        other = s.get(InboundMessage, colleague)
        assert other is not None and s.get(InboundRaw, colleague) is not None  # not hers
        assert "anna@buurtbus.example" not in str(other.reading) + str(other.outcome)
        rsvp = s.execute(select(Rsvp)).scalars().one()
        assert rsvp.attendees[0] == {"name": "", "email": None}  # the place stays, unnamed
        assert rsvp.attendees[1]["name"] == "Jan Bakker"
        for change in s.execute(select(RsvpChange)).scalars().all():
            assert all(a.get("email") != "anna@buurtbus.example" for a in change.attendees)
            assert all(a.get("name") != "Anna de Vries" for a in change.attendees)
        event = s.execute(select(ProviderEvent)).scalars().one()
        assert (event.email, event.payload) == (None, {})
        assert "anna@" not in s.execute(select(WebhookBody)).scalars().one().body.lower()
        record = person_record(s, "anna@buurtbus.example")
        assert record["related"] == {} and record["contact"] is None


def test_forget_skips_a_queued_delivery_and_never_sends_to_the_erased_address(
    engine, settings, person
):
    with Session(engine) as s:
        camp = s.execute(select(Campaign)).scalars().one()
        camp.status = "sending"
        s.add(camp)
        s.commit()
        forget(s, "ann@x.example")
        s.commit()
    with Session(engine) as s:
        ann = s.execute(select(Delivery).order_by(Delivery.id)).scalars().first()
        assert ann is not None and ann.status == DeliveryStatus.SKIPPED.value
        assert ann.reason == "pp:suppressed"
    send_once(engine, settings, utcnow())
    maildir = settings.maildir
    sent = [p.read_bytes() for p in maildir.rglob("*") if p.is_file()]
    assert len(sent) == 1 and b"bob@x.example" in sent[0]
    assert not any(b"erased.invalid" in m for m in sent)


def test_the_suppression_hash_is_keyed_by_the_installation_secret():
    keyed = email_hash("ann@x.example", "geheim")
    assert keyed != email_hash("ann@x.example") and keyed != email_hash("ann@x.example", "ander")
    assert keyed == email_hash(" ANN@X.example ", "geheim") and len(keyed) == 64


def test_old_hashes_are_recognised_and_rewritten_keyed(engine):
    with Session(engine) as s:
        suppress(s, "old@x.example", "erased")  # stored the old way
        suppress(s, "new@x.example", "erased", "geheim")
        s.commit()
        assert email_hash("new@x.example", "geheim") in suppressed_hashes(s)
        assert email_hash("new@x.example") not in suppressed_hashes(s)
        listing = SuppressionList(s, "geheim")
        assert "old@x.example" in listing and "NEW@x.example" in listing
        assert "bob@x.example" not in listing
        assert is_suppressed(s, "old@x.example", "geheim")  # recognised, and upgraded
        s.commit()
        assert email_hash("old@x.example", "geheim") in suppressed_hashes(s)
        assert email_hash("old@x.example") not in suppressed_hashes(s)
        assert not suppress(s, "old@x.example", "again", "geheim")


def test_the_canonical_check_agrees_with_the_general_one_in_both_stored_forms(engine):
    """``holds`` (the snapshot's and the import's per-row check) skips normalising and
    reuses hash states; it must find exactly what ``in`` finds, keyed and legacy."""
    with Session(engine) as s:
        suppress(s, "old@x.example", "erased")  # the old, unkeyed form
        suppress(s, "new@x.example", "erased", "geheim")
        s.commit()
        listing = SuppressionList(s, "geheim")
        unkeyed = SuppressionList(s)
    for address in ("old@x.example", "new@x.example", "bob@x.example", "née@x.example"):
        assert listing.holds(address) == (address in listing)
        assert unkeyed.holds(address) == (address in unkeyed)
    assert listing.holds("old@x.example") and listing.holds("new@x.example")
    assert not listing.holds("bob@x.example")
    assert unkeyed.holds("old@x.example") and not unkeyed.holds("new@x.example")


def test_show_includes_inbound_mail_and_attendee_entries(engine, replied):
    with Session(engine) as s:
        record = person_record(s, "anna@buurtbus.example")
    assert set(record["related"]) >= {"delivery", "inbound_message", "rsvp", "rsvp_change"}
    assert "inbound_raw" not in record["related"]


def test_contacts_forget_through_the_command_erases_inbound_mail(mailer, engine, replied):
    _net, applied, review, _colleague = replied
    done = mailer("contacts", "forget", "anna@buurtbus.example", "--yes", "--json")
    assert done.returncode == 0, done.stderr
    scrubbed = json.loads(done.stdout)["scrubbed"]
    assert scrubbed["inbound_message"] >= 2 and scrubbed["rsvp"] == 1
    with Session(engine) as s:
        assert s.get(InboundMessage, review) is None and s.get(InboundRaw, applied) is None


def test_an_erasure_waits_for_a_snapshot_that_read_the_person_first(person, settings, is_postgres):
    """PostgreSQL: a snapshot has read Ann into its audience and not committed yet when
    her erasure starts. The erasure must wait and then blank the row the snapshot made;
    without that the row would commit after the erasure, queued, and mail her."""
    if not is_postgres:
        pytest.skip("SQLite has one writer: the later transaction fails instead of racing")
    engine = person
    snapshotting = Session(engine)
    camp = Campaign(subject="Nieuwsbrief 2")
    snapshotting.add(camp)
    snapshotting.flush()
    camp_id = camp.id
    ann = snapshotting.exec(select(Contact).where(Contact.email == "ann@x.example")).scalar_one()
    row = AudienceRow(ann.id, ann.email, ann.name, "nl", ann.organisation_id)
    outbox_snapshot(snapshotting, camp_id, settings, [row])  # takes the shared lock
    done = threading.Event()

    def erase() -> None:
        with Session(engine) as s:
            forget(s, "ann@x.example", settings.secret())
            s.commit()
        done.set()

    eraser = threading.Thread(target=erase)
    eraser.start()
    with engine.connect() as watch:  # the erasure is queued behind the snapshot, or done
        waiting = text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
        while not done.is_set() and not watch.execute(waiting).scalar_one():
            done.wait(0.02)
    snapshotting.commit()
    snapshotting.close()
    eraser.join(60)  # a safety net only: it returns as soon as the erasure is done
    assert done.is_set()
    with Session(engine) as s:
        made = s.exec(select(Delivery).where(Delivery.campaign_id == camp_id)).scalars().all()
        assert [(d.status, d.email.endswith("@erased.invalid")) for d in made] == [
            ("skipped", True)
        ]


# ---------------------------------------------------------------- finding a person's deliveries


def _campaign_with(s: Session, subject: str, *addresses: str) -> int:
    camp = Campaign(subject=subject)
    s.add(camp)
    s.flush()
    s.add_all(Delivery(campaign_id=camp.id, email=a, contact_id=None) for a in addresses)
    return camp.id


def test_deliveries_made_from_a_file_are_found_and_erased_by_address_alone(person):
    """Rows without a contact (a file audience, or a contact erased before) are found
    by address in every campaign, through the per-campaign index probe."""
    with Session(person) as s:
        _campaign_with(s, "Uitnodiging", "ann@x.example", "carl@x.example")
        _campaign_with(s, "Herinnering", "carl@x.example", "ann@x.example")
        s.commit()
        found = person_record(s, "ann@x.example")["related"]["delivery"]
        assert len(found) == 3  # the newsletter (by contact) and both file campaigns
        assert forget(s, "ann@x.example")["scrubbed"] == {"delivery": 3}
        s.commit()
        left = s.execute(select(Delivery.email).order_by(Delivery.id)).scalars().all()
    assert sum(e.endswith("@erased.invalid") for e in left) == 3
    assert left.count("carl@x.example") == 2 and "ann@x.example" not in left


def test_a_persons_deliveries_are_looked_up_by_index_not_by_reading_the_outbox(person, is_postgres):
    """The outbox has no index on the address alone (it would cost every snapshot row):
    the lookup must still use an index on both databases, even inside the OR with
    the contact id (a plain IN (subquery) reads the whole table on PostgreSQL)."""
    delivery = metadata().tables["delivery"]
    with Session(person) as s:  # Ann has a contact: her rows are by contact id OR address
        ann = privacy._person(s, "ann@x.example")
    about_ann = select(delivery.c.id).where(privacy._own_rows(delivery, ann))
    with person.connect() as conn:
        if is_postgres:
            conn.execute(text("SET LOCAL enable_seqscan = off"))
            sql = about_ann.compile(conn, compile_kwargs={"literal_binds": True})
            plan = "\n".join(conn.execute(text(f"EXPLAIN {sql}")).scalars())
            assert "Seq Scan on delivery" not in plan, plan
            probe = "Index Cond: ((campaign_id = ANY ($0)) AND ((email)::text = 'ann@x.example'"
            assert probe in plan, plan
        else:
            sql = about_ann.compile(conn, compile_kwargs={"literal_binds": True})
            plan = "\n".join(r[-1] for r in conn.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
            assert "SCAN delivery" not in plan and "SEARCH delivery" in plan, plan
