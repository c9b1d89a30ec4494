"""Sizes Pleinpost refuses beyond, where more than one room checks them.

On the ground floor so that checking a size never imports what it guards:
the CLI refuses an oversized content file before the renderer is loaded.
"""

from __future__ import annotations

MAX_CONTENT_BYTES = 200 * 1024  # a campaign's Markdown or HTML content file
