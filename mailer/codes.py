"""Codes shown to people through ``_(code)``: contact statuses, delivery
states, a reply's decision (dashboard templates, ``mailer campaign status``).

What is shown is the stored value translated, which no extractor can see;
marking every value here keeps its Dutch in the catalog through `make
messages` (which drops what the code does not mark). tests/test_codes.py
fails when a new status is added to one of these enums and not here.
"""

from __future__ import annotations

from mailer.i18n import N_

SHOWN_CODES = frozenset(
    {
        # ContactStatus
        N_("active"),
        N_("unsubscribed"),
        N_("bounced"),
        N_("complained"),
        # DeliveryStatus
        N_("queued"),
        N_("sending"),
        N_("sent"),
        N_("failed"),
        N_("uncertain"),
        N_("skipped"),
        # Decision
        N_("attending"),
        N_("declined"),
        N_("maybe"),
        N_("unclear"),
    }
)
