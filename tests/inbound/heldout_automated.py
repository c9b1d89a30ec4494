# ruff: noqa: E501  (mail data: lines are kept as servers write them)
"""Automated mail of held-out rounds 4-7: auto-replies, bounces, a read receipt, calendar replies.

What a reply address gets that no person wrote: an out-of-office, Postfix's
DSN, an Exchange Online NDR, a small provider's Dutch bounce with the
original inline, an Outlook read receipt, an iCalendar REPLY. Built from a
round's ``Clients`` (our mails' texts and subjects, the round's dates and
ids); round 4 has only the first two here, its other bounces are its own.
"""

from __future__ import annotations

import base64
from html import escape

from tests.inbound.heldout_clients import Clients
from tests.inbound.heldout_mime import NETWORK, NETWORK_FROM, address, body, headers
from tests.inbound.heldout_round import Invited, domain_of

ICS_SUMMARY = {"ACCEPTED": "Geaccepteerd", "DECLINED": "Geweigerd", "TENTATIVE": "Voorlopig"}


class Automated:
    """One round's automated mail, answering the deliveries its ``Clients`` quote."""

    def __init__(self, clients: Clients) -> None:
        self.clients = clients
        self.round = clients.round
        self.mailing = clients.mailing

    def original_copy(self, o: Invited) -> str:
        """Our mail as a bounce returns it: its headers and its text part."""
        c = self.clients
        return (
            f"From: {NETWORK} <{NETWORK_FROM}>\nReply-To: {o.reply}\nTo: {o.contact} <{o.email}>\n"
            f"Subject: {c.subject_of(o)}\nMessage-ID: {o.message_id}\nDate: {self.mailing.original_date}\n"
            'MIME-Version: 1.0\nContent-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: 8bit\n\n'
            + c.text_of(o)
            + "\n"
        )

    def auto(
        self,
        o: Invited,
        n: int,
        subj: str,
        text: str,
        *,
        extra: str = "",
        sender: tuple[str, str] | None = None,
    ) -> str:
        """An auto-reply (out-of-office, ticket system): its own headers in ``extra``, or none."""
        head = self.clients.head(
            o, n, sender or (o.contact, o.email), subj, to=o.reply, extra=extra
        )
        return head + body(text, cte="quoted-printable")

    def postfix_dsn(
        self, o: Invited, n: int, status: str, action: str, diagnostic: str, human: str
    ) -> str:
        host = "mail." + domain_of(o.email)
        b = f"{self.round.tag}dsn{n}"
        return (
            headers(
                sender=f"MAILER-DAEMON@{host} (Mail Delivery System)",
                to=o.reply,
                subject="Undelivered Mail Returned to Sender"
                if action == "failed"
                else "Delayed Mail (still being retried)",
                date=self.round.date(n),
                message_id=self.round.mid(n, host),
                extra="Auto-Submitted: auto-replied",
            )
            + f'Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="{b}"\n\n'
            f"--{b}\nContent-Description: Notification\n"
            + body(human)
            + f"\n--{b}\nContent-Description: Delivery report\nContent-Type: message/delivery-status\n\n"
            f"Reporting-MTA: dns; {host}\nX-Postfix-Queue-ID: 4Fq8Lz2{self.round.tag}Wz9\nArrival-Date: {self.mailing.arrival}\n\n"
            f"Final-Recipient: rfc822; {o.email}\nOriginal-Recipient: rfc822;{o.email}\nAction: {action}\n"
            f"Status: {status}\nDiagnostic-Code: smtp; {diagnostic}\n\n"
            f"--{b}\nContent-Description: Undelivered Message Headers\nContent-Type: text/rfc822-headers\n\n"
            + self.original_copy(o).split("\n\n", 1)[0]
            + f"\n\n--{b}--\n"
        )

    def exchange_ndr_en(self, o: Invited, n: int) -> str:
        html = (
            '<html><body><div style="font-family:Segoe UI,sans-serif">'
            f"<p><b>Your message to {o.email} couldn't be delivered.</b></p>"
            f"<p>{escape(o.email.split('@')[0])} wasn't found at {domain_of(o.email)}.</p>"
            "<p>Action Required: Recipient</p><p>Unknown To address</p>"
            "<p>How to Fix It<br>The address may be misspelled or may not exist.</p>"
            "<p>Diagnostic information for administrators:<br>Generating server: DB9PR06MB7777.eurprd06.prod.outlook.com<br>"
            f"{o.email}<br>Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'</p>"
            "</div></body></html>"
        )
        b = f"{self.round.tag}_ndr_en"
        return (
            headers(
                sender=f"Microsoft Outlook <postmaster@{self.mailing.tenant}.onmicrosoft.com>",
                to=o.reply,
                subject=f"Undeliverable: {self.clients.subject_of(o)}",
                date=self.round.date(n),
                message_id=self.round.mid(n, "DB9PR06MB7777.eurprd06.prod.outlook.com"),
                extra="X-MS-Exchange-Message-Is-Ndr: \nContent-Language: en-US",
            )
            + f'Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="{b}"\n\n'
            f"--{b}\n"
            + body(html, subtype="html", cte="quoted-printable")
            + f"\n--{b}\nContent-Type: message/delivery-status\n\n"
            "Reporting-MTA: dns;DB9PR06MB7777.eurprd06.prod.outlook.com\n"
            f"Received-From-MTA: dns;mail.pleinpost.example\nArrival-Date: {self.mailing.arrival_utc}\n\n"
            f"Final-Recipient: rfc822;{o.email}\nAction: failed\nStatus: 5.1.1\n"
            "Diagnostic-Code: smtp;550 5.1.1 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup\n\n"
            f"--{b}\nContent-Type: message/rfc822\n\n" + self.original_copy(o) + f"\n--{b}--\n"
        )

    def plain_bounce_nl(self, o: Invited, n: int) -> str:
        """A small provider's Dutch failure notice: no report part, the original inline."""
        host = self.mailing.hosting
        return headers(
            sender=f"Mail Delivery Subsystem <mailer-daemon@{host}>",
            to=o.reply,
            subject=f"Onbestelbaar: {self.clients.subject_of(o)}",
            date=self.round.date(n),
            message_id=self.round.mid(n, host),
        ) + body(
            "Dit is een automatisch bericht van de mailserver.\n\n"
            "Uw bericht kon niet worden afgeleverd bij de volgende ontvanger:\n\n"
            f"    {o.email}\n\n"
            "Reden: de mailbox van de ontvanger is vol (552 5.2.2 Mailbox full).\n"
            "De server heeft het 3 dagen geprobeerd en geeft het nu op.\n\n"
            "--- Hieronder volgt een kopie van het oorspronkelijke bericht ---\n\n"
            + self.original_copy(o)
        )

    def mdn(self, o: Invited, n: int) -> str:
        """An Outlook read receipt: a disposition notification."""
        subject = self.clients.subject_of(o)
        b = f"{self.round.tag}_mdn"
        return (
            headers(
                sender=address(o.contact, o.email),
                to=o.reply,
                subject=f"Gelezen: {subject}",
                date=self.round.date(n),
                message_id=self.round.mid(n, domain_of(o.email)),
            )
            + f'Content-Type: multipart/report; report-type=disposition-notification;\n\tboundary="{b}"\n\n'
            f"--{b}\n"
            + body(
                f"Uw bericht\n\n  Aan: {o.contact}\n  Onderwerp: {subject}\n  Verzonden: {self.clients.sent(o)[0]}\n\n"
                f"is gelezen op {self.mailing.read_on}."
            )
            + f"\n--{b}\nContent-Type: message/disposition-notification\n\n"
            f"Reporting-UA: {domain_of(o.email)}; Microsoft Outlook 16.0\n"
            f"Final-Recipient: rfc822;{o.email}\nOriginal-Message-ID: {o.message_id}\n"
            f"Disposition: manual-action/MDN-sent-manually; displayed\n\n--{b}--\n"
        )

    def ics(
        self, o: Invited, partstat: str, cn: str, email: str, prodid: str, comment: str = ""
    ) -> str:
        start, end, stamp = self.mailing.event
        lines = [
            "BEGIN:VCALENDAR",
            f"PRODID:{prodid}",
            "VERSION:2.0",
            "METHOD:REPLY",
            "BEGIN:VEVENT",
            f"DTSTART:{start}",
            f"DTEND:{end}",
            f"DTSTAMP:{stamp}",
            f"ORGANIZER;CN={NETWORK}:mailto:{o.reply}",
            f"UID:pleinpost-{self.round.tag}-{self.mailing.uid}@pleinpost.example",
            f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};CN={cn}:mailto:{email}",
            f"SUMMARY:{ICS_SUMMARY[partstat]}: {self.round.title}",
            "SEQUENCE:0",
        ]
        if comment:
            lines.append(f"COMMENT:{comment}")
        lines += ["END:VEVENT", "END:VCALENDAR"]
        return "\r\n".join(lines) + "\r\n"

    def calendar_reply(
        self,
        o: Invited,
        n: int,
        subj: str,
        text: str,
        partstat: str,
        prodid: str,
        comment: str = "",
    ) -> str:
        """A calendar's answer: a text part and the REPLY inline and as an attachment."""
        cal = self.ics(o, partstat, o.contact, o.email, prodid, comment)
        encoded = base64.encodebytes(cal.encode("utf-8")).decode("ascii")
        mix, alt = f"{self.round.tag}calmix", f"{self.round.tag}calalt"
        return (
            headers(
                sender=address(o.contact, o.email),
                to=address(NETWORK, o.reply),
                subject=subj,
                date=self.round.date(n),
                message_id=self.round.mid(n, domain_of(o.email)),
            )
            + f'Content-Type: multipart/mixed; boundary="{mix}"\n\n--{mix}\n'
            + f'Content-Type: multipart/alternative; boundary="{alt}"\n\n--{alt}\n'
            + body(text, cte="quoted-printable")
            + f'\n--{alt}\nContent-Type: text/calendar; charset="UTF-8"; method=REPLY\nContent-Transfer-Encoding: base64\n\n'
            + encoded
            + f"\n--{alt}--\n\n--{mix}\n"
            + 'Content-Type: application/ics; name="invite.ics"\nContent-Disposition: attachment; filename="invite.ics"\nContent-Transfer-Encoding: base64\n\n'
            + encoded
            + f"\n--{mix}--\n"
        )
