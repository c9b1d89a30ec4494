"""Import speed and memory: 10k, 100k and 300k CSV rows into a fresh SQLite database.

    .venv/bin/python bench/import_contacts.py [--rows 10000 100000 300000] [--db-url URL]

Each size runs in its own process so its peak RSS is its own. Target
(issue 2): >= 20,000 rows/s and < 200 MB peak at 100k rows, not growing with
the file: the largest size should peak within a few MB of the smallest.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KINDS = ["gemeente", "initiatief", "overig"]


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, delimiter=";")
        out.writerow(
            ["naam", "e-mail", "organisatie", "soort", "gemeente", "regio", "tags", "taal"]
        )
        for i in range(rows):
            muni = f"Plaats{i % 40}"
            kind = KINDS[i % 3]
            org = f"Gemeente {muni}" if kind == "gemeente" else f"Vervoersdienst {i % 300}"
            out.writerow(
                [
                    f"Persoon {i}",
                    f"persoon{i}@org{i % 500}.example",
                    org,
                    kind,
                    muni,
                    f"Regio {i % 4}",
                    "vervoer,welzijn" if i % 2 else "mantelzorg",
                    "en" if i % 10 == 0 else "nl",
                ]
            )


def child(rows: int, db_url: str | None) -> dict[str, float]:
    from sqlmodel import Session

    from mailer.db import make_engine, upgrade
    from subscribers.importer import import_contacts

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "contacts.csv"
        write_csv(path, rows)
        engine = make_engine(db_url or f"sqlite:///{tmp}/bench.db")
        upgrade(engine)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        with Session(engine) as session:
            result = import_contacts(session, path)
        elapsed = time.perf_counter() - started
        assert result.imported == rows, result.to_json()
        engine.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "rows": rows,
        "seconds": round(elapsed, 2),
        "rows_per_s": round(rows / elapsed),
        "rss_before_mb": round(before, 1),
        "peak_rss_mb": round(peak, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="*", default=[10_000, 100_000, 300_000])
    parser.add_argument("--db-url", default=None, help="default: a fresh SQLite file")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.db_url)))
        return
    peaks: dict[int, float] = {}
    for rows in args.rows:
        cmd = [sys.executable, __file__, "--child", str(rows)]
        if args.db_url:
            cmd += ["--db-url", args.db_url]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        figures = json.loads(out)
        peaks[rows] = figures["peak_rss_mb"]
        print(
            f"{rows:>9,} rows: {figures['seconds']:6.2f} s, {figures['rows_per_s']:>8,} rows/s, "
            f"peak RSS {figures['peak_rss_mb']} MB (before import {figures['rss_before_mb']} MB)"
        )
    if len(peaks) > 1:
        small, large = min(peaks), max(peaks)
        print(
            f"peak RSS grows {peaks[large] - peaks[small]:.1f} MB from {small:,} to {large:,} rows "
            f"(target: flat, a few MB at most)"
        )


if __name__ == "__main__":
    main()
