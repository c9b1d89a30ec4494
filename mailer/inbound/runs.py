"""One import or one poll, end to end: store everything first, then process what was stored.

Both end in the same :class:`Report`, the figures of ``mailer inbound import
--json`` and ``poll --json``. Storing runs to the end before processing
starts, so a reader that crashes cannot keep a message from being stored.
After processing, the automatic answers the applier recorded (confirmations,
declines, "too many", late replies) go out through ``answers.send_pending``,
each at most once; one that cannot go now waits for the next pass.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from mailer.config import Settings
from mailer.errors import InvalidInput
from mailer.i18n import _
from mailer.inbound import answers, imap, pipeline, sources
from mailer.inbound.answers import AnswerReport
from mailer.inbound.apply import apply as apply_answer
from mailer.inbound.intake import Incoming, Source, intake_many
from mailer.inbound.pipeline import Applier, PassReport
from mailer.inbound.reading import Kind
from mailer.transports.base import Transport
from mailer.transports.factory import build_transport

KINDS = [k.value for k in Kind]
# Messages stored per transaction by an import, and the bytes at which a batch is cut early
# (a folder of 30 MB mails must not sit in memory by the hundred).
STORE_BATCH = 200
STORE_BATCH_BYTES = 32 * 1024 * 1024


@dataclass
class Report:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    moved: int = 0
    applied: int = 0
    review: int = 0
    processed: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)  # one sentence each
    answers: AnswerReport = field(default_factory=AnswerReport)

    @property
    def errors(self) -> int:
        return len(self.problems)

    def add_pass(self, done: PassReport) -> None:
        self.processed += done.processed
        self.applied += done.applied
        self.review += done.review
        self.kinds.update(done.kinds)
        for inbound_id, reason in done.failures:
            self.problems.append(
                _("message {id} could not be read: {reason}").format(id=inbound_id, reason=reason)
            )

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "moved": self.moved,
            "processed": self.processed,
            "kinds": {k: self.kinds.get(k, 0) for k in KINDS},
            "applied": self.applied,
            "review": self.review,
            "errors": self.errors,
            "problems": self.problems,
            "answers": {
                "sent": self.answers.sent,
                "failed": self.answers.failed,
                "waiting": self.answers.waiting,
            },
        }


Progress = Callable[[str, int], None]  # (phase, count so far)


def import_paths(
    engine: Engine,
    settings: Settings,
    paths: Iterable[Path],
    *,
    apply: Applier = apply_answer,
    transport: Transport | None = None,
    progress: Progress | None = None,
) -> Report:
    """Store every message of ``paths`` (a batch per transaction), then process them and send
    the answers (through ``transport``, or one built from the settings when needed)."""
    report = Report()
    batch: list[sources.Item] = []
    size = 0
    for item in sources.messages(sources.check(paths)):
        report.read += 1
        if item.raw is None:
            report.problems.append(
                _("{origin} could not be read: {reason}").format(
                    origin=item.origin, reason=item.error
                )
            )
        else:
            batch.append(item)
            size += len(item.raw)
        if len(batch) >= STORE_BATCH or size >= STORE_BATCH_BYTES:
            _store_batch(engine, batch, report, progress)
            batch, size = [], 0
    _store_batch(engine, batch, report, progress)
    _read_and_answer(engine, settings, apply, report, transport, progress)
    return report


def _store_batch(
    engine: Engine, batch: list[sources.Item], report: Report, progress: Progress | None
) -> None:
    if not batch:
        return
    incoming = [Incoming(i.raw or b"", Source.FILE, origin=i.origin) for i in batch]
    for item, stored in zip(batch, intake_many(engine, incoming), strict=True):
        if isinstance(stored, InvalidInput):
            report.problems.append(f"{item.origin}: {stored}")
        elif stored.duplicate:
            report.duplicates += 1
        else:
            report.stored += 1
    if progress is not None:
        progress("store", report.stored + report.duplicates)


def poll(
    engine: Engine,
    settings: Settings,
    *,
    apply: Applier = apply_answer,
    transport: Transport | None = None,
    progress: Progress | None = None,
) -> Report:
    """Fetch, store and move; then process and answer. A dropped connection is one problem,
    not an end: what was stored before it is processed all the same."""
    report = Report()

    def fetched(done: imap.FetchReport) -> None:
        if progress is not None:
            progress("fetch", done.read)

    try:
        fetch = imap.fetch(engine, settings, on_message=fetched)
    except imap.DroppedConnection as err:
        fetch = err.report
        report.problems.append(str(err))
    report.read, report.stored, report.duplicates = fetch.read, fetch.stored, fetch.duplicates
    report.moved = fetch.moved
    report.problems.extend(fetch.errors)
    _read_and_answer(engine, settings, apply, report, transport, progress)
    return report


def process_stored(
    engine: Engine,
    settings: Settings,
    *,
    apply: Applier = apply_answer,
    transport: Transport | None = None,
) -> Report:
    """Read, apply and answer what is stored and not yet read (the Inbound Parse webhook
    only stores, and answers SendGrid at once)."""
    report = Report()
    _read_and_answer(engine, settings, apply, report, transport, None)
    return report


def _read_and_answer(
    engine: Engine,
    settings: Settings,
    apply: Applier,
    report: Report,
    transport: Transport | None,
    progress: Progress | None,
) -> None:
    """Process what was stored, then send the answers (every run ends so)."""
    _process(engine, settings, apply, report, progress)
    send_answers(engine, settings, report, transport, progress)


def _process(
    engine: Engine, settings: Settings, apply: Applier, report: Report, progress: Progress | None
) -> None:
    def step(done: PassReport) -> None:
        if progress is not None:
            progress("process", done.processed)

    report.add_pass(pipeline.process(engine, settings, apply=apply, on_message=step))


def send_answers(
    engine: Engine,
    settings: Settings,
    report: Report,
    transport: Transport | None = None,
    progress: Progress | None = None,
) -> None:
    """Send what the applier recorded. Without a ``transport`` one is built from the settings,
    and only when an answer waits: a poll with nothing to answer needs no way out."""
    with Session(engine) as session:
        if not answers.pending_ids(session):
            return
    if progress is not None:
        progress("answer", 0)
    if transport is not None:
        done = answers.send_pending(engine, settings, transport)
    else:
        built = build_transport(settings)
        try:
            done = answers.send_pending(engine, settings, built)
        finally:
            built.close()
    report.answers = done
    report.problems.extend(
        _("an answer could not be sent: {reason}").format(reason=problem)
        for problem in done.problems
    )
