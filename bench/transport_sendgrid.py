"""100,000 recipients through the SendGrid transport to the local fake SendGrid.

The server runs in its own process (validating every body against the
published schema), so the peak RSS printed is the sender's alone. Recipients
are made and handed over in batches, as the dispatch loop does.

    .venv/bin/python bench/transport_sendgrid.py [--recipients 100000] [--batch 1000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mailer.message import Address, Batch, PreparedMessage, Recipient, hole  # noqa: E402
from mailer.transports.base import Outcome  # noqa: E402
from mailer.transports.sendgrid import SendGridTransport  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.transports.sendgrid_server", "--api-key", API_KEY],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = f"http://127.0.0.1:{int(server.stdout.readline())}"
        transport = SendGridTransport(API_KEY, host=url, timeout=30)
        message = prepared()
        sent = 0
        started = time.perf_counter()
        for start in range(0, args.recipients, args.batch):
            batch = Batch(message, recipients(start, min(start + args.batch, args.recipients)))
            sent += sum(r.outcome is Outcome.SENT for r in transport.send_batch(batch))
        seconds = time.perf_counter() - started
        with urllib.request.urlopen(f"{url}/_stats", timeout=10) as response:
            stats = json.load(response)
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=10)
        if server.stdout:
            server.stdout.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"recipients {args.recipients}  sent {sent}  requests {stats['requests']}  "
        f"invalid {len(stats['invalid'])}  seconds {seconds:.1f}  "
        f"rate {sent / seconds:.0f}/s  peak RSS {peak_mb:.0f} MB"
    )


if __name__ == "__main__":
    main()
