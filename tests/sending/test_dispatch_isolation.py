"""Nothing one campaign does stops another: a campaign that cannot start, or whose mail
cannot be made, is paused with a note, and every other due campaign goes out in the
same pass (in process, and through `mailer tick` as cron runs it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from mailer import campaigns, outbox, reasons
from mailer.campaigns import Campaign, CampaignKind
from mailer.outbox import Delivery
from mailer.reasons import Code
from mailer.sending.dispatch import start_due
from subscribers import segments
from subscribers.sqltypes import utcnow
from tests.factories import network, newsletter, send_once
from tests.mailbox import per_recipient

MAILER = Path(sys.executable).parent / "mailer"


def _set(engine, campaign_id: int, column: str, value: object) -> None:
    """Change a campaign behind the application's back, as bad data or a slip would."""
    with engine.begin() as conn:
        conn.execute(
            text(f"UPDATE campaign SET {column} = :v WHERE id = :id"),
            {"v": value, "id": campaign_id},
        )


def _campaign(engine, cid: int) -> Campaign:
    with Session(engine) as s:
        c = s.get(Campaign, cid)
        assert c is not None
        return c


def _with_saved_segment(engine, now) -> int:
    """A newsletter to a saved segment, scheduled now; then the segment row is deleted
    by SQL (the CLI refuses to delete a segment in use, the database does not)."""
    with Session(engine) as s:
        segments.save_segment(s, "noord", segments.Rule.build(regions=["Noord"]))
        c = campaigns.create(s, kind=CampaignKind.NEWSLETTER, subject="Noord", segments=["noord"])
        campaigns.schedule(s, c.id, now)
        s.commit()
        cid = c.id
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM segment WHERE name = 'noord'"))
    return cid


@pytest.fixture
def recipients(engine) -> int:
    with Session(engine) as s:
        ids = network(s, initiatives=1, contacts_per_org=2)
    return len(ids["contacts"])


def test_a_deleted_segment_pauses_its_campaign_and_the_other_starts(engine, settings, recipients):
    now = utcnow()
    broken = _with_saved_segment(engine, now)
    good = newsletter(engine, now)
    stats = send_once(engine, settings, now)
    assert stats.sent == recipients and good in stats.finished
    assert stats.paused == [broken]
    assert "segment noord bestaat niet meer" in stats.notes[broken]  # Dutch, the default
    c = _campaign(engine, broken)
    assert c.status == "paused" and c.started_at is None
    assert reasons.decode(c.note) == (Code.SEGMENT_MISSING, {"segment": "noord"})
    with Session(engine) as s:
        assert not outbox.has_deliveries(s, broken)  # the failed start left nothing behind
    # the fix the note asks for: the segment again, resume, and it goes out
    with Session(engine) as s:
        segments.save_segment(s, "noord", segments.Rule.build(regions=["Noord"]))
        campaigns.resume(s, broken)
        s.commit()
    assert _campaign(engine, broken).status == "scheduled"
    again = send_once(engine, settings, utcnow())
    assert again.sent == recipients and broken in again.finished


def test_bad_data_at_start_pauses_only_that_campaign(engine, settings, recipients):
    now = utcnow()
    first = newsletter(engine, now)
    broken = newsletter(engine, now)
    last = newsletter(engine, now)
    _set(engine, broken, "audience", "nobody-knows")
    reports = {r.campaign_id: r for r in start_due(engine, settings, now)}
    assert reports[first].started and reports[last].started
    assert reports[broken].paused and not reports[broken].started
    assert "kon niet starten" in reports[broken].note and "ValueError" in reports[broken].note
    assert reasons.is_code(_campaign(engine, broken).note, Code.START_FAILED)


@pytest.mark.parametrize(
    "content",
    [
        "{{ ''.__class__.__mro__ }}",  # not allowed in the sandbox
        "{% include 'layout.mjml' %}",  # another template: refused, never a traceback
        "{{ 9 ** 99999 }}",  # a number too big to make
        "{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}",
        "{{ 'x' * 300000000 }}",
    ],
    ids=["escape", "include", "power", "nested-range", "huge-string"],
)
def test_content_that_fails_in_the_sandbox_pauses_and_the_other_is_sent(engine, settings, content):
    """Written straight into the row (an old campaign, or validation bypassed): the send
    loop still pauses it with its rows back in the queue, within the sandbox's limits."""
    with Session(engine) as s:
        network(s, initiatives=2, contacts_per_org=2)  # 6 recipients
    now = utcnow()
    broken = newsletter(engine, now)
    good = newsletter(engine, now)
    _set(engine, broken, "content", content)
    stats = send_once(engine, settings, now)
    assert stats.sent == 6 and stats.finished == [good] and stats.paused == [broken]
    assert "de mail kon niet gemaakt worden" in stats.notes[broken]
    with Session(engine) as s:
        tally = outbox.counts(s, broken)
        rows = list(s.exec(select(Delivery).where(Delivery.campaign_id == broken)))
    # its claimed rows went back to the queue, untried
    assert tally["queued"] == 6 and tally["sending"] == 0
    assert {r.attempts for r in rows} == {0} and {r.lease_until for r in rows} == {None}
    assert _campaign(engine, broken).status == "paused"
    assert all(n == 1 for n in per_recipient(settings.maildir).values())


def test_bad_data_in_the_drain_pauses_only_that_campaign(engine, settings, recipients):
    now = utcnow()
    broken = newsletter(engine, now)
    good = newsletter(engine, now)
    start_due(engine, settings, now)  # both started and snapshotted
    _set(engine, broken, "kind", "mystery")  # the mail cannot be made for an unknown kind
    stats = send_once(engine, settings, now)
    assert stats.sent == recipients and stats.finished == [good] and stats.paused == [broken]
    note = _campaign(engine, broken).note
    assert reasons.is_code(note, Code.RENDER_FAILED)
    with Session(engine) as s:
        assert outbox.counts(s, broken)["queued"] == recipients


def _tick(settings, *args: str, language: str | None = None) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "MAILER_DATABASE_URL": settings.db_url,
        "MAILER_DATA_DIR": str(settings.data_dir),
        "MAILER_SECRET_KEY": settings.secret_key,
    }
    env.pop("MAILER_LANGUAGE", None)
    env.pop("MAILER_TRANSPORT", None)
    if language:
        env["MAILER_LANGUAGE"] = language
    return subprocess.run(
        [str(MAILER), "tick", *args], env=env, capture_output=True, text=True, timeout=300
    )


def test_tick_exits_0_with_a_warning_naming_the_paused_campaign(engine, settings, recipients):
    now = utcnow()
    broken = _with_saved_segment(engine, now)
    good = newsletter(engine, now)
    result = _tick(settings)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert f"Campagne {good} gestart" in result.stdout
    warning = f"Waarschuwing: campagne {broken}: gepauzeerd: segment noord bestaat niet meer;"
    assert warning in result.stdout
    assert result.stderr == ""
    assert len(per_recipient(settings.maildir)) == recipients


def test_tick_json_and_english_name_the_paused_campaign_with_its_note(engine, settings, recipients):
    now = utcnow()
    broken = newsletter(engine, now)
    _set(engine, broken, "content", "{{ ''.__class__.__mro__ }}")
    english = _tick(settings, language="en")
    assert english.returncode == 0, english.stderr
    assert f"Warning: campaign {broken}: paused: the mail could not be made" in english.stdout
    with Session(engine) as s:
        campaigns.resume(s, broken)
        s.commit()
    result = _tick(settings, "--json", language="en")
    assert result.returncode == 0, result.stderr
    import json

    report = json.loads(result.stdout)
    assert [p["id"] for p in report["paused"]] == [broken]
    assert report["paused"][0]["note"].startswith("paused: the mail could not be made")
