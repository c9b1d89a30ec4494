"""The staging steps an import's speed depends on, checked for what they must keep doing.

Cheap, in-process: small files with a small ``batch_size``, so the paths that
cross batches (an address seen in an earlier batch) and the final step's
variants (only new contacts, only updates, new organisations for both) run.
"""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from subscribers.importer import duplicate_reason, import_contacts
from subscribers.models import Contact, Organisation


def _csv(path: Path, lines: list[str]) -> Path:
    path.write_text("e-mail;naam;organisatie;soort\n" + "".join(f"{x}\n" for x in lines))
    return path


def _run(engine, path, **kw):
    with Session(engine) as s:
        return import_contacts(s, path, batch_size=3, **kw)


def _contacts(engine) -> dict[str, tuple[str, str | None]]:
    """address → (name, organisation name)"""
    with Session(engine) as s:
        rows = s.execute(
            select(Contact.email, Contact.name, Organisation.name).outerjoin(
                Organisation, Organisation.id == Contact.organisation_id
            )
        )
        return {email: (name, org) for email, name, org in rows}


def test_an_address_from_an_earlier_batch_is_refused_with_its_first_line(engine, tmp_path):
    lines = [f"p{i}@x.example;P {i};;" for i in range(7)]
    lines.insert(5, "P1@X.example;Dubbel;;")  # line 7 of the file: batch 2 (lines 2-4 are 1)
    lines.append("p6@x.example;Weer;;")  # the last batch, twice seen in batch 3
    result = _run(engine, _csv(tmp_path / "in.csv", lines))
    assert result.imported == 7
    assert [(r["line"], r["reason"]) for r in result.rejects] == [
        (7, duplicate_reason(3)),
        (10, duplicate_reason(9)),
    ]
    assert _contacts(engine)["p1@x.example"] == ("P 1", None)


def test_new_contacts_point_at_the_organisations_the_import_made(engine, tmp_path):
    lines = [f"p{i}@x.example;P {i};Buurtbus {i % 2};initiatief" for i in range(5)]
    result = _run(engine, _csv(tmp_path / "in.csv", lines))
    assert (result.imported, result.organisations_created) == (5, 2)
    contacts = _contacts(engine)
    assert {contacts[f"p{i}@x.example"][1] for i in (0, 2, 4)} == {"Buurtbus 0"}
    assert {contacts[f"p{i}@x.example"][1] for i in (1, 3)} == {"Buurtbus 1"}


def test_an_update_only_import_moves_contacts_to_a_new_organisation(engine, tmp_path):
    _run(engine, _csv(tmp_path / "first.csv", ["a@x.example;A;;", "b@x.example;B;Oud;overig"]))
    lines = ["a@x.example;;Nieuw;initiatief", "b@x.example;Bee;;"]
    result = _run(engine, _csv(tmp_path / "second.csv", lines), update=True)
    assert (result.imported, result.updated, result.organisations_created) == (0, 2, 1)
    # a filled cell overwrites, a blank one keeps what was there
    assert _contacts(engine) == {"a@x.example": ("A", "Nieuw"), "b@x.example": ("Bee", "Oud")}


def test_a_dry_run_with_new_and_updated_contacts_stores_nothing(engine, tmp_path):
    _run(engine, _csv(tmp_path / "first.csv", ["a@x.example;A;;"]))
    lines = ["a@x.example;Anders;Nieuw;initiatief", "c@x.example;C;Nieuw;initiatief"]
    result = _run(engine, _csv(tmp_path / "second.csv", lines), update=True, dry_run=True)
    assert (result.imported, result.updated, result.organisations_created) == (1, 1, 1)
    assert _contacts(engine) == {"a@x.example": ("A", None)}
