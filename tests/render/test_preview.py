"""`mailer preview`: files for every template, screenshots, and templates in the wheel."""

from __future__ import annotations

import email
import email.policy
import gettext
import io
import os
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from mailer.cli import app
from mailer.render import TEMPLATES
from mailer.render.preview import CHROMIUM
from tests.services import need

ROOT = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, *args: str) -> list[Path]:
    result = CliRunner().invoke(
        app, ["preview", *args], env={"MAILER_DATA_DIR": str(tmp_path / "data")}
    )
    assert result.exit_code == 0, result.output
    return [Path(line) for line in result.output.split()]


def test_preview_writes_html_text_and_eml_for_every_template(tmp_path: Path) -> None:
    written = _run(tmp_path, "--out", str(tmp_path / "out"), "--lang", "en")
    assert len(written) == 3 * len(TEMPLATES)
    eml = tmp_path / "out" / "invitation.en.eml"
    msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.strict)
    assert str(msg["Subject"]).startswith("Invitation: ")
    assert "Thursday 7 June 2029" in (tmp_path / "out" / "invitation.en.txt").read_text()
    assert '<html lang="en"' in (tmp_path / "out" / "invitation.en.html").read_text()


def test_preview_of_an_unknown_template_fails_clearly(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["preview", "nieuwsbrief", "--out", str(tmp_path)],
        env={"MAILER_DATA_DIR": str(tmp_path / "data")},
    )  # fmt: skip
    assert result.exit_code != 0
    assert "nieuwsbrief" in str(result.exception)


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_screenshots_at_phone_and_desktop_width(tmp_path: Path) -> None:
    need(CHROMIUM.exists(), f"Chromium not installed at {CHROMIUM} (apt-get install chromium)")
    written = _run(tmp_path, "invitation", "--out", str(tmp_path / "out"), "--screenshot")
    pngs = sorted(p for p in written if p.suffix == ".png")
    assert [p.name for p in pngs] == ["invitation.nl.375.png", "invitation.nl.800.png"]
    phone, desktop = (_png_size(p) for p in pngs)
    assert phone[0] == 375 and desktop[0] == 800
    assert phone[1] > desktop[1] > 600  # the narrow layout stacks, so it is longer


def test_wheel_contains_the_templates(tmp_path: Path) -> None:
    uv = shutil.which("uv")
    need(uv is not None, "uv not installed")
    assert uv is not None
    subprocess.run(
        [uv, "build", "--wheel", "--no-build-logs", "-o", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        env={**os.environ, "UV_PYTHON_DOWNLOADS": "never"},
    )
    [wheel] = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "mailer/templates/layout.mjml" in names
    assert {f"mailer/templates/{t}.mjml" for t in TEMPLATES} <= names
    assert {"mailer/templates/strings/nl.toml", "mailer/templates/strings/en.toml"} <= names
    assert "mailer/render/compile.py" in names
    # the operator-message catalog, compiled by hatch_build.py (.mo files are not committed)
    mo = zipfile.ZipFile(wheel).read("mailer/locale/nl/LC_MESSAGES/pleinpost.mo")
    dutch = gettext.GNUTranslations(io.BytesIO(mo))
    assert dutch.gettext("Unknown segment {name!r}") == "Onbekend segment {name!r}"
