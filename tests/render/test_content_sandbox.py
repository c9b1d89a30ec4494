"""Coordinator text that tries to reach other files or to exhaust time and memory.

Every case that would hang or take gigabytes without its limit runs in a
forked child with an address-space limit; the test waits for the child's
answer (a generous upper bound only stops a broken build from hanging the
suite) and asserts on what it answered, never on how long it took.
"""

from __future__ import annotations

import multiprocessing
import resource
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

import pytest

from mailer.config import Settings
from mailer.errors import InvalidInput, TemplateError
from mailer.render import content, md, prepare, sample_data
from mailer.render.errors import ContentError, ContentRefused

CTX = {"name": "%%t:name%%", "event": {"title": "Werkmiddag"}, "network": "Netwerk"}
_CHILD_MEMORY = 768 * 1024 * 1024  # above what the process uses, far below the attacks
_GIVE_UP_SECONDS = 120  # only for a broken build: a fixed one answers at once


def _child(conn: Connection, func: Callable[..., Any], args: tuple[Any, ...]) -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = _address_space()
    resource.setrlimit(resource.RLIMIT_AS, (used + _CHILD_MEMORY, hard))
    try:
        func(*args)
    except ContentError as err:
        conn.send(("content", str(err)))
    except BaseException as err:
        conn.send(("other", f"{type(err).__name__}: {err}"[:300]))
    else:
        conn.send(("rendered", ""))


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[0])
    return pages * resource.getpagesize()


def in_child(func: Callable[..., Any], *args: Any) -> tuple[str, str]:
    """Run ``func(*args)`` in a forked child with limited memory: (outcome, message)."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(child, func, args))
    process.start()
    child.close()
    try:
        if not parent.poll(_GIVE_UP_SECONDS):
            return ("no answer", "the child did not finish")
        return parent.recv()
    except EOFError:
        return ("died", f"exit code {process.join(5) or process.exitcode}")
    finally:
        process.kill()
        process.join()


def _render(source: str) -> str:
    return content.render_sandboxed(source, CTX, "de inhoud")


# ----------------------------------------------------------------- other files


@pytest.mark.parametrize(
    ("source", "tag"),
    [
        ("{% include 'layout.mjml' %}", "include"),
        ("{% import 'macros.mjml' as m %}", "import"),
        ("{% extends 'layout.mjml' %}", "extends"),
        ("{% from 'macros.mjml' import button %}", "from"),
        ("Hallo\n\n{% if true %}{% include '/etc/passwd' %}{% endif %}", "include"),
    ],
)
def test_other_templates_are_refused_at_check_and_at_render(
    source: str, tag: str, english: None
) -> None:
    with pytest.raises(ContentRefused, match=f"{tag}.*other templates") as refused:
        content.check_content(source)
    assert isinstance(refused.value, InvalidInput)
    with pytest.raises(ContentRefused, match=tag):
        content.check_subject(source.replace("\n", " "))
    # a row written before the check existed: the render refuses it the same way
    with pytest.raises(ContentError, match=tag):
        _render(source)


def test_other_templates_in_a_campaign_are_a_content_error(english: None) -> None:
    data = {**sample_data("invitation", "nl"), "content": "{% include 'layout.mjml' %}"}
    with pytest.raises(ContentError, match="include"):
        prepare("invitation", "nl", data, Settings())
    data = {**sample_data("newsletter", "nl"), "subject": "{% import 'x' as y %}"}
    with pytest.raises(ContentError, match="import"):
        prepare("newsletter", "nl", data, Settings())


@pytest.mark.parametrize(
    "source",
    [
        "{% macro f() %}x{% endmacro %}{{ f() }}",
        "{% call range(3) %}x{% endcall %}",
        "{% block b %}x{% endblock %}",
        "{% set x %}{{ name }}{% endset %}",
        "{% filter upper %}x{% endfilter %}",
        "{% for i in range(3) recursive %}{{ loop(range(3)) }}{% endfor %}",
    ],
)
def test_tags_beyond_placeholders_if_for_and_set_are_refused(source: str, english: None) -> None:
    with pytest.raises(ContentRefused, match="line 1"):
        content.check_content(source)


def test_ordinary_placeholders_conditions_and_loops_still_work() -> None:
    source = (
        "Beste {{ name }}, welkom bij {{ event.title|upper }}.\n"
        "{% if network %}Groet, {{ network }}{% endif %}"
        "{% for i in range(3) %}{{ loop.index }}{% endfor %}"
        "{% set kop = 'Nieuws' ~ ' en ' ~ 'agenda' %} {{ kop }} {{ 'a-b'.split('-')|join('+') }}"
    )
    content.check_content(source)
    assert _render(source) == (
        "Beste %%t:name%%, welkom bij WERKMIDDAG.\nGroet, Netwerk123 Nieuws en agenda a+b"
    )


@pytest.mark.parametrize(
    ("source", "match"),
    [
        ("{{ lipsum(5) }}", "lipsum"),
        ("{{ 'x'.ljust(100000000) }}", "ljust"),
        ("{% set l = [1] %}{{ l.extend(l) }}", "extend"),
        ("{{ '{:>999999999}'.format(1) }}", "format"),
        ("{{ '%999999999s' % 'x' }}", "%"),
        ("{{ 'x'|center(999999999) }}", "center"),
        ("{{ 10 // 0 }}", "division"),
        ("{{ 2.0 ** 99999 }}", "range"),
    ],
)
def test_what_the_sandbox_does_not_offer_is_a_content_error(
    source: str, match: str, english: None
) -> None:
    with pytest.raises(ContentError, match=match):
        _render(source)


# ------------------------------------------------------------ time and memory


@pytest.mark.parametrize(
    ("source", "match"),
    [
        (
            "{% for a in range(99999) %}{% for b in range(99999) %}x{% endfor %}{% endfor %}",
            "range",
        ),
        (
            "{% for a in range(100) %}{% for b in range(100) %}{% for c in range(100) %}"
            "{% for d in range(100) %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
            "too much work",
        ),
        (
            "{% set r = 'x' * 100 %}{% for a in r %}{% for b in r %}{% for c in r %}"
            "{% for d in r %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
            "too much work",
        ),
        ("{{ 'x' * 3000000000 }}", "longer than"),
        ("{{ [0] * 3000000000 }}", "longer than"),
        ("{{ 9 ** 9999999 }}", "numbers this large"),
        ("{% set a = 99 ** 30 %}{{ a * a * a * a * a * a * a * a * a * a }}", "numbers"),
        (
            "{% set a = 'x' * 200000 %}{% set b = a ~ a %}{% set c = b ~ b %}{% set d = c ~ c %}"
            "{{ d|length }}",
            "longer than",
        ),
        ("{% set a = 'x' * 200000 %}{{ (a + a + a + a + a + a)|length }}", "longer than"),
        ("{{ ('a' * 20000).replace('a', 'b' * 20000)|length }}", "longer than"),
        ("{{ ('a' * 20000)|replace('a', 'b' * 20000)|length }}", "longer than"),
        ("{{ ('x' * 200000)|list|join('y' * 200000) }}", "longer than"),
        ("{% for i in range(100) %}{{ 'x' * 200000 }}{% endfor %}", "result is longer"),
    ],
)
def test_work_and_memory_are_bounded(source: str, match: str, english: None) -> None:
    outcome, message = in_child(_render, source)
    assert outcome == "content", message
    assert match in message


def test_a_five_megabyte_content_is_refused_by_its_size(english: None) -> None:
    huge = "Een zin over vervoer in de regio. " * 160_000  # 5.4 MB
    outcome, message = in_child(content.check_content, huge)
    assert outcome == "content", message
    assert "at most 200 KB" in message
    with pytest.raises(ContentRefused):
        content.check_content("x" * (content.MAX_CONTENT_BYTES + 1))
    content.check_content("x" * content.MAX_CONTENT_BYTES)


def test_deep_brackets_are_refused_before_markdown_sees_them(english: None) -> None:
    nested = "[" * 20_000 + "x" + "]" * 20_000  # 40 KB: python-markdown ran for minutes
    for check in (content.check_content, content.markdown_html):
        outcome, message = in_child(check, nested)
        assert outcome == "content", message
        assert "brackets" in message
    outcome, message = in_child(content.markdown_html, "[a](" * 5000)
    assert outcome == "content", message
    content.check_content(
        "[![logo](https://a.example/l.png)](https://a.example) (zie [hier](https://a.example))"
    )


def test_markdown_has_a_cpu_limit_for_shapes_nobody_found_yet(english: None) -> None:
    """A clock that moves one second per reading: the limit is reached after five."""
    readings = iter(range(10**9))
    deep_list = "".join("    " * depth + "- punt\n" for depth in range(300))
    with pytest.raises(ContentError, match="too long"):
        md.convert([deep_list], clock=lambda: float(next(readings)))


def test_the_cpu_limit_reads_this_threads_cpu_clock(
    monkeypatch: pytest.MonkeyPatch, english: None
) -> None:
    """A real conversion (~0.1 s of CPU) against a limit of a millisecond."""
    article = "## Kop\n\n*Tekst* over [vervoer](https://a.example) in **de** regio.\n\n" * 2000
    monkeypatch.setattr(md, "MARKDOWN_CPU_SECONDS", 0.001)
    with pytest.raises(ContentError, match="too long"):
        md.convert([article])
    monkeypatch.undo()
    assert md.convert([article])[0].startswith("<h2>Kop</h2>")


def test_the_cpu_limit_leaves_an_existing_profiler_in_place() -> None:
    import sys

    def mine(frame: Any, event: str, arg: Any) -> None:
        return None

    sys.setprofile(mine)
    try:
        assert md.convert(["*hallo*"]) == ["<p><em>hallo</em></p>"]
        assert sys.getprofile() is mine
    finally:
        sys.setprofile(None)


def test_markdown_converts_under_cprofile() -> None:
    """A bench run with --profile compiled nothing: the limit put cProfile's C hook
    back as a Python one, which failed on its next call."""
    import cProfile

    profiler = cProfile.Profile()
    profiler.enable()
    try:
        first, second = md.convert(["*hallo*"]), md.convert(["**b**"])
    finally:
        profiler.disable()
    assert (first, second) == (["<p><em>hallo</em></p>"], ["<p><strong>b</strong></p>"])


# ------------------------------------------------------------------- subjects


@pytest.mark.parametrize(
    ("subject", "match"),
    [
        ("x" * 201, "at most 200"),
        ("Nieuws\r\nBcc: x@evil.example", "one line"),
        ("Nieuws\u2028meer", "one line"),
        ("Nieuws\x00", "control character"),
        ("Nieuws\x1b[31m", "control character"),
        ("{{ name", "line 1"),
    ],
)
def test_subjects_are_one_short_line(subject: str, match: str, english: None) -> None:
    with pytest.raises(ContentRefused, match=match):
        content.check_subject(subject)


def test_a_good_subject_passes() -> None:
    content.check_subject("Uitnodiging: {{ event.title }} – kom je ook, {{ name }}?")
    content.check_subject("x" * 200)


def test_content_with_a_nul_byte_is_refused(english: None) -> None:
    with pytest.raises(ContentRefused, match=r"U\+0000.*line 2"):
        content.check_content("Hallo\nwe\x00reld")
    content.check_content("Tabs\tand\r\nline ends are fine")


def test_content_errors_are_template_errors_for_the_send_loop() -> None:
    assert issubclass(ContentError, TemplateError)
    assert issubclass(ContentRefused, ContentError)
    assert issubclass(ContentRefused, InvalidInput)
