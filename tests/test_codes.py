"""Every status code shown as it is stored (dashboard, CLI) is marked for the catalog."""

from __future__ import annotations

from mailer.codes import SHOWN_CODES
from mailer.inbound.reading import Decision
from mailer.outbox import DeliveryStatus
from mailer.web.lang import gettext_for
from subscribers.models import ContactStatus


def test_every_status_and_decision_is_marked_and_has_dutch() -> None:
    codes = {c.value for enum in (ContactStatus, DeliveryStatus, Decision) for c in enum}
    assert codes <= SHOWN_CODES
    dutch = gettext_for("nl")
    untranslated = sorted(c for c in codes if dutch(c) == c)
    assert not untranslated
