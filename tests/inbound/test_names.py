"""Attendee names: the grammar, exclusions from our store, and who 'ik' is."""

from __future__ import annotations

import pytest

from mailer.inbound.decide import decide
from mailer.inbound.names import Sender, attendees, count_said, find_names, sender_from

KNOWN = ("Stichting Welzijn Oosterend", "Oosterend", "Kerkstraat", "Ilse Verbeek")
SENDER = Sender("Jan Smit", "jan@x.nl")

CASES = [
    ("Wij komen: Anneke Visser en Joost de Wit.", ["Anneke Visser", "Joost de Wit"], 0),
    (
        "Graag aanmelden: mevr. J. Bakker en dhr. P. van der Berg.",
        ["J. Bakker", "P. van der Berg"],
        0,
    ),
    (
        "Mevrouw De Jong en de heer Van Leeuwen komen.",
        ["Mevrouw De Jong", "de heer Van Leeuwen"],
        0,
    ),
    ("Wij komen met Marieke van den Heuvel-Smit.", ["Marieke van den Heuvel-Smit"], 0),
    ("Ik kom met Peter van 't Hof.", ["Jan Smit", "Peter van 't Hof"], 0),
    ("Wij komen met Bart 't Hart en Lies ter Horst.", ["Bart 't Hart", "Lies ter Horst"], 0),
    ("Hierbij meld ik drs. A.M. Verhoeven aan.", ["A.M. Verhoeven"], 0),
    ("Ik kom samen met mijn collega Fatima.", ["Jan Smit", "Fatima"], 0),
    ("I'll bring my colleague Sarah O'Brien.", ["Jan Smit", "Sarah O'Brien"], 0),
    ("Ruth Evans and David McDonald will be there.", ["Ruth Evans", "David McDonald"], 0),
    ("Ik kom zelf.", ["Jan Smit"], 0),
    ("Wij komen met z'n tweeën, in ieder geval Karim El Idrissi.", ["Karim El Idrissi"], 1),
    ("Ik kom met een collega.", ["Jan Smit"], 1),
    ("Ik kan niet, maar mijn collega Els de Boer komt wel.", ["Els de Boer"], 0),
    ("Henk Zwart kan helaas niet, Marian Zwart komt wel.", ["Marian Zwart"], 0),
    ("Beste Ilse, wij komen met Wim Kok.", ["Wim Kok"], 0),
    ("Namens Stichting Welzijn Oosterend komt Gerard Wouters.", ["Gerard Wouters"], 0),
    (
        "Wij komen met Wendy Hulst. Zij rijdt vanaf de Kerkstraat 12 in Oosterend.",
        ["Wendy Hulst"],
        0,
    ),
    ("Bedankt Ilse Verbeek! Ik kom graag.", ["Jan Smit"], 0),
    ("I might be able to come.", ["Jan Smit"], 0),  # maybe, and the writer is the one
    ("Dat zou ik niet willen missen!", ["Jan Smit"], 0),
    ("Yes, put me down for it.", ["Jan Smit"], 0),
    # round 4: the writer behind a double negation; no person in a preposition's phrase
    ("I wouldn't miss it.", ["Jan Smit"], 0),
    ("Daar kan ik geen nee tegen zeggen. Ik kom!", ["Jan Smit"], 0),
    ("Voor het Zorgloket Grijpskerk komt Marco Steenhuis.", ["Marco Steenhuis"], 0),
    ("Wij komen niet met twee maar met één persoon: Tamara Brink.", ["Tamara Brink"], 0),
    # round 5: a name that is also a word, after a colon; "ondergetekende" is the writer;
    # the writer who is unsure is the maybe; the name after "niet" does not come
    (
        "Two of us will attend: Mark Jansen and Priya Raghunathan.",
        ["Mark Jansen", "Priya Raghunathan"],
        0,
    ),
    ("Ben er graag bij met Kees Dijk.", ["Kees Dijk"], 0),
    ("Wij zijn erbij met Karin Lemmens en ondergetekende.", ["Jan Smit", "Karin Lemmens"], 0),
    ("Ik weet het nog niet zeker, ik laat het volgende week weten.", ["Jan Smit"], 0),
    ("Helaas niet Ans Claassen maar Joke Claassen komt mee.", ["Joke Claassen"], 0),
    # round 6: "-steeg" ends surnames; a list number on the next line is no house number;
    # a colleague in brackets; a nickname in brackets; "dhr. Benali" is "dhr. A. Benali"
    ("Harm Versteeg gaat zeker, en ik kom zelf ook.", ["Jan Smit", "Harm Versteeg"], 0),
    (
        "Deelnemers:\n1. Dennis Boogaard\n2. Yasmina Bouzid",
        ["Dennis Boogaard", "Yasmina Bouzid"],
        0,
    ),
    ("Mijn collega (Anouk) en ik komen graag.", ["Jan Smit", "Anouk"], 0),
    ("Aanwezig namens ons: de heer A.C. (Ton) Lagerwey.", ["A.C. Lagerwey"], 0),
    ("Graag meld ik namens dhr. Benali aan: dhr. A. Benali.", ["A. Benali"], 0),
    ("Jan en Daan komen.", ["Jan Smit", "Daan"], 0),  # the writer by first name
    ("Ik weet nog niet of het lukt.", ["Jan Smit"], 0),
]


@pytest.mark.parametrize(("text", "names", "extra"), CASES)
def test_attendees(text: str, names: list[str], extra: int) -> None:
    verdict = decide(text)
    people = attendees(text, verdict.readings, verdict.decision, SENDER, KNOWN)
    assert [a.name for a in people.attendees] == names
    assert people.unnamed_extra == extra


def test_address_next_to_a_name() -> None:
    found = find_names("Aanmelding: Lies ter Horst (lies@x.nl) en Bart Bos <bart@x.nl>.")
    assert [(f.name, f.email) for f in found] == [
        ("Lies ter Horst", "lies@x.nl"),
        ("Bart Bos", "bart@x.nl"),
    ]


def test_the_writer_is_marked_and_gets_the_from_address() -> None:
    verdict = decide("Ik kom graag.")
    people = attendees("Ik kom graag.", verdict.readings, verdict.decision, SENDER)
    assert people.attendees[0].is_sender and people.attendees[0].email == "jan@x.nl"


def test_a_declined_reply_has_no_attendees() -> None:
    text = "Helaas kunnen Piet Bos en ik niet."
    verdict = decide(text)
    assert attendees(text, verdict.readings, verdict.decision, SENDER).attendees == []


def test_sender_name_from_signature_or_from_header() -> None:
    assert (
        sender_from("Met vriendelijke groet,\n\nEls de Boer\nCoördinator", "", "e@x.nl").name
        == "Els de Boer"
    )
    assert sender_from("Groet, Fatima", "Fatima Ouali", "f@x.nl").name == "Fatima Ouali"
    assert sender_from("", "Smit, Jolanda", "j@x.nl").name == "Jolanda Smit"
    assert sender_from("", "", "j@x.nl").name == ""


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Wij komen met z'n tweeën", 2),
        ("met 3 personen", 3),
        ("both of us", 2),
        ("Wij komen", None),
    ],
)
def test_counts(text: str, count: int | None) -> None:
    assert count_said(text) == count


# --- found by the third held-out round (tests/inbound/corpus_heldout/round3) ---------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Wij komen met Ayşe Yıldız en Emre Şahin.", ["Ayşe Yıldız", "Emre Şahin"]),
        ("Ik meld mevrouw T. Aydın en de heer R. Baldewsingh aan.", ["T. Aydın", "R. Baldewsingh"]),
        ("I will be there, with Marieke Oosterhof.", ["Jan Smit", "Marieke Oosterhof"]),
        ("Ik kom wel, maar mijn collega Sanne niet.", ["Jan Smit"]),
        ("Mijn collega Marieke Span stuurde mij de uitnodiging door. Ik wil mij graag aanmelden.",
         ["Jan Smit"]),
        ("Niels Hofman kan toch niet mee. Ik kom wel gewoon.", ["Jan Smit"]),
    ],
)  # fmt: skip
def test_round_three_names(text: str, names: list[str]) -> None:
    verdict = decide(text)
    people = attendees(text, verdict.readings, verdict.decision, SENDER, KNOWN)
    assert sorted(a.name for a in people.attendees) == sorted(names)


def test_shouted_words_are_no_names_and_a_street_still_is_none() -> None:
    assert find_names("WIJ KOMEN MET GERRIT BOS EN PETER VAN DAM") == []
    assert [f.name for f in find_names("Wendy Hulst, vertrek vanaf Lange Nieuwstraat.")] == [
        "Wendy Hulst"
    ]


def test_a_table_row_pairs_its_one_address() -> None:
    found = find_names("Youssef Amrani | Vrijwilliger vervoer | y.amrani@hetbaken.nl")
    assert [(f.name, f.email) for f in found] == [("Youssef Amrani", "y.amrani@hetbaken.nl")]


def test_a_writer_signing_with_a_first_name_gets_the_from_address() -> None:
    text = "Ja, wij komen. Namen: Trijntje van der Veen en Klaas Hummel."
    verdict = decide(text)
    people = attendees(text, verdict.readings, verdict.decision, Sender("Trijntje", "info@x.nl"))
    assert [(a.name, a.email) for a in people.attendees] == [
        ("Trijntje van der Veen", "info@x.nl"),
        ("Klaas Hummel", None),
    ]


def test_an_address_in_a_bracket_with_a_role_or_before_the_name() -> None:
    found = find_names("Wij komen met Piet Smit (penningmeester, p.smit@x.nl) en ik.")
    assert [(f.name, f.email) for f in found] == [("Piet Smit", "p.smit@x.nl")]
    found = find_names("Mijn collega Willeke Bos ook (willeke.bos@x.nl).")
    assert [(f.name, f.email) for f in found] == [("Willeke Bos", "willeke.bos@x.nl")]
    found = find_names("j.vermaat@x.nl (Jos Vermaat) en ik komen.")
    assert [(f.name, f.email) for f in found] == [("Jos Vermaat", "j.vermaat@x.nl")]


def test_the_writer_listed_by_initials_is_the_writer_once() -> None:
    """ "Ik ben erbij." signed "Ing. F.W. Peters" by Frans Peters: one entry, his address."""
    text = "Aanmelding: F.W. Peters en Corrie van Beek."
    verdict = decide(text)
    people = attendees(text, verdict.readings, verdict.decision, Sender("Frans Peters", "f@x.nl"))
    assert [(a.name, a.email) for a in people.attendees] == [
        ("F.W. Peters", "f@x.nl"),
        ("Corrie van Beek", None),
    ]
    other = attendees(text, verdict.readings, verdict.decision, Sender("Gert Peters", "g@x.nl"))
    assert [(a.name, a.email) for a in other.attendees] == [
        ("F.W. Peters", None),
        ("Corrie van Beek", None),
    ]


# --- found by the eighth held-out round (tests/inbound/corpus_heldout/round8) ---------------


def _listed(text: str, sender: Sender = SENDER) -> list[str]:
    verdict = decide(text)
    return [a.name for a in attendees(text, verdict.readings, verdict.decision, sender).attendees]


def test_a_plus_joins_the_writer_to_a_list() -> None:
    """ "ik + Nora Dekker" and "Nora Dekker + ik": the writer comes too, as with "en ik"."""
    assert _listed("Aanmelding: ik + Nora Dekker") == ["Jan Smit", "Nora Dekker"]
    assert _listed("Aanmelding: Nora Dekker + ik") == ["Jan Smit", "Nora Dekker"]
    assert _listed("Aanmelding: Nora Dekker + Ivo Lam") == ["Nora Dekker", "Ivo Lam"]


def test_both_before_a_name_is_no_part_of_it() -> None:
    assert _listed("Both Tessa Moore and I will attend.") == ["Jan Smit", "Tessa Moore"]


def test_the_writer_coming_with_a_number_of_others_counts_the_writer_too() -> None:
    """ "Ik kom met drie chauffeurs": four in all, the writer named, three not yet."""
    for text, names, extra in (
        ("Ik kom met drie chauffeurs, de namen volgen.", ["Jan Smit"], 3),
        ("I will come with two volunteers.", ["Jan Smit"], 2),
        ("Wij komen met twee personen.", [], 2),  # two in all, as before
    ):
        verdict = decide(text)
        people = attendees(text, verdict.readings, verdict.decision, SENDER)
        assert [a.name for a in people.attendees] == names, text
        assert people.unnamed_extra == extra, text


def test_surname_first_lines_of_a_pasted_list() -> None:
    """Two or more "Surname, First name" lines are read as "First name Surname"; a single
    such line stays unread (it may be a place and a name)."""
    text = "Aanmelding:\n\nKorteweg, Lotte\nPutter, Sven de\n"
    assert [f.name for f in find_names(text)] == ["Lotte Korteweg", "Sven de Putter"]
    assert find_names("Aanmelding:\nKorteweg, Lotte\n") == []


# --- review of the round-8 rules ---------------------------------------------------------


def test_place_and_region_lines_are_no_surname_first_list() -> None:
    """ "Capital, Capital" lines outside a list of people stay as they are."""
    signature = "Ja, wij komen.\n\nGroet,\nSanne Kok\nGoes, Zeeland\nVlissingen, Nederland"
    assert [f.name for f in find_names(signature)] == ["Sanne Kok"]
    address = "Wij komen met Sanne Kok.\nBezoekadres:\nAmsterdam, Damrak\nRotterdam, Coolsingel"
    assert [f.name for f in find_names(address)] == ["Sanne Kok"]
    apart = "Aanmelding:\nKorteweg, Lotte\n\nPutter, Sven\n"  # not in a row
    assert [f.name for f in find_names(apart)] == []
    known = "Aanmelding:\nKorteweg, Lotte\nGoes, Anna\n"  # Goes is a place we know
    assert [f.name for f in find_names(known, ["Goes"])] == []
    whole = "Hallo,\n\nKorteweg, Lotte\nPutter, Sven de\n\nGroet,\nLotte"
    assert [f.name for f in find_names(whole)] == ["Lotte Korteweg", "Sven de Putter"]


def test_the_writer_plus_count_needs_to_be_the_only_count() -> None:
    """With another count or another name beside "ik kom met twee ...", the total is not
    certain: the older reading stands and the count is marked unsure."""
    for text in (
        "Ik kom met twee collega's, Anna Bos komt ook.",
        "Wij komen met zes personen; ik kom met twee collega's.",
        "Ik kom met 3 leden en 2 vrijwilligers.",
    ):
        verdict = decide(text)
        people = attendees(text, verdict.readings, verdict.decision, SENDER)
        assert any(e.rule == "count-unsure" for e in people.evidence), text
    verdict = decide("Ik kom met drie vrijwilligers.")
    people = attendees("Ik kom met drie vrijwilligers.", verdict.readings, verdict.decision, SENDER)
    assert people.unnamed_extra == 3
    assert not any(e.rule == "count-unsure" for e in people.evidence)


def test_a_pronoun_is_no_name_but_one_more_person() -> None:
    for text in ("He and I will attend.", "She and I will come.", "Hij en ik komen."):
        verdict = decide(text)
        people = attendees(text, verdict.readings, verdict.decision, SENDER)
        assert [a.name for a in people.attendees] == ["Jan Smit"], text
        assert people.unnamed_extra == 1, text
    text = "Zij en ik komen."  # she, or they: how many is not said
    verdict = decide(text)
    people = attendees(text, verdict.readings, verdict.decision, SENDER)
    assert any(e.rule == "count-unsure" for e in people.evidence)
