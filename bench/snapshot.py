"""The outbox snapshot of a newsletter to everyone: rows per second and the starter's memory.

    .venv/bin/python bench/snapshot.py [--contacts 10000 100000 1000000] [--db-url URL]

For each size: a fresh database (SQLite in a temporary folder, or the database
at ``--db-url``, EMPTIED first), contacts made with core inserts, a newsletter
scheduled; then a fresh process starts it (``start_due``: the snapshot inside
the database for a segment audience) and reports the time and its own peak
RSS (``VmHWM``). Flat memory means the same peak at 10,000 and 1,000,000.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _setup import empty_database, peak_rss_mb, populate, schedule_newsletter

from subscribers.sqltypes import utcnow


def start(url: str) -> dict[str, float]:
    """In the child: start the due newsletter, i.e. snapshot its audience."""
    from mailer.config import load_settings
    from mailer.db import make_engine
    from mailer.sending.dispatch import start_due
    from subscribers.sqltypes import utcnow

    engine = make_engine(url)
    settings = load_settings(database_url=url, secret_key="bench")
    before = peak_rss_mb()
    began = time.perf_counter()
    (report,) = start_due(engine, settings, utcnow())
    took = time.perf_counter() - began
    assert report.snapshot is not None
    return {
        "queued": report.snapshot.queued,
        "seconds": round(took, 2),
        "rows_per_s": round(report.snapshot.queued / took),
        "peak_mb_before": round(before, 1),
        "peak_mb": round(peak_rss_mb(), 1),
    }


def measure(url: str, contacts: int) -> dict[str, float]:
    if not url.startswith("sqlite"):
        empty_database(url)
    engine = populate(url, contacts)
    schedule_newsletter(engine, utcnow())
    engine.dispose()
    out = subprocess.run(
        [sys.executable, __file__, "--child", url],
        capture_output=True,
        text=True,
        check=True,
    )
    return {"contacts": contacts, **json.loads(out.stdout)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--db-url", default="")
    parser.add_argument("--child", default="")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(start(args.child)))
        return
    for n in args.contacts:
        with tempfile.TemporaryDirectory(prefix="pleinpost-snapshot-") as tmp:
            url = args.db_url or f"sqlite:///{tmp}/bench.db"
            result = measure(url, n)
        print(
            f"{n:>9,} contacts: {result['seconds']:>6.2f} s, {result['rows_per_s']:>8,} rows/s, "
            f"peak {result['peak_mb']:.0f} MB (before the snapshot {result['peak_mb_before']:.0f})"
        )


if __name__ == "__main__":
    main()
