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


# The RSVP page (``/r/<ref>``); ``{…}`` other than ``{network}`` are filled on the page.
RSVP: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Uw antwoord",
        "invited": "Uitnodiging voor {organisation}",
        "when": "Wanneer",
        "where": "Waar",
        "deadline": "Graag antwoorden {deadline}.",
        "now_none": "U heeft nog niet geantwoord.",
        "now_attending": "Uw antwoord nu: u komt, met:",
        "now_declined": "Uw antwoord nu: u komt niet.",
        "now_maybe": "Uw antwoord nu: misschien.",
        "question": "Komt u?",
        "yes": "Ja, wij komen",
        "no": "Nee, helaas",
        "names": "Wie komen er?",
        "names_cap": "Wie komen er? Maximaal {cap} personen.",
        "person": "Persoon {n}",
        "name": "Naam",
        "email": "E-mailadres (niet verplicht)",
        "send": "Antwoord versturen",
        "edit_hint": "U kunt uw antwoord later via dezelfde link wijzigen.",
        "late_open": (
            "De aanmeldtermijn is verlopen. U kunt nog antwoorden; "
            "wij zien dat het na de termijn was."
        ),
        "late_closed": (
            "De aanmeldtermijn is verlopen; wij kunnen hier geen antwoorden meer verwerken. "
            "Wilt u toch komen? Beantwoord dan de uitnodiging per e-mail."
        ),
        "cancelled": "Deze bijeenkomst gaat niet door.",
        "over": "Deze bijeenkomst is voorbij.",
        "done_title": "Dank u wel",
        "done_attending": "U bent aangemeld voor {organisation}:",
        "done_refused": "Geen plaats meer voor (niet aangemeld):",
        "done_declined": (
            "Wij hebben genoteerd dat u niet komt. Jammer dat u er niet bij kunt zijn."
        ),
        "done_full": (
            "Het spijt ons: er is geen plaats meer, niemand is aangemeld. "
            "Wij hebben het doorgegeven en nemen contact met u op."
        ),
        "done_late_refused": (
            "De aanmeldtermijn is verlopen; uw antwoord is niet verwerkt. "
            "U krijgt hierover een e-mail."
        ),
        "done_unchanged": "Dit was al uw antwoord; er is niets veranderd.",
        "done_late": "Uw antwoord kwam na de aanmeldtermijn; wij hebben het toch genoteerd.",
        "mail": "U krijgt een bevestiging per e-mail op {email}.",
        "change": "Antwoord bekijken of wijzigen",
        "stale": "Deze pagina stond te lang open. Kijk uw antwoord na en verstuur het opnieuw.",
        "choose": "Kies of u komt of niet.",
        "need_name": "Vul ten minste één naam in.",
        "bad_email": "Dit e-mailadres klopt niet: {email}",
        "name_unknown": "(naam volgt)",
        "footer": "{network}",
    },
    "en": {
        "title": "Your answer",
        "invited": "Invitation for {organisation}",
        "when": "When",
        "where": "Where",
        "deadline": "Please answer {deadline}.",
        "now_none": "You have not answered yet.",
        "now_attending": "Your answer now: you are coming, with:",
        "now_declined": "Your answer now: you are not coming.",
        "now_maybe": "Your answer now: maybe.",
        "question": "Are you coming?",
        "yes": "Yes, we are coming",
        "no": "No, sorry",
        "names": "Who is coming?",
        "names_cap": "Who is coming? At most {cap} people.",
        "person": "Person {n}",
        "name": "Name",
        "email": "Email address (optional)",
        "send": "Send the answer",
        "edit_hint": "You can change your answer later through the same link.",
        "late_open": (
            "The reply-by date has passed. You can still answer; we will see it came late."
        ),
        "late_closed": (
            "The reply-by date has passed; this page takes no more answers. "
            "Still want to come? Reply to the invitation by email."
        ),
        "cancelled": "This event has been cancelled.",
        "over": "This event is over.",
        "done_title": "Thank you",
        "done_attending": "You are registered for {organisation}:",
        "done_refused": "No place left for (not registered):",
        "done_declined": "We have noted that you are not coming. A pity you cannot be there.",
        "done_full": (
            "We are sorry: there are no places left, nobody was registered. "
            "We have passed it on and will contact you."
        ),
        "done_late_refused": (
            "The reply-by date has passed; your answer was not processed. "
            "You will get an email about it."
        ),
        "done_unchanged": "That already was your answer; nothing changed.",
        "done_late": "Your answer came after the reply-by date; we have noted it all the same.",
        "mail": "You will get a confirmation by email at {email}.",
        "change": "See or change your answer",
        "stale": "This page was open too long. Check your answer and send it again.",
        "choose": "Choose whether you are coming.",
        "need_name": "Give at least one name.",
        "bad_email": "This email address is not right: {email}",
        "name_unknown": "(name to follow)",
        "footer": "{network}",
    },
}


def rsvp_texts(language: str, network: str) -> dict[str, str]:
    """The RSVP page's texts; placeholders other than ``{network}`` stay for the page."""
    table = RSVP.get(language, RSVP["nl"])
    return {key: value.replace("{network}", network) for key, value in table.items()}
