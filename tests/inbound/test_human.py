"""The human-reply reader on the corpus of real MIME replies (tests/inbound/corpus/human).

Floors, not hopes: no wrong decision applied, no applied answer with a
wrong attendee list, nothing of the quoted invitation in any reading.
The corpus was written by the same hand as the rules, so these floors show
the rules hold on it; the held-out set is what judges them.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from mailer.inbound import classify
from mailer.inbound.human import read_human
from mailer.inbound.parse import parse
from mailer.inbound.reading import Decision, Kind
from tests.inbound import human_corpus
from tests.inbound.human_cases import CASES
from tests.inbound.human_eval import APPLY_AT, CONTEXT, CORPUS, score

EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))


def test_corpus_is_large_and_matches_its_generator(tmp_path: Path) -> None:
    assert len(EXPECTED) >= 100 and len(CASES) == len(EXPECTED)
    human_corpus.write(tmp_path)
    for name in EXPECTED:
        assert (tmp_path / name).read_bytes() == (CORPUS / name).read_bytes(), name
    assert (tmp_path / "expected.json").read_text() == (CORPUS / "expected.json").read_text()


def test_floors_on_the_corpus() -> None:
    figures = score().figures()
    assert figures.wrong_applied == 0, figures
    assert figures.applied_with_wrong_attendees == 0, figures
    assert figures.kind_right == figures.messages, figures
    assert figures.exact_attendee_rate >= 0.95, figures
    assert figures.abstention_rate <= 0.10, figures


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_nothing_of_the_invitation_leaks(name: str) -> None:
    reading = read_human(parse((CORPUS / name).read_bytes()), CONTEXT)
    case = CASES[int(name[:3]) - 1]
    for marker in human_corpus.LEAK_MARKERS:
        if marker not in case.reply:  # the writer may name an organiser themself
            assert marker not in reading.text, (name, marker)
        assert all(marker not in a.name for a in reading.attendees), (name, marker)
    want = EXPECTED[name]
    if want["decision"] == "unclear" and want["kind"] == "reply":
        assert reading.confidence < APPLY_AT or reading.decision is Decision.UNCLEAR


def test_through_classify_nothing_wrong_is_applied() -> None:
    """The whole reader (calendar, bounce and auto-reply gates first) on the same mail."""
    for name, want in EXPECTED.items():
        reading = classify.read((CORPUS / name).read_bytes(), CONTEXT)
        assert reading.kind in (Kind.REPLY, Kind.UNSUBSCRIBE, Kind.AUTO_REPLY), name
        if reading.kind is Kind.REPLY and reading.confidence >= APPLY_AT:
            assert reading.decision.value == want["decision"], name


def test_unsubscribe_reading_never_carries_an_attending_decision() -> None:
    for name, want in EXPECTED.items():
        if want["kind"] == "unsubscribe":
            reading = read_human(parse((CORPUS / name).read_bytes()), CONTEXT)
            assert reading.kind is Kind.UNSUBSCRIBE
            assert reading.decision in (Decision.UNCLEAR, Decision.DECLINED)


def test_a_long_letter_is_read_but_reviewed() -> None:
    class Long:
        text = "Wij komen met Anneke Visser en Joost de Wit. " + "Verder nog dit. " * 400
        subject = "Re: Uitnodiging"
        from_name = "Jan Smit"
        from_address = "jan@x.nl"

    reading = read_human(Long(), CONTEXT)
    assert reading.decision is Decision.ATTENDING and reading.confidence < APPLY_AT


def test_a_yes_to_a_mail_about_no_event_is_not_applied() -> None:
    """Round 4: "op de vrijwilligersavond kom ik graag" in answer to a newsletter."""

    class Reply:
        text = "Leuke nieuwsbrief! Op de vrijwilligersavond kom ik graag."
        subject = "Re: Nieuwsbrief januari"
        from_name = "Berend Kamstra"
        from_address = "b@x.nl"

    newsletter = replace(CONTEXT, organisation="Zorgvervoer X", event_title=None)
    assert read_human(Reply(), newsletter).confidence < APPLY_AT
    invitation = replace(CONTEXT, organisation="Zorgvervoer X", event_title="Y")
    assert read_human(Reply(), invitation).confidence >= APPLY_AT


def test_a_reply_typed_without_capitals_is_read_but_reviewed() -> None:
    """Round 5: "ja hoor we komen, kees de laat en ik": names are read with capitals only,
    so the list would lose Kees; a person types it in."""

    class Lower:
        text = "ja hoor we komen, kees de laat en ik\ngr. Piet"
        subject = "Re: Uitnodiging"
        from_name = "Piet Hermans"
        from_address = "piet@x.nl"

    reading = read_human(Lower(), CONTEXT)
    assert reading.decision is Decision.ATTENDING and reading.confidence < APPLY_AT

    class LowerSelf:
        text = "ja ik kom\ngr. Piet"
        subject = "Re: Uitnodiging"
        from_name = "Piet Hermans"
        from_address = "piet@x.nl"

    assert read_human(LowerSelf(), CONTEXT).confidence >= APPLY_AT


def test_round_six_signature_block_organisers_and_contact() -> None:
    """A name-and-role paragraph without a greeting is the signature; a person our own
    quoted mail names is no attendee; the invited contact, listed, gets the contact's
    address even when a secretary writes."""

    class Signed:
        text = (
            "Aanmelding:\n\nRenske Mulder <r@x.nl>\nGijs Boer <g@x.nl>\n\nIlse Hoogendoorn\nplanner"
        )
        subject = "Re: Uitnodiging"
        from_name = "Ilse Hoogendoorn"
        from_address = "ilse@x.nl"

    reading = read_human(Signed(), CONTEXT)
    assert sorted(a.name for a in reading.attendees) == ["Gijs Boer", "Renske Mulder"]

    class Thanks:
        text = (
            "Dank, en groet aan Bart Kersten. Ik kom met Stijn Baars.\n\nTineke\n\n"
            "Van: Netwerk <antwoord+x@antwoord.pleinpost.example>\nVerzonden: dinsdag\n"
            "Aan: Tineke Bouwman <t@x.nl>\nOnderwerp: Uitnodiging\n\n"
            "Beste Tineke,\nBart Kersten begeleidt de werkgroepen."
        )
        subject = "Re: Uitnodiging"
        from_name = "Tineke Bouwman"
        from_address = "t@x.nl"

    ours = replace(CONTEXT, our_domains=frozenset({"antwoord.pleinpost.example"}))
    names = sorted(a.name for a in read_human(Thanks(), ours).attendees)
    assert names == ["Stijn Baars", "Tineke Bouwman"]

    class Secretary:
        text = "Graag meld ik aan: dhr. A. Benali en mw. K. Yildiz.\n\nMarieke Smit\nsecretariaat"
        subject = "Re: Uitnodiging"
        from_name = "Marieke Smit"
        from_address = "secretariaat@x.nl"

    contact = replace(CONTEXT, contact_name="Ahmed Benali", contact_email="a.benali@x.nl")
    people = {a.name: a.email for a in read_human(Secretary(), contact).attendees}
    assert people == {"A. Benali": "a.benali@x.nl", "K. Yildiz": None}


def _reply(text: str, name: str = "Piet Hermans") -> object:
    class Reply:
        subject = "Re: Uitnodiging"
        from_name = name
        from_address = "piet@x.nl"

    Reply.text = text  # type: ignore[attr-defined]
    return Reply()


def test_round_seven_self_unnamed_and_lists() -> None:
    """Round 7: "ik meld mezelf aan" lists the writer; "een van onze chauffeurs" is one
    more, unnamed; "I'm not sure yet whether I can make it" is the writer's maybe; a heading
    over names with "ik ben er zelf niet bij" after it is a yes for the names only; a lone
    first name in a reply that speaks of a surname is reviewed."""
    cases = {
        "Ik meld mezelf aan, en mijn collega Els Brink gaat ook mee.\n\nPiet Hermans": (
            ["Els Brink", "Piet Hermans"],
            0,
            Decision.ATTENDING,
        ),
        "Ik kom en neem een van onze chauffeurs mee.\n\nPiet Hermans": (
            ["Piet Hermans"],
            1,
            Decision.ATTENDING,
        ),
        "I'm not sure yet whether I can make it.\n\nPiet Hermans": (
            ["Piet Hermans"],
            0,
            Decision.MAYBE,
        ),
        "Aanmelding:\nEls Brink\nJan Dorst\n\nIk ben er zelf helaas niet bij.\n\nPiet": (
            ["Els Brink", "Jan Dorst"],
            0,
            Decision.ATTENDING,
        ),
        "Joost Wiggers and I will both be there.\n\nPiet Hermans": (
            ["Joost Wiggers", "Piet Hermans"],
            0,
            Decision.ATTENDING,
        ),
    }
    for text, (names, unnamed, decision) in cases.items():
        reading = read_human(_reply(text), CONTEXT)  # type: ignore[arg-type]
        assert reading.decision is decision and reading.confidence >= APPLY_AT, text
        assert sorted(a.name for a in reading.attendees) == names, text
        assert reading.unnamed_extra == unnamed, text
    # the no after the list is about "wij", or comes first: a person reads it
    for text in (
        "Aanmelding:\nEls Brink\n\nWij zijn er zelf helaas niet bij.",
        "Ik ben er zelf niet bij.\nAanmelding:\nEls Brink",
    ):
        assert read_human(_reply(text), CONTEXT).confidence < APPLY_AT, text  # type: ignore[arg-type]
    surname = "Mijn collega Sarita en ik komen. Sarita's achternaam is Mahabier.\n\nPiet Hermans"
    assert read_human(_reply(surname), CONTEXT).confidence < APPLY_AT  # type: ignore[arg-type]


def _mail(text: str, subject: str = "Re: Uitnodiging", name: str = "Piet Hermans") -> object:
    class Reply:
        from_name = name
        from_address = "piet@x.nl"

    Reply.text = text  # type: ignore[attr-defined]
    Reply.subject = subject  # type: ignore[attr-defined]
    return Reply()


def test_round_eight_a_bare_list_under_a_heading_is_attending() -> None:
    """Round 8: a greeting, a heading ("Voor de avond:") or a table header, then one name
    a line (bullets, addresses, "(ik)") is the list the invitation asked for."""
    cases = {
        "Hallo,\n\nVoor de avond:\n* Piet Hermans (ik)\n* Lieke Dam\n": [
            "Lieke Dam",
            "Piet Hermans",
        ],
        "Namen:\n1. Rosa Vink\n2. Bart Kuiper\n": ["Bart Kuiper", "Rosa Vink"],
        "Naam | E-mail\nRosa Vink | rosa@vink.nl\nBart Kuiper | bart@k.nl\n": [
            "Bart Kuiper",
            "Rosa Vink",
        ],
    }
    for text, names in cases.items():
        reading = read_human(_mail(text), CONTEXT)  # type: ignore[arg-type]
        assert reading.decision is Decision.ATTENDING and reading.confidence >= APPLY_AT, text
        assert sorted(a.name for a in reading.attendees) == names, text
    # doubt, a negation, a question, prose, no heading, or a forward: never a plain yes
    for text, subject in (
        ("Voor de avond:\n- Rosa Vink (misschien)\n- Bart Kuiper", "Re: Uitnodiging"),
        ("Voor de avond:\n- Rosa Vink\n- Bart Kuiper niet", "Re: Uitnodiging"),
        ("Voor de avond:\n- Rosa Vink\n- Bart Kuiper?", "Re: Uitnodiging"),
        ("Voor de avond:\n- Rosa Vink\n- Bart Kuiper belt u nog", "Re: Uitnodiging"),
        ("Rosa Vink\nBart Kuiper", "Re: Uitnodiging"),
        ("Voor de avond:\n- Rosa Vink\n- Bart Kuiper", "FW: Uitnodiging"),
    ):
        reading = read_human(_mail(text, subject), CONTEXT)  # type: ignore[arg-type]
        applied_yes = reading.decision is Decision.ATTENDING and reading.confidence >= APPLY_AT
        assert not applied_yes, text


def test_round_eight_a_body_pointing_at_the_subject_reads_the_subject() -> None:
    subject = "Aanmelding: Rosa Vink en Bart Kuiper"
    reading = read_human(_mail("Zie onderwerp.", subject), CONTEXT)  # type: ignore[arg-type]
    assert reading.decision is Decision.ATTENDING and reading.confidence >= APPLY_AT
    assert sorted(a.name for a in reading.attendees) == ["Bart Kuiper", "Rosa Vink"]
    plain = read_human(_mail("Zie onderwerp.", "Re: Uitnodiging"), CONTEXT)  # type: ignore[arg-type]
    assert plain.decision is Decision.UNCLEAR


def test_round_eight_a_maybe_of_one_of_us_nobody_named_is_reviewed() -> None:
    """ "Misschien gaat iemand van ons": who and whether are both open; "Wij komen
    misschien" is the organisation's own maybe and still applied."""
    vague = read_human(_mail("Misschien gaat iemand van ons, we overleggen nog."), CONTEXT)  # type: ignore[arg-type]
    assert vague.decision is Decision.MAYBE and vague.confidence < APPLY_AT
    ours = read_human(_mail("Wij komen misschien, dat hangt af van de planning."), CONTEXT)  # type: ignore[arg-type]
    assert ours.decision is Decision.MAYBE and ours.confidence >= APPLY_AT


# --- review of the round-8 rules: a bare list, the subject, the count ---------------------


def _applied_yes(text: str, subject: str = "Re: Uitnodiging") -> bool:
    reading = read_human(_mail(text, subject), CONTEXT)  # type: ignore[arg-type]
    return reading.decision is Decision.ATTENDING and reading.confidence >= APPLY_AT


def test_a_bare_list_is_no_yes_when_the_subject_says_no() -> None:
    """The names may be the people who send their regrets: the subject tells."""
    body = "Namen:\nSanne Kok\nWouter de Graaf"
    for subject in ("Afmelding", "Wij kunnen helaas niet", "Re: Sorry, wij zijn er niet"):
        assert not _applied_yes(body, subject), subject
    assert _applied_yes(body, "Re: Uitnodiging ontmoetingsmiddag")


def test_a_greeting_line_saying_more_than_hello_is_read() -> None:
    """ "Beste Anna, onderstaande collega's blijven thuis:" is an answer, not a hello."""
    for text in (
        "Beste Anna, onderstaande collega's blijven thuis:\nNamen:\nSanne Kok\nWouter de Graaf",
        "Hallo, wij zijn er helaas allemaal afwezig\nNamen:\nSanne Kok\nWouter de Graaf",
    ):
        assert not _applied_yes(text), text
    for greeting in ("Beste Anna,", "Hallo allemaal,", "Geachte mevrouw De Vries,", "Hoi!"):
        text = f"{greeting}\n\nVoor de netwerkbijeenkomst:\n- Sanne Kok\n- Wouter de Graaf"
        assert _applied_yes(text), greeting


def test_a_list_heading_must_name_the_occasion() -> None:
    for heading in ("Voor de thuisblijvers:", "Voor de afwezigen:", "Voor de afmeldingen:"):
        assert not _applied_yes(f"{heading}\n- Sanne Kok\n- Wouter de Graaf"), heading
    for heading in ("Voor de ontmoetingsmiddag:", "For the workshop:", "Voor onze netwerkdag:"):
        assert _applied_yes(f"{heading}\n- Sanne Kok\n- Wouter de Graaf"), heading


def test_regret_in_a_bracket_stops_a_bare_list() -> None:
    for note in ("afwezig", "helaas", "sorry", "unable", "kan er niet zijn", "afgezegd"):
        text = f"Voor de avond:\n- Sanne Kok ({note})\n- Wouter de Graaf"
        assert not _applied_yes(text), note


def test_see_subject_reads_only_a_subject_without_reply_prefix() -> None:
    """ "Re: ..." is our own subject or another writer's, never this writer's answer."""
    for prefix in ("Re:", "RE:", "AW:", "Antw:", "Antwoord:", "SV:", "VS:", "FW:"):
        subject = f"{prefix} Aanmelding: Sanne Kok en Wouter de Graaf"
        assert not _applied_yes("Zie onderwerp.", subject), subject
    assert _applied_yes("Zie onderwerp.", "Aanmelding: Sanne Kok en Wouter de Graaf")


def test_the_writer_plus_a_number_next_to_another_count_goes_to_review() -> None:
    for text in (
        "Ik kom met twee collega's, Sanne Kok komt ook.",
        "Wij komen met zes personen; ik kom met twee collega's.",
        "Ik kom met 3 leden en 2 vrijwilligers.",
    ):
        assert not _applied_yes(text), text
    assert _applied_yes("Ik kom met twee vrijwilligers, de namen volgen.")
