"""End-to-end send figures of issue 4: campaign → outbox → render → transport.

    .venv/bin/python bench/send.py            # full sizes (100,000 / 10,000), a few minutes
    .venv/bin/python bench/send.py --quick    # small sizes (2,000 / 500), a smoke test
    .venv/bin/python bench/send.py --only A --profile /tmp/prof   # one scenario, cProfile
        # (A.prof: the main thread; A.sender.prof: the sender thread, requests and recording;
        # both in each thread's CPU time)
    .venv/bin/python bench/send.py --only A --latency 0.15   # a distant API: 150 ms an answer
    .venv/bin/python bench/send.py --only A --steps   # CPU s of each step (claim, compose, …)
    .venv/bin/python bench/send.py --quick \
        --database-url postgresql+psycopg://postgres@127.0.0.1:55432/bench   # on PostgreSQL

Scenarios (each sender runs in its own subprocess, so its peak RSS is its own):

A  N recipients through the SendGrid transport to the local fake SendGrid
   (its own process, validating every body against SendGrid's schema).
B  The same with N/10 recipients: peak RSS should be close to A's (streaming).
C  N/10 recipients over SMTP to a local aiosmtpd sink, then the same
   recipients and the same mail sent by ``mailmerge`` (PyPI) to a fresh sink.

For the SendGrid scenarios it prints the sender's wall time and CPU time for
the send (claim, compose, requests, recording; not the snapshot) and the
share of that wall time the sender used no CPU: waiting on the server
(``--latency`` makes the fake server answer late, as a distant API does).
``--json`` also carries ``send_sys_s`` (the kernel's part of it) and
``sender_thread_cpu_s`` (the sender thread: requests and recording; the rest is
the main thread's claim, compose and request building).

The database is a fresh SQLite file per scenario, or with ``--database-url`` the
database given, EMPTIED before every scenario (on PostgreSQL its ``public``
schema is dropped and made anew: never point it at data you keep); filled
with core inserts; the campaign is a ten-article newsletter to the segment
``iedereen``. Peak RSS is each sender's own (``VmHWM``), not the parent's
peak that ``ru_maxrss`` carries into a child.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

API_KEY = "SG.bench"
SECRET = "bench-secret-key"


@dataclass
class Figures:
    """What one sender run measured; the child prints it as JSON."""

    scenario: str
    sender: str
    recipients: int
    sent: int = 0
    failed: int = 0
    start_s: float = 0.0  # snapshot of the audience into the outbox
    send_s: float = 0.0  # claim → render → transport → record, all batches
    peak_mb: float = 0.0
    requests: int | None = None  # SendGrid requests seen by the server
    invalid: int | None = None  # requests the server refused as malformed
    received: int | None = None  # messages that reached the sink
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def total_s(self) -> float:
        return self.start_s + self.send_s

    @property
    def rate(self) -> float:
        return self.sent / self.send_s if self.send_s else 0.0


# --- the child: one Pleinpost send, measured -------------------------------------


def child(scenario: str, recipients: int, profile: str | None) -> None:
    """Runs in its own process with the MAILER_* environment set by the parent."""
    from bench._setup import peak_rss_mb
    from mailer.config import load_settings
    from mailer.db import engine_for
    from mailer.sending.dispatch import send_due, start_due
    from mailer.transports.factory import build_transport
    from subscribers.sqltypes import utcnow

    settings = load_settings()
    engine = engine_for(settings)
    transport = build_transport(settings)
    # CPU time of each thread, not wall time: waiting on the server or for the GIL costs
    # nothing here, so the figures add up to "send CPU s"
    profiler = cProfile.Profile(time.thread_time) if profile else None
    sender_profiler = _profile_sender_thread() if profile else None
    sender_cpu = _time_sender_thread()
    steps = _time_steps() if os.environ.get("BENCH_STEPS") else None
    if profiler:
        profiler.enable()
    started = time.perf_counter()
    start_due(engine, settings, utcnow())
    snapshotted, cpu_before, sys_before = time.perf_counter(), _own_cpu(), _own_sys()
    stats = send_due(engine, settings, transport, utcnow())
    finished, send_cpu = time.perf_counter(), _own_cpu() - cpu_before
    send_sys = _own_sys() - sys_before
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)  # type: ignore[arg-type]
    if sender_profiler:  # cProfile sees only its own thread: the sender thread's share apart
        sender_profiler.dump_stats(str(profile).replace(".prof", ".sender.prof"))
    close = getattr(transport, "close", None)
    if close:
        close()
    figures = Figures(
        scenario=scenario,
        sender=f"pleinpost/{settings.transport}",
        recipients=recipients,
        sent=stats.sent,
        failed=stats.failed + stats.deferred,
        start_s=snapshotted - started,
        send_s=finished - snapshotted,
        peak_mb=peak_rss_mb(),
        extra={
            "batches": stats.batches,
            "cpu_s": round(_own_cpu(), 1),
            "send_cpu_s": round(send_cpu, 2),
            "send_sys_s": round(send_sys, 2),  # of which the kernel's (sockets, files)
            "sender_thread_cpu_s": round(sender_cpu[0], 2),  # requests and recording
            "idle_share": round(max(0.0, 1 - send_cpu / (finished - snapshotted)), 2),
            "database": engine.dialect.name,
        },
    )
    if steps is not None:
        figures.extra["steps"] = {name: round(cpu, 2) for name, cpu in steps.items()}
    print(json.dumps(asdict(figures)))


def _time_sender_thread() -> list[float]:
    """The sender thread's own CPU seconds (handing over and recording), summed per batch
    into the list's one element; the rest of the send's CPU is the main thread's (claim,
    compose, build the requests)."""
    from mailer.sending.dispatch import Dispatcher

    total = [0.0]
    hand_over = Dispatcher._hand_over

    def timed(self: Dispatcher, ready: Any) -> None:
        started = time.thread_time()
        try:
            hand_over(self, ready)
        finally:
            total[0] += time.thread_time() - started

    Dispatcher._hand_over = timed  # type: ignore[method-assign]
    return total


def _time_steps() -> dict[str, float]:
    """Each step's CPU seconds in the thread that runs it (``--steps``): cProfile's cost per
    call inflates the steps that make many small calls, this adds nothing per call.

    Main thread: claim, journal (each batch's claimed rows), compose (recipients),
    requests (SendGrid bodies), land (what follows a batch: pause, finish, changed
    meanwhile). Sender thread: post (HTTP), record (journal and ledger). And each
    thread's whole (what the steps leave out: the loop itself, freeing each batch).
    """
    from mailer.sending import dispatch
    from mailer.sending.recorder import Recorder
    from mailer.transports.sendgrid import SendGridTransport

    totals: dict[str, float] = {}

    def timed(name: str, fn: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.thread_time()
            try:
                return fn(*args, **kwargs)
            finally:
                totals[name] = totals.get(name, 0.0) + time.thread_time() - started

        return wrapper

    dispatch.claim = timed("claim", dispatch.claim)  # type: ignore[assignment]
    for name, owner, attr in (
        ("journal", dispatch.Dispatcher, "_recorder"),
        ("compose", dispatch.Dispatcher, "_batch"),
        ("requests", dispatch.Dispatcher, "_sender"),
        ("land", dispatch.Dispatcher, "_land"),
        ("main thread", dispatch.Dispatcher, "drain"),
        ("sender thread", dispatch.Dispatcher, "_hand_over"),
        ("post", SendGridTransport, "post"),
        ("record", Recorder, "done_all"),
        ("record", Recorder, "complete"),
        ("record", Recorder, "handing_over"),
    ):
        setattr(owner, attr, timed(name, getattr(owner, attr)))
    return totals


def _profile_sender_thread() -> cProfile.Profile:
    """A profiler around every batch the sender thread hands over (``<scenario>.sender.prof``):
    the transport's requests and the recording run there, out of the main profile's sight."""
    from mailer.sending.dispatch import Dispatcher

    sender_profiler = cProfile.Profile(time.thread_time)
    hand_over = Dispatcher._hand_over

    def profiled(self: Dispatcher, ready: Any) -> None:
        sender_profiler.enable()
        try:
            hand_over(self, ready)
        finally:
            sender_profiler.disable()

    Dispatcher._hand_over = profiled  # type: ignore[method-assign]
    return sender_profiler


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _own_sys() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_stime


# --- the parent: data, servers, children --------------------------------------------


# ``--database-url``, or empty: a fresh SQLite file in each scenario's directory
DB_URL = ""
LATENCY = 0.0  # ``--latency``: seconds the fake SendGrid waits before every answer


def _db_url(workdir: Path) -> str:
    return DB_URL or f"sqlite:///{workdir / 'pleinpost.db'}"


def _env(workdir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILER_")}
    env.update(
        MAILER_DATA_DIR=str(workdir / "data"),
        MAILER_DATABASE_URL=_db_url(workdir),
        MAILER_SECRET_KEY=SECRET,
        **extra,
    )
    return env


def _prepare(workdir: Path, recipients: int) -> int:
    """A fresh database with ``recipients`` contacts and a newsletter due now."""
    from bench._setup import empty_database, populate, schedule_newsletter
    from subscribers.sqltypes import utcnow

    workdir.mkdir(parents=True)
    if DB_URL:
        empty_database(DB_URL)
    engine = populate(_db_url(workdir), recipients)
    campaign_id = schedule_newsletter(engine, utcnow())
    engine.dispose()
    return campaign_id


def _run_child(
    scenario: str, recipients: int, env: dict[str, str], profile: Path | None
) -> Figures:
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        scenario,
        "--recipients",
        str(recipients),
    ]
    if profile:
        profile.mkdir(parents=True, exist_ok=True)
        cmd += ["--profile", str(profile / f"{scenario}.prof")]
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"scenario {scenario} failed:\n{done.stderr}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return Figures(**data)


@contextmanager
def fake_sendgrid() -> Iterator[str]:
    """The schema-checking fake SendGrid in its own process; yields its URL."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.transports.sendgrid_server",
            "--api-key",
            API_KEY,
            "--latency",
            str(LATENCY),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        yield f"http://127.0.0.1:{int(server.stdout.readline())}"
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=30)
        if server.stdout:
            server.stdout.close()


def sendgrid_scenario(name: str, recipients: int, base: Path, profile: Path | None) -> Figures:
    workdir = base / name
    _prepare(workdir, recipients)
    with fake_sendgrid() as url:
        env = _env(
            workdir,
            MAILER_TRANSPORT="sendgrid",
            SENDGRID_API_KEY=API_KEY,
            MAILER_SENDGRID_API_HOST=url,
            MAILER_BATCH_SIZE="1000",
        )
        figures = _run_child(name, recipients, env, profile)
        with urllib.request.urlopen(f"{url}/_stats", timeout=30) as response:
            stats = json.load(response)
    figures.requests = stats["requests"]
    figures.invalid = len(stats["invalid"])
    figures.received = stats["personalizations"]
    return figures


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process (Linux), to tell who is the bottleneck."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _sink_cpu(sink: Any) -> float:
    return round(_cpu_seconds(sink._proc.pid), 1) if sink._proc else 0.0


def _sink_count(sink: Any) -> int:
    new = sink.maildir / "new"
    return len(os.listdir(new)) if new.exists() else 0


def smtp_scenario(
    recipients: int, connections: int, base: Path, profile: Path | None, skip_mailmerge: bool
) -> tuple[Figures, Figures | None]:
    """Pleinpost over SMTP, then mailmerge with the same mail, each to its own fresh sink."""
    from tests.transports.smtp_server import SmtpServer

    workdir = base / "C"
    campaign_id = _prepare(workdir, recipients)
    sink = SmtpServer(workdir / "sink-pleinpost").start()
    try:
        env = _env(
            workdir,
            MAILER_TRANSPORT="smtp",
            MAILER_SMTP_URL=f"smtp://127.0.0.1:{sink.port}",
            MAILER_SMTP_CONNECTIONS=str(connections),
        )
        ours = _run_child("C", recipients, env, profile)
        ours.received = _sink_count(sink)
        ours.extra.update(connections=connections, sink_cpu_s=_sink_cpu(sink))
    finally:
        sink.stop()
    if skip_mailmerge:
        return ours, None
    return ours, mailmerge_run(workdir, campaign_id, recipients)


def mailmerge_run(workdir: Path, campaign_id: int, recipients: int) -> Figures:
    """The same recipients and mail through ``mailmerge`` (one connection per message)."""
    from bench._setup import mailmerge_files
    from mailer.config import load_settings
    from mailer.db import make_engine
    from tests.transports.smtp_server import SmtpServer

    settings = load_settings(
        data_dir=workdir / "data", database_url=_db_url(workdir), secret_key=SECRET
    )
    engine = make_engine(settings.db_url)
    template, database = mailmerge_files(engine, settings, campaign_id, workdir)
    engine.dispose()
    sink = SmtpServer(workdir / "sink-mailmerge").start()
    try:
        config = workdir / "mailmerge_server.conf"
        config.write_text(f"[smtp_server]\nhost = 127.0.0.1\nport = {sink.port}\n")
        cmd = [
            str(Path(sys.executable).with_name("mailmerge")),
            "--template",
            str(template),
            "--database",
            str(database),
            "--config",
            str(config),
            "--no-dry-run",
            "--no-limit",
            "--output-format",
            "raw",
        ]
        started = time.perf_counter()
        done = subprocess.run(
            cmd,
            cwd=workdir,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"mailmerge failed:\n{done.stderr[-2000:]}")
        received = _sink_count(sink)
        sink_cpu = _sink_cpu(sink)
    finally:
        sink.stop()
    return Figures(
        scenario="C",
        sender="mailmerge/smtp",
        recipients=recipients,
        sent=received,
        send_s=seconds,
        received=received,
        extra={"connections": "1 per message", "sink_cpu_s": sink_cpu},
    )


# --- the report -----------------------------------------------------------------


def report(rows: list[Figures], big: int, small: int) -> None:
    from rich.console import Console
    from rich.table import Table

    database = next((str(f.extra["database"]) for f in rows if "database" in f.extra), "")
    table = Table(
        title=f"bench/send.py: Pleinpost end to end on {database or 'SQLite'}, "
        f"fake SendGrid latency {LATENCY * 1000:.0f} ms"
    )
    for column in (
        "scen.",
        "sender",
        "recipients",
        "sent",
        "requests",
        "received",
        "snapshot s",
        "sending s",
        "total s",
        "msg/s",
        "peak RSS MB",
        "CPU s",
        "send CPU s",
        "idle",
        "sink CPU s",
    ):
        table.add_column(column, justify="left" if column == "sender" else "right")
    for f in rows:
        table.add_row(
            f.scenario,
            f.sender,
            f"{f.recipients:,}",
            f"{f.sent:,}",
            "" if f.requests is None else f"{f.requests}",
            "" if f.received is None else f"{f.received:,}",
            f"{f.start_s:.1f}" if f.start_s else "",
            f"{f.send_s:.1f}",
            f"{f.total_s:.1f}",
            f"{f.rate:,.0f}",
            f"{f.peak_mb:.0f}" if f.peak_mb else "",
            str(f.extra.get("cpu_s", "")),
            str(f.extra.get("send_cpu_s", "")),
            f"{f.extra['idle_share']:.0%}" if "idle_share" in f.extra else "",
            str(f.extra.get("sink_cpu_s", "")),
        )
    console = Console()
    if not console.is_terminal:
        console = Console(width=160)
    console.print(table)
    for line in verdicts(rows, big, small):
        console.print(line)
    for f in rows:
        if "steps" in f.extra:
            steps = ", ".join(f"{name} {cpu:.2f}" for name, cpu in f.extra["steps"].items())
            console.print(f"{f.scenario}: CPU s by step: {steps}")


def verdicts(rows: list[Figures], big: int, small: int) -> list[str]:
    """The issue's targets, each with the figure it rests on."""
    by = {(f.scenario, f.sender.split("/")[0]): f for f in rows}
    out = []
    a, b = by.get(("A", "pleinpost")), by.get(("B", "pleinpost"))
    if a:
        out.append(
            _verdict(
                a.requests is not None and a.requests <= big / 1000,
                f"A: {a.requests} requests for {big:,} (target ≤ {big // 1000})",
            )
        )
        out.append(_verdict(a.total_s < 60, f"A: whole run {a.total_s:.1f} s (target < 60 s)"))
        if "send_cpu_s" in a.extra:
            per_100k = float(a.extra["send_cpu_s"]) * 100_000 / max(big, 1)
            out.append(
                _verdict(
                    per_100k < 5,
                    f"A: sender CPU for the send {per_100k:.1f} s per 100,000 "
                    f"(target < 5 s), {a.extra['idle_share']:.0%} of its wall time waiting",
                )
            )
        out.append(_verdict(a.peak_mb < 250, f"A: peak RSS {a.peak_mb:.0f} MB (target < 250 MB)"))
        out.append(
            _verdict(
                a.invalid == 0 and a.sent == big,
                f"A: {a.sent:,} sent, {a.invalid} invalid requests",
            )
        )
    if a and b:
        growth = a.peak_mb / b.peak_mb - 1
        out.append(
            _verdict(
                growth <= 0.2,
                f"A vs B: peak RSS {a.peak_mb:.0f} MB vs "
                f"{b.peak_mb:.0f} MB, {growth:+.0%} (target ≤ +20 %)",
            )
        )
    ours, theirs = by.get(("C", "pleinpost")), by.get(("C", "mailmerge"))
    if ours and theirs and theirs.rate:
        ratio = ours.rate / theirs.rate
        out.append(
            _verdict(
                ours.received == small and theirs.received == small,
                f"C: sinks received {ours.received:,} and {theirs.received:,} of {small:,}",
            )
        )
        out.append(
            _verdict(
                ratio >= 3,
                f"C: Pleinpost {ours.rate:,.0f} msg/s vs mailmerge "
                f"{theirs.rate:,.0f} msg/s = {ratio:.1f}× (target: several times)",
            )
        )
    return out


def _verdict(ok: bool, text: str) -> str:
    return f"[green]OK  [/green] {text}" if ok else f"[red]MISS[/red] {text}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke test")
    parser.add_argument("--recipients", type=int, help="scenario A's size (B and C: a tenth)")
    parser.add_argument("--smtp-connections", type=int, default=4)
    parser.add_argument("--only", choices=["A", "B", "C"], action="append")
    parser.add_argument("--profile", help="directory for cProfile output, one file per run")
    parser.add_argument("--skip-mailmerge", action="store_true", help="scenario C: ours only")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    parser.add_argument(
        "--steps", action="store_true", help="SendGrid scenarios: CPU seconds of each step"
    )
    parser.add_argument(
        "--database-url",
        "--db-url",
        dest="db_url",
        default="",
        help="run on this database (EMPTIED before each scenario); default: fresh SQLite files",
    )
    parser.add_argument(
        "--latency", type=float, default=0.0, help="fake SendGrid: seconds before each answer"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    global DB_URL, LATENCY
    DB_URL, LATENCY = args.db_url, args.latency
    if args.steps:
        os.environ["BENCH_STEPS"] = "1"  # the children read it
    if args.child:
        child(args.child, args.recipients, args.profile)
        return
    big = args.recipients or (2_000 if args.quick else 100_000)
    small = max(big // 10, 1) if args.recipients or not args.quick else 500
    only = set(args.only or "ABC")
    profile = Path(args.profile) if args.profile else None
    rows: list[Figures] = []
    with tempfile.TemporaryDirectory(prefix="pleinpost-bench-") as tmp:
        base = Path(tmp)
        if "A" in only:
            print(f"A: {big:,} recipients → fake SendGrid …", file=sys.stderr)
            rows.append(sendgrid_scenario("A", big, base, profile))
        if "B" in only:
            print(f"B: {small:,} recipients → fake SendGrid …", file=sys.stderr)
            rows.append(sendgrid_scenario("B", small, base, profile))
        if "C" in only:
            print(
                f"C: {small:,} recipients → SMTP sink, Pleinpost then mailmerge …", file=sys.stderr
            )
            ours, theirs = smtp_scenario(
                small, args.smtp_connections, base, profile, args.skip_mailmerge
            )
            rows += [ours, theirs] if theirs else [ours]
    report(rows, big, small)
    if args.json:
        print(json.dumps([asdict(f) | {"total_s": f.total_s, "rate": f.rate} for f in rows]))


if __name__ == "__main__":
    main()
