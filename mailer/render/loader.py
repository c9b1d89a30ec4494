"""Where templates and strings live, and the Jinja environments that read them.

Templates sit in ``templates/`` at the repository root during development
and in ``mailer/templates`` inside an installed wheel (pyproject
force-includes them); the package copy wins when both exist.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

import mailer
from mailer.errors import NotFound, TemplateError
from mailer.i18n import _

TEMPLATE_SUFFIX = ".mjml"


def templates_dir() -> Path:
    """The installed copy first, then the checkout's ``templates/``."""
    here = Path(mailer.__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / f"layout{TEMPLATE_SUFFIX}").is_file():
            return candidate
    raise NotFound(_("No templates found next to {path}").format(path=here))


@cache
def environment(lang: str) -> jinja2.Environment:
    """Our own templates: trusted, autoescaped (they produce MJML, i.e. markup).

    One environment per language with ``t`` as a global, so macro files are
    imported once (an import "with context" is re-run in every block).
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.globals["t"] = Translator(lang)
    return env


@cache
def strings(lang: str) -> Mapping[str, Mapping[str, str]]:
    path = templates_dir() / "strings" / f"{lang}.toml"
    if not path.is_file():
        raise NotFound(_("No mail strings for language {lang!r}").format(lang=lang))
    with path.open("rb") as handle:
        return tomllib.load(handle)


class Translator:
    """``t('section.key', **values)`` in templates; an unknown key is a template error."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.table = strings(lang)

    def __call__(self, key: str, **values: Any) -> str:
        section, _dot, name = key.partition(".")
        try:
            text = self.table[section][name]
        except KeyError:
            raise TemplateError(
                _("Unknown string {key!r} in {file}").format(key=key, file=f"{self.lang}.toml")
            ) from None
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError) as err:
            raise TemplateError(
                _("String {key!r} in {file} needs the value {value}").format(
                    key=key, file=f"{self.lang}.toml", value=err
                )
            ) from None
