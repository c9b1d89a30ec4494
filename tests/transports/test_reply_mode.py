"""The rule that picks a batch's reply mode, and the campaign-level reply address."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mailer.campaigns import CampaignKind
from mailer.message import ANSWERED_KINDS, Address, Batch, ReplyMode, reply_mode_for
from tests.transports.conftest import prepared, recipient


@pytest.mark.parametrize(
    ("kind", "mode"),
    [
        ("invitation", ReplyMode.PER_RECIPIENT),
        ("reminder", ReplyMode.PER_RECIPIENT),
        ("programme", ReplyMode.PER_RECIPIENT),
        ("update", ReplyMode.PER_RECIPIENT),
        ("cancellation", ReplyMode.PER_RECIPIENT),
        ("newsletter", ReplyMode.GROUPED),
        ("", ReplyMode.GROUPED),
        ("something-new", ReplyMode.GROUPED),
    ],
)
def test_mail_that_expects_answers_goes_per_recipient(kind: str, mode: ReplyMode) -> None:
    assert reply_mode_for(kind) is mode


def test_every_campaign_kind_has_a_deliberate_mode() -> None:
    """A new kind must be placed on purpose: only the newsletter is grouped."""
    kinds = {k.value for k in CampaignKind}
    assert kinds >= ANSWERED_KINDS
    assert kinds - ANSWERED_KINDS == {"newsletter"}


def test_the_kind_comes_from_render_or_from_the_first_category() -> None:
    """render puts the template name first in the categories; an explicit kind wins."""
    message = prepared()  # categories ("newsletter", "campaign-7")
    assert message.kind == "newsletter"
    invite = replace(message, kind="", categories=("invitation", "campaign-8"))
    assert invite.kind == "invitation"
    assert replace(message, kind="reminder").kind == "reminder"
    assert replace(message, kind="", categories=()).kind == ""


def test_the_batch_carries_the_mode() -> None:
    invite = replace(prepared(), kind="invitation")
    assert Batch(invite, [recipient(1)]).reply_mode is ReplyMode.PER_RECIPIENT
    assert Batch(prepared(), [recipient(1)]).reply_mode is ReplyMode.GROUPED
    forced = Batch(invite, [recipient(1)], ReplyMode.GROUPED)
    assert forced.reply_mode is ReplyMode.GROUPED


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("antwoord+abc234@antwoord.example", "antwoord@antwoord.example"),
        ("antwoord+a+b@antwoord.example", "antwoord@antwoord.example"),
        ("antwoord@antwoord.example", "antwoord@antwoord.example"),
        ("+abc@antwoord.example", "+abc@antwoord.example"),  # no base to keep
        ("not-an-address", "not-an-address"),
    ],
)
def test_without_tag(email: str, expected: str) -> None:
    assert Address(email, "Netwerk").without_tag() == Address(expected, "Netwerk")
