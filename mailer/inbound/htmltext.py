"""HTML mail to plain text, cutting the quoted message at the client's marker first.

A text conversion loses the markers that say where Outlook, Gmail, Apple Mail
and Thunderbird put the quoted message (``divRplyFwdMsg``, ``gmail_quote``,
``blockquote type=cite``...), and the text trimmer then sees the quoted
invitation as part of the answer. So the cut happens on the HTML elements, as
the parser meets them, and only the part above the first marker becomes the
text. Stdlib ``html.parser`` only: it never raises on broken markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_BLOCK = {
    "p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "hr", "section", "article", "header", "footer", "center", "dl", "dt", "dd",
}  # fmt: skip
_SKIP = {"script", "style", "head", "title", "xml", "o:p"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base"}
# (tag or "*", attribute, pattern on the value) -> marker name
_MARKERS: tuple[tuple[str, str, re.Pattern[str], str], ...] = (
    ("*", "class", re.compile(r"\bgmail_quote\b"), "gmail_quote"),
    ("*", "class", re.compile(r"\byahoo_quoted\b"), "yahoo_quoted"),
    ("*", "class", re.compile(r"\bmoz-cite-prefix\b"), "moz-cite-prefix"),
    ("*", "class", re.compile(r"\bOutlookMessageHeader\b", re.I), "OutlookMessageHeader"),
    ("*", "class", re.compile(r"\bzmail_extra\b|\bzimbra_quote\b", re.I), "zimbra"),
    ("*", "id", re.compile(r"^(x_)?divRplyFwdMsg$", re.I), "divRplyFwdMsg"),
    ("*", "id", re.compile(r"^(x_)?appendonsend$", re.I), "appendonsend"),
    ("*", "id", re.compile(r"^(x_)?OLK_SRC_BODY_SECTION$", re.I), "OLK_SRC_BODY_SECTION"),
    ("*", "id", re.compile(r"mail-editor-reference-message-container", re.I), "reference-message"),
    ("blockquote", "type", re.compile(r"^cite$", re.I), "blockquote-cite"),
    ("div", "style", re.compile(r"border-top:\s*solid\s*#(E1E1E1|B5C4DF)", re.I), "outlook-border"),
)


@dataclass(frozen=True)
class HtmlText:
    text: str
    quote: str = ""  # the text below the cut
    marker: str = ""  # which marker cut it; "" when nothing was cut


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.kept: list[str] = []
        self.quote: list[str] = []
        self.marker = ""
        self.skip_depth = 0
        self.quote_depth = 0  # open <blockquote> elements above the cut
        self.cell_depth = 0  # open <td>/<th>: a table row is one line, cells joined by " | "

    def _out(self) -> list[str]:
        return self.quote if self.marker else self.kept

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag in _SKIP:
            self.skip_depth += tag not in _VOID
            return
        if not self.marker:
            self._check_marker(tag, attrs)
        if tag == "blockquote" and not self.marker:
            self.quote_depth += 1
        if tag in ("td", "th"):
            self.cell_depth += 1
        if tag == "li":
            self._out().append("\n- ")
        elif tag in _BLOCK:
            self._out().append(" " if self.cell_depth and tag not in ("tr", "table") else "\n")

    def _check_marker(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        for want, attr, pattern, name in _MARKERS:
            if (want in ("*", tag)) and pattern.search(values.get(attr, "")):
                self.marker = name
                return

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag.lower() in _BLOCK:
            self._out().append("\n")

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "blockquote" and not self.marker:
            self.quote_depth = max(0, self.quote_depth - 1)
        if tag in ("td", "th") and self.cell_depth:
            self.cell_depth -= 1
            self._out().append(" | ")
        elif tag in _BLOCK:
            self._out().append(" " if self.cell_depth and tag not in ("tr", "table") else "\n")

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        data = re.sub(r"[ \t\r\n\f\u00a0]+", " ", data)
        if self.quote_depth and not self.marker:
            data = data.replace("\n", "\n> ")
            out = self._out()
            if not out or out[-1].endswith("\n"):
                data = "> " + data.lstrip()
        self._out().append(data)


def html_to_text(html: str) -> HtmlText:
    converter = _Converter()
    try:
        converter.feed(html)
        converter.close()
    except Exception:
        pass
    return HtmlText(
        _tidy("".join(converter.kept)), _tidy("".join(converter.quote)), converter.marker
    )


def _tidy(text: str) -> str:
    lines = [re.sub(r"^(\s*\|)+|(\|\s*)+$", "", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
