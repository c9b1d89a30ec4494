"""Typer's usage errors in the operator's language.

Typer's own copy of click writes its messages as English f-strings, so a
Dutch coordinator who mistypes a command would read English inside a Dutch
sentence. The usual mistakes are recognised here by their exception type (or,
for an unknown command, by Typer's fixed wording) and said again through
gettext; anything else keeps Typer's words.
"""

from __future__ import annotations

import re

from typer._click.exceptions import BadParameter, MissingParameter, NoSuchOption, UsageError

from mailer.i18n import _

_NO_SUCH_COMMAND = re.compile(
    r"^No such command (?P<name>'.*?')\.(?: Did you mean (?P<hint>.+)\?)?$"
)
_EXTRA_ARGUMENTS = re.compile(r"^Got unexpected extra argument(?:\(s\))? \((?P<args>.*)\)$")
_NOT_A_NUMBER = ("valid integer", "valid number")


def usage_sentence(err: UsageError) -> str:
    """What went wrong with the command line, in one sentence."""
    if isinstance(err, MissingParameter):
        if _is_option(err):
            return _("Missing option {name}.").format(name=_hint(err))
        return _("Missing argument {name}.").format(name=_hint(err))
    if isinstance(err, BadParameter):
        return _("Invalid value for {name}: {detail}").format(
            name=_hint(err), detail=_detail(err.message)
        )
    if isinstance(err, NoSuchOption):
        said = _("Unknown option {option}.").format(option=err.option_name)
        if err.possibilities:
            options = ", ".join(sorted(err.possibilities))
            said += " " + _("Did you mean {options}?").format(options=options)
        return said
    return _known_wording(err.format_message())


def _known_wording(message: str) -> str:
    if match := _NO_SUCH_COMMAND.match(message):
        said = _("Unknown command {name}.").format(name=match["name"])
        if match["hint"]:
            said += " " + _("Did you mean {options}?").format(options=match["hint"])
        return said
    if match := _EXTRA_ARGUMENTS.match(message):
        return _("Unexpected extra argument(s): {args}.").format(args=match["args"])
    if message == "Missing command.":
        return _("Missing command.")
    return message


def _hint(err: BadParameter) -> str:
    if err.param_hint is not None:
        hint = err.param_hint
        return " / ".join(hint) if not isinstance(hint, str) else hint
    return err.param.get_error_hint() if err.param is not None else ""


def _is_option(err: MissingParameter) -> bool:
    kind = err.param_type or (err.param.param_type_name if err.param is not None else "")
    return kind == "option"


def _detail(message: str) -> str:
    if any(words in message for words in _NOT_A_NUMBER):
        return _("give a whole number")
    return message
