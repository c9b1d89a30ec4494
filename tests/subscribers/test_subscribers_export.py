from __future__ import annotations

import csv
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from sqlmodel import Session

from mailer.db import make_engine, upgrade
from subscribers.errors import ImportFormatError
from subscribers.example import load_example_network
from subscribers.export import COLUMNS, export_contacts
from subscribers.importer import import_contacts
from subscribers.models import Contact, Organisation


@pytest.fixture
def example(engine):
    with Session(engine) as s:
        counts = load_example_network(s)
    return engine, counts


def test_example_network_is_fictional_deterministic_and_idempotent(example):
    engine, counts = example
    assert counts["municipalities"] == 26 and counts["regions"] == 4
    assert 55 <= counts["initiatives"] <= 65 and 180 <= counts["contacts"] <= 230
    with Session(engine) as s:
        again = load_example_network(s)
        contacts = s.execute(select(Contact)).scalars().all()
        kinds = [o.kind for o in s.execute(select(Organisation)).scalars()]
    assert (again["added_contacts"], again["added_organisations"], again["added_segments"]) == (
        0,
        0,
        0,
    )
    assert again["contacts"] == counts["contacts"]
    assert all(c.email.endswith(".example") for c in contacts)
    english = sum(c.language == "en" for c in contacts) / len(contacts)
    assert 0.04 < english < 0.2
    assert sorted(c.status for c in contacts if c.status != "active") == [
        "bounced",
        "bounced",
        "complained",
        "unsubscribed",
        "unsubscribed",
        "unsubscribed",
    ]
    assert kinds.count("province") == 1 and kinds.count("municipality") == 26


def _people(url, seed):
    engine = make_engine(url)
    upgrade(engine)
    with Session(engine) as s:
        load_example_network(s, seed=seed)
        people = sorted(s.execute(select(Contact.email, Contact.name, Contact.status)).all())
    engine.dispose()
    return people


def test_same_seed_same_network(tmp_path):
    first = _people(f"sqlite:///{tmp_path}/a.db", 7)
    assert _people(f"sqlite:///{tmp_path}/b.db", 7) == first
    assert _people(f"sqlite:///{tmp_path}/c.db", 8) != first
    assert len({e for e, _, _ in first}) == len(first)


def test_csv_export_is_excel_friendly_and_imports_back(example, tmp_path):
    engine, _ = example
    out = tmp_path / "out.csv"
    with Session(engine) as s:
        written = export_contacts(s, out, fmt="csv", segments=["initiatieven"])
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw.splitlines()[0]
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert len(rows) == written and list(rows[0]) == COLUMNS
    assert {r["kind"] for r in rows} == {"initiative"}
    assert all(r["municipality"].startswith("Gemeente ") and r["region"] for r in rows)
    # an unchanged export imported with --update changes nothing and rejects nothing
    with Session(engine) as s:
        result = import_contacts(s, out, update=True)
    assert (result.read, result.updated, result.rejected) == (written, written, 0)
    assert result.organisations_created == 0


def test_xlsx_and_json_exports(example, tmp_path):
    engine, counts = example
    with Session(engine) as s:
        n_x = export_contacts(s, tmp_path / "o.xlsx", fmt="xlsx", segments=["everyone"])
        n_j = export_contacts(s, tmp_path / "o.json", fmt="json", segments=["provincie"])
        with pytest.raises(ImportFormatError, match="Onbekend formaat"):
            export_contacts(s, tmp_path / "o.pdf", fmt="pdf", segments=["everyone"])
    rows = list(load_workbook(tmp_path / "o.xlsx").active.iter_rows(values_only=True))
    assert rows[0] == tuple(COLUMNS)
    assert n_x == counts["contacts"] == len(rows) - 1
    data = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    assert n_j == len(data) == 4
    assert {d["organisation"] for d in data} == {"Provincie Zuiderveen"}
