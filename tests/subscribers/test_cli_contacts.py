"""The contacts and network commands, run in-process through Typer's runner.

The app here holds only the command groups under test (the same ``register``
the real root app calls), so these tests do not depend on unrelated groups.
"""

from __future__ import annotations

import csv
import json

import pytest
import typer
from typer.testing import CliRunner

from mailer.cli import contacts, segments
from mailer.cli.runtime import Runtime
from subscribers.example import load_example_network
from tests.cli import mailer_env
from tests.forkserver import run_mailer


def make_app(settings, engine):
    app = typer.Typer()

    @app.callback()
    def root(ctx: typer.Context) -> None:
        rt = Runtime()
        rt.settings = settings
        rt.engine = engine  # the fixture's, disposed after the test
        ctx.obj = rt

    contacts.register(app)
    segments.register(app)
    return app


@pytest.fixture
def cli(settings, engine):
    app = make_app(settings, engine)
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


def test_import_json_summary_and_rejects_file(cli, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(
        "naam;e-mail;soort;organisatie\nJan;jan@x.example;gemeente;Gemeente Beekdal\n"
        "Piet;fout;;\nKlaas;k@x.example;dorp;X\n",
        encoding="utf-8",
    )
    result = cli("contacts", "import", str(path), "--json", "--rejects", str(tmp_path / "r.csv"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {k: data[k] for k in ("read", "imported", "updated", "rejected")} == {
        "read": 3,
        "imported": 1,
        "updated": 0,
        "rejected": 2,
    }
    assert [r["line"] for r in data["rejects"]] == [3, 4]
    text = (tmp_path / "r.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    assert [r[:2] for r in rows[1:]] == [["Piet", "fout"], ["Klaas", "k@x.example"]]


def test_import_dry_run_then_human_summary(cli, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("email,name\na@x.example,A\n", encoding="utf-8")
    out = cli("contacts", "import", str(path), "--dry-run")
    assert "Proefimport" in out.output
    assert json.loads(cli("contacts", "list", "--json").output) == []
    cli("contacts", "import", str(path))
    listed = json.loads(cli("contacts", "list", "--json").output)
    assert [c["email"] for c in listed] == ["a@x.example"]


def test_import_of_a_file_without_email_column_exits_1(cli, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("naam\nJan\n", encoding="utf-8")
    result = cli("contacts", "import", str(path))
    assert result.exit_code == 1
    assert "Geen kolom 'e-mail'" in result.output


def test_list_export_show_forget(cli, engine, tmp_path):
    from sqlmodel import Session

    with Session(engine) as s:
        load_example_network(s)
    listed = json.loads(cli("contacts", "list", "--segment", "provincie", "--json").output)
    assert len(listed) == 4
    target = listed[0]["email"]
    out = tmp_path / "p.csv"
    result = cli(
        "contacts", "export", "--format", "csv", "--segment", "provincie", "--out", str(out)
    )
    assert result.exit_code == 0 and "4 contacten" in result.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    shown = json.loads(cli("contacts", "show", target, "--json").output)
    assert shown["contact"]["organisation"]["name"] == "Provincie Zuiderveen"
    forgot = json.loads(cli("contacts", "forget", target, "--yes", "--json").output)
    assert forgot["contact_deleted"] is True
    assert len(json.loads(cli("contacts", "list", "-s", "provincie", "--json").output)) == 3
    shown = json.loads(cli("contacts", "show", target, "--json").output)
    assert shown["contact"] is None and shown["suppressed"] is True
    missing = cli("contacts", "show", "niemand@x.example", "--json")
    assert missing.exit_code == 1 and "Niets opgeslagen" in missing.output


def test_forget_asks_first(cli, engine):
    from sqlmodel import Session

    from subscribers.models import Contact

    with Session(engine) as s:
        s.add(Contact(email="a@x.example"))
        s.commit()
    refused = cli("contacts", "forget", "a@x.example", input="n\n")
    assert refused.exit_code != 0
    assert json.loads(cli("contacts", "list", "--json").output)[0]["email"] == "a@x.example"
    cli("contacts", "forget", "a@x.example", input="y\n")
    assert json.loads(cli("contacts", "list", "--json").output) == []


def test_network_show(cli, engine):
    from sqlmodel import Session

    with Session(engine) as s:
        counts = load_example_network(s)
    data = json.loads(cli("network", "show", "--json").output)
    assert data["totals"]["contacts"] == counts["contacts"]
    assert len(data["regions"]) == 4
    assert sum(len(r["municipalities"]) for r in data["regions"]) == 26
    initiatives = sum(len(m["initiatives"]) for r in data["regions"] for m in r["municipalities"])
    assert initiatives == counts["initiatives"]
    text = cli("network", "show").output
    assert "Provincie Zuiderveen" in text and "Noorderkwartier" in text


# -- through the real `mailer` script ------------------------------------------------------


def _mailer(db_url, tmp_path, *args, **env):
    return run_mailer(args, mailer_env(db_url, tmp_path, **env))


def test_import_warns_about_columns_it_does_not_read(db_url, tmp_path):
    path = tmp_path / "leden.csv"
    path.write_text(
        "Voornaam;Achternaam;E-mail;Bedrijf;Telefoon;Notities\n"
        "Jan;Jansen;jan@x.example;Buurtbus Oost;06;vaste chauffeur\n",
        encoding="utf-8",
    )
    human = _mailer(db_url, tmp_path, "contacts", "import", str(path), "--dry-run")
    assert human.returncode == 0, human.stderr
    assert "Let op: kolommen niet geïmporteerd (onbekend): 'Telefoon', 'Notities'" in human.stdout
    as_json = _mailer(db_url, tmp_path, "contacts", "import", str(path), "--json")
    assert as_json.returncode == 0, as_json.stderr
    data = json.loads(as_json.stdout)
    assert data["ignored_columns"] == ["Telefoon", "Notities"] and data["imported"] == 1
    listed = _mailer(db_url, tmp_path, "contacts", "list", "--json")
    [contact] = json.loads(listed.stdout)
    assert (contact["name"], contact["organisation"]) == ("Jan Jansen", "Buurtbus Oost")


def test_import_summary_in_english(db_url, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("email,name,phone\na@x.example,A,06\n", encoding="utf-8")
    result = _mailer(db_url, tmp_path, "contacts", "import", str(path), MAILER_LANGUAGE="en")
    assert result.returncode == 0, result.stderr
    assert "imported" in result.stdout and "columns not imported (not known): 'phone'" in (
        result.stdout
    )
