# ruff: noqa: E501  (mail data: header and body lines are kept as clients write them)
"""Writes tests/inbound/corpus/automated/*.eml and expected.json (run it after editing).

Every message here was written for Pleinpost: fictional Dutch organisations and
people, shaped after what Postfix, Exim, Exchange/Outlook.com, Gmail, qmail,
Zimbra, Apple, Thunderbird and Google Calendar really send (structure, headers,
encodings), never copied from a public corpus. Run:
``.venv/bin/python tests/inbound/corpus/make_automated.py``.
"""

from __future__ import annotations

import base64
import json
import quopri
from pathlib import Path

OUT = Path(__file__).resolve().parent / "automated"
OUR = "uitnodiging@netwerk-ijsselvallei.nl"
REPLY = "antwoord+k7q2m9x4@antwoord.pleinpost.nl"
EVENT = "Netwerkbijeenkomst Zorg en Welzijn IJsselvallei"
DATE = "Tue, 12 May 2026 10:14:03 +0200"
UID = "pp-ev-31-7f3a9c@pleinpost.nl"
CASES: list[tuple[str, str, dict[str, object]]] = []


def case(name: str, raw: str, **expected: object) -> None:
    CASES.append((name, raw, expected))


def qp(text: str, charset: str = "utf-8") -> str:
    return quopri.encodestring(text.encode(charset)).decode("ascii")


def b64(text: str, charset: str = "utf-8") -> str:
    data = base64.encodebytes(text.encode(charset)).decode("ascii")
    return data


def original(
    to: str = "jan.devries@buurtkracht-zutphen.nl",
    mid: str = "<pp.31.2201@netwerk-ijsselvallei.nl>",
) -> str:
    """Our invitation as it comes back inside a bounce (headers + short body)."""
    return f"""Return-Path: <bounce+k7q2m9x4@antwoord.pleinpost.nl>
From: Netwerk IJsselvallei <{OUR}>
Reply-To: {REPLY}
To: {to}
Subject: Uitnodiging: {EVENT}
Date: Mon, 11 May 2026 09:00:00 +0200
Message-ID: {mid}
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Beste collega,

Graag nodigen wij u uit voor de {EVENT} op 28 mei.
Laat vóór 21 mei weten wie er komt, maximaal 2 personen.
"""


def dsn(
    *,
    mta: str,
    sender: str,
    subject: str,
    human: str,
    recipients: list[tuple[str, str, str, str]],
    returned: str = "full",
    charset: str = "us-ascii",
    encoding: str = "7bit",
    extra_headers: str = "",
    reporting: str = "dns; mail.buurtkracht-zutphen.nl",
) -> str:
    """multipart/report; report-type=delivery-status (RFC 3464)."""
    blocks = []
    for address, action, status, diag in recipients:
        lines = [
            f"Final-Recipient: rfc822; {address}",
            f"Original-Recipient: rfc822;{address}",
            f"Action: {action}",
            f"Status: {status}",
        ]
        if diag:
            lines.append(f"Diagnostic-Code: smtp; {diag}")
        blocks.append("\n".join(lines))
    body_human = human if encoding != "quoted-printable" else qp(human, charset)
    if encoding == "base64":
        body_human = b64(human, charset)
    ret = ""
    if returned == "full":
        ret = f"""--{mta}BOUNDARY
Content-Description: Undelivered Message
Content-Type: message/rfc822

{original(recipients[0][0])}
"""
    elif returned == "headers":
        ret = f"""--{mta}BOUNDARY
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

{original(recipients[0][0]).split(chr(10) + chr(10))[0]}
"""
    return f"""Return-Path: <>
Received: by mx.{mta}.example.nl (Postfix, from userid 0); {DATE}
From: {sender}
To: {REPLY}
Subject: {subject}
Date: {DATE}
Message-ID: <20260512081403.{mta}@mx.example.nl>
Auto-Submitted: auto-replied
MIME-Version: 1.0
{extra_headers}Content-Type: multipart/report; report-type=delivery-status;
\tboundary="{mta}BOUNDARY"

This is a MIME-encapsulated message.

--{mta}BOUNDARY
Content-Description: Notification
Content-Type: text/plain; charset={charset}
Content-Transfer-Encoding: {encoding}

{body_human}
--{mta}BOUNDARY
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: {reporting}
X-Postfix-Queue-ID: 4Fq2Zk1Lx9z9sVQ
Arrival-Date: {DATE}

{(chr(10) + chr(10)).join(blocks)}

{ret}--{mta}BOUNDARY--
"""


POSTFIX_HUMAN = """This is the mail system at host mail.buurtkracht-zutphen.nl.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system
"""


_T = [
    b64(
        "Uw bericht heeft de volgende personen niet bereikt:\n\nw.jansen@gemeente-voorstgoor.nl\nHet e-mailadres dat u hebt ingevoerd, is niet gevonden.\n"
    ),
    qp(
        "Delivery has failed to these recipients or distribution lists:\n\nAnnemiek Brouwer-Schröder\nThe recipient's mailbox is full and can't accept messages now. Please try resending this message later, or contact the recipient directly.\n",
        "iso-8859-1",
    ),
    qp(
        "Hallo,\n\nIk ben t/m 30 mei op vakantie en heb beperkt toegang tot mijn mail. Ik reageer na mijn terugkomst.\n\nGroet,\nSanne"
    ),
    qp(
        "Ik ben afwezig tot maandag 1 juni. Voor dringende zaken kunt u contact opnemen met het algemene nummer van ons kantoor.\n\nMet vriendelijke groet,\nMarloes Wiersma\nJongerenwerk Epe",
        "iso-8859-1",
    ),
    b64(
        "Beste afzender,\n\nIk ben vanaf 11 mei 3 weken met vakantie. Na mijn terugkomst neem ik contact met u op.\n\nWim"
    ),
    qp(
        "Uw bericht\n\n  Aan: Karin Meijerink\n  Onderwerp: Uitnodiging: "
        + EVENT
        + "\n  Verzonden: maandag 11 mei 2026 09:00:00 (UTC+01:00) Amsterdam\n\nis gelezen op dinsdag 12 mei 2026 10:14:03 (UTC+01:00) Amsterdam."
    ),
]


def bounces() -> None:
    case(
        "bounce_postfix_user_unknown.eml",
        dsn(
            mta="pf1",
            sender="MAILER-DAEMON@mail.buurtkracht-zutphen.nl (Mail Delivery System)",
            subject="Undelivered Mail Returned to Sender",
            human=POSTFIX_HUMAN
            + "\n<jan.devries@buurtkracht-zutphen.nl>: host\n    mx.buurtkracht-zutphen.nl said: 550 5.1.1 <jan.devries@buurtkracht-zutphen.nl>:\n    Recipient address rejected: User unknown in virtual mailbox table\n",
            recipients=[
                (
                    "jan.devries@buurtkracht-zutphen.nl",
                    "failed",
                    "5.1.1",
                    "550 5.1.1 <jan.devries@buurtkracht-zutphen.nl>: Recipient address rejected: User unknown in virtual mailbox table",
                )
            ],
        ),
        kind="bounce",
        bounce={
            "kind": "hard",
            "addresses": ["jan.devries@buurtkracht-zutphen.nl"],
            "status": "5.1.1",
        },
        original_message_id="<pp.31.2201@netwerk-ijsselvallei.nl>",
    )
    case(
        "bounce_postfix_mailbox_full.eml",
        dsn(
            mta="pf2",
            sender="MAILER-DAEMON@mx.welzijnswerk-deventer.nl (Mail Delivery System)",
            subject="Undelivered Mail Returned to Sender",
            human=POSTFIX_HUMAN,
            recipients=[
                (
                    "m.bakker@welzijnswerk-deventer.nl",
                    "failed",
                    "5.2.2",
                    "552 5.2.2 <m.bakker@welzijnswerk-deventer.nl>: Mailbox full: quota exceeded",
                )
            ],
        ),
        kind="bounce",
        bounce={
            "kind": "soft",
            "addresses": ["m.bakker@welzijnswerk-deventer.nl"],
            "status": "5.2.2",
        },
    )
    case(
        "bounce_postfix_delayed.eml",
        dsn(
            mta="pf3",
            sender="MAILER-DAEMON@mail.zorgcooperatie-brummen.nl (Mail Delivery System)",
            subject="Delayed Mail (still being retried)",
            human="This is the mail system at host mail.zorgcooperatie-brummen.nl.\n\n####################################################################\n# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n####################################################################\n\nYour message could not be delivered for more than 4 hour(s).\nIt will be retried until it is 5 day(s) old.\n",
            recipients=[
                (
                    "info@zorgcooperatie-brummen.nl",
                    "delayed",
                    "4.4.1",
                    "connect to mx.zorgcooperatie-brummen.nl[192.0.2.44]:25: Connection timed out",
                )
            ],
            returned="headers",
        ),
        kind="bounce",
        bounce={"kind": "soft", "addresses": ["info@zorgcooperatie-brummen.nl"], "status": "4.4.1"},
    )
    case(
        "bounce_postfix_host_unknown.eml",
        dsn(
            mta="pf4",
            sender="MAILER-DAEMON@smtp.netwerk-ijsselvallei.nl (Mail Delivery System)",
            subject="Undelivered Mail Returned to Sender",
            human=POSTFIX_HUMAN
            + "\n<secretariaat@stichting-de-brug-lochem.nl>: Host or domain name not found.\n    Name service error for name=stichting-de-brug-lochem.nl type=MX: Host not\n    found, try again\n",
            recipients=[("secretariaat@stichting-de-brug-lochem.nl", "failed", "5.4.4", "")],
        ),
        kind="bounce",
        bounce={
            "kind": "hard",
            "addresses": ["secretariaat@stichting-de-brug-lochem.nl"],
            "status": "5.4.4",
        },
    )
    dutch = "Dit is het mailsysteem van mail.wijkteams-apeldoorn.nl.\n\nHet spijt ons u te moeten melden dat uw bericht niet bezorgd kon worden\nbij een of meer ontvangers. Het bericht is hieronder bijgevoegd.\n\n<r.mulder@wijkteams-apeldoorn.nl>: gebruiker bestaat niet\n"
    case(
        "bounce_postfix_dutch_qp.eml",
        dsn(
            mta="pf5",
            sender="Mail Delivery System <MAILER-DAEMON@mail.wijkteams-apeldoorn.nl>",
            subject="Onbestelbaar: Uitnodiging: Netwerkbijeenkomst",
            human=dutch,
            charset="iso-8859-1",
            encoding="quoted-printable",
            recipients=[
                (
                    "r.mulder@wijkteams-apeldoorn.nl",
                    "failed",
                    "5.1.1",
                    "550 5.1.1 Gebruiker bestaat niet / user unknown",
                )
            ],
        ),
        kind="bounce",
        bounce={
            "kind": "hard",
            "addresses": ["r.mulder@wijkteams-apeldoorn.nl"],
            "status": "5.1.1",
        },
    )
    case(
        "bounce_sendmail_two_recipients.eml",
        dsn(
            mta="sm1",
            sender="Mail Delivery Subsystem <MAILER-DAEMON@relay.vrijwilligerspunt-epe.nl>",
            subject="Returned mail: see transcript for details",
            human="The original message was received at Tue, 12 May 2026 10:10:01 +0200\nfrom localhost [127.0.0.1]\n\n   ----- The following addresses had permanent fatal errors -----\n<p.vandenberg@vrijwilligerspunt-epe.nl>\n    (reason: 550 5.1.1 User unknown)\n\n   ----- The following addresses had transient non-fatal errors -----\n<bestuur@vrijwilligerspunt-epe.nl>\n",
            recipients=[
                (
                    "p.vandenberg@vrijwilligerspunt-epe.nl",
                    "failed",
                    "5.1.1",
                    "550 5.1.1 <p.vandenberg@vrijwilligerspunt-epe.nl>... User unknown",
                ),
                (
                    "bestuur@vrijwilligerspunt-epe.nl",
                    "delayed",
                    "4.2.0",
                    "451 4.2.0 Temporary local problem",
                ),
            ],
            reporting="dns; relay.vrijwilligerspunt-epe.nl",
        ),
        kind="bounce",
        bounce={
            "kind": "hard",
            "addresses": ["p.vandenberg@vrijwilligerspunt-epe.nl"],
            "status": "5.1.1",
        },
    )
    case(
        "bounce_gmail_dsn.eml",
        dsn(
            mta="gm1",
            sender="Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
            subject="Delivery Status Notification (Failure)",
            human="** Adres niet gevonden **\n\nUw bericht is niet bezorgd bij annekevisser.zutphen@gmail.com omdat het adres niet is gevonden of geen e-mail kan ontvangen.\n\nThe response was:\n\n550 5.1.1 The email account that you tried to reach does not exist.\n",
            recipients=[
                (
                    "annekevisser.zutphen@gmail.com",
                    "failed",
                    "5.1.1",
                    "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address",
                )
            ],
            charset="utf-8",
            encoding="quoted-printable",
            reporting="dns; googlemail.com",
        ),
        kind="bounce",
        bounce={"kind": "hard", "addresses": ["annekevisser.zutphen@gmail.com"], "status": "5.1.1"},
    )
    case(
        "bounce_gmail_blocked_spam.eml",
        dsn(
            mta="gm2",
            sender="Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
            subject="Delivery Status Notification (Failure)",
            human="** Message blocked **\n\nYour message to h.kok@gmail.com has been blocked. See technical details below for more information.\n",
            recipients=[
                (
                    "h.kok@gmail.com",
                    "failed",
                    "5.7.1",
                    "550-5.7.1 [203.0.113.9] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked.",
                )
            ],
            reporting="dns; googlemail.com",
        ),
        kind="bounce",
        bounce={"kind": "soft", "addresses": ["h.kok@gmail.com"], "status": "5.7.1"},
    )
    case(
        "bounce_dsn_base64_text.eml",
        dsn(
            mta="b64",
            sender="Mail Delivery System <MAILER-DAEMON@mx.sportbuurt-twello.nl>",
            subject="Undelivered Mail Returned to Sender",
            human="Uw bericht kon niet worden bezorgd bij één of meer ontvangers.\n\n<coördinator@sportbuurt-twello.nl>: onbekende gebruiker\n",
            charset="utf-8",
            encoding="base64",
            recipients=[
                (
                    "coordinator@sportbuurt-twello.nl",
                    "failed",
                    "5.1.1",
                    "550 5.1.1 onbekende gebruiker",
                )
            ],
        ),
        kind="bounce",
        bounce={
            "kind": "hard",
            "addresses": ["coordinator@sportbuurt-twello.nl"],
            "status": "5.1.1",
        },
    )
    case(
        "bounce_dsn_headers_only.eml",
        dsn(
            mta="hd1",
            sender="MAILER-DAEMON@mx2.huisartsenpost-ijssel.nl (Mail Delivery System)",
            subject="Undelivered Mail Returned to Sender",
            human=POSTFIX_HUMAN,
            returned="headers",
            recipients=[
                (
                    "e.deboer@huisartsenpost-ijssel.nl",
                    "failed",
                    "5.1.1",
                    "550 5.1.1 Mailbox does not exist",
                )
            ],
        ),
        kind="bounce",
        bounce={
            "kind": "hard",
            "addresses": ["e.deboer@huisartsenpost-ijssel.nl"],
            "status": "5.1.1",
        },
        original_message_id="<pp.31.2201@netwerk-ijsselvallei.nl>",
    )
    case(
        "bounce_dsn_delivered_only.eml",
        dsn(
            mta="ok1",
            sender="MAILER-DAEMON@mail.bibliotheek-gorssel.nl (Mail Delivery System)",
            subject="Successful Mail Delivery Report",
            human="This is the mail system at host mail.bibliotheek-gorssel.nl.\n\nYour message was successfully delivered to the destination(s)\nlisted below.\n",
            recipients=[
                (
                    "leesclub@bibliotheek-gorssel.nl",
                    "delivered",
                    "2.0.0",
                    "250 2.0.0 Ok: queued as 4FqA",
                )
            ],
            returned="headers",
        ),
        kind="other",
    )
    exchange()
    bounce_with_invitation()
    text_bounces()
    complaints()


def exchange() -> None:
    html = """<html><body><div style="font-family:Segoe UI"><p><b><font color="#000066" size="3">Uw bericht heeft de volgende personen niet bereikt:</font></b></p>
<p><a href="mailto:w.jansen@gemeente-voorstgoor.nl">w.jansen@gemeente-voorstgoor.nl</a></p>
<p>Het e-mailadres dat u hebt ingevoerd, is niet gevonden. Controleer het e-mailadres van de ontvanger en probeer het opnieuw.</p>
<p><b>Diagnostische informatie voor beheerders:</b></p><p>Genererende server: AM0PR09MB1234.eurprd09.prod.outlook.com<br>w.jansen@gemeente-voorstgoor.nl<br>Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'</p></div></body></html>"""
    raw = f"""Return-Path: <>
From: Microsoft Outlook <postmaster@gemeente-voorstgoor.nl>
To: <{REPLY}>
Date: {DATE}
Subject: Onbestelbaar: Uitnodiging: {EVENT}
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="ex_b1_"
Content-Language: nl-NL
Message-ID: <a1b2c3d4-0000-4000-8000-ndr1@AM0PR09MB1234.eurprd09.prod.outlook.com>
X-MS-Exchange-Message-Is-Ndr:
Auto-Submitted: auto-replied
MIME-Version: 1.0

--ex_b1_
Content-Type: multipart/alternative; boundary="ex_b2_"

--ex_b2_
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64

{_T[0]}
--ex_b2_
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

{qp(html)}
--ex_b2_--

--ex_b1_
Content-Type: message/delivery-status

Reporting-MTA: dns;AM0PR09MB1234.eurprd09.prod.outlook.com
Received-From-MTA: dns;AM0PR09MB1234.eurprd09.prod.outlook.com
Arrival-Date: {DATE}

Final-Recipient: rfc822;w.jansen@gemeente-voorstgoor.nl
Action: failed
Status: 5.1.10
Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup

--ex_b1_
Content-Type: message/rfc822

{original("w.jansen@gemeente-voorstgoor.nl", "<pp.31.2207@netwerk-ijsselvallei.nl>")}
--ex_b1_--
"""
    case(
        "bounce_exchange_o365_dutch.eml",
        raw,
        kind="bounce",
        bounce={
            "kind": "hard",
            "addresses": ["w.jansen@gemeente-voorstgoor.nl"],
            "status": "5.1.10",
        },
        original_message_id="<pp.31.2207@netwerk-ijsselvallei.nl>",
    )
    raw = f"""Return-Path: <>
From: postmaster@outlook.com
To: {REPLY}
Date: {DATE}
Subject: Undeliverable: Uitnodiging: {EVENT}
Content-Type: multipart/report; report-type=delivery-status; boundary="olc_1"
Message-ID: <ndr-8842@DB8EUR05HT101.mail.protection.outlook.com>
X-MS-Exchange-Message-Is-Ndr:
MIME-Version: 1.0

--olc_1
Content-Type: text/plain; charset="us-ascii"

Delivery has failed to these recipients or groups:

gerdien.hoekstra1961@hotmail.com
The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message.

--olc_1
Content-Type: message/delivery-status

Reporting-MTA: dns;DB8EUR05HT101.mail.protection.outlook.com

Final-Recipient: rfc822;gerdien.hoekstra1961@hotmail.com
Action: failed
Status: 5.5.0
Diagnostic-Code: smtp;550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). [DB8EUR05FT014.eop-eur05.prod.protection.outlook.com]

--olc_1
Content-Type: text/rfc822-headers

From: Netwerk IJsselvallei <{OUR}>
To: gerdien.hoekstra1961@hotmail.com
Subject: Uitnodiging: {EVENT}
Message-ID: <pp.31.2299@netwerk-ijsselvallei.nl>

--olc_1--
"""
    case(
        "bounce_outlookcom_mailbox_unavailable.eml",
        raw,
        kind="bounce",
        bounce={
            "kind": "hard",
            "addresses": ["gerdien.hoekstra1961@hotmail.com"],
            "status": "5.5.0",
        },
        original_message_id="<pp.31.2299@netwerk-ijsselvallei.nl>",
    )
    # Exchange 2010 on-premises, English, delivery-status inline and iso-8859-1 text
    raw = f"""Return-Path: <>
From: System Administrator <postmaster@woonzorg-olst.nl>
To: Netwerk IJsselvallei <{REPLY}>
Subject: Undeliverable: Uitnodiging: {EVENT}
Date: {DATE}
Message-ID: <7D4E1A62B0@EX2010.woonzorg-olst.local>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="9B095B5ADSN=_01D2A4E1C5B1E3A000000001EX2010.woonzorg"
X-MS-Exchange-Organization-SCL: -1

--9B095B5ADSN=_01D2A4E1C5B1E3A000000001EX2010.woonzorg
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: quoted-printable

{_T[1]}
--9B095B5ADSN=_01D2A4E1C5B1E3A000000001EX2010.woonzorg
Content-Type: message/delivery-status

Reporting-MTA: dns;EX2010.woonzorg-olst.local

Final-recipient: RFC822; a.brouwer@woonzorg-olst.nl
Action: failed
Status: 5.2.2
X-Display-Name: Annemiek Brouwer-Schroder

--9B095B5ADSN=_01D2A4E1C5B1E3A000000001EX2010.woonzorg--
"""
    case(
        "bounce_exchange2010_mailbox_full.eml",
        raw,
        kind="bounce",
        bounce={"kind": "soft", "addresses": ["a.brouwer@woonzorg-olst.nl"], "status": "5.2.2"},
    )


def bounce_with_invitation() -> None:
    """A bounce whose returned original holds our own METHOD:REQUEST: never a calendar answer."""
    ics = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Pleinpost//NL\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:{UID}\r\nSEQUENCE:0\r\nDTSTAMP:20260511T070000Z\r\nDTSTART:20260528T130000Z\r\nSUMMARY:{EVENT}\r\nORGANIZER;CN=Netwerk IJsselvallei:mailto:{REPLY}\r\nATTENDEE;CN=Kees Smit;RSVP=TRUE;PARTSTAT=ACCEPTED:mailto:k.smit@dorpshuis-wilp.nl\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    raw = f"""Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mail.dorpshuis-wilp.nl>
To: {REPLY}
Subject: Undelivered Mail Returned to Sender
Date: {DATE}
Message-ID: <20260512.wilp@mail.dorpshuis-wilp.nl>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="inv-bnd"

--inv-bnd
Content-Type: text/plain; charset=us-ascii

{POSTFIX_HUMAN}
--inv-bnd
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.dorpshuis-wilp.nl

Final-Recipient: rfc822; k.smit@dorpshuis-wilp.nl
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <k.smit@dorpshuis-wilp.nl>: Recipient address rejected: User unknown

--inv-bnd
Content-Type: message/rfc822

From: Netwerk IJsselvallei <{OUR}>
To: k.smit@dorpshuis-wilp.nl
Subject: Uitnodiging: {EVENT}
Message-ID: <pp.31.2250@netwerk-ijsselvallei.nl>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="orig"

--orig
Content-Type: text/plain; charset=utf-8

Graag nodigen wij u uit.
--orig
Content-Type: text/calendar; charset=utf-8; method=REQUEST
Content-Transfer-Encoding: base64

{base64.encodebytes(ics.encode()).decode()}
--orig--

--inv-bnd--
"""
    case(
        "bounce_with_our_invitation_inside.eml",
        raw,
        kind="bounce",
        bounce={"kind": "hard", "addresses": ["k.smit@dorpshuis-wilp.nl"], "status": "5.1.1"},
        original_message_id="<pp.31.2250@netwerk-ijsselvallei.nl>",
    )


def text_bounces() -> None:
    case(
        "bounce_exim_failed.eml",
        f"""Return-path: <>
Envelope-to: {REPLY}
Received: from Debian-exim by mx.kringloop-deventer.nl with local (Exim 4.96)
\tid 1uEabc-0004Xy-2F; {DATE}
X-Failed-Recipients: henk.timmermans@kringloop-deventer.nl
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@mx.kringloop-deventer.nl>
To: {REPLY}
Content-Type: text/plain; charset=us-ascii
Subject: Mail delivery failed: returning message to sender
Message-Id: <E1uEabc-0004Xy-2F@mx.kringloop-deventer.nl>
Date: {DATE}

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  henk.timmermans@kringloop-deventer.nl
    SMTP error from remote mail server after RCPT TO:<henk.timmermans@kringloop-deventer.nl>:
    550 5.1.1 <henk.timmermans@kringloop-deventer.nl>: Recipient address rejected: User unknown

------ This is a copy of the message, including all the headers. ------

{original("henk.timmermans@kringloop-deventer.nl")}""",
        kind="bounce",
        bounce={
            "kind": "hard",
            "addresses": ["henk.timmermans@kringloop-deventer.nl"],
            "status": "5.1.1",
        },
    )
    case(
        "bounce_exim_over_quota.eml",
        f"""Return-path: <>
X-Failed-Recipients: ria.vandijk@seniorenraad-raalte.nl
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@mail.seniorenraad-raalte.nl>
To: {REPLY}
Content-Type: text/plain; charset=us-ascii
Subject: Mail delivery failed: returning message to sender
Message-Id: <E1uEq9Z-0001Aa-Q3@mail.seniorenraad-raalte.nl>
Date: {DATE}

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  ria.vandijk@seniorenraad-raalte.nl
    SMTP error from remote mail server after end of data:
    552 5.2.2 Mailbox over quota

------ This is a copy of the message's headers. ------

{original("ria.vandijk@seniorenraad-raalte.nl").split(chr(10) + chr(10))[0]}
""",
        kind="bounce",
        bounce={
            "kind": "soft",
            "addresses": ["ria.vandijk@seniorenraad-raalte.nl"],
            "status": "5.2.2",
        },
    )
    case(
        "bounce_exim_delay_warning.eml",
        f"""Return-path: <>
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@mail.natuurvereniging-ijssel.nl>
To: {REPLY}
Subject: Warning: message 1uEq7A-0002Bc-Lm delayed 24 hours
Content-Type: text/plain; charset=us-ascii
Message-Id: <E1uFq7A-0005Bc-Lm@mail.natuurvereniging-ijssel.nl>
Date: {DATE}

This message was created automatically by mail delivery software.
A message that you sent has not yet been delivered to one or more of its
recipients after more than 24 hours on the queue on mail.natuurvereniging-ijssel.nl.

The message identifier is:     1uEq7A-0002Bc-Lm
The subject of the message is: Uitnodiging: {EVENT}
The date of the message is:    Mon, 11 May 2026 09:00:00 +0200

The address to which the message has not yet been delivered is:

  secretaris@natuurvereniging-ijssel.nl
    Delay reason: SMTP error from remote mail server after RCPT TO:<secretaris@natuurvereniging-ijssel.nl>:
    451 4.7.1 Greylisted, please try again later

No action is required on your part. Delivery attempts will continue for
some time, and this warning may be repeated at intervals if the message
remains undelivered. Eventually the mail delivery software will give up,
and when that happens, the message will be returned to you.
""",
        kind="bounce",
        bounce={"kind": "soft", "addresses": ["secretaris@natuurvereniging-ijssel.nl"]},
    )
    case(
        "bounce_qmail.eml",
        f"""Return-Path: <>
Date: 12 May 2026 08:14:03 -0000
From: MAILER-DAEMON@mail.speeltuin-deschaapskooi.nl
To: {REPLY}
Subject: failure notice

Hi. This is the qmail-send program at mail.speeltuin-deschaapskooi.nl.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<ingrid.post@speeltuin-deschaapskooi.nl>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.

{original("ingrid.post@speeltuin-deschaapskooi.nl")}""",
        kind="bounce",
        bounce={"kind": "hard", "addresses": ["ingrid.post@speeltuin-deschaapskooi.nl"]},
    )
    case(
        "bounce_yahoo_plain.eml",
        f"""Return-Path: <>
From: MAILER-DAEMON@yahoo.com
To: {REPLY}
Subject: Failure Notice
Date: {DATE}
Message-ID: <yh.29384@mta1001.mail.ir2.yahoo.com>

Sorry, we were unable to deliver your message to the following address.

<bertus.vanleeuwen@yahoo.com>:
554: delivery error: dd This user doesn't have a yahoo.com account (bertus.vanleeuwen@yahoo.com) [0] - mta1001.mail.ir2.yahoo.com

--- Below this line is a copy of the message.

{original("bertus.vanleeuwen@yahoo.com")}""",
        kind="bounce",
        bounce={"kind": "hard", "addresses": ["bertus.vanleeuwen@yahoo.com"]},
    )
    case(
        "bounce_gmail_plain_no_report.eml",
        f"""Return-Path: <>
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: {REPLY}
Subject: Delivery Status Notification (Failure)
Date: {DATE}
Message-ID: <gm.plain.1@mx.google.com>
X-Failed-Recipients: tom.koster.raalte@gmail.com
Auto-Submitted: auto-replied
Content-Type: text/plain; charset=ISO-8859-1

Delivery to the following recipient failed permanently:

     tom.koster.raalte@gmail.com

Technical details of permanent failure:
The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces.
550 5.1.1 https://support.google.com/mail/answer/6596
""",
        kind="bounce",
        bounce={"kind": "hard", "addresses": ["tom.koster.raalte@gmail.com"], "status": "5.1.1"},
    )


def complaints() -> None:
    arf = f"""Return-Path: <>
From: feedbackloop@fbl.mailprovider.example.net
To: abuse@netwerk-ijsselvallei.nl
Subject: Email Feedback Report for IP 203.0.113.25
Date: {DATE}
Message-ID: <fbl.19284@fbl.mailprovider.example.net>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report;
\tboundary="arf_part"

--arf_part
Content-Type: text/plain; charset="US-ASCII"
Content-Transfer-Encoding: 7bit

This is an email abuse report for an email message received from IP
203.0.113.25 on Tue, 12 May 2026 08:00:00 +0200.

--arf_part
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: SomeGenerator/1.0
Version: 1
Original-Mail-From: <bounce+k7q2m9x4@antwoord.pleinpost.nl>
Original-Rcpt-To: <gert.meijer@kpnmail.example.nl>
Arrival-Date: {DATE}
Source-IP: 203.0.113.25

--arf_part
Content-Type: message/rfc822
Content-Disposition: inline

{original("gert.meijer@kpnmail.example.nl", "<pp.31.2301@netwerk-ijsselvallei.nl>")}
--arf_part--
"""
    case(
        "complaint_arf_abuse.eml",
        arf,
        kind="bounce",
        bounce={"kind": "complaint", "addresses": ["gert.meijer@kpnmail.example.nl"]},
        original_message_id="<pp.31.2301@netwerk-ijsselvallei.nl>",
    )
    redacted = (
        arf.replace("Original-Rcpt-To: <gert.meijer@kpnmail.example.nl>\n", "")
        .replace("gert.meijer@kpnmail.example.nl", "lidwien.smits@ziggo.example.nl")
        .replace(
            "Feedback-Type: abuse", "Feedback-Type: abuse\nReported-Domain: netwerk-ijsselvallei.nl"
        )
    )
    case(
        "complaint_arf_no_rcpt_to.eml",
        redacted,
        kind="bounce",
        bounce={"kind": "complaint", "addresses": ["lidwien.smits@ziggo.example.nl"]},
    )


def outlook_oof(
    name: str, *, subject: str, body: str, lang: str, html: bool, sender: str, from_name: str
) -> None:
    text = qp(body)
    html_part = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body><div style="font-family:Calibri">{"<br>".join(body.splitlines())}</div></body></html>'
    parts = f"""--_000_AM9PR_OOF_
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

{text}
--_000_AM9PR_OOF_
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

{qp(html_part)}
--_000_AM9PR_OOF_--
"""
    raw = f"""Received: from AM9PR07MB7000.eurprd07.prod.outlook.com by AM9PR07MB7000.eurprd07.prod.outlook.com; {DATE}
From: {from_name} <{sender}>
To: {REPLY}
Subject: {subject}
Thread-Topic: Uitnodiging: {EVENT}
Thread-Index: AQHbw1aB2c3d4e5f6g7h8i9j0k==
Date: {DATE}
Message-ID: <AM9PR07MB7000OOF{len(CASES)}@AM9PR07MB7000.eurprd07.prod.outlook.com>
In-Reply-To: <pp.31.2201@netwerk-ijsselvallei.nl>
Content-Language: {lang}
X-MS-Has-Attach:
X-MS-Exchange-Organization-AuthAs: Internal
X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent
Auto-Submitted: auto-generated
X-Auto-Response-Suppress: All
MIME-Version: 1.0
Content-Type: multipart/alternative;
\tboundary="_000_AM9PR_OOF_"

{parts}"""
    if not html:
        raw = raw.replace("multipart/alternative", "multipart/alternative")
    case(name, raw, kind="auto_reply")


def auto_replies() -> None:
    outlook_oof(
        "oof_outlook_nl.eml",
        subject=f"Automatisch antwoord: Uitnodiging: {EVENT}",
        body="Beste afzender,\n\nIk ben van 11 t/m 22 mei afwezig en lees mijn e-mail niet.\nVoor dringende zaken kunt u contact opnemen met Fenna Hendriks, 0570-123456.\n\nMet vriendelijke groet,\nLotte van der Veen",
        lang="nl-NL",
        html=True,
        sender="l.vanderveen@welzijn-deventer.nl",
        from_name="Lotte van der Veen",
    )
    outlook_oof(
        "oof_outlook_en.eml",
        subject=f"Automatic reply: Uitnodiging: {EVENT}",
        body="Thank you for your message. I am out of the office until Monday 25 May with no access to e-mail.\nFor urgent matters please contact our office.\n\nKind regards,\nDaan Vermeulen",
        lang="en-GB",
        html=True,
        sender="daan.vermeulen@regio-werkbedrijf.nl",
        from_name="Vermeulen, Daan",
    )
    # Exchange OOF, HTML only, iso-8859-1
    html = "<html><body><p>Goedendag,</p><p>Tijdens de meivakantie ben ik niet aanwezig. Vanaf maandag 18 mei ben ik weer bereikbaar.</p><p>Met vriendelijke groet,<br>Jos&eacute; Peters</p><p>Stichting Welzijn Gorssel</p></body></html>"
    case(
        "oof_exchange_html_only_latin1.eml",
        f"""From: =?iso-8859-1?Q?Jos=E9_Peters?= <j.peters@welzijn-gorssel.nl>
To: {REPLY}
Subject: =?iso-8859-1?Q?Automatisch_antwoord:_Uitnodiging:_Netwerkbijeenkomst?=
Date: {DATE}
Message-ID: <EX2016.OOF.3344@welzijn-gorssel.nl>
Auto-Submitted: auto-replied
X-MS-Exchange-Inbox-Rules-Loop: j.peters@welzijn-gorssel.nl
MIME-Version: 1.0
Content-Type: text/html; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

{qp(html, "iso-8859-1")}
""",
        kind="auto_reply",
    )
    case(
        "oof_gmail_vacation_nl.eml",
        f"""MIME-Version: 1.0
From: Sanne Kuipers <sanne.kuipers.zutphen@gmail.com>
Date: {DATE}
Message-ID: <CAGm5vacation1234@mail.gmail.com>
Subject: Vakantie
To: {REPLY}
Auto-Submitted: auto-replied
Precedence: bulk
Content-Type: multipart/alternative; boundary="000000000000a1b2c3"

--000000000000a1b2c3
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{_T[2]}
--000000000000a1b2c3
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{qp('<div dir="ltr">Hallo,<br><br>Ik ben t/m 30 mei op vakantie en heb beperkt toegang tot mijn mail. Ik reageer na mijn terugkomst.<br><br>Groet,<br>Sanne</div>')}
--000000000000a1b2c3--
""",
        kind="auto_reply",
    )
    case(
        "oof_gmail_vacation_en.eml",
        f"""MIME-Version: 1.0
From: Pieter Hoogland <p.hoogland@gmail.com>
Date: {DATE}
Message-ID: <CAGm5vacation5678@mail.gmail.com>
Subject: Re: Uitnodiging: {EVENT}
To: {REPLY}
Auto-Submitted: auto-replied
Content-Type: text/plain; charset="UTF-8"

I'm currently travelling and will be back on 2 June. I will reply to your email as soon as possible.

Pieter
""",
        kind="auto_reply",
    )
    case(
        "oof_zimbra.eml",
        f"""Return-Path: <g.dekker@cultuurhuis-lochem.nl>
From: Gerda Dekker <g.dekker@cultuurhuis-lochem.nl>
To: {REPLY}
Subject: Afwezig: Uitnodiging: {EVENT}
Date: {DATE}
Message-ID: <1290451.4411.1747037643001.JavaMail.zimbra@cultuurhuis-lochem.nl>
Auto-Submitted: auto-replied (zimbra; vacation)
Precedence: bulk
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 7bit

Ik ben afwezig tot en met 20 mei. Uw e-mail wordt niet doorgestuurd.
""",
        kind="auto_reply",
    )
    case(
        "oof_apple_icloud.eml",
        f"""From: Maarten de Graaf <maarten.degraaf@icloud.com>
To: {REPLY}
Subject: Re: Uitnodiging: {EVENT}
Date: {DATE}
Message-Id: <OOF-1B2C3D4E@icloud.com>
Auto-Submitted: auto-replied
X-Autoreply: yes
Mime-Version: 1.0 (1.0)
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

{b64("Bedankt voor je bericht. Ik ben met verlof tot 1 juni en lees mijn mail daarna.")}
""",
        kind="auto_reply",
    )
    case(
        "oof_vacation_program.eml",
        f"""Return-Path: <hans.brink@dorpsraad-bathmen.nl>
From: hans.brink@dorpsraad-bathmen.nl
To: {REPLY}
Subject: away from my mail
Precedence: junk
X-Vacation: yes
Date: {DATE}
Message-Id: <20260512081403.ABCD@dorpsraad-bathmen.nl>

Ik ben tot 26 mei niet bereikbaar. Uw bericht lees ik na terugkomst.
""",
        kind="auto_reply",
    )
    case(
        "oof_no_headers_nl.eml",
        f"""From: Marloes Wiersma <m.wiersma@jongerenwerk-epe.nl>
To: {REPLY}
Subject: RE: Uitnodiging: {EVENT}
Date: {DATE}
Message-ID: <b3f1e2aa-77@jongerenwerk-epe.nl>
MIME-Version: 1.0
Content-Type: text/plain; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

{_T[3]}
""",
        kind="auto_reply",
    )
    case(
        "oof_no_headers_en.eml",
        f"""From: "Ruben Bos" <ruben.bos@sportservice-voorst.nl>
To: {REPLY}
Subject: Re: Uitnodiging: {EVENT}
Date: {DATE}
Message-ID: <rb-77812@sportservice-voorst.nl>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Thank you for your email. I am out of the office until 27 May with limited access to email.
Please contact info@sportservice-voorst.nl if your matter is urgent.

Ruben Bos
""",
        kind="auto_reply",
    )
    case(
        "oof_subject_only_afwezig.eml",
        f"""From: Yvonne Schouten <y.schouten@mantelzorg-heerde.nl>
To: {REPLY}
Subject: Afwezig
Date: {DATE}
Message-ID: <ys.afw.1@mantelzorg-heerde.nl>
Content-Type: text/plain; charset=us-ascii

Tot 3 juni.
""",
        kind="auto_reply",
    )
    case(
        "oof_out_of_office_subject_latin1.eml",
        f"""From: =?ISO-8859-1?Q?Ren=E9e_Dijkstra?= <r.dijkstra@muziekschool-ijssel.nl>
To: {REPLY}
Subject: Out of Office: Uitnodiging: {EVENT}
Date: {DATE}
Message-ID: <rd.ooo.44@muziekschool-ijssel.nl>
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: 8bit

"""
        + "Ik ben deze week niet op kantoor. Volgende week ben ik weer terug.\nRenée\n",
        kind="auto_reply",
    )
    case(
        "oof_afwezigheidsmelding_base64.eml",
        f"""From: Wim Verhoeven <wim.verhoeven@repaircafe-twello.nl>
To: {REPLY}
Subject: Afwezigheidsmelding
Date: {DATE}
Message-ID: <wv.afw.9@repaircafe-twello.nl>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

{_T[4]}
""",
        kind="auto_reply",
    )
    case(
        "oof_belgian_html_only_no_headers.eml",
        f"""From: Nele Claes <nele.claes@ocmw-grensregio.be>
To: {REPLY}
Subject: RE: Uitnodiging: {EVENT}
Date: {DATE}
Message-ID: <nc.77@ocmw-grensregio.be>
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

{qp("<html><body><p>Goeiedag,</p><p>Ik ben met verlof tot en met 14 juni. Uw mail wordt niet doorgestuurd.</p><p>Vriendelijke groeten,<br>Nele Claes</p></body></html>")}
""",
        kind="auto_reply",
    )
    case(
        "autoreply_ticket_system.eml",
        f"""From: Gemeente Voorstgoor <noreply@gemeente-voorstgoor.nl>
To: {REPLY}
Subject: Uw bericht is ontvangen [zaaknummer Z-2026-04411]
Date: {DATE}
Message-ID: <zaak-Z-2026-04411@gemeente-voorstgoor.nl>
Auto-Submitted: auto-replied
X-Autoreply: yes
Precedence: bulk
Content-Type: text/plain; charset=utf-8

Geachte heer/mevrouw,

Wij hebben uw bericht in goede orde ontvangen. U ontvangt binnen 5 werkdagen een reactie.

Gemeente Voorstgoor
""",
        kind="auto_reply",
    )
    case(
        "autoreply_cpanel_autorespond.eml",
        f"""From: Info Buurthuis De Schakel <info@buurthuis-deschakel.nl>
To: {REPLY}
Subject: Bedankt voor uw bericht
X-Autorespond: Bedankt voor uw bericht
Date: {DATE}
Message-ID: <ar.schakel.1@buurthuis-deschakel.nl>
Content-Type: text/plain; charset=utf-8

Bedankt voor uw bericht. Het buurthuis is op maandag en woensdag bemand; wij reageren zo snel mogelijk.
""",
        kind="auto_reply",
    )
    case(
        "autoreply_x_loop.eml",
        f"""From: Secretariaat Wijkraad Noord <secretariaat@wijkraad-noord-zutphen.nl>
To: {REPLY}
Subject: Re: Uitnodiging: {EVENT}
X-Loop: yes
Date: {DATE}
Message-ID: <loop.33@wijkraad-noord-zutphen.nl>
Content-Type: text/plain; charset=utf-8

Dit is een automatisch bericht. Het secretariaat leest deze mailbox op dinsdag.
""",
        kind="auto_reply",
    )
    case(
        "autoreply_auto_generated_system.eml",
        f"""From: Zorgportaal IJssel <portaal@zorgportaal-ijssel.nl>
To: {REPLY}
Subject: Ontvangstbevestiging
Auto-Submitted: auto-generated
Date: {DATE}
Message-ID: <portal.ack.998@zorgportaal-ijssel.nl>
Content-Type: text/plain; charset=utf-8

Uw e-mail is geregistreerd onder nummer 44182.
""",
        kind="auto_reply",
    )
    read_receipts()
    list_mail()


def read_receipts() -> None:
    case(
        "receipt_outlook_mdn_nl.eml",
        f"""From: Karin Meijerink <k.meijerink@welzijn-deventer.nl>
To: {REPLY}
Subject: Gelezen: Uitnodiging: {EVENT}
Date: {DATE}
Message-ID: <mdn.km.1@welzijn-deventer.nl>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=disposition-notification;
\tboundary="mdn_bnd"

--mdn_bnd
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

{_T[5]}
--mdn_bnd
Content-Type: message/disposition-notification

Reporting-UA: welzijn-deventer.nl; Microsoft Outlook 16.0
Final-Recipient: rfc822;k.meijerink@welzijn-deventer.nl
Original-Message-ID: <pp.31.2201@netwerk-ijsselvallei.nl>
Disposition: manual-action/MDN-sent-manually; displayed

--mdn_bnd--
""",
        kind="auto_reply",
    )
    case(
        "receipt_thunderbird_mdn_en.eml",
        f"""From: Thijs Scholten <thijs@scholten-advies.nl>
To: {REPLY}
Subject: Return Receipt (displayed) - Uitnodiging: {EVENT}
Date: {DATE}
Message-ID: <tb.mdn.22@scholten-advies.nl>
User-Agent: Mozilla Thunderbird
MIME-Version: 1.0
Content-Type: multipart/report; report-type="disposition-notification";
 boundary="------------tbmdn"

This is a multi-part message in MIME format.
--------------tbmdn
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 7bit

This is a Return Receipt for the mail that you sent to thijs@scholten-advies.nl.

Note: This Return Receipt only acknowledges that the message was displayed on the recipient's computer.

--------------tbmdn
Content-Type: message/disposition-notification; name="MDNPart2.txt"
Content-Disposition: inline

Reporting-UA: scholten-advies.nl; Mozilla Thunderbird
Final-Recipient: rfc822;thijs@scholten-advies.nl
Original-Message-ID: <pp.31.2212@netwerk-ijsselvallei.nl>
Disposition: manual-action/MDN-sent-manually; displayed

--------------tbmdn--
""",
        kind="auto_reply",
    )
    case(
        "receipt_plain_gelezen.eml",
        f"""From: Bram Huisman <b.huisman@vluchtelingenwerk-ijssel.nl>
To: {REPLY}
Subject: Gelezen: Uitnodiging: {EVENT}
Date: {DATE}
Message-ID: <rr.plain.5@vluchtelingenwerk-ijssel.nl>
Content-Type: text/plain; charset=utf-8

Uw bericht

  Aan: Bram Huisman
  Onderwerp: Uitnodiging: {EVENT}

is gelezen op dinsdag 12 mei 2026 10:14.
""",
        kind="auto_reply",
    )
    case(
        "receipt_not_read.eml",
        f"""From: Ilse Vos <ilse.vos@dagbesteding-voorst.nl>
To: {REPLY}
Subject: Niet gelezen: Uitnodiging: {EVENT}
Date: {DATE}
Message-ID: <nr.3@dagbesteding-voorst.nl>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=disposition-notification; boundary="nr"

--nr
Content-Type: text/plain; charset=utf-8

Uw bericht is verwijderd zonder dat het gelezen is.
--nr
Content-Type: message/disposition-notification

Final-Recipient: rfc822;ilse.vos@dagbesteding-voorst.nl
Disposition: automatic-action/MDN-sent-automatically; deleted

--nr--
""",
        kind="auto_reply",
    )


def list_mail() -> None:
    case(
        "list_mailman.eml",
        f"""From: Anja Mol <anja.mol@vrijwilligersacademie.nl>
To: netwerk-oost@lists.vrijwilligersacademie.nl
Cc: {REPLY}
Subject: [Netwerk Oost] Verslag vorige bijeenkomst
Date: {DATE}
Message-ID: <am.verslag.1@vrijwilligersacademie.nl>
List-Id: Netwerk Oost <netwerk-oost.lists.vrijwilligersacademie.nl>
List-Unsubscribe: <https://lists.vrijwilligersacademie.nl/mailman/options/netwerk-oost>
List-Post: <mailto:netwerk-oost@lists.vrijwilligersacademie.nl>
Precedence: list
Content-Type: text/plain; charset=utf-8

Beste allen, hierbij het verslag van de vorige bijeenkomst. Ik kom graag weer!
""",
        kind="other",
    )
    case(
        "list_newsletter_other_org.eml",
        f"""From: Nieuwsbrief Mantelzorg Gelderland <nieuws@mantelzorg-gelderland.nl>
To: {REPLY}
Subject: Nieuwsbrief mei: aanmelden voor de themadag
Date: {DATE}
Message-ID: <nb.mei.2026@mantelzorg-gelderland.nl>
List-Unsubscribe: <https://mantelzorg-gelderland.nl/afmelden?u=88a1>, <mailto:afmelden@mantelzorg-gelderland.nl>
List-Unsubscribe-Post: List-Unsubscribe=One-Click
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<html><body><h1>Nieuwsbrief mei</h1><p>Ja, ik kom naar de themadag? Meld u aan via de website.</p></body></html>
""",
        kind="other",
    )
    case(
        "noreply_notification.eml",
        f"""From: Agenda Regio <no-reply@agenda-regio-ijssel.nl>
To: {REPLY}
Subject: Uw evenement is gepubliceerd
Date: {DATE}
Message-ID: <pub.4411@agenda-regio-ijssel.nl>
Content-Type: text/plain; charset=utf-8

Uw evenement "{EVENT}" staat nu in de regionale agenda.
""",
        kind="other",
    )


def ics_reply(
    *,
    partstat: str,
    attendee: str,
    cn: str | None,
    prodid: str,
    uid: str = UID,
    sequence: int | None = 0,
    guests: int | None = None,
    organizer: str = REPLY,
    comment: str = "",
    component: str = "VEVENT",
    dtstamp: str = "20260512T081403Z",
    crlf: bool = True,
) -> str:
    params = ""
    if cn is not None:
        params += f";CN={cn}" if " " not in cn and "," not in cn else f';CN="{cn}"'
    params += f";PARTSTAT={partstat}"
    if guests is not None:
        params += f";X-NUM-GUESTS={guests}"
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{prodid}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:REPLY",
        f"BEGIN:{component}",
        "DTSTART:20260528T130000Z",
        "DTEND:20260528T160000Z",
        f"DTSTAMP:{dtstamp}",
        f"ORGANIZER;CN=Netwerk IJsselvallei:mailto:{organizer}",
        f"UID:{uid}",
        f"ATTENDEE{params}:mailto:{attendee}",
    ]
    if sequence is not None:
        lines.append(f"SEQUENCE:{sequence}")
    if comment:
        lines.append(f"COMMENT:{comment}")
    lines += [f"SUMMARY:{EVENT}", f"END:{component}", "END:VCALENDAR"]
    folded = []
    for line in lines:
        while len(line.encode()) > 75:
            folded.append(line[:74])
            line = " " + line[74:]
        folded.append(line)
    return ("\r\n" if crlf else "\n").join(folded) + ("\r\n" if crlf else "\n")


def calendar_mail(
    *,
    from_: str,
    subject: str,
    text: str,
    ics: str,
    client: str,
    encoding: str = "base64",
    attach_ics: bool = False,
    extra: str = "",
    charset: str = "utf-8",
) -> str:
    cal = b64(ics) if encoding == "base64" else qp(ics)
    attachment = ""
    if attach_ics:
        attachment = f"""--cal_outer
Content-Type: application/ics; name="invite.ics"
Content-Disposition: attachment; filename="invite.ics"
Content-Transfer-Encoding: base64

{b64(ics)}
"""
    return f"""From: {from_}
To: {REPLY}
Subject: {subject}
Date: {DATE}
Message-ID: <cal.{len(CASES)}.{client}@mail.example.nl>
{extra}MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="cal_outer"

--cal_outer
Content-Type: multipart/alternative; boundary="cal_alt"

--cal_alt
Content-Type: text/plain; charset="{charset}"
Content-Transfer-Encoding: quoted-printable

{qp(text, charset)}
--cal_alt
Content-Type: text/calendar; charset="utf-8"; method=REPLY
Content-Transfer-Encoding: {encoding}

{cal}
--cal_alt--

{attachment}--cal_outer--
"""


def calendars() -> None:
    outlook = "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN"
    google = "-//Google Inc//Google Calendar 70.9054//EN"
    apple = "-//Apple Inc.//macOS 14.4//EN"
    tbird = "-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN"
    ex = "X-MS-Exchange-Calendar-Originator-Id: 1f3a\nThread-Topic: " + EVENT + "\n"

    def add(
        name: str, raw: str, decision: str, attendee: dict[str, object], **more: object
    ) -> None:
        case(name, raw, kind="calendar_reply", decision=decision, attendee=attendee, **more)

    add(
        "cal_outlook_accepted_nl.eml",
        calendar_mail(
            from_="Joost de Wit <j.dewit@buurtzorg-zutphen.nl>",
            subject=f"Geaccepteerd: {EVENT}",
            text="",
            client="outlook",
            ics=ics_reply(
                partstat="ACCEPTED",
                attendee="j.dewit@buurtzorg-zutphen.nl",
                cn="Joost de Wit",
                prodid=outlook,
            ),
            extra=ex,
        ),
        "attending",
        {"name": "Joost de Wit", "email": "j.dewit@buurtzorg-zutphen.nl"},
        uid=UID,
        organizer=REPLY,
        sequence=0,
    )
    add(
        "cal_outlook_declined_nl_comment.eml",
        calendar_mail(
            from_="Annelies Bakker <a.bakker@gemeente-voorstgoor.nl>",
            subject=f"Geweigerd: {EVENT}",
            text="Helaas heb ik die middag een raadsvergadering.",
            client="outlook",
            ics=ics_reply(
                partstat="DECLINED",
                attendee="a.bakker@gemeente-voorstgoor.nl",
                cn="Annelies Bakker",
                prodid=outlook,
                comment="Helaas heb ik die middag een raadsvergadering.",
            ),
            extra=ex,
        ),
        "declined",
        {"name": "Annelies Bakker", "email": "a.bakker@gemeente-voorstgoor.nl"},
    )
    add(
        "cal_outlook_tentative_nl.eml",
        calendar_mail(
            from_='"Bakker, Marieke" <marieke.bakker@ggd-ijsselland.nl>',
            subject=f"Voorlopig: {EVENT}",
            text="",
            client="outlook",
            ics=ics_reply(
                partstat="TENTATIVE",
                attendee="marieke.bakker@ggd-ijsselland.nl",
                cn="Bakker, Marieke",
                prodid=outlook,
            ),
            extra=ex,
        ),
        "maybe",
        {"name": "Marieke Bakker", "email": "marieke.bakker@ggd-ijsselland.nl"},
    )
    add(
        "cal_outlook_accepted_en_auto_headers.eml",
        calendar_mail(
            from_="Room Agent <kamer.ijssel@zorgcentrum-olst.nl>",
            subject=f"Accepted: {EVENT}",
            text="Your request was accepted.",
            client="exchange",
            ics=ics_reply(
                partstat="ACCEPTED",
                attendee="kamer.ijssel@zorgcentrum-olst.nl",
                cn="Vergaderzaal IJssel",
                prodid=outlook,
            ),
            extra="Auto-Submitted: auto-replied\nX-Auto-Response-Suppress: All\nX-MS-Exchange-Generated-Message-Source: Calendar Assistant\n",
        ),
        "attending",
        {"name": "Vergaderzaal IJssel", "email": "kamer.ijssel@zorgcentrum-olst.nl"},
    )
    add(
        "cal_google_accepted_guests0.eml",
        calendar_mail(
            from_="Fatima el Amrani <fatima.elamrani@gmail.com>",
            subject=f"Geaccepteerd: {EVENT} @ do 28 mei 2026 15:00 - 18:00 (CEST) ({REPLY})",
            text="Fatima el Amrani heeft deze uitnodiging geaccepteerd.\n\nUitnodiging van Google Agenda",
            client="google",
            ics=ics_reply(
                partstat="ACCEPTED",
                attendee="fatima.elamrani@gmail.com",
                cn="Fatima el Amrani",
                prodid=google,
                guests=0,
            ),
        ),
        "attending",
        {"name": "Fatima el Amrani", "email": "fatima.elamrani@gmail.com"},
        guests=0,
    )
    add(
        "cal_google_tentative_guest1.eml",
        calendar_mail(
            from_="Erik Jansen <erik.jansen@wijkteams-apeldoorn.nl>",
            subject=f"Voorlopig geaccepteerd: {EVENT}",
            text="Erik Jansen heeft deze uitnodiging voorlopig geaccepteerd en neemt 1 gast mee.",
            client="google",
            ics=ics_reply(
                partstat="TENTATIVE",
                attendee="erik.jansen@wijkteams-apeldoorn.nl",
                cn="Erik Jansen",
                prodid=google,
                guests=1,
            ),
        ),
        "maybe",
        {"name": "Erik Jansen", "email": "erik.jansen@wijkteams-apeldoorn.nl"},
        guests=1,
    )
    add(
        "cal_google_declined_en.eml",
        calendar_mail(
            from_="Sarah O'Brien <sarah.obrien@expat-centre-oost.nl>",
            subject=f"Declined: {EVENT} @ Thu 28 May 2026 3pm - 6pm (CEST)",
            text="Sarah O'Brien has declined this invitation.",
            client="google",
            ics=ics_reply(
                partstat="DECLINED",
                attendee="sarah.obrien@expat-centre-oost.nl",
                cn="Sarah O'Brien",
                prodid=google,
                guests=0,
            ),
        ),
        "declined",
        {"name": "Sarah O'Brien", "email": "sarah.obrien@expat-centre-oost.nl"},
        guests=0,
    )
    add(
        "cal_apple_accepted_qp.eml",
        calendar_mail(
            from_="Peter van 't Hof <peter.vanthof@me.com>",
            subject=f"Afspraak geaccepteerd: {EVENT}",
            text="Peter van 't Hof heeft je uitnodiging geaccepteerd.",
            client="apple",
            encoding="quoted-printable",
            ics=ics_reply(
                partstat="ACCEPTED",
                attendee="peter.vanthof@me.com",
                cn="Peter van 't Hof",
                prodid=apple,
                sequence=2,
            ),
        ),
        "attending",
        {"name": "Peter van 't Hof", "email": "peter.vanthof@me.com"},
        sequence=2,
    )
    add(
        "cal_icloud_noreply_sender.eml",
        calendar_mail(
            from_="Lieke ter Horst <noreply@insideicloud.icloud.com>",
            subject=f"Uitnodiging geaccepteerd: {EVENT}",
            text="Lieke ter Horst heeft de uitnodiging geaccepteerd.",
            client="icloud",
            ics=ics_reply(
                partstat="ACCEPTED",
                attendee="lieke.terhorst@icloud.com",
                cn="Lieke ter Horst",
                prodid=apple,
            ),
            extra="Return-Path: <>\n",
        ),
        "attending",
        {"name": "Lieke ter Horst", "email": "lieke.terhorst@icloud.com"},
    )
    add(
        "cal_thunderbird_accepted_nl.eml",
        calendar_mail(
            from_="Henk Jansen <henk.jansen@dorpshuis-wilp.nl>",
            subject=f"Geaccepteerd: {EVENT}",
            text="Henk Jansen heeft uw uitnodiging voor de gebeurtenis geaccepteerd.",
            client="tbird",
            attach_ics=True,
            ics=ics_reply(
                partstat="ACCEPTED",
                attendee="henk.jansen@dorpshuis-wilp.nl",
                cn="Henk Jansen",
                prodid=tbird,
            ),
        ),
        "attending",
        {"name": "Henk Jansen", "email": "henk.jansen@dorpshuis-wilp.nl"},
    )
    add(
        "cal_thunderbird_declined_en.eml",
        calendar_mail(
            from_="Andrew Carter <a.carter@international-school-ijssel.nl>",
            subject=f"Invitation Declined: {EVENT}",
            text="Andrew Carter has declined your event invitation.",
            client="tbird",
            attach_ics=True,
            ics=ics_reply(
                partstat="DECLINED",
                attendee="a.carter@international-school-ijssel.nl",
                cn="Andrew Carter",
                prodid=tbird,
            ),
        ),
        "declined",
        {"name": "Andrew Carter", "email": "a.carter@international-school-ijssel.nl"},
    )
    add(
        "cal_no_cn_name_from_header.eml",
        calendar_mail(
            from_="Dirk-Jan Mulder <dj.mulder@sportbuurt-twello.nl>",
            subject=f"Geaccepteerd: {EVENT}",
            text="",
            client="nocn",
            ics=ics_reply(
                partstat="ACCEPTED",
                attendee="dj.mulder@sportbuurt-twello.nl",
                cn=None,
                prodid=outlook,
            ),
        ),
        "attending",
        {"name": "Dirk-Jan Mulder", "email": "dj.mulder@sportbuurt-twello.nl"},
    )
    add(
        "cal_assistant_sends_for_manager.eml",
        calendar_mail(
            from_="Secretariaat Directie <secretariaat@zorggroep-salland.nl>",
            subject=f"Geaccepteerd: {EVENT}",
            text="",
            client="sec",
            ics=ics_reply(
                partstat="ACCEPTED",
                attendee="w.vandermeer@zorggroep-salland.nl",
                cn="Wouter van der Meer",
                prodid=outlook,
            ),
        ),
        "attending",
        {"name": "Wouter van der Meer", "email": "w.vandermeer@zorggroep-salland.nl"},
    )
    add(
        "cal_needs_action.eml",
        calendar_mail(
            from_="Tineke Smit <t.smit@bibliotheek-gorssel.nl>",
            subject=f"Antwoord op uitnodiging: {EVENT}",
            text="",
            client="na",
            ics=ics_reply(
                partstat="NEEDS-ACTION",
                attendee="t.smit@bibliotheek-gorssel.nl",
                cn="Tineke Smit",
                prodid=tbird,
            ),
        ),
        "unclear",
        {"name": "Tineke Smit", "email": "t.smit@bibliotheek-gorssel.nl"},
    )
    add(
        "cal_vtodo_broken_dtstamp.eml",
        calendar_mail(
            from_="Koen Dekker <koen.dekker@groupware-oost.nl>",
            subject=f"Accepted: {EVENT}",
            text="",
            client="todo",
            ics=ics_reply(
                partstat="ACCEPTED",
                attendee="koen.dekker@groupware-oost.nl",
                cn="Koen Dekker",
                prodid="-//Groupware Oost//EN",
                component="VTODO",
                dtstamp="0",
            ),
        ),
        "attending",
        {"name": "Koen Dekker", "email": "koen.dekker@groupware-oost.nl"},
    )
    add(
        "cal_lf_only_iso_text.eml",
        calendar_mail(
            from_="=?iso-8859-1?Q?Jos=E9_Schr=F6der?= <jose.schroder@kunstkring-epe.nl>",
            subject=f"Geaccepteerd: {EVENT}",
            text="José Schröder heeft de uitnodiging geaccepteerd.",
            client="lf",
            charset="iso-8859-1",
            ics=ics_reply(
                partstat="ACCEPTED",
                attendee="jose.schroder@kunstkring-epe.nl",
                cn="José Schröder",
                prodid=tbird,
                crlf=False,
            ),
        ),
        "attending",
        {"name": "José Schröder", "email": "jose.schroder@kunstkring-epe.nl"},
    )
    add(
        "cal_high_sequence.eml",
        calendar_mail(
            from_="Mila Post <mila.post@cjg-voorst.nl>",
            subject=f"Geweigerd: {EVENT}",
            text="",
            client="seq",
            ics=ics_reply(
                partstat="DECLINED",
                attendee="mila.post@cjg-voorst.nl",
                cn="Mila Post",
                prodid=google,
                sequence=3,
            ),
        ),
        "declined",
        {"name": "Mila Post", "email": "mila.post@cjg-voorst.nl"},
        sequence=3,
    )
    not_answers()


def not_answers() -> None:
    """Calendar data that is not an answer: forwarded REPLY, a REQUEST, a CANCEL."""
    inner_ics = ics_reply(
        partstat="ACCEPTED",
        attendee="els.deboer@stichting-present-zutphen.nl",
        cn="Els de Boer",
        prodid="-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
    )
    raw = f"""From: Johan Koning <johan.koning@stichting-present-zutphen.nl>
To: {REPLY}
Subject: FW: Geaccepteerd: {EVENT}
Date: {DATE}
Message-ID: <fw.cal.1@stichting-present-zutphen.nl>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="fwd"

--fwd
Content-Type: text/plain; charset=utf-8

Ter info: zie de bevestiging van mijn collega hieronder.

Johan
--fwd
Content-Type: message/rfc822

From: Els de Boer <els.deboer@stichting-present-zutphen.nl>
To: {REPLY}
Subject: Geaccepteerd: {EVENT}
MIME-Version: 1.0
Content-Type: text/calendar; charset=utf-8; method=REPLY
Content-Transfer-Encoding: base64

{b64(inner_ics)}
--fwd--
"""
    case("cal_reply_inside_forward_not_counted.eml", raw, kind_not="calendar_reply", calendar=None)
    request = inner_ics.replace("METHOD:REPLY", "METHOD:REQUEST").replace(
        "PARTSTAT=ACCEPTED", "PARTSTAT=NEEDS-ACTION;RSVP=TRUE"
    )
    case(
        "cal_forwarded_request_top_level.eml",
        calendar_mail(
            from_="Johan Koning <johan.koning@stichting-present-zutphen.nl>",
            subject=f"Uitnodiging: {EVENT}",
            text="Doorgestuurde uitnodiging.",
            client="req",
            ics=request,
        ).replace("method=REPLY", "method=REQUEST"),
        kind_not="calendar_reply",
        calendar=None,
    )
    cancel = inner_ics.replace("METHOD:REPLY", "METHOD:CANCEL")
    case(
        "cal_cancel_not_an_answer.eml",
        calendar_mail(
            from_="Johan Koning <johan.koning@stichting-present-zutphen.nl>",
            subject=f"Geannuleerd: {EVENT}",
            text="",
            client="cancel",
            ics=cancel,
        ).replace("method=REPLY", "method=CANCEL"),
        kind_not="calendar_reply",
        calendar=None,
    )


def humans_not_automated() -> None:
    """People's mail that must pass the gate: the human reader decides, not us."""
    case(
        "human_vacation_decline_not_oof.eml",
        f"""From: Linda Koster <linda.koster@buurtkracht-zutphen.nl>
To: {REPLY}
Subject: RE: Uitnodiging: {EVENT}
Date: {DATE}
Message-ID: <lk.1@buurtkracht-zutphen.nl>
In-Reply-To: <pp.31.2201@netwerk-ijsselvallei.nl>
Content-Type: text/plain; charset=utf-8

Ik ben tot 30 mei met vakantie, dus ik kan helaas niet komen.

Groet, Linda
""",
        kind_not_in=["auto_reply", "bounce", "calendar_reply", "other"],
    )
    case(
        "human_auto_submitted_no.eml",
        f"""From: Gijs Hendriks <gijs@hendriks-zorgadvies.nl>
To: {REPLY}
Subject: Re: Uitnodiging: {EVENT}
Auto-Submitted: no
Date: {DATE}
Message-ID: <gh.2@hendriks-zorgadvies.nl>
Content-Type: text/plain; charset=utf-8

Ja, ik kom graag. Gijs Hendriks
""",
        kind_not_in=["auto_reply", "bounce", "calendar_reply", "other"],
    )
    case(
        "human_quotes_original_message.eml",
        f"""From: Mirjam Smit <mirjam.smit@hotmail.com>
To: {REPLY}
Subject: RE: Uitnodiging: {EVENT}
Date: {DATE}
Message-ID: <ms.3@hotmail.com>
Content-Type: text/plain; charset=utf-8

Wij komen met z'n tweeën.

----- Original Message -----
From: Netwerk IJsselvallei <{OUR}>
To: mirjam.smit@hotmail.com
Sent: Monday, May 11, 2026 9:00 AM
Subject: Uitnodiging: {EVENT}

Laat vóór 21 mei weten wie er komt, maximaal 2 personen.
""",
        kind_not_in=["auto_reply", "bounce", "calendar_reply", "other"],
    )


def main() -> None:
    bounces()
    auto_replies()
    calendars()
    humans_not_automated()
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.eml"):
        old.unlink()
    manifest = []
    for name, raw, expected in CASES:
        data = raw.encode("utf-8", "surrogateescape")
        if "latin1" in name and "8bit" in raw:
            data = raw.encode("latin-1", "replace")
        (OUT / name).write_bytes(data)
        manifest.append({"file": name, **expected})
    (OUT / "expected.json").write_text(
        json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"{len(manifest)} messages written to {OUT}")


if __name__ == "__main__":
    main()
