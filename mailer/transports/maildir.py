"""The embedded default: every message becomes a file in a local Maildir.

Nothing leaves the machine, and any mail client (mutt, Thunderbird, Evolution)
can open the result, so a coordinator can look at exactly what would be sent.
"""

from __future__ import annotations

import mailbox
from pathlib import Path

from mailer.errors import PleinpostError
from mailer.message import Batch
from mailer.transports.base import Outcome, Result
from mailer.transports.classify import classify


class MaildirTransport:
    name = "maildir"

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._box = mailbox.Maildir(path, create=True)

    def send_batch(self, batch: Batch) -> list[Result]:
        """Each message written to tmp/ and renamed into new/ (``Maildir.add``): atomic.

        Files get LF line ends, the Maildir convention local mail clients expect.
        """
        results = []
        for recipient in batch.recipients:
            try:
                data = batch.message.personalize(recipient).as_bytes()
            except PleinpostError as err:  # e.g. a missing hole value, header injection
                results.append(Result(recipient.ref, Outcome.PERMANENT, str(err)))
                continue
            try:
                key = self._box.add(data.replace(b"\r\n", b"\n"))
            except OSError as err:
                failure = classify(err)
                results.append(Result(recipient.ref, failure.outcome, failure.reason))
                continue
            results.append(Result(recipient.ref, Outcome.SENT, provider_id=key))
        return results

    def close(self) -> None:
        """Nothing held open between messages."""
