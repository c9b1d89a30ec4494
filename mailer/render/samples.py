"""Sample data for every template and placeholder, so any template can be previewed.

The dates are fixed (not "now"), so previews and tests are reproducible.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from mailer.invitations import Event
from mailer.message import Address, Recipient
from mailer.render.compile import (
    EMAIL,
    NAME,
    ORGANISATION,
    REPLY_ADDRESS,
    RSVP_URL,
    TRACK_REF,
    UNSUBSCRIBE_URL,
)
from mailer.render.personal import phrases

_NEWSLETTER = {
    "nl": """\
## Buurtbus rijdt nu ook op zaterdag

Sinds deze maand rijdt de buurtbus tussen Oosterend en het station ook op
zaterdagochtend. Er hebben zich **zes nieuwe chauffeurs** gemeld; daardoor
kon de dienstregeling worden uitgebreid.

- vertrek ieder uur vanaf 9.00 uur
- opstappen kan met een ov-chipkaart of contant
- rolstoel mee? Bel een dag van tevoren

---

## Nieuwe gids voor vrijwilligersvervoer

Welke verzekering heeft een vrijwillige chauffeur nodig, en wat mag een rit
kosten? De nieuwe [gids voor vrijwilligersvervoer](https://pleinpost.example/gids)
zet het op een rij, met voorbeelden uit drie gemeenten.

![Een chauffeur helpt een passagier instappen](https://pleinpost.example/img/chauffeur.jpg)

---

### Kort nieuws

1. De gemeente Westerhaven zoekt een coördinator voor de boodschappendienst.
2. Het loket Vervoer op Maat is per 1 juli telefonisch beter bereikbaar.
""",
    "en": """\
## The neighbourhood bus now runs on Saturdays

Since this month the neighbourhood bus between Oosterend and the station also
runs on Saturday mornings. **Six new drivers** signed up, which made the
longer timetable possible.

- departures every hour from 9:00
- pay with a public transport card or cash
- bringing a wheelchair? Call the day before

---

## A new guide to volunteer transport

Which insurance does a volunteer driver need, and what may a ride cost? The
new [guide to volunteer transport](https://pleinpost.example/guide) sets it
out, with examples from three municipalities.

![A driver helping a passenger get in](https://pleinpost.example/img/driver.jpg)
""",
}

_INVITATION = {
    "nl": "Graag nodigen we u uit voor een middag over **vervoer in kleine kernen**: "
    "wat werkt, wat kost het en hoe houden we vrijwilligers vast? Na een korte "
    "inleiding gaan we in kleine groepen aan de slag.",
    "en": "You are warmly invited to an afternoon on **transport in small villages**: "
    "what works, what does it cost, and how do we keep our volunteers? After a short "
    "introduction we work in small groups.",
}

_PROGRAMME = {
    "nl": "- **15.00** ontvangst met koffie\n- **15.30** inleiding\n"
    "- **16.00** gesprekken in groepen\n- **16.45** afsluiting en borrel",
    "en": "- **15:00** welcome and coffee\n- **15:30** introduction\n"
    "- **16:00** group discussions\n- **16:45** closing and drinks",
}


def sample_event() -> Event:
    return Event(
        id=1,
        uid="voorbeeld-1@pleinpost",
        sequence=0,
        title="Werkmiddag Vervoer in kleine kernen",
        description="Een middag over vervoer in kleine kernen.",
        starts_at=datetime(2029, 6, 7, 13, 0, tzinfo=UTC),
        ends_at=datetime(2029, 6, 7, 15, 0, tzinfo=UTC),
        timezone="Europe/Amsterdam",
        place="Dorpshuis De Schakel",
        address="Kerkstraat 12, 9999 ZZ Oosterend",
        reply_by=datetime(2029, 5, 27, 22, 0, tzinfo=UTC),  # vóór 28 mei
        max_per_organisation=2,
    )


def _agenda(lang: str) -> list[dict[str, Any]]:
    return [
        {
            "title": sample_event().title,
            "starts_at": datetime(2029, 6, 7, 13, 0, tzinfo=UTC),
            "ends_at": datetime(2029, 6, 7, 15, 0, tzinfo=UTC),
            "place": "Oosterend",
            "invited": True,
        },
        {
            "title": "Regiotafel vrijwilligersvervoer" if lang == "nl" else "Regional round table",
            "starts_at": datetime(2029, 9, 12, 17, 30, tzinfo=UTC),
            "ends_at": datetime(2029, 9, 12, 19, 30, tzinfo=UTC),
            "place": "Westerhaven",
            "url": "https://pleinpost.example/aanmelden/regiotafel",
        },
    ]


def sample_data(template: str, language: str = "nl") -> dict[str, Any]:
    """Campaign-level data for ``template`` that exercises every placeholder."""
    event = sample_event()
    people = [
        {"name": "Anna de Jong", "email": "anna@voorbeeld.example"},
        {"name": "Karim El Idrissi", "email": None},
    ]
    org = "Stichting Welzijn Oosterend"
    data: dict[str, dict[str, Any]] = {
        "newsletter": {
            "content": _NEWSLETTER[language],
            "agenda": _agenda(language),
            "campaign_id": 1,
            "issue_label": "Juni 2029" if language == "nl" else "June 2029",
        },
        "invitation": {"content": _INVITATION[language], "event": event, "campaign_id": 2},
        "reminder": {"content": "", "event": event},
        "programme": {"content": _PROGRAMME[language], "event": event, "attendees": people},
        "confirmation": {"event": event, "attendees": people, "organisation": org},
        "cap_exceeded": {
            "event": event,
            "attendees": people,
            "refused": [{"name": "Pieter Bakker", "email": None}],
            "organisation": org,
        },
        "late_reply": {"event": event, "organisation": org},
        "decline_ack": {"event": event, "organisation": org},
        "unsubscribe_confirmed": {},
        # an event moved (a week later, another place) and one cancelled: mailer/event_edit.py
        "update": {
            "event": event,
            "previous": {
                "title": event.title,
                "starts_at": datetime(2029, 5, 31, 13, 0, tzinfo=UTC),
                "ends_at": datetime(2029, 5, 31, 15, 0, tzinfo=UTC),
                "place": "Café De Zwaan",
                "address": "Brink 3, 9999 ZZ Oosterend",
                "timezone": "Europe/Amsterdam",
            },
        },
        "cancellation": {
            "event": event,
            "content": "Er hadden zich te weinig organisaties aangemeld."
            if language == "nl"
            else "Too few organisations had signed up.",
        },
    }
    return data[template]


def sample_recipient(
    language: str = "nl",
    email: str = "anna@voorbeeld.example",
    *,
    name: str = "Anna de Jong",
    organisation: str = "Stichting Welzijn Oosterend",
) -> Recipient:
    """A recipient with every hole filled, for previews (nothing is sent to it)."""
    return Recipient(
        to=Address(email, name),
        message_id="<voorbeeld.1@pleinpost.example>",
        values={
            NAME: name,
            ORGANISATION: organisation,
            EMAIL: email,
            UNSUBSCRIBE_URL: "https://pleinpost.example/afmelden/VOORBEELD",
            REPLY_ADDRESS: "antwoord+VOORBEELD@antwoord.pleinpost.example",
            RSVP_URL: "https://pleinpost.example/r/VOORBEELD",
            TRACK_REF: "VOORBEELD",
            **phrases(name, organisation, email),
        },
        reply_to=Address("antwoord+VOORBEELD@antwoord.pleinpost.example"),
        headers={
            "List-Unsubscribe": "<https://pleinpost.example/afmelden/VOORBEELD>, "
            "<mailto:antwoord+afmelden-VOORBEELD@antwoord.pleinpost.example>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        ref="voorbeeld",
    )
