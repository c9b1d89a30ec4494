"""Operator messages: English msgids, Dutch catalog, chosen by MAILER_LANGUAGE.

The catalog is ``mailer/locale/nl/LC_MESSAGES/pleinpost.po``; the build compiles
it (``hatch_build.py``) and a checkout reads the ``.po`` whenever no current
``.mo`` exists.
"""

from __future__ import annotations

import gettext
import os
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

import hatch_build
from mailer import i18n
from mailer.i18n import _, ngettext, read_catalog, set_language

ROOT = Path(__file__).resolve().parents[1]
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None}  # as `make messages` passes them


@pytest.fixture(autouse=True)
def _dutch_again() -> Iterator[None]:
    yield
    set_language(i18n.DEFAULT_LANGUAGE)


def test_dutch_by_default_english_on_request() -> None:
    set_language("nl")
    assert _("Unknown segment {name!r}") == "Onbekend segment {name!r}"
    assert ngettext("  {table}: {n} row anonymised", "  {table}: {n} rows anonymised", 2) == (
        "  {table}: {n} rijen geanonimiseerd"
    )
    set_language("en")
    assert _("Unknown segment {name!r}") == "Unknown segment {name!r}"
    assert i18n.language() == "en"
    with pytest.raises(ValueError, match="unknown language"):
        set_language("fr")


def _po(path: Path, messages: dict[str, str]) -> Path:
    catalog = Catalog(locale="nl", domain=i18n.DOMAIN)
    for msgid, msgstr in messages.items():
        catalog.add(msgid, msgstr)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(fh, catalog)
    return path


def test_a_stale_mo_is_not_used_a_current_one_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    main = _po(tmp_path / "nl/LC_MESSAGES/pleinpost.po", {"Hello": "Hallo", "Bye": "Dag"})
    set_language("nl")
    assert (_("Hello"), _("Bye")) == ("Hallo", "Dag")

    mo = tmp_path / "nl/LC_MESSAGES/pleinpost.mo"
    assert hatch_build.compile_language(tmp_path / "nl", mo)
    old = mo.stat().st_mtime
    _po(main, {"Hello": "Hoi"})
    os.utime(main, (old + 10, old + 10))
    set_language("nl")
    assert _("Hello") == "Hoi"  # the .mo is older than the .po: the .po wins

    with mo.open("wb") as fh:  # a current .mo is what is read
        catalog = Catalog(locale="nl", domain=i18n.DOMAIN)
        catalog.add("Hello", "Goedendag")
        write_mo(fh, catalog)
    os.utime(mo, (old + 20, old + 20))
    set_language("nl")
    assert _("Hello") == "Goedendag"


def test_the_build_compiles_the_catalog(tmp_path: Path) -> None:
    target = tmp_path / "pleinpost.mo"
    assert hatch_build.compile_language(ROOT / "mailer/locale/nl", target)
    with target.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    assert compiled.gettext("Unknown segment {name!r}") == "Onbekend segment {name!r}"
    assert not hatch_build.compile_language(tmp_path / "xx", tmp_path / "none.mo")


def code_msgids() -> dict[str, list[str]]:
    """Every msgid in the code, found as `make messages` finds them (babel.cfg, keywords)."""
    with (ROOT / "babel.cfg").open() as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        msgid = message[0] if isinstance(message, tuple) else message  # plurals: by singular
        if msgid:
            found.setdefault(msgid, []).append(f"{filename}:{lineno}")
    return found


def test_extraction_finds_messages_of_every_package() -> None:
    where = {loc.split(":")[0].split("/")[0] for locs in code_msgids().values() for loc in locs}
    assert {"mailer", "subscribers"} <= where


def test_every_message_in_the_code_has_a_dutch_translation() -> None:
    catalog = read_catalog("nl")
    assert catalog is not None
    missing = []
    for msgid, places in sorted(code_msgids().items()):
        message = catalog.get(msgid)
        strings = message.string if message is not None else ""
        if not (all(strings) if isinstance(strings, tuple) else strings):
            missing.append(f"{msgid!r} ({places[0]})")
    assert not missing, f"{len(missing)} without Dutch:\n" + "\n".join(missing)


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def test_translations_keep_the_placeholders() -> None:
    """A translation that drops or renames a {field} breaks `.format()` at run time."""
    catalog = read_catalog("nl")
    assert catalog is not None
    wrong = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strs = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set().union(*(_fields(i) for i in ids))
        for translated in strs:
            if translated and _fields(translated) - expected:
                wrong.append(f"{ids[0]!r} -> {translated!r}")
    assert not wrong, "\n".join(wrong)


def test_no_dutch_english_pairs_left_in_messages() -> None:
    """Messages are msgids now, not "Dutch / English" pairs on one line."""
    pair = re.compile(r"\w / \w")
    pairs = [(msgid, places[0]) for msgid, places in code_msgids().items() if pair.search(msgid)]
    assert not pairs
