# ruff: noqa: E501  (mail data: lines are kept as clients write them)
"""Writes tests/inbound/corpus_heldout/round3/: the third held-out round.

Written before its writer read the reading rules (mailer/inbound/), apart from
rounds 1-2 (``heldout_corpus.py``): another event with its own invitation
text (whose quote says "Ja, nee of misschien?", names its organisers and an
invited organisation), other organisations and people, and what rounds 1-2
had little of: shared mailboxes (info@, secretariaat@) signed by someone
else, colleagues answering a forwarded invitation from their own address,
English replies to the Dutch invitation, Outlook on the web and new Outlook
HTML-only replies (``divRplyFwdMsg``), Gmail mobile, Samsung's "Verzonden
vanaf mijn Galaxy", names in tables and lists, "namens", double-barrelled
names, initials, accents and capitals, one organisation answering three
times, over the cap, late, and the automated mail that must never count
(out-of-office, a ticket system, a full mailbox, a delay, an Outlook recall).

Run ``.venv/bin/python -m tests.inbound.heldout3_corpus`` to regenerate.
Expectations use the format of ``heldout_corpus``: what a coordinator
reading the mail would record (the writer with the From address).
"""

from __future__ import annotations

import base64
import io
import quopri
import zipfile
from html import escape

from tests.inbound.heldout_mime import NETWORK, NETWORK_FROM, address, body, headers, quoted
from tests.inbound.heldout_round import SECRET as SECRET
from tests.inbound.heldout_round import Corpus, Invited, Round, domain_of, paragraphs_html

TITLE = "Regiomiddag: ritten delen tussen initiatieven"
PLACE = "Dorpshuis De Kruisweg"
ADDRESS = "Schoolstraat 7, 9998 KL Ellerveld"
ORGANISERS = ("Yvonne Kamphuis", "Ruud Oosting")
SENT_NL = "maandag 30 november 2026 10:02"

ROUND = Round(
    3,
    TITLE,
    PLACE,
    ADDRESS,
    ORGANISERS,
    first_day=1,
    days=10,
    month="Dec 2026",
    hours=9,
    minute_step=13,
    mid_factor=6151,
    mail_in_expected=False,  # round 3 expectations predate the ``mail`` key
)
OUT = ROUND.out
CORPUS = Corpus(ROUND)
ORGS = CORPUS.orgs
CASES = CORPUS.cases
org = CORPUS.org
case = CORPUS.case
write = CORPUS.write
date = ROUND.date
mid = ROUND.mid


# --- the invitation of this round ------------------------------------------------------


def invitation(o: Invited) -> str:
    first = o.contact.split()[0]
    return f"""{NETWORK}

UITNODIGING

Beste {first},

Steeds meer vervoersinitiatieven krijgen ritaanvragen die ze zelf niet kunnen rijden. Op deze regiomiddag verkennen we of initiatieven ritten met elkaar kunnen delen: wie heeft ruimte over, wie zoekt hulp, en wat moet je daarvoor samen afspreken?

Programma
14.00 Inloop met koffie en thee
14.30 Ja, nee of misschien? De Belbus Westkwartier vertelt over een jaar gedeelde ritten
15.15 Gesprekstafels
16.30 Afsluiting met een hapje en een drankje

Wanneer: donderdag 14 januari 2027, 14.00–17.00 uur
Waar: {PLACE}, {ADDRESS}

Meld u vóór vrijdag 18 december aan en laat ons weten wie er komen. Er is plaats voor maximaal 2 personen per organisatie.

Ja, wij komen [1]    Nee, helaas [2]

Gewoon deze e-mail beantwoorden mag ook: zet dan de namen van wie er komen in uw antwoord.
Ons antwoordadres voor deze uitnodiging, ook voor een collega die hem doorgestuurd kreeg: {o.reply}

Vragen? Bel of mail {ORGANISERS[0]} (06-41 22 73 90) of {ORGANISERS[1]}.

Met hartelijke groet,
{ORGANISERS[0]} en {ORGANISERS[1]}
Team Regiomiddag

U ontvangt deze e-mail omdat u contactpersoon bent van {o.organisation}.
Afmelden voor deze berichten [3]

[1] mailto:{o.reply}?subject=Ja%2C%20wij%20komen
[2] mailto:{o.reply}?subject=Nee%2C%20helaas
[3] https://pleinpost.example/u/y"""


def invitation_html(o: Invited) -> str:
    return paragraphs_html(invitation(o))


def newsletter_text(o: Invited) -> str:
    return f"""{NETWORK}

NIEUWSBRIEF DECEMBER

Nieuwe ritplanner voor kleine initiatieven
Vanaf januari kunnen initiatieven gratis een eenvoudige ritplanner gebruiken. Drie buurtbussen probeerden hem dit najaar uit.

Vrijwilligersavond
Op 5 februari bedanken we alle chauffeurs met een avond in het provinciehuis.

U ontvangt deze nieuwsbrief omdat u contactpersoon bent van {o.organisation}.
Afmelden voor deze berichten [1]

[1] https://pleinpost.example/u/z"""


def subject() -> str:
    return f"Uitnodiging: {TITLE}"


# --- one plain reply, one HTML reply -------------------------------------------------------


def plain_reply(
    o: Invited,
    n: int,
    text: str,
    *,
    sender: tuple[str, str] | None = None,
    subj: str = "",
    charset: str = "utf-8",
    cte: str = "8bit",
    extra: str = "",
    to: str = "",
    in_reply_to: str | None = None,
    when: str = "",
) -> str:
    name, email = sender or (o.contact, o.email)
    head = headers(
        sender=address(name, email),
        to=to or address(NETWORK, o.reply),
        subject=subj or f"RE: {subject()}",
        date=when or date(n),
        message_id=mid(n, domain_of(email)),
        in_reply_to=o.message_id if in_reply_to is None else in_reply_to,
        extra=extra,
    )
    return head + body(text, charset=charset, cte=cte)


def html_reply(
    o: Invited,
    n: int,
    html: str,
    *,
    sender: tuple[str, str] | None = None,
    subj: str = "",
    extra: str = "",
    cte: str = "quoted-printable",
) -> str:
    """An HTML-only reply (Outlook on the web, new Outlook, some phones)."""
    name, email = sender or (o.contact, o.email)
    return headers(
        sender=address(name, email),
        to=address(NETWORK, o.reply),
        subject=subj or f"RE: {subject()}",
        date=date(n),
        message_id=mid(n, domain_of(email)),
        in_reply_to=o.message_id,
        extra=extra,
    ) + body(html, subtype="html", cte=cte)


# --- the clients' quoting in this round --------------------------------------------------


def owa_plain(o: Invited) -> str:
    """Outlook on the web's text part: a rule of underscores, then bold-less labels."""
    return (
        "________________________________\n"
        f"Van: {NETWORK} <{o.reply}>\nVerzonden: {SENT_NL}\nAan: {o.contact} <{o.email}>\n"
        f"Onderwerp: {subject()}\n\n" + invitation(o)
    )


def outlook_nl(o: Invited, *, cc: str = "") -> str:
    cc_line = f"CC: {cc}\n" if cc else ""
    return (
        f"Van: {NETWORK} <{o.reply}>\nVerzonden: {SENT_NL}\nAan: {o.contact} <{o.email}>\n{cc_line}"
        f"Onderwerp: {subject()}\n\n" + invitation(o)
    )


def divrply(
    o: Invited, labels: tuple[str, str, str, str] = ("Van", "Verzonden", "Aan", "Onderwerp")
) -> str:
    """The header block Outlook on the web and new Outlook put under an HTML reply."""
    frm, sent, to, subj = labels
    return (
        '<div id="appendonsend"></div>\n<hr style="display:inline-block;width:98%" tabindex="-1">\n'
        '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">'
        f"<b>{frm}:</b> {escape(NETWORK)} &lt;{o.reply}&gt;<br>\n<b>{sent}:</b> {SENT_NL}<br>\n"
        f"<b>{to}:</b> {escape(o.contact)} &lt;{o.email}&gt;<br>\n<b>{subj}:</b> {escape(subject())}</font>"
        "<div>&nbsp;</div>\n</div>\n<div>\n" + invitation_html(o) + "</div>\n"
    )


def owa_html(o: Invited, own: str, *, new_outlook: bool = False) -> str:
    if new_outlook:
        top_part = (
            '<div class="elementToProof" style="font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">'
            + own
            + "</div>\n"
        )
    else:
        top_part = (
            '<div id="divtagdefaultwrapper" style="font-size:12pt;color:#000000;font-family:Calibri,Helvetica,sans-serif;" dir="ltr">\n'
            + own
            + "\n</div>\n"
        )
    return (
        '<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
        '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>\n'
        '</head>\n<body dir="ltr">\n' + top_part + divrply(o) + "</body>\n</html>"
    )


def gmail_attribution(o: Invited) -> str:
    return f"Op ma 30 nov 2026 om 10:02 schreef {NETWORK} <{o.reply}>:"


def gmail_mobile(o: Invited, n: int, own: str, *, sender: tuple[str, str] | None = None) -> str:
    """Gmail for Android: text and HTML, the HTML in ``dir="auto"`` divs."""
    name, email = sender or (o.contact, o.email)
    plain = f"{own}\n\n{gmail_attribution(o)}\n\n" + quoted(invitation(o))
    own_html = "".join(
        f'<div dir="auto">{escape(line) or "<br>"}</div>' for line in own.split("\n")
    )
    html = (
        f'{own_html}<br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">'
        f'Op ma 30 nov 2026 om 10:02 schreef {escape(NETWORK)} &lt;<a href="mailto:{o.reply}">{o.reply}</a>&gt;:<br></div>'
        '<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">'
        + invitation_html(o)
        + "</blockquote></div>"
    )
    return headers(
        sender=address(name, email),
        to=o.reply,
        subject=f"Re: {subject()}",
        date=date(n),
        message_id=f"<CAJx{n:03d}mobile+Yq7=Lk@mail.gmail.com>",
        in_reply_to=o.message_id,
    ) + (
        'Content-Type: multipart/alternative; boundary="000000000000a1b2c3d4e5f6"\n\n'
        f"--000000000000a1b2c3d4e5f6\n{body(plain, cte='quoted-printable')}\n"
        f"--000000000000a1b2c3d4e5f6\n{body(html, subtype='html', cte='quoted-printable')}\n"
        "--000000000000a1b2c3d4e5f6--\n"
    )


def samsung(o: Invited, english: bool = False) -> str:
    if english:
        return (
            "\n\n\nSent from my Galaxy\n\n\n-------- Original message --------\n"
            f"From: {NETWORK} <{o.reply}> \nDate: 30/11/2026 10:02 (GMT+01:00) \nTo: {o.email} \n"
            f"Subject: {subject()} \n\n" + invitation(o)
        )
    return (
        "\n\n\nVerzonden vanaf mijn Galaxy\n\n\n-------- Oorspronkelijk bericht --------\n"
        f"Van: {NETWORK} <{o.reply}> \nDatum: 30-11-2026 10:02 (GMT+01:00) \nAan: {o.email} \n"
        f"Onderwerp: {subject()} \n\n" + invitation(o)
    )


def apple_nl(o: Invited) -> str:
    return (
        f"> Op 30 nov 2026, om 10:02, heeft {NETWORK} <{o.reply}> het volgende geschreven:\n>\n"
        + quoted(invitation(o))
    )


def thunderbird_en(o: Invited) -> str:
    return f"On 30-11-2026 10:02, {NETWORK} wrote:\n" + quoted(invitation(o))


def gmail_forward(o: Invited) -> str:
    return (
        "---------- Forwarded message ---------\n"
        f"Van: {NETWORK} <{o.reply}>\nDate: ma 30 nov 2026 om 10:02\nSubject: {subject()}\n"
        f"To: {o.contact} <{o.email}>\n\n\n" + invitation(o)
    )


def outlook_forward_chain(o: Invited, colleague: str, colleague_email: str, note: str) -> str:
    """What a colleague quotes when answering a forward: the contact's FW, then the invitation."""
    return (
        f"Van: {o.contact} <{o.email}>\nVerzonden: dinsdag 1 december 2026 08:47\n"
        f"Aan: {colleague} <{colleague_email}>\nOnderwerp: FW: {subject()}\n\n{note}\n\n"
        + outlook_nl(o)
    )


def top(reply: str, quote: str) -> str:
    return f"{reply}\n\n{quote}\n"


def bottom(reply: str, quote: str) -> str:
    return f"{quote}\n\n{reply}\n"


# --- automated mail ------------------------------------------------------------------------


def dsn(
    o: Invited,
    n: int,
    *,
    sender: str,
    subj: str,
    human: str,
    action: str,
    status: str,
    diag: str,
    mta: str,
    headers_only: bool = False,
    human_subtype: str = "plain",
) -> str:
    original_head = (
        f"From: {NETWORK} <{NETWORK_FROM}>\nReply-To: {o.reply}\nTo: {o.email}\n"
        f"Subject: {subject()}\nMessage-ID: {o.message_id}\nDate: Mon, 30 Nov 2026 10:02:11 +0100\n"
        "MIME-Version: 1.0\n"
    )
    if headers_only:
        original = "Content-Type: text/rfc822-headers\n\n" + original_head
    else:
        original = (
            "Content-Type: message/rfc822\n\n"
            + original_head
            + 'Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: 8bit\n\n'
            + invitation(o)
            + "\n"
        )
    return (
        headers(
            sender=sender,
            to=o.reply,
            subject=subj,
            date=date(n),
            message_id=mid(n, mta),
            extra="Auto-Submitted: auto-replied\nReturn-Path: <>",
        )
        + 'Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="r3_report_b"\n\n'
        "--r3_report_b\n"
        + body(human, subtype=human_subtype, cte="quoted-printable")
        + "\n--r3_report_b\nContent-Type: message/delivery-status\n\n"
        f"Reporting-MTA: dns;{mta}\nReceived-From-MTA: dns;mail.pleinpost.example\n"
        "Arrival-Date: Mon, 30 Nov 2026 09:02:12 +0000\n\n"
        f"Original-Recipient: rfc822;{o.email}\nFinal-Recipient: rfc822;{o.email}\n"
        f"Action: {action}\nStatus: {status}\nDiagnostic-Code: smtp;{diag}\n\n"
        f"--r3_report_b\n{original}\n--r3_report_b--\n"
    )


def ics(o: Invited, partstat: str, cn: str, email: str, *, prodid: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "METHOD:REPLY",
        "VERSION:2.0",
        f"PRODID:{prodid}",
        "BEGIN:VEVENT",
        f'ATTENDEE;CN="{cn}";CUTYPE=INDIVIDUAL;EMAIL="{email}";PARTSTAT={partstat};ROLE=REQ-PARTICIPANT:mailto:{email}',
        "DTEND;TZID=Europe/Amsterdam:20270114T170000",
        "DTSTAMP:20261203T081500Z",
        "DTSTART;TZID=Europe/Amsterdam:20270114T140000",
        f'ORGANIZER;CN="{NETWORK}":mailto:{o.reply}',
        "SEQUENCE:0",
        f"SUMMARY:{TITLE}",
        "UID:pleinpost-r3-regiomiddag@pleinpost.example",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"


def apple_calendar(
    o: Invited, n: int, subj: str, text: str, cal: str, sender: tuple[str, str]
) -> str:
    """macOS / iOS Calendar: a short text part and the REPLY as quoted-printable text/calendar."""
    qp = quopri.encodestring(cal.encode("utf-8")).decode("ascii")
    return (
        headers(
            sender=address(*sender),
            to=o.reply,
            subject=subj,
            date=date(n),
            message_id=f"<{n:03d}E1F2A3-77B4-4C1D-9A0E-R3APPLE@icloud.com>",
            extra="X-Mailer: iPhone Mail (22B91)",
        )
        + 'Content-Type: multipart/mixed; boundary="Apple-Mail=_r3-cal"\n\n--Apple-Mail=_r3-cal\n'
        + body(text, charset="us-ascii", cte="7bit")
        + '\n--Apple-Mail=_r3-cal\nContent-Type: text/calendar; charset="utf-8"; method=REPLY; name="iCal-20261203-091500.ics"\n'
        'Content-Disposition: inline; filename="iCal-20261203-091500.ics"\nContent-Transfer-Encoding: quoted-printable\n\n'
        + qp
        + "\n--Apple-Mail=_r3-cal--\n"
    )


def outlook_calendar(
    o: Invited, n: int, subj: str, text: str, cal: str, sender: tuple[str, str]
) -> str:
    encoded = base64.encodebytes(cal.encode("utf-8")).decode("ascii")
    return (
        headers(
            sender=address(*sender),
            to=address(NETWORK, o.reply),
            subject=subj,
            date=date(n),
            message_id=mid(n, domain_of(sender[1])),
            extra="Thread-Topic: " + TITLE + "\nX-MS-Has-Attach: \nX-MS-TNEF-Correlator: ",
        )
        + 'Content-Type: multipart/alternative; boundary="_000_r3cal_"\n\n--_000_r3cal_\n'
        + body(text, cte="quoted-printable")
        + '\n--_000_r3cal_\nContent-Type: text/calendar; charset="utf-8"; method=REPLY\nContent-Transfer-Encoding: base64\n\n'
        + encoded
        + "\n--_000_r3cal_--\n"
    )


def docx_bytes(text: str) -> bytes:
    """A minimal but real .docx (a zip with the Word parts)."""
    buf = io.BytesIO()
    stamp = (2026, 12, 4, 9, 0, 0)  # fixed, so the file is the same on every run
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
        + escape(text)
        + "</w:t></w:r></w:p></w:body></w:document>",
    }
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(zipfile.ZipInfo(name, date_time=stamp), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


# === the network ==========================================================================

# an organisation that is named in replies and in the invitation, never a person
BELBUS = org("Belbus Westkwartier", "Sandra Kooistra", "sandra.kooistra@belbuswestkwartier.nl")

# --- shared mailboxes and colleagues -------------------------------------------------------

o = org("Buurtbus Delta", "Secretariaat Buurtbus Delta", "info@buurtbusdelta.nl")
case(
    "shared_info_mailbox_signed_by_coordinator",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Goedemiddag,\n\nDank voor de uitnodiging, daar gaan we graag heen. Ik kom zelf, samen met mijn collega Gert Alberts.\n\nMet vriendelijke groet,\n\nWilma Hoogeveen\nCoördinator planning\nBuurtbus Delta | 0591-22 33 44",
            outlook_nl(i),
        ),
        sender=("Buurtbus Delta", i.email),
    ),
    decision="attending",
    attendees=[("Wilma Hoogeveen", "info@buurtbusdelta.nl"), ("Gert Alberts", None)],
    note="From shows the organisation; the writer signs",
)

o = org("Stichting Welzijn Ellerveld", "Joke Verbeek", "secretariaat@welzijnellerveld.nl")
case(
    "office_namens_director_accent_initial",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Geachte heer, mevrouw,\n\nNamens onze directeur, mevrouw A. Çelik, laat ik u weten dat zij graag bij de regiomiddag aanwezig is. Zij komt samen met beleidsmedewerker Thijs Bakker.\n\nMet vriendelijke groet,\n\nJoke Verbeek\nSecretariaat Stichting Welzijn Ellerveld",
            outlook_nl(i),
        ),
        sender=("Secretariaat Welzijn Ellerveld", i.email),
        charset="windows-1252",
        cte="quoted-printable",
    ),
    decision="attending",
    attendees=[("A. Çelik", None), ("Thijs Bakker", None)],
    note="the secretary writes for two others; she does not come",
)

o = org("Vervoersdienst De Linde", "Harm Tuinman", "harm@delinde-vervoer.nl")
case(
    "colleague_own_address_forward_contact_cannot",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Goedendag,\n\nHarm stuurde mij jullie uitnodiging door. Ik kom namens De Linde; Harm kan zelf helaas niet.\n\nGroet,\nSevda Öztürk\nplanner Vervoersdienst De Linde",
            outlook_forward_chain(
                i,
                "Sevda Öztürk",
                "sevda@delinde-vervoer.nl",
                "Sevda, is dit iets voor jou? Ik zit die dag in Assen.",
            ),
        ),
        sender=("Sevda Öztürk", "sevda@delinde-vervoer.nl"),
        subj=f"RE: FW: {subject()}",
        extra="Cc: Harm Tuinman <harm@delinde-vervoer.nl>",
        in_reply_to="<DB9PR01MB7788A1@delinde-vervoer.nl>",
    ),
    decision="attending",
    attendees=[("Sevda Öztürk", "sevda@delinde-vervoer.nl")],
)

o = org("Gemeente Ellerveld", "Marieke Span", "m.span@ellerveld.nl", kind="municipality")
case(
    "colleague_new_mail_to_sender_address_domain",
    o,
    lambda i, n: (
        headers(
            sender=address("Groot, Pieter-Jan de", "p.degroot@ellerveld.nl"),
            to=NETWORK_FROM,
            subject="Aanmelding regiomiddag 14 januari",
            date=date(n),
            message_id=mid(n, "ellerveld.nl"),
        )
        + body(
            "Beste organisatie,\n\nMijn collega Marieke Span stuurde mij jullie uitnodiging voor de regiomiddag door. Ik wil mij daar graag voor aanmelden.\n\nMet vriendelijke groet,\n\nPieter-Jan de Groot\nBeleidsadviseur Wmo\nGemeente Ellerveld\nT 14 0599"
        )
    ),
    decision="attending",
    attendees=[("Pieter-Jan de Groot", "p.degroot@ellerveld.nl")],
    note="no reference to our mail: only the domain ties it to the municipality",
)

# --- English replies to the Dutch invitation -------------------------------------------------

o = org("Stichting Rijdende Kracht", "Deepa Raman", "deepa@rijdendekracht.nl")
case(
    "en_gmail_myself_and_coordinator",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Hi Yvonne and Ruud,\n\nThanks for the invitation - my Dutch is still a work in progress, so I hope English is fine. Two of us will join: myself and our volunteer coordinator, Tom Hendriks.\n\nBest,\nDeepa",
            gmail_attribution(i) + "\n\n" + quoted(invitation(i)),
        ),
        subj=f"Re: {subject()}",
    ),
    decision="attending",
    attendees=[("Deepa Raman", "deepa@rijdendekracht.nl"), ("Tom Hendriks", None)],
)

o = org("Stichting Dial-a-Ride Oostland", "Daniel Murphy", "d.murphy@dialaride-oostland.nl")
case(
    "en_decline_board_meeting_keep_posted",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Hello,\n\nI'm afraid none of us can be there on the 14th - our board meets that same afternoon. Please do keep us posted about future sessions though, the topic is very relevant for us.\n\nKind regards,\nDaniel Murphy",
            "From: "
            + NETWORK
            + f" <{i.reply}>\nSent: Monday, November 30, 2026 10:02 AM\nTo: {i.contact} <{i.email}>\nSubject: {subject()}\n\n"
            + invitation(i),
        ),
    ),
    decision="declined",
)

o = org("Eemsdelta Rijdt Mee", "Noor Haddad", "noor@eemsdeltarijdtmee.nl")
case(
    "en_samsung_me_and_colleague",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        "Yes I'll come, together with my colleague Lars Jensen" + samsung(i, english=True),
        subj=f"RE: {subject()}",
    ),
    decision="attending",
    attendees=[("Noor Haddad", "noor@eemsdeltarijdtmee.nl"), ("Lars Jensen", None)],
)

o = org("Stichting Groene Rit", "Sophie Laurent", "sophie@groenerit.nl")
case(
    "en_gmail_mobile_count_us_in_names",
    o,
    lambda i, n: gmail_mobile(i, n, "Count us in! Sophie Laurent and Mark de Groot will be there."),
    decision="attending",
    attendees=[("Sophie Laurent", "sophie@groenerit.nl"), ("Mark de Groot", None)],
)

o = org("Oostland Community Transport", "Grace Okafor", "grace@oostlandct.org")
case(
    "en_maybe_cannot_promise",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Dear Yvonne,\n\nI would like to come but can't promise anything yet - I'll confirm by the end of next week.\n\nWarm regards,\nGrace Okafor\nOostland Community Transport",
            thunderbird_en(i),
        ),
        subj=f"Re: {subject()}",
    ),
    decision="maybe",
    attendees=[("Grace Okafor", "grace@oostlandct.org")],
)

o = org("Stichting Buitenritten", "Peter Vaughan", "peter@buitenritten.nl")
case(
    "en_give_this_one_a_miss",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "We'll have to give this one a miss, unfortunately. Good luck with the afternoon!\n\nPeter",
            outlook_nl(i),
        ),
    ),
    decision="declined",
)

o = org("Stichting Sunrise Vervoer", "Hannah Brooks", "hannah@sunrisevervoer.nl")
case(
    "en_button_sorry_cannot_come",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        "Unfortunately we cannot come.\n",
        subj=f"Sorry, we can't come: {TITLE}",
        in_reply_to="",
    ),
    decision="declined",
    note="the English button, pressed under a Dutch invitation",
)

# --- Outlook on the web and new Outlook, HTML only --------------------------------------------

case(
    "owa_html_only_self_and_driver_org_in_quote",
    BELBUS,
    lambda i, n: html_reply(
        i,
        n,
        owa_html(
            i,
            "<p>Goedemorgen,</p><p><br></p><p>Wij zijn erbij! Ik kom zelf en neem Bas Wiersma mee, hij rijdt al jaren voor ons.</p><p><br></p><p>Groeten,</p><p>Sandra</p>",
        ),
    ),
    decision="attending",
    attendees=[("Sandra Kooistra", "sandra.kooistra@belbuswestkwartier.nl"), ("Bas Wiersma", None)],
    note="the quoted programme names this organisation and says 'Ja, nee of misschien?'",
)

o = org("Rolstoelbus Eemsmond", "Frank Dijkman", "f.dijkman@rolstoelbuseemsmond.nl")
case(
    "new_outlook_html_only_decline",
    o,
    lambda i, n: html_reply(
        i,
        n,
        owa_html(
            i,
            "<div>Beste Ruud,</div><div><br></div><div>Wij kunnen er dit keer helaas niet bij zijn; die middag is onze jaarlijkse chauffeursdag.</div><div><br></div><div>Met vriendelijke groet,</div><div>Frank Dijkman</div>",
            new_outlook=True,
        ),
    ),
    decision="declined",
)

o = org("Stichting Meerijden Noord", "Hanneke Dijkstra", "hanneke@meerijdennoord.nl")
case(
    "new_outlook_html_bulleted_names",
    o,
    lambda i, n: html_reply(
        i,
        n,
        owa_html(
            i,
            "<div>Beste Yvonne,</div><div><br></div><div>Graag melden wij de volgende personen aan:</div><ul><li>Hanneke Dijkstra (secretaris)</li><li>Mohamed El Khatib (chauffeur)</li></ul><div>Groet,</div><div>Hanneke</div>",
            new_outlook=True,
        ),
    ),
    decision="attending",
    attendees=[("Hanneke Dijkstra", "hanneke@meerijdennoord.nl"), ("Mohamed El Khatib", None)],
)
case(
    "outlook_recall_of_the_reply",
    o,
    lambda i, n: (
        headers(
            sender=address("Hanneke Dijkstra", i.email),
            to=address(NETWORK, i.reply),
            subject=f"Intrekken: RE: {subject()}",
            date=date(n),
            message_id=mid(n, "meerijdennoord.nl"),
            extra="Thread-Topic: "
            + TITLE
            + "\nX-MS-Exchange-Organization-RecallMessage: 1\nContent-Class: urn:content-classes:message",
        )
        + body(f'Hanneke Dijkstra wil het bericht "RE: {subject()}" intrekken.')
    ),
    kind="other",
    note="an Outlook recall: never an answer, never a decline",
)

o = org("Zorgcentrum Het Baken", "Lotte Vermeulen", "l.vermeulen@hetbaken.nl", kind="other")
case(
    "outlook_word_html_table_with_functions",
    o,
    lambda i, n: html_reply(
        i,
        n,
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta name="Generator" content="Microsoft Word 15 (filtered medium)"></head>'
        '<body lang="NL"><div class="WordSection1"><p class="MsoNormal">Goedemiddag,<o:p></o:p></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
        '<p class="MsoNormal">Hierbij onze aanmelding voor de regiomiddag:<o:p></o:p></p>'
        '<table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0"><tr><td><p class="MsoNormal"><b>Naam</b></p></td><td><p class="MsoNormal"><b>Functie</b></p></td><td><p class="MsoNormal"><b>E-mail</b></p></td></tr>'
        '<tr><td><p class="MsoNormal">Lotte Vermeulen</p></td><td><p class="MsoNormal">Activiteitenbegeleider</p></td><td><p class="MsoNormal"><a href="mailto:l.vermeulen@hetbaken.nl">l.vermeulen@hetbaken.nl</a></p></td></tr>'
        '<tr><td><p class="MsoNormal">Youssef Amrani</p></td><td><p class="MsoNormal">Vrijwilliger vervoer</p></td><td><p class="MsoNormal"><a href="mailto:y.amrani@hetbaken.nl">y.amrani@hetbaken.nl</a></p></td></tr></table>'
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p><p class="MsoNormal">Met vriendelijke groet,<o:p></o:p></p><p class="MsoNormal">Lotte Vermeulen<o:p></o:p></p>'
        '<div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>Van:</b> '
        f"{escape(NETWORK)} &lt;{i.reply}&gt; <br><b>Verzonden:</b> {SENT_NL}<br><b>Aan:</b> {escape(i.contact)} &lt;{i.email}&gt;<br><b>Onderwerp:</b> {escape(subject())}</p></div></div>"
        + invitation_html(i)
        + "</div></body></html>",
    ),
    decision="attending",
    attendees=[
        ("Lotte Vermeulen", "l.vermeulen@hetbaken.nl"),
        ("Youssef Amrani", "y.amrani@hetbaken.nl"),
    ],
)

# --- phones --------------------------------------------------------------------------------

o = org("Automaatje Ellerveld", "Jeroen Postma", "postmajeroen@gmail.com")
case(
    "gmail_mobile_short_yes_freemail",
    o,
    lambda i, n: gmail_mobile(i, n, "Ja ik kom"),
    decision="attending",
    attendees=[("Jeroen Postma", "postmajeroen@gmail.com")],
)

o = org("Vervoersclub De Brug", "Ria Smits", "riasmits@ziggo.nl")
case(
    "samsung_two_of_us_first_name_and_me",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        "Wij komen met z'n tweeën, Karel en ik.\n\nGr Ria" + samsung(i),
        subj=f"RE: {subject()}",
    ),
    decision="attending",
    attendees=[("Ria Smits", "riasmits@ziggo.nl"), ("Karel", None)],
)

o = org("Stichting Vervoer Oost-Groningen", "Dirk Wolters", "dirk@vervoeroostgroningen.nl")
case(
    "iphone_top_ik_ben_erbij",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        "Top, ik ben erbij!\n\nVerstuurd vanaf mijn iPhone\n\n" + apple_nl(i),
        subj=f"Re: {subject()}",
        extra="X-Mailer: iPhone Mail (22B91)",
        charset="utf-8",
        cte="quoted-printable",
    ),
    decision="attending",
    attendees=[("Dirk Wolters", "dirk@vervoeroostgroningen.nl")],
)

# --- names ---------------------------------------------------------------------------------

o = org(
    "Stichting Vervoer Veenkoloniën", "Carla Wouters-de Boer", "c.wouters@vervoerveenkolonien.nl"
)
case(
    "double_barrelled_initials_titles",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Geachte organisatie,\n\nNamens de stichting komen mw. C.A. Wouters-de Boer en dhr. J. de Vries.\n\nHoogachtend,\nC.A. Wouters-de Boer\nvoorzitter",
            outlook_nl(i),
        ),
        sender=("Wouters-de Boer, Carla", i.email),
    ),
    decision="attending",
    attendees=[("C.A. Wouters-de Boer", "c.wouters@vervoerveenkolonien.nl"), ("J. de Vries", None)],
)

o = org("Stichting Samen Onderweg", "Ayşe Yıldız", "ayse@samenonderweg.nl")
case(
    "accents_turkish_names_base64",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Merhaba / hallo,\n\nWij komen met twee personen: Ayşe Yıldız en Emre Şahin.\n\nGroeten,\nAyşe",
            owa_plain(i),
        ),
        cte="base64",
    ),
    decision="attending",
    attendees=[("Ayşe Yıldız", "ayse@samenonderweg.nl"), ("Emre Şahin", None)],
)

o = org("Stichting Nieuwkomers Onderweg", "Goran Petrović", "goran@nieuwkomersonderweg.nl")
case(
    "windows_1250_i_cannot_ivana_comes",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Dag Yvonne,\n\nIk ben zelf verhinderd, maar Ivana Šimić komt namens ons.\n\nMvg,\nGoran Petrović",
            outlook_nl(i),
        ),
        charset="windows-1250",
        cte="quoted-printable",
    ),
    decision="attending",
    attendees=[("Ivana Šimić", None)],
)

o = org("Dorpsbus Oud-Ellerveld", "Gerrit Bos", "gerritbos1951@hetnet.nl")
case(
    "all_caps_reply",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "GOEDEMIDDAG\nWIJ KOMEN MET 2 PERSONEN GERRIT BOS EN PETER VAN DAM\nGROET GERRIT",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    attendees=[("Gerrit Bos", "gerritbos1951@hetnet.nl"), ("Peter van Dam", None)],
    note="all capitals: review is a fair outcome, a wrong list is not",
)

o = org("Stichting Welzijn Oostermoer", "Ineke Mol", "i.mol@welzijnoostermoer.nl")
case(
    "namens_mevrouw_de_heer_initials",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Beste mensen,\n\nNamens Welzijn Oostermoer meld ik mevrouw T. Aydın en de heer R. Baldewsingh aan voor de regiomiddag.\n\nMet vriendelijke groet,\nIneke Mol\nmanagementassistent",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    attendees=[("T. Aydın", None), ("R. Baldewsingh", None)],
)

o = org("Stichting Dorpsauto Haren-Oost", "Info Dorpsauto", "info@dorpsautoharenoost.nl")
case(
    "shared_mailbox_names_line_writer_among_them",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Hallo,\n\nJa, wij komen. Namen: Trijntje van der Veen en Klaas Hummel.\n\nMvg, Trijntje",
            webmail(i),
        ),
        sender=("Info | Dorpsauto Haren-Oost", i.email),
    ),
    decision="attending",
    attendees=[("Trijntje van der Veen", "info@dorpsautoharenoost.nl"), ("Klaas Hummel", None)],
    note="the writer names herself; her address is the shared one",
)

o = org("Stichting Welzijn Zuidwolde", "Gerda Vos", "gerda.vos@welzijnzuidwolde.nl")
case(
    "button_yes_names_one_per_line",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        "Namen van wie er komen:\nGerda Vos\nHenk Vos\n\nMet vriendelijke groet,\nGerda Vos\n",
        subj=f"Ja, wij komen: {TITLE}",
        in_reply_to="",
    ),
    decision="attending",
    attendees=[("Gerda Vos", "gerda.vos@welzijnzuidwolde.nl"), ("Henk Vos", None)],
)


def webmail(o: Invited) -> str:
    """KPN/Ziggo webmail: a dashed header line and labels without a blank line."""
    return (
        f"----- Origineel bericht -----\nVan: {NETWORK} <{o.reply}>\nAan: {o.email}\n"
        f"Datum: 30 november 2026 10:02\nOnderwerp: {subject()}\n\n" + invitation(o)
    )


# --- one organisation answering three times ------------------------------------------------

o = org("Buurtvervoer Kloosterveen", "Femke Bos", "femke@buurtvervoerkloosterveen.nl")
case(
    "sequence_1_yes_self",
    o,
    lambda i, n: plain_reply(i, n, top("Ja, ik meld mij aan.\n\nGroet,\nFemke", outlook_nl(i))),
    decision="attending",
    attendees=[("Femke Bos", "femke@buurtvervoerkloosterveen.nl")],
)
case(
    "sequence_2_colleague_added",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Aanvulling op mijn vorige mail: mijn collega Niels Hofman komt ook mee.\n\nFemke",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    attendees=[("Niels Hofman", None)],
    addition=True,
)
case(
    "sequence_3_colleague_cancelled_self_stays",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Kleine wijziging: Niels Hofman kan toch niet mee. Ik kom wel gewoon.\n\nFemke",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    attendees=[("Femke Bos", "femke@buurtvervoerkloosterveen.nl")],
    note="one person off the list; the organisation still comes. Review is fair, a decline is wrong",
)

# --- cap, late -----------------------------------------------------------------------------

o = org("Vrijwillige Hulpdienst Zuidwolde", "Anton Wever", "anton@vhd-zuidwolde.nl")
case(
    "over_cap_four_names",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Beste Yvonne en Ruud,\n\nWe komen met z'n vieren: Anton Wever, Bert Lanting, Carla Mulder en Dineke Post.\n\nGroeten,\nAnton Wever",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    attendees=[
        ("Anton Wever", "anton@vhd-zuidwolde.nl"),
        ("Bert Lanting", None),
        ("Carla Mulder", None),
        ("Dineke Post", None),
    ],
    note="cap 2: two registered, two refused",
)

o = org("Ouderenbus De Horst", "Ruud Smit", "ruud.smit@ouderenbusdehorst.nl", late=True)
case(
    "late_reply_after_deadline",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Goedemorgen,\n\nExcuses voor de late reactie, uw mail was in mijn spam beland. Als er nog plek is kom ik graag.\n\nRuud Smit",
            outlook_nl(i),
        ),
        when="Wed, 23 Dec 2026 09:14:00 +0100",
    ),
    decision="attending",
    attendees=[("Ruud Smit", "ruud.smit@ouderenbusdehorst.nl")],
    note="after the reply-by date; 'als er nog plek is' is a condition: review is fair",
)

o = org(
    "Stichting Taxibus Reiderland", "Marjan Oldenhuis", "marjan@taxibusreiderland.nl", late=True
)
case(
    "late_decline_sorry",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Sorry, te laat gezien. Wij komen niet, maar succes met de middag!\n\nMarjan",
            outlook_nl(i),
        ),
        when="Mon, 21 Dec 2026 16:40:00 +0100",
    ),
    decision="declined",
)

# --- automated mail ------------------------------------------------------------------------

o = org("Zorgvervoer Noordoost", "Willemijn Arends", "w.arends@zorgvervoernoordoost.nl")
case(
    "ooo_dutch_no_headers_original_quoted",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Dank voor uw bericht. Van 30 november tot en met 13 december ben ik met verlof. Uw e-mail wordt niet doorgestuurd. Voor dringende zaken kunt u bellen met 0592-11 22 33.\n\nWillemijn Arends",
            outlook_nl(i),
        ),
    ),
    kind="auto_reply",
)

o = org("Gemeente Westerhaar", "Klantcontactcentrum", "info@westerhaar.nl", kind="municipality")
case(
    "ticket_system_registration_noreply",
    o,
    lambda i, n: (
        headers(
            sender=address("Gemeente Westerhaar", "noreply-topdesk@westerhaar.nl"),
            to=i.reply,
            subject=f"Registratie melding M2612-0457: {subject()}",
            date=date(n),
            message_id=mid(n, "westerhaar.nl"),
            extra="X-Mailer: TOPdesk\nReply-To: noreply-topdesk@westerhaar.nl",
        )
        + body(
            "Geachte heer/mevrouw,\n\nUw e-mail is ontvangen en geregistreerd onder nummer M2612-0457. Wij streven ernaar uw vraag binnen vijf werkdagen te beantwoorden. Reageren op deze e-mail is niet mogelijk.\n\nMet vriendelijke groet,\nKlantcontactcentrum Gemeente Westerhaar"
        )
    ),
    kind="auto_reply",
)

o = org("Stichting Hulp aan Huis", "Jacob Kalsbeek", "jacob@hulpaanhuis.nl")
case(
    "ooo_headers_english_with_yes_in_quote",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Thank you for your email. I am out of the office until Monday 7 December with no access to email. For urgent matters, please contact info@hulpaanhuis.nl.",
            outlook_nl(i),
        ),
        subj=f"Automatisch antwoord: {subject()}",
        extra="Auto-Submitted: auto-generated\nX-Auto-Response-Suppress: All",
    ),
    kind="auto_reply",
)

o = org("Stichting Volle Bus", "Kees Mulder", "kees.mulder@vollebus.nl")
case(
    "bounce_exchange_mailbox_full",
    o,
    lambda i, n: dsn(
        i,
        n,
        sender="Microsoft Outlook <postmaster@vollebus.nl>",
        subj=f"Onbestelbaar: {subject()}",
        human="Uw bericht kan niet worden bezorgd bij kees.mulder@vollebus.nl omdat het postvak van de ontvanger vol is.\n\nDiagnostische informatie voor beheerders:\nGenererende server: AM0PR10MB3456.EURPRD10.PROD.OUTLOOK.COM\nkees.mulder@vollebus.nl\nRemote server returned '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded'",
        action="failed",
        status="5.2.2",
        diag="554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException",
        mta="AM0PR10MB3456.EURPRD10.PROD.OUTLOOK.COM",
    ),
    kind="bounce",
)

o = org("Stichting Trage Server", "Ans Koster", "ans@trageserver.nl")
case(
    "dsn_delivery_delayed_headers_only",
    o,
    lambda i, n: dsn(
        i,
        n,
        sender="Mail Delivery Subsystem <MAILER-DAEMON@relay.pleinpost.example>",
        subj=f"Delivery delayed: {subject()}",
        human="Your message to ans@trageserver.nl has not been delivered yet. The server will keep trying until Thu, 3 Dec 2026 10:02:12 +0100.\n\nNo action is required on your part.",
        action="delayed",
        status="4.4.7",
        diag="421 4.4.7 Message delayed: connection to mx.trageserver.nl timed out",
        mta="relay.pleinpost.example",
        headers_only=True,
    ),
    kind="bounce",
)

o = org("Stichting Wijkhulp Centrum", "Bas Hendrikx", "bas@wijkhulpcentrum.nl")
case(
    "helpdesk_autoack_with_auto_submitted",
    o,
    lambda i, n: (
        headers(
            sender=address("Wijkhulp Centrum Servicedesk", "support@wijkhulpcentrum.freshdesk.com"),
            to=i.reply,
            subject=f"[#7731] Re: {subject()}",
            date=date(n),
            message_id=mid(n, "wijkhulpcentrum.freshdesk.com"),
            in_reply_to=i.message_id,
            extra="Auto-Submitted: auto-generated\nX-Auto-Response-Suppress: All",
        )
        + body(
            "Beste,\n\nBedankt voor je bericht! We hebben het ontvangen en een ticket aangemaakt (#7731). Een van onze medewerkers neemt zo snel mogelijk contact met je op.\n\nTeam Wijkhulp Centrum"
        )
    ),
    kind="auto_reply",
)

# --- calendars -----------------------------------------------------------------------------

o = org("Stichting iRijders", "Karin de Wit", "karin.dewit@icloud.com")
case(
    "calendar_apple_accepted_with_cn",
    o,
    lambda i, n: apple_calendar(
        i,
        n,
        f"Uitnodiging geaccepteerd: {TITLE}",
        "Karin de Wit heeft de uitnodiging geaccepteerd.",
        ics(i, "ACCEPTED", "Karin de Wit", i.email, prodid="-//Apple Inc.//macOS 15.1//EN"),
        ("Karin de Wit", i.email),
    ),
    kind="calendar_reply",
    decision="attending",
    attendees=[("Karin de Wit", "karin.dewit@icloud.com")],
)

o = org("Stichting Ommeland Mobiel", "Evert Jan Schuiling", "ej.schuiling@ommelandmobiel.nl")
case(
    "calendar_ios_declined",
    o,
    lambda i, n: apple_calendar(
        i,
        n,
        f"Uitnodiging geweigerd: {TITLE}",
        "Evert Jan Schuiling heeft de uitnodiging geweigerd.",
        ics(i, "DECLINED", "Evert Jan Schuiling", i.email, prodid="-//Apple Inc.//iOS 18.1//EN"),
        ("Evert Jan Schuiling", i.email),
    ),
    kind="calendar_reply",
    decision="declined",
)

o = org("Stichting Vervoer Westerhaar", "Anja Klaassen", "a.klaassen@vervoerwesterhaar.nl")
case(
    "calendar_outlook_colleague_accepts_forwarded_meeting",
    o,
    lambda i, n: outlook_calendar(
        i,
        n,
        f"Geaccepteerd: {TITLE}",
        "",
        ics(
            i,
            "ACCEPTED",
            "Bram Kooi",
            "b.kooi@vervoerwesterhaar.nl",
            prodid="Microsoft Exchange Server 2010",
        ),
        ("Bram Kooi", "b.kooi@vervoerwesterhaar.nl"),
    ),
    kind="calendar_reply",
    decision="attending",
    attendees=[("Bram Kooi", "b.kooi@vervoerwesterhaar.nl")],
    note="the contact forwarded the meeting; the colleague's Accept goes to the organiser",
)

# --- questions, attachments, not an answer -------------------------------------------------

o = org("Stichting Hulp Op Wielen", "Marja Leenstra", "marja@hulpopwielen.nl")
case(
    "question_only_who_may_come",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Hallo,\n\nMogen ook chauffeurs komen die geen coördinator zijn, of is de middag alleen bedoeld voor bestuurders en planners?\n\nGroet, Marja",
            outlook_nl(i),
        ),
    ),
    note="only a question: no answer yet",
)

o = org("Stichting Senioren Vervoer Ellerveld", "Bep Hazenberg", "b.hazenberg@svellerveld.nl")
case(
    "zie_bijlage_docx",
    o,
    lambda i, n: (
        headers(
            sender=address("Bep Hazenberg", i.email),
            to=address(NETWORK, i.reply),
            subject=f"RE: {subject()}",
            date=date(n),
            message_id=mid(n, "svellerveld.nl"),
            in_reply_to=i.message_id,
        )
        + 'Content-Type: multipart/mixed; boundary="_004_r3docx_"\n\n--_004_r3docx_\n'
        + body(
            top(
                "Goedemiddag,\n\nZie bijlage.\n\nMet vriendelijke groet,\nBep Hazenberg",
                outlook_nl(i),
            ),
            cte="quoted-printable",
        )
        + '\n--_004_r3docx_\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name="aanmelding regiomiddag.docx"\n'
        'Content-Disposition: attachment; filename="aanmelding regiomiddag.docx"\nContent-Transfer-Encoding: base64\n\n'
        + base64.encodebytes(
            docx_bytes("Aanmelding: Bep Hazenberg en Wim Hazenberg komen.")
        ).decode("ascii")
        + "\n--_004_r3docx_--\n"
    ),
    note="the answer is in a Word file: a person reads it",
)

o = org("Stichting Kunst van Rijden", "Lieke Brands", "lieke@kunstvanrijden.nl")
case(
    "newsletter_reply_may_i_share",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Mooie nieuwsbrief! Mag ik het stukje over de ritplanner doorsturen naar onze vrijwilligers?\n\nLieke",
            f"Op ma 30 nov 2026 om 10:02 schreef {NETWORK} <{NETWORK_FROM}>:\n\n"
            + quoted(newsletter_text(i)),
        ),
        subj="Re: Nieuwsbrief december",
    ),
    newsletter=True,
)

o = org("Stichting Dorpsbelangen Zuidwolde", "Hennie Lanting", "secretariaat@dbzuidwolde.nl")
case(
    "shared_mailbox_association_stopped_remove",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Goedendag,\n\nOnze vereniging is per 1 januari opgeheven. Wilt u ons adres uit uw bestand verwijderen?\n\nMet vriendelijke groet,\nHennie Lanting, oud-secretaris",
            outlook_nl(i),
        ),
        sender=("Secretariaat Dorpsbelangen", i.email),
    ),
    kind="unsubscribe",
)

# --- traps: the quoted invitation says ja/nee and names people ---------------------------

o = org("Vervoersgroep Hoogezand-Noord", "Lammert Kuipers", "lammert@vghoogezandnoord.nl")
case(
    "bottom_posted_nee_under_ja_nee_quote",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        bottom("Nee, dit keer niet. Succes ermee!\n\nLammert", thunderbird_en(i)),
        subj=f"Re: {subject()}",
    ),
    decision="declined",
)

o = org("Wijkbus De Vaart", "Ellen Bruins", "ellen@wijkbusdevaart.nl")
case(
    "greets_organiser_by_name_i_come",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top("Hoi Yvonne,\n\nLeuk initiatief! Ik kom graag.\n\nGroetjes, Ellen", outlook_nl(i)),
    ),
    decision="attending",
    attendees=[("Ellen Bruins", "ellen@wijkbusdevaart.nl")],
)

o = org("Stichting Rijdende Zorg", "Piet Kramer", "p.kramer@rijdendezorg.nl")
case(
    "signature_lists_board_members",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Ja, ik kom.\n\nMet vriendelijke groet,\n\nPiet Kramer\nvoorzitter\n\nBestuur Stichting Rijdende Zorg: P. Kramer (vz), L. Kramer-Hoving (secr.), J. Dost (penn.)\nKvK 41012345",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    attendees=[("Piet Kramer", "p.kramer@rijdendezorg.nl")],
)

o = org("Buurtbus Drentse Aa", "Hans Lub", "hans.lub@buurtbusdrentseaa.nl")
case(
    "interleaved_answer_in_quote",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        f"Op 30-11-2026 om 10:02 schreef {NETWORK}:\n"
        + quoted(
            "Meld u vóór vrijdag 18 december aan en laat ons weten wie er komen. Er is plaats voor maximaal 2 personen per organisatie."
        )
        + "\n\nIk kom, samen met Jannie Zwiers.\n\n"
        + quoted(
            "Ja, wij komen [1]    Nee, helaas [2]\n\nVragen? Bel of mail Yvonne Kamphuis (06-41 22 73 90) of Ruud Oosting."
        )
        + "\n\nHans\n",
        subj=f"Re: {subject()}",
    ),
    decision="attending",
    attendees=[("Hans Lub", "hans.lub@buurtbusdrentseaa.nl"), ("Jannie Zwiers", None)],
    note="answer between quoted lines; review is fair",
)

o = org("Stichting Buurtkracht Zuid", "Marco Veldman", "marco@buurtkrachtzuid.nl")
case(
    "staat_in_de_agenda_tot_de_14e",
    o,
    lambda i, n: plain_reply(i, n, top("Staat in de agenda. Tot de 14e!\n\nMarco", outlook_nl(i))),
    decision="attending",
    attendees=[("Marco Veldman", "marco@buurtkrachtzuid.nl")],
)

o = org("Stichting Reken Op Ons", "Wim Brinkman", "wim@rekenopons.nl")
case(
    "reken_maar_op_ons_first_name_and_me",
    o,
    lambda i, n: gmail_mobile(i, n, "Reken maar op ons: Lies en ik komen.\n\nWim"),
    decision="attending",
    attendees=[("Wim Brinkman", "wim@rekenopons.nl"), ("Lies", None)],
)

o = org("Stichting Vrijwilligersvervoer Marum", "Tjitske de Jong", "tjitske@vvmarum.nl")
case(
    "i_come_but_colleague_not",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Ik kom wel, maar mijn collega Sanne niet, die heeft dan vakantie.\n\nGroet,\nTjitske de Jong",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    attendees=[("Tjitske de Jong", "tjitske@vvmarum.nl")],
)

o = org("Stichting Samen Uit", "Roelie Hoving", "roelie@samenuit.nl")
case(
    "maybe_depends_on_roster",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Ik probeer erbij te zijn, maar dat hangt af van ons rooster. Begin januari weet ik meer.\n\nRoelie Hoving",
            outlook_nl(i),
        ),
    ),
    decision="maybe",
    attendees=[("Roelie Hoving", "roelie@samenuit.nl")],
)

o = org(
    "Vervoerscoöperatie Westerkwartier",
    "Vervoerscoöperatie Westerkwartier",
    "info@vcwesterkwartier-vervoer.nl",
)
case(
    "shared_mailbox_decline_namens_bestuur",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Goedendag,\n\nBedankt voor de uitnodiging. Helaas is er die dag niemand van ons beschikbaar.\n\nMet vriendelijke groet,\nnamens het bestuur,\nAlbert Nieboer",
            outlook_nl(i),
        ),
    ),
    decision="declined",
)

o = org("Stichting Plattelandsvervoer", "Dineke Hofstra", "dineke@plattelandsvervoer.nl")
case(
    "decline_past_niet_in_planning",
    o,
    lambda i, n: gmail_mobile(
        i, n, "Past helaas niet in de planning, we zijn er niet bij.\nGroetjes Dineke"
    ),
    decision="declined",
)

o = org("Stichting Mee Op Pad", "Kevin Bakker", "kevin@meeoppad.nl")
case(
    "question_can_we_come_with_three",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Kunnen we ook met drie mensen komen? Dan meld ik Anna Smid, Joris Kok en mijzelf aan.\n\nKevin",
            outlook_nl(i),
        ),
    ),
    note="a question over the cap: a person decides",
)

o = org("Stichting Belbus Oldambt", "Jannes Mulder", "jannes@belbusoldambt.nl")
case(
    "replacement_ik_kan_niet_stuur_collega",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Ik kan zelf niet, maar ik stuur mijn collega Dirk-Jan Tuinstra in mijn plaats.\n\nJannes",
            owa_plain(i),
        ),
    ),
    decision="attending",
    attendees=[("Dirk-Jan Tuinstra", None)],
)

o = org("Stichting Oost-West Vervoer", "Fleur van 't Zand", "fleur@oostwestvervoer.nl")
case(
    "owa_plain_apostrophe_particle_two_names",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Hallo Ruud,\n\nVanuit Oost-West komen Fleur van 't Zand en Joost ter Veen.\n\nGroet,\nFleur",
            owa_plain(i),
        ),
    ),
    decision="attending",
    attendees=[("Fleur van 't Zand", "fleur@oostwestvervoer.nl"), ("Joost ter Veen", None)],
)

o = org("Stichting Rijden en Zorgen", "Bert Dijkhuis", "bert@rijdenenzorgen.nl")
case(
    "forwarded_back_to_us_by_mistake_only_quote",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        gmail_forward(i),
        subj=f"Fwd: {subject()}",
        in_reply_to="",
    ),
    note="a forward with nothing written: never an answer",
)

o = org("Stichting Naoberhulp", "Gea Wubs", "gea@naoberhulp.nl")
case(
    "en_reply_dutch_sender_thunderbird_bottom",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        bottom("Hi, I will be there, with Marieke Oosterhof.\n\nGea Wubs", thunderbird_en(i)),
        subj=f"Re: {subject()}",
    ),
    decision="attending",
    attendees=[("Gea Wubs", "gea@naoberhulp.nl"), ("Marieke Oosterhof", None)],
)

o = org("Stichting Wielewaal Vervoer", "Sietske Bouma", "sietske@wielewaalvervoer.nl")
case(
    "ooo_dutch_html_only_afwezig_no_subject_marker",
    o,
    lambda i, n: html_reply(
        i,
        n,
        owa_html(
            i,
            "<p>Goedendag,</p><p>Ik ben afwezig tot en met maandag 14 december en lees mijn mail daarna. Voor de ritplanning kunt u terecht bij planning@wielewaalvervoer.nl.</p><p>Sietske Bouma</p>",
        ),
    ),
    kind="auto_reply",
)


if __name__ == "__main__":
    write()
