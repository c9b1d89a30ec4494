"""The embedded default: every message becomes a file in a local Maildir.

Nothing leaves the machine, and any mail client (mutt, Thunderbird, Evolution)
can open the result, so a coordinator can look at exactly what would be sent.
"""

from __future__ import annotations

import mailbox
from pathlib import Path

from mailer.errors import PleinpostError
from mailer.message import Batch, Recipient
from mailer.transports.base import NO_PROGRESS, Outcome, Progress, Result
from mailer.transports.classify import classify


class MaildirTransport:
    name = "maildir"

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._box = mailbox.Maildir(path, create=True)

    def send_batch(self, batch: Batch, progress: Progress = NO_PROGRESS) -> list[Result]:
        """Each message written to tmp/ and renamed into new/ (``Maildir.add``): atomic.

        Files get LF line ends, the Maildir convention local mail clients expect.
        """
        results = []
        for recipient in batch.recipients:
            result = self._one(batch, recipient, progress)
            progress.done(result)
            results.append(result)
        return results

    def _one(self, batch: Batch, recipient: Recipient, progress: Progress) -> Result:
        if progress.stopping():
            return Result(recipient.ref, Outcome.UNTRIED)
        try:
            data = batch.message.personalize(recipient).as_bytes()
        except PleinpostError as err:  # e.g. a missing hole value, header injection
            return Result(recipient.ref, Outcome.PERMANENT, str(err))
        progress.handing_over((recipient.ref,))
        try:
            key = self._box.add(data.replace(b"\r\n", b"\n"))
        except OSError as err:
            failure = classify(err)
            return Result(recipient.ref, failure.outcome, failure.reason)
        return Result(recipient.ref, Outcome.SENT, provider_id=key)

    def close(self) -> None:
        """Nothing held open between messages."""
