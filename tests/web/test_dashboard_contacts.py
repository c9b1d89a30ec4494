# ruff: noqa: F811  (the shared dashboard fixtures are imported, and named as parameters)
"""Contacten through a real server: search, segments, import with rejects, export, erasure."""

from __future__ import annotations

import json

from sqlmodel import Session, select

from subscribers.models import Contact, Segment
from tests.web.dashboard_support import post, signed_in, small_network, token  # noqa: F401

CSV = (
    "email;naam;organisatie;soort;gemeente\n"
    "anna@stichting.example;Anna <i>de</i> Jong;Stichting Oost;initiatief;Testdorp\n"
    "geen-adres;Piet;Stichting Oost;initiatief;Testdorp\n"
)


def test_search_and_filter(signed_in, small_network):
    everyone = signed_in.get("/contacten").text
    assert "6 contacts found" in everyone
    one = signed_in.get("/contacten", params={"q": "c1@org2"}).text
    assert "1 contacts found" in one and "c1@org2.example" in one
    towns = signed_in.get("/contacten", params={"segment": "municipalities"}).text
    assert "2 contacts found" in towns
    nobody = signed_in.get("/contacten", params={"status": "bounced"}).text
    assert "0 contacts found" in nobody
    org = signed_in.get("/contacten", params={"organisation": small_network["orgs"][0]}).text
    assert "2 contacts found" in org


def test_segment_builder_counts_live_and_saves(signed_in, token, engine, small_network, english):
    count = signed_in.get("/contacten/segmenten/telling", params={"kinds": "initiative"}).text
    assert "4 active contacts" in count
    with Session(engine) as s:
        assert s.exec(select(Segment)).first() is None  # counting kept nothing
    bad = signed_in.get("/contacten/segmenten/telling", params={"statuses": "gone"}).text
    assert "Unknown status" in bad
    saved = post(
        signed_in,
        "/contacten/segmenten",
        token,
        name="initiatieven-testdorp",
        kinds="initiative",
        municipalities="Testdorp",
    )
    assert saved.status_code == 303
    page = signed_in.get("/contacten/segmenten").text
    assert "initiatieven-testdorp" in page
    again = post(
        signed_in, "/contacten/segmenten", token, name="initiatieven-testdorp", kinds="initiative"
    )
    assert again.status_code == 400 and "already exists" in again.text
    gone = post(signed_in, "/contacten/segmenten/verwijderen", token, name="initiatieven-testdorp")
    assert gone.status_code == 303


def test_organisations_page(signed_in, small_network):
    page = signed_in.get("/contacten/organisaties").text
    assert "Gemeente Testdorp" in page and "Vervoersdienst 1" in page


def test_import_a_csv_and_download_the_rejects(signed_in, token, engine):
    answer = signed_in.post(
        "/contacten/importeren",
        data={"csrf": token},
        files={"file": ("adressen.csv", CSV.encode("utf-8"), "text/csv")},
    )
    assert answer.status_code == 200
    assert "Anna" not in answer.text or "&lt;i&gt;" in answer.text
    link = answer.text.split('href="/contacten/importeren/')[1].split('"')[0]
    rejects = signed_in.get("/contacten/importeren/" + link)
    assert rejects.status_code == 200
    assert "geen-adres" in rejects.text and "Piet" in rejects.text
    with Session(engine) as s:
        emails = [c.email for c in s.exec(select(Contact))]
    assert emails == ["anna@stichting.example"]
    assert signed_in.get("/contacten/importeren/../../secret.key/weigeringen").status_code == 404


def test_export_then_erase_after_the_question(signed_in, token, engine, small_network):
    email = "c0@org1.example"
    export = signed_in.get("/contacten/persoon/export", params={"email": email})
    assert export.status_code == 200 and "attachment" in export.headers["content-disposition"]
    assert json.loads(export.content)["contact"]["email"] == email
    asked = post(signed_in, "/contacten/persoon/vergeten", token, email=email)
    assert asked.status_code == 200 and "cannot be undone" in asked.text
    with Session(engine) as s:
        assert s.exec(select(Contact).where(Contact.email == email)).first() is not None
    done = post(signed_in, "/contacten/persoon/vergeten", token, email=email, confirm="yes")
    assert done.status_code == 200 and "suppressed" in done.text
    with Session(engine) as s:
        assert s.exec(select(Contact).where(Contact.email == email)).first() is None
    assert (
        signed_in.get("/contacten/persoon", params={"email": "nobody@x.example"}).status_code == 404
    )
