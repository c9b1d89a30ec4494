"""Skip-or-fail for tests that need something outside Python.

On a developer's machine a missing service skips with the reason; under
``CI=true`` it fails, because a skip there would hide a broken set-up.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def need(available: bool, reason: str) -> None:
    if available:
        return
    if CI:
        pytest.fail(f"required under CI=true: {reason}")
    pytest.skip(reason)


def corpus(*parts: str) -> Path:
    path = CORPORA.joinpath(*parts)
    need(path.exists(), f"public test corpus not found at {path}")
    return path
