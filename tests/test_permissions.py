"""Every file Pleinpost writes is its owner's alone, whatever the umask it was started with."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

from tests.cli import MAILER, mailer_env


def _loose(root: Path) -> list[str]:
    """Paths under ``root`` that anyone but the owner may read, write or enter."""
    found = []
    for path in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode & 0o077:
            found.append(f"{path.relative_to(root)} {oct(mode)}")
    return found


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MAILER, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: os.umask(0o022),  # a shell's usual umask: files 0644
    )


def test_the_demo_database_maildir_logs_and_exports_are_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = mailer_env(f"sqlite:///{data}/pleinpost.db", tmp_path, MAILER_SECRET_KEY="")
    demo = _run("demo", env=env)
    assert demo.returncode == 0, demo.stderr
    exported = _run(
        "contacts", "export", "--format", "xlsx", "--out", str(data / "export.xlsx"), env=env
    )
    assert exported.returncode == 0, exported.stderr
    crashed = _run("contacts", "import", str(tmp_path / "missing.csv"), env=env)
    assert crashed.returncode == 1
    written = {p.name for p in data.rglob("*")}
    assert {"pleinpost.db", "export.xlsx", "demo"} <= written
    assert _loose(data) == []
