"""The plain-text part, made from the compiled HTML so the two never drift apart.

A small converter for OUR HTML only: MJML's layout (tables, divs, Outlook
comments) around what our templates and Python-Markdown write (headings,
paragraphs, lists, links, images, quotes, code, simple tables). A general
converter (html2text) spent ~3 ms per newsletter on layout it then threw
away; one regex tokenizer over the document is about ten times faster.

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
from html import unescape

from mailer.message import HTML, TEXT
from mailer.render.textwriter import TextWriter

# What never shows: the head (title, styles), comments (Outlook's conditional
# tables too) and scripts.
_DROP = re.compile(
    r"<head\b.*?</head\s*>|<!--.*?-->|<(script|style|title)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE
)
_TOKEN = re.compile(
    r"""<(/?)([A-Za-z][A-Za-z0-9]*)((?:"[^"]*"|'[^']*'|[^'">])*)>|<![^>]*>|<\?[^>]*>"""
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
    body = _DROP.sub("", html)
    pos = 0
    for match in _TOKEN.finditer(body):
        if match.start() > pos:
            converter.data(body[pos : match.start()])
        pos = match.end()
        slash, name, attrs = match.group(1, 2, 3)
        if name is None:
            continue  # <!doctype …>
        if slash:
            converter.end(name.lower())
        else:
            converter.start(name.lower(), attrs)
    if pos < len(body):
        converter.data(body[pos:])
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


class _Converter:
    """Turns the tag stream into calls on a ``TextWriter``; one per document."""

    def __init__(self) -> None:
        self.out = TextWriter()
        self.stack: list[tuple[str, Closer]] = []
        self.hidden = 0
        self.pre = 0
        self.lists: list[list[int]] = []  # [next number] for ol, [] for ul
        self.links: dict[str, int] = {}

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
        text = unescape(_SPACE.sub(" ", raw))
        if text:
            self.out.text(text)

    def start(self, name: str, attrs: str) -> None:
        void = name in _VOID or attrs.endswith("/")
        if self.hidden:
            closer: Closer = None
        elif name == "div" and _HIDDEN_STYLE.search(attrs):
            self.hidden += 1
            closer = self._unhide
        else:
            closer = self._open(name, attrs)
        if not void:
            self.stack.append((name, closer))

    def end(self, name: str) -> None:
        stack = self.stack
        if stack and stack[-1][0] == name:
            closer = stack.pop()[1]
            if closer is not None:
                closer()
            return
        if not any(entry[0] == name for entry in stack):
            return  # a stray end tag
        while self.stack:
            tag, closer = self.stack.pop()
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

    # elements

    def _open(self, name: str, attrs: str) -> Closer:
        out = self.out
        if name in _BLOCKS:
            out.brk(2)
            return self._block
        if name == "div":
            return self._div(attrs)
        if name in ("tr", "td", "th"):
            return self._table_part(name)
        if name in ("ul", "ol", "li"):
            return self._list_part(name, attrs)
        if name in _HEADINGS:
            out.brk(2)
            out.capture()
            level = _HEADINGS[name]
            return lambda: self._heading(level)
        if name == "a":
            out.capture()
            href = attributes(attrs).get("href", "").strip()
            return lambda: self._link(href)
        if name == "img":
            alt = attributes(attrs).get("alt", "")
            if alt.strip():
                out.text(_SPACE.sub(" ", alt))
            return None
        if name == "br":
            out.line_break()
            return None
        if name == "hr":
            out.brk(2)
            out.text(_RULE)
            out.brk(2)
            return None
        if name in ("blockquote", "pre"):
            return self._indented(name)
        return None

    def _block(self) -> None:
        self.out.brk(2)

    def _div(self, attrs: str) -> Closer:
        out = self.out
        lines = 1 if out.in_data_row() else 2
        out.brk(lines)
        if _UPPER_STYLE.search(attrs):
            out.capture()

            def close_upper() -> None:
                title = out.release()
                if title:
                    out.text(upper(title))
                out.brk(lines)

            return close_upper
        return lambda: out.brk(lines)

    def _unhide(self) -> None:
        self.hidden -= 1

    def _table_part(self, name: str) -> Closer:
        out = self.out
        if name == "tr":
            out.row_start()
            return out.row_end
        out.cell_start()
        return out.cell_end

    def _list_part(self, name: str, attrs: str) -> Closer:
        out = self.out
        if name == "li":
            numbers = self.lists[-1] if self.lists else []
            if numbers:
                out.bullet = f"{numbers[0]}. "
                numbers[0] += 1
            else:
                out.bullet = "- "
            out.brk(1)
            out.prefix.append(" " * len(out.bullet))

            def close_item() -> None:
                out.prefix.pop()
                out.bullet = None
                out.brk(1)

            return close_item
        lines = 1 if out.bullet is not None or self.lists else 2
        out.brk(lines)
        start = attributes(attrs).get("start", "1") if name == "ol" else ""
        self.lists.append([int(start) if start.isdigit() else 1] if name == "ol" else [])

        def close_list() -> None:
            self.lists.pop()
            out.brk(lines)

        return close_list

    def _indented(self, name: str) -> Closer:
        """Quotes get "> " before each line, code four spaces and its line breaks kept."""
        out = self.out
        out.brk(2)
        out.prefix.append("> " if name == "blockquote" else "    ")
        if name == "pre":
            self.pre += 1

        def close() -> None:
            if name == "pre":
                self.pre -= 1
            out.prefix.pop()
            out.brk(2)

        return close

    def _heading(self, level: int) -> None:
        out = self.out
        title = _SPACE.sub(" ", out.release())
        if not title:
            return
        if level <= 2:
            out.text(title)
            out.brk(1)
            out.text(("=" if level == 1 else "-") * len(title))
        else:
            out.text(upper(title))
        out.brk(2)

    def _link(self, href: str) -> None:
        out = self.out
        label = _SPACE.sub(" ", out.release())
        shown = href[7:] if href[:7].lower() == "mailto:" else href
        if not href or href.startswith("#"):
            if label:
                out.text(label)
        elif not label:
            out.text(shown)
        elif _same_place(label, href):
            out.text(label)
        else:
            number = self.links.setdefault(shown, len(self.links) + 1)
            out.text(f"{label} [{number}]")
