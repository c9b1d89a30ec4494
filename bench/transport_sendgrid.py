"""The SendGrid transport against the local fake SendGrid, in two measurements.

Newsletter (the default): 100,000 recipients, grouped, 1000 per request.
Invitation (``--invitation``): one invitation to 500 recipients sent in both
reply modes (README, "SendGrid"): per recipient (one request each, side by
side) and grouped (one request), printing requests, wall time and the sender's
CPU for each. ``--latency`` makes the fake server wait before every answer,
as a distant API does; 0 measures our own cost alone.

The server runs in its own process (validating every body against the
published schema), so the peak RSS and CPU printed are the sender's alone.
Recipients are made and handed over in batches, as the dispatch loop does.

    .venv/bin/python bench/transport_sendgrid.py [--recipients 100000] [--batch 1000]
    .venv/bin/python bench/transport_sendgrid.py --invitation [--recipients 500]
        [--concurrency 4] [--latency 0.15]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mailer import render  # noqa: E402
from mailer.config import load_settings  # noqa: E402
from mailer.message import (  # noqa: E402
    Address,
    Batch,
    PreparedMessage,
    Recipient,
    ReplyMode,
    hole,
)
from mailer.render.samples import sample_data, sample_recipient  # noqa: E402
from mailer.transports.base import Outcome, Result  # noqa: E402
from mailer.transports.sendgrid import SendGridTransport, build_payloads  # noqa: E402

API_KEY = "SG.bench-key"


def prepared() -> PreparedMessage:
    """About 30 KB of HTML with holes, like a compiled newsletter."""
    section = (
        '<tr><td style="padding:16px;font-family:Arial"><h2>Nieuws uit de regio</h2>'
        "<p>Vrijwilligers in de gemeente brengen ouderen naar de huisarts en de markt. "
        "Lees hoe initiatieven samenwerken met de provincie.</p></td></tr>\n"
    )
    body = section * (30_000 // len(section))
    html = (
        f"<html><body><p>Beste {hole('name', 'html')} ({hole('org', 'html')}),</p>"
        f'<table>{body}</table><a href="{hole("unsubscribe", "html")}">Afmelden</a>'
        "</body></html>"
    )
    text = (
        f"Beste {hole('name', 'text')},\n\nNieuws uit de regio.\n"
        f"Afmelden: {hole('unsubscribe', 'text')}\n"
    )
    return PreparedMessage(
        sender=Address("nieuws@pleinpost.example", "Netwerk Vervoer & Welzijn"),
        subject=f"Nieuwsbrief voor {hole('org', 'text')}",
        html=html,
        text=text,
        headers={"List-Id": "Nieuwsbrief <nieuws.pleinpost.example>"},
        holes=frozenset({"name", "org", "unsubscribe"}),
        categories=("newsletter",),
    )


def recipients(start: int, stop: int) -> list[Recipient]:
    out = []
    for i in range(start, stop):
        link = f"https://pleinpost.example/u/{i:08x}"
        out.append(
            Recipient(
                to=Address(f"lid{i}@gemeente{i % 26}.example", f"Lid {i}"),
                message_id=f"<d{i}.c1@pleinpost.example>",
                values={"name": f"Lid {i}", "org": f"Stichting {i % 60}", "unsubscribe": link},
                reply_to=Address(f"antwoord+{i:08x}@antwoord.pleinpost.example"),
                headers={
                    "List-Unsubscribe": f"<{link}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
                ref=str(i),
            )
        )
    return out


def invitation(count: int) -> Batch:
    """The real invitation template, compiled by render with its sample event (the
    one ``mailer campaign preview`` shows), to ``count`` recipients like compose makes."""
    settings = load_settings(secret_key="bench", data_dir=Path(tempfile.mkdtemp()))
    message = render.prepare("invitation", "nl", sample_data("invitation"), settings)
    sample = sample_recipient()
    people = []
    for i in range(count):
        token = f"{i:026d}"
        email = f"lid{i}@gemeente{i % 26}.example"
        reply = f"antwoord+{token}@antwoord.pleinpost.example"
        people.append(
            replace(
                sample,
                to=Address(email, f"Lid {i}"),
                message_id=f"<{token}@pleinpost.example>",
                values={**sample.values, "email": email, "reply_address": reply},
                reply_to=Address(reply, "Netwerk Vervoer & Welzijn"),
                ref=str(i),
            )
        )
    return Batch(message, people)


@dataclass
class Server:
    url: str
    pid: int

    def stats(self) -> dict[str, Any]:
        with urllib.request.urlopen(f"{self.url}/_stats", timeout=10) as response:
            return dict(json.load(response))

    def cpu(self) -> float:
        """The server process's CPU seconds so far (Linux /proc)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def fake_sendgrid(latency: float = 0.0) -> Iterator[Server]:
    """The fake server in its own process."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.transports.sendgrid_server",
            "--api-key",
            API_KEY,
            "--latency",
            str(latency),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        yield Server(f"http://127.0.0.1:{int(server.stdout.readline())}", server.pid)
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=10)
        if server.stdout:
            server.stdout.close()


def newsletter_run(args: argparse.Namespace) -> None:
    """Batches of ``--batch`` as the send loop hands them over: the next one made and its
    request built while the one before is in flight (``--no-overlap``: one after the other)."""
    with fake_sendgrid(args.latency) as server:
        transport = SendGridTransport(API_KEY, host=server.url, timeout=30)
        message = prepared()
        sent = 0
        made = 0.0  # CPU seconds making the recipients: the send loop's share, not ours
        cpu, started = time.process_time(), time.perf_counter()
        with ThreadPoolExecutor(max_workers=1) as sender:
            in_flight: Future[list[Result]] | None = None
            for start in range(0, args.recipients, args.batch):
                before = time.process_time()
                batch = Batch(message, recipients(start, min(start + args.batch, args.recipients)))
                made += time.process_time() - before
                ready = transport.prepare(batch)
                if in_flight is not None:
                    sent += sum(r.outcome is Outcome.SENT for r in in_flight.result())
                in_flight = sender.submit(ready)
                if args.no_overlap:
                    sent += sum(r.outcome is Outcome.SENT for r in in_flight.result())
                    in_flight = None
            if in_flight is not None:
                sent += sum(r.outcome is Outcome.SENT for r in in_flight.result())
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        stats = server.stats()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"recipients {args.recipients}  sent {sent}  requests {stats['requests']}  "
        f"invalid {len(stats['invalid'])}  latency {args.latency * 1000:.0f} ms  "
        f"overlap {'no' if args.no_overlap else 'yes'}\n"
        f"wall {seconds:.1f} s  rate {sent / seconds:.0f}/s  peak RSS {peak_mb:.0f} MB\n"
        f"sender CPU {cpu:.1f} s: transport {cpu - made:.1f} s, making the recipients "
        f"{made:.1f} s; waiting (wall without sender CPU) "
        f"{max(0.0, 1 - cpu / seconds):.0%} of the wall time"
    )


def invitation_run(args: argparse.Namespace) -> None:
    """One invitation to ``--recipients``, per recipient at each concurrency, then grouped;
    each run against a fresh server process."""
    whole = invitation(args.recipients)
    print(
        f"invitation to {args.recipients} recipients, batches of {args.batch}, "
        f"server latency {args.latency * 1000:.0f} ms"
    )
    print(
        "mode            conc.  requests  in flight  sent  invalid  wall s  CPU s  "
        "server CPU s  sent MB"
    )
    runs = [(ReplyMode.PER_RECIPIENT, c) for c in args.concurrency] + [(ReplyMode.GROUPED, 1)]
    for mode, concurrency in runs:
        batch = replace(whole, mode=mode)
        body_mb = sum(len(json.dumps(p)) for p in build_payloads(batch)) / 1e6
        with fake_sendgrid(args.latency) as server:
            transport = SendGridTransport(
                API_KEY, host=server.url, timeout=30, concurrency=concurrency
            )
            server_cpu = server.cpu()
            cpu, started = time.process_time(), time.perf_counter()
            results = [r for b in _batches(batch, args.batch) for r in transport.send_batch(b)]
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            stats, server_cpu = server.stats(), server.cpu() - server_cpu
        sent = sum(r.outcome is Outcome.SENT for r in results)
        print(
            f"{mode.value:<14} {concurrency:>6}  {stats['requests']:>8}  "
            f"{stats['max_in_flight']:>9}  {sent:>4}  {len(stats['invalid']):>7}  "
            f"{wall:>6.2f}  {cpu:>5.2f}  {server_cpu:>12.2f}  {body_mb:>7.1f}"
        )


def _batches(batch: Batch, size: int) -> Iterator[Batch]:
    """The batches the dispatch loop would hand over (MAILER_BATCH_SIZE)."""
    for start in range(0, len(batch.recipients), size):
        yield replace(batch, recipients=batch.recipients[start : start + size])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--invitation", action="store_true", help="500 invitations, both modes")
    parser.add_argument("--recipients", type=int)
    parser.add_argument("--batch", type=int, help="recipients handed over at once")
    parser.add_argument(
        "--concurrency",
        default="1,4,8,16",
        help="MAILER_SENDGRID_CONCURRENCY values to try, comma-separated",
    )
    parser.add_argument("--latency", type=float, default=0.0, help="server seconds per answer")
    parser.add_argument(
        "--no-overlap", action="store_true", help="newsletter: each batch only after the last"
    )
    args = parser.parse_args()
    args.concurrency = [int(c) for c in str(args.concurrency).split(",")]
    if args.invitation:
        args.recipients = args.recipients or 500
        args.batch = args.batch or 500  # MAILER_BATCH_SIZE's default
        invitation_run(args)
    else:
        args.recipients = args.recipients or 100_000
        args.batch = args.batch or 1000
        newsletter_run(args)


if __name__ == "__main__":
    main()
