"""Hostile and careless files, generated here: every row is imported or rejected with a
reason, the same on SQLite and PostgreSQL, and what cannot be read is refused whole."""

from __future__ import annotations

import codecs
import csv
import itertools
import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import select
from sqlmodel import Session

from subscribers import xlsx
from subscribers.errors import ArchiveTooLarge, ImportFormatError, UnreadableFile
from subscribers.importer import LISTED_REJECTS, import_contacts
from subscribers.models import Contact, Organisation


def run(engine, path, **kw):
    with Session(engine) as s:
        return import_contacts(s, path, **kw)


def names(engine) -> dict[str, str]:
    with Session(engine) as s:
        return {e: n for e, n in s.execute(select(Contact.email, Contact.name))}


# -- cells and lines that are too big -------------------------------------------------------


@pytest.mark.parametrize("quoted", [False, True])
def test_a_cell_over_1_mib_is_one_rejected_row(engine, tmp_path, quoted, english):
    big = "x" * ((1 << 20) + 10)
    cell = f'"{big}"' if quoted else big
    path = tmp_path / "in.csv"
    path.write_text(
        f"e-mail;naam\na@x.example;A\nb@x.example;{cell}\nc@x.example;C\n", encoding="utf-8"
    )
    result = run(engine, path, rejects_path=tmp_path / "r.csv")
    assert (result.read, result.imported, result.rejected) == (3, 2, 1)
    assert result.rejects[0]["line"] == 3
    assert "longer than" in result.rejects[0]["reason"]
    assert set(names(engine)) == {"a@x.example", "c@x.example"}
    assert "longer than" in (tmp_path / "r.csv").read_text(encoding="utf-8")


def test_a_line_of_many_megabytes_is_skipped_as_one_rejected_row(engine, tmp_path, english):
    path = tmp_path / "in.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("e-mail,naam\na@x.example,A\nb@x.example")
        fh.write(",y" * (3 << 20))
        fh.write("\nc@x.example,C\n")
    result = run(engine, path)
    assert (result.read, result.imported, result.rejected) == (3, 2, 1)
    assert result.rejects[0]["line"] == 3 and "Line longer" in result.rejects[0]["reason"]


def test_values_longer_than_their_column_are_rejected_on_every_database(engine, tmp_path, english):
    header = ["e-mail", "naam", "organisatie", "gemeente", "rol", "regio", "tags"]
    rows = [
        ["a@x.example", "A" * 201, "", "", "", "", ""],
        ["b@x.example", "", "O" * 201, "", "", "", ""],
        ["c@x.example", "", "", "B" * 195, "", "", ""],  # becomes "Gemeente BBB…" (204)
        ["d@x.example", "", "", "", "R" * 201, "", ""],
        ["e@x.example", "", "", "", "", "N" * 101, ""],
        ["f@x.example", "", "", "", "", "", "t" * 101],
        ["g" * 250 + "@x.example", "", "", "", "", "", ""],
        ["h@x.example", "", "", "Gemeente " + "B" * 191, "", "", ""],  # exactly 200: fine
    ]
    path = tmp_path / "in.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *rows])
    result = run(engine, path)
    assert (result.imported, result.rejected) == (1, 7), result.rejects
    with Session(engine) as s:
        assert list(s.execute(select(Organisation.name)).scalars()) == ["Gemeente " + "B" * 191]


# -- control characters in names ---------------------------------------------------------------

HOSTILE = ["\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\u2028", "\u2029", "\u202e", "\u2066"]


@pytest.mark.parametrize("char", HOSTILE)
def test_control_characters_in_a_name_reject_the_row(engine, tmp_path, char, english):
    path = tmp_path / "in.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["e-mail", "naam"], ["a@x.example", f"Jan{char}moc.live"]])
    result = run(engine, path)
    assert (result.imported, result.rejected) == (0, 1)
    assert f"U+{ord(char[0]):04X}" in result.rejects[0]["reason"]


_hostile_text = st.lists(
    st.one_of(
        st.sampled_from([*HOSTILE, "=", "+", "-", "@", "\t", "[/]", "[link=x]", "'", '"', ";"]),
        st.characters(codec="utf-8"),
    ),
    max_size=30,
).map("".join)


_NUMBERS = itertools.count()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=_hostile_text)
def test_any_name_is_stored_exactly_without_controls_or_rejected(engine, tmp_path, name):
    email = f"h{next(_NUMBERS)}@x.example"
    path = tmp_path / "h.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows([["e-mail", "naam"], [email, name]])
    result = run(engine, path)
    assert result.read == 1 and result.imported + result.rejected == 1
    if result.imported:
        stored = names(engine)[email]
        expected = name.strip()
        if expected[:1] == "'" and expected[1:2] and expected[1:2] in "=+-@\t\r":
            expected = expected[1:]  # an exported cell's quote is taken off again
        assert stored == expected
        assert not any(c in stored for c in [h[0] for h in HOSTILE] + ["\r", "\n", "\t"])


def test_a_hostile_name_survives_the_database_exactly_when_accepted(engine, tmp_path):
    name = "Zoë [/] [link=http://evil]x[/link] 'O''Brien' ﷽ 😀"
    path = tmp_path / "in.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["e-mail", "naam"], ["a@x.example", name]])
    assert run(engine, path).imported == 1
    assert names(engine) == {"a@x.example": name}


# -- memory: rejects are counted, listed up to a cap, streamed to disk -------------------------


def test_rejects_are_listed_up_to_a_cap_and_all_written_to_the_file(engine, tmp_path):
    count = LISTED_REJECTS + 150
    path = tmp_path / "in.csv"
    path.write_text(
        "e-mail;naam\n" + "".join(f"fout{i};P{i}\n" for i in range(count)), encoding="utf-8"
    )
    result = run(engine, path, rejects_path=tmp_path / "r.csv", batch_size=64)
    assert result.rejected == count and len(result.rejects) == LISTED_REJECTS
    assert result.to_json()["rejects_not_listed"] == 150
    lines = (tmp_path / "r.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == count + 1


# -- encodings ----------------------------------------------------------------------------------

TEXT = "e-mail;naam\njose@x.example;José Müller\nann@x.example;Ann Ørsted\n"


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"]
)
def test_unicode_files_with_or_without_bom_are_read(engine, tmp_path, encoding):
    path = tmp_path / "in.csv"
    path.write_bytes(TEXT.encode(encoding))
    result = run(engine, path)
    assert (result.imported, result.rejected) == (2, 0), result.rejects
    assert names(engine) == {"jose@x.example": "José Müller", "ann@x.example": "Ann Ørsted"}


def test_windows_1252_is_read_and_an_undefined_byte_rejects_its_row(engine, tmp_path, english):
    path = tmp_path / "in.csv"
    path.write_bytes(TEXT.encode("cp1252") + b"b@x.example;Bad\x81Byte\n")
    result = run(engine, path)
    assert (result.imported, result.rejected) == (2, 1)
    assert "U+0081" in result.rejects[0]["reason"]
    assert names(engine)["jose@x.example"] == "José Müller"


CYRILLIC = "e-mail;naam\nivan@x.example;Иван Петров\nolga@x.example;Ольга Смирнова\n"


@pytest.mark.parametrize(
    "content",
    [
        CYRILLIC.encode("cp1251"),
        CYRILLIC.encode("koi8_r"),
        # mixed: one row saved as UTF-8, the next as Windows-1252
        "e-mail;naam\na@x.example;José Müller\nb@x.example;Zoë Ćwik\n".encode()
        + "c@x.example;Renée\n".encode("cp1252"),
    ],
    ids=["cp1251", "koi8-r", "mixed"],
)
def test_encodings_that_would_be_mojibake_are_refused(engine, tmp_path, content):
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    with pytest.raises(UnreadableFile, match="CSV UTF-8"):
        run(engine, path)
    assert names(engine) == {}


def _binary(kind: str) -> bytes:
    rng = random.Random(7)
    if kind == "random":
        return bytes(rng.randrange(256) for _ in range(20_000))
    if kind == "png":
        return b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(500))
    return codecs.BOM_UTF16_LE + bytes(rng.randrange(256) for _ in range(5_001))


@pytest.mark.parametrize("kind", ["random", "png", "bad-utf16"])
def test_binary_files_are_refused_in_one_sentence_by_the_cli(mailer, tmp_path, kind):
    path = tmp_path / "contacten.csv"
    path.write_bytes(_binary(kind))
    result = mailer("contacts", "import", str(path), MAILER_LANGUAGE="en")
    assert result.returncode == 1, result
    assert "contacten.csv" in result.stderr and "columns" not in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_cp1251_is_refused_by_the_cli_with_exit_1(mailer, tmp_path):
    path = tmp_path / "leden.csv"
    path.write_bytes(CYRILLIC.encode("cp1251"))
    result = mailer("contacts", "import", str(path), MAILER_LANGUAGE="en")
    assert result.returncode == 1 and "CSV UTF-8" in result.stderr, result
    listed = mailer("contacts", "list", "--json")
    assert listed.stdout.strip() in ("[]", "[\n]")


# -- XLSX -----------------------------------------------------------------------------------------


def _book(path: Path, sheets: dict[str, list[list[object]]], active: int = 0) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.active = active
    book.save(path)
    return path


def test_the_first_sheet_is_read_unless_sheet_names_another(engine, tmp_path, english):
    path = _book(
        tmp_path / "in.xlsx",
        {"Leden": [["e-mail"], ["first@x.example"]], "Oud": [["e-mail"], ["old@x.example"]]},
        active=1,  # saved with the second sheet open: still the first is read
    )
    assert run(engine, path, dry_run=True).imported == 1
    with Session(engine) as s:
        import_contacts(s, path)
    assert set(names(engine)) == {"first@x.example"}
    assert run(engine, path, sheet="Oud").imported == 1
    with pytest.raises(ImportFormatError, match=r"no sheet 'Nieuw'.*'Leden', 'Oud'"):
        run(engine, path, sheet="Nieuw")
    csv_path = tmp_path / "in.csv"
    csv_path.write_text("e-mail\na@x.example\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="--sheet"):
        run(engine, csv_path, sheet="Leden")


def test_merged_ranges_are_filled_with_their_value(engine, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["e-mail", "organisatie", "soort"])
    sheet.append(["a@x.example", "Buurtbus Oost", "initiatief"])
    sheet.append(["b@x.example", None, None])
    sheet.append(["c@x.example", None, None])
    sheet.append(["d@x.example", "Plusbus", "initiatief"])
    sheet.merge_cells("B2:B4")
    sheet.merge_cells("C2:C4")
    book.save(tmp_path / "in.xlsx")
    result = run(engine, tmp_path / "in.xlsx")
    assert (result.imported, result.rejected) == (4, 0), result.rejects
    with Session(engine) as s:
        query = select(Contact.email, Organisation.name).join(
            Organisation, Organisation.id == Contact.organisation_id
        )
        orgs = {email: org for email, org in s.execute(query)}
    assert orgs == {
        "a@x.example": "Buurtbus Oost",
        "b@x.example": "Buurtbus Oost",
        "c@x.example": "Buurtbus Oost",
        "d@x.example": "Plusbus",
    }


def test_formulas_without_a_value_reject_their_row_when_the_column_is_read(
    engine, tmp_path, english
):
    book = Workbook()
    sheet = book.active
    sheet.append(["e-mail", "naam", "notitie"])
    sheet.append(["a@x.example", '=CONCAT("J","an")', None])  # openpyxl stores no value
    sheet.append(["b@x.example", "Piet", "=1+1"])  # a column that is not read
    book.save(tmp_path / "in.xlsx")
    result = run(engine, tmp_path / "in.xlsx")
    assert (result.imported, result.rejected) == (1, 1)
    assert result.rejects[0] == {
        "line": 2,
        "reason": "Formula without a calculated value in cell B2; open the file in Excel "
        "and save it again",
    }


def test_an_archive_that_unpacks_too_far_is_refused_before_reading(engine, tmp_path):
    small = _book(tmp_path / "small.xlsx", {"Leden": [["e-mail"], ["a@x.example"]]})
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for part in source.infolist():
            out.writestr(part, source.read(part.filename))
        with out.open("xl/sharedStrings.xml", "w") as fh:  # not referenced; only its size counts
            chunk = b"<si><t>" + b"A" * 1_000_000 + b"</t></si>"
            for _ in range(xlsx.MAX_SHARED_STRINGS // len(chunk) + 2):
                fh.write(chunk)
    assert bomb.stat().st_size < 2_000_000
    with pytest.raises(ArchiveTooLarge):
        run(engine, bomb)


def test_the_total_size_limit_holds_too(engine, tmp_path, monkeypatch):
    path = _book(tmp_path / "in.xlsx", {"Leden": [["e-mail"], ["a@x.example"]]})
    monkeypatch.setattr(xlsx, "MAX_EXPANDED", 1000)
    with pytest.raises(ArchiveTooLarge):
        run(engine, path)
