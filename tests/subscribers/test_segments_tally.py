"""The dashboard's counts (``tally``) and filters (``restrict``) select what ``audience`` selects.

``tally`` counts per (organisation, status) group and decides the rules per
group; these tests hold it to the audience query itself, over rules that
touch every criterion and the edge cases where SQL's NULL matters (contacts
without organisation, exclude-only tag rules, listed addresses whose
organisation also matches).
"""

from __future__ import annotations

from itertools import product

import pytest
from sqlalchemy import func, select
from sqlmodel import Session, col

from subscribers.models import Contact
from subscribers.segments import Rule, Tally, audience, count, restrict, save_segment, tally
from tests.factories import organisation as _org


@pytest.fixture
def net(engine):
    """Municipalities with initiatives, a province, contacts without organisation, all statuses."""
    with Session(engine) as s:
        prov = _org(s, "Provincie Testland", "province", tags=["provincie"])
        beek = _org(s, "Gemeente Beekdal", "municipality", region="Noord", tags=["gemeente"])
        veen = _org(s, "Gemeente Veenhoven", "municipality", region="Zuid")
        vd = _org(s, "Vervoersdienst Beekdal", "initiative", muni=beek, tags=["vervoer"])
        wg = _org(s, "Welzijnsgroep Beekdal", "initiative", muni=beek, tags=["welzijn"])
        pb = _org(s, "Plusbus", "initiative", muni=veen, region="Oost", tags=["vervoer", "welzijn"])
        los = _org(s, "Losse club", "other")
        rows = [
            ("p@prov.example", prov, "active"),
            ("b@beek.example", beek, "active"),
            ("b2@beek.example", beek, "unsubscribed"),
            ("v@veen.example", veen, "bounced"),
            ("vd@vd.example", vd, "active"),
            ("vd2@vd.example", vd, "active"),
            ("wg@wg.example", wg, "unsubscribed"),
            ("pb@pb.example", pb, "active"),
            ("club@los.example", los, "complained"),
            ("los@x.example", None, "active"),
            ("los2@x.example", None, "bounced"),
        ]
        for email, org, status in rows:
            s.add(Contact(email=email, organisation_id=org, status=status))
        s.commit()
    return engine


def _rules() -> list[Rule]:
    """Every criterion alone and in combination with an address list and a status filter."""
    criteria = [
        {},
        {"kinds": ["initiatief"]},
        {"kinds": ["gemeente", "provincie"]},
        {"municipalities": ["beekdal"]},
        {"regions": ["zuid"]},
        {"regions": ["oost", "noord"], "kinds": ["initiative"]},
        {"tags": ["vervoer"]},
        {"exclude_tags": ["welzijn"]},
        {"tags": ["welzijn"], "exclude_tags": ["vervoer"]},
    ]
    listed = [[], ["los@x.example", "vd@vd.example", "club@los.example", "nobody@x.example"]]
    statuses = [[], ["actief"], ["bounced", "afgemeld"]]
    return [
        Rule.build(**criterion, contacts=contacts, statuses=status)
        for criterion, contacts, status in product(criteria, listed, statuses)
    ]


@pytest.fixture
def saved(net) -> list[tuple[str, Rule]]:
    """The rules of ``_rules`` saved as segments r0, r1, ... in one transaction."""
    named = [(f"r{i}", rule) for i, rule in enumerate(_rules())]
    with Session(net) as s:
        for name, rule in named:
            save_segment(s, name, rule)
        s.commit()
    return named


def _expected(s: Session, name: str, where=()) -> Tally:
    members = audience(s, [name]).where(*where)
    active = members.where(col(Contact.status) == "active")
    return Tally(total=count(s, members), active=count(s, active))


def test_tally_counts_what_the_audience_selects(net, saved):
    with Session(net) as s:
        expected = [_expected(s, name) for name, _rule in saved]
        assert tally(s, [rule for _name, rule in saved]) == expected
    assert expected[0] == Tally(total=11, active=6)  # everyone


def test_tally_narrowed_by_contact_conditions(net, saved):
    where = [col(Contact.email).like("%x.example"), col(Contact.status) != "complained"]
    with Session(net) as s:
        expected = [_expected(s, name, where) for name, _rule in saved]
        assert tally(s, [rule for _name, rule in saved], where) == expected
        assert tally(s, []) == []


def test_restrict_selects_the_audience_without_joins(net, saved):
    with Session(net) as s:
        for name, rule in saved:
            wanted = [r.id for r in s.execute(audience(s, [name]))]
            query = restrict(s, select(col(Contact.id)).order_by(col(Contact.id)), [rule])
            assert list(s.execute(query).scalars()) == wanted, rule
            assert " join " not in str(query).lower()
        union = restrict(
            s, select(func.count()).select_from(Contact), [Rule(kinds=("province",)), Rule()]
        )
        assert s.execute(union).scalar_one() == 11
        nobody = restrict(s, select(func.count()).select_from(Contact), [Rule(tags=("geen",))])
        assert s.execute(nobody).scalar_one() == 0
