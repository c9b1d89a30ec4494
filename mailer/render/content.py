"""Coordinator-written text: subjects and Markdown content.

It runs in Jinja's sandbox (a coordinator may write ``{{ event.title }}``
but cannot reach Python internals), then Markdown turns it into HTML with
raw HTML switched off: whatever a coordinator types, the mail's markup
stays ours.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import jinja2
import markdown
from jinja2.sandbox import SecurityError

from mailer.errors import TemplateError
from mailer.i18n import _
from mailer.render.loader import sandbox

_JINJA = re.compile(r"\{[{%#]")
_ARTICLE_BREAK = re.compile(r"^\s*---+\s*$", re.MULTILINE)


def render_sandboxed(source: str, context: Mapping[str, Any], what: str) -> str:
    """Render coordinator text; any problem is a ``TemplateError`` naming ``what`` and line."""
    if not _JINJA.search(source):
        return source  # most text has no placeholders: skip compiling it
    try:
        return _compiled(source).render(context)
    except jinja2.TemplateSyntaxError as err:
        raise TemplateError(
            _("Error in {what}, line {line}: {error}").format(
                what=what, line=err.lineno, error=err.message
            )
        ) from err
    except SecurityError as err:
        raise TemplateError(
            _("Not allowed in {what}: {error}").format(what=what, error=err)
        ) from err
    except jinja2.UndefinedError as err:
        raise TemplateError(
            _("Unknown placeholder in {what}: {error}").format(what=what, error=err.message)
        ) from err
    except jinja2.TemplateError as err:
        raise TemplateError(_("Error in {what}: {error}").format(what=what, error=err)) from err


@lru_cache(maxsize=256)
def _compiled(source: str) -> jinja2.Template:
    return sandbox().from_string(source)


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # No raw HTML from coordinators: it is escaped and shown as text.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    # Line breaks between block tags only pretty-print the HTML (which is sent
    # quoted-printable anyway); skipping them saves ~10% of the conversion.
    md.treeprocessors.deregister("prettify")
    return md


_MD = _markdown()


@lru_cache(maxsize=512)
def markdown_html(source: str) -> str:
    """Markdown → HTML; images keep their alt text, links open as written.

    Markdown is most of a compile's cost (~0.2 ms an article), and the same
    article is compiled once per language and again at send time after a
    preview, so results are kept per process (strings: safe to share).
    """
    _MD.reset()
    return _MD.convert(source)


def split_articles(source: str) -> list[str]:
    """A line of dashes ('---') separates articles in a newsletter's content."""
    return [part.strip() for part in _ARTICLE_BREAK.split(source) if part.strip()]


_EMPTY_ALT = re.compile(r"<img(?![^>]*\balt=\"[^\"]+\")[^>]*>")


def check_images(html: str, what: str) -> None:
    """Every image needs alt text: screen readers and mail clients that block images."""
    match = _EMPTY_ALT.search(html)
    if match:
        raise TemplateError(
            _("Image without alt text in {what}: write ![description](address) ({image})").format(
                what=what, image=match.group(0)[:80]
            )
        )
