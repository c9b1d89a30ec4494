"""`mailer inbound show` lists the answers of a message: sent, waiting, or held back and why."""

from __future__ import annotations

from sqlmodel import Session, select

from mailer.inbound import queue, runs
from mailer.inbound.models import InboundMessage
from mailer.tokens import reply_address
from tests.inbound.builders import invited, mail


def _details(engine) -> list[dict]:
    with Session(engine) as s:
        ids = s.exec(select(InboundMessage.id).order_by(InboundMessage.id)).all()
        return [queue.detail(s, i) for i in ids]


def test_sent_and_held_answers_are_shown_with_the_reason(engine, settings, tmp_path, english):
    net = invited(engine, settings)
    to = reply_address(settings, net.delivery)
    first, second = tmp_path / "1.eml", tmp_path / "2.eml"
    first.write_bytes(mail(to=to, body="Wij komen met Anna de Vries.\n", number=1))
    # the same sender again within the hour: applied, but no second automatic answer
    second.write_bytes(mail(to=to, body="Wij komen met Anna de Vries en Jan Bakker.\n", number=2))
    runs.import_paths(engine, settings, [first, second])
    one, two = _details(engine)

    [sent] = one["answers"]
    assert (sent["template"], sent["state"], sent["state_text"]) == ("confirmation", "sent", "sent")
    assert sent["to"] == net.contact_email and sent["sent_at"]
    [held] = two["answers"]
    assert (held["state"], held["reason"]) == ("held", "rate:one-per-hour")
    assert held["state_text"] == "held back"
    assert held["reason_text"] == (
        "this sender already got an answer about this event within the hour"
    )


def test_a_message_without_answers_shows_an_empty_list(engine, settings, tmp_path):
    invited(engine, settings)
    path = tmp_path / "vraag.eml"
    path.write_bytes(mail(sender="wie@gmail.com", body="Waar kan ik parkeren?", number=3))
    runs.import_paths(engine, settings, [path])
    [shown] = _details(engine)
    assert shown["answers"] == []


def test_unknown_reasons_and_states_are_shown_as_stored() -> None:
    outcome = {
        "answers": [{"template": "forward", "to": "c@x", "state": "failed", "reason": "550"}]
    }
    [answer] = queue.answers_of(outcome)
    assert (answer["state"], answer["reason_text"]) == ("failed", "550")
    assert queue.answers_of(None) == [] and queue.answers_of({"answers": "kapot"}) == []
