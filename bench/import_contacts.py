"""Import speed and memory: 10k, 100k and 300k CSV rows into a fresh database.

    .venv/bin/python bench/import_contacts.py [--rows 10000 100000 300000] [--db-url URL]
    .venv/bin/python bench/import_contacts.py --invalid-mb 50 [--db-url URL]

Each size runs in its own process so its peak RSS is its own. ``--db-url``
(e.g. ``postgresql+psycopg://postgres@127.0.0.1:55432/bench``) runs against
that database, emptied before each run; default: a fresh SQLite file.
Targets: >= 20,000 rows/s at 100k rows on both databases (issue 9), peak RSS
flat with the file. Besides the rate it prints the process's CPU time and
that of a PostgreSQL server on this machine (the machine's load does not
change them much, so rows per CPU second compare runs on a busy machine and
say what a quiet one would do) and how long the final step held the write lock (the only moment
other writers wait for an import). ``--invalid-mb`` imports a generated file of that size in
which every row is invalid, with ``--rejects`` and the ``--json`` summary, and
prints its peak RSS (issue 10: it was 838 MB for 50 MB).
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
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _setup import server_cpu_seconds

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


def write_invalid_csv(path: Path, megabytes: int) -> int:
    """Rows that are all rejected (no valid address), about ``megabytes`` MB in all."""
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("naam;e-mail;organisatie;rol\n")
        while fh.tell() < megabytes << 20:
            fh.write(f"Persoon {rows};geen-adres-{rows};Organisatie {rows % 300};rol {rows}\n")
            rows += 1
    return rows


def _empty(engine: Any) -> None:
    """A fresh database: the bench may run again against the same PostgreSQL database."""
    from sqlalchemy import inspect, text

    from mailer.db import metadata

    names = [t for t in inspect(engine).get_table_names() if t in metadata().tables]
    if engine.dialect.name == "postgresql" and names:
        with engine.begin() as conn:
            quoted = ", ".join(f'"{t}"' for t in names)
            conn.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))


def invalid_child(megabytes: int, db_url: str | None) -> dict[str, float]:
    from sqlmodel import Session

    from mailer.db import make_engine, upgrade
    from subscribers.importer import import_contacts

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "invalid.csv"
        rows = write_invalid_csv(path, megabytes)
        engine = make_engine(db_url or f"sqlite:///{tmp}/bench.db")
        upgrade(engine)
        _empty(engine)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        with Session(engine) as session:
            result = import_contacts(session, path, rejects_path=Path(tmp) / "rejects.csv")
        summary = json.dumps(result.to_json())  # what --json prints
        elapsed = time.perf_counter() - started
        assert result.rejected == rows, (result.rejected, rows)
        engine.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "rows": rows,
        "seconds": round(elapsed, 2),
        "json_bytes": len(summary),
        "rss_before_mb": round(before, 1),
        "peak_rss_mb": round(peak, 1),
    }


def child(rows: int, db_url: str | None) -> dict[str, float]:
    from sqlmodel import Session

    from mailer.db import make_engine, upgrade
    from subscribers.importer import import_contacts

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "contacts.csv"
        write_csv(path, rows)
        engine = make_engine(db_url or f"sqlite:///{tmp}/bench.db")
        upgrade(engine)
        _empty(engine)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        server = server_cpu_seconds(engine)
        started, cpu = time.perf_counter(), time.process_time()
        with Session(engine) as session:
            result = import_contacts(session, path)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        server_after = server_cpu_seconds(engine)
        server = server_after - server if server is not None and server_after is not None else 0.0
        assert result.imported == rows, result.to_json()
        engine.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "rows": rows,
        "seconds": round(elapsed, 2),
        "rows_per_s": round(rows / elapsed),
        "cpu_seconds": round(cpu, 2),
        "server_cpu_seconds": round(server, 2),
        "cpu_rows_per_s": round(rows / max(cpu + server, 0.01)),
        "final_step_seconds": round(result.apply_seconds, 2),
        "rss_before_mb": round(before, 1),
        "peak_rss_mb": round(peak, 1),
    }


def _server(figures: dict[str, float]) -> str:
    seconds = figures["server_cpu_seconds"]
    return f" + server {seconds:.2f} s" if seconds else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="*", default=[10_000, 100_000, 300_000])
    parser.add_argument("--db-url", default=None, help="default: a fresh SQLite file")
    parser.add_argument("--invalid-mb", type=int, help="import N MB of invalid rows instead")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.invalid_mb:
            print(json.dumps(invalid_child(args.invalid_mb, args.db_url)))
        else:
            print(json.dumps(child(args.child, args.db_url)))
        return
    if args.invalid_mb:
        cmd = [sys.executable, __file__, "--child", "1", "--invalid-mb", str(args.invalid_mb)]
        if args.db_url:
            cmd += ["--db-url", args.db_url]
        figures = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        print(
            f"{args.invalid_mb} MB, {figures['rows']:,} invalid rows: {figures['seconds']} s, "
            f"--json summary {figures['json_bytes']:,} bytes, peak RSS {figures['peak_rss_mb']} MB "
            f"(before import {figures['rss_before_mb']} MB)"
        )
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
            f"CPU {figures['cpu_seconds']:.2f} s{_server(figures)}: "
            f"{figures['cpu_rows_per_s']:>8,} rows/CPU-s, "
            f"final step {figures['final_step_seconds']} s, "
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
