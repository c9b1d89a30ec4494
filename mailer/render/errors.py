"""The errors of coordinator-written text (subjects and content).

Two levels, one family. ``ContentError`` is every failure to render a
coordinator's text, whenever it happens: the send loop catches it (or its
base ``TemplateError``), pauses the campaign and puts its rows back in the
queue. ``ContentRefused`` is the subset found before anything is rendered
(at create, edit and preview): it is also an ``InvalidInput``, so the CLI
shows it as a refusal of what the coordinator typed.
"""

from __future__ import annotations

from mailer.errors import InvalidInput, TemplateError


class ContentError(TemplateError):
    """Coordinator text that cannot be rendered; the message names the text and why."""


class ContentRefused(ContentError, InvalidInput):
    """Coordinator text refused before rendering: too long, a forbidden tag, a bad link."""
