"""A package's refusal in the reader's language, not the process's.

The packages raise errors whose words were chosen when they were raised:
``_("Unknown segment {name!r}").format(name=...)`` in the process language
(``MAILER_LANGUAGE``). That is right for a CLI run; a web process serves
Dutch and English users at once, so an English coordinator on a Dutch
installation would read Dutch. The text is translated again when shown:
:func:`translate` finds the catalog message it was made from (the process
language's template, its placeholders as wildcards), takes the values back
out, and fills the same message in the reader's language. A value that is
itself one of our messages (an error that wraps another, an import row's
reason) is translated too. Text that is none of our messages (a provider's
or a library's words, a name) is shown as it is, so this is safe on anything.

Of several templates that fit, the one with the most fixed text wins; a
template that is nearly all placeholders (``"{field}: {reason}"``) is never
used to read a text back, only exact messages and templates with enough
words of their own.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from mailer import i18n
from mailer.tracking.models import DashboardUser

MIN_FIXED = 8  # characters of fixed text a template needs to be read back
MAX_DEPTH = 3  # an error wrapping an error wrapping an error is as deep as ours go
_FORMATTER = string.Formatter()

Say = Callable[[str], str]


@dataclass(frozen=True)
class _Template:
    pattern: re.Pattern[str]
    prefix: str  # the fixed text a matching text starts with ("" when a placeholder leads)
    literals: tuple[str, ...]  # each must be in a text before the pattern is tried
    fields: tuple[str, ...]  # the regex group of each placeholder, by order of first use
    target: str  # the same message in the reader's language
    fixed: int  # characters of fixed text: more is a surer match


def _parts(template: str) -> Iterator[tuple[str, str | None]]:
    """(fixed text, placeholder name or None); unnamed ``{}`` counted 0, 1, … as format does."""
    auto = 0
    for literal, name, _spec, _conversion in _FORMATTER.parse(template):
        if name == "":
            name, auto = str(auto), auto + 1
        yield literal, name


def _compile(source: str, target: str) -> _Template | None:
    regex: list[str] = []
    fields: list[str] = []
    literals: list[str] = []
    fixed = 0
    try:
        parts = list(_parts(source))
        for literal, name in parts:
            regex.append(re.escape(literal))
            if literal:
                literals.append(literal)
            fixed += len(literal.strip())
            if name is None:
                continue
            if name in fields:
                regex.append(f"(?P=f{fields.index(name)})")
            else:
                regex.append(f"(?P<f{len(fields)}>.+?)")
                fields.append(name)
        list(_parts(target))  # a target format cannot fill is no target
    except ValueError:
        return None
    if fields and fixed < MIN_FIXED:
        return None
    pattern = re.compile("".join(regex), re.DOTALL)
    return _Template(pattern, parts[0][0], tuple(literals), tuple(fields), target, fixed)


def _pairs(source: str, target: str) -> Iterator[tuple[str, str]]:
    """Each message of the catalog as (process language's text, reader's text)."""
    catalog = i18n.read_catalog("nl")
    if catalog is None:
        return
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for index, msgid in enumerate(ids):
            dutch = str(strings[min(index, len(strings) - 1)] or msgid)
            texts = {"en": str(msgid), "nl": dutch}
            yield texts[source], texts[target]


@cache
def _templates(source: str, target: str) -> tuple[dict[str, str], tuple[_Template, ...]]:
    """Exact messages, and templates surest first, from ``source`` into ``target``."""
    exact: dict[str, str] = {}
    templates = []
    for said, meant in _pairs(source, target):
        if not any(name is not None for _literal, name in _parts_or_none(said)):
            exact.setdefault(said, meant)
            continue
        compiled = _compile(said, meant)
        if compiled is not None:
            templates.append(compiled)
    templates.sort(key=lambda t: -t.fixed)
    return exact, tuple(templates)


def _parts_or_none(text: str) -> list[tuple[str, str | None]]:
    try:
        return list(_parts(text))
    except ValueError:
        return [(text, None)]


def _fill(template: _Template, values: dict[str, str]) -> str | None:
    out = []
    for literal, name in _parts(template.target):
        out.append(literal)
        if name is not None:
            if name not in values:
                return None
            out.append(values[name])
    return "".join(out)


def _translate(text: str, source: str, target: str, depth: int) -> str:
    exact, templates = _templates(source, target)
    if text in exact:
        return exact[text]
    if depth >= MAX_DEPTH:
        return text
    for template in templates:
        if not text.startswith(template.prefix):
            continue
        if not all(literal in text for literal in template.literals):
            continue  # cheap, and spares the regex its backtracking on most templates
        match = template.pattern.fullmatch(text)
        if match is None:
            continue
        values = {
            name: _translate(match.group(f"f{i}"), source, target, depth + 1)
            for i, name in enumerate(template.fields)
        }
        filled = _fill(template, values)
        if filled is not None:
            return filled
    return text


def translate(text: str, language: str) -> str:
    """``text`` (made in the process language) in ``language``; unknown text unchanged."""
    source = i18n.language()
    if language not in i18n.LANGUAGES or language == source or not text:
        return text
    return _translate(text, source, language, 0)


def speaker(user: DashboardUser) -> Say:
    """What a page calls on each text the packages made (import reasons, notes)."""
    return lambda text: translate(text, user.language)


def shown(err: Exception, user: DashboardUser) -> str:
    """A refusal (``InvalidInput``, ``NotFound``, a subscriber error) as the user reads it."""
    return translate(str(err), user.language)
