"""What the readers may know from our own store, handed in without a database.

The reading steps are pure functions over bytes; everything they would look up
(names that are never people, our own addresses, who was invited) comes in
through this one frozen value, built by the intake after matching. Kept apart
from ``classify`` so that the human-reply steps can import it without an
import circle (``classify`` calls them). ``classify.ReadingContext`` is the
same class.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadingContext:
    """Everything defaults to "unknown", so a bare ``ReadingContext()`` is valid.

    Names and addresses are compared case-insensitively by the readers; the
    builder may pass them as they are stored.
    """

    # organisation, municipality, place and street names from our store: never people
    known_names: frozenset[str] = frozenset()
    # the organisers and speakers named in the invitation: quoted, never attendees
    organiser_names: frozenset[str] = frozenset()
    # our own reply domain(s), e.g. "antwoord.pleinpost.nl"
    our_domains: frozenset[str] = frozenset()
    # our own sender addresses (MAILER_FROM, the coordinator): mail from them is ours
    our_addresses: frozenset[str] = frozenset()
    # the invited contact and organisation, when matching already found them
    contact_name: str | None = None
    contact_email: str | None = None
    organisation: str | None = None
    # the event the message answers, when known: its title and cap per organisation
    event_title: str | None = None
    max_per_organisation: int | None = None
    # the contact's language ("nl" or "en"), when known
    language: str | None = None
