# ruff: noqa: E501  (mail data: lines are kept as clients write them)
"""Writes tests/inbound/corpus_heldout/: replies written apart from the rules.

Run ``.venv/bin/python -m tests.inbound.heldout_corpus`` to regenerate the
.eml files and expected.json. The set was written to judge the readers, not
to tune them: another event and invitation text than ``corpus/human``, other
organisations and people, other phrasings, and the clients' own quoting. Each
message answers its own organisation's delivery (reply address and
``In-Reply-To`` made with the tests' signing key, ``tests.conftest.TEST_SECRET``),
so ``tests/inbound/heldout_eval.py`` can import the folder into the network
``network()`` describes and read every outcome off the RSVP board.

Expected values are what a coordinator reading the mail would record:
``kind``, ``decision``, and for attending/maybe the exact attendee list as
``mailer rsvp list`` shows it (name, and the address when the mail gives one
or the person is the writer). ``addition`` marks a reply that adds to an
earlier answer of the same organisation.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mailer.config import load_settings
from mailer.tokens import message_id, reply_address
from tests.inbound.heldout_mime import (
    NETWORK,
    NETWORK_FROM,
    TITLE,
    TITLE_EN,
    Invited,
    address,
    alternative,
    body,
    headers,
    invitation,
    invitation_html,
    mso,
    quoted,
    subject,
    word_html,
)

OUT = Path(__file__).parent / "corpus_heldout"
SECRET = "test-secret-key"  # tests.conftest.TEST_SECRET: the same key signs the addresses
SETTINGS = load_settings(secret_key=SECRET, database_url="sqlite://")


@dataclass(frozen=True)
class Org:
    name: str
    kind: str
    contact: str
    email: str


# Every invited organisation; the invitation's deliveries are made in this order (ids 1..n),
# then one newsletter delivery per organisation (ids n+1..2n).
ORGS: list[Org] = []


def org(name: str, contact: str, email: str, kind: str = "initiative") -> int:
    ORGS.append(Org(name, kind, contact, email))
    return len(ORGS) - 1


def invited(index: int, *, newsletter: bool = False) -> Invited:
    o = ORGS[index]
    delivery = index + 1 + (len(ORGS) if newsletter else 0)
    return Invited(
        o.name,
        o.contact,
        o.email,
        reply_address(SETTINGS, delivery),
        message_id(SETTINGS, delivery),
    )


@dataclass
class Case:
    name: str
    org: int
    build: Callable[[Invited, int], str]
    kind: str = "reply"
    decision: str = "unclear"
    attendees: list[tuple[str, str | None]] = field(default_factory=list)
    unnamed: int = 0
    addition: bool = False
    newsletter: bool = False  # answers the newsletter, not the invitation
    note: str = ""

    def expected(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "decision": self.decision,
            "attendees": [{"name": n, "email": e} for n, e in self.attendees],
            "unnamed_extra": self.unnamed,
            "addition": self.addition,
            "organisation": ORGS[self.org].name,
            "newsletter": self.newsletter,
            "note": self.note,
        }


CASES: list[Case] = []


def case(name: str, index: int, build: Callable[[Invited, int], str], **expected: object) -> None:
    CASES.append(Case(name, index, build, **expected))  # type: ignore[arg-type]


def date(n: int) -> str:
    day = 21 + n // 40
    return f"{['Mon', 'Tue', 'Wed', 'Thu', 'Fri'][(day - 21) % 5]}, {day} Sep 2026 {8 + n % 10:02d}:{(n * 7) % 60:02d}:00 +0200"


def mid(n: int, domain: str) -> str:
    return f"<heldout.{n:03d}.{n * 7919 % 100000:05d}@{domain}>"


def domain_of(email: str) -> str:
    return email.split("@", 1)[1]


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
) -> str:
    name, email = sender or (o.contact, o.email)
    head = headers(
        sender=address(name, email),
        to=to or address(NETWORK, o.reply),
        subject=subj or f"RE: {subject()}",
        date=date(n),
        message_id=mid(n, domain_of(email)),
        in_reply_to=o.message_id,
        extra=extra,
    )
    return head + body(text, charset=charset, cte=cte)


# --- the quoting of each client -------------------------------------------------------


def outlook_nl(o: Invited, english: bool = False) -> str:
    return (
        f"Van: {NETWORK} <{o.reply}>\nVerzonden: maandag 21 september 2026 10:02\n"
        f"Aan: {o.contact} <{o.email}>\nOnderwerp: {subject(english=english)}\n\n"
        + invitation(o, english=english)
    )


def outlook_en(o: Invited, english: bool = False) -> str:
    return (
        f"From: {NETWORK} <{o.reply}>\nSent: Monday, September 21, 2026 10:02 AM\n"
        f"To: {o.contact} <{o.email}>\nSubject: {subject(english=english)}\n\n"
        + invitation(o, english=english)
    )


def outlook_separator(o: Invited) -> str:
    return "-----Oorspronkelijk bericht-----\n" + outlook_nl(o)


def gmail_nl(o: Invited) -> str:
    return f"Op ma 21 sep 2026 om 10:02 schreef {NETWORK} <\n{o.reply}>:\n\n" + quoted(
        invitation(o)
    )


def gmail_en(o: Invited, english: bool = True) -> str:
    return f"On Mon, Sep 21, 2026 at 10:02 AM {NETWORK} <{o.reply}> wrote:\n\n" + quoted(
        invitation(o, english=english)
    )


def apple_nl(o: Invited) -> str:
    return (
        f"> Op 21 sep. 2026 om 10:02 heeft {NETWORK} <{o.reply}> het volgende geschreven:\n>\n"
        + quoted(invitation(o))
    )


def thunderbird_nl(o: Invited) -> str:
    return f"Op 21-09-2026 om 10:02 schreef {NETWORK}:\n" + quoted(invitation(o))


def thunderbird_en(o: Invited) -> str:
    return f"On 21/09/2026 10:02, {NETWORK} wrote:\n" + quoted(invitation(o, english=True))


def webmail_nl(o: Invited) -> str:
    return (
        f'----- Oorspronkelijk bericht -----\nVan: "{NETWORK}" <{o.reply}>\nAan: {o.email}\n'
        f"Verzonden: maandag 21 september 2026 10:02:31\nOnderwerp: {subject()}\n\n" + invitation(o)
    )


def top(reply: str, quote: str) -> str:
    return f"{reply}\n\n{quote}\n"


def bottom(reply: str, quote: str) -> str:
    return f"{quote}\n\n{reply}\n"


# --- the network -----------------------------------------------------------------------

# organisations that are named in replies but never people
DORPSBELANG = org("Dorpsbelang Oldehove", "Gea Nijboer", "secretaris@dorpsbelang-oldehove.nl")

# === human replies, Dutch ===================================================================

o = org("Stichting Welzijn Noorderveen", "Henk Brouwer", "h.brouwer@welzijnnoorderveen.nl")
case(
    "outlook_word_html_cp1252",
    o,
    lambda i, n: (
        headers(
            sender=address("Henk Brouwer", i.email),
            to=address(NETWORK, i.reply),
            subject=f"RE: {subject()}",
            date=date(n),
            message_id=mid(n, domain_of(i.email)),
            in_reply_to=i.message_id,
            extra="Thread-Topic: Uitnodiging: Vervoerscafé\nX-MS-Has-Attach: \nContent-Language: nl-NL",
        )
        + body(
            word_html(
                mso(
                    "Goedemiddag,",
                    "",
                    "Wij komen graag met twee personen: ikzelf en mijn collega Sandra Kok.",
                    "",
                    "Met vriendelijke groet,",
                    "",
                    "<b>Henk Brouwer</b>",
                    "Coördinator vrijwilligers",
                    "Stichting Welzijn Noorderveen",
                ),
                i,
                labels=("Van:", "Verzonden:", "Aan:", "Onderwerp:"),
            ),
            subtype="html",
            charset="windows-1252",
            cte="quoted-printable",
        )
    ),
    decision="attending",
    attendees=[("Henk Brouwer", "h.brouwer@welzijnnoorderveen.nl"), ("Sandra Kok", None)],
)

o = org("Buurtvervoer De Linde", "Lotte van Dijk", "lotte@buurtvervoerdelinde.nl")
case(
    "gmail_nl_alternative_short_yes",
    o,
    lambda i, n: (
        headers(
            sender=address("Lotte van Dijk", i.email),
            to=i.reply,
            subject=f"Re: {subject()}",
            date=date(n),
            message_id=f"<CAF{n}x9Lq2wZ@mail.gmail.com>",
            in_reply_to=i.message_id,
        )
        + alternative(
            top("Hoi! Ik kom graag, leuk initiatief.\n\nGroetjes,\nLotte", gmail_nl(i)),
            '<div dir="ltr">Hoi! Ik kom graag, leuk initiatief.<div><br></div><div>Groetjes,</div><div>Lotte</div></div><br>'
            '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">Op ma 21 sep 2026 om 10:02 schreef '
            f'{NETWORK} &lt;{i.reply}&gt;:<br></div><blockquote class="gmail_quote">{invitation_html(i)}</blockquote></div>',
            "000000000000a1b2c3",
        )
    ),
    decision="attending",
    attendees=[("Lotte van Dijk", "lotte@buurtvervoerdelinde.nl")],
)

o = org("Vrijwilligerscentrale Westerkwartier", "Ingrid Mulder", "ingrid@vcwesterkwartier.nl")
case(
    "iphone_nl_first_name_and_me",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top("Ja hoor, Bram en ik komen allebei.\n\nVerstuurd vanaf mijn iPhone", apple_nl(i)),
        subj=f"Re: {subject()}",
    ),
    decision="attending",
    attendees=[("Ingrid Mulder", "ingrid@vcwesterkwartier.nl"), ("Bram", None)],
)

o = org("Stichting AutoMaatje Zuidhorn", "Gert Veldman", "g.veldman@automaatje-zuidhorn.nl")
case(
    "apple_mail_html_decline",
    o,
    lambda i, n: (
        headers(
            sender=address("Gert Veldman", i.email),
            to=i.reply,
            subject=f"Re: {subject()}",
            date=date(n),
            message_id=f"<9C2E4F1A-{n:04d}-4B6D-A1E2-7F3C9D0B5E61@automaatje-zuidhorn.nl>",
            in_reply_to=i.message_id,
            extra="X-Mailer: Apple Mail (2.3774.500.171.1.1)",
        )
        + alternative(
            "Helaas kunnen wij er die dag niet bij zijn vanwege de jaarvergadering van ons bestuur.\n\nHartelijke groet,\nGert Veldman\n\n"
            + apple_nl(i),
            '<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body style="overflow-wrap: break-word;">'
            "Helaas kunnen wij er die dag niet bij zijn vanwege de jaarvergadering van ons bestuur.<div><br></div><div>Hartelijke groet,</div><div>Gert Veldman</div>"
            f'<div><br><blockquote type="cite"><div>Op 21 sep. 2026 om 10:02 heeft {NETWORK} &lt;{i.reply}&gt; het volgende geschreven:</div><br>'
            f"<div>{invitation_html(i)}</div></blockquote></div></body></html>",
            "Apple-Mail=_5E1D0C2A-11",
            cte="quoted-printable",
        )
    ),
    decision="declined",
)

o = org("Dorpsauto Ezinge", "Marianne Bos", "info@dorpsauto-ezinge.nl")
case(
    "thunderbird_bottom_posted_titles_initials",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        bottom(
            "Wij komen met:\n- mevr. A. Bos\n- dhr. K. van den Broek\n\nMet vriendelijke groet,\nMarianne Bos",
            thunderbird_nl(i),
        ),
        extra="User-Agent: Mozilla Thunderbird",
        subj=f"Re: {subject()}",
    ),
    decision="attending",
    attendees=[("A. Bos", None), ("K. van den Broek", None)],
    note="a list under 'Wij komen met:'; the writer (Marianne Bos) is not on it",
)

o = org("Stichting Rolmaatjes", "Joyce Smit", "joyce.smit@rolmaatjes.nl")
case(
    "webmail_three_names_over_cap_question",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Wij zijn met z'n drieën, mag dat? Dan komen Joyce Smit, Peter Wolters en Ahmed El Amrani.\n\nJoyce",
            webmail_nl(i),
        ),
        extra="User-Agent: Roundcube Webmail/1.6.6",
    ),
    decision="attending",
    attendees=[
        ("Joyce Smit", "joyce.smit@rolmaatjes.nl"),
        ("Peter Wolters", None),
        ("Ahmed El Amrani", None),
    ],
    note="asks whether three may come: review is right",
)

o = org("Gemeente Westerdeel", "Jeroen Hendriks", "j.hendriks@westerdeel.nl", "municipality")
case(
    "outlook_en_labels_me_and_colleague",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Goedemorgen,\n\nGraag meld ik mij en mijn collega Fatima Yilmaz aan voor het Vervoerscafé.\n\nGroet,\nJeroen Hendriks\nGemeente Westerdeel | team Sociaal Domein",
            outlook_en(i),
        ),
    ),
    decision="attending",
    attendees=[("Jeroen Hendriks", "j.hendriks@westerdeel.nl"), ("Fatima Yilmaz", None)],
)

o = org("Stichting Omzien Naar Elkaar", "Mieke Dam", "mieke.dam@omzien.nl")
case(
    "trap_i_cannot_colleague_goes",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Beste organisatie,\n\nIk kan zelf helaas niet, maar mijn collega Wendy Postma gaat wel.\n\nGroet, Mieke",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    attendees=[("Wendy Postma", None)],
)

o = org("Buurtbus Oldehove", "Rik Schuiling", "rik@buurtbus-oldehove.nl")
case(
    "trap_holiday_replacement",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Zelf ben ik die week op vakantie. Rik de Haan neemt mijn plaats in.\n\nMvg Rik Schuiling",
            outlook_separator(i),
        ),
    ),
    decision="attending",
    attendees=[("Rik de Haan", None)],
)

o = org("Zorgcoöperatie Hogeland", "Sietske Bakker", "s.bakker@zorgcoop-hogeland.nl")
case(
    "question_parking_only",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Goedemiddag,\n\nIs er parkeergelegenheid bij het wijkcentrum? En is het pand toegankelijk voor rolstoelen?\n\nAlvast bedankt,\nSietske Bakker",
            outlook_nl(i),
        ),
    ),
    decision="unclear",
    note="a question, no answer yet: forwarded to the coordinator",
)

o = org("Rijdende Vrienden Leek", "Mark Veenstra", "mark@rijdendevrienden.nl")
case(
    "yes_with_parking_question",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Wij komen met Mark Veenstra en Esther Kuiper. Is er parkeergelegenheid in de buurt?\n\nGroet, Mark",
            gmail_nl(i),
        ),
        subj=f"Re: {subject()}",
    ),
    decision="attending",
    attendees=[("Mark Veenstra", "mark@rijdendevrienden.nl"), ("Esther Kuiper", None)],
)

CORRECTION = org("Stichting Vervoer Op Maat", "Gerda Lam", "gerda@vervoeropmaat.nl")
case(
    "sequence_first_yes",
    CORRECTION,
    lambda i, n: plain_reply(
        i, n, top("Wij komen met Gerda Lam en Theo Vos.\n\nGerda", outlook_nl(i))
    ),
    decision="attending",
    attendees=[("Gerda Lam", "gerda@vervoeropmaat.nl"), ("Theo Vos", None)],
)
case(
    "sequence_then_cancelled",
    CORRECTION,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Hallo,\n\nHelaas moeten wij ons toch afmelden, er is bij ons iets tussengekomen. Excuses!\n\nGerda Lam",
            outlook_nl(i),
        ),
        subj=f"RE: {subject()}",
    ),
    decision="declined",
    note="a later answer replaces the first",
)

ADDITION = org("Wijkvervoer Selwerd", "Karin Smeets", "karin@wijkvervoerselwerd.nl")
case(
    "sequence_first_self",
    ADDITION,
    lambda i, n: plain_reply(
        i, n, top("Ik kom!\n\nGroet, Karin Smeets", gmail_nl(i)), subj=f"Re: {subject()}"
    ),
    decision="attending",
    attendees=[("Karin Smeets", "karin@wijkvervoerselwerd.nl")],
)
case(
    "sequence_one_more_colleague",
    ADDITION,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Er komt nog een collega bij: Yvonne Dekker.\n\nGroet, Karin",
            gmail_nl(i),
        ),
        subj=f"Re: {subject()}",
    ),
    decision="attending",
    attendees=[("Yvonne Dekker", None)],
    addition=True,
)

o = org("Sociaal Team Grootegast", "Petra Hoving", "p.hoving@sociaalteam-grootegast.nl")
case(
    "forward_answered_by_colleague",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        "Hallo,\n\nIk ga namens ons team.\n\nMet vriendelijke groet,\nNadia Bouzid\nSociaal Team Grootegast\n\n"
        f"Van: Petra Hoving <{i.email}>\nVerzonden: dinsdag 22 september 2026 08:40\nAan: Nadia Bouzid <n.bouzid@sociaalteam-grootegast.nl>\n"
        f"Onderwerp: FW: {subject()}\n\nNadia, wil jij hierheen? Ik zit die dag in Assen.\n\n"
        + outlook_separator(i)
        + "\n",
        sender=("Nadia Bouzid", "n.bouzid@sociaalteam-grootegast.nl"),
        subj=f"RE: FW: {subject()}",
    ),
    decision="attending",
    attendees=[("Nadia Bouzid", "n.bouzid@sociaalteam-grootegast.nl")],
    note="the forwarder's note says she cannot come: it is quoted, never read",
)

o = org("Vervoersdienst Tolbert", "Sjoerd Wiersma", "sjoerd@vervoertolbert.nl")
case(
    "two_of_us_one_named",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Wij komen met z'n tweeën: ik en een nieuwe vrijwilliger, de naam geef ik nog door.\n\nSjoerd Wiersma",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    attendees=[("Sjoerd Wiersma", "sjoerd@vervoertolbert.nl")],
    unnamed=1,
)

o = org("Stichting Meerijden", "Tineke Zwart", "t.zwart@meerijden.nl")
case(
    "names_with_addresses",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Hierbij onze aanmelding:\n\nTineke Zwart (t.zwart@meerijden.nl)\nHarm Jansen <harm.jansen@meerijden.nl>\n\nGroeten,\nTineke",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    attendees=[
        ("Tineke Zwart", "t.zwart@meerijden.nl"),
        ("Harm Jansen", "harm.jansen@meerijden.nl"),
    ],
)

o = org("Welzijnskwartier", "Linda Boer", "linda.boer@welzijnskwartier.nl")
case(
    "html_table_names",
    o,
    lambda i, n: (
        headers(
            sender=address("Linda Boer", i.email),
            to=i.reply,
            subject=f"RE: {subject()}",
            date=date(n),
            message_id=mid(n, "welzijnskwartier.nl"),
            in_reply_to=i.message_id,
        )
        + body(
            word_html(
                mso("Hierbij onze aanmelding:", "")
                + '\n<table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0">'
                '<tr><td><p class="MsoNormal"><b>Naam</b></p></td><td><p class="MsoNormal"><b>E-mail</b></p></td></tr>'
                '<tr><td><p class="MsoNormal">Linda Boer</p></td><td><p class="MsoNormal"><a href="mailto:linda.boer@welzijnskwartier.nl">linda.boer@welzijnskwartier.nl</a></p></td></tr>'
                '<tr><td><p class="MsoNormal">Erik Meijer</p></td><td><p class="MsoNormal"><a href="mailto:erik.meijer@welzijnskwartier.nl">erik.meijer@welzijnskwartier.nl</a></p></td></tr>'
                "</table>\n" + mso("", "Groet,", "Linda"),
                i,
                labels=("Van:", "Verzonden:", "Aan:", "Onderwerp:"),
            ),
            subtype="html",
            cte="quoted-printable",
        )
    ),
    decision="attending",
    attendees=[
        ("Linda Boer", "linda.boer@welzijnskwartier.nl"),
        ("Erik Meijer", "erik.meijer@welzijnskwartier.nl"),
    ],
)

o = org("Stichting Het Hofje", "Annet Dijkhuis", "annet@hethofje.nl")
case(
    "titles_particles_apostrophe",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Namens de stichting komen dhr. J.P. van 't Hof en mevr. B. ter Horst.\n\nMet vriendelijke groet,\nAnnet Dijkhuis\nsecretariaat",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    attendees=[("J.P. van 't Hof", None), ("B. ter Horst", None)],
)

o = org("Dorpszorg Aduard", "Marie-José Verhagen-Smits", "mj.verhagen@dorpszorg-aduard.nl")
case(
    "hyphenated_self_signup",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top("Ik meld mij aan.\n\nMarie-José Verhagen-Smits\nDorpszorg Aduard", outlook_nl(i)),
        charset="windows-1252",
        cte="quoted-printable",
    ),
    decision="attending",
    attendees=[("Marie-José Verhagen-Smits", "mj.verhagen@dorpszorg-aduard.nl")],
)

o = org("Seniorenvervoer Winsum", "Kees Nijholt", "kees@seniorenvervoer-winsum.nl")
case(
    "decline_short_reason",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Nee, helaas. Wij hebben die middag onze eigen ledenvergadering.\n\nKees",
            outlook_nl(i),
        ),
    ),
    decision="declined",
)

o = org("Stichting Anders Reizen", "Wilma Oosting", "w.oosting@andersreizen.nl")
case(
    "decline_verstek",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Wij laten deze keer verstek gaan. Succes met de middag!\n\nWilma Oosting",
            webmail_nl(i),
        ),
    ),
    decision="declined",
)

o = org("Vrijwillige Hulpdienst Bedum", "Ronald Hofstee", "ronald@vhd-bedum.nl")
case(
    "decline_not_this_time",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Dit keer lukt het ons niet, volgende keer hopelijk wel!\n\nGroet, Ronald",
            gmail_nl(i),
        ),
        subj=f"Re: {subject()}",
    ),
    decision="declined",
)

o = org("Stichting Tafeltje Dekje", "Hanneke Post", "hanneke.post@tafeltjedekje.nl")
case(
    "maybe_will_let_you_know",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Ik weet nog niet of ik kan, ik laat het volgende week weten.\n\nHanneke Post",
            outlook_nl(i),
        ),
    ),
    decision="maybe",
    attendees=[("Hanneke Post", "hanneke.post@tafeltjedekje.nl")],
)

o = org("Community Transport Groningen", "Tom Harris", "tom.harris@ctgroningen.org")
case(
    "en_maybe_might",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Hi,\n\nI might be able to make it, I'll confirm next week.\n\nTom",
            gmail_en(i),
        ),
        subj=f"Re: {subject(english=True)}",
    ),
    decision="maybe",
    attendees=[("Tom Harris", "tom.harris@ctgroningen.org")],
)

o = org("Refugee Rides Noord", "Rachel Green", "rachel@refugeerides.org")
case(
    "en_count_us_in_two_names",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Hi there,\n\nCount us in! Rachel Green and Omar Haddad will attend.\n\nBest,\nRachel",
            gmail_en(i),
        ),
        subj=f"Re: {subject(english=True)}",
    ),
    decision="attending",
    attendees=[("Rachel Green", "rachel@refugeerides.org"), ("Omar Haddad", None)],
)

o = org("International Volunteers Hub", "Simon Clarke", "s.clarke@ivhub.org")
case(
    "en_decline_conference",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Sorry, I can't make it that day - I'm at a conference in Utrecht.\n\nKind regards,\nSimon Clarke",
            outlook_en(i, english=True),
        ),
        subj=f"RE: {subject(english=True)}",
    ),
    decision="declined",
)

o = org("Expat Care Network", "Laura Bennett", "laura.bennett@expatcare.org")
case(
    "en_trap_colleague_instead",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Dear café team,\n\nI won't be able to come, but my colleague Priya Nair will be there instead.\n\nKind regards,\nLaura Bennett",
            outlook_en(i, english=True),
        ),
        subj=f"RE: {subject(english=True)}",
    ),
    decision="attending",
    attendees=[("Priya Nair", None)],
)

o = org("Buurthulp Paddepoel", "Sanne Wijbenga", "sanne@buurthulp-paddepoel.nl")
case(
    "gmail_bottom_posted_with_first_name",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        bottom("Ik kom ook, samen met Joost Alkema.\n\nSanne", gmail_nl(i)),
        subj=f"Re: {subject()}",
    ),
    decision="attending",
    attendees=[("Sanne Wijbenga", "sanne@buurthulp-paddepoel.nl"), ("Joost Alkema", None)],
)

o = org("Gemeente Noorderveen", "Willem de Ruiter", "w.deruiter@noorderveen.nl", "municipality")
case(
    "signature_with_function_and_address",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Ik kom graag.\n\nMet vriendelijke groet,\n\nWillem de Ruiter\nBeleidsmedewerker mobiliteit\nGemeente Noorderveen\nPostbus 12, 9990 AA Noorderveen\nT 0594 123 456",
            outlook_nl(i),
        ),
        sender=("Ruiter, Willem de", "w.deruiter@noorderveen.nl"),
    ),
    decision="attending",
    attendees=[("Willem de Ruiter", "w.deruiter@noorderveen.nl")],
)

o = org("Stichting Samen Op Weg", "Bart Kuipers", "bart@samenopweg.nl")
case(
    "html_bullets",
    o,
    lambda i, n: (
        headers(
            sender=address("Bart Kuipers", i.email),
            to=i.reply,
            subject=f"RE: {subject()}",
            date=date(n),
            message_id=mid(n, "samenopweg.nl"),
            in_reply_to=i.message_id,
        )
        + body(
            "<html><body><div>Wij komen met:</div><ul><li>Bart Kuipers</li><li>Eva Schouten</li></ul>"
            "<div>Groet, Bart</div>"
            '<div id="appendonsend"></div><hr style="display:inline-block;width:98%">'
            f'<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>Van:</b> {NETWORK} &lt;{i.reply}&gt;<br>'
            f"<b>Verzonden:</b> maandag 21 september 2026 10:02<br><b>Aan:</b> Bart Kuipers<br><b>Onderwerp:</b> {subject()}</font></div>"
            f"<div>{invitation_html(i)}</div></body></html>",
            subtype="html",
            cte="base64",
        )
    ),
    decision="attending",
    attendees=[("Bart Kuipers", "bart@samenopweg.nl"), ("Eva Schouten", None)],
)

o = org("Stichting Vrienden van de Buurtbus", "Johan Koster", "johan@vriendenbuurtbus.nl")
case(
    "newsletter_reply_thanks",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        "Dank voor de nieuwsbrief! Mooi stuk over de buurtbus in Oldehove, dat delen we graag met onze chauffeurs.\n\nJohan Koster\n\n"
        f"Op 18 sep 2026 om 09:00 schreef {NETWORK} <{i.reply}>:\n> Nieuwsbrief september\n>\n> In deze nieuwsbrief: de buurtbus rijdt weer.\n",
        subj="Re: Nieuwsbrief september",
    ),
    decision="unclear",
    newsletter=True,
    note="a reply to a newsletter: forwarded, never an answer",
)

o = org("Stichting Rijden voor Elkaar", "Ad Verbeek", "ad.verbeek@rijdenvoorelkaar.nl")
case(
    "newsletter_unsubscribe_nl",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Goedendag,\n\nGraag mij afmelden voor de nieuwsbrief, ik ben met pensioen.\n\nAd Verbeek",
            f"Van: {NETWORK} <{i.reply}>\nVerzonden: vrijdag 18 september 2026 09:00\nAan: {i.email}\nOnderwerp: Nieuwsbrief september\n\nNieuwsbrief september\n\nIn deze nieuwsbrief: de buurtbus rijdt weer.\n\nAfmelden voor deze berichten [1]",
        ),
        subj="RE: Nieuwsbrief september",
    ),
    kind="unsubscribe",
    newsletter=True,
)

o = org("Dutch Mobility Volunteers", "Grace Okafor", "grace@dmvolunteers.org")
case(
    "en_unsubscribe_remove_me",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top("Please remove me from your mailing list.\n\nGrace", gmail_en(i)),
        subj=f"Re: {subject(english=True)}",
    ),
    kind="unsubscribe",
)

o = org("Stichting Zonnebloem Afdeling Marum", "Alie Wolters", "alie@zonnebloem-marum.nl")
case(
    "no_more_invitations_unsubscribe",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Wij willen geen uitnodigingen meer ontvangen, onze afdeling is per 1 september opgeheven.\n\nAlie Wolters",
            outlook_nl(i),
        ),
    ),
    kind="unsubscribe",
)

o = org("Buurtkracht Vinkhuizen", "Erwin Smid", "erwin@buurtkracht-vinkhuizen.nl")
case(
    "sign_off_for_event_is_decline",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top("Hierbij meld ik ons af voor het Vervoerscafé.\n\nErwin Smid", outlook_nl(i)),
    ),
    decision="declined",
)

o = org("Stichting Boodschappenplus", "Corrie Hulst", "corrie@boodschappenplus.nl")
case(
    "human_absent_but_answers",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Ik ben die dag afwezig, dus wij slaan deze keer over.\n\nCorrie",
            outlook_nl(i),
        ),
    ),
    decision="declined",
)

o = org("Vervoer Voor Ouderen Loppersum", "Dirk Mensinga", "d.mensinga@vvo-loppersum.nl")
case(
    "flip_would_not_miss_it",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top("Dat zou ik niet willen missen! Tot dinsdag de 13e.\n\nDirk Mensinga", outlook_nl(i)),
    ),
    decision="attending",
    attendees=[("Dirk Mensinga", "d.mensinga@vvo-loppersum.nl")],
)

o = org("Stichting Mobiel Zuidhorn", "Anouk Jacobs", "anouk@mobielzuidhorn.nl")
case(
    "not_alone_brings_colleague",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top("Ik kom niet alleen, ik neem Jasper Kramer mee.\n\nAnouk", gmail_nl(i)),
        subj=f"Re: {subject()}",
    ),
    decision="attending",
    attendees=[("Anouk Jacobs", "anouk@mobielzuidhorn.nl"), ("Jasper Kramer", None)],
)

o = org("Coöperatie Dorpsvervoer Warffum", "Henriëtte Kamminga", "henriette@dorpsvervoerwarffum.nl")
case(
    "not_the_right_person_forwarding",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Ik ben hiervoor niet de juiste persoon, ik stuur uw uitnodiging door naar onze coördinator.\n\nHenriëtte Kamminga",
            outlook_nl(i),
        ),
    ),
    decision="unclear",
    note="no answer for the organisation yet: never a decline",
)

o = org("Stichting De Vervoerskring", "Rob Tammeling", "rob@vervoerskring.nl")
case(
    "decline_must_pass_with_thanks",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Hartelijk dank voor de uitnodiging. Helaas moeten wij passen, de week van 13 oktober is bij ons herfstvakantie.\n\nSucces!\nRob",
            thunderbird_nl(i),
        ),
        subj=f"Re: {subject()}",
    ),
    decision="declined",
)

o = org("Buurtbus Lauwersland", "Esmee Venema", "esmee@buurtbus-lauwersland.nl")
case(
    "only_yes",
    o,
    lambda i, n: plain_reply(i, n, top("Ja", apple_nl(i)), subj=f"Re: {subject()}"),
    decision="attending",
    attendees=[("Esmee Venema", "esmee@buurtbus-lauwersland.nl")],
    note="a bare 'Ja': review is right",
)

o = org("Stichting Welzijn Middag-Humsterland", "Jelle Boersma", "j.boersma@welzijnmh.nl")
case(
    "empty_reply_only_quote",
    o,
    lambda i, n: plain_reply(i, n, top("", outlook_nl(i))),
    decision="unclear",
    note="sent by mistake: nothing written",
)

o = org("Vervoersproject Eemsdelta", "Ellen Pruim", "ellen.pruim@vp-eemsdelta.nl")
case(
    "we_will_come_names_follow",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top("Wij komen! Namen volgen nog.\n\nEllen", outlook_nl(i)),
    ),
    decision="attending",
    note="no names yet: review is right",
)

o = org("Stichting Ommelander Vervoer", "René Hoogeveen", "rene@ommelandervervoer.nl")
case(
    "cp1252_qp_accents",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Goedemiddag,\n\nRené Hoogeveen en Zoë Brandsma komen namens ons.\n\nMet vriendelijke groet,\nRené",
            outlook_nl(i),
        ),
        charset="windows-1252",
        cte="quoted-printable",
    ),
    decision="attending",
    attendees=[("René Hoogeveen", "rene@ommelandervervoer.nl"), ("Zoë Brandsma", None)],
)

o = org("Stichting Kwartiermakers", "Kees Venhuizen", "kees@kwartiermakers.nl")
case(
    "android_base64_first_names",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Wij komen met 2 personen: Kees Venhuizen en Marja Ubbens.\n\nVerzonden vanaf mijn Galaxy",
            f"-------- Oorspronkelijk bericht --------\nVan: {NETWORK} <{i.reply}>\nDatum: 21-09-26 10:02 (GMT+01:00)\nAan: {i.email}\nOnderwerp: {subject()}\n\n"
            + invitation(i),
        ),
        cte="base64",
    ),
    decision="attending",
    attendees=[("Kees Venhuizen", "kees@kwartiermakers.nl"), ("Marja Ubbens", None)],
)

o = org("Dorpsbelang Den Andel", "Wim Huizinga", "wim@dorpsbelang-denandel.nl")
case(
    "known_organisation_not_a_person",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Vanuit Dorpsbelang Oldehove komen Anja Kroon en Ruud Dijkstra mee met ons, dus zet u ze bij ons op de lijst? Zelf kom ik niet.\n\nWim Huizinga",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    attendees=[("Anja Kroon", None), ("Ruud Dijkstra", None)],
)

o = org("Rolstoelvervoer Marum", "Pieter Smeenge", "pieter@rolstoelvervoer-marum.nl")
case(
    "first_name_and_place_word",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Ik kom met collega Geert, onze chauffeur uit Zuidhorn.\n\nPieter Smeenge",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    attendees=[("Pieter Smeenge", "pieter@rolstoelvervoer-marum.nl"), ("Geert", None)],
)

o = org("Stichting Hulp Dichtbij", "Ria van der Veen", "ria@hulpdichtbij.nl")
case(
    "yes_button_subject_names_in_body",
    o,
    lambda i, n: (
        headers(
            sender=address("Ria van der Veen", i.email),
            to=i.reply,
            subject=f"Ja, wij komen: {TITLE}",
            date=date(n),
            message_id=mid(n, "hulpdichtbij.nl"),
        )
        + body("Namen van wie er komen:\n\nRia van der Veen\nJoke de Boer-Wiersma\n")
    ),
    decision="attending",
    attendees=[("Ria van der Veen", "ria@hulpdichtbij.nl"), ("Joke de Boer-Wiersma", None)],
)

o = org("Care Drivers Association", "Ben Walker", "ben.walker@caredrivers.org")
case(
    "en_no_button_emptied_body",
    o,
    lambda i, n: (
        headers(
            sender=address("Ben Walker", i.email),
            to=i.reply,
            subject=f"Sorry, we can't come: {TITLE_EN}",
            date=date(n),
            message_id=mid(n, "caredrivers.org"),
        )
        + body("\n")
    ),
    decision="declined",
)

o = org("Stichting Thuis in de Wijk", "Nel Bakker", "nel.bakker@thuisindewijk.nl")
case(
    "outlook_com_verstuurd_decline",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Beste mensen,\n\nOp 13 oktober zijn wij helaas verhinderd.\n\nVriendelijke groeten,\nNel Bakker",
            f"Van: {NETWORK} <{i.reply}>\nVerstuurd: maandag 21 september 2026 10:02\nAan: {i.email}\nOnderwerp: {subject()}\n\n"
            + invitation(i),
        ),
        sender=("Nel Bakker", "nel.bakker@thuisindewijk.nl"),
    ),
    decision="declined",
)

o = org("Vrijwilligersvervoer Haren", "Frank Tuinstra", "frank@vvharen.nl")
case(
    "owa_bold_labels_two_names",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Graag schrijf ik Frank Tuinstra en Lieke Brouwers in voor het Vervoerscafé.\n\nFrank",
            f"________________________________\n*Van:* {NETWORK} <{i.reply}>\n*Verzonden:* maandag 21 september 2026 10:02\n*Aan:* Frank Tuinstra <{i.email}>\n*Onderwerp:* {subject()}\n\n"
            + invitation(i),
        ),
    ),
    decision="attending",
    attendees=[("Frank Tuinstra", "frank@vvharen.nl"), ("Lieke Brouwers", None)],
)

o = org("Stichting Buurtauto Ten Boer", "Gonny Smit", "gonny@buurtauto-tenboer.nl")
case(
    "quote_above_reply_below_outlook",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        bottom(
            "Wij kunnen helaas niet komen, er is die middag een bestuursvergadering.\n\nGonny Smit",
            quoted(outlook_nl(i)),
        ),
    ),
    decision="declined",
)

o = org("Seniorenraad Oldambt", "Klaas Mulder", "k.mulder@seniorenraad-oldambt.nl")
case(
    "tentative_depends_on_driver",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Wij komen onder voorbehoud: het hangt ervan af of we vervoer kunnen regelen. Ik laat het uiterlijk 1 oktober weten.\n\nKlaas Mulder",
            outlook_nl(i),
        ),
    ),
    decision="maybe",
    note="'wij komen' names nobody (as corpus/human 'waarschijnlijk komen wij'): maybe, no names",
)

o = org("Stichting Welzijn Ouderen Stad", "Truus Wieringa", "truus@swos.nl")
case(
    "revision_earlier_no_now_yes",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Eerder gaf ik aan dat het niet lukte, maar nu kan ik toch wel komen. Wilt u mij alsnog noteren?\n\nTruus Wieringa",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    attendees=[("Truus Wieringa", "truus@swos.nl")],
)

o = org("Stichting Gastvrij Ten Post", "Arjen Bolt", "arjen@gastvrijtenpost.nl")
case(
    "outlook_html_en_labels_dear_organiser",
    o,
    lambda i, n: (
        headers(
            sender=address("Arjen Bolt", i.email),
            to=i.reply,
            subject=f"RE: {subject(english=True)}",
            date=date(n),
            message_id=mid(n, "gastvrijtenpost.nl"),
            in_reply_to=i.message_id,
        )
        + body(
            word_html(
                mso(
                    "Dear Marloes,",
                    "",
                    "We'd be delighted to attend. Our delegates: Mr. Daniel O'Connor and Ms. Hanna Müller.",
                    "",
                    "Best regards,",
                    "Arjen Bolt",
                ),
                i,
                labels=("From:", "Sent:", "To:", "Subject:"),
                english=True,
            ),
            subtype="html",
            charset="windows-1252",
            cte="quoted-printable",
        )
    ),
    decision="attending",
    attendees=[("Daniel O'Connor", None), ("Hanna Müller", None)],
)

o = org("Stichting Vervoer Hoogkerk", "Lies ter Horst", "lies@vervoerhoogkerk.nl")
case(
    "en_thunderbird_bottom_decline",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        bottom(
            "Thanks for the invitation. Unfortunately none of us is available on the 13th.\n\nLies",
            thunderbird_en(i),
        ),
        subj=f"Re: {subject(english=True)}",
    ),
    decision="declined",
)

o = org("Bewonersvereniging Lewenborg", "Fenna Ritsema", "fenna@bv-lewenborg.nl")
case(
    "yes_and_dietary_remark",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Leuk! Fenna Ritsema en Bauke Hiemstra zijn erbij. Bauke is vegetariër, mocht er iets te eten zijn.\n\nGr. Fenna",
            gmail_nl(i),
        ),
        subj=f"Re: {subject()}",
    ),
    decision="attending",
    attendees=[("Fenna Ritsema", "fenna@bv-lewenborg.nl"), ("Bauke Hiemstra", None)],
)

o = org("Stichting Halen en Brengen", "Jos van Wijk", "jos@halenenbrengen.nl")
case(
    "colleague_from_signature_no_self",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Namens ons komt Saskia Oomen, ik heb die dag zelf een andere afspraak.\n\nMet vriendelijke groet,\nJos van Wijk",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    attendees=[("Saskia Oomen", None)],
)

o = org("Welzijn Eemsmond", "Gerrit Dijk", "gerrit.dijk@welzijneemsmond.nl")
case(
    "unrelated_question_about_subsidy",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Goedemorgen,\n\nLos van de uitnodiging: weten jullie of de provincie dit jaar weer subsidie geeft voor elektrische buurtauto's?\n\nGerrit Dijk",
            outlook_nl(i),
        ),
    ),
    decision="unclear",
)

# === automated mail ========================================================================

o = org("Stichting Steunpunt Vrijwilligers", "Anke Meijer", "anke.meijer@steunpuntvrijwilligers.nl")
case(
    "ooo_exchange_nl_rfc3834",
    o,
    lambda i, n: (
        headers(
            sender=address("Anke Meijer", i.email),
            to=i.reply,
            subject=f"Automatisch antwoord: {subject()}",
            date=date(n),
            message_id=mid(n, "steunpuntvrijwilligers.nl"),
            in_reply_to=i.message_id,
            extra="Auto-Submitted: auto-replied\nX-Auto-Response-Suppress: All\nX-MS-Exchange-Inbox-Rules-Loop: anke.meijer@steunpuntvrijwilligers.nl\nThread-Topic: Uitnodiging",
        )
        + alternative(
            "Dank voor uw bericht. Ik ben afwezig tot en met 9 oktober en lees mijn mail niet. Voor dringende zaken kunt u contact opnemen met Bert de Graaf via 050 123 4567.\n\nMet vriendelijke groet,\nAnke Meijer",
            '<html><body><p class="MsoNormal">Dank voor uw bericht. Ik ben afwezig tot en met 9 oktober en lees mijn mail niet. Voor dringende zaken kunt u contact opnemen met Bert de Graaf via 050 123 4567.</p><p>Met vriendelijke groet,<br>Anke Meijer</p></body></html>',
            "_000_AM0PR07MB4321",
            cte="quoted-printable",
        )
    ),
    kind="auto_reply",
)

o = org("Regional Access Services", "David Moore", "d.moore@regionalaccess.org")
case(
    "ooo_exchange_en_auto_generated",
    o,
    lambda i, n: (
        headers(
            sender=address("David Moore", i.email),
            to=i.reply,
            subject=f"Automatic reply: {subject(english=True)}",
            date=date(n),
            message_id=mid(n, "regionalaccess.org"),
            in_reply_to=i.message_id,
            extra="Auto-Submitted: auto-generated\nX-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent",
        )
        + body(
            "I am out of the office until Monday 5 October with limited access to email. I will attend to your message on my return. For urgent matters please contact my colleague Emma Lewis."
        )
    ),
    kind="auto_reply",
)

o = org("Stichting Huiskamerproject", "Margriet Vos", "margriet@huiskamerproject.nl")
case(
    "ooo_no_headers_afwezig_subject",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        "Beste afzender,\n\nVan 28 september tot en met 9 oktober ben ik met verlof. Uw e-mail wordt niet doorgestuurd. Neemt u voor dringende vragen contact op met ons kantoor, 0595 44 55 66.\n\nMargriet Vos",
        subj=f"Afwezig: {subject()}",
    ),
    kind="auto_reply",
)

o = org("Stichting Vervoer Westerwolde", "Jan Kroeze", "jan.kroeze@vervoerwesterwolde.nl")
case(
    "ooo_no_headers_re_subject_body_only",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        "Goedendag,\n\nIk ben momenteel afwezig en vanaf maandag 5 oktober weer op kantoor. Uw bericht wordt na mijn terugkomst behandeld. In dringende gevallen kunt u bellen met 0599 12 34 56.\n\nMet vriendelijke groet,\nJan Kroeze",
        subj=f"RE: {subject()}",
    ),
    kind="auto_reply",
    note="no header, no subject marker: only the body says it",
)

o = org("Zorgbelang Noord", "Servicedesk Zorgbelang", "info@zorgbelang-noord.nl")
case(
    "ticket_acknowledgement_no_headers",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        "Geachte heer/mevrouw,\n\nHartelijk dank voor uw e-mail. Uw bericht is bij ons binnengekomen en heeft nummer #48213 gekregen. Wij streven ernaar binnen vijf werkdagen te reageren.\n\nDit is een automatisch gegenereerd bericht, u kunt hier niet op antwoorden.\n\nZorgbelang Noord",
        subj=f"[#48213] Uw bericht is ontvangen: {subject()}",
        sender=("Zorgbelang Noord", "info@zorgbelang-noord.nl"),
    ),
    kind="auto_reply",
)

o = org("Stichting Pluspunt", "Harriët Kuil", "harriet@pluspunt-groningen.nl")
case(
    "gmail_vacation_responder",
    o,
    lambda i, n: (
        headers(
            sender=address("Harriët Kuil", i.email),
            to=i.reply,
            subject=f"Re: {subject()}",
            date=date(n),
            message_id=f"<CAvacation{n}@mail.gmail.com>",
            in_reply_to=i.message_id,
            extra="Auto-Submitted: auto-replied",
        )
        + body(
            "Ik ben op vakantie tot 10 oktober. Daarna lees ik uw bericht. Hartelijke groet, Harriët"
        )
    ),
    kind="auto_reply",
)

o = org("Stichting Present Noorderveen", "Bas Vroom", "bas@present-noorderveen.nl")
case(
    "read_receipt_mdn",
    o,
    lambda i, n: (
        headers(
            sender=address("Bas Vroom", i.email),
            to=i.reply,
            subject=f"Gelezen: {subject()}",
            date=date(n),
            message_id=mid(n, "present-noorderveen.nl"),
            in_reply_to=i.message_id,
        )
        + 'Content-Type: multipart/report; report-type=disposition-notification;\n\tboundary="mdn_bnd"\n\n'
        "--mdn_bnd\n"
        + body(
            f"Uw bericht\n\n  Aan: Bas Vroom\n  Onderwerp: {subject()}\n  Verzonden: maandag 21 september 2026 10:02:31 (UTC+01:00)\n\nis gelezen op dinsdag 22 september 2026 08:15:10 (UTC+01:00)."
        )
        + "\n--mdn_bnd\nContent-Type: message/disposition-notification\n\n"
        "Reporting-UA: present-noorderveen.nl; Microsoft Outlook 16.0\n"
        f"Final-Recipient: rfc822;{i.email}\nOriginal-Message-ID: {i.message_id}\n"
        "Disposition: manual-action/MDN-sent-manually; displayed\n\n--mdn_bnd--\n"
    ),
    kind="auto_reply",
)

o = org("Stichting De Stadjers", "Loes Veldkamp", "loes@destadjers.nl")
case(
    "read_receipt_plain_nl",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        f"Uw bericht\n\nAan: Loes Veldkamp\nOnderwerp: {subject()}\nVerzonden: maandag 21 september 2026 10:02\n\nis gelezen op dinsdag 22 september 2026 09:41.",
        subj=f"Gelezen: {subject()}",
    ),
    kind="auto_reply",
)


def _dsn(i: Invited, n: int, *, status: str, action: str, diag: str, subj: str, human: str) -> str:
    return (
        headers(
            sender="Mail Delivery System <MAILER-DAEMON@mx1.mailhost.nl>",
            to=i.reply,
            subject=subj,
            date=date(n),
            message_id=mid(n, "mx1.mailhost.nl"),
            extra="Auto-Submitted: auto-replied\nReturn-Path: <>",
        )
        + 'Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="dsn.bnd.1"\n\n'
        "This is a MIME-encapsulated message.\n\n--dsn.bnd.1\nContent-Description: Notification\n"
        + body(human)
        + "\n--dsn.bnd.1\nContent-Description: Delivery report\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; mx1.mailhost.nl\nArrival-Date: Mon, 21 Sep 2026 10:02:40 +0200\n\n"
        f"Final-Recipient: rfc822; {i.email}\nOriginal-Recipient: rfc822;{i.email}\nAction: {action}\nStatus: {status}\n"
        f"Diagnostic-Code: smtp; {diag}\n\n--dsn.bnd.1\nContent-Description: Undelivered Message\nContent-Type: message/rfc822\n\n"
        f"From: {NETWORK} <{NETWORK_FROM}>\nReply-To: {i.reply}\nTo: {i.email}\nSubject: {subject()}\nMessage-ID: {i.message_id}\n"
        'Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: 8bit\n\n'
        + invitation(i)
        + "\n\n--dsn.bnd.1--\n"
    )


o = org("Stichting Opgeheven Vervoer", "Oud Contact", "oud.contact@opgeheven-vervoer.nl")
case(
    "bounce_dsn_user_unknown",
    o,
    lambda i, n: _dsn(
        i,
        n,
        status="5.1.1",
        action="failed",
        diag="550 5.1.1 <oud.contact@opgeheven-vervoer.nl>: Recipient address rejected: User unknown in virtual mailbox table",
        subj="Undelivered Mail Returned to Sender",
        human="This is the mail system at host mx1.mailhost.nl.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients. It's attached below.\n\n                   The mail system",
    ),
    kind="bounce",
)

o = org("Stichting Vol Postvak", "Volle Bak", "vol@volpostvak.nl")
case(
    "bounce_dsn_delayed",
    o,
    lambda i, n: _dsn(
        i,
        n,
        status="4.2.2",
        action="delayed",
        diag="452 4.2.2 Mailbox full",
        subj="Delayed Mail (still being retried)",
        human="This is the mail system at host mx1.mailhost.nl.\n\n####################################################################\n# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n####################################################################\n\nYour message could not be delivered for more than 4 hour(s).\nIt will be retried until it is 5 day(s) old.",
    ),
    kind="bounce",
)

o = org("Gemeente Oostermeer", "Vertrokken Ambtenaar", "v.ambtenaar@oostermeer.nl", "municipality")
case(
    "bounce_exchange_ndr_nl_html",
    o,
    lambda i, n: (
        headers(
            sender="Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@oostermeer.nl>",
            to=i.reply,
            subject=f"Onbestelbaar: {subject()}",
            date=date(n),
            message_id=mid(n, "oostermeer.nl"),
            extra="X-MS-Exchange-Message-Is-Ndr: \nAuto-Submitted: auto-replied",
        )
        + 'Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="ndr_b1"\n\n--ndr_b1\n'
        + alternative(
            f"Bezorging is mislukt voor deze ontvangers of groepen:\n\n{i.email}\nHet e-mailadres dat u hebt ingevoerd, is niet gevonden.\n",
            f'<html><body><p><b><font color="#000066" size="3" face="Arial">Bezorging is mislukt voor deze ontvangers of groepen:</font></b></p><p><a href="mailto:{i.email}">{i.email}</a><br>Het e-mailadres dat u hebt ingevoerd, is niet gevonden.</p></body></html>',
            "ndr_alt",
        )
        + "\n--ndr_b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns;AM6PR07MB5678.eurprd07.prod.outlook.com\n\n"
        f"Final-Recipient: rfc822;{i.email}\nAction: failed\nStatus: 5.1.10\nDiagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup\n\n"
        "--ndr_b1\nContent-Type: text/rfc822-headers\n\n"
        f"From: {NETWORK} <{NETWORK_FROM}>\nTo: {i.email}\nSubject: {subject()}\nMessage-ID: {i.message_id}\n\n--ndr_b1--\n"
    ),
    kind="bounce",
)

o = org("Stichting Oud Adres", "Verhuisde Vrijwilliger", "vrijwilliger@oudadres.nl")
case(
    "bounce_odd_ndr_plain_postmaster",
    o,
    lambda i, n: (
        headers(
            sender="postmaster@oudadres.nl",
            to=i.reply,
            subject=f"Niet afgeleverd: {subject()}",
            date=date(n),
            message_id=mid(n, "oudadres.nl"),
        )
        + body(
            f"Uw bericht kon niet worden afgeleverd bij de volgende ontvanger(s):\n\n    {i.email}\n    550 5.1.1 mailbox unavailable\n\n"
            f"------ Het oorspronkelijke bericht volgt ------\n\nFrom: {NETWORK} <{NETWORK_FROM}>\nTo: {i.email}\nSubject: {subject()}\n\n"
            + invitation(i)
        )
    ),
    kind="bounce",
)

o = org("Stichting Nergens", "Niet Bestaand", "niemand@nergens-vervoer.nl")
case(
    "bounce_qmail_style",
    o,
    lambda i, n: (
        headers(
            sender="MAILER-DAEMON@mail.nergens-vervoer.nl",
            to=i.reply,
            subject="failure notice",
            date=date(n),
            message_id=mid(n, "mail.nergens-vervoer.nl"),
        )
        + body(
            "Hi. This is the qmail-send program at mail.nergens-vervoer.nl.\nI'm afraid I wasn't able to deliver your message to the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n"
            f"<{i.email}>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n--- Below this line is a copy of the message.\n\n"
            f"From: {NETWORK} <{NETWORK_FROM}>\nTo: {i.email}\nSubject: {subject()}\n\n"
            + invitation(i)
        )
    ),
    kind="bounce",
)


def _ics(i: Invited, partstat: str, cn: str, email: str, extra: str = "") -> str:
    return (
        "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\n"
        "METHOD:REPLY\r\nBEGIN:VEVENT\r\nDTSTART:20261013T120000Z\r\nDTEND:20261013T143000Z\r\nDTSTAMP:20260922T081500Z\r\n"
        f"ORGANIZER;CN={NETWORK}:mailto:{i.reply}\r\nUID:pleinpost-heldout-event@pleinpost.example\r\n"
        f'ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};CN="{cn}";{extra}X-NUM-GUESTS=0:mailto:{email}\r\n'
        f"SEQUENCE:0\r\nSTATUS:CONFIRMED\r\nSUMMARY:{TITLE}\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def _calendar_mail(
    i: Invited, n: int, subj: str, text: str, ics: str, sender: tuple[str, str]
) -> str:
    encoded = base64.encodebytes(ics.encode()).decode()
    return (
        headers(
            sender=address(*sender),
            to=i.reply,
            subject=subj,
            date=date(n),
            message_id=mid(n, domain_of(sender[1])),
            in_reply_to=i.message_id,
        )
        + 'Content-Type: multipart/mixed; boundary="cal_mixed"\n\n--cal_mixed\n'
        'Content-Type: multipart/alternative; boundary="cal_alt"\n\n--cal_alt\n'
        + body(text)
        + '\n--cal_alt\nContent-Type: text/calendar; charset="UTF-8"; method=REPLY\nContent-Transfer-Encoding: base64\n\n'
        + encoded
        + '\n--cal_alt--\n\n--cal_mixed\nContent-Type: application/ics; name="invite.ics"\nContent-Disposition: attachment; filename="invite.ics"\nContent-Transfer-Encoding: base64\n\n'
        + encoded
        + "\n--cal_mixed--\n"
    )


o = org("Stichting Agenda Noord", "Femke Zijlstra", "femke.zijlstra@agendanoord.nl")
case(
    "calendar_google_accepted",
    o,
    lambda i, n: _calendar_mail(
        i,
        n,
        f"Uitnodiging geaccepteerd: {TITLE} @ di 13 okt 2026 14:00 - 16:30 (CEST) ({i.email})",
        f"Femke Zijlstra heeft deze uitnodiging geaccepteerd.\n\n{TITLE}\ndinsdag 13 okt 2026 14:00 - 16:30 (CEST)",
        _ics(i, "ACCEPTED", "Femke Zijlstra", i.email),
        ("Femke Zijlstra", i.email),
    ),
    kind="calendar_reply",
    decision="attending",
    attendees=[("Femke Zijlstra", "femke.zijlstra@agendanoord.nl")],
)

o = org("Stichting Agenda Zuid", "Hidde Kalsbeek", "hidde@agendazuid.nl")
case(
    "calendar_google_declined_en",
    o,
    lambda i, n: _calendar_mail(
        i,
        n,
        f"Declined: {TITLE} @ Tue Oct 13, 2026 2pm - 4:30pm (CEST) ({i.email})",
        "Hidde Kalsbeek has declined this invitation.",
        _ics(i, "DECLINED", "Hidde Kalsbeek", i.email),
        ("Hidde Kalsbeek", i.email),
    ),
    kind="calendar_reply",
    decision="declined",
)

o = org("Stichting Agenda Oost", "Yara Pronk", "y.pronk@agendaoost.nl")
case(
    "calendar_outlook_tentative_with_comment",
    o,
    lambda i, n: _calendar_mail(
        i,
        n,
        f"Voorlopig: {TITLE}",
        "Ik probeer te komen, maar weet het nog niet zeker.",
        _ics(i, "TENTATIVE", "Yara Pronk", i.email),
        ("Yara Pronk", i.email),
    ),
    kind="calendar_reply",
    decision="maybe",
    attendees=[("Yara Pronk", "y.pronk@agendaoost.nl")],
)

o = org("Stichting Agenda West", "Onno Brink", "onno.brink@agendawest.nl")
case(
    "calendar_outlook_accepted_nl_no_text",
    o,
    lambda i, n: _calendar_mail(
        i,
        n,
        f"Geaccepteerd: {TITLE}",
        "",
        _ics(i, "ACCEPTED", "Brink, Onno", i.email),
        ("Brink, Onno", i.email),
    ),
    kind="calendar_reply",
    decision="attending",
    attendees=[("Onno Brink", "onno.brink@agendawest.nl")],
    note="Outlook's CN is 'Brink, Onno'",
)

o = org("Stichting Doorgestuurd", "Mila Smit", "mila@doorgestuurd.nl")
case(
    "forwarded_calendar_reply_inside_not_counted",
    o,
    lambda i, n: (
        headers(
            sender=address("Mila Smit", i.email),
            to=i.reply,
            subject=f"FW: Geaccepteerd: {TITLE}",
            date=date(n),
            message_id=mid(n, "doorgestuurd.nl"),
        )
        + 'Content-Type: multipart/mixed; boundary="fw_b"\n\n--fw_b\n'
        + body(
            "Ter info: mijn collega heeft de uitnodiging in haar agenda gezet. Wie er komen laat ik later weten.\n\nMila"
        )
        + "\n--fw_b\nContent-Type: message/rfc822\n\n"
        + f"From: Collega <collega@doorgestuurd.nl>\nTo: {i.reply}\nSubject: Geaccepteerd: {TITLE}\nMIME-Version: 1.0\n"
        + 'Content-Type: text/calendar; charset="UTF-8"; method=REPLY\n\n'
        + _ics(i, "ACCEPTED", "Collega", "collega@doorgestuurd.nl")
        + "\n--fw_b--\n"
    ),
    decision="unclear",
    note="a forwarded calendar reply is never read; the note says nothing decided",
)

o = org("Marketing Bureau Zonnig", "Sales Team", "sales@zonnigmarketing.nl")
case(
    "unrelated_marketing_with_list_headers",
    o,
    lambda i, n: (
        headers(
            sender="Zonnig Marketing <nieuws@zonnigmarketing.nl>",
            to=i.reply,
            subject="Uw organisatie zichtbaar in 2027? Profiteer nu van 20% korting",
            date=date(n),
            message_id=mid(n, "zonnigmarketing.nl"),
            extra="List-Unsubscribe: <https://zonnigmarketing.nl/afmelden?id=991>\nPrecedence: bulk",
        )
        + body(
            "Beste relatie,\n\nWilt u dat uw vrijwilligersorganisatie opvalt? Wij komen graag langs voor een gratis kennismaking. Reageer vóór 1 oktober en ontvang 20% korting.\n\nMet zonnige groet,\nTeam Zonnig"
        )
    ),
    kind="other",
    note="unrelated bulk mail to the reply address: never an answer",
)

o = org("Stichting Antwoordloos", "Noreply Systeem", "noreply@antwoordloos.nl")
case(
    "noreply_system_confirmation",
    o,
    lambda i, n: (
        headers(
            sender="Antwoordloos Portaal <noreply@antwoordloos.nl>",
            to=i.reply,
            subject=f"Bevestiging: uw bericht over {TITLE}",
            date=date(n),
            message_id=mid(n, "antwoordloos.nl"),
        )
        + body(
            "Wij hebben uw bericht ontvangen. Wij komen zo snel mogelijk bij u terug. Dit bericht is automatisch verstuurd."
        )
    ),
    kind="other",
)

# === second batch: written after the first round of fixes, run only once written ========


def _gmail_html(i: Invited, n: int, name: str, own_html: str) -> str:
    return headers(
        sender=address(name, i.email),
        to=i.reply,
        subject=f"Re: {subject()}",
        date=date(n),
        message_id=f"<CAG{n}kq81Zp@mail.gmail.com>",
        in_reply_to=i.message_id,
    ) + body(
        f'<div dir="ltr">{own_html}</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
        f"Op ma 21 sep 2026 om 10:02 schreef {NETWORK} &lt;{i.reply}&gt;:<br></div>"
        f'<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex">{invitation_html(i)}</blockquote></div>',
        subtype="html",
        cte="quoted-printable",
    )


o = org("Stichting Kingma Vervoer", "Robert Kingma", "r.kingma@kingmavervoer.nl")
case(
    "b2_formal_signup_titles_initials",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Geachte heer, mevrouw,\n\nGraag zouden wij ons willen aanmelden met de volgende personen: Dhr. R. Kingma en Mw. S. Lubbers-Feenstra.\n\nHoogachtend,\n\nR. Kingma\nVoorzitter",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    attendees=[("R. Kingma", "r.kingma@kingmavervoer.nl"), ("S. Lubbers-Feenstra", None)],
)

o = org("Buurtvereniging De Eendracht", "Gijs Hoekman", "gijs@de-eendracht.nl")
case(
    "b2_van_de_partij",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Wij zijn van de partij! Aanmelding voor: Gijs Hoekman en Petra Jongsma.\n\nGijs",
            webmail_nl(i),
        ),
    ),
    decision="attending",
    attendees=[("Gijs Hoekman", "gijs@de-eendracht.nl"), ("Petra Jongsma", None)],
)

o = org("Stichting Wijkkracht", "Jacqueline Mellema", "jacqueline@wijkkracht.nl")
case(
    "b2_salutation_organiser_schuif_aan",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Beste Marloes,\n\nLeuk dat jullie dit organiseren. Ik schuif graag aan.\n\nHartelijke groet,\nJacqueline Mellema",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    attendees=[("Jacqueline Mellema", "jacqueline@wijkkracht.nl")],
)

o = org("Gemeente Zuidwolde", "Aukje Terpstra", "a.terpstra@zuidwolde.nl", "municipality")
case(
    "b2_helaas_council_meeting",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Helaas, ik zit die middag in de vergadering van de gemeenteraad.\n\nAukje Terpstra",
            outlook_nl(i),
        ),
    ),
    decision="declined",
)

o = org("Stichting Drukke Agenda", "Bert Oosterhof", "bert@drukkeagenda.nl")
case(
    "b2_agenda_does_not_allow",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top("Mijn agenda laat het helaas niet toe.\n\nBert", gmail_nl(i)),
        subj=f"Re: {subject()}",
    ),
    decision="declined",
)

o = org("Vervoersgroep Sappemeer", "Hilda Kort", "hilda.kort@vg-sappemeer.nl")
case(
    "b2_afzeggen_ziekte",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top("Ik moet helaas afzeggen wegens ziekte.\n\nGroet,\nHilda Kort", outlook_separator(i)),
    ),
    decision="declined",
)

o = org("Volunteer Drivers North", "Mike Turner", "mike.turner@vdnorth.org")
case(
    "b2_en_well_be_there_myself",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "We'll be there! Two of us: Sarah Jones and myself.\n\nCheers,\nMike Turner",
            gmail_en(i),
        ),
        subj=f"Re: {subject(english=True)}",
    ),
    decision="attending",
    attendees=[("Mike Turner", "mike.turner@vdnorth.org"), ("Sarah Jones", None)],
)

o = org("Neighbourhood Rides", "Emily Carter", "emily@nrides.org")
case(
    "b2_en_give_it_a_miss",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Hi both,\n\nUnfortunately we have a board meeting that afternoon, so we'll have to give this one a miss.\n\nAll the best,\nEmily",
            outlook_en(i, english=True),
        ),
        subj=f"RE: {subject(english=True)}",
    ),
    decision="declined",
)

o = org("Polish Community Support", "Anna Kowalski", "anna.kowalski@pcsupport.org")
case(
    "b2_en_put_me_down",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top("Yes please, put me down for the café.\n\nAnna Kowalski", gmail_en(i)),
        subj=f"Re: {subject(english=True)}",
    ),
    decision="attending",
    attendees=[("Anna Kowalski", "anna.kowalski@pcsupport.org")],
)

o = org("Stichting Vos en Co", "Linda Vos", "linda@vosenco.nl")
case(
    "b2_first_name_and_me_count",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        bottom("Hoi, wij komen met z'n tweeën: Marco en ik.\n\nGroet, Linda Vos", gmail_nl(i)),
        subj=f"Re: {subject()}",
    ),
    decision="attending",
    attendees=[("Linda Vos", "linda@vosenco.nl"), ("Marco", None)],
)

o = org("Stichting Op Reis", "Sander Bijl", "sander@opreis.nl")
case(
    "b2_ooo_travel_no_headers",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        "Bedankt voor je mail! Ik ben tot 12 oktober op reis en heb beperkt toegang tot mijn e-mail. Daarna reageer ik zo snel mogelijk.\n\nSander",
        subj=f"Re: {subject()}",
    ),
    kind="auto_reply",
)

o = org("Access For All Foundation", "Grace Lee", "grace.lee@accessforall.org")
case(
    "b2_en_ooo_annual_leave_no_headers",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        "Thank you for your email. I am currently on annual leave, returning Monday 12 October. For anything urgent please contact office@accessforall.org.\n\nGrace Lee",
        subj=f"RE: {subject(english=True)}",
    ),
    kind="auto_reply",
)

o = org("Stichting Dorpsbus Wirdum", "Jan Hofman", "jan@dorpsbus-wirdum.nl")
case(
    "b2_ooo_headers_mentions_meeting",
    o,
    lambda i, n: (
        headers(
            sender=address("Jan Hofman", i.email),
            to=i.reply,
            subject=f"Afwezigheidsmelding RE: {subject()}",
            date=date(n),
            message_id=mid(n, "dorpsbus-wirdum.nl"),
            in_reply_to=i.message_id,
            extra="Auto-Submitted: auto-replied\nX-Autoreply: yes",
        )
        + body(
            "Ik ben afwezig tot 5 oktober. Voor vragen over de bijeenkomst of aanmeldingen kunt u terecht bij Tjeerd Bos, tjeerd@dorpsbus-wirdum.nl."
        )
    ),
    kind="auto_reply",
)

o = org("Stichting Verkeerd Adres", "Weg Gegaan", "weg@verkeerdadres.nl")
case(
    "b2_bounce_gmail_address_not_found",
    o,
    lambda i, n: (
        headers(
            sender="Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
            to=i.reply,
            subject="Delivery Status Notification (Failure)",
            date=date(n),
            message_id=f"<5f1a{n}.mdn@mx.google.com>",
            extra="Auto-Submitted: auto-replied",
        )
        + 'Content-Type: multipart/report; report-type=delivery-status; boundary="g_bnd"\n\n--g_bnd\n'
        + body(
            f"** Adres niet gevonden **\n\nJe bericht is niet bezorgd bij {i.email} omdat het adres niet is gevonden of geen e-mail kan ontvangen.\n\nDe reactie van de externe server was:\n550 5.1.1 The email account that you tried to reach does not exist."
        )
        + "\n--g_bnd\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; googlemail.com\n\n"
        f"Final-Recipient: rfc822; {i.email}\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does not exist.\n\n"
        "--g_bnd\nContent-Type: message/rfc822\n\n"
        f"From: {NETWORK} <{NETWORK_FROM}>\nTo: {i.email}\nSubject: {subject()}\nMessage-ID: {i.message_id}\n\n"
        + invitation(i)
        + "\n--g_bnd--\n"
    ),
    kind="bounce",
)

o = org("Gemeente Veenkoloniën", "Oud Medewerker", "o.medewerker@veenkolonien.nl", "municipality")
case(
    "b2_bounce_exchange_online_en",
    o,
    lambda i, n: (
        headers(
            sender="Microsoft Outlook <postmaster@veenkolonien.onmicrosoft.com>",
            to=i.reply,
            subject=f"Undeliverable: {subject()}",
            date=date(n),
            message_id=mid(n, "veenkolonien.onmicrosoft.com"),
        )
        + 'Content-Type: multipart/report; report-type=delivery-status; boundary="eo_bnd"\n\n--eo_bnd\n'
        + body(
            f"Your message to {i.email} couldn't be delivered.\n\no.medewerker wasn't found at veenkolonien.nl.\n\nNetwerk    Office 365    o.medewerker\nAction Required                 Recipient\n\nUnknown To address"
        )
        + "\n--eo_bnd\nContent-Type: message/delivery-status\n\nReporting-MTA: dns;AM0PR01MB1234.eurprd01.prod.exchangelabs.com\n\n"
        f"Final-Recipient: rfc822;{i.email}\nAction: failed\nStatus: 5.1.10\nDiagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup\n\n"
        "--eo_bnd\nContent-Type: text/rfc822-headers\n\n"
        f"From: {NETWORK} <{NETWORK_FROM}>\nTo: {i.email}\nSubject: {subject()}\nMessage-ID: {i.message_id}\n\n--eo_bnd--\n"
    ),
    kind="bounce",
)

o = org("Stichting iCloud Vervoer", "Tessa Brandsma", "tessa.brandsma@icloud.com")
case(
    "b2_calendar_apple_accepted_no_cn",
    o,
    lambda i, n: _calendar_mail(
        i,
        n,
        f"Uitnodiging geaccepteerd: {TITLE}",
        "Tessa Brandsma heeft de uitnodiging geaccepteerd.",
        _ics(i, "ACCEPTED", "", i.email).replace('CN="";', ""),
        ("Tessa Brandsma", i.email),
    ),
    kind="calendar_reply",
    decision="attending",
    attendees=[("Tessa Brandsma", "tessa.brandsma@icloud.com")],
)

o = org("Stichting Brussel Reist", "Koen Dijkema", "koen.dijkema@brusselreist.nl")
case(
    "b2_calendar_outlook_declined_comment",
    o,
    lambda i, n: _calendar_mail(
        i,
        n,
        f"Geweigerd: {TITLE}",
        "Sorry, ik zit dan in Brussel.",
        _ics(i, "DECLINED", "Koen Dijkema", i.email),
        ("Koen Dijkema", i.email),
    ),
    kind="calendar_reply",
    decision="declined",
)

o = org("Vervoersclub Hoogezand", "Hanneke Brouwer", "hanneke@vc-hoogezand.nl")
case(
    "b2_tuurlijk_erbij",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Tuurlijk zijn we erbij! Met Hanneke Brouwer en Sjaak de Groot.\n\nHanneke",
            apple_nl(i),
        ),
        subj=f"Re: {subject()}",
    ),
    decision="attending",
    attendees=[("Hanneke Brouwer", "hanneke@vc-hoogezand.nl"), ("Sjaak de Groot", None)],
)

o = org("Stichting Adresbeheer", "Marjan Boersma", "m.boersma@adresbeheer.nl")
case(
    "b2_remove_address_person_left",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Goedemiddag,\n\nWilt u dit adres uit uw bestand verwijderen? Mevrouw Boersma werkt hier niet meer.\n\nMet vriendelijke groet,\nReceptie Adresbeheer",
            outlook_nl(i),
        ),
        sender=("Receptie Adresbeheer", "m.boersma@adresbeheer.nl"),
    ),
    kind="unsubscribe",
)

o = org("Stichting Thuiszorg Vervoer", "Ans Hoekstra", "ans.hoekstra@tzvervoer.nl")
case(
    "b2_person_left_not_a_decline",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Mevrouw Hoekstra is niet meer werkzaam bij onze organisatie. Haar opvolger is nog niet bekend.\n\nSecretariaat",
            outlook_nl(i),
        ),
        sender=("Secretariaat TZV", "ans.hoekstra@tzvervoer.nl"),
    ),
    decision="unclear",
)

o = org("Stichting Later Komen", "Roel Dekker", "roel@latercomen.nl")
case(
    "b2_yes_but_later",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Ik kom graag, maar kan pas om 15.00 uur aanwezig zijn.\n\nRoel Dekker",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    attendees=[("Roel Dekker", "roel@latercomen.nl")],
)

o = org("Stichting Geen Van Beiden", "Wietske Hoving", "wietske@geenvanbeiden.nl")
case(
    "b2_decline_colleague_also_not",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Ik kan er helaas niet bij zijn, mijn collega Tjitske ook niet.\n\nWietske",
            outlook_nl(i),
        ),
    ),
    decision="declined",
)

o = org("Stichting Span en Vos", "Hilde Span", "hilde@spanenvos.nl")
case(
    "b2_names_with_roles",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Vanuit ons komen Hilde Span (bestuur) en Okke Vos (vrijwilliger).\n\nHilde",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    attendees=[("Hilde Span", "hilde@spanenvos.nl"), ("Okke Vos", None)],
)

o = org("Stichting Samen Sterk", "Peter Smit", "peter.smit@samensterk.nl")
case(
    "b2_en_on_behalf_particle_name",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Hello,\n\nIngrid van Leeuwen will attend on behalf of our foundation.\n\nRegards,\nPeter Smit",
            thunderbird_en(i),
        ),
        subj=f"Re: {subject(english=True)}",
    ),
    decision="attending",
    attendees=[("Ingrid van Leeuwen", None)],
)

o = org("Stichting Presentaties", "Douwe Kamstra", "douwe@presentaties.nl")
case(
    "b2_newsletter_question",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        "Waar kan ik de presentatie van het vorige Vervoerscafé vinden? Die wil ik graag doorsturen aan onze chauffeurs.\n\nDouwe\n\n"
        f"Op 18 sep 2026 om 09:00 schreef {NETWORK} <{i.reply}>:\n> Nieuwsbrief september\n>\n> Terugblik op het vorige Vervoerscafé.\n",
        subj="Re: Nieuwsbrief september",
    ),
    decision="unclear",
    newsletter=True,
)

o = org("Stichting Namen Volgen", "Irma Wolthuis", "irma@namenvolgen.nl")
case(
    "b2_yes_no_names_yet",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Wij komen graag, maar hebben nog geen namen. Ik mail die volgende week.\n\nIrma",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    note="no names yet: review is right",
)

o = org("Stichting Gmail Html", "Jorien Bakker", "jorien.bakker@gmail.com")
case(
    "b2_gmail_html_only_yes",
    o,
    lambda i, n: _gmail_html(
        i, n, "Jorien Bakker", "Ja hoor, ik kom!<div><br></div><div>Jorien</div>"
    ),
    decision="attending",
    attendees=[("Jorien Bakker", "jorien.bakker@gmail.com")],
)

o = org("Stichting Kort Antwoord", "Sietse Zijlstra", "sietse@kortantwoord.nl")
case(
    "b2_bare_nee",
    o,
    lambda i, n: plain_reply(i, n, top("Nee", outlook_nl(i))),
    decision="declined",
    note="a bare 'Nee': review is acceptable",
)

o = org("Stichting Tussendoor", "Gerrit Zuidema", "gerrit@tussendoor.nl")
case(
    "b2_interleaved_answer",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        f"Op 21-09-2026 om 10:02 schreef {NETWORK}:\n> Laat ons vóór 3 oktober weten wie er namens uw organisatie komt.\n\nWij komen met Gerrit Zuidema.\n\n> Per organisatie kunnen maximaal 2 personen komen.\n>\n> Marloes Hoekstra en Dirk Scholten, team Vervoerscafé\n",
        subj=f"Re: {subject()}",
    ),
    decision="attending",
    attendees=[("Gerrit Zuidema", "gerrit@tussendoor.nl")],
)

o = org("Stichting Bestuurlijk", "Henk de Vries", "h.devries@bestuurlijk.nl")
case(
    "b2_first_names_namens_signature",
    o,
    lambda i, n: plain_reply(
        i,
        n,
        top(
            "Wij komen met Jan en Marie.\n\nNamens het bestuur,\nH. de Vries",
            outlook_nl(i),
        ),
    ),
    decision="attending",
    attendees=[("Jan", None), ("Marie", None)],
)


def write(out: Path = OUT) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.eml"):
        old.unlink()
    expected = {}
    for number, item in enumerate(CASES, 1):
        name = f"{number:03d}_{item.name}.eml"
        raw = item.build(invited(item.org, newsletter=item.newsletter), number)
        (out / name).write_bytes(raw.encode("utf-8"))
        expected[name] = item.expected()
    (out / "expected.json").write_text(
        json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    write()
