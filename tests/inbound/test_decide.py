"""Attending / declined / maybe from a trimmed reply: idioms, negation scope,
the traps, the mailto: button subjects, and abstention."""

from __future__ import annotations

import pytest

from mailer.inbound.decide import (
    SUBJECT_NO,
    SUBJECT_SEPARATOR,
    SUBJECT_YES,
    decide,
    subject_button,
)
from mailer.inbound.reading import Decision
from mailer.render.answers import ANSWER_NO_SUBJECT, ANSWER_YES_SUBJECT

A, D, M, U = Decision.ATTENDING, Decision.DECLINED, Decision.MAYBE, Decision.UNCLEAR
APPLY = 0.8

# (text, decision, applied automatically?)
CASES = [
    ("Wij komen met z'n tweeën: Anneke Visser en Joost de Wit.", A, True),
    ("Ik kom graag.", A, True),
    ("Zet mij maar op de lijst.", A, True),
    ("Wij zijn van de partij!", A, True),
    ("Dat zou ik niet willen missen!", A, True),
    ("Nee hoor, ik kom gewoon.", A, True),
    ("Ik kom niet alleen, ik neem mijn collega mee.", A, True),
    ("Ik kan helaas niet, maar mijn collega Els de Boer komt wel.", A, True),
    ("Sorry I can't, but Tom will come instead.", A, True),
    ("Count me in!", A, True),
    ("Hierbij meld ik mevr. J. Bakker aan.", A, True),
    ("Helaas kunnen wij er niet bij zijn.", D, True),
    ("Wij zijn die avond verhinderd.", D, True),
    ("Ik meld ons af voor de bijeenkomst.", D, True),
    ("We slaan deze keer over.", D, True),
    ("I'll have to pass this time.", D, True),
    ("Ik kom toch niet.", D, True),
    ("Mijn agenda zit die week helaas vol.", D, True),
    ("Er kan niemand van ons komen.", D, True),
    ("Ik kom misschien.", M, True),
    ("Onder voorbehoud kom ik.", M, True),
    ("Not sure yet, I might join.", M, True),
    # abstentions: below the threshold whatever the proposal
    ("Ja, helaas kan ik niet.", D, False),
    ("Eerder gaf ik aan niet te kunnen, maar nu kan ik toch wel.", A, True),
    ("Ik kom, tenzij er iets tussenkomt.", U, False),
    ("Is er parkeergelegenheid?", U, False),
    ("Mogen we met drie mensen komen? Dan komen Piet en Els.", A, False),
    ("Bedankt voor de uitnodiging!", U, False),
    ("Ik ben afwezig tot en met 25 mei.", U, False),
    ("Ja", A, False),
    ("", U, False),
    ("Ik stuur dit door naar onze coördinator.", U, False),
    # rules added after the held-out set (tests/inbound/corpus_heldout)
    ("Ik ben daar niet de aangewezen persoon voor.", U, False),  # "ben niet" is no decline
    ("Hierbij meld ik ons af.", D, True),
    ("Nee, sorry.", D, True),  # two interjections that agree
    ("Het lukt ons nu niet, een andere keer graag.", D, True),  # another occasion says nothing
    ("We'd be delighted to join.", A, True),
    ("Ik ga namens de stichting.", A, True),
    ("Helaas zijn wij niet beschikbaar.", D, True),
    ("None of us is available.", D, True),
    ("We will have to give it a miss.", D, True),
    ("I have another commitment that evening.", D, True),
    ("Ik zit die dag op een congres in Zwolle.", D, True),
    ("Saskia komt namens ons, ik heb zelf geen tijd.", A, True),  # the writer's no comes after
    ("Saskia komt, ik kom toch niet.", U, False),  # a revision: whose no? a person reads it
    ("Eerst niet, maar nu kunnen we toch wel komen.", A, True),  # "toch wel komen" is one clause
    ("Pencil us in, please.", A, True),
]


@pytest.mark.parametrize(("text", "decision", "applied"), CASES)
def test_decision(text: str, decision: Decision, applied: bool) -> None:
    verdict = decide(text)
    assert verdict.decision is decision
    assert (verdict.confidence >= APPLY) is applied, verdict.evidence
    assert verdict.evidence[-1].step == "decide"


def test_the_buttons_subjects_are_the_templates_own() -> None:
    """The English "no" button writes "Sorry, we can't come: <title>"."""
    for known, made in ((SUBJECT_YES, ANSWER_YES_SUBJECT), (SUBJECT_NO, ANSWER_NO_SUBJECT)):
        assert {k: v + SUBJECT_SEPARATOR + "{title}" for k, v in known.items()} == made
    assert subject_button("Sorry, we can't come: Transport café") is D
    assert decide("", "Sorry, we can't come: Transport café").decision is D


def test_a_forwarded_calendar_subject_is_no_answer() -> None:
    assert decide("Ter info.", "FW: Geaccepteerd: Werkmiddag").decision is U
    assert decide("", "Geaccepteerd: Werkmiddag").decision is A


def test_button_subjects_are_read_with_certainty() -> None:
    yes = decide("Marcel Wind\nEsther Wind", f"Re: {SUBJECT_YES['nl']}: Werkmiddag")
    assert yes.decision is A and yes.confidence >= 0.95
    no = decide("", f"{SUBJECT_NO['nl']}: Werkmiddag")
    assert no.decision is D and no.confidence >= 0.95
    assert subject_button(f"AW: {SUBJECT_YES['en']}: Round table") is A


def test_a_button_contradicted_by_the_words_abstains() -> None:
    verdict = decide("Verkeerde knop: wij kunnen helaas niet komen.", f"{SUBJECT_YES['nl']}: X")
    assert verdict.decision is U and verdict.confidence < APPLY


def test_an_addition_is_marked() -> None:
    verdict = decide("Graag nog een collega erbij: Marco Huisman.")
    assert verdict.decision is A and verdict.addition


def test_calendar_client_subjects_only_when_the_body_says_nothing() -> None:
    assert decide("", "Geaccepteerd: Werkmiddag").decision is A
    assert decide("", "Uitnodiging geweigerd: Werkmiddag").decision is D
    assert decide("Ik kan toch niet.", "Geaccepteerd: Werkmiddag").decision is D


def test_round_three_decisions() -> None:
    # "can't promise" is no decline: to review rather than a wrong no
    assert decide("I would like to come but can't promise anything yet.").decision is not (
        Decision.DECLINED
    )
    assert decide("Aanvulling op mijn vorige mail: mijn collega Niels komt ook mee.").addition
    verdict = decide("Kleine wijziging: Niels Hofman kan toch niet mee. Ik kom wel gewoon.")
    assert verdict.decision is Decision.ATTENDING and verdict.confidence >= 0.8
    # a no said by "wij" is never overruled by a yes
    assert decide("Niels kan niet, dus wij komen niet. Ik kom wel.").confidence < 0.8
