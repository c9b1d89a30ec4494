"""What every held-out round (rounds 3-7, ``heldoutN_corpus.py``) is built on.

A round is its event (``Round``: title, place, organisers, the dates and ids its
mail carries), its invited organisations and its cases (``Corpus``). Each
round's generator declares these and its cases; ``Corpus.write`` turns them
into ``corpus_heldout/roundN/``: one .eml per case and ``expected.json``.

Every message answers its organisation's own delivery: reply address and
``In-Reply-To`` are made with the tests' signing key
(``tests.conftest.TEST_SECRET``), deliveries numbered as the evaluation
imports them (per mail of ``Round.mails``, one per organisation, in order).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import InitVar, dataclass, field
from html import escape
from pathlib import Path

from mailer.config import load_settings
from mailer.tokens import message_id, reply_address

SECRET = "test-secret-key"  # tests.conftest.TEST_SECRET
SETTINGS = load_settings(secret_key=SECRET, database_url="sqlite://")
CORPUS_HELDOUT = Path(__file__).parent / "corpus_heldout"
WEEK_FROM_TUESDAY = ["Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Mon"]


@dataclass(frozen=True)
class Round:
    """One round's event and the shape of its Date headers and Message-IDs.

    A case's Date is day ``first_day + n % days`` of ``month`` (whose
    ``first_day`` is a Tuesday), at ``8 + n % hours`` o'clock and minute
    ``n * minute_step % 60``; its Message-ID is numbered with ``mid_factor``.
    """

    number: int
    title: str
    place: str
    address: str
    organisers: tuple[str, str]
    first_day: int
    days: int
    month: str  # "Feb 2027"
    hours: int
    minute_step: int
    mid_factor: int
    mails: tuple[str, ...] = ("invitation", "newsletter")  # one delivery each, in this order
    mail_in_expected: bool = True  # expected.json names the mail answered (round 4 on)

    @property
    def tag(self) -> str:
        return f"r{self.number}"

    @property
    def out(self) -> Path:
        return CORPUS_HELDOUT / f"round{self.number}"

    def date(self, n: int) -> str:
        day = self.first_day + n % self.days
        weekday = WEEK_FROM_TUESDAY[(day - self.first_day) % 7]
        return (
            f"{weekday}, {day} {self.month} "
            f"{8 + n % self.hours:02d}:{(n * self.minute_step) % 60:02d}:00 +0100"
        )

    def mid(self, n: int, domain: str) -> str:
        return f"<{self.tag}.{n:03d}.{n * self.mid_factor % 100000:05d}@{domain}>"


@dataclass(frozen=True)
class Org:
    name: str
    kind: str
    contact: str
    email: str
    late: bool = False  # invited to a session whose reply-by date has passed


@dataclass(frozen=True)
class Invited:
    """One delivery as a reply quotes it: the organisation's contact and our addresses."""

    organisation: str
    contact: str
    email: str
    reply: str
    message_id: str
    mail: str = "invitation"


@dataclass
class Case:
    """One message of the round and what a coordinator reading it would record."""

    name: str
    org: int
    build: Callable[[Invited, int], str]
    of: Org
    mail_in_expected: bool
    kind: str = "reply"
    decision: str = "unclear"
    attendees: list[tuple[str, str | None]] = field(default_factory=list)
    unnamed: int = 0
    addition: bool = False
    mail: str = "invitation"
    note: str = ""
    newsletter: InitVar[bool] = False  # round 3's way to say mail="newsletter"

    def __post_init__(self, newsletter: bool) -> None:
        if newsletter:
            self.mail = "newsletter"

    def expected(self) -> dict[str, object]:
        want: dict[str, object] = {
            "kind": self.kind,
            "decision": self.decision,
            "attendees": [{"name": n, "email": e} for n, e in self.attendees],
            "unnamed_extra": self.unnamed,
            "addition": self.addition,
            "organisation": self.of.name,
            "newsletter": self.mail == "newsletter",
        }
        if self.mail_in_expected:
            want["mail"] = self.mail
        want["note"] = self.note
        want["late"] = self.of.late
        return want


class Corpus:
    """A round's invited organisations (in delivery order) and its cases, and their writer."""

    def __init__(self, rnd: Round) -> None:
        self.round = rnd
        self.orgs: list[Org] = []
        self.cases: list[Case] = []

    def org(
        self, name: str, contact: str, email: str, kind: str = "initiative", *, late: bool = False
    ) -> int:
        self.orgs.append(Org(name, kind, contact, email, late))
        return len(self.orgs) - 1

    def invited(self, index: int, mail: str = "invitation") -> Invited:
        o = self.orgs[index]
        delivery = index + 1 + len(self.orgs) * self.round.mails.index(mail)
        return Invited(
            o.name,
            o.contact,
            o.email,
            reply_address(SETTINGS, delivery),
            message_id(SETTINGS, delivery),
            mail,
        )

    def case(
        self, name: str, index: int, build: Callable[[Invited, int], str], **expected: object
    ) -> None:
        self.cases.append(
            Case(
                f"{self.round.tag}_{name}",
                index,
                build,
                self.orgs[index],
                self.round.mail_in_expected,
                **expected,  # type: ignore[arg-type]
            )
        )

    def write(self, out: Path | None = None) -> None:
        out = out or self.round.out
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("*.eml"):
            old.unlink()
        expected = {}
        for number, item in enumerate(self.cases, 1):
            name = f"{number:03d}_{item.name}.eml"
            raw = item.build(self.invited(item.org, item.mail), number)
            (out / name).write_bytes(raw.encode("utf-8"))
            expected[name] = item.expected()
        (out / "expected.json").write_text(
            json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )


def domain_of(email: str) -> str:
    return email.split("@", 1)[1]


def paragraphs_html(text: str) -> str:
    """A text mail's HTML part: one ``<p>`` per paragraph, lines broken with ``<br>``."""
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>\n" for p in text.split("\n\n"))
