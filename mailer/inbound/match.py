"""Which delivery, which organisation: the rules of the issue, in its order, first match wins.

1. the per-delivery reply address in a recipient header (To, Cc, Delivered-To,
   X-Original-To, the transport's envelope);
2. In-Reply-To / References naming one of our Message-IDs;
3. a calendar reply's ORGANIZER (the delivery's reply address) or UID;
4. a bounce carrying our original message (its Message-ID or reply address);
5. the sender (or, for a bounce, the failed recipient) as a known contact:
   the latest invitation to their organisation;
6. the sender's domain belonging to exactly one organisation, never a
   free-mail domain (a colleague answering a forwarded invitation).

A reference that looks like ours but whose signature fails (forged or
mangled), or that names a delivery we do not have (a test copy's delivery 0,
a delivery or campaign removed by hand), ends the search: the message is unmatched with that
reason. Falling through to "the sender is a contact" would put the answer on
whatever event that organisation was invited to last.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from email.message import Message
from email.parser import HeaderParser

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from mailer.campaigns import Campaign, CampaignKind
from mailer.config import Settings
from mailer.inbound.models import MatchRule
from mailer.inbound.parse import ParsedMessage
from mailer.inbound.reading import Reading
from mailer.invitations import Event
from mailer.outbox import Delivery
from mailer.tokens import delivery_from_address, delivery_from_message_id, sender_domain
from subscribers.models import Contact

# The mail providers whose domain says nothing about an organisation.
# fmt: off
FREE_MAIL = frozenset((
    "gmail.com", "googlemail.com", "hotmail.com", "hotmail.nl", "hotmail.be", "hotmail.co.uk",
    "outlook.com", "outlook.nl", "outlook.be", "live.com", "live.nl", "live.be", "msn.com",
    "yahoo.com", "yahoo.nl", "yahoo.co.uk", "ymail.com", "icloud.com", "me.com", "mac.com",
    "aol.com", "gmx.com", "gmx.net", "gmx.de", "web.de", "mail.com", "protonmail.com",
    "proton.me", "pm.me", "tutanota.com", "zoho.com", "fastmail.com", "hey.com", "ziggo.nl",
    "kpnmail.nl", "kpnplanet.nl", "planet.nl", "home.nl", "hetnet.nl", "xs4all.nl", "casema.nl",
    "upcmail.nl", "chello.nl", "quicknet.nl", "telfort.nl", "tele2.nl", "online.nl",
    "zeelandnet.nl", "solcon.nl", "caiway.nl", "hccnet.nl", "freeler.nl", "kabelfoon.nl",
    "versatel.nl", "wxs.nl", "tiscali.nl", "onsbrabantnet.nl", "telenet.be", "skynet.be",
    "proximus.be", "scarlet.be",
))
# fmt: on

# The campaigns whose answers are RSVPs: "the latest invitation to their organisation".
_INVITING = (CampaignKind.INVITATION.value, CampaignKind.REMINDER.value)
# Shaped like one of our references (see mailer.tokens), whatever its signature.
_REF_SHAPE = re.compile(r"^[a-z2-7]{1,14}-[a-z2-7]{16}$")
_MAX_REFERENCES = 50
# Entries a matcher keeps per cache before it starts again: a pass over a million
# messages must not hold a million deliveries (flat memory), a batch needs a few hundred.
CACHE_LIMIT = 20_000


class Reason:
    """Why a message is unmatched (stored as these codes, shown as sentences)."""

    FORGED = "forged_reference"  # looks like our reference, the signature fails
    UNKNOWN_DELIVERY = "unknown_delivery"  # a valid reference to a delivery that is gone
    AMBIGUOUS_DOMAIN = "ambiguous_domain"  # the sender's domain has several organisations
    NO_RULE = "no_rule"  # nothing names us or the sender


@dataclass(frozen=True)
class Envelope:
    """What matching reads of a message: addresses and references, already decoded."""

    sender: str = ""  # the From address, lower-case
    recipients: tuple[str, ...] = ()  # every recipient header value and envelope address
    references: tuple[str, ...] = ()  # In-Reply-To first, then References, newest first
    returned: tuple[str, ...] = ()  # reply addresses and Message-IDs of an attached original


@dataclass(frozen=True)
class Match:
    rule: MatchRule
    delivery_id: int | None = None
    campaign_id: int | None = None
    event_id: int | None = None
    organisation_id: int | None = None
    contact_id: int | None = None
    reason: str = ""  # a Reason code when unmatched
    detail: str = ""  # the address or Message-ID the rule read

    @property
    def matched(self) -> bool:
        return self.rule != MatchRule.NONE


@dataclass
class Named:
    """The contacts, organisations and events a batch of messages names (by reference or
    sender), found by :meth:`Matcher.prefetch`."""

    contacts: set[int] = field(default_factory=set)
    organisations: set[int] = field(default_factory=set)
    events: set[int] = field(default_factory=set)

    def add(self, contact: int | None, organisation: int | None, event: int | None) -> None:
        for ids, value in (
            (self.contacts, contact),
            (self.organisations, organisation),
            (self.events, event),
        ):
            if value is not None:
                ids.add(value)


class _Stop(Exception):
    """A reference of ours that must not be matched past (forged, or its delivery gone)."""

    def __init__(self, reason: str, detail: str):
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


_ADDRESS = re.compile(r"[^\s<>,;:\"'()\[\]@]+@[^\s<>,;:\"'()\[\]@]+\.[^\s<>,;:\"'()\[\]@]+")


def addresses_in(values: Iterable[str]) -> list[str]:
    """Every address-like word in header values: robust where the syntax is broken."""
    found: list[str] = []
    for value in values:
        found.extend(a.strip(".").lower() for a in _ADDRESS.findall(value))
    return list(dict.fromkeys(found))


class Matcher:
    """Matching for one pass: what it learns about domains is kept for the next message.

    Each message brings its own session (its own transaction); the matcher
    keeps only what holds for the whole pass.
    """

    session: Session

    def __init__(self, settings: Settings):
        self.settings = settings
        self._domains: dict[str, set[int]] | None = None
        self._contacts: dict[str, tuple[int | None, int | None] | None] = {}
        self._invitations: dict[tuple[int, int | None], Match | None] = {}
        self._by_number: dict[int, Match | None] = {}
        self.our_domains = frozenset(
            {settings.reply_domain.lower(), sender_domain(settings).lower()}
        )

    def prefetch(self, session: Session, envelopes: Iterable[Envelope]) -> Named:
        """Look up, in two queries, what matching a batch of messages will ask for.

        The deliveries their reply addresses and Message-IDs name (with each
        one's campaign and event) and their senders as contacts go into the
        caches the rules read, so matching the batch asks the database
        nothing more in the usual case. The rules themselves are unchanged: a
        number no delivery has is cached as gone, exactly what looking it up
        one by one finds. Returns what the batch names, for the reading context
        and the applier.
        """
        numbers: set[int] = set()
        senders: set[str] = set()
        for envelope in envelopes:
            numbers.update(self._numbers(envelope))
            if envelope.sender:
                senders.add(envelope.sender.lower())
        if len(self._by_number) + len(numbers) > CACHE_LIMIT:
            self._by_number.clear()
        if len(self._contacts) + len(senders) > CACHE_LIMIT:
            self._contacts.clear()
        self._prefetch_deliveries(session, numbers - set(self._by_number))
        self._prefetch_contacts(session, senders - set(self._contacts))
        named = Named()
        for number in numbers:
            found = self._by_number.get(number)
            if found is not None:
                named.add(found.contact_id, found.organisation_id, found.event_id)
        for address in senders:
            known = self._contacts.get(address)
            if known is not None:
                named.add(known[0], known[1], None)
        return named

    def _numbers(self, envelope: Envelope) -> Iterable[int]:
        for address in envelope.recipients:
            if self._is_tagged(address):
                number = delivery_from_address(self.settings, address)
                if number is not None:
                    yield number
        for value in envelope.references[:_MAX_REFERENCES]:
            number = delivery_from_message_id(self.settings, value)
            if number is not None:
                yield number

    def _prefetch_deliveries(self, session: Session, numbers: set[int]) -> None:
        if not numbers:
            return
        rows = session.execute(
            sa_select(
                col(Delivery.id),
                col(Delivery.campaign_id),
                col(Delivery.organisation_id),
                col(Delivery.contact_id),
                col(Campaign.event_id),
            )
            # an inner join: a delivery whose campaign row is gone is gone (as in _delivery)
            .join(Campaign, col(Campaign.id) == col(Delivery.campaign_id))
            .where(col(Delivery.id).in_(sorted(numbers)))
        ).all()
        for number in numbers:
            self._by_number[number] = None
        for delivery, campaign, organisation, contact, event in rows:
            if delivery is not None:
                self._by_number[delivery] = Match(
                    MatchRule.NONE,
                    delivery_id=delivery,
                    campaign_id=campaign,
                    event_id=event,
                    organisation_id=organisation,
                    contact_id=contact,
                )

    def _prefetch_contacts(self, session: Session, addresses: set[str]) -> None:
        if not addresses:
            return
        rows = session.exec(
            select(Contact.email, Contact.id, Contact.organisation_id).where(
                col(Contact.email).in_(sorted(addresses))
            )
        ).all()
        found: dict[str, tuple[int | None, int | None]] = {}
        for email, contact, organisation in rows:
            found.setdefault(email, (contact, organisation))
        for address in addresses:
            self._contacts[address] = found.get(address)

    def match(self, session: Session, envelope: Envelope, reading: Reading | None = None) -> Match:
        """The first rule that holds; ``reading`` (when known) enables rules 3 and 4."""
        self.session = session
        try:
            for found in (
                self._by_reply_address(envelope.recipients),
                self._by_message_id(envelope.references),
                self._by_calendar(envelope, reading),
                self._by_returned(envelope.returned, reading),
            ):
                if found is not None:
                    return found
        except _Stop as stop:
            return Match(MatchRule.NONE, reason=stop.reason, detail=stop.detail)
        return self._by_sender(envelope, reading)

    # ---------------------------------------------------------------- references

    def _by_reply_address(
        self, recipients: Sequence[str], rule: MatchRule = MatchRule.REPLY_ADDRESS
    ) -> Match | None:
        forged = ""
        for address in recipients:
            if not self._is_tagged(address):
                continue
            number = delivery_from_address(self.settings, address)
            if number is None:
                forged = forged or address
                continue
            return self._delivery(number, rule, address)
        if forged:
            raise _Stop(Reason.FORGED, forged)
        return None

    def _is_tagged(self, address: str) -> bool:
        local, _at, domain = address.rpartition("@")
        prefix = self.settings.reply_local.lower() + "+"
        return domain.lower() == self.settings.reply_domain.lower() and local.lower().startswith(
            prefix
        )

    def _by_message_id(
        self, references: Sequence[str], rule: MatchRule = MatchRule.MESSAGE_ID
    ) -> Match | None:
        forged = ""
        ours = sender_domain(self.settings).lower()
        for value in references[:_MAX_REFERENCES]:
            local, _at, domain = value.strip().strip("<>").rpartition("@")
            if domain.lower() != ours or not _REF_SHAPE.match(local.lower()):
                continue  # not ours, or ours but no delivery's (a test copy, a forward)
            number = delivery_from_message_id(self.settings, value)
            if number is None:
                forged = forged or value
                continue
            return self._delivery(number, rule, value)
        if forged:
            raise _Stop(Reason.FORGED, forged)
        return None

    def _by_calendar(self, envelope: Envelope, reading: Reading | None) -> Match | None:
        answer = reading.calendar if reading is not None else None
        if answer is None:
            return None
        organizer = answer.organizer.strip()
        if organizer.lower().startswith("mailto:"):
            organizer = organizer[len("mailto:") :]
        if organizer and self._is_tagged(organizer.lower()):
            return self._by_reply_address([organizer.lower()], MatchRule.CALENDAR)
        if not answer.uid:
            return None
        event_id = self.session.exec(
            select(Event.id).where(col(Event.uid) == answer.uid.strip())
        ).first()
        if event_id is None:
            return None
        who = self._sender_match(envelope, reading)
        found = (
            self._invitation(who.organisation_id, event_id)
            if who.organisation_id is not None
            else None
        )
        if found is not None:
            return replace(
                found,
                rule=MatchRule.CALENDAR,
                detail=answer.uid,
                contact_id=who.contact_id or found.contact_id,
            )
        return Match(
            MatchRule.CALENDAR,
            event_id=event_id,
            organisation_id=who.organisation_id,
            contact_id=who.contact_id,
            detail=answer.uid,
        )

    def _by_returned(self, returned: Sequence[str], reading: Reading | None) -> Match | None:
        if reading is None or reading.bounce is None or not returned:
            return None
        addresses = [v.lower() for v in returned if "<" not in v]
        ids = [v for v in returned if "<" in v]
        return self._by_reply_address(addresses, MatchRule.RETURNED) or self._by_message_id(
            ids, MatchRule.RETURNED
        )

    def _delivery(self, number: int, rule: MatchRule, detail: str) -> Match:
        if number not in self._by_number:
            delivery = self.session.get(Delivery, number)
            self._by_number[number] = (
                None if delivery is None else self._from_delivery(delivery, rule, detail)
            )
        found = self._by_number[number]
        if found is None:
            raise _Stop(Reason.UNKNOWN_DELIVERY, detail)
        return replace(found, rule=rule, detail=detail)

    def _from_delivery(self, delivery: Delivery, rule: MatchRule, detail: str) -> Match | None:
        """The delivery's match; None when its campaign is gone (the outbox keeps no
        foreign key to it, migration 0009: a campaign row removed by hand before 0010's
        trigger left its deliveries, which are gone too)."""
        campaign = self.session.get(Campaign, delivery.campaign_id)
        if campaign is None:
            return None
        return Match(
            rule,
            delivery_id=delivery.id,
            campaign_id=delivery.campaign_id,
            event_id=campaign.event_id,
            organisation_id=delivery.organisation_id,
            contact_id=delivery.contact_id,
            detail=detail,
        )

    # ---------------------------------------------------------------- the sender

    def _by_sender(self, envelope: Envelope, reading: Reading | None) -> Match:
        who = self._sender_match(envelope, reading)
        if not who.matched or who.organisation_id is None:
            return who
        found = self._invitation(who.organisation_id)
        if found is None:
            return who
        return replace(found, rule=who.rule, detail=who.detail, contact_id=who.contact_id)

    def _sender_match(self, envelope: Envelope, reading: Reading | None) -> Match:
        """The contact or the organisation behind the sender; no delivery yet."""
        senders = [envelope.sender] if envelope.sender else []
        if reading is not None and reading.bounce is not None:
            senders = list(reading.bounce.addresses)  # who failed, not the mailer daemon
        for address in senders:
            known = self._contact(address.lower())
            if known is not None:
                return Match(
                    MatchRule.CONTACT, organisation_id=known[1], contact_id=known[0], detail=address
                )
        for address in senders:
            found = self._by_domain(address)
            if found is not None:
                return found
        return Match(MatchRule.NONE, reason=Reason.NO_RULE)

    def _by_domain(self, address: str) -> Match | None:
        domain = address.rpartition("@")[2].lower()
        if not domain or domain in FREE_MAIL or domain in self.our_domains:
            return None
        orgs = self.domains().get(domain, set())
        if len(orgs) > 1:
            return Match(MatchRule.NONE, reason=Reason.AMBIGUOUS_DOMAIN, detail=domain)
        if len(orgs) == 1:
            return Match(MatchRule.DOMAIN, organisation_id=next(iter(orgs)), detail=domain)
        return None

    def domains(self) -> dict[str, set[int]]:
        """Address domain → the organisations with a contact there (once per pass)."""
        if self._domains is None:
            table: dict[str, set[int]] = {}
            rows = self.session.exec(
                select(Contact.email, Contact.organisation_id).where(
                    col(Contact.organisation_id).is_not(None)
                )
            )
            for email, org in rows:
                if org is not None:
                    table.setdefault(email.rpartition("@")[2].lower(), set()).add(org)
            self._domains = table
        return self._domains

    def _contact(self, address: str) -> tuple[int | None, int | None] | None:
        """(contact id, organisation id) of a known address, once per pass."""
        if address not in self._contacts:
            row = self.session.exec(
                select(Contact.id, Contact.organisation_id).where(col(Contact.email) == address)
            ).first()
            self._contacts[address] = None if row is None else (row[0], row[1])
        return self._contacts[address]

    def _invitation(self, organisation_id: int, event_id: int | None = None) -> Match | None:
        """The latest invitation to an organisation (for one event), once per pass."""
        key = (organisation_id, event_id)
        if key not in self._invitations:
            delivery = self._latest_invitation(organisation_id, event_id)
            self._invitations[key] = (
                None if delivery is None else self._from_delivery(delivery, MatchRule.NONE, "")
            )
        return self._invitations[key]

    def _latest_invitation(
        self, organisation_id: int, event_id: int | None = None
    ) -> Delivery | None:
        query = (
            select(Delivery)
            .join(Campaign, col(Campaign.id) == col(Delivery.campaign_id))
            .where(
                col(Delivery.organisation_id) == organisation_id,
                col(Campaign.kind).in_(_INVITING),
                col(Campaign.event_id).is_not(None),
            )
            .order_by(col(Delivery.id).desc())
            .limit(1)
        )
        if event_id is not None:
            query = query.where(col(Campaign.event_id) == event_id)
        return self.session.exec(query).first()


# --------------------------------------------------------------------------- envelope

_RECIPIENT_HEADERS = ("to", "cc", "delivered-to", "x-original-to", "envelope-to", "x-envelope-to")
_RETURNED_TYPES = ("message/rfc822", "message/global", "text/rfc822-headers")
_MESSAGE_ID = re.compile(r"<[^<>\s]+@[^<>\s]+>")


def envelope_of(parsed: ParsedMessage, envelope_to: Sequence[str] = ()) -> Envelope:
    recipients = addresses_in(
        [v for name in _RECIPIENT_HEADERS for v in parsed.headers_named(name)] + list(envelope_to)
    )
    references = _MESSAGE_ID.findall(parsed.in_reply_to) + list(
        reversed(_MESSAGE_ID.findall(" ".join(parsed.references)))
    )
    return Envelope(
        sender=parsed.from_address,
        recipients=tuple(recipients),
        references=tuple(dict.fromkeys(references)),
        returned=tuple(_returned(parsed.message)),
    )


def _returned(message: Message) -> list[str]:
    """Reply addresses and Message-IDs in the headers of an attached original message."""
    found: list[str] = []
    for headers in _attached_headers(message):
        for name in ("message-id", "in-reply-to", "references"):
            found.extend(_MESSAGE_ID.findall(str(headers.get(name, ""))))
        found.extend(addresses_in([str(headers.get("reply-to", ""))]))
    return list(dict.fromkeys(found))


def _attached_headers(message: Message) -> Iterable[Message]:
    try:
        for part in message.walk():
            ctype = part.get_content_type().lower()
            if ctype not in _RETURNED_TYPES:
                continue
            payload = part.get_payload()
            if isinstance(payload, list) and payload and isinstance(payload[0], Message):
                yield payload[0]
            elif isinstance(payload, str):
                yield HeaderParser().parsestr(payload, headersonly=True)
    except Exception:  # a broken tree gives what it gave so far
        return
