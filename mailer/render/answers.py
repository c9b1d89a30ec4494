"""The answers an invitation offers as buttons, and how to know them again.

The "Ja, wij komen" and "Nee, helaas" buttons are ``mailto:`` links to the
delivery's own reply address with a fixed subject (and, for yes, a body that
asks for the names). The reader of replies (``mailer/inbound/decide.py``)
imports these constants and :func:`answer_of_subject`, so the wording the
invitation writes and the wording the reader knows are one and the same.

The subjects carry the event title, so a coordinator who reads the inbox by
hand still sees which event an answer is for.
"""

from __future__ import annotations

import re
from enum import StrEnum
from urllib.parse import quote

# {title} is the event's title. Keys are the mail languages (nl, en).
ANSWER_YES_SUBJECT = {"nl": "Ja, wij komen: {title}", "en": "Yes, we will come: {title}"}
ANSWER_NO_SUBJECT = {"nl": "Nee, helaas: {title}", "en": "Sorry, we can't come: {title}"}
ANSWER_YES_BODY = {
    "nl": "Namen van wie er komen:\r\n\r\n",
    "en": "Names of those who will come:\r\n\r\n",
}
ANSWER_NO_BODY = {
    "nl": "Wij kunnen helaas niet komen.\r\n",
    "en": "Unfortunately we cannot come.\r\n",
}

# Outlook, Gmail and Apple Mail open mailto links up to about 2,000 characters.
MAX_MAILTO = 2000
_MAX_ADDRESS = 254  # RFC 5321: the reply address is filled in per recipient
_PREFIX = re.compile(
    r"^\s*(?:(?:re|aw|antw|antwoord|fw|fwd|doorst|tr|wg|sv)\s*(?:\[\d+\])?\s*:\s*"
    r"|\[[^\]]{1,40}\]\s*)*",
    re.IGNORECASE,
)


class Answer(StrEnum):
    YES = "yes"
    NO = "no"


_SUBJECTS = {Answer.YES: ANSWER_YES_SUBJECT, Answer.NO: ANSWER_NO_SUBJECT}
_BODIES = {Answer.YES: ANSWER_YES_BODY, Answer.NO: ANSWER_NO_BODY}


def subject(answer: Answer, language: str, title: str) -> str:
    """The subject the button writes: "Ja, wij komen: Werkmiddag …"."""
    return _SUBJECTS[answer][language].format(title=" ".join(title.split()))


def mailto_query(answer: Answer, language: str, title: str) -> str:
    """``subject=…&body=…`` for ``mailto:<reply address>?`` (RFC 6068, UTF-8 percent-encoded).

    Everything but unreserved characters is percent-encoded, spaces as
    ``%20`` (a ``+`` would stay a plus in mail clients) and line breaks as
    ``%0D%0A``. A very long title is shortened so that the whole link, with the
    longest reply address there can be, stays under :data:`MAX_MAILTO`.
    """
    room = MAX_MAILTO - len("mailto:?") - _MAX_ADDRESS
    body = quote(_BODIES[answer][language], safe="")
    words = " ".join(title.split())
    while True:
        query = f"subject={quote(subject(answer, language, words), safe='')}&body={body}"
        if len(query) <= room or not words:
            return query
        words = words[: max(0, len(words) - max(8, len(words) // 8))].rstrip() + "…"
        if words == "…":
            words = ""


def answer_of_subject(text: str) -> Answer | None:
    """The answer a button's subject gives, in either language, or None.

    Reply and forward prefixes ("Re:", "Antw:", "Fwd:", "[EXTERN]") are skipped;
    case and spacing do not matter. Only the fixed part before the title counts.
    """
    rest = " ".join(_PREFIX.sub("", text).split()).casefold()
    for answer, subjects in _SUBJECTS.items():
        for template in subjects.values():
            fixed = " ".join(template.split("{title}")[0].split()).casefold()
            if rest.startswith(fixed):
                return answer
    return None
