from __future__ import annotations

import csv
import gc
import statistics
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select
from sqlmodel import Session

from subscribers.errors import ImportFormatError
from subscribers.importer import import_contacts
from subscribers.models import Contact, Organisation, OrganisationTag
from subscribers.privacy import forget

HEADER_NL = ["naam", "e-mail", "organisatie", "soort", "gemeente", "regio", "tags", "taal"]


def write_csv(path: Path, rows, *, delimiter=";", encoding="utf-8", header=HEADER_NL) -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run(engine, path, **kw):
    with Session(engine) as s:
        return import_contacts(s, path, **kw)


def contacts(engine):
    with Session(engine) as s:
        return {c.email: c for c in s.execute(select(Contact)).scalars()}


GOOD = [
    ["José Müller", "Jose@Beekdal.example", "Gemeente Beekdal", "gemeente", "", "Noord", "", "nl"],
    [
        "Ann",
        "ann@vd.example",
        "Vervoersdienst Beekdal",
        "initiatief",
        "Beekdal",
        "",
        "vervoer; welzijn",
        "English",
    ],
]


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(";", "cp1252"), (",", "utf-8"), (";", "utf-8-sig"), ("\t", "utf-16")],
)
def test_csv_dialects_and_encodings_as_excel_writes_them(engine, tmp_path, delimiter, encoding):
    path = write_csv(tmp_path / "in.csv", GOOD, delimiter=delimiter, encoding=encoding)
    result = run(engine, path)
    assert (result.read, result.imported, result.rejected) == (2, 2, 0)
    got = contacts(engine)
    assert got["jose@beekdal.example"].name == "José Müller"
    assert got["ann@vd.example"].language == "en"
    with Session(engine) as s:
        orgs = {o.name: o for o in s.execute(select(Organisation)).scalars()}
        tags = set(s.execute(select(OrganisationTag.tag)).scalars())
    # the initiative's municipality is the existing "Gemeente Beekdal", not a new one
    assert len(orgs) == 2
    assert orgs["Vervoersdienst Beekdal"].municipality_id == orgs["Gemeente Beekdal"].id
    assert orgs["Gemeente Beekdal"].region == "Noord"
    assert tags == {"vervoer", "welzijn"}


def test_english_headers_and_xlsx(engine, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Email", "Name", "Organisation", "Kind", "Municipality", "Language", "Role"])
    sheet.append(["a@x.example", "A", "Plusbus Zandwijk", "initiative", "Zandwijk", "en", "chair"])
    sheet.append([None, None, None, None, None, None, None])
    sheet.append(["b@x.example", 12345, None, None, None, None, None])
    book.save(tmp_path / "in.xlsx")
    result = run(engine, tmp_path / "in.xlsx")
    assert (result.read, result.imported, result.blank) == (2, 2, 1)
    got = contacts(engine)
    assert got["a@x.example"].role == "chair"
    assert got["b@x.example"].name == "12345"
    with Session(engine) as s:
        names = set(s.execute(select(Organisation.name)).scalars())
    assert names == {"Plusbus Zandwijk", "Gemeente Zandwijk"}


BAD = [
    (["X", "", "", "", "", "", "", ""], "ontbreekt"),
    (["X", "geen-adres", "", "", "", "", "", ""], "Ongeldig e-mailadres"),
    (["X", "ann@vd.example", "", "", "", "", "", ""], "Dubbel in bestand (ook op regel 3)"),
    (["X", "c@x.example", "Org", "dorp", "", "", "", ""], "Onbekend soort 'dorp'"),
    (["X\r\nBcc: a@b.c", "d@x.example", "", "", "", "", "", ""], "header-injectie"),
    (["X", "e@x.example", "", "", "", "", "", "fr"], "Onbekende taal 'fr'"),
    (["X", "f@x.example", "", "initiatief", "", "", "", ""], "Initiatief zonder organisatienaam"),
    (["X", "g@x.example", "Gemeente Beekdal", "initiatief", "", "", "", ""], "is al gemeente"),
    (["X" * 201, "h@x.example", "", "", "", "", "", ""], "Te lang"),
]


def test_every_bad_row_is_rejected_with_its_line_and_reason(engine, tmp_path):
    path = write_csv(tmp_path / "in.csv", GOOD + [row for row, _ in BAD])
    rejects = tmp_path / "rejects.csv"
    result = run(engine, path, rejects_path=rejects)
    assert (result.read, result.imported, result.rejected) == (11, 2, 9)
    # the CR/LF row spans two physical lines, so the rows after it start one line later
    assert [r["line"] for r in result.rejects] == [4, 5, 6, 7, 8, 10, 11, 12, 13]
    for reject, (_, reason) in zip(result.rejects, BAD, strict=True):
        assert reason in reject["reason"]
    assert set(contacts(engine)) == {"jose@beekdal.example", "ann@vd.example"}
    # the rejects file holds the rows as they came in, same delimiter, plus the reason
    with rejects.open(encoding="utf-8", newline="") as fh:
        back = list(csv.reader(fh, delimiter=";"))
    assert back[0] == [*HEADER_NL, "reden"]
    assert [row[:-1] for row in back[1:]] == [row for row, _ in BAD]


def test_existing_contacts_need_update_and_update_keeps_blank_cells(engine, tmp_path):
    first = write_csv(tmp_path / "a.csv", [["Ann", "ann@x.example", "Org A", "", "", "", "", "en"]])
    run(engine, first)
    again = write_csv(tmp_path / "b.csv", [["", "ANN@x.example", "Org B", "", "", "", "", ""]])
    result = run(engine, again)
    assert result.rejected == 1 and "--update" in result.rejects[0]["reason"]
    result = run(engine, again, update=True)
    assert (result.read, result.updated, result.imported, result.rejected) == (1, 1, 0, 0)
    ann = contacts(engine)["ann@x.example"]
    assert ann.name == "Ann"  # a blank cell does not wipe the stored name
    with Session(engine) as s:
        assert s.get(Organisation, ann.organisation_id).name == "Org B"


def test_dry_run_reports_exactly_and_stores_nothing(engine, tmp_path):
    path = write_csv(tmp_path / "in.csv", GOOD + [row for row, _ in BAD])
    result = run(engine, path, dry_run=True)
    assert (result.imported, result.rejected, result.dry_run) == (2, 9, True)
    with Session(engine) as s:
        assert s.execute(select(func.count()).select_from(Contact)).scalar_one() == 0
        assert s.execute(select(func.count()).select_from(Organisation)).scalar_one() == 0


@pytest.mark.parametrize("secret", [None, "the-installation-secret"], ids=["unkeyed", "keyed"])
def test_forgotten_address_cannot_come_back_by_import(engine, tmp_path, secret):
    """Whether the hash was stored the old way or keyed by the installation's secret."""
    path = write_csv(tmp_path / "in.csv", GOOD)
    run(engine, path)
    with Session(engine) as s:
        forget(s, "ann@vd.example", secret)
        s.commit()
    result = run(engine, path, update=True, secret="the-installation-secret")
    assert result.updated == 1 and result.rejected == 1
    assert result.rejects[0]["line"] == 3 and "blokkeerlijst" in result.rejects[0]["reason"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"naam;organisatie\nJan;X\n", "Geen kolom 'e-mail'"),
        (b"", "Geen kolom 'e-mail'"),
    ],
)
def test_files_without_an_email_column_are_refused_whole(engine, tmp_path, content, message):
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFormatError, match=message):
        run(engine, path)


def test_unreadable_files_are_refused_whole(engine, tmp_path):
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ImportFormatError, match=r"\.xlsx of \.csv"):
        run(engine, tmp_path / "old.xls")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(ImportFormatError, match="geen leesbaar Excel"):
        run(engine, tmp_path / "broken.xlsx")
    with pytest.raises(ImportFormatError, match="niet gevonden"):
        run(engine, tmp_path / "missing.csv")


def test_xlsx_rejects_are_written_as_xlsx(engine, tmp_path):
    book = Workbook()
    book.active.append(["e-mail", "naam"])
    book.active.append(["fout", "Jan"])
    book.save(tmp_path / "in.xlsx")
    run(engine, tmp_path / "in.xlsx", rejects_path=tmp_path / "rejects.xlsx")
    rows = list(load_workbook(tmp_path / "rejects.xlsx").active.iter_rows(values_only=True))
    assert rows[0] == ("e-mail", "naam", "reden")
    assert rows[1][:2] == ("fout", "Jan") and "Ongeldig" in rows[1][2]


def test_multiline_rows_keep_their_starting_line(engine, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text('e-mail,naam\na@x.example,"Jan\nJansen"\nb@x.example,Piet\n', encoding="utf-8")
    result = run(engine, path)
    assert result.rejects == [{"line": 2, "reason": result.rejects[0]["reason"]}]
    assert "header-injectie" in result.rejects[0]["reason"]
    assert result.imported == 1


_cell = st.sampled_from(["", "x", "gemeente", "initiatief", "dorp", "en", "fr", "a\nb", "Org"])
_email = st.sampled_from(["a@x.example", "B@x.example", "b@x.example", "bad", "", "c@y.example"])
_row = st.tuples(_cell, _email, _cell, _cell, _cell, _cell, _cell, _cell).map(list)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(_row, max_size=12), update=st.booleans())
def test_nothing_is_silently_dropped(engine, tmp_path, rows, update):
    """imported + updated + rejected == read, whatever the rows (dry run: the db stays clean)."""
    path = write_csv(tmp_path / "p.csv", rows)
    result = run(engine, path, dry_run=True, update=update, batch_size=5)
    assert result.imported + result.updated + result.rejected == result.read
    assert result.read + result.blank == len(rows)
    assert len(result.rejects) == result.rejected


# line 2..11; batches of 2 are [2, 3] [4, 5] [6, 7] [8, 9] [10, 11]
ACROSS_BATCHES = [
    ["A", "a@x.example", "", "", "", "", "", ""],
    ["B", "b@x.example", "", "", "", "", "", "fr"],  # refused, so not the first b
    ["C", "c@x.example", "", "", "", "", "", ""],
    ["A2", "A@X.example", "", "", "", "", "", ""],
    ["B2", "b@x.example", "", "", "", "", "", ""],  # the first acceptable b
    ["C2", "c@x.example", "", "", "", "", "", "fr"],  # a duplicate outranks its other fault
    ["B3", "B@x.example", "", "", "", "", "", ""],
    ["D", "d@x.example", "", "", "", "", "", ""],
    ["D2", "d@x.example", "", "", "", "", "", ""],  # within one batch
    ["A3", "a@x.example", "", "", "", "", "", ""],
]


@pytest.mark.parametrize("batch_size", [1, 2, 3, 1000])
def test_duplicates_are_found_across_batch_boundaries(engine, tmp_path, batch_size):
    path = write_csv(tmp_path / "in.csv", ACROSS_BATCHES)
    result = run(engine, path, batch_size=batch_size)
    assert (result.read, result.imported, result.rejected) == (10, 4, 6)
    got = [(r["line"], r["reason"].split(" / ")[0]) for r in result.rejects]
    assert got == [
        (3, "Onbekende taal 'fr' (nl of en)"),
        (5, "Dubbel in bestand (ook op regel 2)"),
        (7, "Dubbel in bestand (ook op regel 4)"),
        (8, "Dubbel in bestand (ook op regel 6)"),
        (10, "Dubbel in bestand (ook op regel 9)"),
        (11, "Dubbel in bestand (ook op regel 2)"),
    ]
    assert {e: c.name for e, c in contacts(engine).items()} == {
        "a@x.example": "A",
        "b@x.example": "B2",
        "c@x.example": "C",
        "d@x.example": "D",
    }


def test_each_import_starts_with_no_addresses_seen(engine, tmp_path):
    """The seen-addresses table of one import must not leak into the next one on the
    same connection, whether the first committed, rolled back (dry run) or failed."""
    path = write_csv(tmp_path / "in.csv", GOOD)
    with Session(engine) as s:
        assert import_contacts(s, path, dry_run=True).imported == 2
        (tmp_path / "bad.csv").write_bytes(b"naam;organisatie\nJan;X\n")
        with pytest.raises(ImportFormatError):
            import_contacts(s, tmp_path / "bad.csv")  # fails after the table was made
        assert import_contacts(s, path).imported == 2
        again = import_contacts(s, path, update=True)
    assert (again.updated, again.rejected) == (2, 0)


def test_memory_does_not_grow_with_the_file(engine, tmp_path):
    """Python memory held between batches stays flat: nothing is kept per row.

    Keeping every address seen in a dict cost about 125 bytes a row here
    (~600 KB between the two measuring points); the jitter is ~50 KB.
    """
    rows = [
        [f"P {i}", f"p{i}@org{i % 7}.example", f"Org {i % 5}", "", "", "", "", ""]
        for i in range(8000)
    ]
    path = write_csv(tmp_path / "in.csv", rows)
    held: list[int] = []

    def measure(done: int, total: int) -> None:
        gc.collect()
        held.append(tracemalloc.get_traced_memory()[0])

    tracemalloc.start()
    try:
        with Session(engine) as s:
            result = import_contacts(s, path, batch_size=400, progress=measure)
    finally:
        tracemalloc.stop()
    assert result.imported == 8000 and len(held) == 21  # 20 batches and the final call
    # warm (caches filled) after a few batches: compare batches 4-8 with 15-19
    growth = statistics.median(held[14:19]) - statistics.median(held[3:8])
    assert growth < 200_000, f"{growth} bytes more after 4,400 more rows: {held}"


# -- names in parts, company, columns the import does not read ---------------------------


def _one(engine, tmp_path, header, row, **kw):
    path = write_csv(tmp_path / "parts.csv", [row], header=header, delimiter=",")
    result = run(engine, path, **kw)
    assert result.rejected == 0, result.rejects
    [contact] = contacts(engine).values()
    return result, contact


NAME_PARTS = [
    (
        "E-mail,Voornaam,Tussenvoegsel,Achternaam",
        "a@x.example,Jan,van der,Berg",
        "Jan van der Berg",
    ),
    ("email,voornaam,achternaam", "a@x.example,Ans,Smit", "Ans Smit"),
    ("Email,First name,Last name", "a@x.example,Ann,Smith", "Ann Smith"),
    ("email,first_name,last_name", "a@x.example,Ann,", "Ann"),
    ("email,naam,voornaam,achternaam", "a@x.example,J. Jansen,Jan,Jansen", "J. Jansen"),
]


@pytest.mark.parametrize(("header", "row", "name"), NAME_PARTS)
def test_name_put_together_from_its_parts(engine, tmp_path, header, row, name):
    result, contact = _one(engine, tmp_path, header.split(","), row.split(","))
    assert contact.name == name
    assert result.ignored_columns == []


@pytest.mark.parametrize("column", ["bedrijf", "Company", "bedrijfsnaam"])
def test_company_is_the_organisation(engine, tmp_path, column):
    _, contact = _one(engine, tmp_path, ["email", column], ["a@x.example", "Buurtbus Oost"])
    with Session(engine) as s:
        assert s.get(Organisation, contact.organisation_id).name == "Buurtbus Oost"


def test_a_name_made_of_parts_is_held_to_the_name_limit(engine, tmp_path):
    header = ["email", "voornaam", "achternaam"]
    path = write_csv(tmp_path / "long.csv", [["a@x.example", "J" * 150, "K" * 150]], header=header)
    result = run(engine, path)
    assert result.rejected == 1 and "Te lang: naam" in result.rejects[0]["reason"]


def test_columns_it_does_not_read_are_reported(engine, tmp_path):
    header = ["e-mail", "naam", "telefoon", "", "Opmerkingen", "email"]
    result, _ = _one(engine, tmp_path, header, ["a@x.example", "Jan", "06", "", "x", "b@x.example"])
    # unknown titles, and a second email column (only the first is read); untitled ones are not
    assert result.ignored_columns == ["telefoon", "Opmerkingen", "email"]
    assert result.to_json()["ignored_columns"] == ["telefoon", "Opmerkingen", "email"]


def test_the_rejects_file_imports_again_without_a_warning(engine, tmp_path):
    path = write_csv(tmp_path / "in.csv", [["Jan", "fout", "", "", "", "", "", ""]])
    run(engine, path, rejects_path=tmp_path / "rejects.csv")
    result = run(engine, tmp_path / "rejects.csv")
    assert result.rejected == 1 and result.ignored_columns == []
    # so do files written before the column was translated, and in English
    for title in ("reden / reason", "reason"):
        legacy = write_csv(tmp_path / "legacy.csv", [["a@x.example", "x"]], header=["email", title])
        assert run(engine, legacy, dry_run=True).ignored_columns == []
