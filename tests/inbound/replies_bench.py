"""bench/replies.py loaded as a module, so the tests guard the figures it prints."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from tests.services import CORPORA, need

ROOT = Path(__file__).resolve().parents[2]
AUTOMATED = ROOT / "tests" / "inbound" / "corpus" / "automated"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_replies", ROOT / "bench" / "replies.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


bench = _load()


def manifest(prefixes: tuple[str, ...] = ("",)) -> list[dict[str, object]]:
    rows = json.loads((AUTOMATED / "expected.json").read_text(encoding="utf-8"))
    return [row for row in rows if str(row["file"]).startswith(prefixes)]


def raw(name: object) -> bytes:
    return (AUTOMATED / str(name)).read_bytes()


def figures(name: str) -> dict[str, tuple[int, int]]:
    """One measurement's figures by label; skips (fails under CI) without the corpora."""
    need(CORPORA.exists(), f"public test corpora not found at {CORPORA}")
    measure = dict(bench.MEASUREMENTS)[name]
    try:
        rows = measure()
    except bench.Skipped as why:
        need(False, str(why))
    return {row.label: (row.right, row.total) for row in rows}
