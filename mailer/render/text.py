"""The plain-text part, made from the same HTML so the two never drift apart."""

from __future__ import annotations

import re

import html2text

from mailer.message import HTML, TEXT

# mjml's hidden preview text and the Outlook-only conditional blocks
_HIDDEN = re.compile(
    r'<div style="display:none;font-size:1px;[^"]*">.*?</div>|<!--\[if mso.*?<!\[endif\]-->'
    r"|<head>.*?</head>",
    re.DOTALL,
)
_ATTRIBUTES = re.compile(r"<(?!a\b|img\b)(\w+)\b[^>]*>")
_CELL_GAP = re.compile(r"(?:<br>)*</td>\s*<td>")
_LAYOUT_TAGS = re.compile(r"</?(?:table|tbody|thead|tr|td|span|html|body|center)>")
_HTML_MARKER = re.compile(r"%%" + HTML[0] + r":([A-Za-z0-9_\\]+)%%")
_BLANK_RUNS = re.compile(r"\n{3,}")


def _converter() -> html2text.HTML2Text:
    conv = html2text.HTML2Text()
    conv.body_width = 0  # no hard wrap: readers wrap, and wrapping doubled the cost
    conv.ignore_images = False
    conv.images_to_alt = True
    conv.ignore_emphasis = True
    conv.ignore_tables = True
    conv.inline_links = False  # links written out as a list below the text, numbered
    conv.protect_links = True
    conv.wrap_links = False
    conv.wrap_list_items = True
    conv.unicode_snob = True
    conv.escape_snob = False
    return conv


def _simplify(html: str) -> str:
    """Strip MJML's layout tables and styles: html2text is slow on them and
    reads them badly. Table cells side by side become "label: value"."""
    body = _ATTRIBUTES.sub(r"<\1>", _HIDDEN.sub("", html))
    body = body.replace("<div>", "").replace("</div>", "<br><br>")
    body = _CELL_GAP.sub(": ", body).replace("</tr>", "<br>")
    return _LAYOUT_TAGS.sub("", body)


def html_to_text(html: str) -> str:
    """Readable text: headings, lists, and every link written out.

    HTML hole markers become text markers, because the text part's values
    are not HTML-escaped.
    """
    text = _converter().handle(_simplify(html))
    text = _HTML_MARKER.sub(
        lambda m: "%%" + TEXT[0] + ":" + m.group(1).replace("\\", "") + "%%", text
    )
    lines = [line.rstrip() for line in text.splitlines()]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip() + "\n"
