"""What recipients read on the public pages, Dutch first, English per contact.

These are not operator messages (those go through gettext): like the mail
templates' strings, they are the network speaking to its contacts, in the
language the mail was sent in.
"""

from __future__ import annotations

PUBLIC: dict[str, dict[str, str]] = {
    "nl": {
        "unsubscribe_title": "Afmelden",
        "unsubscribe_ask": (
            "Wilt u geen e-mail meer ontvangen van {network}? Klik dan op de knop. "
            "U kunt dit venster daarna sluiten."
        ),
        "unsubscribe_button": "Afmelden",
        "done_title": "U bent afgemeld",
        "done_text": (
            "U ontvangt geen e-mail meer van {network} op dit adres. Was dit een vergissing? "
            "Beantwoord dan een van onze e-mails, dan zetten we het terug."
        ),
        "gone_text": (
            "Er staat niets meer klaar voor dit adres; u ontvangt geen e-mail meer van ons."
        ),
        "footer": "{network}",
    },
    "en": {
        "unsubscribe_title": "Unsubscribe",
        "unsubscribe_ask": (
            "Do you no longer want to receive email from {network}? Press the button. "
            "You can close this window afterwards."
        ),
        "unsubscribe_button": "Unsubscribe",
        "done_title": "You are unsubscribed",
        "done_text": (
            "You will no longer receive email from {network} at this address. A mistake? "
            "Reply to one of our emails and we will put it back."
        ),
        "gone_text": (
            "Nothing is waiting for this address any more; you will get no more email from us."
        ),
        "footer": "{network}",
    },
}

# A link that is not ours: we do not know who asked, so both languages, and nothing else.
INVALID = {
    "title": "Deze link werkt niet · This link does not work",
    "nl": "Deze link is niet geldig. Gebruik de hele link uit de e-mail.",
    "en": "This link is not valid. Use the whole link from the email.",
}


def public_texts(language: str, network: str) -> dict[str, str]:
    table = PUBLIC.get(language, PUBLIC["nl"])
    return {key: value.format(network=network) for key, value in table.items()}
