"""The gate: automated mail is recognised by headers, structure, subject and body, people pass."""

from __future__ import annotations

import pytest

from mailer.inbound.autoreply import automated
from mailer.inbound.context import ReadingContext
from mailer.inbound.parse import parse
from mailer.inbound.reading import Kind
from tests.inbound.replies_bench import manifest, raw

CONTEXT = ReadingContext(
    our_domains=frozenset({"antwoord.pleinpost.nl"}),
    our_addresses=frozenset({"uitnodiging@netwerk-ijsselvallei.nl"}),
)
AUTOMATED = ("oof_", "autoreply_", "receipt_", "list_", "noreply_")


@pytest.mark.parametrize("row", manifest(AUTOMATED), ids=lambda row: str(row["file"]))
def test_own_automated_corpus(row: dict[str, object]) -> None:
    verdict = automated(parse(raw(row["file"])), CONTEXT)
    assert verdict.is_automated
    assert verdict.kind == row["kind"]
    assert verdict.evidence


@pytest.mark.parametrize("row", manifest(("human_",)), ids=lambda row: str(row["file"]))
def test_people_pass_the_gate(row: dict[str, object]) -> None:
    assert not automated(parse(raw(row["file"])), CONTEXT).is_automated


def mail(subject: str, body: str, headers: str = "") -> bytes:
    head = f"From: Els de Boer <els@buurt.nl>\nTo: a@antwoord.pleinpost.nl\nSubject: {subject}\n"
    return f"{head}{headers}\n{body}\n".encode()


@pytest.mark.parametrize(
    ("headers", "rule"),
    [
        ("Auto-Submitted: auto-replied\n", "header:auto-submitted"),
        ("X-Autoreply: yes\n", "header:x-autoreply"),
        ("X-Autorespond: Afwezig\n", "header:x-autorespond"),
        ("Precedence: bulk\n", "header:precedence-bulk"),
        ("Precedence: junk\n", "header:precedence-junk"),
        ("Precedence: list\n", "header:precedence-list"),
        ("X-Auto-Response-Suppress: All\n", "header:x-auto-response-suppress"),
        ("Return-Path: <>\n", "header:null-return-path"),
        ("List-Id: <buren.lists.example.nl>\n", "list:list-id"),
        ("List-Unsubscribe: <https://andere-organisatie.nl/af>\n", "list:list-unsubscribe"),
    ],
)
def test_header_rules(headers: str, rule: str) -> None:
    verdict = automated(parse(mail("Re: Uitnodiging", "Ja, ik kom.", headers)), CONTEXT)
    assert verdict.is_automated
    assert rule in {e.rule for e in verdict.evidence}


def test_people_headers_that_look_automated_are_not() -> None:
    headers = "Auto-Submitted: no\nX-Auto-Response-Suppress: DR, RN, NRN\nList-Unsubscribe: <https://antwoord.pleinpost.nl/u/x>\n"
    assert not automated(
        parse(mail("Re: Uitnodiging", "Ja, ik kom.", headers)), CONTEXT
    ).is_automated


@pytest.mark.parametrize(
    "subject",
    [
        "Automatisch antwoord: Uitnodiging",
        "Automatic reply: x",
        "Afwezig",
        "Afwezig tot 3 juni",
        "Out of Office: x",
        "Niet aanwezig: x",
        "Afwezigheidsmelding",
    ],
)
def test_subject_rules(subject: str) -> None:
    verdict = automated(parse(mail(subject, "Tot dan.")), CONTEXT)
    assert verdict.kind is Kind.AUTO_REPLY


@pytest.mark.parametrize(
    "subject",
    [
        "Afwezig bij de bijeenkomst van 28 mei",
        "Re: Afwezigheid Jan",
        "Read the agenda",
        "Gelezen: uitnodiging",
    ],
)
def test_subjects_people_write_are_not_auto(subject: str) -> None:
    assert not automated(
        parse(mail(subject, "Helaas kan ik er niet bij zijn.")), CONTEXT
    ).is_automated


@pytest.mark.parametrize(
    "body",
    [
        "Ik ben afwezig tot 14 maart. Uw e-mail wordt niet doorgestuurd.",
        "Ik ben tot en met vrijdag 5 juni met vakantie. Voor dringende zaken: bel 0570-123456.",
        "Thank you for your email. I am on annual leave until 3 June with limited access to email.",
        "Ik ben tot 12 oktober op reis en heb beperkt toegang tot mijn e-mail.",
        "Dit e-mailadres wordt niet meer gelezen. Stuur uw bericht voortaan naar info@x.nl.",
        "This mailbox is no longer monitored.",
    ],
)
def test_out_of_office_bodies_without_headers(body: str) -> None:
    verdict = automated(parse(mail("Re: Uitnodiging", body)), CONTEXT)
    assert verdict.kind is Kind.AUTO_REPLY
    assert "body:out-of-office" in {e.rule for e in verdict.evidence}


@pytest.mark.parametrize(
    "body",
    [
        "Ik ben tot 30 mei met vakantie, dus ik kan helaas niet komen.",
        "Ik ben afwezig tot 14 maart, maar daarna kom ik graag naar de bijeenkomst.",
        "I am on leave until 3 June, so I can't attend, sorry.",
        "Ja, ik kom. Tot dan!",
    ],
)
def test_a_person_mentioning_absence_is_not_an_out_of_office(body: str) -> None:
    assert not automated(parse(mail("Re: Uitnodiging", body)), CONTEXT).is_automated


def test_mail_from_ourselves_is_recognised() -> None:
    data = (
        b"From: Netwerk <uitnodiging@netwerk-ijsselvallei.nl>\nSubject: Uitnodiging\n\nTot ziens.\n"
    )
    verdict = automated(parse(data), CONTEXT)
    assert "sender:ourselves" in {e.rule for e in verdict.evidence}


@pytest.mark.parametrize(
    "body",
    [
        "Uw bericht is ontvangen onder nummer 4821.\n\nDit is een automatisch gegenereerd bericht.",
        "We received your message.\n\nThis is an automated message, please do not reply.",
    ],
)
def test_mail_that_says_it_is_automated(body: str) -> None:
    verdict = automated(parse(mail("Uw bericht is ontvangen", body)), CONTEXT)
    assert verdict.kind is Kind.AUTO_REPLY
    assert "body:says-automated" in {e.rule for e in verdict.evidence}


def test_a_person_quoting_an_automated_mail_is_a_person() -> None:
    body = (
        "Wij komen met Anna Bos.\n\nOp 3 mei 2026 om 10:00 schreef Portaal <p@x.nl>:\n"
        "> Dit is een automatisch gegenereerd bericht.\n"
    )
    assert not automated(parse(mail("Re: Uitnodiging", body)), CONTEXT).is_automated


def test_an_out_of_office_saying_ik_ben_er_niet_without_headers() -> None:
    """Round 4: "Ik ben er tot 1 februari niet." under a plain "Re:" subject."""
    body = "Hallo,\n\nIk ben er tot 1 februari niet. Uw mail wordt niet doorgestuurd.\n\nNynke"
    verdict = automated(parse(mail("Re: Uitnodiging", body)), CONTEXT)
    assert verdict.kind is Kind.AUTO_REPLY
    person = "Ik ben er op 10 februari niet bij, helaas. Volgende keer graag."
    assert not automated(parse(mail("Re: Uitnodiging", person)), CONTEXT).is_automated
