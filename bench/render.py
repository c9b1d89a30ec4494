"""Rendering figures: compile a 10-section newsletter; personalize + MIME per recipient.

Run: .venv/bin/python bench/render.py   (targets: compile < 5 ms, >= 5,000 msg/s)

"cold" compiles new article text every run, so no per-process cache helps
(the target); "again" compiles the same content a second time, as happens
for a campaign's second language or at send time after a preview.
"""

from __future__ import annotations

import dataclasses
import statistics
import time
from typing import Any

from mailer.config import Settings
from mailer.render import prepare, sample_data, sample_recipient
from mailer.render.text import html_to_text

ARTICLE = """\
## Artikel {n}: nieuws uit de regio

Een alinea over vervoer en welzijn in de regio, met een [link](https://pleinpost.example/{n})
en wat **nadruk**. Vrijwilligers rijden buren naar de huisarts en de markt.

- eerste punt
- tweede punt
"""


def newsletter(first: int = 0) -> dict[str, Any]:
    """Sample newsletter data with ten articles numbered from ``first``."""
    return {
        **sample_data("newsletter", "nl"),
        "content": "\n---\n".join(ARTICLE.format(n=first + n) for n in range(10)),
    }


def compile_ms(settings: Settings, *, cold: bool, runs: int = 50) -> float:
    """Median milliseconds for one compile of a 10-section newsletter."""
    prepare("newsletter", "nl", newsletter(), settings)  # load templates and strings once
    datas = [newsletter((run + 1) * 100 if cold else 0) for run in range(runs)]
    times = []
    for data in datas:
        start = time.perf_counter()
        prepare("newsletter", "nl", data, settings)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def text_ms(settings: Settings, runs: int = 50) -> float:
    """Median milliseconds for the plain-text part of that newsletter alone."""
    html = prepare("newsletter", "nl", newsletter(), settings).html
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        html_to_text(html)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def messages_per_second(settings: Settings, count: int = 20_000) -> tuple[float, int]:
    prepared = prepare("newsletter", "nl", newsletter(), settings)
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
    cold = compile_ms(settings, cold=True)
    again = compile_ms(settings, cold=False)
    print(
        f"compile 10-section newsletter: {cold:.2f} ms cold, {again:.2f} ms again "
        f"(target < 5 ms); text part {text_ms(settings):.2f} ms of it"
    )
    rate, size = messages_per_second(settings)
    print(f"personalize + as_bytes: {rate:,.0f} msg/s, {size / 1024:.1f} KB each (target >= 5,000)")


if __name__ == "__main__":
    main()
