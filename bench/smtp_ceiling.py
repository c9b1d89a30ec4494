"""How close Pleinpost's SMTP transport comes to a bare smtplib client (issue 9).

    .venv/bin/python bench/smtp_ceiling.py [--messages 4000] [--connections 2] [--runs 3]

Three senders put the same compiled newsletter (the one bench/send.py sends,
about 47 KB) on the wire to a no-op aiosmtpd sink in its own process, over
the same number of connections, in rounds (the machine may be loaded by
other work; each round runs all three, and ratios are taken within a round):

bare       smtplib ``sendmail`` in a loop over messages made before the clock
           starts: the issue's ceiling (it includes smtplib's own pass over
           every message to dot-stuff it).
raw        the same, with the messages already dot-stuffed and sent with
           smtplib's low-level commands: the wire alone, no Python client
           does less.
pleinpost  ``SmtpTransport.send_batch`` in batches of 500, as the send loop
           hands them over: personalising every message inside the clock.

Printed per run: messages/s and the sender's CPU per message (this process;
the sink runs elsewhere). Under load, or when the sink sets the pace
(``--full-sink``), msg/s says less than CPU per message, the rate each
sender could reach on a core of its own. Target: pleinpost ≥ 0.90 of bare.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import resource
import signal
import smtplib
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._setup import CONTENT, SUBJECT  # noqa: E402
from mailer.config import Settings  # noqa: E402
from mailer.message import Batch, PreparedMessage, Recipient  # noqa: E402
from mailer.render import prepare, sample_data, sample_recipient  # noqa: E402
from mailer.transports.base import Outcome  # noqa: E402
from mailer.transports.smtp import SmtpTransport  # noqa: E402

BATCH = 500


@dataclass(frozen=True)
class Run:
    sender: str
    messages: int
    seconds: float
    cpu_s: float  # this process: the sender's own work (the sink runs elsewhere)
    received: int

    @property
    def rate(self) -> float:
        return self.messages / self.seconds

    @property
    def cpu_us(self) -> float:
        return self.cpu_s / self.messages * 1e6


# --- the sink: accepts everything, keeps nothing ------------------------------


class _NoOp:
    """aiosmtpd's own DATA: reads line by line and unstuffs (``--full-sink``)."""

    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.count += 1
        return "250 2.0.0 Ok"


def _swallowing_smtp() -> type:
    """aiosmtpd's state machine with a DATA that swallows the message in large reads.

    aiosmtpd's own DATA costs ~5 ms of Python per 47 KB message (one
    ``readuntil`` per line), so with it the sink, not the sender, sets the
    pace on two cores and both senders measure the same.
    """
    from aiosmtpd.smtp import SMTP

    class Swallow(SMTP):  # type: ignore[misc]
        async def smtp_DATA(self, arg: str) -> None:
            if not self.envelope.rcpt_tos:
                await self.push("503 Error: need RCPT command")
                return
            await self.push("354 End data with <CR><LF>.<CR><LF>")
            tail = b""
            while True:  # the client waits for our reply, so the end is the end of a read
                chunk = await self._reader.read(1 << 16)
                if not chunk:
                    return
                tail = (tail + chunk)[-5:]
                if tail == b"\r\n.\r\n":
                    break
            self.event_handler.count += 1
            self._set_post_data_state()
            await self.push("250 2.0.0 Ok")

    return Swallow


async def _serve(full: bool) -> None:
    from aiosmtpd.smtp import SMTP

    handler = _NoOp()
    kind = SMTP if full else _swallowing_smtp()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: kind(handler, hostname="sink.test"), host="127.0.0.1", port=0
    )
    print(server.sockets[0].getsockname()[1], flush=True)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    server.close()
    print(handler.count, flush=True)


@contextmanager
def sink(full: bool) -> Iterator[tuple[int, list[int]]]:
    """A fresh no-op sink; yields its port and, after the block, [messages received]."""
    cmd = [sys.executable, __file__, "--sink", "full" if full else "swallow"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None
    received: list[int] = []
    try:
        yield int(proc.stdout.readline()), received
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
        received.append(int(out.strip() or 0))


# --- the mail -----------------------------------------------------------------


def newsletter() -> PreparedMessage:
    data = {**sample_data("newsletter", "nl"), "subject": SUBJECT, "content": CONTENT}
    return prepare("newsletter", "nl", data, Settings())


def recipients(count: int) -> list[Recipient]:
    base = sample_recipient("nl")
    return [
        dataclasses.replace(
            base,
            to=dataclasses.replace(base.to, email=f"lid{i}@org{i % 86}.example"),
            message_id=f"<d.{i}@pleinpost.example>",
            values={**base.values, "name": f"Lid {i} de Vries"},
            ref=str(i),
        )
        for i in range(count)
    ]


# --- the two senders ------------------------------------------------------------


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bare(port: int, prepared: PreparedMessage, rcpts: list[Recipient], connections: int) -> Run:
    """smtplib ``sendmail`` alone: the messages are made before the clock starts."""
    sender = prepared.sender.email
    made = [(r.to.email, prepared.personalize(r).as_bytes()) for r in rcpts]

    def send(conn: smtplib.SMTP, to: str, data: bytes) -> None:
        conn.sendmail(sender, [to], data)

    return _threads("bare smtplib", port, made, connections, send)


def raw(port: int, prepared: PreparedMessage, rcpts: list[Recipient], connections: int) -> Run:
    """The wire alone: messages made and dot-stuffed before the clock, sent with
    smtplib's low-level commands (no pass over the bytes): no Python client does less."""
    sender = prepared.sender.email
    made = [(r.to.email, prepared.personalize(r).as_smtp_data()) for r in rcpts]

    def send(conn: smtplib.SMTP, to: str, data: bytes) -> None:
        conn.mail(sender)
        conn.rcpt(to)
        conn.putcmd("data")
        code, reply = conn.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        conn.send(data)
        code, reply = conn.getreply()
        if code != 250:
            raise smtplib.SMTPDataError(code, reply)

    return _threads("raw smtplib", port, made, connections, send)


def _threads(
    name: str,
    port: int,
    made: list[tuple[str, bytes]],
    connections: int,
    send: Callable[[smtplib.SMTP, str, bytes], None],
) -> Run:
    """One thread and connection per share, as the transport spreads a batch."""

    errors: list[BaseException] = []

    def one(share: list[tuple[str, bytes]]) -> None:
        conn = smtplib.SMTP("127.0.0.1", port, timeout=30)
        try:
            conn.ehlo()
            for to, data in share:
                send(conn, to, data)
        except BaseException as err:  # reported by the main thread
            errors.append(err)
        finally:
            conn.quit()

    shares = [made[i::connections] for i in range(connections)]
    with timed() as clock:
        threads = [threading.Thread(target=one, args=(share,)) for share in shares]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    if errors:
        raise SystemExit(f"{name}: {errors[0]!r}")
    return Run(name, len(made), clock.seconds, clock.cpu, 0)


def pleinpost(
    port: int, prepared: PreparedMessage, rcpts: list[Recipient], connections: int
) -> Run:
    """The transport as the send loop uses it: personalise and send, batch by batch."""
    transport = SmtpTransport(f"smtp://127.0.0.1:{port}", connections=connections)
    sent = 0
    with timed() as clock:
        for start in range(0, len(rcpts), BATCH):
            results = transport.send_batch(Batch(prepared, rcpts[start : start + BATCH]))
            sent += sum(r.outcome is Outcome.SENT for r in results)
        transport.close()
    if sent != len(rcpts):
        raise SystemExit(f"pleinpost: only {sent} of {len(rcpts)} sent")
    return Run("pleinpost", len(rcpts), clock.seconds, clock.cpu, 0)


SENDERS: dict[str, Callable[[int, PreparedMessage, list[Recipient], int], Run]] = {
    "bare": bare,
    "raw": raw,
    "pleinpost": pleinpost,
}


@dataclass
class _Clock:
    seconds: float = 0.0
    cpu: float = 0.0


@contextmanager
def timed() -> Iterator[_Clock]:
    clock = _Clock()
    cpu, started = _cpu(), time.perf_counter()
    yield clock
    clock.seconds = time.perf_counter() - started
    clock.cpu = _cpu() - cpu


def measure(
    kind: str, prepared: PreparedMessage, rcpts: list[Recipient], connections: int, full: bool
) -> Run:
    with sink(full) as (port, received):
        run = SENDERS[kind](port, prepared, rcpts, connections)
    return dataclasses.replace(run, received=received[0])


# --- the report -------------------------------------------------------------------


def _range(values: list[float], fmt: str) -> str:
    lo, hi = min(values), max(values)
    return format(lo, fmt) if lo == hi else f"{format(lo, fmt)}–{format(hi, fmt)}"


def report(rounds: list[dict[str, Run]]) -> dict[str, Any]:
    """Each round ran every sender once; ratios are taken within a round."""
    for runs in rounds:
        for run in runs.values():
            ok = "" if run.received == run.messages else f"  (sink got {run.received}!)"
            print(
                f"  {run.sender:13} {run.messages:,} msgs in {run.seconds:5.2f} s = "
                f"{run.rate:6,.0f} msg/s; sender CPU {run.cpu_us:4.0f} µs/msg{ok}"
            )
    figures: dict[str, Any] = {}
    print("summary (ranges over the rounds):")
    for kind in SENDERS:
        rates = [runs[kind].rate for runs in rounds]
        cpus = [runs[kind].cpu_us for runs in rounds]
        figures[kind] = {"msg_per_s": [round(x) for x in rates], "cpu_us": [round(x) for x in cpus]}
        print(
            f"  {rounds[0][kind].sender:13} {_range(rates, ',.0f')} msg/s, "
            f"{_range(cpus, '.0f')} µs sender CPU/msg"
        )
    for ceiling in ("bare", "raw"):
        rate = [runs["pleinpost"].rate / runs[ceiling].rate for runs in rounds]
        cpu = [runs[ceiling].cpu_us / runs["pleinpost"].cpu_us for runs in rounds]
        figures[f"ratio_to_{ceiling}"] = {
            "rate": [round(x, 2) for x in rate],
            "cpu": [round(x, 2) for x in cpu],
        }
        print(
            f"  pleinpost / {ceiling} smtplib: {_range(rate, '.2f')} by msg/s, "
            f"{_range(cpu, '.2f')} by sender CPU (target ≥ 0.90)"
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=4000)
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    parser.add_argument(
        "--full-sink", action="store_true", help="aiosmtpd's own DATA (the sink sets the pace)"
    )
    parser.add_argument("--sink", choices=["full", "swallow"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sink:
        asyncio.run(_serve(args.sink == "full"))
        return
    prepared = newsletter()
    rcpts = recipients(args.messages)
    size = len(prepared.personalize(rcpts[0]).as_bytes())
    print(
        f"{args.messages:,} messages of {size / 1024:.1f} KB over {args.connections} "
        f"connection(s) to a no-op aiosmtpd sink, {args.runs} round(s):"
    )
    rounds = [
        {k: measure(k, prepared, rcpts, args.connections, args.full_sink) for k in SENDERS}
        for _ in range(args.runs)
    ]
    figures = {"message_kb": round(size / 1024, 1), "connections": args.connections}
    figures |= report(rounds)
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
