"""Server-rendered pages: one Jinja environment, autoescaping everything.

Every text that came from outside (names, subjects, reply bodies) reaches a
page only through ``{{ }}``, which escapes it; ``|safe`` is never used on
such text.
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined


def environment() -> Environment:
    return Environment(
        loader=PackageLoader("mailer.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class Pages:
    def __init__(self) -> None:
        self.env = environment()

    def render(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = self.env.get_template(name).render(**context)
        return HTMLResponse(html, status_code=status)
