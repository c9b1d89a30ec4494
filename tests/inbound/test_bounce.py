"""Bounces and complaints: addresses, hard/soft; own DSN reader first, flufl.bounce as fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailer.inbound.autoreply import automated
from mailer.inbound.bounce import bounce_kind, read_bounce
from mailer.inbound.classify import read
from mailer.inbound.context import ReadingContext
from mailer.inbound.parse import parse
from mailer.inbound.reading import BounceKind, Kind
from tests.inbound.replies_bench import figures, manifest, raw
from tests.services import corpus


@pytest.mark.parametrize(
    "row", manifest(("bounce_", "complaint_")), ids=lambda row: str(row["file"])
)
def test_own_bounce_corpus(row: dict[str, object]) -> None:
    parsed = parse(raw(row["file"]))
    verdict = automated(parsed, ReadingContext())
    result = read_bounce(parsed, verdict.is_automated, verdict.notice)
    want = row.get("bounce")
    if want is None:
        assert result.bounce is None
        return
    assert result.bounce is not None
    assert result.bounce.kind == want["kind"]  # type: ignore[index]
    assert list(result.bounce.addresses) == want["addresses"]  # type: ignore[index]
    if "status" in want:  # type: ignore[operator]
        assert result.bounce.status == want["status"]  # type: ignore[index]
    assert result.evidence


@pytest.mark.parametrize(
    ("status", "diagnostic", "action", "kind"),
    [
        ("5.1.1", "550 user unknown", "failed", BounceKind.HARD),
        ("5.0.0", "550 No such user here", "failed", BounceKind.HARD),
        ("5.4.4", "", "failed", BounceKind.HARD),
        ("5.1.10", "RESOLVER.ADR.RecipientNotFound", "failed", BounceKind.HARD),
        ("5.2.2", "552 Mailbox full", "failed", BounceKind.SOFT),
        ("5.1.1", "552 mailbox is over quota", "failed", BounceKind.SOFT),
        ("5.7.1", "550 blocked as spam", "failed", BounceKind.SOFT),
        ("5.1.8", "bad sender address", "failed", BounceKind.SOFT),
        ("4.4.1", "Connection timed out", "failed", BounceKind.SOFT),
        ("5.1.1", "", "delayed", BounceKind.SOFT),
        ("", "", "failed", BounceKind.SOFT),
    ],
)
def test_hard_only_when_the_address_is_bad(
    status: str, diagnostic: str, action: str, kind: BounceKind
) -> None:
    assert bounce_kind(status, diagnostic, action) is kind


def test_flufl_is_not_asked_about_human_mail() -> None:
    """flufl.bounce reads talon's comcast reply as a bounce; the gate keeps it away."""
    path = corpus("talon", "fixtures", "standard_replies", "comcast.eml")
    parsed = parse(path.read_bytes())
    verdict = automated(parsed, ReadingContext())
    assert not verdict.is_automated
    assert read_bounce(parsed, verdict.is_automated).bounce is None
    # what would happen without the gate
    assert read_bounce(parsed, True, notice=True).bounce is not None


def test_complaint_takes_the_address_from_the_returned_mail_when_redacted() -> None:
    result = read_bounce(parse(raw("complaint_arf_no_rcpt_to.eml")), True)
    assert result.bounce is not None and result.bounce.kind is BounceKind.COMPLAINT
    assert result.bounce.diagnostic == "abuse"


def test_sisimai_floors() -> None:
    got = figures("sisimai")

    def at_least(label: str, share: float) -> None:
        right, total = got[label]
        assert total and right / total >= share, (label, right, total)

    at_least("sisimai: failure bounces detected", 0.97)  # flufl alone: 467/562 = 0.83
    at_least("sisimai: recipient count equal (of detected)", 0.96)
    at_least("sisimai: hard/soft equal to sisimai hard_bounce", 0.81)
    at_least("sisimai: status class 5/4 equal", 0.96)
    at_least("sisimai: ARF feedback -> complaint", 0.85)
    at_least("sisimai: vacation -> auto_reply", 1.0)
    at_least("sisimai: not/ -> no bounce", 1.0)
    at_least("sisimai: delivered -> no bounce", 1.0)


def test_flufl_corpus_floors() -> None:
    got = figures("flufl")
    assert got["flufl.bounce: detected as bounce"][0] >= 96
    assert got["flufl.bounce: exact address set"][0] >= 89
    assert got["flufl.bounce: delay soft / failure not a delay"][0] >= 94


def test_sisimai_unlabelled_files_never_raise() -> None:
    base = corpus("sisimai-set-of-emails", "maildir", "bsd")
    for path in sorted(Path(base).glob("*.eml")):
        parsed = parse(path.read_bytes())
        read_bounce(parsed, True, notice=True)


def _sisimai(name: str):
    path = corpus("sisimai-set-of-emails", "maildir", "bsd", f"{name}.eml")
    return read(path.read_bytes(), ReadingContext())


@pytest.mark.parametrize(
    ("name", "addresses", "rule"),
    [
        # a multipart/report whose boundary does not match: the DSN fields are in the text
        ("rhost-google-02", ("neko-nyaan@example.org",), "dsn-text:failed"),
        (
            "lhost-messagingserver-03",
            ("sabineko@example.org", "mikeneko@example.org"),
            "dsn-text:failed",
        ),
        # "There was an error delivering your mail to <…>" (DragonFly Mail Agent)
        ("lhost-dragonfly-09", ("filtered@libsisimai.net",), "text:report"),
        # Lotus Notes: the failure reason, then the address on the next line
        ("lhost-notes-03", ("kijitora@example.com",), "text:report"),
        # no recipient named at all: the one address the returned original went to
        ("lhost-verizon-01", ("0000000000@vzwpix.com",), "text:returned-original"),
        # SendGrid's DSN with "Action: expired": given up, a failure
        ("lhost-sendgrid-03", ("kijitora@example.org",), "dsn:failed"),
    ],
)
def test_plain_text_delivery_notices(name: str, addresses: tuple[str, ...], rule: str) -> None:
    reading = _sisimai(name)
    assert reading.kind is Kind.BOUNCE and reading.bounce is not None
    assert reading.bounce.addresses == addresses
    assert rule in [e.rule for e in reading.evidence]


def test_a_person_forwarding_a_bounce_is_not_a_bounce() -> None:
    """The text readers ask only about delivery notices: a forwarded one is a person's mail."""
    assert _sisimai("lhost-sendmail-14").kind is not Kind.BOUNCE


def test_flufl_and_the_text_readers_ask_only_about_delivery_notices() -> None:
    """A success report without a readable DSN part is no failure (flufl.bounce reads one
    as a bounce); the gate's notice is what lets the fallbacks look."""
    path = corpus("sisimai-set-of-emails", "maildir", "bsd", "lhost-x1-02.eml")
    parsed = parse(path.read_bytes())
    assert automated(parsed, ReadingContext()).notice
    assert read_bounce(parsed, True, notice=False).bounce is None
    assert read_bounce(parsed, True, notice=True).bounce is not None


def test_a_policy_code_is_soft_whatever_the_words() -> None:
    assert bounce_kind("5.7.1", "550 5.7.1 User Unknown") is BounceKind.SOFT
    assert bounce_kind("5.1.1", "550 5.1.1 User unknown") is BounceKind.HARD


def test_a_dutch_notice_naming_the_address_above_its_error() -> None:
    """ "kon niet worden afgeleverd", the address, then the server's code on the next line;
    the returned original ("Het oorspronkelijke bericht volgt") is not read for addresses."""
    raw_notice = (
        b"From: postmaster@oudadres.nl\nTo: antwoord+x@antwoord.pleinpost.example\n"
        b"Subject: Niet afgeleverd: Uitnodiging\nMessage-ID: <n1@oudadres.nl>\n\n"
        b"Uw bericht kon niet worden afgeleverd bij de volgende ontvanger(s):\n\n"
        b"    weg@oudadres.nl\n    550 5.1.1 mailbox unavailable\n\n"
        b"------ Het oorspronkelijke bericht volgt ------\n\n"
        b"From: Netwerk <nieuws@pleinpost.example>\nTo: weg@oudadres.nl\n\n"
        b"Antwoord aan: iemand@anders.nl, 550 plaatsen\n"
    )
    reading = read(raw_notice, ReadingContext())
    assert reading.kind is Kind.BOUNCE and reading.bounce is not None
    assert reading.bounce.addresses == ("weg@oudadres.nl",)
