"""Score the human-reply reader on a folder of .eml files with an expected.json.

Used by tests/inbound/test_human.py (floors) and bench/replies.py (figures).
A reading is *applied* when its confidence reaches ``APPLY_AT``; a wrong
decision applied is the failure that counts most, an abstention (review) is
allowed, and the attendee list of an applied answer must be exact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from mailer.inbound.context import ReadingContext
from mailer.inbound.human import read_human
from mailer.inbound.parse import parse
from mailer.inbound.reading import Reading

APPLY_AT = 0.8
CORPUS = Path(__file__).parent / "corpus" / "human"
# what the intake would know from the store for these replies
CONTEXT = ReadingContext(
    known_names=frozenset(
        {
            "Oosterend",
            "Westerhaven",
            "Zuiderveld",
            "Oldeberg",
            "Dalen",
            "Kerkstraat",
            "Havenweg",
            "Dorpsstraat",
            "Dorpshuis De Schakel",
            "Buurthuis De Horst",
        }
    ),
    organiser_names=frozenset({"Ilse Verbeek", "Ruud Bosman", "Femke Lindeman", "Sophie Martens"}),
)


@dataclass
class Outcome:
    name: str
    expected: dict[str, object]
    reading: Reading

    @property
    def applied(self) -> bool:
        return self.reading.confidence >= APPLY_AT and self.reading.decision.value != "unclear"

    @property
    def right_kind(self) -> bool:
        return self.reading.kind.value == self.expected["kind"]

    @property
    def wrong_applied(self) -> bool:
        if self.expected["kind"] == "unsubscribe" or self.reading.kind.value == "unsubscribe":
            return not self.right_kind
        return self.applied and self.reading.decision.value != self.expected["decision"]

    @property
    def attendees_exact(self) -> bool:
        got = sorted((a.name, a.email) for a in self.reading.attendees)
        want = sorted((a["name"], a["email"]) for a in self.expected["attendees"])  # type: ignore[index, union-attr]
        return got == want and self.reading.unnamed_extra == self.expected["unnamed_extra"]


@dataclass(frozen=True)
class Figures:
    messages: int
    kind_right: int
    decision_right: int
    applied: int
    wrong_applied: int
    decided: int  # replies a person could answer (expected decision not "unclear")
    abstained: int  # of those, sent to review
    attending: int  # expected attending or maybe
    exact_attendees: int
    applied_with_wrong_attendees: int

    @property
    def abstention_rate(self) -> float:
        return self.abstained / self.decided if self.decided else 0.0

    @property
    def exact_attendee_rate(self) -> float:
        return self.exact_attendees / self.attending if self.attending else 1.0


@dataclass
class Score:
    outcomes: list[Outcome] = field(default_factory=list)

    def figures(self) -> Figures:
        answers = [o for o in self.outcomes if o.expected["kind"] == "reply"]
        decided = [o for o in answers if o.expected["decision"] != "unclear"]
        applied = [o for o in answers if o.applied]
        attending = [o for o in decided if o.expected["decision"] in ("attending", "maybe")]
        return Figures(
            messages=len(self.outcomes),
            kind_right=sum(o.right_kind for o in self.outcomes),
            decision_right=sum(
                o.reading.decision.value == o.expected["decision"] for o in self.outcomes
            ),
            applied=len(applied),
            wrong_applied=sum(o.wrong_applied for o in self.outcomes),
            decided=len(decided),
            abstained=sum(not o.applied for o in decided),
            attending=len(attending),
            exact_attendees=sum(o.attendees_exact for o in attending),
            applied_with_wrong_attendees=sum(
                1 for o in applied if not o.wrong_applied and not o.attendees_exact
            ),
        )


def score(folder: Path = CORPUS, context: ReadingContext = CONTEXT) -> Score:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    result = Score()
    for name, want in sorted(expected.items()):
        reading = read_human(parse((folder / name).read_bytes()), context)
        result.outcomes.append(Outcome(name, want, reading))
    return result


if __name__ == "__main__":
    result = score()
    for o in result.outcomes:
        flag = "WRONG" if o.wrong_applied else ("ok" if o.applied else "review")
        exact = "" if o.attendees_exact else " ATTENDEES"
        got = o.reading
        names = [a.name for a in got.attendees]
        print(
            f"{flag:6} {o.name:40} want={o.expected['decision']:9} got={got.decision.value:9} "
            f"{got.confidence:.2f}{exact} {names} +{got.unnamed_extra}"
        )
    print(result.figures())
