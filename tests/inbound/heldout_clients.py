# ruff: noqa: E501  (mail data: lines are kept as clients write them)
"""The mail clients of held-out rounds 4-7: how each quotes our mail under a reply.

Outlook (NL/EN, desktop Word HTML, Outlook on the web), Gmail (text and
``gmail_quote`` HTML), Apple Mail and iPhone, Thunderbird, Dutch webmail,
Android, a forward answered by a colleague, a mailto button. Each round
builds one ``Clients`` from its ``Round`` and its ``Mailing`` (our mails'
texts and subjects, and the send moment as each client writes it); its
cases call the bound methods. Round 3 quotes its own way (``heldout3_corpus``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape

from tests.inbound.heldout_mime import NETWORK, address, body, headers, quoted
from tests.inbound.heldout_round import Invited, Round, domain_of, paragraphs_html

# the subject prefix a client puts before our subject; "Re: " when not listed
RE = {"outlook": "RE: ", "outlook_en": "RE: "}


@dataclass(frozen=True)
class Mailing:
    """Our mails of one round, and when they were sent as each client writes it.

    The fields with defaults: first client details round 4 has its own of
    (the defaults are rounds 5-7's), then what only rounds 5-7 use (a forward
    answered by a colleague, their automated mail).
    """

    texts: Mapping[str, Callable[[Invited], str]]  # per mail: its text part
    subjects: Mapping[str, str]  # per mail
    sent: Mapping[str, tuple[str, str, str]]  # per mail: Outlook NL, Gmail NL, Apple NL
    sent_en: str  # Outlook EN: "Tuesday, February 16, 2027 10:41 AM"
    sent_en_gmail: str  # Gmail EN: "Tue, Feb 16, 2027 at 10:41 AM"
    sent_day: str  # Thunderbird, Android: "16-02-2027"
    sent_time: str  # "10:41"
    original_date: str  # our mail's Date header, in the copy a bounce returns
    webmail_labels: tuple[str, str] = ("Oorspronkelijk", "Verzonden")  # header line, date label
    apple_id: str = "AB12-5C5C"  # Apple Mail's Message-ID, between number and round
    apple_mailer: str = "2.3826.400.131.1.6"
    iphone_id: str = "D00D-31F2"
    iphone_mailer: str = "22D63"
    forwarded_on: str = ""  # when the contact forwarded the invitation to a colleague
    arrival: str = ""  # Postfix's Arrival-Date
    arrival_utc: str = ""  # Exchange Online's Arrival-Date
    tenant: str = ""  # the Exchange Online tenant that sends the NDR
    hosting: str = ""  # the small provider's MX that sends the Dutch bounce
    read_on: str = ""  # when the read receipt says the mail was read
    event: tuple[str, str, str] = ("", "", "")  # iCalendar DTSTART, DTEND, DTSTAMP (UTC)
    uid: str = ""  # the event's name in the iCalendar UID


class Clients:
    """One round's mail clients: quotes of our mail, and whole replies around them."""

    def __init__(self, rnd: Round, mailing: Mailing) -> None:
        self.round = rnd
        self.mailing = mailing
        self.quotes: dict[str, Callable[[Invited], str]] = {
            "outlook": self.outlook_nl,
            "outlook_en": self.outlook_en,
            "gmail": self.gmail,
            "gmail_en": self.gmail_en,
            "apple": self.apple,
            "thunderbird": self.thunderbird,
            "thunderbird_en": self.thunderbird_en,
            "webmail": self.webmail,
            "samsung": self.samsung,
            "android": self.android,
        }

    # --- our mails ------------------------------------------------------------------------

    def text_of(self, o: Invited) -> str:
        return self.mailing.texts[o.mail](o)

    def subject_of(self, o: Invited) -> str:
        return self.mailing.subjects[o.mail]

    def html_of(self, o: Invited) -> str:
        return paragraphs_html(self.text_of(o))

    def sent(self, o: Invited) -> tuple[str, str, str]:
        return self.mailing.sent[o.mail]

    # --- the clients' quoting -------------------------------------------------------------

    def outlook_nl(self, o: Invited) -> str:
        return (
            f"Van: {NETWORK} <{o.reply}>\nVerzonden: {self.sent(o)[0]}\nAan: {o.contact} <{o.email}>\n"
            f"Onderwerp: {self.subject_of(o)}\n\n" + self.text_of(o)
        )

    def outlook_en(self, o: Invited) -> str:
        return (
            f"From: {NETWORK} <{o.reply}>\nSent: {self.mailing.sent_en}\nTo: {o.contact} <{o.email}>\n"
            f"Subject: {self.subject_of(o)}\n\n" + self.text_of(o)
        )

    def gmail(self, o: Invited) -> str:
        return f"Op {self.sent(o)[1]} schreef {NETWORK} <{o.reply}>:\n\n" + quoted(self.text_of(o))

    def gmail_en(self, o: Invited) -> str:
        when = self.mailing.sent_en_gmail
        return f"On {when} {NETWORK} <{o.reply}> wrote:\n\n" + quoted(self.text_of(o))

    def apple(self, o: Invited) -> str:
        return (
            f"> Op {self.sent(o)[2]}, heeft {NETWORK} <{o.reply}> het volgende geschreven:\n>\n"
            + quoted(self.text_of(o))
        )

    def thunderbird(self, o: Invited) -> str:
        m = self.mailing
        return f"Op {m.sent_day} om {m.sent_time} schreef {NETWORK}:\n" + quoted(self.text_of(o))

    def thunderbird_en(self, o: Invited) -> str:
        day = self.mailing.sent_day.replace("-", "/")
        return f"On {day} {self.mailing.sent_time}, {NETWORK} wrote:\n" + quoted(self.text_of(o))

    def webmail(self, o: Invited) -> str:
        header, when = self.mailing.webmail_labels
        return (
            f"----- {header} bericht -----\nVan: {NETWORK} <{o.reply}>\nAan: {o.email}\n"
            f"{when}: {self.sent(o)[0]}\nOnderwerp: {self.subject_of(o)}\n\n" + self.text_of(o)
        )

    def samsung(self, o: Invited) -> str:
        return "\n\n\nVerzonden vanaf mijn Galaxy\n\n" + self._galaxy(o)

    def android(self, o: Invited) -> str:
        return "\n\nVerzonden vanaf mijn Samsung Galaxy-smartphone.\n" + self._galaxy(o)

    def _galaxy(self, o: Invited) -> str:
        m = self.mailing
        return (
            "\n-------- Oorspronkelijk bericht --------\n"
            f"Van: {NETWORK} <{o.reply}> \nDatum: {m.sent_day} {m.sent_time} (GMT+01:00) \nAan: {o.email} \n"
            f"Onderwerp: {self.subject_of(o)} \n\n" + self.text_of(o)
        )

    def forwarded(self, o: Invited) -> str:
        return (
            "---------- Forwarded message ---------\n"
            f"Van: {NETWORK} <{o.reply}>\nDate: {self.sent(o)[1]}\nSubject: {self.subject_of(o)}\nTo: {o.contact} <{o.email}>\n\n"
            + self.text_of(o)
        )

    # --- whole replies --------------------------------------------------------------------

    def head(
        self,
        o: Invited,
        n: int,
        sender: tuple[str, str],
        subject: str,
        *,
        to: str = "",
        message_id: str = "",
        extra: str = "",
        comma_quoted: bool = False,
    ) -> str:
        """A reply's headers: from the writer (to our reply address), in reply to our mail.

        ``comma_quoted`` (``reply`` and ``word``): a name with a comma ("Hout, Piet van", as
        Outlook shows people) is written quoted as is, not RFC 2047-encoded; the other
        builders encode every non-ASCII name.
        """
        name, email = sender
        return headers(
            sender=address(name, email)
            if not comma_quoted or "," not in name
            else f'"{name}" <{email}>',
            to=to or address(NETWORK, o.reply),
            subject=subject,
            date=self.round.date(n),
            message_id=message_id or self.round.mid(n, domain_of(email)),
            in_reply_to=o.message_id,
            extra=extra,
        )

    def reply(
        self,
        o: Invited,
        n: int,
        own: str,
        client: str = "outlook",
        *,
        sender: tuple[str, str] | None = None,
        subj: str = "",
        cte: str = "8bit",
        charset: str = "utf-8",
        extra: str = "",
        below: bool = False,
    ) -> str:
        """A plain-text reply, the writer's text above (or below) the client's quote."""
        quote = self.quotes[client](o)
        text = f"{quote}\n\n{own}\n" if below else f"{own}\n\n{quote}\n"
        subject = subj or RE.get(client, "Re: ") + self.subject_of(o)
        head = self.head(
            o, n, sender or (o.contact, o.email), subject, extra=extra, comma_quoted=True
        )
        return head + body(text, charset=charset, cte=cte)

    def owa_html(
        self,
        o: Invited,
        n: int,
        own_html: str,
        *,
        sender: tuple[str, str] | None = None,
        subj: str = "",
    ) -> str:
        """Outlook on the web / new Outlook: HTML only, the quote under ``divRplyFwdMsg``."""
        html = (
            '<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
            '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>\n'
            '</head>\n<body dir="ltr">\n'
            '<div class="elementToProof" style="font-family: Aptos, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">'
            + own_html
            + "</div>\n"
            '<div id="appendonsend"></div>\n<hr style="display:inline-block;width:98%" tabindex="-1">\n'
            '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">'
            f"<b>Van:</b> {escape(NETWORK)} &lt;{o.reply}&gt;<br>\n<b>Verzonden:</b> {self.sent(o)[0]}<br>\n"
            f"<b>Aan:</b> {escape(o.contact)} &lt;{o.email}&gt;<br>\n<b>Onderwerp:</b> {escape(self.subject_of(o))}</font>"
            "<div>&nbsp;</div>\n</div>\n<div>\n" + self.html_of(o) + "</div>\n</body>\n</html>"
        )
        subject = subj or f"RE: {self.subject_of(o)}"
        head = self.head(o, n, sender or (o.contact, o.email), subject)
        return head + body(html, subtype="html", cte="quoted-printable")

    def word(
        self,
        o: Invited,
        n: int,
        own_lines: list[str],
        *,
        sender: tuple[str, str] | None = None,
        english: bool = False,
    ) -> str:
        """Outlook desktop: a text part and Word HTML, windows-1252 quoted-printable."""
        quote = self.outlook_en(o) if english else self.outlook_nl(o)
        plain = "\n".join(own_lines) + "\n\n" + quote + "\n"
        boundary = f"_000_{self.round.tag}word_"
        head = self.head(
            o,
            n,
            sender or (o.contact, o.email),
            f"RE: {self.subject_of(o)}",
            extra=f"Thread-Topic: {self.subject_of(o)}\nX-MS-Has-Attach: \nContent-Language: nl-NL",
            comma_quoted=True,
        )
        return head + (
            f'Content-Type: multipart/alternative; boundary="{boundary}"\n\n--{boundary}\n'
            + body(plain, charset="windows-1252", cte="quoted-printable")
            + f"\n--{boundary}\n"
            + body(
                self.word_html(o, own_lines, english=english),
                subtype="html",
                charset="windows-1252",
                cte="quoted-printable",
            )
            + f"\n--{boundary}--\n"
        )

    def word_html(self, o: Invited, own_lines: list[str], *, english: bool = False) -> str:
        """Word's HTML: the writer's paragraphs, a border-top div with bold labels, our mail."""
        labels = (
            ("From:", "Sent:", "To:", "Subject:")
            if english
            else ("Van:", "Verzonden:", "Aan:", "Onderwerp:")
        )
        paras = "\n".join(
            f'<p class="MsoNormal">{escape(line) if line else "<o:p>&nbsp;</o:p>"}<o:p></o:p></p>'
            for line in own_lines
        )
        return f"""<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
p.MsoNormal {{margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}}
--></style></head>
<body lang="NL" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">
<div class="WordSection1">
{paras}
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">
<p class="MsoNormal"><b>{labels[0]}</b> {escape(NETWORK)} &lt;{o.reply}&gt; <br>
<b>{labels[1]}</b> {self.sent(o)[0]}<br>
<b>{labels[2]}</b> {escape(o.contact)} &lt;{o.email}&gt;<br>
<b>{labels[3]}</b> {escape(self.subject_of(o))}<o:p></o:p></p>
</div>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
{self.html_of(o)}
</div>
</body>
</html>"""

    def gmail_html(
        self, o: Invited, n: int, own: str, *, sender: tuple[str, str] | None = None
    ) -> str:
        """Gmail's web client: text and HTML, the quote in ``gmail_quote``."""
        plain = f"{own}\n\n{self.gmail(o)}\n"
        own_html = "".join(f"<div>{escape(line) or '<br>'}</div>" for line in own.split("\n"))
        html = (
            f'<div dir="ltr">{own_html}</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
            f'Op {self.sent(o)[1]} schreef {escape(NETWORK)} &lt;<a href="mailto:{o.reply}">{o.reply}</a>&gt;:<br></div>'
            '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
            + self.html_of(o)
            + "</blockquote></div>"
        )
        tag = self.round.tag
        head = self.head(
            o,
            n,
            sender or (o.contact, o.email),
            f"Re: {self.subject_of(o)}",
            to=o.reply,
            message_id=f"<CAJ{tag}{n:03d}xQ=Kp+{n * 31:05d}@mail.gmail.com>",
        )
        return head + qp_alternative(plain, html, f"0000000000005e5{tag}")

    def apple_html(
        self, o: Invited, n: int, own: str, *, sender: tuple[str, str] | None = None
    ) -> str:
        """Apple Mail: text and HTML, the quote in ``blockquote type="cite"``."""
        name, email = sender or (o.contact, o.email)
        plain = f"{own}\n\n{self.apple(o)}\n"
        own_html = "".join(f"<div>{escape(line) or '<br>'}</div>" for line in own.split("\n"))
        html = (
            '<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
            '<body style="overflow-wrap: break-word;">'
            + own_html
            + '<div><br><blockquote type="cite">'
            f"<div>Op {self.sent(o)[2]}, heeft {escape(NETWORK)} &lt;{o.reply}&gt; het volgende geschreven:</div><br>"
            + self.html_of(o)
            + "</blockquote></div></body></html>"
        )
        tag, m = self.round.tag, self.mailing
        head = self.head(
            o,
            n,
            (name, email),
            f"Re: {self.subject_of(o)}",
            to=o.reply,
            message_id=f"<{n:03d}{m.apple_id}-{tag.upper()}-APPLE@{domain_of(email)}>",
            extra=f"X-Mailer: Apple Mail ({m.apple_mailer})",
        )
        return head + qp_alternative(plain, html, f"Apple-Mail=_{tag}")

    def iphone(self, o: Invited, n: int, own: str, *, sender: tuple[str, str] | None = None) -> str:
        """iPhone Mail: text only, its signature line above Apple's quote."""
        name, email = sender or (o.contact, o.email)
        text = f"{own}\n\nVerstuurd vanaf mijn iPhone\n\n{self.apple(o)}\n"
        m = self.mailing
        head = self.head(
            o,
            n,
            (name, email),
            f"Re: {self.subject_of(o)}",
            to=o.reply,
            message_id=f"<{n:03d}{m.iphone_id}-{self.round.tag.upper()}-IPHONE@{domain_of(email)}>",
            extra=f"X-Mailer: iPhone Mail ({m.iphone_mailer})",
        )
        return head + body(text, cte="quoted-printable")

    def button(
        self, o: Invited, n: int, subj: str, own: str, *, sender: tuple[str, str] | None = None
    ) -> str:
        """A reply written from one of the mailto buttons: no quote, no In-Reply-To."""
        name, email = sender or (o.contact, o.email)
        return headers(
            sender=address(name, email),
            to=o.reply,
            subject=subj,
            date=self.round.date(n),
            message_id=self.round.mid(n, domain_of(email)),
        ) + body(own)

    def forward_reply(
        self, o: Invited, n: int, own: str, note: str, sender: tuple[str, str]
    ) -> str:
        """A colleague answers an invitation the contact forwarded with a note."""
        name, email = sender
        text = (
            f"{own}\n\n-----Oorspronkelijk bericht-----\nVan: {o.contact} <{o.email}>\n"
            f"Verzonden: {self.mailing.forwarded_on}\nAan: {name} <{email}>\n"
            f"Onderwerp: FW: {self.subject_of(o)}\n\n{note}\n\n" + self.forwarded(o) + "\n"
        )
        return headers(
            sender=address(name, email),
            to=address(NETWORK, o.reply),
            subject=f"RE: FW: {self.subject_of(o)}",
            date=self.round.date(n),
            message_id=self.round.mid(n, domain_of(email)),
        ) + body(text)


def qp_alternative(plain: str, html: str, boundary: str) -> str:
    """A quoted-printable text and HTML part, as Gmail and Apple Mail send them."""
    return (
        f'Content-Type: multipart/alternative; boundary="{boundary}"\n\n--{boundary}\n'
        + body(plain, cte="quoted-printable")
        + f"\n--{boundary}\n"
        + body(html, subtype="html", cte="quoted-printable")
        + f"\n--{boundary}--\n"
    )
