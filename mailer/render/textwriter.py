"""Line layout for the plain-text part: blank lines, bullets, indents, "label: value".

Breaks are requested lazily and only written before the next visible text,
so empty blocks (MJML's spacer paragraphs, whitespace between layout tags)
leave no trace and a later decision (a table cell that turns a row into
"label: value") can still replace a break that was asked for earlier.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Row:
    """A table row: a row with text in two cells reads as 'label: value'."""

    cells: int = 0  # cells opened so far
    texted: int = 0  # cells that had text
    cell_has_text: bool = False
    multiline: bool = False


def _shared(a: str, b: str) -> str:
    """The common start of two line prefixes."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return a[:n]


class TextWriter:
    """Collects text; ``brk(n)`` asks for n line ends (2 = blank line) before the next text."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pending = 0
        self.started = False
        self.prefix: list[str] = []  # indents for lists, quotes and code
        self.lead = ""  # the prefix of the current line
        self.bullet: str | None = None  # "- " or "3. " to put before the next text
        self.joiner: str | None = None  # ": " between a row's label and value
        self.rows: list[Row] = []
        self.sinks: list[list[str]] = []  # captured inline text (links, headings)

    def brk(self, lines: int) -> None:
        if self.sinks:
            self.sinks[-1].append(" ")
        elif lines > self.pending:
            self.pending = lines

    def line_break(self) -> None:
        """``<br>``: one line end; a second one in a row makes a blank line."""
        if self.sinks:
            self.sinks[-1].append(" ")
        elif self.started:
            self.pending = min(self.pending + 1, 2)

    def capture(self) -> None:
        self.sinks.append([])

    def release(self) -> str:
        return "".join(self.sinks.pop()).strip(" ")

    def text(self, s: str, raw: bool = False) -> None:
        """Write visible text; ``raw`` keeps leading spaces (preformatted code)."""
        if self.sinks:
            sink = self.sinks[-1]
            if s[:1] == " " and (not sink or sink[-1][-1:] == " "):
                s = s[1:]
            if s:
                sink.append(s)
            return
        if self.joiner is not None and self.started:
            s = s.lstrip(" ")
            if not s:
                return
            if self.parts:
                self.parts[-1] = self.parts[-1].rstrip(" ")
            self.parts.append(self.joiner)
            self.joiner = None
            self.pending = 0
        elif (self.pending and self.started) or not self.started:
            if not raw:
                s = s.lstrip(" ")
            if not s:
                return
            self._flush_breaks()
        elif s[:1] == " " and self.parts and self.parts[-1][-1:] == " ":
            s = s[1:]
        if s:
            self.parts.append(s)
            self._count_cell()

    def _flush_breaks(self) -> None:
        lead = "".join(self.prefix)
        if self.started:
            # a blank line carries only what both neighbours share: no "> " before a quote
            blank = "\n" + _shared(self.lead, lead).rstrip(" ")
            self.parts.append(blank * (self.pending - 1) + "\n")
        self.lead = lead
        if self.started and self.rows and self.rows[-1].texted:
            self.rows[-1].multiline = True
        if self.bullet is not None:
            lead = "".join(self.prefix[:-1]) + self.bullet
            self.bullet = None
        self.parts.append(lead)
        self.pending = 0
        self.started = True

    def _count_cell(self) -> None:
        if self.rows:
            row = self.rows[-1]
            if not row.cell_has_text:
                row.cell_has_text = True
                row.texted += 1

    # table rows and cells

    def row_start(self) -> None:
        self.rows.append(Row())

    def row_end(self) -> None:
        if self.rows:
            row = self.rows.pop()
            self.brk(2 if row.multiline else 1)

    def cell_start(self) -> None:
        if self.rows:
            row = self.rows[-1]
            row.cells += 1
            row.cell_has_text = False
            if row.texted:
                self.joiner = ": "

    def cell_end(self) -> None:
        self.joiner = None

    def in_data_row(self) -> bool:
        """Inside a row of two or more cells: its blocks are lines, not paragraphs."""
        return bool(self.rows) and self.rows[-1].cells >= 2

    def result(self) -> str:
        return "".join(self.parts)
