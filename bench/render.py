"""Rendering figures: compile a 10-section newsletter; personalize + MIME per recipient.

Run: .venv/bin/python bench/render.py   (targets: compile < 5 ms, >= 5,000 msg/s)
"""

from __future__ import annotations

import dataclasses
import statistics
import time

from mailer.config import Settings
from mailer.render import prepare, sample_data, sample_recipient

ARTICLE = """\
## Artikel {n}: nieuws uit de regio

Een alinea over vervoer en welzijn in de regio, met een [link](https://pleinpost.example/{n})
en wat **nadruk**. Vrijwilligers rijden buren naar de huisarts en de markt.

- eerste punt
- tweede punt
"""


def compile_ms(settings: Settings, runs: int = 50) -> float:
    data = {
        **sample_data("newsletter", "nl"),
        "content": "\n---\n".join(ARTICLE.format(n=n) for n in range(10)),
    }
    prepare("newsletter", "nl", data, settings)  # warm the template cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        prepare("newsletter", "nl", data, settings)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def messages_per_second(settings: Settings, count: int = 20_000) -> tuple[float, int]:
    data = {
        **sample_data("newsletter", "nl"),
        "content": "\n---\n".join(ARTICLE.format(n=n) for n in range(10)),
    }
    prepared = prepare("newsletter", "nl", data, settings)
    base = sample_recipient("nl")
    recipients = [
        dataclasses.replace(
            base,
            message_id=f"<d.{i}@pleinpost.example>",
            values={**base.values, "name": f"Lid {i} van Één & Ander"},
            ref=str(i),
        )
        for i in range(count)
    ]
    size = len(prepared.personalize(recipients[0]).as_bytes())
    start = time.perf_counter()
    for recipient in recipients:
        prepared.personalize(recipient).as_bytes()
    return count / (time.perf_counter() - start), size


def main() -> None:
    settings = Settings()
    print(f"compile 10-section newsletter: {compile_ms(settings):.2f} ms (target < 5 ms)")
    rate, size = messages_per_second(settings)
    print(f"personalize + as_bytes: {rate:,.0f} msg/s, {size / 1024:.1f} KB each (target >= 5,000)")


if __name__ == "__main__":
    main()
