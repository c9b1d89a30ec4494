"""Requests to stop all mail, and the event declines that look like them."""

from __future__ import annotations

import pytest

from mailer.inbound.unsubscribe import unsubscribe_request

YES = [
    "Haal mij van de lijst a.u.b.",
    "Wilt u mij van de verzendlijst halen?",
    "Graag afmelden voor de nieuwsbrief.",
    "Ik wil geen mails meer ontvangen.",
    "Verwijder mijn e-mailadres uit het bestand.",
    "Please unsubscribe me.",
    "Please remove me from your mailing list.",
    "Meld mij af voor alle mailings.",
    "Wilt u dit adres uit uw bestand verwijderen?",
    "Graag mijn adres verwijderen uit jullie mailingbestand.",
]
NO = [
    "Ik meld ons af voor de bijeenkomst.",
    "Ik meld me af voor 12 maart.",
    "Helaas moeten wij ons afmelden.",
    "Hoe kan ik me afmelden voor de nieuwsbrief?",
    "Wij komen met z'n tweeën.",
    "Niet afmelden hoor, ik lees de nieuwsbrief graag.",
    "Afmelding: wij kunnen niet.",
    "Kunt u mijn adres verwijderen uit de deelnemerslijst van de bijeenkomst? Ik kan niet.",
]


@pytest.mark.parametrize("text", YES)
def test_requests(text: str) -> None:
    assert unsubscribe_request(text) is not None


@pytest.mark.parametrize("text", NO)
def test_not_requests(text: str) -> None:
    assert unsubscribe_request(text) is None
