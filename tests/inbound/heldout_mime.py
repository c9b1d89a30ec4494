# ruff: noqa: E501  (mail data: lines are kept as clients write them)
"""MIME building blocks for the held-out reply set (tests/inbound/heldout_corpus.py).

Written apart from ``human_corpus.py`` on purpose: another event, another
invitation text, other organisers, and each client's quoting reproduced by
hand (header labels, attribution lines, Word HTML, Apple ``blockquote
type=cite``, Gmail's ``gmail_quote``), with the encodings real clients use
(quoted-printable windows-1252, base64, 8bit UTF-8).
"""

from __future__ import annotations

import base64
import quopri
from dataclasses import dataclass
from email.header import Header
from email.utils import formataddr
from html import escape

NETWORK = "Netwerk Vervoer & Welzijn"
NETWORK_FROM = "nieuws@pleinpost.example"
TITLE = "Vervoerscafé: vrijwilligers vasthouden"
TITLE_EN = "Transport café: keeping volunteers on board"
PLACE = "Wijkcentrum Het Anker"
ADDRESS = "Molenweg 44, 9990 AA Noorderveen"
ORGANISERS = ("Marloes Hoekstra", "Dirk Scholten")


@dataclass(frozen=True)
class Invited:
    """One invited organisation as the quote shows it, with its delivery's addresses."""

    organisation: str
    contact: str
    email: str
    reply: str  # the delivery's reply address
    message_id: str  # the invitation's Message-ID


def invitation(o: Invited, *, english: bool = False) -> str:
    """The invitation's text part, roughly as the template renders it."""
    first = o.contact.split()[0]
    if english:
        return f"""{NETWORK}

INVITATION

Dear {first},

Finding volunteer drivers is one thing, keeping them is another. At this transport café two initiatives tell how they keep their drivers involved, and we swap experiences over coffee.

{ORGANISERS[0]} and {ORGANISERS[1]}, café team

{TITLE_EN}

When: Tuesday 13 October 2026
Time: 14:00-16:30
Where: {PLACE}
{ADDRESS}

Please let us know before 3 October who will attend on behalf of your organisation.
Each organisation can send up to 2 people.

Let us know with one of the buttons below. Simply replying to this email is fine too: put the names of those who will come in your reply.
Yes, we will come [1]    Sorry, we can't come [2]

Our reply address for this invitation, also for a colleague who got it forwarded: {o.reply}

You receive this email because you are the contact person of {o.organisation}.
Unsubscribe from these messages [3]

[1] mailto:{o.reply}?subject=Yes%2C%20we%20will%20come
[2] mailto:{o.reply}?subject=Sorry%2C%20we%20can%27t%20come
[3] https://pleinpost.example/u/x"""
    return f"""{NETWORK}

UITNODIGING

Beste {first},

Vrijwilligers vinden is één ding, ze vasthouden is iets anders. In dit Vervoerscafé vertellen twee vervoersinitiatieven hoe zij hun chauffeurs betrokken houden, en wisselen we bij een kop koffie ervaringen uit.

{ORGANISERS[0]} en {ORGANISERS[1]}, team Vervoerscafé

{TITLE}

Wanneer: dinsdag 13 oktober 2026
Tijd: 14.00–16.30 uur
Waar: {PLACE}
{ADDRESS}

Laat ons vóór 3 oktober weten wie er namens uw organisatie komt.
Per organisatie kunnen maximaal 2 personen komen.

Laat ons weten of u komt met een van de knoppen hieronder. Gewoon deze e-mail beantwoorden mag ook: zet dan de namen van wie er komen in uw antwoord.
Ja, wij komen [1]    Nee, helaas [2]

Ons antwoordadres voor deze uitnodiging, ook voor een collega die hem doorgestuurd kreeg: {o.reply}

U ontvangt deze e-mail omdat u contactpersoon bent van {o.organisation}.
Afmelden voor deze berichten [3]

[1] mailto:{o.reply}?subject=Ja%2C%20wij%20komen
[2] mailto:{o.reply}?subject=Nee%2C%20helaas
[3] https://pleinpost.example/u/x"""


def invitation_html(o: Invited, *, english: bool = False) -> str:
    paragraphs = invitation(o, english=english).split("\n\n")
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>\n" for p in paragraphs)


def subject(*, english: bool = False) -> str:
    return f"Invitation: {TITLE_EN}" if english else f"Uitnodiging: {TITLE}"


def quoted(text: str) -> str:
    return "\n".join((f"> {line}" if line else ">") for line in text.split("\n"))


def address(name: str, email: str) -> str:
    """A header address, RFC 2047-encoded when the name needs it."""
    if name and not name.isascii():
        return f"{Header(name, 'utf-8').encode()} <{email}>"
    return formataddr((name, email)) if name else email


def headers(
    *,
    sender: str,
    to: str,
    subject: str,
    date: str,
    message_id: str,
    in_reply_to: str = "",
    extra: str = "",
) -> str:
    lines = [f"From: {sender}", f"To: {to}", f"Subject: {encode_subject(subject)}", f"Date: {date}"]
    lines.append(f"Message-ID: {message_id}")
    if in_reply_to:
        lines += [f"In-Reply-To: {in_reply_to}", f"References: {in_reply_to}"]
    if extra:
        lines += [line for line in extra.strip("\n").split("\n")]
    lines.append("MIME-Version: 1.0")
    return "\n".join(lines) + "\n"


def encode_subject(text: str) -> str:
    return text if text.isascii() else Header(text, "utf-8").encode()


def body(text: str, *, subtype: str = "plain", charset: str = "utf-8", cte: str = "8bit") -> str:
    """One text part: its headers and its encoded payload."""
    data = text.encode(charset)
    if cte == "quoted-printable":
        payload = quopri.encodestring(data).decode("ascii")
    elif cte == "base64":
        payload = base64.encodebytes(data).decode("ascii")
    else:
        payload = text
    return (
        f'Content-Type: text/{subtype}; charset="{charset}"\n'
        f"Content-Transfer-Encoding: {cte}\n\n{payload.rstrip()}\n"
    )


def alternative(plain: str, html: str, boundary: str, **kwargs: str) -> str:
    return (
        f'Content-Type: multipart/alternative; boundary="{boundary}"\n\n'
        f"--{boundary}\n{body(plain, **kwargs)}\n--{boundary}\n{body(html, subtype='html', **kwargs)}\n"
        f"--{boundary}--\n"
    )


def word_html(
    reply_html: str, o: Invited, *, labels: tuple[str, ...], english: bool = False
) -> str:
    """Outlook desktop (Word): the reply in WordSection1, a border-top div with bold labels."""
    frm, sent, to, subj = labels
    return f"""<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
/* Font Definitions */
@font-face {{font-family:"Cambria Math"; panose-1:2 4 5 3 5 4 6 3 2 4;}}
p.MsoNormal, li.MsoNormal, div.MsoNormal {{margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}}
span.EmailStyle18 {{mso-style-type:personal-reply; font-family:"Calibri",sans-serif; color:windowtext;}}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]-->
</head>
<body lang="NL" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">
<div class="WordSection1">
{reply_html}
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<div>
<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">
<p class="MsoNormal"><b>{frm}</b> {escape(NETWORK)} &lt;{o.reply}&gt; <br>
<b>{sent}</b> maandag 21 september 2026 10:02<br>
<b>{to}</b> {escape(o.contact)} &lt;{o.email}&gt;<br>
<b>{subj}</b> {escape(subject(english=english))}<o:p></o:p></p>
</div>
</div>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
{invitation_html(o, english=english)}
</div>
</body>
</html>"""


def mso(*lines: str) -> str:
    """Paragraphs as Word writes them."""
    out = []
    for line in lines:
        if not line:
            out.append('<p class="MsoNormal"><o:p>&nbsp;</o:p></p>')
        else:
            out.append(f'<p class="MsoNormal">{line}<o:p></o:p></p>')
    return "\n".join(out)
