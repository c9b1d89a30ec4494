# ruff: noqa: E501  (mail data: lines are kept as clients write them)
"""Writes tests/inbound/corpus_heldout/round4/: the fourth held-out round.

Written before its writer read the reading rules (mailer/inbound/), aimed at
the mistakes that matter most: a WRONG decision or a wrong attendee list
applied automatically. So: conditional answers, answers about another event
or date, mentions of a past event, double negation ("niet missen", "geen
probleem"), numbers against names, replies to the reminder and to the
programme mail (their own deliveries of the same event), one writer
answering for two organisations, irony, a "ja" about the lunch, a "nee"
about the lunch under a yes, long signatures full of board members,
disclaimers full of "niet", "geen" and "verboden", replies quoting the
writer's own earlier reply, a mailto button pressed by mistake, and
automated mail whose words look like an answer ("ik kom graag terug op uw
mail", "Bedankt voor uw aanmelding", a bounce quoting "Ja, wij komen").

Run ``.venv/bin/python -m tests.inbound.heldout4_corpus`` to regenerate.
Expectations use the format of ``heldout_corpus`` plus ``mail``: which of our
mails the reply answers (invitation, newsletter, reminder, programme). A
genuinely ambiguous reply expects ``unclear`` (the review queue).
"""

from __future__ import annotations

import base64
import quopri

from tests.inbound.heldout_automated import Automated
from tests.inbound.heldout_clients import Clients, Mailing
from tests.inbound.heldout_mime import NETWORK, address, body, headers, quoted
from tests.inbound.heldout_round import SECRET as SECRET
from tests.inbound.heldout_round import Corpus, Invited, Round, domain_of

TITLE = "Themaochtend: rolstoelvervoer met vrijwilligers"
PLACE = "Zalencentrum De Vonk"
ADDRESS = "Kerkplein 3, 9987 MN Oosterwaard"
ORGANISERS = ("Ingrid Westerhof", "Bas Nijenhuis")
SENT = {
    "invitation": (
        "maandag 11 januari 2027 09:14",
        "ma 11 jan 2027 om 09:14",
        "11 jan 2027, om 09:14",
    ),
    "reminder": (
        "woensdag 20 januari 2027 08:30",
        "wo 20 jan 2027 om 08:30",
        "20 jan 2027, om 08:30",
    ),
    "programme": (
        "woensdag 3 februari 2027 16:05",
        "wo 3 feb 2027 om 16:05",
        "3 feb 2027, om 16:05",
    ),
    "newsletter": (
        "vrijdag 15 januari 2027 12:00",
        "vr 15 jan 2027 om 12:00",
        "15 jan 2027, om 12:00",
    ),
}
ROUND = Round(
    4,
    TITLE,
    PLACE,
    ADDRESS,
    ORGANISERS,
    first_day=12,
    days=14,
    month="Jan 2027",
    hours=10,
    minute_step=17,
    mid_factor=7919,
    # which of our mails a reply answers; the eval makes one delivery per organisation of
    # each, in this order (invitation ids 1..n, newsletter n+1..2n, reminder 2n+1..3n,
    # programme 3n+1..4n)
    mails=("invitation", "newsletter", "reminder", "programme"),
)
OUT = ROUND.out
MAILS = ROUND.mails
CORPUS = Corpus(ROUND)
ORGS = CORPUS.orgs
CASES = CORPUS.cases
org = CORPUS.org
case = CORPUS.case
write = CORPUS.write


# --- our mails of this round -------------------------------------------------------------


def invitation(o: Invited) -> str:
    first = o.contact.split()[0]
    return f"""{NETWORK}

UITNODIGING

Beste {first},

Rolstoelvervoer vraagt meer van vrijwilligers dan een gewone rit: instappen, vastzetten, een drempel bij de voordeur. Op deze themaochtend laten twee initiatieven zien hoe zij hun chauffeurs daarop voorbereiden, en oefenen we met een rolstoelbus van de Stichting Rolmobiel.

Wanneer: woensdag 10 februari 2027, 9.30–12.30 uur
Waar: {PLACE}, {ADDRESS}

Laat u ons vóór woensdag 27 januari weten wie er namens uw organisatie komt? Er is plaats voor maximaal 2 personen per organisatie.
Na afloop is er een eenvoudige lunch. Blijft u lunchen? Zet het er even bij, dan houden we er rekening mee.

Ja, wij komen [1]    Nee, helaas [2]

Gewoon deze e-mail beantwoorden mag ook: zet dan de namen van wie er komen in uw antwoord.
Ons antwoordadres voor deze uitnodiging, ook voor een collega die hem doorgestuurd kreeg: {o.reply}

Hartelijke groet,
{ORGANISERS[0]} en {ORGANISERS[1]}

U ontvangt deze e-mail omdat u contactpersoon bent van {o.organisation}.
Afmelden voor deze berichten [3]

[1] mailto:{o.reply}?subject=Ja%2C%20wij%20komen&body=Namen%20van%20wie%20er%20komen%3A%20
[2] mailto:{o.reply}?subject=Nee%2C%20helaas
[3] https://pleinpost.example/u/r4"""


def reminder(o: Invited) -> str:
    first = o.contact.split()[0]
    return f"""{NETWORK}

HERINNERING

Beste {first},

We hebben nog geen antwoord van {o.organisation} op onze uitnodiging voor de {TITLE.lower()} op woensdag 10 februari 2027 in {PLACE}. Komt er iemand van u? Laat het ons vóór 27 januari weten, met de namen (maximaal 2 personen).

Ja, wij komen [1]    Nee, helaas [2]

Hartelijke groet,
{ORGANISERS[0]} en {ORGANISERS[1]}

[1] mailto:{o.reply}?subject=Ja%2C%20wij%20komen
[2] mailto:{o.reply}?subject=Nee%2C%20helaas"""


def programme(o: Invited) -> str:
    first = o.contact.split()[0]
    return f"""{NETWORK}

PROGRAMMA

Beste {first},

Fijn dat u erbij bent op woensdag 10 februari. Dit is het programma:

 9.30  Inloop met koffie
10.00  Welkom door wethouder Hanna Zijlstra
10.15  Zo bereiden wij onze chauffeurs voor: Stichting Rolmobiel en Vervoersgroep Oosterwaard
11.15  Oefenen met de rolstoelbus (buiten, neem een jas mee)
12.30  Lunch

Kunt u toch niet komen? Laat het ons even weten, dan geven we uw plek aan een ander.

Tot woensdag,
{ORGANISERS[0]} en {ORGANISERS[1]}"""


def newsletter(o: Invited) -> str:
    return f"""{NETWORK}

NIEUWSBRIEF JANUARI

Vrijwilligersavond 5 maart
Op vrijdag 5 maart bedanken we alle chauffeurs met een avond vol muziek in Theater De Schakel. Aanmelden kan vanaf 1 februari.

Nieuw: cursus rijvaardigheid voor 70-plussers
Samen met de verkeersschool bieden we een opfriscursus aan. Er zijn nog plaatsen.

U ontvangt deze nieuwsbrief omdat u contactpersoon bent van {o.organisation}.
Afmelden voor deze berichten [1]

[1] https://pleinpost.example/u/r4n"""


SUBJECTS = {
    "invitation": f"Uitnodiging: {TITLE}",
    "reminder": f"Herinnering: {TITLE}",
    "programme": f"Programma: {TITLE}",
    "newsletter": "Nieuwsbrief januari",
}


MAILING = Mailing(
    texts={
        "invitation": invitation,
        "reminder": reminder,
        "programme": programme,
        "newsletter": newsletter,
    },
    subjects=SUBJECTS,
    sent=SENT,
    sent_en="Monday, January 11, 2027 9:14 AM",
    sent_en_gmail="Mon, Jan 11, 2027 at 9:14 AM",
    sent_day="11-01-2027",
    sent_time="09:14",
    original_date="Mon, 11 Jan 2027 09:14:02 +0100",
    webmail_labels=("Origineel", "Datum"),
    apple_id="C0FFEE-4A4A",
    apple_mailer="2.3826.300.87.4.3",
    iphone_id="B0B0-77A1",
    iphone_mailer="22C152",
)
CLIENTS = Clients(ROUND, MAILING)
AUTOMATED = Automated(CLIENTS)
# the builders the cases below call, bound to this round
reply = CLIENTS.reply
word = CLIENTS.word
owa_html = CLIENTS.owa_html
apple_html = CLIENTS.apple_html
iphone = CLIENTS.iphone
button = CLIENTS.button
outlook_nl = CLIENTS.outlook_nl
subject_of = CLIENTS.subject_of
original_copy = AUTOMATED.original_copy
auto = AUTOMATED.auto
date = ROUND.date
mid = ROUND.mid


# --- automated mail of this round only -----------------------------------------------------


def exim_bounce(o: Invited, n: int) -> str:
    """Exim's plain-text failure: the copy of the message inline, no delivery-status part."""
    return headers(
        sender="Mail Delivery System <Mailer-Daemon@mx2.zorgnetwerk-oost.nl>",
        to=o.reply,
        subject="Mail delivery failed: returning message to sender",
        date=date(n),
        message_id=mid(n, "mx2.zorgnetwerk-oost.nl"),
        extra="X-Failed-Recipients: " + o.email + "\nAuto-Submitted: auto-replied",
    ) + body(
        "This message was created automatically by mail delivery software.\n\n"
        "A message that you sent could not be delivered to one or more of its\n"
        "recipients. This is a permanent error. The following address(es) failed:\n\n"
        f"  {o.email}\n    mailbox is full: retry timeout exceeded\n\n"
        "------ This is a copy of the message, including all the headers. ------\n\n"
        + original_copy(o)
    )


def dutch_ndr(o: Invited, n: int) -> str:
    """A Dutch Exchange non-delivery report: HTML text, a delivery-status part, the original."""
    html = (
        '<html><body><p><b><font color="#000066" size="3" face="Arial">Uw bericht heeft de volgende ontvangers niet bereikt:</font></b></p>'
        f'<p><a href="mailto:{o.email}">{o.email}</a><br>Het e-mailadres bestaat niet bij de ontvangende organisatie. '
        "Controleer het adres en probeer het opnieuw. Neem contact op met de beheerder als het probleem niet verdwijnt.</p>"
        "<p>Diagnostische informatie voor beheerders:<br>Genererende server: AM9PR03MB1234.eurprd03.prod.outlook.com<br>"
        f"{o.email}<br>Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'</p></body></html>"
    )
    return (
        headers(
            sender="Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@welzijnrijnland.onmicrosoft.com>",
            to=o.reply,
            subject=f"Onbestelbaar: {subject_of(o)}",
            date=date(n),
            message_id=mid(n, "AM9PR03MB1234.eurprd03.prod.outlook.com"),
            extra="X-MS-Exchange-Message-Is-Ndr: \nContent-Language: nl-NL",
        )
        + 'Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="r4_ndr_b"\n\n'
        "--r4_ndr_b\n"
        + body(html, subtype="html", cte="quoted-printable")
        + "\n--r4_ndr_b\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns;AM9PR03MB1234.eurprd03.prod.outlook.com\n"
        "Received-From-MTA: dns;mail.pleinpost.example\nArrival-Date: Mon, 11 Jan 2027 08:14:05 +0000\n\n"
        f"Original-Recipient: rfc822;{o.email}\nFinal-Recipient: rfc822;{o.email}\nAction: failed\n"
        "Status: 5.1.10\nDiagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup\n\n"
        "--r4_ndr_b\nContent-Type: message/rfc822\n\n" + original_copy(o) + "\n--r4_ndr_b--\n"
    )


def ics(o: Invited, partstat: str, cn: str, email: str) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "METHOD:REPLY",
        "VERSION:2.0",
        "PRODID:Microsoft Exchange Server 2010",
        "BEGIN:VEVENT",
        f'ATTENDEE;PARTSTAT={partstat};CN="{cn}":mailto:{email}',
        "DTSTART;TZID=W. Europe Standard Time:20270210T093000",
        "DTEND;TZID=W. Europe Standard Time:20270210T123000",
        "DTSTAMP:20270114T101500Z",
        f'ORGANIZER;CN="{NETWORK}":mailto:{o.reply}',
        "SEQUENCE:0",
        f"SUMMARY;LANGUAGE=nl-NL:Geaccepteerd: {TITLE}",
        "UID:pleinpost-r4-themaochtend@pleinpost.example",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"


def outlook_calendar(o: Invited, n: int, subj: str, text: str, partstat: str) -> str:
    cal = ics(o, partstat, o.contact, o.email)
    encoded = base64.encodebytes(cal.encode("utf-8")).decode("ascii")
    return (
        headers(
            sender=address(o.contact, o.email),
            to=address(NETWORK, o.reply),
            subject=subj,
            date=date(n),
            message_id=mid(n, domain_of(o.email)),
        )
        + 'Content-Type: multipart/alternative; boundary="_000_r4cal_"\n\n--_000_r4cal_\n'
        + body(text, cte="quoted-printable")
        + '\n--_000_r4cal_\nContent-Type: text/calendar; charset="utf-8"; method=REPLY\nContent-Transfer-Encoding: base64\n\n'
        + encoded
        + "\n--_000_r4cal_--\n"
    )


def qp(text: str) -> str:
    return quopri.encodestring(text.encode("utf-8")).decode("ascii")


DISCLAIMER = (
    "Disclaimer: dit bericht is uitsluitend bestemd voor de geadresseerde(n). Het is niet toegestaan "
    "de inhoud zonder toestemming te openbaren, te vermenigvuldigen of te verspreiden; dat is verboden. "
    "Aan dit bericht kunnen geen rechten worden ontleend. Bent u niet de geadresseerde, verwijder het "
    "bericht dan en stel de afzender op de hoogte.\n"
    "This e-mail is intended only for the addressee. If you are not the intended recipient, you must not "
    "use, copy or disclose it; doing so is prohibited. No rights can be derived from this message. "
    "Please notify the sender and delete it."
)


# === the network and its replies ===========================================================

# the host organisation, named in the programme; never a person
ROLMOBIEL = org("Stichting Rolmobiel", "Gijs Hartman", "gijs@rolmobiel.nl")

# --- conditions ------------------------------------------------------------------------------

o = org("Vervoerspunt Noordhorn", "Liesbeth Oosterhuis", "l.oosterhuis@vervoerspuntnoordhorn.nl")
case(
    "cond_train_on_time",
    o,
    lambda i, n: reply(
        i,
        n,
        "Hoi Ingrid,\n\nAls mijn trein uit Zwolle op tijd rijdt, kom ik. Maar de laatste weken valt er nogal eens een trein uit, dus reken er niet vast op.\n\nGroet,\nLiesbeth",
        "gmail",
    ),
    decision="unclear",
    note="conditional: review",
)

o = org("Stichting Samen Onderweg", "Frank Mulder", "frank.mulder@samenonderweg.nl")
case(
    "cond_only_online",
    o,
    lambda i, n: reply(
        i,
        n,
        "Goedemorgen,\n\nAlleen als de ochtend ook online te volgen is, kunnen wij meedoen. Naar Oosterwaard rijden lukt ons die dag niet.\n\nMet vriendelijke groet,\nFrank Mulder",
    ),
    decision="unclear",
    note="conditional on something not offered: review (a decline would be defensible too)",
)

o = org("Plusbus De Marne", "Tjitske de Boer", "tjitske@plusbusdemarne.nl")
case(
    "en_cond_morning_off",
    o,
    lambda i, n: reply(
        i,
        n,
        "Hi Ingrid,\n\nIf I can get the morning off I'll come along, but I can't confirm that yet.\n\nTjitske",
        "thunderbird_en",
    ),
    decision="unclear",
    note="conditional",
)

o = org("Welzijnsgroep Wierum", "Alie Dijkhuis", "a.dijkhuis@welzijnwierum.nl")
case(
    "cond_if_municipality_comes",
    o,
    lambda i, n: reply(
        i,
        n,
        "Beste Bas,\n\nKomt er ook iemand van de gemeente Oosterwaard? Zo ja, dan kom ik zeker, want daar wil ik graag mee praten.\n\nGroet,\nAlie Dijkhuis",
        "webmail",
    ),
    decision="unclear",
    note="a question with a condition",
)

# --- another event or another date ----------------------------------------------------------

o = org("Vervoersgroep Oosterwaard", "Ria Smeenk", "ria.smeenk@vervoersgroep-oosterwaard.nl")
case(
    "other_date_june_not_this_yes",
    o,
    lambda i, n: reply(
        i,
        n,
        "Beste Ingrid en Bas,\n\nVoor de bijeenkomst van 3 juni over de ritplanner kunnen we niet, maar deze themaochtend wel. Jan Post en ik komen.\n\nHartelijke groet,\nRia Smeenk",
    ),
    decision="attending",
    attendees=[("Jan Post", None), ("Ria Smeenk", "ria.smeenk@vervoersgroep-oosterwaard.nl")],
)

o = org("Automaatje Bedum", "Kees Wolters", "kees.wolters@automaatjebedum.nl")
case(
    "other_event_yes_this_one_no",
    o,
    lambda i, n: reply(
        i,
        n,
        "Dag Ingrid,\n\nBij de vrijwilligersavond op 5 maart zijn we er zeker bij, maar voor deze themaochtend moeten we helaas afzeggen: woensdagochtend rijden al onze chauffeurs.\n\nKees Wolters",
        "apple",
    ),
    decision="declined",
)

o = org("Buurtbus Eenrum", "Marjan Hoving", "marjan.hoving@buurtbuseenrum.nl")
case(
    "en_not_march_but_february",
    o,
    lambda i, n: reply(
        i,
        n,
        "Hello both,\n\nWe can't make the March evening, but 10 February works for us: Sarah Olsen and Mark Rijnders will attend.\n\nKind regards,\nMarjan Hoving",
        "outlook_en",
    ),
    decision="attending",
    attendees=[("Sarah Olsen", None), ("Mark Rijnders", None)],
)

o = org("Zorgvervoer Usquert", "Berend Kamstra", "b.kamstra@zorgvervoerusquert.nl")
case(
    "newsletter_reply_will_come_to_evening",
    o,
    lambda i, n: reply(
        i,
        n,
        "Leuke nieuwsbrief weer! Op de vrijwilligersavond van 5 maart kom ik graag, met twee van onze chauffeurs. Hoe kunnen we ons daarvoor opgeven?\n\nBerend",
        "gmail",
    ),
    mail="newsletter",
    note="a reply to the newsletter about another event: never an answer to the invitation",
)

# --- a past event ---------------------------------------------------------------------------

o = org("Stichting Vrijwillige Hulp Baflo", "Nelleke Dijkstra", "nelleke@hulpbaflo.nl")
case(
    "past_not_then_now_yes",
    o,
    lambda i, n: reply(
        i,
        n,
        "Goedemiddag,\n\nVorige keer waren we er niet bij, maar nu komen we graag: Kees Brouwer en ik.\n\nGroet,\nNelleke Dijkstra",
        "gmail",
    ),
    decision="attending",
    attendees=[("Kees Brouwer", None), ("Nelleke Dijkstra", "nelleke@hulpbaflo.nl")],
)

o = org("Ouderenvervoer Winsum", "Hennie Bakker", "hennie.bakker@ouderenvervoerwinsum.nl")
case(
    "past_they_came_now_decline",
    o,
    lambda i, n: reply(
        i,
        n,
        "Beste organisatie,\n\nVorig jaar waren Anja Kroon en Pim Dekker erbij en ze waren er erg enthousiast over. Dit jaar lukt het ons helaas niet, we zitten midden in een verhuizing.\n\nMet vriendelijke groet,\nHennie Bakker\nsecretaris",
    ),
    decision="declined",
)

o = org("Rolstoelbus Loppersum", "Dirk Kuipers", "dirk@rolstoelbusloppersum.nl")
case(
    "en_last_time_nobody_now_me",
    o,
    lambda i, n: reply(
        i,
        n,
        "Last time nobody from our team could make it, so this time I'll be there myself.\n\nCheers,\nDirk Kuipers",
        "gmail_en",
    ),
    decision="attending",
    attendees=[("Dirk Kuipers", "dirk@rolstoelbusloppersum.nl")],
)

o = org("Vervoersdienst Ten Boer", "Gea Zwiers", "gea.zwiers@vervoersdiensttenboer.nl")
case(
    "decline_names_who_came_last_time_and_next",
    o,
    lambda i, n: iphone(
        i,
        n,
        "Hallo Bas,\n\nDeze keer niet. De vorige themaochtend kwamen Sjoerd Bos en Ineke van der Wal, maar die zijn nu allebei met vakantie. Volgende keer komt Loes Vink zeker.\n\nGea",
    ),
    decision="declined",
)

# --- double negation ------------------------------------------------------------------------

o = org("Belbus Middelstum", "Hendrik Veldman", "h.veldman@belbusmiddelstum.nl")
case(
    "niet_missen",
    o,
    lambda i, n: reply(
        i,
        n,
        "Dat wil ik voor geen goud missen. Tot de tiende!\n\nHendrik Veldman\nBelbus Middelstum",
        "thunderbird",
    ),
    decision="attending",
    attendees=[("Hendrik Veldman", "h.veldman@belbusmiddelstum.nl")],
)

o = org("Stichting Kom Mee", "Lotte Verhoef", "lotte@stichtingkommee.nl")
case(
    "geen_probleem_we_komen",
    o,
    lambda i, n: reply(
        i,
        n,
        "Geen probleem, we komen met z'n tweeën: Wouter Pel en ik.\n\nLotte Verhoef",
        "samsung",
    ),
    decision="attending",
    attendees=[("Wouter Pel", None), ("Lotte Verhoef", "lotte@stichtingkommee.nl")],
)

o = org("Dorpsauto Garsthuizen", "Claire Dubois", "claire.dubois@dorpsautogarsthuizen.nl")
case(
    "en_wouldnt_miss_it",
    o,
    lambda i, n: reply(
        i,
        n,
        "I wouldn't miss it. See you on the 10th!\n\nBest,\nClaire Dubois",
        "gmail_en",
    ),
    decision="attending",
    attendees=[("Claire Dubois", "claire.dubois@dorpsautogarsthuizen.nl")],
)

o = org("Vrijwilligerscentrale Appingedam", "Tom Hayes", "t.hayes@vcappingedam.nl")
case(
    "en_no_problem_well_be_there",
    o,
    lambda i, n: reply(
        i,
        n,
        "No problem at all, we'll be there: Fenna Groen and myself.\n\nRegards,\nTom Hayes\nVolunteer coordinator",
        "outlook_en",
    ),
    decision="attending",
    attendees=[("Fenna Groen", None), ("Tom Hayes", "t.hayes@vcappingedam.nl")],
)

o = org("Seniorenvervoer Delfzijl", "Jolanda Pieters", "jolanda.pieters@seniorenvervoerdelfzijl.nl")
case(
    "niet_alleen",
    o,
    lambda i, n: reply(
        i,
        n,
        "Beste Ingrid,\n\nIk kom niet alleen: Joost Meijer rijdt met me mee.\n\nGroetjes,\nJolanda Pieters",
        "outlook",
    ),
    decision="attending",
    attendees=[
        ("Joost Meijer", None),
        ("Jolanda Pieters", "jolanda.pieters@seniorenvervoerdelfzijl.nl"),
    ],
)

o = org("Buurthulp Spijk", "Rutger Smit", "rutger@buurthulpspijk.nl")
case(
    "cannot_say_no",
    o,
    lambda i, n: reply(
        i,
        n,
        "Daar kan ik geen nee tegen zeggen. Ik kom!\n\nRutger Smit",
        "gmail",
    ),
    decision="attending",
    attendees=[("Rutger Smit", "rutger@buurthulpspijk.nl")],
)

o = org("Rijdende Vrienden Termunten", "Hester Bloem", "hester.bloem@rijdendevrienden.nl")
case(
    "en_cant_say_no",
    o,
    lambda i, n: reply(
        i,
        n,
        "How could I say no to that? Count me in.\n\nHester",
        "thunderbird_en",
    ),
    decision="attending",
    attendees=[("Hester Bloem", "hester.bloem@rijdendevrienden.nl")],
)

# --- numbers and names ----------------------------------------------------------------------

o = org("Stichting Wielewaal Vervoer", "Petra Hofstede", "petra@wielewaalvervoer.nl")
case(
    "met_2_ik_en_karin",
    o,
    lambda i, n: reply(
        i,
        n,
        "We komen met 2: ik en Karin Mol.\n\nPetra Hofstede",
        "gmail",
    ),
    decision="attending",
    attendees=[("Petra Hofstede", "petra@wielewaalvervoer.nl"), ("Karin Mol", None)],
)

o = org("Boodschappenbus Uithuizen", "Geert Nienhuis", "geert.nienhuis@boodschappenbus.nl")
case(
    "two_names_follow",
    o,
    lambda i, n: reply(
        i,
        n,
        "Goedendag,\n\nWij komen met twee personen, de namen volgen nog.\n\nMet vriendelijke groet,\nGeert Nienhuis",
    ),
    decision="attending",
    unnamed=2,
    note="two places, no names yet: attending with two unnamed (review with a note is fine)",
)

o = org("Taxi Tante Toos", "Hilde Brink", "hilde@tantetoos.nl")
case(
    "not_two_but_one",
    o,
    lambda i, n: reply(
        i,
        n,
        "Wij komen niet met twee maar met één persoon: Tamara Brink.\n\nHilde Brink",
        "apple",
    ),
    decision="attending",
    attendees=[("Tamara Brink", None)],
    note="the writer is not the one who comes",
)

o = org("Vervoersclub Bierum", "Sanne Wiersma", "sanne.wiersma@vervoersclubbierum.nl")
case(
    "peter_cannot_only_sanne",
    o,
    lambda i, n: reply(
        i,
        n,
        "Hoi,\n\nJammer genoeg kan Peter niet, dus komt alleen Sanne Wiersma.\n\nSanne",
        "gmail",
    ),
    decision="attending",
    attendees=[("Sanne Wiersma", "sanne.wiersma@vervoersclubbierum.nl")],
)

o = org("Stichting Omzien Zandeweer", "Mirjam Prins", "mirjam@omzienzandeweer.nl")
case(
    "yes_lists_who_not",
    o,
    lambda i, n: reply(
        i,
        n,
        "Wij komen! Gerrit Hofman komt niet mee (hij heeft die ochtend dienst), wel Anouk Ties en ik.\n\nMirjam Prins",
        "outlook",
    ),
    decision="attending",
    attendees=[("Anouk Ties", None), ("Mirjam Prins", "mirjam@omzienzandeweer.nl")],
)

o = org("Vrijwilligersvervoer Warffum", "Rick Bauer", "rick.bauer@vvwarffum.nl")
case(
    "en_emma_away_daan_and_me",
    o,
    lambda i, n: reply(
        i,
        n,
        "Yes, two of us. Emma de Bruin is away that week, so it will be Daan Kramer and me.\n\nRick Bauer",
        "gmail_en",
    ),
    decision="attending",
    attendees=[("Daan Kramer", None), ("Rick Bauer", "rick.bauer@vvwarffum.nl")],
)

o = org("Zorgcoöperatie Eppenhuizen", "Joke Tabak", "secretariaat@zorgcoopeppenhuizen.nl")
case(
    "nobody_except_joke",
    o,
    lambda i, n: reply(
        i,
        n,
        "Beste mensen,\n\nNiemand van ons bestuur kan die ochtend, behalve Joke Tabak: zij komt graag.\n\nNamens het bestuur,\nAnton Veenstra\nvoorzitter",
        "outlook",
        sender=("Zorgcoöperatie Eppenhuizen", "secretariaat@zorgcoopeppenhuizen.nl"),
    ),
    decision="attending",
    attendees=[("Joke Tabak", None)],
)

o = org("Stichting Buurtkracht", "Carla Vos", "carla.vos@buurtkracht.nl")
case(
    "not_me_two_colleagues",
    o,
    lambda i, n: owa_html(
        i,
        n,
        "<div>Dag Ingrid,</div><div><br></div><div>Ik ben er zelf niet bij, maar mijn collega's Dora Bakker en Ahmed Yilmaz wel.</div><div><br></div><div>Vriendelijke groet,</div><div>Carla Vos</div>",
    ),
    decision="attending",
    attendees=[("Dora Bakker", None), ("Ahmed Yilmaz", None)],
)

# --- the reminder and the programme ---------------------------------------------------------

o = org("Rolstoelvervoer Stedum", "Wim Bakker", "wim.bakker@rolstoelvervoerstedum.nl")
case(
    "reminder_reply_sorry_late_yes",
    o,
    lambda i, n: reply(
        i,
        n,
        "Excuses voor de late reactie, uw eerste mail was bij ons in de spam beland. We komen met Joyce Haan en ik.\n\nWim Bakker",
        "outlook",
    ),
    mail="reminder",
    decision="attending",
    attendees=[("Joyce Haan", None), ("Wim Bakker", "wim.bakker@rolstoelvervoerstedum.nl")],
)

o = org("Hulpdienst Kantens", "Marga de Vries", "marga@hulpdienstkantens.nl")
case(
    "reminder_reply_no_and_no_more_reminders",
    o,
    lambda i, n: reply(
        i,
        n,
        "Nee, wij komen niet. Graag geen herinneringen meer over deze ochtend.\n\nMarga de Vries",
        "gmail",
    ),
    mail="reminder",
    decision="declined",
    note="no more reminders about this event is not an unsubscribe from everything",
)

o = org("Stichting Welzijn Leens", "Johan Ritsema", "j.ritsema@welzijnleens.nl")
case(
    "programme_reply_sick",
    o,
    lambda i, n: reply(
        i,
        n,
        "Dank voor het programma. Helaas moet ik me toch afmelden, ik lig met griep op bed.\n\nJohan Ritsema",
        "outlook",
    ),
    mail="programme",
    decision="declined",
)

o = org("Buurtbus Zoutkamp", "Aafke Visser", "aafke.visser@buurtbuszoutkamp.nl")
case(
    "programme_reply_question_rain",
    o,
    lambda i, n: reply(
        i,
        n,
        "Dank voor het programma! Komt de rolstoelbus ook naar binnen als het regent, of moeten we echt buiten oefenen?\n\nAafke",
        "apple",
    ),
    mail="programme",
    note="a question to the programme mail: no answer",
)

o = org("Dorpsbelangen Ulrum", "Evert Lok", "evert.lok@dorpsbelangenulrum.nl")
case(
    "programme_reply_see_you",
    o,
    lambda i, n: reply(
        i,
        n,
        "Dank je wel, ziet er goed uit. Tot woensdag!\n\nEvert",
        "gmail",
    ),
    mail="programme",
    note="a thank-you to the programme: nothing new to apply (review is fine, no change)",
)

# --- two organisations in one reply --------------------------------------------------------

o = org("Buurtbus Oldehove", "Henk Smit", "henk.smit@buurtbusoldehove.nl")
case(
    "answers_for_two_organisations",
    o,
    lambda i, n: reply(
        i,
        n,
        "Beste Ingrid,\n\nIk zit in het bestuur van twee clubs, dus ik antwoord maar meteen voor beide. Namens Buurtbus Oldehove kom ik zelf met Greetje Span. Voor het Zorgloket Grijpskerk komt Marco Steenhuis.\n\nGroet,\nHenk Smit",
    ),
    decision="unclear",
    note="one writer, two organisations: a person splits it",
)

# --- irony, politeness ---------------------------------------------------------------------

o = org("Vervoersgroep Kloosterburen", "Jeroen Kamp", "jeroen.kamp@vgkloosterburen.nl")
case(
    "helaas_gewoon_erbij",
    o,
    lambda i, n: reply(
        i,
        n,
        "Helaas kan ik u vertellen dat we er gewoon weer bij zijn! Wendy Schut en ik komen.\n\nJeroen Kamp",
        "gmail",
    ),
    decision="attending",
    attendees=[("Wendy Schut", None), ("Jeroen Kamp", "jeroen.kamp@vgkloosterburen.nl")],
    note="irony: helaas with a yes (review would be acceptable, a decline is wrong)",
)

o = org("Stichting Rijden voor Elkaar", "Paul Verbeek", "paul@rijdenvoorelkaar.nl")
case(
    "en_sadly_for_you",
    o,
    lambda i, n: reply(
        i,
        n,
        "Sadly for you, you won't get rid of us that easily: Nina Kok and I will be there.\n\nPaul Verbeek",
        "thunderbird_en",
    ),
    decision="attending",
    attendees=[("Nina Kok", None), ("Paul Verbeek", "paul@rijdenvoorelkaar.nl")],
)

o = org("Hulpvervoer Pieterburen", "Wendy Oost", "wendy.oost@hulpvervoerpieterburen.nl")
case(
    "sorry_late_but_yes",
    o,
    lambda i, n: reply(
        i,
        n,
        "Sorry voor de late reactie, maar wij komen graag. Namen: Wendy Oost en Jelmer Tuin.\n\nGroet, Wendy",
        "webmail",
    ),
    decision="attending",
    attendees=[("Wendy Oost", "wendy.oost@hulpvervoerpieterburen.nl"), ("Jelmer Tuin", None)],
)

o = org("Stichting Vervoer op Maat", "Lars Mulder", "lars@vervoeropmaat.nl")
case(
    "nee_no_questions_we_come",
    o,
    lambda i, n: reply(
        i,
        n,
        "Nee hoor, geen vragen meer, alles is duidelijk. We komen met Lars Mulder en Dewi Kartosen.\n\nLars",
        "outlook",
    ),
    decision="attending",
    attendees=[("Lars Mulder", "lars@vervoeropmaat.nl"), ("Dewi Kartosen", None)],
)

o = org("Automaatje Eenrum", "Brenda Haak", "brenda.haak@automaatjeeenrum.nl")
case(
    "zou_graag_maar",
    o,
    lambda i, n: reply(
        i,
        n,
        "Ik zou heel graag komen, want het onderwerp is voor ons erg actueel, maar het lukt helaas niet.\n\nBrenda Haak",
        "gmail",
    ),
    decision="declined",
)

o = org("Vervoersinitiatief Den Andel", "Olaf Bosma", "olaf.bosma@videnandel.nl")
case(
    "en_would_have_loved",
    o,
    lambda i, n: reply(
        i,
        n,
        "I would have loved to come, but I'm on holiday that week. Hopefully next time!\n\nOlaf",
        "gmail_en",
    ),
    decision="declined",
)

# --- questions with "komen", "later binnen", lunch -----------------------------------------

o = org("Stichting Mobiel Baflo", "Annet Huizing", "annet@mobielbaflo.nl")
case(
    "question_by_car",
    o,
    lambda i, n: iphone(
        i, n, "Kunnen we ook met de auto komen? Is er parkeergelegenheid bij De Vonk?\n\nAnnet"
    ),
    note="a question: forwarded, no decision",
)

o = org("Fietsmaatjes Winsum", "Sven Dekker", "sven@fietsmaatjeswinsum.nl")
case(
    "en_question_come_by_bike",
    o,
    lambda i, n: reply(
        i,
        n,
        "Quick question: can we come by bike, and is there somewhere to leave it?\n\nSven",
        "gmail_en",
    ),
    note="a question",
)

o = org("Ritservice Onderdendam", "Bart Zuidema", "bart@ritservice-onderdendam.nl")
case(
    "later_binnen",
    o,
    lambda i, n: reply(
        i,
        n,
        "Ik kom, maar misschien kom ik iets later binnen, ik heb om negen uur nog een overleg.\n\nBart Zuidema",
        "outlook",
    ),
    decision="attending",
    attendees=[("Bart Zuidema", "bart@ritservice-onderdendam.nl")],
    note="misschien is about being late, not about coming",
)

o = org("Stichting Thuis Mobiel", "Fenna Kuipers", "fenna.kuipers@thuismobiel.nl")
case(
    "ja_to_lunch_only",
    o,
    lambda i, n: reply(
        i,
        n,
        "Ja, graag lunch voor ons allebei. Een van ons eet vegetarisch.\n\nFenna",
        "gmail",
    ),
    decision="unclear",
    note="the ja answers the lunch question; who comes is not said",
)

o = org("Vervoersteam Adorp", "Ruud Hekman", "ruud.hekman@vervoersteamadorp.nl")
case(
    "yes_but_lunch_no",
    o,
    lambda i, n: reply(
        i,
        n,
        "Wij komen met Ruud Hekman en Baukje Post.\nLunch: nee, dank je, we moeten om twaalf uur alweer weg.\n\nRuud",
        "outlook",
    ),
    decision="attending",
    attendees=[("Ruud Hekman", "ruud.hekman@vervoersteamadorp.nl"), ("Baukje Post", None)],
)

o = org("Buurtzorgvervoer Sauwerd", "Marleen Jonker", "marleen.jonker@bzvsauwerd.nl")
case(
    "interleaved_answers_nee_lunch",
    o,
    lambda i, n: (
        headers(
            sender=address(i.contact, i.email),
            to=i.reply,
            subject=f"Re: {subject_of(i)}",
            date=date(n),
            message_id=mid(n, domain_of(i.email)),
            in_reply_to=i.message_id,
        )
        + body(
            f"Op {SENT['invitation'][1]} schreef {NETWORK} <{i.reply}>:\n"
            "> Laat u ons vóór woensdag 27 januari weten wie er namens uw organisatie komt? Er is plaats voor maximaal 2 personen per organisatie.\n\n"
            "Jan Kuiper en ik.\n\n"
            "> Na afloop is er een eenvoudige lunch. Blijft u lunchen?\n\n"
            "Nee, wij gaan direct na afloop terug.\n\n"
            "> Ja, wij komen [1]    Nee, helaas [2]\n\n"
            "Groet,\nMarleen Jonker\n"
        )
    ),
    decision="attending",
    attendees=[("Jan Kuiper", None), ("Marleen Jonker", "marleen.jonker@bzvsauwerd.nl")],
    note="answers between the quoted lines; the nee is about lunch",
)

# --- signatures and disclaimers --------------------------------------------------------------

o = org(
    "Stichting Rolstoelvervoer Oosterwaard",
    "Annelies Boersma",
    "secretaris@rolstoelvervoer-oosterwaard.nl",
)
case(
    "short_yes_long_board_signature",
    o,
    lambda i, n: reply(
        i,
        n,
        "Ik kom.\n\nMet vriendelijke groet,\n\nAnnelies Boersma\nsecretaris\n\nStichting Rolstoelvervoer Oosterwaard\nBestuur: Gerard Tromp (voorzitter), Wilma de Haan (penningmeester), Annelies Boersma (secretaris), Piet Zwart en Hanneke Veen (leden)\nCoördinatoren: Bert Schuiling (planning), Ymkje Dam (chauffeurs)\nKerkplein 12 | 9987 MP Oosterwaard | 0596-22 41 90\nwww.rolstoelvervoer-oosterwaard.nl",
        "outlook",
        sender=(
            "Secretaris Rolstoelvervoer Oosterwaard",
            "secretaris@rolstoelvervoer-oosterwaard.nl",
        ),
    ),
    decision="attending",
    attendees=[("Annelies Boersma", "secretaris@rolstoelvervoer-oosterwaard.nl")],
)

o = org("Welzijn Rijnland-Noord", "Marco Lens", "m.lens@welzijnrijnlandnoord.nl")
case(
    "yes_two_names_disclaimer",
    o,
    lambda i, n: word(
        i,
        n,
        [
            "Goedemorgen Ingrid,",
            "",
            "Wij komen graag met Marco Lens en Petra Gorter.",
            "",
            "Met vriendelijke groet,",
            "Marco Lens",
            "Beleidsmedewerker mobiliteit",
            "",
            DISCLAIMER,
        ],
    ),
    decision="attending",
    attendees=[("Marco Lens", "m.lens@welzijnrijnlandnoord.nl"), ("Petra Gorter", None)],
)

o = org("Gemeente Oosterwaard", "Yvette Kleine", "y.kleine@oosterwaard.nl", kind="municipality")
case(
    "short_yes_disclaimer_only",
    o,
    lambda i, n: reply(
        i,
        n,
        "Ja, ik kom.\n\nYvette Kleine\nGemeente Oosterwaard | team Wmo\n\n" + DISCLAIMER,
        "outlook",
    ),
    decision="attending",
    attendees=[("Yvette Kleine", "y.kleine@oosterwaard.nl")],
)

o = org("Dorpsbus Uithuizermeeden", "Kobus Wiersum", "kobus@dorpsbus-um.nl")
case(
    "decline_disclaimer_en",
    o,
    lambda i, n: reply(
        i,
        n,
        "Thanks for the invitation. Unfortunately we have to pass this time.\n\nKobus Wiersum\n\n"
        + DISCLAIMER,
        "outlook_en",
    ),
    decision="declined",
)

o = org("Stichting Helpende Handen Roodeschool", "Teun Dijk", "teun.dijk@helpendehanden-rs.nl")
case(
    "en_count_me_in_html_signature",
    o,
    lambda i, n: owa_html(
        i,
        n,
        "<div>Count me in.</div><div><br></div><div>Teun Dijk</div>"
        '<table style="font-size:9pt;color:#555"><tr><td><b>Helpende Handen Roodeschool</b></td></tr>'
        "<tr><td>Board: Marja Top (chair), Sietse Wind (treasurer)</td></tr>"
        "<tr><td>This message is confidential. It may not be forwarded; no rights can be derived from it.</td></tr></table>",
    ),
    decision="attending",
    attendees=[("Teun Dijk", "teun.dijk@helpendehanden-rs.nl")],
)

# --- a writer quoting their own earlier reply ---------------------------------------------

o = org("Vervoerscoöperatie Hunsingo", "Erik Hulst", "erik.hulst@vchunsingo.nl")
case(
    "first_yes_self",
    o,
    lambda i, n: reply(i, n, "Ik kom graag.\n\nGroet,\nErik Hulst", "gmail"),
    decision="attending",
    attendees=[("Erik Hulst", "erik.hulst@vchunsingo.nl")],
)
case(
    "second_adds_colleague_quoting_own",
    o,
    lambda i, n: (
        headers(
            sender=address(i.contact, i.email),
            to=i.reply,
            subject=f"Re: {subject_of(i)}",
            date=date(n),
            message_id=mid(n, domain_of(i.email)),
            in_reply_to=mid(n - 1, domain_of(i.email)),
            extra=f"References: {i.message_id} {mid(n - 1, domain_of(i.email))}",
        )
        + body(
            "Nog een aanvulling op mijn mail van gisteren: mijn collega Tineke Vos komt ook mee.\n\nErik\n\n"
            f"Op di 12 jan 2027 om 10:11 schreef Erik Hulst <{i.email}>:\n"
            "> Ik kom graag.\n>\n> Groet,\n> Erik Hulst\n>\n"
            f"> Op {SENT['invitation'][1]} schreef {NETWORK} <{i.reply}>:\n>\n"
            + quoted(quoted(invitation(i)))
            + "\n"
        )
    ),
    decision="attending",
    attendees=[("Tineke Vos", None)],
    addition=True,
)

o = org("Zorgvervoer Westerkwartier", "Ineke Tuinstra", "ineke@zorgvervoerwesterkwartier.nl")
case(
    "first_decline",
    o,
    lambda i, n: reply(
        i, n, "Helaas kan ik niet komen, ik heb dan een cursus.\n\nIneke Tuinstra", "outlook"
    ),
    decision="declined",
)
case(
    "then_yes_quoting_own_decline",
    o,
    lambda i, n: (
        headers(
            sender=address(i.contact, i.email),
            to=address(NETWORK, i.reply),
            subject=f"RE: {subject_of(i)}",
            date=date(n),
            message_id=mid(n, domain_of(i.email)),
            in_reply_to=mid(n - 1, domain_of(i.email)),
        )
        + body(
            "Goed nieuws: de cursus is verplaatst, dus het lukt toch. Ik kom!\n\nIneke\n\n"
            f"Van: Ineke Tuinstra <{i.email}>\nVerzonden: dinsdag 12 januari 2027 14:20\nAan: {NETWORK} <{i.reply}>\n"
            f"Onderwerp: RE: {subject_of(i)}\n\nHelaas kan ik niet komen, ik heb dan een cursus.\n\nIneke Tuinstra\n\n"
            + outlook_nl(i)
            + "\n"
        )
    ),
    decision="attending",
    attendees=[("Ineke Tuinstra", "ineke@zorgvervoerwesterkwartier.nl")],
)

# --- mailto buttons ------------------------------------------------------------------------

o = org("Stichting Op Pad", "Dirk Hof", "dirk.hof@stichtingoppad.nl")
case(
    "button_yes_body_names",
    o,
    lambda i, n: button(i, n, "Ja, wij komen", "Namen van wie er komen: Dirk Hof, Aaltje Zijl"),
    decision="attending",
    attendees=[("Dirk Hof", "dirk.hof@stichtingoppad.nl"), ("Aaltje Zijl", None)],
)

o = org("Buurtbus Grijpskerk", "Roelie Smid", "roelie@buurtbusgrijpskerk.nl")
case(
    "button_yes_wrong_button",
    o,
    lambda i, n: button(
        i,
        n,
        "Ja, wij komen",
        "Oei, verkeerde knop! Wij komen helaas niet, die dag hebben we onze ledenvergadering.\n\nRoelie Smid",
    ),
    decision="declined",
    note="the subject says yes, the writer says no",
)

o = org("Vervoersdienst Zuidhorn", "Rianne Kok", "rianne.kok@vdzuidhorn.nl")
case(
    "button_no_meant_yes",
    o,
    lambda i, n: button(
        i,
        n,
        "Nee, helaas",
        "Sorry, ik bedoelde de andere knop: wij komen wel! Rianne Kok en Arjen Wijk.\n\nRianne",
    ),
    decision="attending",
    attendees=[("Rianne Kok", "rianne.kok@vdzuidhorn.nl"), ("Arjen Wijk", None)],
    note="the subject says no, the writer says yes (review is acceptable, a decline is wrong)",
)

# --- a forward sent home by mistake --------------------------------------------------------

o = org("Zonnebloem Afdeling Ezinge", "Anouk Meijer", "anouk.meijer@zonnebloem-ezinge.nl")
case(
    "forward_to_colleague_sent_home",
    o,
    lambda i, n: reply(
        i,
        n,
        "Hoi Gerda,\n\nIs dit iets voor jou? Ik kan zelf niet, maar het lijkt me echt iets voor de chauffeurs. Laat je het even weten?\n\nAnouk",
        "outlook",
        subj=f"FW: {subject_of(i)}",
    ),
    note="meant for a colleague, sent to our address: nobody answered yet",
)

# --- calendar ---------------------------------------------------------------------------------

o = org("Stichting Buurtvervoer Winsum", "Geke Hoekstra", "geke.hoekstra@buurtvervoerwinsum.nl")
case(
    "calendar_accept_outlook",
    o,
    lambda i, n: outlook_calendar(i, n, f"Geaccepteerd: {TITLE}", "Ik kom graag.", "ACCEPTED"),
    kind="calendar_reply",
    decision="attending",
    attendees=[("Geke Hoekstra", "geke.hoekstra@buurtvervoerwinsum.nl")],
)

# --- automated mail that looks like an answer ----------------------------------------------

o = org("Welzijn Bedum", "Saskia Meinema", "s.meinema@welzijnbedum.nl")
case(
    "ooo_no_headers_kom_graag_terug",
    o,
    lambda i, n: auto(
        i,
        n,
        f"RE: {subject_of(i)}",
        "Beste afzender,\n\nDank voor uw bericht. Ik ben tot en met 25 januari niet op kantoor en heb beperkt toegang tot mijn mail. Ik kom graag terug op uw mail na mijn terugkomst.\n\nMet vriendelijke groet,\nSaskia Meinema",
    ),
    kind="auto_reply",
    note="no auto headers, the plain subject of a reply",
)

o = org("Vrijwilligerspunt Hoogezand", "Corrie Mensink", "info@vrijwilligerspunthoogezand.nl")
case(
    "auto_bedankt_voor_aanmelding",
    o,
    lambda i, n: auto(
        i,
        n,
        "Bedankt voor uw aanmelding",
        "Bedankt voor uw aanmelding!\n\nWij hebben uw bericht in goede orde ontvangen. Een van onze medewerkers neemt binnen drie werkdagen contact met u op.\n\nDit is een automatisch gegenereerd bericht; u kunt hier niet op antwoorden.\n\nVrijwilligerspunt Hoogezand",
        sender=("Vrijwilligerspunt Hoogezand", "info@vrijwilligerspunthoogezand.nl"),
    ),
    kind="auto_reply",
)

o = org("Gemeente Eemsdelta", "Harm Brouwer", "h.brouwer@eemsdelta.nl", kind="municipality")
case(
    "auto_ontvangen_wij_komen_terug",
    o,
    lambda i, n: auto(
        i,
        n,
        f"Ontvangstbevestiging: {subject_of(i)}",
        "Geachte heer, mevrouw,\n\nUw e-mail is ontvangen en geregistreerd onder nummer Z-2027-004512. Wij komen zo snel mogelijk bij u terug, uiterlijk binnen tien werkdagen.\n\nMet vriendelijke groet,\n\nKlantcontactcentrum Gemeente Eemsdelta",
        sender=("Gemeente Eemsdelta", "noreply@eemsdelta.nl"),
        extra="Auto-Submitted: auto-generated",
    ),
    kind="auto_reply",
)

o = org("Stichting Meerijden", "Olga Sanders", "olga@meerijden.nl")
case(
    "en_auto_thank_you_registration",
    o,
    lambda i, n: auto(
        i,
        n,
        f"Re: {subject_of(i)}",
        "Thank you for your registration!\n\nWe have received your message and will get back to you as soon as possible. We look forward to seeing you.\n\nThis is an automated message, please do not reply.",
        sender=("Meerijden Support", "support@meerijden.nl"),
    ),
    kind="auto_reply",
)

o = org("Zorgnetwerk Oost", "Bram de Lange", "bram.delange@zorgnetwerk-oost.nl")
case(
    "exim_bounce_quotes_ja_wij_komen",
    o,
    lambda i, n: exim_bounce(i, n),
    kind="bounce",
)

o = org("Welzijn Rijnland", "Wendelien Graaf", "w.graaf@welzijnrijnland.nl")
case(
    "dutch_ndr_with_original",
    o,
    lambda i, n: dutch_ndr(i, n),
    kind="bounce",
)

o = org("Buurtbus Bellingwolde", "Jacob Wessels", "jacob@buurtbusbellingwolde.nl")
case(
    "ooo_en_will_come_back",
    o,
    lambda i, n: auto(
        i,
        n,
        f"Automatic reply: {subject_of(i)}",
        "Thank you for your email. I am away until 1 February and will come back to you on my return. For urgent matters please contact planning@buurtbusbellingwolde.nl.\n\nJacob Wessels",
        extra="X-Auto-Response-Suppress: All",
    ),
    kind="auto_reply",
)

o = org("Stichting Vervoer Veendam", "Nynke Bos", "nynke.bos@vervoerveendam.nl")
case(
    "ooo_subject_plain_body_ik_ben_er_niet",
    o,
    lambda i, n: auto(
        i,
        n,
        f"Re: {subject_of(i)}",
        "Hallo,\n\nIk ben er tot 1 februari niet. Uw mail wordt niet doorgestuurd. Voor ritten kunt u bellen met 0598-61 20 30.\n\nNynke Bos",
    ),
    kind="auto_reply",
    note="written like an out-of-office, no headers: never an answer (a decline would be wrong)",
)

# --- a few ordinary ones among the traps -----------------------------------------------------

o = org("Vervoersgroep Middag-Humsterland", "Ad Ruiter", "ad.ruiter@vgmiddag.nl")
case(
    "ik_kom_om_tien",
    o,
    lambda i, n: apple_html(i, n, "Ik kom, waarschijnlijk rond tien uur.\n\nAd Ruiter"),
    decision="attending",
    attendees=[("Ad Ruiter", "ad.ruiter@vgmiddag.nl")],
)

o = org("Stichting Vrijwilligersvervoer Slochteren", "Tess Baas", "tess.baas@svslochteren.nl")
case(
    "wie_nog_meer_wij_wel",
    o,
    lambda i, n: reply(
        i,
        n,
        "Wie komen er verder nog? Wij in elk geval wel: Bram Schuur en ik.\n\nTess Baas",
        "gmail",
    ),
    decision="attending",
    attendees=[("Bram Schuur", None), ("Tess Baas", "tess.baas@svslochteren.nl")],
)

o = org("Dorpshulp Noordbroek", "Egbert Tamminga", "egbert@dorpshulpnoordbroek.nl")
case(
    "verhinderd_tenzij_datum",
    o,
    lambda i, n: reply(
        i,
        n,
        "Wij zijn op 10 februari verhinderd, tenzij de datum nog zou verschuiven.\n\nEgbert Tamminga",
        "outlook",
    ),
    decision="declined",
    note="declined for this date; the condition only matters if the date moves",
)

o = org("Seniorenbus Scheemda", "Jannie Kuiper", "jannie.kuiper@seniorenbusscheemda.nl")
case(
    "niet_vergeten_aanmelden",
    o,
    lambda i, n: reply(
        i,
        n,
        "Bijna vergeten, maar niet te laat hoop ik: ik meld mij en Harm Vos aan.\n\nJannie Kuiper",
        "samsung",
    ),
    decision="attending",
    attendees=[("Jannie Kuiper", "jannie.kuiper@seniorenbusscheemda.nl"), ("Harm Vos", None)],
)


if __name__ == "__main__":
    write()
