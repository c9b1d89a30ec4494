"""What the readers may know from our store, gathered into a ``ReadingContext``.

The reading steps are pure (``context.ReadingContext`` is all they see). This
module is the one place that looks things up for them: names that are never
people (organisations, municipalities, regions, the places and streets of our
events, the network itself), our own addresses, and whom a message was
matched to. The store-wide part is gathered once per pass, not per message:
an import of 10,000 replies must not read every organisation 10,000 times.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import parseaddr

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from mailer.config import Settings
from mailer.inbound.context import ReadingContext
from mailer.inbound.match import Match
from mailer.invitations import Event
from mailer.tokens import sender_domain
from subscribers.models import Contact, Organisation

# Words in front of a place that make an organisation of it ("Gemeente Testdorp").
_PREFIXES = re.compile(r"^(gemeente|provincie|dorpshuis|stichting|vereniging)\s+", re.IGNORECASE)
# A house number, a postcode ("1234 AB"), or digits: what remains is a street or a town.
_NUMBERS = re.compile(r"\b\d{4}\s?[A-Za-z]{2}\b|\b\d+[A-Za-z]?\b")
# Contexts and contacts kept per pass before starting again (flat memory on huge imports).
CACHE_LIMIT = 20_000


@dataclass(frozen=True)
class _Person:
    name: str | None
    email: str
    language: str


@dataclass(frozen=True)
class _Occasion:
    title: str
    max_per_organisation: int | None


def place_words(text: str) -> set[str]:
    """The street and town names in an address ("Dorpsstraat 1, 1234 AB Testdorp")."""
    out = set()
    for piece in text.split(","):
        name = " ".join(_NUMBERS.sub(" ", piece).split())
        if len(name) > 1:
            out.add(name)
    return out


class Knowledge:
    """The store-wide part of every context of one pass, and the per-message part on top."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._base: ReadingContext | None = None
        self._made: dict[tuple[int | None, int | None, int | None], ReadingContext] = {}
        self._people: dict[int, _Person | None] = {}
        self._organisations: dict[int, str] = {}
        self._events: dict[int, _Occasion] = {}

    def base(self, session: Session) -> ReadingContext:
        if self._base is None:
            self._base = self._gather(session)
        return self._base

    def _gather(self, session: Session) -> ReadingContext:
        """Once per pass: the names that are never people, and every organisation's and
        event's name for the per-message part (a handful of rows next to the contacts)."""
        names: set[str] = set()
        for org_id, name, region in session.exec(
            select(Organisation.id, Organisation.name, Organisation.region)
        ):
            names.add(name)
            names.add(_PREFIXES.sub("", name))
            if region:
                names.add(region)
            if org_id is not None:
                self._organisations[org_id] = name
        events = sa_select(
            col(Event.id),
            col(Event.title),
            col(Event.max_per_organisation),
            col(Event.place),
            col(Event.address),
        )
        for event_id, title, cap, place, address in session.execute(events):
            names |= place_words(place) | place_words(address)
            if event_id is not None:
                self._events[event_id] = _Occasion(title, cap)
        sender_name, sender_address = parseaddr(self.settings.sender)
        network = {self.settings.network_name, sender_name} - {""}
        names |= network | place_words(self.settings.postal_address)
        ours = {sender_address.lower(), self.settings.coordinator_email.lower()} - {""}
        return ReadingContext(
            known_names=frozenset(n for n in names if n.strip()),
            organiser_names=frozenset(network),
            our_domains=frozenset(
                {self.settings.reply_domain.lower(), sender_domain(self.settings).lower()}
            ),
            our_addresses=frozenset(ours),
        )

    def prefetch(self, session: Session, contact_ids: Iterable[int]) -> list[Contact]:
        """The contacts a batch was matched to, in one query (see ``Matcher.prefetch``);
        returned as loaded, so the caller can keep them in its session for the applier."""
        self.base(session)
        if len(self._made) > CACHE_LIMIT:
            self._made.clear()
        if len(self._people) > CACHE_LIMIT:
            self._people.clear()
        wanted = sorted(set(contact_ids) - set(self._people))
        if not wanted:
            return []
        rows = session.exec(select(Contact).where(col(Contact.id).in_(wanted))).all()
        for wanted_id in wanted:
            self._people[wanted_id] = None
        for contact in rows:
            if contact.id is not None:
                self._people[contact.id] = _Person(
                    contact.name or None, contact.email, contact.language
                )
        return list(rows)

    def context(self, session: Session, match: Match) -> ReadingContext:
        """The pass's context with whom and what this message was matched to."""
        key = (match.contact_id, match.organisation_id, match.event_id)
        if key not in self._made:
            self._made[key] = self._context(session, match)
        return self._made[key]

    def _context(self, session: Session, match: Match) -> ReadingContext:
        base = self.base(session)
        person = self._person(session, match.contact_id)
        event = self._event(session, match.event_id)
        return ReadingContext(
            known_names=base.known_names,
            organiser_names=base.organiser_names,
            our_domains=base.our_domains,
            our_addresses=base.our_addresses,
            contact_name=person.name if person else None,
            contact_email=person.email if person else None,
            organisation=self._organisation(session, match.organisation_id),
            event_title=event.title if event else None,
            max_per_organisation=event.max_per_organisation if event else None,
            language=person.language if person else None,
        )

    def _person(self, session: Session, contact_id: int | None) -> _Person | None:
        if not contact_id:
            return None
        if contact_id not in self._people:
            contact = session.get(Contact, contact_id)
            self._people[contact_id] = (
                None
                if contact is None
                else _Person(contact.name or None, contact.email, contact.language)
            )
        return self._people[contact_id]

    def _organisation(self, session: Session, org_id: int | None) -> str | None:
        if not org_id:
            return None
        if org_id not in self._organisations:  # added during the pass
            org = session.get(Organisation, org_id)
            if org is None:
                return None
            self._organisations[org_id] = org.name
        return self._organisations[org_id]

    def _event(self, session: Session, event_id: int | None) -> _Occasion | None:
        if not event_id:
            return None
        if event_id not in self._events:
            event = session.get(Event, event_id)
            if event is None:
                return None
            self._events[event_id] = _Occasion(event.title, event.max_per_organisation)
        return self._events[event_id]
