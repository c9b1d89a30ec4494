from __future__ import annotations

import json

import pytest
from sqlmodel import Session
from typer.testing import CliRunner

from subscribers.example import load_example_network
from tests.subscribers.test_cli_contacts import make_app


@pytest.fixture
def cli(settings, engine):
    with Session(engine) as s:
        load_example_network(s)
    app = make_app(settings, engine)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args), catch_exceptions=False)


def test_create_show_list_delete(cli):
    created = cli(
        "segments", "create", "noord-welzijn", "--kind", "initiatief",
        "--region", "Noorderkwartier", "--tag", "welzijn", "--exclude-tag", "vervoer",
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    shown = json.loads(cli("segments", "show", "noord-welzijn", "--json", "--sample", "3").output)
    assert {"name", "contacts", "organisations"} <= set(shown)
    assert shown["rule"]["kinds"] == ["initiative"]
    assert shown["contacts"] > 0 and len(shown["sample"]) == min(3, shown["contacts"])
    everyone = json.loads(cli("segments", "show", "iedereen", "--json").output)
    assert shown["contacts"] < everyone["contacts"] and everyone["organisations"] == 87
    listed = json.loads(cli("segments", "list", "--json").output)
    names = [s["name"] for s in listed]
    assert names[:4] == ["municipalities", "initiatives", "province", "everyone"]
    assert "noord-welzijn" in names
    assert cli("segments", "delete", "noord-welzijn").exit_code == 0
    gone = cli("segments", "show", "noord-welzijn")
    assert gone.exit_code == 1 and "Onbekend segment" in gone.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "dorp"], "Onbekend soort 'dorp'"),
        (["--status", "weg"], "Onbekende status"),
    ],
)
def test_create_refuses_unknown_words(cli, args, message):
    result = cli("segments", "create", "x", *args)
    assert result.exit_code == 1 and message in result.output


def test_create_refuses_builtin_and_duplicate_names(cli):
    assert "ingebouwd" in cli("segments", "create", "gemeenten", "--kind", "gemeente").output
    assert cli("segments", "create", "a", "--tag", "vervoer").exit_code == 0
    again = cli("segments", "create", "a", "--tag", "vervoer")
    assert again.exit_code == 1 and "bestaat al" in again.output
