"""Hostile subjects, content, names and organisations through the whole renderer.

Whatever goes in, the outcome is one of two: the text is refused or fails to
render with a ``ContentError``, or the mail is made and parses with the
``email`` package's strict policy, headers without raw control characters.
"""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailer.config import Settings
from mailer.render import content, prepare, sample_data, sample_recipient
from mailer.render.errors import ContentError

SNIPPETS = [
    "\x00", "\x01", "\x1b[31m", "\x7f", "\x85", "\u2028", "\u202e", "\u2066", "\u200f",
    "\ufeff", "\t", "\n", "\r\n", "=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "<script>",
    "<b>", "[/]", "[link=http://evil]", "%%t:name%%", "%%h:email%%", "=?utf-8?b?eA==?=",
    "{{ name }}", "{{ event.title }}", "{{ nope }}", "{% if name %}", "{% endif %}",
    "{% for i in range(100) %}", "{% endfor %}", "{% include 'x' %}", "{{ 9 ** 999 }}",
    "{{ 'x' * 99999 }}", "[[[[", "]]]]", "((((", "](javascript:x)", "![", "](data:x)", "---",
    "\n\n", "# ", "* ", "`", "x" * 1200, "é" * 400, " ",
]  # fmt: skip
HOSTILE = st.lists(
    st.one_of(st.sampled_from(SNIPPETS), st.text(st.characters(blacklist_categories=("Cs",)))),
    max_size=8,
).map("".join)
# Names reach a To header, where CR/LF is refused outright (tests/test_message.py).
NAMES = HOSTILE.map(lambda s: s.replace("\r", " ").replace("\n", " "))


def _headers_are_clean(raw: bytes) -> None:
    for line in raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        assert len(line) <= 998
        assert not any(byte < 0x20 or byte == 0x7F for byte in line), line


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    template=st.sampled_from(["newsletter", "invitation"]),
    subject=HOSTILE,
    text=HOSTILE,
    name=NAMES,
    organisation=HOSTILE,
)
def test_hostile_text_is_refused_or_gives_a_strict_mail(
    template: str, subject: str, text: str, name: str, organisation: str
) -> None:
    data = {**sample_data(template, "nl"), "subject": subject or "Nieuws", "content": text or "x"}
    try:
        content.check_subject(data["subject"])
        content.check_content(data["content"])
    except ContentError:
        pass  # refused at create: prepare must still answer with a ContentError, below
    try:
        prepared = prepare(template, "nl", data, Settings())
    except ContentError:
        return
    recipient = sample_recipient("nl", name=name, organisation=organisation)
    raw = prepared.personalize(recipient).as_bytes()
    msg = email.message_from_bytes(raw, policy=email.policy.strict)
    assert isinstance(msg, EmailMessage)
    _headers_are_clean(raw)
    assert msg.get_body(("html",)) is not None
