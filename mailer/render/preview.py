"""Previews: the .html, .txt and .eml of a prepared message, and screenshots.

The CLI's ``mailer preview`` (templates with sample data) and campaign
previews both end here, so a template error shows before anything is sent.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from mailer.errors import NotFound
from mailer.i18n import _
from mailer.message import Address, PreparedMessage, Recipient
from mailer.render.personal import phrases

CHROMIUM = Path("/usr/bin/chromium")
WIDTHS = (375, 800)  # a phone and a desktop reading pane
_FIXED_DATE = datetime(2029, 5, 1, 9, 0, tzinfo=UTC)
_CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def write_preview(
    prepared: PreparedMessage, recipient: Recipient, out_dir: Path, stem: str
) -> list[Path]:
    """Write ``stem.html``, ``stem.txt`` and ``stem.eml`` for one recipient."""
    out_dir.mkdir(parents=True, exist_ok=True)
    message = dataclasses.replace(prepared.personalize(recipient), date=_FIXED_DATE)
    paths = [out_dir / f"{stem}.{ext}" for ext in ("html", "txt", "eml")]
    paths[0].write_text(message.html, encoding="utf-8")
    paths[1].write_text(message.text, encoding="utf-8")
    paths[2].write_bytes(message.as_bytes())
    return paths


def screenshot(html_files: Sequence[Path], widths: Sequence[int] = WIDTHS) -> list[Path]:
    """A full-page PNG of each file at each width (``stem.375.png``), headless Chromium.

    Remote images are not fetched: a preview must not call out to the network.
    """
    if not CHROMIUM.exists():
        raise NotFound(
            _("Chromium not found at {path}: apt-get install -y chromium").format(path=CHROMIUM)
        )
    from playwright.sync_api import sync_playwright

    written: list[Path] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=_CHROMIUM_ARGS)
        try:
            for width in widths:
                page = browser.new_page(viewport={"width": width, "height": 800})
                page.route("http*://**", lambda route: route.abort())
                for path in html_files:
                    page.goto(path.resolve().as_uri())
                    target = path.with_suffix(f".{width}.png")
                    page.screenshot(path=str(target), full_page=True)
                    written.append(target)
                page.close()
        finally:
            browser.close()
    return written


def contact_recipient(sample: Recipient, email: str, name: str, organisation: str) -> Recipient:
    """The sample recipient with a real contact's name, organisation and address."""
    values = {
        **sample.values,
        "name": name,
        "organisation": organisation,
        "email": email,
        **phrases(name, organisation, email),
    }
    return dataclasses.replace(sample, to=Address(email, name), values=values)
