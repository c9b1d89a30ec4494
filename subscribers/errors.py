"""Errors the subscriber store raises.

They derive from builtins only (``LookupError``, ``ValueError``), because this
package imports nothing from ``mailer`` except the leaf module ``mailer.i18n``;
the CLI's root catches ``SubscriberError`` beside ``PleinpostError`` and prints
one clear line, exit 1. Messages are English msgids through ``_()``, shown in
the operator's language, and say what to do.
"""

from __future__ import annotations


class SubscriberError(Exception):
    """Base of everything the store refuses; a coordinator can act on it."""


class UnknownSegment(SubscriberError, LookupError):
    """A segment name that is neither built in nor saved."""


class UnknownContact(SubscriberError, LookupError):
    """No contact (and nothing else stored) for this address."""


class InvalidEmail(SubscriberError, ValueError):
    """An address that cannot be mailed as written."""


class InvalidRule(SubscriberError, ValueError):
    """A segment rule with an unknown kind, status or a clashing name."""


class ImportFormatError(SubscriberError, ValueError):
    """A file the importer cannot read at all (not one bad row: the whole file)."""


class OutputRefused(SubscriberError, ValueError):
    """An output file that would overwrite the input or cannot be written where asked."""


class UnreadableFile(ImportFormatError):
    """A file whose bytes are not text we can read faithfully (binary, unknown encoding)."""


class ArchiveTooLarge(ImportFormatError):
    """An XLSX whose content would expand beyond what an import may hold in memory."""
