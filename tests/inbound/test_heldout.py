"""The held-out replies (tests/inbound/corpus_heldout): a guarded measurement.

The set was written apart from corpus/human, in two rounds: the first was
measured before any rule was changed for it, the second was written after the
first round's fixes and measured before its own (the figures of both are in
docs/pending/reading-requests.md). These floors keep what counts in issue 11:
no automated or unrelated mail ever counted as an answer, no wrong decision
applied, few replies sent to review, attendee lists exact. Once through the
readers alone (no database), once through ``runs.import_paths`` (what
``mailer inbound import`` runs) into the network the set was written for.
"""

from __future__ import annotations

import json

from tests.conftest import TEST_SECRET
from tests.inbound import (
    heldout3_corpus,
    heldout4_corpus,
    heldout5_corpus,
    heldout6_corpus,
    heldout7_corpus,
    heldout8_corpus,
    heldout_corpus,
)
from tests.inbound.heldout_eval import (
    FOLDER,
    ROUND_3,
    ROUND_4,
    ROUND_5,
    ROUND_6,
    ROUND_7,
    ROUND_8,
    Result,
    expectations,
    figures,
    import_all,
    read_all,
)


def test_the_set_is_large_and_its_expectations_come_from_the_generator() -> None:
    want = expectations()
    assert len(want) >= 100 and len(want) == len(heldout_corpus.CASES)
    assert sorted(want) == sorted(p.name for p in FOLDER.glob("*.eml"))
    made = {f"{n:03d}_{c.name}.eml": c.expected() for n, c in enumerate(heldout_corpus.CASES, 1)}
    assert json.loads(json.dumps(made)) == want
    assert heldout_corpus.SECRET == TEST_SECRET  # the reply addresses are signed with it
    kinds = {w["kind"] for w in want.values()}
    assert kinds == {"reply", "auto_reply", "bounce", "calendar_reply", "unsubscribe", "other"}


def _floors(results: list[Result]) -> None:
    f = figures(results)
    assert f.automated_counted == 0, f
    assert f.wrong_applied == 0, f
    assert f.review <= 0.10 * f.answerable, f
    assert f.exact_people == f.applied_with_people, f  # every list applied is exact
    assert f.exact_people >= 0.90 * f.with_people, f
    assert f.kind_right >= 0.97 * f.messages, f


def test_floors_reading_alone() -> None:
    _floors(read_all())


def test_floors_through_the_import(engine, settings) -> None:
    results = import_all(engine, settings, answers=False)
    assert len(results) == len(expectations())
    unmatched = [r.name for r in results if r.rule in ("", "none")]
    assert not unmatched, unmatched  # every message found its delivery: the addresses verify
    _floors(results)


# --- round 3 (corpus_heldout/round3): written before its writer read the rules ------------
# Before its fixes, through the import: 0 automated counted, 1 wrong decision applied,
# 40/47 applied right, 6 to review, 23 of 38 attendee lists exact. After: 0, 0, 41, 6, 33.


def test_round_three_comes_from_its_generator() -> None:
    want = expectations(ROUND_3)
    made = {f"{n:03d}_{c.name}.eml": c.expected() for n, c in enumerate(heldout3_corpus.CASES, 1)}
    assert len(want) >= 50 and json.loads(json.dumps(made)) == want
    assert sorted(want) == sorted(p.name for p in ROUND_3.folder.glob("*.eml"))
    assert heldout3_corpus.SECRET == TEST_SECRET


def _floors_round_three(results: list[Result]) -> None:
    f = figures(results)
    assert f.automated_counted == 0, f
    assert f.wrong_applied == 0, f
    assert f.late_wrong == 0, f
    assert f.exact_people == f.applied_with_people, f  # every list applied is exact
    assert f.review <= 6, f
    assert f.applied_right >= 41, f
    assert f.kind_right >= 59, f


def test_round_three_reading_alone() -> None:
    _floors_round_three(read_all(ROUND_3))


def test_round_three_through_the_import(engine, settings) -> None:
    results = import_all(engine, settings, answers=False, rnd=ROUND_3)
    assert len(results) == len(expectations(ROUND_3))
    assert not [r.name for r in results if r.rule in ("", "none")]
    assert sum(r.late is True for r in results) == 2  # the two answers to the closed session
    _floors_round_three(results)


# --- round 4 (corpus_heldout/round4): aimed at wrong decisions, written before the rules --
# were read. Before its fixes, through the import: 1 automated counted as an answer (an
# out-of-office without headers, "Ik ben er tot 1 februari niet", applied as a decline),
# 7 wrong decisions applied, 26/51 applied right, 22 to review, 20 of 40 attendee lists
# exact. After: 0, 0, 42, 9, 33 (every list applied exact).


def test_round_four_comes_from_its_generator() -> None:
    want = expectations(ROUND_4)
    made = {f"{n:03d}_{c.name}.eml": c.expected() for n, c in enumerate(heldout4_corpus.CASES, 1)}
    assert len(want) >= 50 and json.loads(json.dumps(made)) == want
    assert sorted(want) == sorted(p.name for p in ROUND_4.folder.glob("*.eml"))
    assert heldout4_corpus.SECRET == TEST_SECRET
    assert {w["mail"] for w in want.values()} == {
        "invitation",
        "newsletter",
        "reminder",
        "programme",
    }


def _floors_round_four(results: list[Result]) -> None:
    f = figures(results)
    assert f.automated_counted == 0, f
    assert f.wrong_applied == 0, f
    assert f.exact_people == f.applied_with_people, f  # every list applied is exact
    assert f.review <= 9, f
    assert f.applied_right >= 42, f
    assert f.kind_right >= 71, f


def test_round_four_reading_alone() -> None:
    _floors_round_four(read_all(ROUND_4))


def test_round_four_through_the_import(engine, settings) -> None:
    results = import_all(engine, settings, answers=False, rnd=ROUND_4)
    assert len(results) == len(expectations(ROUND_4))
    assert not [r.name for r in results if r.rule in ("", "none")]
    _floors_round_four(results)


# --- round 5 (corpus_heldout/round5): the everyday mix a coordinator gets, written as a -----
# judge outside the project would, before the rules were read. Before its fixes, through the
# import: 0 automated counted, 1 wrong decision applied ("wie er komt laat ik nog weten" as
# maybe), 55/63 applied right, 8 to review, 42 of 52 attendee lists exact (5 inexact lists
# applied). After: 0, 0, 59, 4, 48 (every list applied exact).


def test_round_five_comes_from_its_generator() -> None:
    want = expectations(ROUND_5)
    made = {f"{n:03d}_{c.name}.eml": c.expected() for n, c in enumerate(heldout5_corpus.CASES, 1)}
    assert len(want) >= 60 and json.loads(json.dumps(made)) == want
    assert sorted(want) == sorted(p.name for p in ROUND_5.folder.glob("*.eml"))
    assert heldout5_corpus.SECRET == TEST_SECRET
    kinds = {w["kind"] for w in want.values()}
    assert kinds == {"reply", "auto_reply", "bounce", "calendar_reply", "unsubscribe", "other"}


def _floors_round_five(results: list[Result]) -> None:
    f = figures(results)
    assert f.automated_counted == 0, f
    assert f.wrong_applied == 0, f
    assert f.exact_people == f.applied_with_people, f  # every list applied is exact
    assert f.review <= 4, f
    assert f.applied_right >= 59, f
    assert f.kind_right == f.messages, f


def test_round_five_reading_alone() -> None:
    _floors_round_five(read_all(ROUND_5))


def test_round_five_through_the_import(engine, settings) -> None:
    results = import_all(engine, settings, answers=False, rnd=ROUND_5)
    assert len(results) == len(expectations(ROUND_5))
    assert not [r.name for r in results if r.rule in ("", "none")]
    _floors_round_five(results)


# --- round 6 (corpus_heldout/round6): aimed at exact attendee lists (names in every form a
# Dutch/English network writes them), written before the rules were read. Before its fixes
# (reading alone and through the import, the same): 0 automated counted, 0 wrong decisions
# applied, 60/70 applied right, 10 to review, 43 of 67 attendee lists exact (14 inexact
# lists applied). After: 0, 0, 64, 6, 61 (every list applied exact).


def test_round_six_comes_from_its_generator() -> None:
    want = expectations(ROUND_6)
    made = {f"{n:03d}_{c.name}.eml": c.expected() for n, c in enumerate(heldout6_corpus.CASES, 1)}
    assert len(want) >= 70 and json.loads(json.dumps(made)) == want
    assert sorted(want) == sorted(p.name for p in ROUND_6.folder.glob("*.eml"))
    assert heldout6_corpus.SECRET == TEST_SECRET


def _floors_round_six(results: list[Result]) -> None:
    f = figures(results)
    assert f.automated_counted == 0, f
    assert f.wrong_applied == 0, f
    assert f.exact_people == f.applied_with_people, f  # every list applied is exact
    assert f.review <= 6, f
    assert f.applied_right >= 64, f
    assert f.exact_people >= 61, f
    assert f.kind_right >= 78, f


def test_round_six_reading_alone() -> None:
    _floors_round_six(read_all(ROUND_6))


def test_round_six_through_the_import(engine, settings) -> None:
    results = import_all(engine, settings, answers=False, rnd=ROUND_6)
    assert len(results) == len(expectations(ROUND_6))
    assert not [r.name for r in results if r.rule in ("", "none")]
    _floors_round_six(results)


# --- round 7 (corpus_heldout/round7): the everyday mix once more, written as a judge outside
# the project would, before the rules were read: the final estimate for unseen mail. Before
# its fixes (reading alone and through the import, the same): 0 automated counted, 0 wrong
# decisions applied, 46/55 applied right, 9 to review, 31 of 45 attendee lists exact (5
# inexact lists applied), kind right 77/78. After: 0, 0, 49, 6, 39 (every list applied exact).


def test_round_seven_comes_from_its_generator() -> None:
    want = expectations(ROUND_7)
    made = {f"{n:03d}_{c.name}.eml": c.expected() for n, c in enumerate(heldout7_corpus.CASES, 1)}
    assert len(want) >= 70 and json.loads(json.dumps(made)) == want
    assert sorted(want) == sorted(p.name for p in ROUND_7.folder.glob("*.eml"))
    assert heldout7_corpus.SECRET == TEST_SECRET
    kinds = {w["kind"] for w in want.values()}
    assert kinds == {"reply", "auto_reply", "bounce", "calendar_reply", "unsubscribe", "other"}


def _floors_round_seven(results: list[Result]) -> None:
    f = figures(results)
    assert f.automated_counted == 0, f
    assert f.wrong_applied == 0, f
    assert f.exact_people == f.applied_with_people, f  # every list applied is exact
    assert f.review <= 6, f
    assert f.applied_right >= 49, f
    assert f.exact_people >= 39, f
    assert f.kind_right == f.messages, f


def test_round_seven_reading_alone() -> None:
    _floors_round_seven(read_all(ROUND_7))


def test_round_seven_through_the_import(engine, settings) -> None:
    results = import_all(engine, settings, answers=False, rnd=ROUND_7)
    assert len(results) == len(expectations(ROUND_7))
    assert not [r.name for r in results if r.rule in ("", "none")]
    _floors_round_seven(results)


# --- round 8 (corpus_heldout/round8): written before the rules were read, aimed at attendee
# lists in every form (bullets, tables, "Achternaam, Voornaam", titles, particles, names in
# the subject), corrections, conditions and two organisations in one mail. Before its fixes
# (reading alone and through the import, the same): 0 automated counted, 3 wrong decisions
# applied (a condition read as a yes, another organisation's person on the list, "wellicht
# een van ons" as maybe), 52/67 applied right, 15 to review, 41 of 44 applied lists exact.
# After (both paths the same): 0 automated counted, 0 wrong decisions applied, 61/67 applied
# right, 6 to review, 52 lists exact (every list applied exact), kind right 94/94.


def test_round_eight_comes_from_its_generator() -> None:
    want = expectations(ROUND_8)
    made = {f"{n:03d}_{c.name}.eml": c.expected() for n, c in enumerate(heldout8_corpus.CASES, 1)}
    assert len(want) >= 75 and json.loads(json.dumps(made)) == want
    assert sorted(want) == sorted(p.name for p in ROUND_8.folder.glob("*.eml"))
    assert heldout8_corpus.SECRET == TEST_SECRET
    kinds = {w["kind"] for w in want.values()}
    assert kinds == {"reply", "auto_reply", "bounce", "calendar_reply", "unsubscribe", "other"}


def _floors_round_eight(results: list[Result]) -> None:
    f = figures(results)
    assert f.automated_counted == 0, f
    assert f.wrong_applied == 0, f
    assert f.exact_people == f.applied_with_people, f  # every list applied is exact
    assert f.review <= 6, f
    assert f.applied_right >= 61, f
    assert f.exact_people >= 52, f
    assert f.kind_right == f.messages, f


def test_round_eight_reading_alone() -> None:
    _floors_round_eight(read_all(ROUND_8))


def test_round_eight_through_the_import(engine, settings) -> None:
    results = import_all(engine, settings, answers=False, rnd=ROUND_8)
    assert len(results) == len(expectations(ROUND_8))
    assert not [r.name for r in results if r.rule in ("", "none")]
    _floors_round_eight(results)
