"""Resolve and stream a segment of 1,000,000 contacts; memory must stay flat.

    .venv/bin/python bench/segment_stream.py [--contacts 1000000] [--db-url URL]

Rows are generated with core ``executemany`` inserts (not the importer), then
a fresh process streams the segment with ``yield_per=1000``, as the outbox
does, and reports time and its own peak RSS after 10 % and at the end of the
stream. Its own: ``ru_maxrss`` of a child on Linux is at least the parent's
peak at fork (the generating parent reached 123 MB, so every stream "peaked"
there); ``VmHWM`` in /proc/self/status is the peak of the child's own memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time

N_ORGS = 1000
CHUNK = 50_000


def populate(url: str, contacts: int) -> None:
    from sqlalchemy import insert
    from sqlmodel import Session

    from mailer.db import make_engine, upgrade
    from subscribers.models import Contact, Organisation, OrganisationTag
    from subscribers.sqltypes import utcnow

    engine = make_engine(url)
    upgrade(engine)
    now = utcnow()
    stamp = {"created_at": now, "updated_at": now}
    with Session(engine) as s:
        orgs = [
            {"id": i + 1, "name": f"Initiatief {i}", "kind": "initiative", **stamp}
            for i in range(N_ORGS)
        ]
        s.execute(insert(Organisation.__table__), orgs)  # type: ignore[attr-defined]
        tags = [{"organisation_id": i + 1, "tag": "vervoer"} for i in range(0, N_ORGS, 2)]
        s.execute(insert(OrganisationTag.__table__), tags)  # type: ignore[attr-defined]
        for start in range(0, contacts, CHUNK):
            rows = [
                {
                    "email": f"c{i}@initiatief{i % N_ORGS}.example",
                    "name": f"Contact {i}",
                    "organisation_id": i % N_ORGS + 1,
                    "role": "",
                    "language": "nl",
                    "status": "active",
                    "consent_basis": "",
                    "consent_source": "bench",
                    **stamp,
                }
                for i in range(start, min(start + CHUNK, contacts))
            ]
            s.execute(insert(Contact.__table__), rows)  # type: ignore[attr-defined]
        s.commit()
    engine.dispose()


def rss_mb(field: str = "VmHWM") -> float:
    """This process's own peak (``VmHWM``) or current (``VmRSS``) resident memory in MB."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def stream(url: str, segment: str) -> dict[str, float]:
    from sqlmodel import Session

    from mailer.db import make_engine
    from subscribers.segments import audience

    engine = make_engine(url)
    before = rss_mb("VmRSS")
    started = time.perf_counter()
    seen = 0
    at_tenth = 0.0
    with Session(engine) as s:
        result = s.execute(audience(s, [segment]).execution_options(yield_per=1000))
        for _row in result:
            seen += 1
            if seen == 100_000:
                at_tenth = rss_mb()
    elapsed = time.perf_counter() - started
    engine.dispose()
    return {
        "rows": seen,
        "seconds": round(elapsed, 2),
        "rows_per_s": round(seen / elapsed),
        "rss_before_mb": round(before, 1),  # imports and engine, before the first row
        "peak_after_100k_mb": round(at_tenth, 1),
        "peak_rss_mb": round(rss_mb(), 1),
        "parent_style_ru_maxrss_mb": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--db-url", default=None, help="default: a fresh SQLite file")
    parser.add_argument("--stream", help=argparse.SUPPRESS)
    parser.add_argument("--segment", default="everyone")
    args = parser.parse_args()
    if args.stream:
        print(json.dumps(stream(args.stream, args.segment)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db_url or f"sqlite:///{tmp}/bench.db"
        started = time.perf_counter()
        populate(url, args.contacts)
        print(f"generated {args.contacts:,} contacts in {time.perf_counter() - started:.1f} s")
        for segment in (args.segment, "initiatieven"):
            cmd = [sys.executable, __file__, "--stream", url, "--segment", segment]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            f = json.loads(out)
            print(
                f"segment {segment!r}: {f['rows']:,} rows in {f['seconds']} s "
                f"({f['rows_per_s']:,}/s); the stream's own memory: RSS before the first "
                f"row {f['rss_before_mb']} MB, peak after 100k rows "
                f"{f['peak_after_100k_mb']} MB, peak at the end {f['peak_rss_mb']} MB "
                f"(ru_maxrss, inherited from this parent: {f['parent_style_ru_maxrss_mb']} MB)"
            )


if __name__ == "__main__":
    main()
