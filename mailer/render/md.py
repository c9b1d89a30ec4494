"""Markdown → HTML for coordinator text: no raw HTML, safe links, bounded work.

python-markdown is quadratic (and worse) on some shapes: 40 KB of nested
``[[[…]]]`` runs for minutes. Two guards: ``check_nesting`` refuses the
known shapes (brackets or parentheses open many levels deep) with a clear
message before Markdown sees them, and ``convert`` runs under a CPU-time
limit (a profile hook that raises once the limit is spent) for any shape
nobody has found yet.

Links and images keep only http, https, mailto and tel addresses (and the
unsubscribe hole, filled with our own https link): anything else
(``javascript:``, ``data:``, ``vbscript:``, relative addresses, the same
hidden behind entities or whitespace) becomes plain text.
"""

from __future__ import annotations

import html
import re
import sys
import time
from collections.abc import Callable, Sequence
from types import FrameType
from typing import Any, TypeVar
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from mailer.i18n import _
from mailer.message import hole
from mailer.render.errors import ContentError, ContentRefused

SCHEMES = frozenset({"http", "https", "mailto", "tel"})
MAX_NESTING = 16
MARKDOWN_CPU_SECONDS = 5.0
_CLOCK_EVERY = 64
T = TypeVar("T")

# Holes whose value is our own link, so they may stand as a whole address.
_URL_HOLES = frozenset({hole("unsubscribe_url", part) for part in ("html", "text")})
# Browsers drop tabs and newlines anywhere in a URL, and C0 controls and spaces at its ends.
_IGNORED_IN_URL = re.compile(r"[\t\n\r]")
_EDGE = "".join(map(chr, range(0x21))) + "\x7f"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def safe_url(url: str) -> str | None:
    """The address as a browser would read it, if its scheme is allowed; else None."""
    if url in _URL_HOLES:
        return url
    plain = html.unescape(url.replace(AMP_SUBSTITUTE, "&"))
    plain = _IGNORED_IN_URL.sub("", plain).strip(_EDGE)
    match = _SCHEME.match(plain)
    if match is None or match.group(1).lower() not in SCHEMES:
        return None
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in plain):
        return None
    return plain


class _SafeLinks(Treeprocessor):  # type: ignore[misc]  # markdown ships no types
    """Runs last: an ``a`` or ``img`` whose address is not allowed becomes its text."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag == "a":
                _keep_or_unlink(element, "href")
            elif element.tag == "img":
                _keep_or_unlink(element, "src")


def _keep_or_unlink(element: Element, attribute: str) -> None:
    url = safe_url(element.get(attribute, ""))
    if url is not None:
        element.set(attribute, url)
        return
    alt = element.get("alt", "")
    element.tag = "span"
    element.attrib.clear()
    if alt:
        element.text = alt


def _converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # No raw HTML from coordinators: it is escaped and shown as text.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    # Line breaks between block tags only pretty-print the HTML (which is sent
    # quoted-printable anyway); skipping them saves ~10% of the conversion.
    md.treeprocessors.deregister("prettify")
    md.treeprocessors.register(_SafeLinks(md), "pleinpost_safe_links", -10)
    return md


_MD = _converter()


def check_nesting(source: str) -> None:
    """Refuse brackets or parentheses open more than ``MAX_NESTING`` deep in a paragraph."""
    for number, paragraph in enumerate(_PARAGRAPH.split(source), start=1):
        depth = {"[": 0, "(": 0}
        escaped = False
        for char in paragraph:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char in "[(":
                depth[char] += 1
                if depth[char] > MAX_NESTING:
                    raise ContentRefused(
                        _(
                            "paragraph {number} opens more than {limit} brackets or "
                            "parentheses inside each other; close them or remove some"
                        ).format(number=number, limit=MAX_NESTING)
                    )
            elif char in "])":
                opener = "[" if char == "]" else "("
                depth[opener] = max(0, depth[opener] - 1)


class _OutOfTime(BaseException):
    """Raised by the profile hook; a BaseException so no ``except Exception`` swallows it."""


def cpu_limited(work: Callable[[], T], seconds: float, clock: Callable[[], float]) -> T:
    """``work()``, stopped after ``seconds`` of this thread's CPU time.

    A profile hook sees every Python and C call, so a loop that calls
    anything is stopped within a few dozen calls; CPU time, not wall time, so
    a busy machine does not refuse text a quiet one accepts. It makes
    Markdown about twice as slow (~5 ms for a 1.3 KB article), once per
    campaign and language.
    """
    deadline = clock() + seconds
    events = 0
    armed = True

    def hook(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal events
        events += 1
        # Reading the CPU clock is a system call: look every 64 events (~3x cheaper).
        if armed and events % _CLOCK_EVERY == 0 and clock() > deadline:
            raise _OutOfTime  # CPython removes a hook that raises: it fires once

    if sys.getprofile() is not None:
        # A profiler (cProfile in a bench run) holds the hook; putting it back from
        # Python would install it as a plain function that fails on its next call.
        return work()
    sys.setprofile(hook)
    try:
        return work()
    except _OutOfTime:
        raise ContentError(
            _("the Markdown takes too long to convert (over {seconds:g} s); simplify it").format(
                seconds=seconds
            )
        ) from None
    finally:
        armed = False  # no call before this line: nothing can raise past the except
        sys.setprofile(None)


def convert(sources: Sequence[str], clock: Callable[[], float] = time.thread_time) -> list[str]:
    """Each source → HTML, all within one ``MARKDOWN_CPU_SECONDS`` budget."""
    for source in sources:
        check_nesting(source)
    return cpu_limited(
        lambda: [_convert_one(source) for source in sources], MARKDOWN_CPU_SECONDS, clock
    )


def _convert_one(source: str) -> str:
    _MD.reset()
    return str(_MD.convert(source))
