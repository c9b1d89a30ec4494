"""Hatchling build hook: compile the operator-message catalogs (``.po`` → ``.mo``).

Compiled catalogs are build output, never committed (``.gitignore``). For a
wheel the ``.mo`` files are written to a scratch folder and force-included;
for an editable install (``make setup``) they are written next to the ``.po``
files, where ``mailer.i18n`` finds them (it falls back to the ``.po`` files
whenever a ``.mo`` is missing or older than its sources).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

DOMAIN = "pleinpost"
LOCALE = Path("mailer") / "locale"


def compile_language(language_dir: Path, target: Path) -> bool:
    """Write ``target`` (a ``.mo``) from the language's ``.po``; False when it has none."""
    source = language_dir / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not source.exists():
        return False
    with source.open("rb") as fh:
        catalog = read_po(fh, locale=language_dir.name, domain=DOMAIN)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as fh:
        write_mo(fh, catalog)
    return True


class CatalogBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        editable = version == "editable"
        scratch = Path(tempfile.mkdtemp(prefix="pleinpost-mo-")) if not editable else None
        for language_dir in sorted(p for p in (root / LOCALE).iterdir() if p.is_dir()):
            inside = LOCALE / language_dir.name / "LC_MESSAGES" / f"{DOMAIN}.mo"
            target = root / inside if scratch is None else scratch / inside
            if compile_language(language_dir, target) and scratch is not None:
                build_data["force_include"][str(target)] = inside.as_posix()
