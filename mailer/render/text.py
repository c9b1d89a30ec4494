"""The plain-text part, made from the compiled HTML so the two never drift apart.

A small converter for OUR HTML only: MJML's layout (tables, divs, Outlook
comments) around what our templates and Python-Markdown write (headings,
paragraphs, lists, links, images, quotes, code, simple tables). A general
converter (html2text) took ~3 ms for a 10-article newsletter, most of it on
layout it then threw away; one regex tokenizer pass (``findall``) with a
handler only for the tags that mean something takes about a third of that.

How it reads:

- paragraphs and blocks are separated by one blank line;
- ``#`` headings are underlined with ``=``, ``##`` with ``-``; smaller
  headings and the templates' uppercase section titles are in capitals;
- lists use "- " and "1. ", nested lists are indented;
- a table row with two cells reads "label: value";
- a link reads "text [1]" with a numbered list of addresses at the end
  (a link whose text is its address is written once, in place);
- images become their alt text; entities are decoded; hole markers stay,
  switched from the HTML form to the text form (values are not escaped there).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from html import unescape

from mailer.message import HTML, TEXT
from mailer.render.textwriter import TextWriter

# One pass, at C speed: text | things that never show (the head, comments
# including Outlook's conditional tables, doctype) | a tag | a stray "<".
_TOKEN = re.compile(
    r"""([^<]+)|<head\b.*?</head\s*>|<!--.*?-->"""
    r"""|<(/?)([A-Za-z][A-Za-z0-9]*)([^'">]*(?:(?:"[^"]*"|'[^']*')[^'">]*)*)>"""
    r"""|<[!?][^>]*>|(<)""",
    re.DOTALL | re.IGNORECASE,
)
_ATTR = re.compile(r"""([A-Za-z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML whitespace; a no-break space stays
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_UPPER_STYLE = re.compile(r"text-transform\s*:\s*uppercase", re.IGNORECASE)
_HOLE = re.compile(r"(%%[" + HTML[0] + TEXT[0] + r"]:[A-Za-z0-9_]+%%)")
_HTML_HOLE = re.compile(r"%%" + HTML[0] + r":([A-Za-z0-9_]+)%%")
_BLANK_RUNS = re.compile(r"\n{3,}")
_TRAILING = re.compile(r"[ \t\xa0]+$", re.MULTILINE)
_SCHEME = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_BLOCKS = frozenset(
    {
        "p", "table", "address", "article", "aside", "center", "dl", "dd", "dt", "figure",
        "figcaption", "footer", "form", "header", "nav", "section",
    }
)  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_RULE = "----------"


def html_to_text(html: str) -> str:
    """Readable text for the ``text/plain`` part of ``html`` (see the module docstring)."""
    converter = _Converter()
    data, start, end = converter.data, converter.start, converter.end
    for text, slash, name, attrs, stray in _TOKEN.findall(html):
        if text:
            data(text)
        elif name:
            if slash:
                end(name.lower())
            else:
                start(name.lower(), attrs)
        elif stray:
            data(stray)
    return converter.result()


def attributes(raw: str) -> dict[str, str]:
    """The attributes of a start tag, entities decoded."""
    return {
        m.group(1).lower(): unescape(m.group(2) or m.group(3) or m.group(4) or "")
        for m in _ATTR.finditer(raw)
    }


def upper(text: str) -> str:
    """Capitals for a heading, leaving hole markers (case-sensitive names) as they are."""
    pieces = _HOLE.split(text)
    return "".join(p if i % 2 else p.upper() for i, p in enumerate(pieces))


def _same_place(label: str, href: str) -> bool:
    """True when a link's text already shows where it goes ("www.x.nl" for "https://www.x.nl/")."""
    a = _SCHEME.sub("", label.strip()).rstrip("/").lower()
    return a == _SCHEME.sub("", href).rstrip("/").lower()


Closer = Callable[[], None] | None
Handler = Callable[[str], Closer]


class _Converter:
    """Turns the tag stream into calls on a ``TextWriter``; one per document.

    Only tags with a handler matter; the rest (tbody, span, strong, …) are
    skipped, start and end, which keeps MJML's layout cheap.
    """

    def __init__(self) -> None:
        self.out = TextWriter()
        self.stack: list[tuple[str, Closer]] = []
        self.hidden = 0
        self.pre = 0
        self.lists: list[list[int]] = []  # [next number] for ol, [] for ul
        self.links: dict[str, int] = {}
        self.handlers: dict[str, Handler] = {
            **dict.fromkeys(_BLOCKS, self._block),
            **{h: partial(self._heading, level) for h, level in _HEADINGS.items()},
            **dict.fromkeys(("script", "style", "template", "title"), self._hide),
            "div": self._div, "tr": self._row, "td": self._cell, "th": self._cell,
            "ul": partial(self._list, False), "ol": partial(self._list, True), "li": self._item,
            "a": self._link, "img": self._image, "br": self._br, "hr": self._rule,
            "blockquote": partial(self._indented, "> ", False),
            "pre": partial(self._indented, "    ", True),
        }  # fmt: skip

    # tokens

    def data(self, raw: str) -> None:
        if self.hidden:
            return
        if self.pre:
            for i, line in enumerate(unescape(raw).split("\n")):
                if i and self.out.started:
                    self.out.pending += 1
                if line:
                    self.out.text(line, raw=True)
            return
        self.out.text(unescape(_SPACE.sub(" ", raw)))

    def start(self, name: str, attrs: str) -> None:
        handler = self.handlers.get(name)
        if handler is None:
            return
        closer = None if self.hidden else handler(attrs)
        if name not in _VOID and not attrs.endswith("/"):
            self.stack.append((name, closer))

    def end(self, name: str) -> None:
        stack = self.stack
        if stack and stack[-1][0] == name:
            closer = stack.pop()[1]
            if closer is not None:
                closer()
        elif name in self.handlers and any(entry[0] == name for entry in stack):
            while stack:  # close what was left open inside it
                tag, closer = stack.pop()
                if closer is not None:
                    closer()
                if tag == name:
                    return

    def result(self) -> str:
        text = _TRAILING.sub("", self.out.result())
        text = _BLANK_RUNS.sub("\n\n", text).strip("\n")
        if self.links:
            text += "\n\n" + "\n".join(f"[{n}] {url}" for url, n in self.links.items())
        return _HTML_HOLE.sub(lambda m: "%%" + TEXT[0] + ":" + m.group(1) + "%%", text) + "\n"

    # blocks

    def _block(self, attrs: str) -> Closer:
        self.out.brk(2)
        return self._block_end

    def _block_end(self) -> None:
        self.out.brk(2)

    def _div(self, attrs: str) -> Closer:
        """MJML wraps every text block in a div: a paragraph, or a line inside a table row."""
        out = self.out
        if "display" in attrs and _HIDDEN_STYLE.search(attrs):
            return self._hide(attrs)  # the inbox preview text
        lines = 1 if out.in_data_row() else 2
        out.brk(lines)
        if "uppercase" in attrs and _UPPER_STYLE.search(attrs):
            out.capture()

            def close_upper() -> None:
                title = out.release()
                if title:
                    out.text(upper(title))
                out.brk(lines)

            return close_upper
        return self._block_end if lines == 2 else self._line_end

    def _line_end(self) -> None:
        self.out.brk(1)

    def _hide(self, attrs: str) -> Closer:
        self.hidden += 1
        return self._unhide

    def _unhide(self) -> None:
        self.hidden -= 1

    def _heading(self, level: int, attrs: str) -> Closer:
        out = self.out
        out.brk(2)
        out.capture()

        def close() -> None:
            title = _SPACE.sub(" ", out.release())
            if title and level <= 2:
                out.text(title)
                out.brk(1)
                out.text(("=" if level == 1 else "-") * len(title))
            elif title:
                out.text(upper(title))
            out.brk(2)

        return close

    def _rule(self, attrs: str) -> Closer:
        self.out.brk(2)
        self.out.text(_RULE)
        self.out.brk(2)
        return None

    def _indented(self, lead: str, pre: bool, attrs: str) -> Closer:
        """Quotes get "> " before each line; code four spaces, its line breaks kept."""
        out = self.out
        out.brk(2)
        out.prefix.append(lead)
        self.pre += pre

        def close() -> None:
            self.pre -= pre
            out.prefix.pop()
            out.brk(2)

        return close

    # tables and lists

    def _row(self, attrs: str) -> Closer:
        self.out.row_start()
        return self.out.row_end

    def _cell(self, attrs: str) -> Closer:
        self.out.cell_start()
        return self.out.cell_end

    def _list(self, numbered: bool, attrs: str) -> Closer:
        out = self.out
        lines = 1 if self.lists else 2  # a nested list hangs under its item
        out.brk(lines)
        start = attributes(attrs).get("start", "1") if numbered else ""
        self.lists.append([int(start) if start.isdigit() else 1] if numbered else [])

        def close() -> None:
            self.lists.pop()
            out.brk(lines)

        return close

    def _item(self, attrs: str) -> Closer:
        out = self.out
        numbers = self.lists[-1] if self.lists else []
        if numbers:
            out.bullet = f"{numbers[0]}. "
            numbers[0] += 1
        else:
            out.bullet = "- "
        out.brk(1)
        out.prefix.append(" " * len(out.bullet))

        def close() -> None:
            out.prefix.pop()
            out.bullet = None
            out.brk(1)

        return close

    # inline

    def _br(self, attrs: str) -> Closer:
        self.out.line_break()
        return None

    def _image(self, attrs: str) -> Closer:
        alt = _SPACE.sub(" ", attributes(attrs).get("alt", "")).strip()
        if alt:
            self.out.text(alt)
        return None

    def _link(self, attrs: str) -> Closer:
        out = self.out
        href = attributes(attrs).get("href", "").strip()
        out.capture()

        def close() -> None:
            label = _SPACE.sub(" ", out.release())
            plain = href[:7].lower() == "mailto:" and "?" not in href  # a button keeps its scheme
            shown = href[7:] if plain else href
            if not href or href.startswith("#"):
                out.text(label)
            elif not label:
                out.text(shown)
            elif _same_place(label, href):
                out.text(label)
            else:
                number = self.links.setdefault(shown, len(self.links) + 1)
                out.text(f"{label} [{number}]")

        return close
