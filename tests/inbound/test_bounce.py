"""Bounces and complaints: addresses, hard/soft; own DSN reader first, flufl.bounce as fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailer.inbound.autoreply import automated
from mailer.inbound.bounce import bounce_kind, read_bounce
from mailer.inbound.context import ReadingContext
from mailer.inbound.parse import parse
from mailer.inbound.reading import BounceKind
from tests.inbound.replies_bench import figures, manifest, raw
from tests.services import corpus


@pytest.mark.parametrize(
    "row", manifest(("bounce_", "complaint_")), ids=lambda row: str(row["file"])
)
def test_own_bounce_corpus(row: dict[str, object]) -> None:
    parsed = parse(raw(row["file"]))
    result = read_bounce(parsed, automated(parsed, ReadingContext()).is_automated)
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
    assert read_bounce(parsed, True).bounce is not None  # what would happen without the gate


def test_complaint_takes_the_address_from_the_returned_mail_when_redacted() -> None:
    result = read_bounce(parse(raw("complaint_arf_no_rcpt_to.eml")), True)
    assert result.bounce is not None and result.bounce.kind is BounceKind.COMPLAINT
    assert result.bounce.diagnostic == "abuse"


def test_sisimai_floors() -> None:
    got = figures("sisimai")

    def at_least(label: str, share: float) -> None:
        right, total = got[label]
        assert total and right / total >= share, (label, right, total)

    at_least("sisimai: failure bounces detected", 0.87)  # flufl alone: 467/562 = 0.83
    at_least("sisimai: recipient count equal (of detected)", 0.96)
    at_least("sisimai: hard/soft equal to sisimai hard_bounce", 0.79)
    at_least("sisimai: status class 5/4 equal", 0.96)
    at_least("sisimai: ARF feedback -> complaint", 0.85)
    at_least("sisimai: vacation -> auto_reply", 1.0)
    at_least("sisimai: not/ -> no bounce", 1.0)


def test_flufl_corpus_floors() -> None:
    got = figures("flufl")
    assert got["flufl.bounce: detected as bounce"][0] >= 94
    assert got["flufl.bounce: exact address set"][0] >= 87
    assert got["flufl.bounce: delay soft / failure not a delay"][0] >= 92


def test_sisimai_unlabelled_files_never_raise() -> None:
    base = corpus("sisimai-set-of-emails", "maildir", "bsd")
    for path in sorted(Path(base).glob("*.eml")):
        parsed = parse(path.read_bytes())
        read_bounce(parsed, True)
