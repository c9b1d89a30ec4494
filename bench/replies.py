"""Accuracy of reading inbound mail, per step, on our corpus and the public corpora.

Run: .venv/bin/python bench/replies.py [NAME ...]   (no names: every measurement)

The script is a list of named measurements (``MEASUREMENTS``); each is a
function returning ``Figure`` rows (right / total). Add a step by appending a
``(name, function)`` pair; tests/inbound read the same functions and assert
floors, so the figures printed here are the ones the tests guard. Public
corpora are read from ``../shared/corpora`` beside the checkout; a missing
corpus prints "skipped", never a number.

``import`` is the speed of the whole intake: 10,000 replies made from our
corpus, imported as an mbox into an invited network on SQLite (messages per
second, per CPU second, per phase, and the resident memory along the way).
"""

from __future__ import annotations

import json
import os
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from mailer.campaigns import Campaign, CampaignKind, CampaignStatus
from mailer.config import Settings, load_settings
from mailer.inbound import runs
from mailer.inbound.classify import ReadingContext, read
from mailer.inbound.pipeline import Applier, apply_answer
from mailer.inbound.reading import BounceKind, Decision, Kind, Reading
from mailer.inbound.trim import cut_quote, split_signature, trim
from mailer.invitations import create_event
from mailer.outbox import Delivery
from mailer.tokens import reply_address
from subscribers.models import Contact
from subscribers.sqltypes import utcnow

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
OWN = ROOT / "tests" / "inbound" / "corpus" / "automated"
CONTEXT = ReadingContext(
    our_domains=frozenset({"antwoord.pleinpost.nl"}),
    our_addresses=frozenset({"uitnodiging@netwerk-ijsselvallei.nl"}),
)
PARTSTAT = {
    "ACCEPTED": Decision.ATTENDING,
    "DECLINED": Decision.DECLINED,
    "TENTATIVE": Decision.MAYBE,
}


@dataclass(frozen=True)
class Figure:
    label: str
    right: int
    total: int

    def __str__(self) -> str:
        share = f"{100 * self.right / self.total:5.1f} %" if self.total else "   -  "
        return f"  {self.label:<58} {self.right:>5}/{self.total:<5} {share}"


class Skipped(Exception):
    """A corpus that is not there."""


Measurement = Callable[[], list[Figure]]


def corpus(*parts: str) -> Path:
    path = CORPORA.joinpath(*parts)
    if not path.exists():
        raise Skipped(f"corpus not found: {path}")
    return path


# --- our own corpus -----------------------------------------------------------------


def own_cases() -> Iterator[tuple[dict[str, object], Reading]]:
    for expected in json.loads((OWN / "expected.json").read_text(encoding="utf-8")):
        yield expected, read((OWN / str(expected["file"])).read_bytes(), CONTEXT)


def case_right(expected: dict[str, object], reading: Reading) -> bool:
    """Every expectation of one manifest row holds (see tests/inbound/corpus/automated)."""
    if "kind" in expected and reading.kind != expected["kind"]:
        return False
    if "kind_not" in expected and reading.kind == expected["kind_not"]:
        return False
    if reading.kind in expected.get("kind_not_in", []):  # type: ignore[operator]
        return False
    if "bounce" in expected and not _bounce_right(expected["bounce"], reading):  # type: ignore[arg-type]
        return False
    if "original_message_id" in expected and (
        reading.bounce is None
        or reading.bounce.original_message_id != expected["original_message_id"]
    ):
        return False
    if "decision" in expected and reading.decision != expected["decision"]:
        return False
    return _calendar_right(expected, reading)


def _bounce_right(want: dict[str, object], reading: Reading) -> bool:
    got = reading.bounce
    if got is None or got.kind != want["kind"] or list(got.addresses) != want["addresses"]:
        return False
    return "status" not in want or got.status == want["status"]


def _calendar_right(expected: dict[str, object], reading: Reading) -> bool:
    if "calendar" in expected and expected["calendar"] is None and reading.calendar is not None:
        return False
    if "attendee" in expected:
        want = expected["attendee"]
        got = reading.calendar.attendee if reading.calendar else None
        if got is None or (got.name, got.email) != (want["name"], want["email"]):  # type: ignore[index]
            return False
    for key in ("guests", "sequence", "uid", "organizer"):
        if key in expected and (
            reading.calendar is None or getattr(reading.calendar, key) != expected[key]
        ):
            return False
    return True


def own_corpus() -> list[Figure]:
    steps: dict[str, list[bool]] = {
        "calendar": [],
        "bounce": [],
        "auto_reply": [],
        "gate passes people": [],
    }
    for expected, reading in own_cases():
        name = str(expected["file"])
        step = (
            "calendar"
            if name.startswith("cal_")
            else "bounce"
            if name.startswith(("bounce_", "complaint_"))
            else "gate passes people"
            if name.startswith("human_")
            else "auto_reply"
        )
        steps[step].append(case_right(expected, reading))
    return [Figure(f"own corpus: {step}", sum(ok), len(ok)) for step, ok in steps.items()]


# --- bounces: sisimai and flufl.bounce ------------------------------------------------

NOT_FAILURES = {"delivered", "vacation", "feedback"}


def sisimai() -> list[Figure]:
    base = corpus("sisimai-set-of-emails")
    cases = json.loads((base / "expected.json").read_text(encoding="utf-8"))["cases"]
    detected = count_right = hard_agree = class_agree = status_equal = rows = failures = 0
    complaints = complaints_right = vacations = vacations_right = delivered = delivered_right = 0
    for case in cases:
        reading = read((base / case["file"]).read_bytes(), ReadingContext())
        recipients = case["recipients"]
        reasons = {r["reason"] for r in recipients}
        if "feedback" in reasons:
            complaints += 1
            complaints_right += (
                reading.bounce is not None and reading.bounce.kind is BounceKind.COMPLAINT
            )
            continue
        if reasons <= {"vacation"}:
            vacations += 1
            vacations_right += reading.kind is Kind.AUTO_REPLY
            continue
        if reasons <= {"delivered"}:
            delivered += 1
            delivered_right += reading.bounce is None
            continue
        failures += 1
        bounce = reading.bounce
        if bounce is None or bounce.kind is BounceKind.COMPLAINT:
            continue
        detected += 1
        count_right += len(bounce.addresses) == len(recipients)
        first = recipients[0]
        rows += 1
        hard_agree += (bounce.kind is BounceKind.HARD) == bool(first["hard_bounce"])
        delay = any(
            e.rule in {"dsn:delayed", "dsn-text:delayed", "flufl:temporary"}
            for e in reading.evidence
        )
        ours = bounce.status[:1] or ("4" if delay else "5")
        class_agree += not first["status"] or ours == first["status"][:1]
        status_equal += bool(first["status"]) and bounce.status == first["status"]
    not_bounces = list((base / "maildir" / "not").glob("*.eml"))
    not_right = sum(read(p.read_bytes(), ReadingContext()).bounce is None for p in not_bounces)
    return [
        Figure("sisimai: failure bounces detected", detected, failures),
        Figure("sisimai: recipient count equal (of detected)", count_right, detected),
        Figure("sisimai: hard/soft equal to sisimai hard_bounce", hard_agree, rows),
        Figure("sisimai: status class 5/4 equal", class_agree, rows),
        Figure("sisimai: status code equal", status_equal, rows),
        Figure("sisimai: ARF feedback -> complaint", complaints_right, complaints),
        Figure("sisimai: vacation -> auto_reply", vacations_right, vacations),
        Figure("sisimai: delivered -> no bounce", delivered_right, delivered),
        Figure("sisimai: not/ -> no bounce", not_right, len(not_bounces)),
    ]


def flufl() -> list[Figure]:
    base = corpus("flufl.bounce")
    cases = json.loads((base / "expected.json").read_text(encoding="utf-8"))["cases"]
    seen: set[str] = set()
    detected = exact = kind_right = total = 0
    for case in cases:
        if case["file"] in seen:  # groupwise_02 is listed twice (two detectors)
            continue
        seen.add(case["file"])
        total += 1
        reading = read((base / case["file"]).read_bytes(), ReadingContext())
        bounce = reading.bounce
        if bounce is None:
            continue
        detected += 1
        exact += {a.lower() for a in bounce.addresses} == {
            a.lower() for a in case["expected_addresses"]
        }
        temporary = case["kind"] == "temporary"
        kind_right += (bounce.kind is BounceKind.SOFT) if temporary else bounce.status[:1] != "4"
    return [
        Figure("flufl.bounce: detected as bounce", detected, total),
        Figure("flufl.bounce: exact address set", exact, total),
        Figure("flufl.bounce: delay soft / failure not a delay", kind_right, total),
    ]


# --- calendar replies: nylas, ccs, stalwart -------------------------------------------


def wrap_calendar(ics: bytes, sender: str = "Iemand <iemand@example.com>") -> bytes:
    """A REPLY .ics as a client would mail it: text part + text/calendar part."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "antwoord+t0k3n@antwoord.pleinpost.nl"
    message["Subject"] = "Antwoord"
    message.set_content("Zie bijlage.")
    message.add_attachment(ics, maintype="text", subtype="calendar", params={"method": "REPLY"})
    return message.as_bytes()


NYLAS = {
    "invite_w_rsvps2.ics": (Decision.MAYBE, "test1@example.com", "Inbox Apptest"),
    "invite_w_rsvps3.ics": (Decision.ATTENDING, "karim@example.com", "Karim Hamidou"),
    "invite_w_rsvps_4.ics": (Decision.DECLINED, "karim@example.com", "Karim Hamidou"),
    "invalid_rsvp.ics": (Decision.DECLINED, "karim@example.com", "Karim Hamidou"),
    "invalid_rsvp2.ics": (Decision.DECLINED, "karim@example.com", "Karim Hamidou"),
}


def nylas() -> list[Figure]:
    base = corpus("nylas-sync-engine")
    right = 0
    for name, (decision, email, cn) in NYLAS.items():
        reading = read(
            wrap_calendar((base / "events_fixtures" / name).read_bytes()), ReadingContext()
        )
        attendee = reading.calendar.attendee if reading.calendar else None
        right += (
            reading.kind is Kind.CALENDAR_REPLY
            and reading.decision is decision
            and attendee is not None
            and (attendee.email, attendee.name) == (email, cn)
        )
    others = [p for p in (base / "events_fixtures").glob("*.ics") if p.name not in NYLAS]
    not_counted = sum(
        read(wrap_calendar(p.read_bytes()), ReadingContext()).kind is not Kind.CALENDAR_REPLY
        for p in others
    )
    invite = read(
        (base / "data" / "raw_message_with_ical_invite.txt").read_bytes(), ReadingContext()
    )
    return [
        Figure("nylas: REPLY decision + attendee right", right, len(NYLAS)),
        Figure("nylas: REQUEST/CANCEL/PUBLISH not an answer", not_counted, len(others)),
        Figure(
            "nylas: iCloud invitation mail not an answer",
            int(invite.decision is Decision.UNCLEAR),
            1,
        ),
    ]


CCS = {
    "good_reply": Kind.CALENDAR_REPLY,
    "good_reply_future": Kind.CALENDAR_REPLY,
    "good_reply_past": Kind.CALENDAR_REPLY,
    "reply_missing_attendee": Kind.CALENDAR_REPLY,  # read, but unclear: review
    "reply_missing_organizer": Kind.CALENDAR_REPLY,
    "reply_missing_attachment": Kind.REPLY,  # no calendar part: a person's text
    "dsn_failure_no_ics": Kind.BOUNCE,
    "dsn_failure_no_original": Kind.BOUNCE,
    "dsn_failure_with_ics": Kind.BOUNCE,  # our REQUEST inside: never an answer
}


def ccs() -> list[Figure]:
    base = corpus("ccs-calendarserver-imip")
    kinds = accepted = 0
    for name, kind in CCS.items():
        reading = read((base / name).read_bytes(), ReadingContext())
        kinds += reading.kind is kind or (
            kind is Kind.REPLY and reading.kind is not Kind.CALENDAR_REPLY
        )
        if name.startswith("good_reply"):
            attendee = reading.calendar.attendee if reading.calendar else None
            accepted += (
                reading.decision is Decision.ATTENDING
                and attendee is not None
                and attendee.email == "xyzzy@example.com"
                and reading.calendar is not None
                and reading.calendar.sequence == 7
            )
    return [
        Figure("ccs: kind right (reply / bounce / plain)", kinds, len(CCS)),
        Figure("ccs: good replies ACCEPTED by xyzzy, SEQUENCE 7", accepted, 3),
    ]


_BLOCK = re.compile(r"BEGIN:VCALENDAR\n.*?END:VCALENDAR\n", re.S)


def stalwart() -> list[Figure]:
    base = corpus("stalwart-itip")
    right = total = 0
    for path in sorted(base.glob("*.txt")):
        for block in _BLOCK.findall(path.read_text(encoding="utf-8")):
            unfolded = re.sub(r"\n[ \t]", "", block)
            if "METHOD:REPLY" not in unfolded:
                continue
            match = re.search(
                r"^ATTENDEE[^\n]*?PARTSTAT=([A-Z-]+)[^\n]*?:mailto:([^\s]+)$", unfolded, re.M
            )
            if match is None:
                continue
            total += 1
            want = PARTSTAT.get(
                match.group(1),
                Decision.DECLINED if match.group(1) == "DELEGATED" else Decision.UNCLEAR,
            )
            reading = read(wrap_calendar(block.replace("\n", "\r\n").encode()), ReadingContext())
            attendee = reading.calendar.attendee if reading.calendar else None
            right += (
                reading.decision is want
                and attendee is not None
                and attendee.email == match.group(2).lower()
            )
    return [Figure("stalwart-itip: REPLY blocks, PARTSTAT + attendee right", right, total)]


def speed() -> list[Figure]:
    """Reading throughput on our corpus (no database): the intake's budget is 300/s in all."""
    raws = [p.read_bytes() for p in sorted(OWN.glob("*.eml"))]
    started = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        for raw in raws:
            read(raw, CONTEXT)
    per_second = int(rounds * len(raws) / (time.perf_counter() - started))
    return [
        Figure(
            f"speed: {per_second} messages read per second (budget 300)", int(per_second >= 300), 1
        )
    ]


# Quote stripping on the discourse set is added here by the human-reply step (C2):

# --- human replies (helper C2): the trimmer on the public sets, the reader on ours ------


def discourse() -> list[Figure]:
    """Quote cut (sign-off kept, the set's convention) equal to discourse's trimmed text."""
    root = corpus("discourse-email_reply_trimmer")
    cases = json.loads((root / "expected.json").read_text())["cases"]
    right = 0
    for case in cases:
        body = (root / case["file"]).read_text().strip()
        reply, _, _ = cut_quote(body)
        got, _ = split_signature(reply, keep_sign_off=True)
        right += got.strip() == (root / case["expected_trimmed_file"]).read_text().strip()
    return [Figure("discourse trimmed text exact", right, len(cases))]


def header_blocks() -> list[Figure]:
    """One reply line above each real nl/en client header block: exactly that line is left."""
    root = corpus("crisp-email-forward-parser")
    cases = json.loads((root / "expected.json").read_text())["cases"]
    line = "Wij komen met Anneke Visser en Joost de Wit."
    right = 0
    for case in cases:
        body = (root / case["body_file"]).read_text().lstrip("\ufeff")
        right += trim(f"{line}\n\n{body}").text == line
    return [Figure("crisp header blocks cut, reply exact", right, len(cases))]


def human() -> list[Figure]:
    """tests/inbound/corpus/human through parse + read_human (written with the rules)."""
    sys.path.insert(0, str(ROOT))
    from tests.inbound.human_eval import score

    f = score().figures()
    return [
        Figure("kind right (reply / unsubscribe)", f.kind_right, f.messages),
        Figure("decision right (incl. unclear)", f.decision_right, f.messages),
        Figure("wrong decision applied at confidence >= 0.8", f.wrong_applied, f.applied),
        Figure("abstained (answerable replies sent to review)", f.abstained, f.decided),
        Figure("exact attendee list (attending / maybe)", f.exact_attendees, f.attending),
        Figure("applied with a wrong attendee list", f.applied_with_wrong_attendees, f.applied),
    ]


def heldout() -> list[Figure]:
    """tests/inbound/corpus_heldout, every round, through classify.read with the context
    the intake builds: replies written apart from the rules (``test_heldout`` guards the
    same figures per round, also through the import)."""
    sys.path.insert(0, str(ROOT))
    from tests.inbound.heldout_eval import ROUNDS, figures, read_all

    rows: list[Figure] = []
    for name, rnd in ROUNDS.items():
        f = figures(read_all(rnd))
        label = f"held-out round {'1-2' if name == '12' else name}"
        rows += [
            Figure(f"{label}: kind right", f.kind_right, f.messages),
            Figure(f"{label}: automated counted as an answer", f.automated_counted, f.automated),
            Figure(f"{label}: wrong decision applied", f.wrong_applied, f.messages),
            Figure(f"{label}: answerable applied right", f.applied_right, f.answerable),
            Figure(f"{label}: answerable sent to review", f.review, f.answerable),
            Figure(f"{label}: exact attendee list", f.exact_people, f.with_people),
        ]
    return rows


# --- import speed (helper H): 10,000 mixed replies into an invited network on SQLite -----

IMPORT_MESSAGES = 10_000
HUMAN = ROOT / "tests" / "inbound" / "corpus" / "human"
# Headers the generator writes itself, so every copy answers its own delivery.
_OWN_HEADERS = re.compile(
    rb"^(from|to|cc|message-id|in-reply-to|references|delivered-to|x-original-to|envelope-to):",
    re.I,
)


def _templates() -> list[tuple[bytes, bytes]]:
    """(other headers, body) of every corpus mail: human replies, auto-replies, bounces,
    calendar replies; line ends as LF, the From/To/Message-ID lines taken out."""
    out = []
    for path in sorted([*OWN.glob("*.eml"), *HUMAN.glob("*.eml")]):
        raw = path.read_bytes().replace(b"\r\n", b"\n")
        head, _sep, body = raw.partition(b"\n\n")
        kept: list[bytes] = []
        skipping = False
        for line in head.split(b"\n"):
            if line[:1] in (b" ", b"\t"):
                if not skipping:
                    kept.append(line)
                continue
            skipping = bool(_OWN_HEADERS.match(line))
            if not skipping and not line.startswith(b"From "):
                kept.append(line)
        out.append((b"\n".join(kept), body))
    return out


def write_mbox(path: Path, settings: Settings, deliveries: list[tuple[int, str]], n: int) -> None:
    """``n`` replies, message i answering delivery i (its sender, its reply address)."""
    templates = _templates()
    with path.open("wb") as out:
        for i in range(n):
            head, body = templates[i % len(templates)]
            delivery, email = deliveries[i % len(deliveries)]
            own = (
                f"From: <{email}>\nTo: <{reply_address(settings, delivery)}>\n"
                f"Message-ID: <bench-{i}@client.example>\n"
            ).encode()
            body = re.sub(rb"^From ", b">From ", body, flags=re.M)
            out.write(b"From bench@example Mon Jun  1 10:00:00 2026\n" + own + head + b"\n\n")
            out.write(body.rstrip(b"\n") + b"\n\n")


def invite_all(engine: Engine) -> list[tuple[int, str]]:
    """One event and one sent invitation to every contact: (delivery id, address) each."""
    now = utcnow()
    with Session(engine) as s:
        event = create_event(
            s,
            title="Netwerkmiddag vervoer",
            starts_at=now + timedelta(days=30),
            ends_at=now + timedelta(days=30, hours=2),
            reply_by=now + timedelta(days=20),
            place="Het Dorpshuis",
            address="Dorpsstraat 1, 1234 AB Testdorp",
            max_per_organisation=3,
            now=now,
        )
        campaign = Campaign(
            kind=CampaignKind.INVITATION.value,
            status=CampaignStatus.SENT.value,
            subject="Uitnodiging netwerkmiddag",
            event_id=event.id,
        )
        s.add(campaign)
        s.flush()
        contacts = s.execute(
            select(Contact.id, Contact.email, Contact.name, Contact.organisation_id)  # type: ignore[call-overload]
        ).all()
        s.execute(
            insert(Delivery),
            [
                {
                    "campaign_id": campaign.id,
                    "contact_id": c.id,
                    "organisation_id": c.organisation_id,
                    "email": c.email,
                    "name": c.name,
                    "status": "sent",
                    "sent_at": now,
                    "created_at": now,
                    "updated_at": now,
                }
                for c in contacts
            ],
        )
        s.commit()
        rows = s.execute(
            select(Delivery.id, Delivery.email).order_by(Delivery.id)  # type: ignore[call-overload]
        ).all()
    return [(r.id, r.email) for r in rows]


def _rss_mb() -> float:
    """The resident set now (Linux), in MB."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def import_speed(n: int = IMPORT_MESSAGES, apply: Applier = apply_answer) -> list[Figure]:
    """`mailer inbound import` of an mbox of ``n`` mixed replies, as the CLI runs it: stored,
    read, matched, applied, and the automatic answers sent (to a Maildir)."""
    sys.path.insert(0, str(ROOT))
    from bench._setup import populate

    with tempfile.TemporaryDirectory(prefix="pleinpost-bench-") as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        settings = load_settings(data_dir=Path(tmp) / "data", database_url=url, secret_key="bench")
        engine = populate(url, n)
        deliveries = invite_all(engine)
        box = Path(tmp) / "replies.mbox"
        write_mbox(box, settings, deliveries, n)
        rss: dict[str, float] = {}
        phases: dict[str, tuple[float, float]] = {}

        def progress(phase: str, count: int) -> None:
            phases.setdefault(phase, (time.perf_counter(), time.process_time()))
            for mark in (n // 5, n):
                if count >= mark:
                    rss.setdefault(f"{phase} {mark}", _rss_mb())

        started, cpu = time.perf_counter(), time.process_time()
        report = runs.import_paths(engine, settings, [box], apply=apply, progress=progress)
        took, cpu = time.perf_counter() - started, time.process_time() - cpu
        engine.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rate = int(n / took)
    print(
        f"  {n} messages in {took:.1f} s: {rate}/s; CPU {cpu:.1f} s: {int(n / cpu)} per CPU "
        f"second (the machine's load left out)"
    )
    ends = [*(phases[p] for p in ("process", "answer") if p in phases)]
    ends.append((started + took, time.process_time()))
    begin = (started, ends[-1][1] - cpu)
    for name, end in zip(("store", "read+match+apply", "send answers"), ends, strict=False):
        wall, used = end[0] - begin[0], end[1] - begin[1]
        print(f"    {name:<18} {wall:6.1f} s wall {used:6.1f} s CPU")
        begin = end
    print(
        f"  kinds {dict(report.kinds)}; applied {report.applied}, review {report.review}, "
        f"answers sent {report.answers.sent}, errors {report.errors}"
    )
    print("  RSS MB: " + ", ".join(f"{k}: {v:.0f}" for k, v in rss.items()) + f"; peak {peak:.0f}")
    return [
        Figure(f"import: {rate} messages/s (target 300)", int(rate >= 300), 1),
        Figure("import: every message stored and processed", report.processed, n),
    ]


# append ("discourse", function) to MEASUREMENTS.
MEASUREMENTS: list[tuple[str, Measurement]] = [
    ("own", own_corpus),
    ("sisimai", sisimai),
    ("flufl", flufl),
    ("nylas", nylas),
    ("ccs", ccs),
    ("stalwart", stalwart),
    ("speed", speed),
    ("discourse", discourse),
    ("header_blocks", header_blocks),
    ("human", human),
    ("heldout", heldout),
    ("import", import_speed),
]


def main(names: list[str]) -> int:
    for name, measure in MEASUREMENTS:
        if names and name not in names:
            continue
        print(name)
        try:
            for figure in measure():
                print(figure)
        except Skipped as why:
            print(f"  skipped: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
