"""Rendering: compile a template once per campaign and language, personalize per recipient.

Public API (others call these):

- ``prepare(template, language, data, settings) -> PreparedMessage``
- ``HOLES``: the per-recipient values a ``Recipient`` must carry
- ``sample_recipient(language) -> Recipient`` and ``sample_data(template)``
- ``TEMPLATES``: the template names and the data each needs
"""

from __future__ import annotations

from mailer.render.compile import (
    EMAIL,
    HOLES,
    MAX_HTML_BYTES,
    NAME,
    ORGANISATION,
    REPLY_ADDRESS,
    UNSUBSCRIBE_URL,
    prepare,
)
from mailer.render.samples import sample_data, sample_recipient
from mailer.render.templates import TEMPLATES

__all__ = [
    "EMAIL",
    "HOLES",
    "MAX_HTML_BYTES",
    "NAME",
    "ORGANISATION",
    "REPLY_ADDRESS",
    "TEMPLATES",
    "UNSUBSCRIBE_URL",
    "prepare",
    "sample_data",
    "sample_recipient",
]
