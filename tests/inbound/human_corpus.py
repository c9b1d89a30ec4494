"""Writes tests/inbound/corpus/human/: real MIME replies to Pleinpost invitations.

Run ``python -m tests.inbound.human_corpus`` to regenerate the .eml files and
expected.json. Every reply was written for this corpus (not taken from the
seeds); the quoted invitation is our own template text, so the tests can
check that none of it leaks into the reading. The clients' quoting is
reproduced as each client writes it (Outlook NL/BE/EN, Outlook on the web,
Outlook.com, Gmail NL/EN, Apple Mail, iPhone, Thunderbird, webmail, Yahoo).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.charset import BASE64, QP, Charset
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr
from html import escape
from pathlib import Path

from tests.inbound.human_cases import CASES, Case

OUT = Path(__file__).parent / "corpus" / "human"
REPLY_ADDRESS = "antwoord+k7Qm2xVb@antwoord.pleinpost.example"
NETWORK = "Netwerk Vervoer & Welzijn"


@dataclass(frozen=True)
class Event:
    title: str
    organisers: str  # as they sign the invitation: names that must never leak
    language: str
    paragraphs: tuple[str, ...]
    when: str
    time: str
    place: str
    address: str
    deadline: str
    cap: int = 2


EVENTS = {
    "kernen": Event(
        title="Werkmiddag Vervoer in kleine kernen",
        organisers="Ilse Verbeek en Ruud Bosman",
        language="nl",
        paragraphs=(
            "Hoe houden we de buurtbus en de vrijwillige chauffeurs in onze dorpen op de "
            "been? Op deze werkmiddag delen drie initiatieven hun aanpak en gaan we in kleine "
            "groepen aan de slag met uw eigen vragen.",
            "Ilse Verbeek en Ruud Bosman, programmateam",
        ),
        when="donderdag 7 juni 2029",
        time="15.00–17.00 uur",
        place="Dorpshuis De Schakel",
        address="Kerkstraat 12, 9999 ZZ Oosterend",
        deadline="vóór 28 mei",
    ),
    "regiotafel": Event(
        title="Regiotafel vrijwilligersvervoer",
        organisers="Femke Lindeman",
        language="nl",
        paragraphs=(
            "Twee keer per jaar schuiven gemeenten en vervoersinitiatieven aan één tafel. "
            "Deze keer praten we over de vergoeding voor chauffeurs en over de nieuwe "
            "regels voor het vervoer van rolstoelen.",
            "Hartelijke groet, Femke Lindeman",
        ),
        when="woensdag 12 september 2029",
        time="19.30–21.30 uur",
        place="Buurthuis De Horst",
        address="Havenweg 3, 9998 XX Westerhaven",
        deadline="vóór 1 september",
    ),
    "roundtable": Event(
        title="Regional round table on volunteer transport",
        organisers="Sophie Martens",
        language="en",
        paragraphs=(
            "Twice a year municipalities and transport initiatives meet around one table. "
            "This time we discuss expenses for volunteer drivers and the new rules for "
            "wheelchair transport.",
            "Best wishes, Sophie Martens",
        ),
        when="Wednesday 12 September 2029",
        time="19:30–21:30",
        place="Buurthuis De Horst",
        address="Havenweg 3, 9998 XX Westerhaven",
        deadline="before 1 September",
    ),
}

# what never may appear in a reading's text or attendees: from the invitation
LEAK_MARKERS = (
    "maximaal", "up to 2 people", "Ilse Verbeek", "Ruud Bosman", "Femke Lindeman",
    "Sophie Martens", "Afmelden voor deze berichten", "Unsubscribe from these",
    "Onderwerp:", "Subject:", "schreef", "geschreven", "wrote:", "Oorspronkelijk",
    "Doorgestuurd", "Aanmelden is eenvoudig", "Signing up is easy", "Dorpshuis De Schakel",
)  # fmt: skip


def invitation_text(event: Event, greeting_name: str, organisation: str, email: str) -> str:
    """Our invitation's text part, as the template renders it."""
    if event.language == "en":
        return "\n".join([
            NETWORK, "", "INVITATION", "", f"Dear {greeting_name},", "",
            *[p + "\n" for p in event.paragraphs], event.title, "",
            f"When: {event.when}", f"Time: {event.time}", f"Where: {event.place}",
            event.address, "View on the map [1]", "",
            f"Please let us know {event.deadline} who will attend on behalf of your organisation.",
            "", f"Each organisation can send up to {event.cap} people.", "",
            "Signing up is easy: reply to this email with the names of the people who will "
            "attend. If nobody can come, please let us know as well.", "",
            "Reply to this invitation [2]", "",
            f"You receive this email at {email} because you are a contact person at "
            f"{organisation} in {NETWORK}.", "", "Unsubscribe from these messages [3]",
        ])  # fmt: skip
    return "\n".join([
        NETWORK, "", "UITNODIGING", "", f"Beste {greeting_name},", "",
        *[p + "\n" for p in event.paragraphs], event.title, "",
        f"Wanneer: {event.when}", f"Tijd: {event.time}", f"Waar: {event.place}",
        event.address, "Bekijk op de kaart [1]", "",
        f"Laat ons {event.deadline} weten wie er namens uw organisatie komt.", "",
        f"Per organisatie kunnen maximaal {event.cap} personen komen.", "",
        "Aanmelden is eenvoudig: beantwoord deze e-mail en zet in uw antwoord de namen van de "
        "mensen die komen. Kan er niemand komen? Laat het ons dan ook weten.", "",
        "Beantwoord deze uitnodiging [2]", "",
        f"U ontvangt deze e-mail op {email} omdat u contactpersoon bent bij {organisation} "
        f"binnen {NETWORK}.", "", "Afmelden voor deze berichten [3]",
    ])  # fmt: skip


SENT = datetime(2029, 5, 14, 9, 30, tzinfo=timezone(timedelta(hours=2)))
_QUOTED_HEADERS = {
    "outlook_nl": "Van: {net} <{reply}>\nVerzonden: maandag 14 mei 2029 09:30\nAan: {to}\n"
    "Onderwerp: {subject}\n\n",
    "outlook_be": "Van: {net} [mailto:{reply}] \nVerzonden: maandag 14 mei 2029 9:30\nAan: {to}\n"
    "Onderwerp: {subject}\n\n",
    "outlook_en": "From: {net} <{reply}>\nSent: Monday, May 14, 2029 9:30 AM\nTo: {to}\n"
    "Subject: {subject}\n\n",
    "owa_nl": "________________________________\nVan: {net} <{reply}>\n"
    "Verzonden: maandag 14 mei 2029 09:30\nAan: {to}\nOnderwerp: {subject}\n\n",
    "owa_bold": "\n*Van:* {net} <{reply}>\n*Verzonden:* maandag 14 mei 2029 09:30\n"
    "*Aan:* {to}\n*Onderwerp:* {subject}\n\n",
    "outlook_com": "Van: {net} <{reply}>\nVerstuurd: maandag 14 mei 2029 09:30\nAan: {to}\n"
    "Onderwerp: {subject}\n\n",
    "webmail": '----- Oorspronkelijk bericht -----\nVan: "{net}" <{reply}>\nAan: {to}\n'
    "Verzonden: maandag 14 mei 2029 09:30:12\nOnderwerp: {subject}\n\n",
    "outlook_sep": "-----Oorspronkelijk bericht-----\nVan: {net} <{reply}> \n"
    "Verzonden: maandag 14 mei 2029 09:30\nAan: {to}\nOnderwerp: {subject}\n\n",
    "yahoo_nl": "   ----- Oorspronkelijk bericht ----- Van: {net} <{reply}>Aan: {to}"
    "Verzonden: maandag 14 mei 2029 09:30:12 CESTOnderwerp: {subject}\n\n",
}
_ATTRIBUTIONS = {
    "gmail_nl": "Op ma 14 mei 2029 om 09:30 schreef {net} <\n{reply}>:\n\n",
    "gmail_nl_one": "Op ma 14 mei 2029 om 09:30 schreef {net} <{reply}>:\n\n",
    "gmail_en": "On Mon, May 14, 2029 at 9:30 AM {net} <{reply}> wrote:\n\n",
    "apple_nl": "> Op 14 mei 2029 om 09:30 heeft {net} <{reply}> het volgende geschreven:\n>\n",
    "iphone_nl": "> Op 14 mei 2029 om 09:30 heeft {net} <{reply}> het volgende geschreven:\n>\n",
    "thunderbird_nl": "Op 14-05-2029 om 09:30 schreef {net}:\n",
    "thunderbird_en": "On 14/05/2029 09:30, {net} wrote:\n",
    "outlook2019_nl": "Op 14/05/2029 09:30 heeft {net} <{reply}> geschreven:\n\n",
}


def quote_block(case: Case, event: Event) -> str:
    to = formataddr((case.from_name, case.from_email))
    subject = f"{'Invitation' if event.language == 'en' else 'Uitnodiging'}: {event.title}"
    invitation = invitation_text(event, case.greeting_name(), case.organisation, case.from_email)
    fill = {"net": NETWORK, "reply": REPLY_ADDRESS, "to": to, "subject": subject}
    if case.client in _QUOTED_HEADERS:
        return _QUOTED_HEADERS[case.client].format(**fill) + invitation
    head = _ATTRIBUTIONS[case.client].format(**fill)
    quoted = "\n".join(f"> {line}".rstrip() for line in invitation.split("\n"))
    return head + quoted


def forward_block(case: Case, event: Event) -> str:
    """The colleague's copy: the forwarder's note, then the invitation."""
    fwd = case.forwarded_by
    assert fwd is not None
    name, email, note = fwd
    subject = f"{'Invitation' if event.language == 'en' else 'Uitnodiging'}: {event.title}"
    invitation = invitation_text(event, name, case.organisation, email)
    return (
        f"Van: {name} <{email}>\nVerzonden: dinsdag 15 mei 2029 11:02\n"
        f"Aan: {formataddr((case.from_name, case.from_email))}\nOnderwerp: FW: {subject}\n\n"
        f"{note}\n\n-----Oorspronkelijk bericht-----\nVan: {NETWORK} <{REPLY_ADDRESS}>\n"
        f"Verzonden: maandag 14 mei 2029 09:30\nAan: {name} <{email}>\nOnderwerp: {subject}\n\n"
        f"{invitation}"
    )


def body_text(case: Case) -> str:
    event = EVENTS[case.event]
    quote = forward_block(case, event) if case.forwarded_by else quote_block(case, event)
    own = case.reply + (f"\n\n{case.signature}" if case.signature else "")
    if case.client == "iphone_nl" and "iPhone" not in own:
        own += "\n\nVerstuurd vanaf mijn iPhone"
    if case.bottom:
        return f"{quote}\n\n{own}\n"
    return f"{own}\n\n{quote}\n"


def body_html(case: Case) -> str:
    """An HTML-only client: the reply above the client's own quote marker."""
    event = EVENTS[case.event]
    own = case.reply + (f"\n\n{case.signature}" if case.signature else "")
    own_html = "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in own.split("\n\n"))
    invitation = invitation_text(event, case.greeting_name(), case.organisation, case.from_email)
    inv_html = "".join(
        f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in invitation.split("\n\n")
    )
    if case.client == "html_gmail":
        return (
            f'<div dir="ltr">{own_html}</div><br><div class="gmail_quote"><div dir="ltr" '
            f'class="gmail_attr">Op ma 14 mei 2029 om 09:30 schreef {escape(NETWORK)} &lt;'
            f'<a href="mailto:{REPLY_ADDRESS}">{REPLY_ADDRESS}</a>&gt;:<br></div>'
            f'<blockquote class="gmail_quote" style="margin:0 0 0 .8ex">{inv_html}'
            "</blockquote></div>"
        )
    return (
        f'<html><body><div class="WordSection1">{own_html}</div><hr>'
        f'<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>Van:</b> {escape(NETWORK)} '
        f"&lt;{REPLY_ADDRESS}&gt;<br><b>Verzonden:</b> maandag 14 mei 2029 09:30<br>"
        f"<b>Aan:</b> {escape(case.from_name)}<br><b>Onderwerp:</b> Uitnodiging: "
        f"{escape(event.title)}</font><div>&nbsp;</div></div><div>{inv_html}</div></body></html>"
    )


def _charset(name: str, encoding: str) -> Charset:
    charset = Charset(name)
    charset.body_encoding = {"qp": QP, "base64": BASE64}.get(encoding)
    return charset


def message_bytes(case: Case, number: int) -> bytes:
    event = EVENTS[case.event]
    charset_name = "iso-8859-1" if case.encoding == "latin1" else "utf-8"
    encoding = "qp" if case.encoding == "latin1" else case.encoding
    html = case.client.startswith("html_")
    payload = body_html(case) if html else body_text(case)
    if charset_name == "iso-8859-1":  # what a latin-1 client sends for these
        payload = payload.replace("–", "-").replace("👍", "")
    part = MIMEText("", "html" if html else "plain")
    del part["Content-Transfer-Encoding"]
    part.set_payload(payload, _charset(charset_name, encoding))
    message: MIMEText | MIMEMultipart = part
    if case.alternative and not html:
        message = MIMEMultipart("alternative", boundary=f"=_reply_{number:03d}")
        message.attach(part)
        own = escape(case.reply).replace("\n", "<br>")
        message.attach(MIMEText(f"<div>{own}</div><blockquote>…</blockquote>", "html", "utf-8"))
    prefix = "Invitation" if event.language == "en" else "Uitnodiging"
    message["Subject"] = case.subject or f"{case.re_prefix} {prefix}: {event.title}"
    message["From"] = formataddr((case.display_name or case.from_name, case.from_email))
    message["To"] = formataddr((NETWORK, REPLY_ADDRESS))
    message["Date"] = format_datetime(SENT + timedelta(hours=number + 3))
    message["Message-ID"] = f"<reply-{number:03d}-{case.id}@{case.from_email.split('@')[1]}>"
    message["In-Reply-To"] = "<inv.k7Qm2xVb@pleinpost.example>"
    return message.as_bytes()


def write(out: Path = OUT) -> None:
    out.mkdir(parents=True, exist_ok=True)
    expected = {}
    for number, case in enumerate(CASES, 1):
        name = f"{number:03d}_{case.id}.eml"
        (out / name).write_bytes(message_bytes(case, number))
        expected[name] = case.expected()
    (out / "expected.json").write_text(
        json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    write()
