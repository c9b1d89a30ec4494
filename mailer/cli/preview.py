"""`mailer preview`: render templates with sample data to files you can open."""

from __future__ import annotations

from pathlib import Path

import typer
from sqlmodel import Session, select

from mailer.cli.runtime import runtime
from mailer.errors import NotFound
from mailer.i18n import _
from mailer.message import Recipient
from mailer.render import TEMPLATES, prepare, sample_data, sample_recipient
from mailer.render.preview import contact_recipient, screenshot, write_preview


def _recipient(ctx: typer.Context, lang: str, email: str | None) -> tuple[Recipient, str]:
    """The sample recipient, or a real contact (its language unless --lang is given)."""
    if not email:
        return sample_recipient(lang), lang
    from subscribers.models import Contact, Organisation

    with Session(runtime(ctx).engine) as session:
        contact = session.exec(select(Contact).where(Contact.email == email)).first()
        if contact is None:
            raise NotFound(_("No contact with email address {email}").format(email=email))
        org = (
            session.get(Organisation, contact.organisation_id) if contact.organisation_id else None
        )
        recipient = contact_recipient(
            sample_recipient(lang, email), email, contact.name, org.name if org else ""
        )
        return recipient, contact.language


def preview(
    ctx: typer.Context,
    templates: list[str] | None,
    out: Path,
    contact: str | None,
    lang: str | None,
    shots: bool,
) -> None:
    """Write .html, .txt and .eml files of templates (sample data) or campaigns."""
    settings = runtime(ctx).settings
    written: list[Path] = []
    campaign_ids = [int(t) for t in templates or [] if t.isdigit()]
    if campaign_ids:  # `mailer preview 12`: a campaign as it will be sent
        from mailer.cli.campaign import write_campaign_preview

        for cid in campaign_ids:
            for path in write_campaign_preview(ctx, cid, out, contact, lang, shots):
                typer.echo(str(path))
        templates = [t for t in templates or [] if not t.isdigit()]
        if not templates:
            return
    for name in templates or list(TEMPLATES):
        recipient, contact_lang = _recipient(ctx, lang or "nl", contact)
        language = lang or contact_lang
        prepared = prepare(name, language, sample_data(name, language), settings)
        written += write_preview(prepared, recipient, out, f"{name}.{language}")
    if shots:
        written += screenshot([p for p in written if p.suffix == ".html"])
    for path in written:
        typer.echo(str(path))


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app (help texts in the operator's language)."""

    @app.command("preview", help=_("Write .html, .txt and .eml files of templates or campaigns."))
    def preview_cmd(
        ctx: typer.Context,
        templates: list[str] = typer.Argument(
            None,
            help=_("Templates or campaign ids (none: every template): {names}").format(
                names=", ".join(TEMPLATES)
            ),
        ),
        out: Path = typer.Option(..., "--out", help=_("Folder for the files.")),
        contact: str | None = typer.Option(
            None, "--contact", help=_("Email address of a contact.")
        ),
        lang: str | None = typer.Option(None, "--lang", help=_("nl or en (default: nl).")),
        shots: bool = typer.Option(False, "--screenshot", help=_("Also PNGs at 375 and 800 px.")),
    ) -> None:
        preview(ctx, templates, out, contact, lang, shots)
