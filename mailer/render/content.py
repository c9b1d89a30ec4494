"""Coordinator-written text: subjects and Markdown content.

It runs in a bounded Jinja sandbox (a coordinator may write
``{{ event.title }}`` but cannot reach Python internals, other files, or
unbounded time and memory: ``mailer/render/sandbox.py``), then Markdown turns
it into HTML with raw HTML switched off and only safe links
(``mailer/render/md.py``): whatever a coordinator types, the mail's markup
stays ours.

Two entry points for the rest of Pleinpost:

- ``check_content(text)`` and ``check_subject(text)``: refuse, before
  anything is rendered, what can never be sent (``ContentRefused``, an
  ``InvalidInput``). Campaign create, edit and preview call them, and so
  does ``prepare``, so old rows get the same answer at send time.
- every failure while rendering is a ``ContentError`` (a ``TemplateError``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError

from mailer.i18n import _
from mailer.limits import MAX_CONTENT_BYTES
from mailer.render import md, sandbox
from mailer.render.errors import ContentError, ContentRefused

MAX_SUBJECT_CHARS = 200

_JINJA = re.compile(r"\{[{%#]")
_ARTICLE_BREAK = re.compile(r"^\s*---+\s*$", re.MULTILINE)
# Controls a text file never needs (tab, LF and CR are fine in content).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Markdown link targets: inline ``](target`` and reference ``[id]: target``.
_LINK_TARGETS = re.compile(
    r"\]\(\s*<?([^\s)>]*)|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]*)", re.MULTILINE
)


def check_content(text: str, what: str | None = None) -> None:
    """Refuse content that can never be sent; the message says what to change."""
    what = what or _("the content")
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_CONTENT_BYTES:
        raise ContentRefused(
            _("{what} is {size} KB; at most {limit} KB fit in a mail").format(
                what=what, size=size // 1024, limit=MAX_CONTENT_BYTES // 1024
            )
        )
    control = _CONTROL.search(text)
    if control:
        raise ContentRefused(
            _(
                "{what} contains an invisible control character (U+{code:04X}) on line {line}; "
                "remove it"
            ).format(
                what=what, code=ord(control.group()), line=text.count("\n", 0, control.start()) + 1
            )
        )
    _check_jinja(text, what)
    _named(md.check_nesting, text, what)
    _check_links(text, what)


def check_subject(text: str, what: str | None = None) -> None:
    """A subject is one short line of text, placeholders allowed."""
    what = what or _("the subject")
    if len(text) > MAX_SUBJECT_CHARS:
        raise ContentRefused(
            _("{what} is {length} characters long; at most {limit} fit").format(
                what=what, length=len(text), limit=MAX_SUBJECT_CHARS
            )
        )
    for char in text:
        if char in "\r\n" or unicodedata.category(char) in ("Zl", "Zp"):
            raise ContentRefused(
                _("{what} must be one line: remove the line break").format(what=what)
            )
        if unicodedata.category(char) == "Cc":
            raise ContentRefused(
                _(
                    "{what} contains an invisible control character (U+{code:04X}); remove it"
                ).format(what=what, code=ord(char))
            )
    _check_jinja(text, what)


def _check_jinja(text: str, what: str) -> None:
    if not _JINJA.search(text):
        return
    try:
        sandbox.parse(text)
    except ContentRefused as err:
        raise ContentRefused(
            _("Not allowed in {what}: {error}").format(what=what, error=err)
        ) from err
    except jinja2.TemplateSyntaxError as err:
        raise ContentRefused(_syntax_message(err, what)) from err
    except Exception as err:  # the parser's own limits (deep nesting, huge numbers)
        raise ContentRefused(
            _("Error in {what}: {error}").format(what=what, error=_words(err))
        ) from err


def _check_links(text: str, what: str) -> None:
    for match in _LINK_TARGETS.finditer(text):
        url = match.group(1) or match.group(2) or ""
        if not url or _JINJA.search(url):
            continue  # an address made by a placeholder is checked when it is rendered
        if md.safe_url(url) is None:
            raise ContentRefused(
                _(
                    "{what}: the link address {url} is not allowed; write a full address "
                    "starting with https://, http://, mailto: or tel:"
                ).format(what=what, url=repr(url[:80]))
            )


def render_sandboxed(source: str, context: Mapping[str, Any], what: str) -> str:
    """Render coordinator text; any problem is a ``ContentError`` naming ``what`` (and line).

    Control characters (refused at create, but older rows and event data may
    have them) are dropped: MJML cannot parse them and no reader sees them.
    """
    if not _JINJA.search(source):
        return _CONTROL.sub("", source)  # most text has no placeholders: skip compiling it
    try:
        return _CONTROL.sub("", sandbox.render(_compiled(source), context))
    except ContentRefused as err:
        raise ContentRefused(
            _("Not allowed in {what}: {error}").format(what=what, error=err)
        ) from err
    except jinja2.TemplateSyntaxError as err:
        raise ContentError(_syntax_message(err, what)) from err
    except SecurityError as err:
        raise ContentError(
            _("Not allowed in {what}: {error}").format(what=what, error=err)
        ) from err
    except jinja2.UndefinedError as err:
        raise ContentError(
            _("Unknown placeholder in {what}: {error}").format(what=what, error=err.message)
        ) from err
    except Exception as err:  # the text is the coordinator's: whatever breaks, it is the text
        raise ContentError(
            _("Error in {what}: {error}").format(what=what, error=_words(err))
        ) from err


def _syntax_message(err: jinja2.TemplateSyntaxError, what: str) -> str:
    return _("Error in {what}, line {line}: {error}").format(
        what=what, line=err.lineno, error=err.message
    )


def _words(err: BaseException) -> str:
    """An exception as a short sentence, never a traceback or a megabyte of repr."""
    text = str(err) or type(err).__name__
    return text if len(text) <= 200 else text[:200] + "…"


@lru_cache(maxsize=256)
def _compiled(source: str) -> jinja2.Template:
    return sandbox.compile_source(source)


def markdown_html(source: str, what: str | None = None) -> str:
    """Markdown → HTML; images keep their alt text, links only when their scheme is safe."""
    return _converted((source,), what or _("the content"))[0]


def articles_html(sources: list[str], what: str | None = None) -> list[str]:
    """Several Markdown texts (a newsletter's articles) under one time limit."""
    return list(_converted(tuple(sources), what or _("the content")))


def _converted(sources: tuple[str, ...], what: str) -> tuple[str, ...]:
    try:
        return _markdown(sources)
    except ContentRefused as err:
        raise ContentRefused(
            _("Not allowed in {what}: {error}").format(what=what, error=err)
        ) from err
    except ContentError as err:
        raise ContentError(_("Error in {what}: {error}").format(what=what, error=err)) from err
    except Exception as err:  # Markdown's own failure on this text (deep recursion, ...)
        raise ContentError(
            _("Error in {what}: {error}").format(what=what, error=_words(err))
        ) from err


@lru_cache(maxsize=512)
def _markdown(sources: tuple[str, ...]) -> tuple[str, ...]:
    """Markdown is most of a compile's cost (~0.2 ms an article), and the same
    article is compiled once per language and again at send time after a
    preview, so results are kept per process (strings: safe to share)."""
    return tuple(md.convert(sources))


def _named(check: Callable[[str], None], text: str, what: str) -> None:
    try:
        check(text)
    except ContentRefused as err:
        raise ContentRefused(
            _("Not allowed in {what}: {error}").format(what=what, error=err)
        ) from err


def split_articles(source: str) -> list[str]:
    """A line of dashes ('---') separates articles in a newsletter's content."""
    return [part.strip() for part in _ARTICLE_BREAK.split(source) if part.strip()]


_EMPTY_ALT = re.compile(r"<img(?![^>]*\balt=\"[^\"]+\")[^>]*>")


def check_images(html: str, what: str) -> None:
    """Every image needs alt text: screen readers and mail clients that block images."""
    match = _EMPTY_ALT.search(html)
    if match:
        raise ContentError(
            _("Image without alt text in {what}: write ![description](address) ({image})").format(
                what=what, image=match.group(0)[:80]
            )
        )
