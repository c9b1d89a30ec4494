"""Stage one: compile a template for one campaign and language into a PreparedMessage.

Jinja (with campaign-level data) → MJML → HTML, plus the text part from that
HTML. What is left are hole markers for the per-recipient values, filled by
``PreparedMessage.personalize``. Every failure is a ``TemplateError`` naming
the template, so it shows at preview time and never at send time.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Mapping
from dataclasses import replace
from email.utils import parseaddr
from typing import Any

import jinja2
from markupsafe import Markup
from mjml import mjml2html

from mailer.config import Settings
from mailer.errors import NotFound, TemplateError
from mailer.i18n import _
from mailer.message import HTML, TEXT, Address, Attachment, PreparedMessage, hole
from mailer.render import answers
from mailer.render import content as coordinator
from mailer.render.calendar import AnswerableMessage, PersonalCalendar, event_ics, ics_attachment
from mailer.render.dates import LANGUAGES
from mailer.render.errors import ContentError
from mailer.render.loader import TEMPLATE_SUFFIX, Translator, environment
from mailer.render.personal import PHRASE_HOLES, PHRASES, hole_name
from mailer.render.templates import KNOWN_TAGS, TEMPLATES, Spec
from mailer.render.text import html_to_text
from mailer.render.views import agenda_view, event_view, field, people

# The per-recipient values the dispatcher fills (Recipient.values keys).
NAME, ORGANISATION, EMAIL, UNSUBSCRIBE_URL, REPLY_ADDRESS, RSVP_URL = (
    "name", "organisation", "email", "unsubscribe_url", "reply_address", "rsvp_url",
)  # fmt: skip
# The delivery's tracking reference, only in mail whose links were rewritten (with_tracking).
TRACK_REF = "track_ref"
# ...plus a greeting and the footer's reason per language (mailer/render/personal.py).
HOLES = (
    frozenset({NAME, ORGANISATION, EMAIL, UNSUBSCRIBE_URL, REPLY_ADDRESS, RSVP_URL, TRACK_REF})
    | PHRASE_HOLES
)
# Mail that asks for an answer: yes/no buttons, the reply address written out, the
# RSVP page (templates/_macros.mjml, ``answer``); the invitation's calendar can be answered.
ANSWERABLE = frozenset({"invitation", "reminder"})
_ANSWERABLE_CALENDAR = "invitation"

MAX_HTML_BYTES = 102 * 1024  # Gmail clips larger messages
_HOLE_ROOM = 2 * 1024  # room left for the personal values
_MARKERS = re.compile(r"%%[ht]:([A-Za-z0-9_]+)%%")
_MJ_TAG = re.compile(r"</?(mj[a-z-]*)")


def prepare(
    template: str, language: str, data: Mapping[str, Any], settings: Settings
) -> PreparedMessage:
    """Compile ``template`` in ``language`` with campaign-level ``data``."""
    spec = _spec(template, language, data)
    t = Translator(language)
    sender = _sender(settings)
    ctx = _context(template, language, data, settings, t, sender)
    html = _compile_html(template, language, ctx)
    text = html_to_text(html)
    _check_result(template, html, text, ctx["subject_text"])
    fields: dict[str, Any] = {
        "sender": sender,
        "subject": ctx["subject_text"],
        "html": html,
        "text": text,
        "headers": {"List-Id": _list_id(data, settings, sender)},
        "holes": frozenset(_MARKERS.findall(html + text + ctx["subject_text"])),
        "categories": _categories(template, data),
    }
    if template not in ANSWERABLE:
        attachments = _attachments(spec, template, language, data, sender)
        return PreparedMessage(**fields, attachments=attachments)
    calendar = _personal_calendar(template, data, settings)
    return AnswerableMessage(
        **fields,
        attachments=_calendar_parts(calendar, language) if calendar else (),
        calendar=calendar,
        defaults={RSVP_URL: _rsvp_page(settings)},
    )


def _spec(template: str, language: str, data: Mapping[str, Any]) -> Spec:
    spec = TEMPLATES.get(template)
    if spec is None:
        raise NotFound(
            _("Unknown template {template!r} (choose from: {known})").format(
                template=template, known=", ".join(TEMPLATES)
            )
        )
    if language not in LANGUAGES:
        raise TemplateError(_("Unknown language {lang!r}: choose nl or en").format(lang=language))
    missing = [key for key in spec.required if key not in data]
    unknown = sorted(set(data) - set(spec.required) - set(spec.optional))
    if missing or unknown:
        raise TemplateError(
            _("Template {template}: missing data {missing}, unknown data {unknown}").format(
                template=template, missing=missing or "-", unknown=unknown or "-"
            )
        )
    return spec


def _sender(settings: Settings) -> Address:
    name, email = parseaddr(settings.sender)
    if "@" not in email:
        raise TemplateError(
            _("MAILER_FROM is not an address: {sender!r}").format(sender=settings.sender)
        )
    return Address(email, name)


def _markers(part: str, lang: str) -> dict[str, str]:
    """Hole markers by the name templates use: ``greeting`` is this language's greeting."""
    markers = {name: hole(name, part) for name in HOLES - PHRASE_HOLES}
    markers.update({phrase: hole(hole_name(phrase, lang), part) for phrase in PHRASES})
    return markers


def _context(
    template: str,
    lang: str,
    data: Mapping[str, Any],
    settings: Settings,
    t: Translator,
    sender: Address,
) -> dict[str, Any]:
    ev = event_view(data["event"], lang, settings.timezone) if "event" in data else None
    base = {"network": settings.network_name, "event": ev or {}}
    title = ev["title"] if ev else ""
    fmt = {"network": settings.network_name, "title": title, "date": ev["date"] if ev else ""}
    fmt["cap"] = ev["cap"] if ev else ""
    subject_src = data.get("subject") or t(f"{template}.subject", **fmt)
    subject_text = _one_line(
        coordinator.render_sandboxed(
            subject_src, {**base, **_markers(TEXT, lang)}, _("the subject")
        )
    )
    subject_html = _one_line(
        coordinator.render_sandboxed(
            subject_src, {**base, **_markers(HTML, lang)}, _("the subject")
        )
    )
    html_ctx = {**base, **_markers(HTML, lang)}
    return {
        "lang": lang,
        "t": t,
        "hole": _markers(HTML, lang),
        "network": settings.network_name,
        "postal_address": settings.postal_address,
        "public_url": settings.public_url,
        "logo_url": data.get("logo_url", ""),
        "subject": subject_html,
        "subject_text": subject_text,
        "preview": data.get("preview") or t(f"{template}.preview", **fmt),
        "ev": ev,
        # an update's "was": the event as its guests knew it (mailer/event_edit.py)
        "was": event_view(data["previous"], lang, settings.timezone)
        if data.get("previous")
        else None,
        "organisation": data.get("organisation", ""),
        "attendees": people(data.get("attendees")),
        "refused": people(data.get("refused")),
        "content_html": Markup("")
        if template == "newsletter"
        else _content(data.get("content", ""), html_ctx, template),
        "intro_html": _content(data.get("intro", ""), html_ctx, template),
        "articles": _articles(data, html_ctx, template),
        "agenda": [agenda_view(item, lang, settings.timezone) for item in data.get("agenda", ())],
        "contact_email": data.get("contact_email") or sender.email,
        "answers": _answer_links(template, lang, title),
        "issue_label": data.get("issue_label", ""),
    }


def _one_line(subject: str) -> str:
    """A subject is one line: a coordinator's stray newline is a space, not an error."""
    return " ".join(subject.split())


def _content(source: str, ctx: Mapping[str, Any], template: str) -> Markup:
    if not source:
        return Markup("")
    what = _content_of(template)
    coordinator.check_content(source, what)
    html = coordinator.markdown_html(coordinator.render_sandboxed(source, ctx, what), what)
    coordinator.check_images(html, what)
    return Markup(html)


def _content_of(template: str) -> str:
    return _("the content of {template}").format(template=template)


def _articles(data: Mapping[str, Any], ctx: Mapping[str, Any], template: str) -> list[Markup]:
    """Newsletter content: rendered once in the sandbox, then one block per article."""
    if template != "newsletter":
        return []
    what = _content_of(template)
    coordinator.check_content(data["content"], what)
    source = coordinator.render_sandboxed(data["content"], ctx, what)
    articles = coordinator.articles_html(coordinator.split_articles(source), what)
    for html in articles:
        coordinator.check_images(html, what)
    return [Markup(html) for html in articles]


def _compile_html(template: str, lang: str, ctx: Mapping[str, Any]) -> str:
    name = f"{template}{TEMPLATE_SUFFIX}"
    try:
        source = environment(lang).get_template(name).render(ctx)
    except jinja2.TemplateSyntaxError as err:
        raise TemplateError(
            _("Template error in {name}, line {line}: {error}").format(
                name=err.name or name, line=err.lineno, error=err.message
            )
        ) from err
    except jinja2.TemplateError as err:
        where = _template_line(err) or name
        raise TemplateError(
            _("Template error in {where}: {error}").format(where=where, error=err)
        ) from err
    _check_tags(source, name)
    try:
        return mjml2html(source, fonts={})
    except ValueError as err:
        raise TemplateError(
            _("MJML error in {name}: {error}").format(name=name, error=err)
        ) from err


def _template_line(err: BaseException) -> str:
    """'invitation.mjml, line 12': the innermost template frame of a render error."""
    found = ""
    tb = err.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(TEMPLATE_SUFFIX):
            found = _("{file}, line {line}").format(
                file=filename.rsplit("/", 1)[-1], line=tb.tb_lineno
            )
        tb = tb.tb_next
    return found


def _check_tags(source: str, name: str) -> None:
    unknown = sorted(set(_MJ_TAG.findall(source)) - KNOWN_TAGS)
    if unknown:
        raise TemplateError(
            _("Unknown MJML elements in {name}: {tags}").format(name=name, tags=", ".join(unknown))
        )


def _check_result(template: str, html: str, text: str, subject: str) -> None:
    """Both are the coordinator's text (too long, or a typed ``%%h:…%%``): a ContentError."""
    size = len(html.encode("utf-8"))
    if size > MAX_HTML_BYTES - _HOLE_ROOM:
        raise ContentError(
            _(
                "{template}: the HTML is {size} KB and Gmail cuts mail off above 102 KB; "
                "make the content shorter"
            ).format(template=template, size=size // 1024)
        )
    unknown = set(_MARKERS.findall(html + text + subject)) - HOLES
    if unknown:
        raise ContentError(
            _("{template}: unknown holes {holes}").format(template=template, holes=sorted(unknown))
        )


def _list_id(data: Mapping[str, Any], settings: Settings, sender: Address) -> str:
    if data.get("list_id"):
        return str(data["list_id"])
    domain = sender.email.rpartition("@")[2]
    slug = re.sub(r"[^a-z0-9]+", "-", settings.network_name.lower()).strip("-") or "pleinpost"
    return f"{settings.network_name} <{slug}.{domain}>"


def _attachments(
    spec: Spec, template: str, lang: str, data: Mapping[str, Any], sender: Address
) -> tuple[Attachment, ...]:
    if spec.ics is None:
        return ()
    attendees = [
        Address(person["email"], person["name"])
        for person in people(data.get("attendees"))
        if person["email"]
    ]
    ics = event_ics(data["event"], spec.ics, organizer=sender, attendees=attendees)
    filename = "uitnodiging.ics" if lang == "nl" else "invitation.ics"
    return (ics_attachment(ics, spec.ics, filename),)


def _answer_links(template: str, lang: str, title: str) -> dict[str, str]:
    """The query of each button's ``mailto:`` link; the address is the recipient's hole."""
    if template not in ANSWERABLE:
        return {}
    return {str(answer): answers.mailto_query(answer, lang, title) for answer in answers.Answer}


def _personal_calendar(
    template: str, data: Mapping[str, Any], settings: Settings
) -> PersonalCalendar | None:
    """The invitation's REQUEST; ORGANIZER and ATTENDEE are written per recipient.

    Made with the campaign's reply address (no token) as ORGANIZER, which is
    what a path that cannot personalize the calendar would send.
    """
    if template != _ANSWERABLE_CALENDAR:
        return None
    shared = Address(f"{settings.reply_local}@{settings.reply_domain}", settings.network_name)
    return PersonalCalendar.of(data["event"], shared)


def _calendar_parts(calendar: PersonalCalendar, lang: str) -> tuple[Attachment, ...]:
    """Inline, where Outlook and Gmail put their answer buttons; attached, for the rest.

    The attachment is ``application/ics`` (as Google sends it), so no client
    finds two invitations to answer in one mail.
    """
    filename = "uitnodiging.ics" if lang == "nl" else "invitation.ics"
    inline = ics_attachment(calendar.shared, "REQUEST", filename, inline=True)
    attached = Attachment(filename=filename, content_type="application/ics", data=calendar.shared)
    return (inline, attached)


def _rsvp_page(settings: Settings) -> str:
    """The RSVP link of a copy that belongs to no delivery (delivery 0 never exists)."""
    return f"{settings.public_url.rstrip('/')}/r/VOORBEELD"


def _categories(template: str, data: Mapping[str, Any]) -> tuple[str, ...]:
    campaign = field(data, "campaign_id")
    return (template, f"campaign-{campaign}") if campaign is not None else (template,)


# --- click and open tracking ----------------------------------------------------------
#
# Off unless MAILER_TRACKING is on; mailer/tracking/links.py numbers the links and
# stores them (the redirect's allow-list), these two pure functions find and rewrite
# them. Only the HTML part is rewritten: the text part keeps the real addresses, so
# a reader of plain text sees where a link goes (and is not counted).

# an <a> tag's href, quoted either way (MJML and the Markdown renderer write double quotes)
_A_HREF = re.compile(r"""(<a\b[^>]*?\shref\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)
_WEB = ("http://", "https://")


def trackable_links(html: str, public_url: str) -> list[str]:
    """The web addresses the mail links to that the click redirect may carry, first seen
    first, each once, unescaped (as the browser would follow them)."""
    found = (_html.unescape(match.group(3)) for match in _A_HREF.finditer(html))
    return list(dict.fromkeys(url for url in found if _trackable(url, public_url)))


def _trackable(url: str, public_url: str) -> bool:
    """A plain web address of the campaign's own; never a per-recipient link.

    ``mailto:`` (the answer buttons, the reply address), ``tel:`` and anchors
    are not web addresses; the unsubscribe and RSVP links are holes (``%%h:…%%``)
    and, like everything else under ``MAILER_PUBLIC_URL``, never go through the
    redirect: they carry their own references and must work without it.
    """
    if not url.lower().startswith(_WEB) or "%%" in url:
        return False
    if url.lower().startswith(public_url.rstrip("/").lower() + "/"):
        return False
    return not any(char.isspace() or ord(char) < 32 for char in url)


def with_tracking(
    prepared: PreparedMessage, public_url: str, numbers: Mapping[str, int]
) -> PreparedMessage:
    """The mail with each numbered link through ``/c/<ref>/<n>`` and an open pixel.

    ``numbers`` are the campaign's stored links (``trackable_links`` → the
    allow-list); a link without a number stays as it was. The reference is the
    ``track_ref`` hole, so the mail stays compiled once and personalized by
    substitution (and SendGrid's substitutions fill it alike).
    """
    base = _html.escape(public_url.rstrip("/"), quote=True)
    ref = hole(TRACK_REF, HTML)

    def through_redirect(match: re.Match[str]) -> str:
        url = _html.unescape(match.group(3))
        number = numbers.get(url) if _trackable(url, public_url) else None
        if number is None:
            return match.group(0)
        quote = match.group(2)
        return f"{match.group(1)}{quote}{base}/c/{ref}/{number}{quote}"

    rewritten = _A_HREF.sub(through_redirect, prepared.html)
    return replace(
        prepared,
        html=_with_pixel(rewritten, f"{base}/o/{ref}.gif"),
        holes=prepared.holes | {TRACK_REF},
    )


def _with_pixel(html: str, src: str) -> str:
    """The open pixel as the body's last element (after the footer, out of the way)."""
    pixel = (
        f'<img src="{src}" width="1" height="1" alt="" '
        'style="display:block;width:1px;height:1px;border:0;" />'
    )
    ends = list(_BODY_END.finditer(html))
    if not ends:
        return html + pixel
    at = ends[-1].start()
    return html[:at] + pixel + html[at:]
