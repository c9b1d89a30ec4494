"""Links and images in coordinator Markdown keep only http, https, mailto and tel."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailer.render import content, md
from mailer.render.errors import ContentRefused

ALLOWED = ("http:", "https:", "mailto:", "tel:")
PAYLOADS = (
    "javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "jar:https://evil.example/x.jar!/",
    "//evil.example/x",
    "evil.example/x",
    "#top",
)
# What browsers ignore inside a URL, and ways to spell a character as an entity.
NOISE = ("\t", "\n", " ", "\x00", "\x01", "\x0b", "\x7f", "&#x09;", "&#9;", "&Tab;", "&#10;",
         "&NewLine;", "&#x0A;", "&#13;", "\\", "%0a", "&#0;", "\u200b")  # fmt: skip


def _entity(char: str, form: int) -> str:
    return (char, f"&#{ord(char)};", f"&#x{ord(char):x};", f"&#X{ord(char):X};")[form]


@st.composite
def hostile_urls(draw: st.DrawFn) -> str:
    url = draw(st.sampled_from(PAYLOADS))
    cased = "".join(c.upper() if draw(st.booleans()) else c for c in url)
    chars = [_entity(c, draw(st.integers(0, 3))) for c in cased]
    for _ in range(draw(st.integers(0, 4))):
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(NOISE)))
    return draw(st.sampled_from(("", " ", "\x01", "&#32;"))) + "".join(chars)


def _markdown(url: str, form: int) -> str:
    return (
        f"[klik]({url})",
        f"![plaatje]({url})",
        f"[klik](<{url}>)",
        f"[klik][r]\n\n[r]: {url}",
        f'[klik]({url} "titel")',
    )[form]


class _Addresses(HTMLParser):
    """Every href and src, decoded as a browser decodes an attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value or "" for name, value in attrs if name in ("href", "src")]


def _addresses(html: str) -> list[str]:
    parser = _Addresses()
    parser.feed(html)
    parser.close()
    return parser.found


def _as_browser_reads(url: str) -> str:
    """WHATWG URL parsing: tabs and newlines vanish, C0 controls and spaces at the ends go."""
    return re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(0x21)))).lower()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(url=hostile_urls(), form=st.integers(0, 4))
def test_hostile_addresses_never_reach_the_html(url: str, form: int) -> None:
    source = _markdown(url, form)
    for address in _addresses(content.markdown_html(source)):
        assert _as_browser_reads(address).startswith(ALLOWED), (source, address)
    try:
        content.check_content(source)
    except ContentRefused:
        return


@settings(max_examples=300, deadline=None)
@given(url=st.text(max_size=60), form=st.integers(0, 4))
def test_any_address_that_survives_has_an_allowed_scheme(url: str, form: int) -> None:
    source = _markdown(url, form)
    for address in _addresses(content.markdown_html(source)):
        assert _as_browser_reads(address).startswith(ALLOWED), (source, address)


@pytest.mark.parametrize(
    "url",
    [
        "https://pleinpost.example/a?b=1&c=2",
        "http://example.org",
        "mailto:info@pleinpost.example",
        "tel:+31612345678",
        "HTTPS://PLEINPOST.EXAMPLE",
    ],
)
def test_good_addresses_stay(url: str) -> None:
    content.check_content(f"[klik]({url}) ![plaatje]({url})")
    assert _addresses(content.markdown_html(f"[klik]({url}) ![plaatje]({url})")) == [url, url]


@pytest.mark.parametrize(
    "source",
    ["[x](javascript:alert(1))", "![x](data:image/png;base64,AAAA)", "[x](java&#x09;script:a)"],
)
def test_bad_addresses_are_refused_when_written_and_neutralised_when_rendered(
    source: str, english: None
) -> None:
    with pytest.raises(ContentRefused, match="https://"):
        content.check_content(source)
    html = content.markdown_html(source)
    assert _addresses(html) == []
    assert "<span>x</span>" in html  # the words stay, the link goes


def test_the_unsubscribe_placeholder_is_a_link_but_a_name_is_not() -> None:
    ctx = {"unsubscribe_url": "%%h:unsubscribe_url%%", "name": "%%h:name%%"}
    source = "[afmelden]({{ unsubscribe_url }}) [naam]({{ name }})"
    content.check_content(source)
    html = content.markdown_html(content.render_sandboxed(source, ctx, "de inhoud"))
    assert _addresses(html) == ["%%h:unsubscribe_url%%"]


def test_safe_url_reads_entities_and_whitespace_like_a_browser() -> None:
    assert md.safe_url("java&#x09;script:alert(1)") is None
    assert md.safe_url(" \x01https://a.example ") == "https://a.example"
    assert md.safe_url("https://a.example/\x00x") is None
    assert md.safe_url("mailto&#58;a@b.example") == "mailto:a@b.example"
