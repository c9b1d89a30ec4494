from __future__ import annotations

import pytest
from sqlalchemy import insert
from sqlmodel import Session

from subscribers.errors import InvalidRule, UnknownSegment
from subscribers.models import Contact
from subscribers.segments import Rule, audience, count, organisations, save_segment
from tests.factories import organisation as _org


@pytest.fixture
def net(engine):
    """A small network: two municipalities, initiatives in them, a province, a loose contact."""
    with Session(engine) as s:
        prov = _org(s, "Provincie Testland", "province")
        beek = _org(s, "Gemeente Beekdal", "municipality", region="Noord", tags=["gemeente"])
        veen = _org(s, "Gemeente Veenhoven", "municipality", region="Zuid")
        vd = _org(s, "Vervoersdienst Beekdal", "initiative", muni=beek, tags=["vervoer"])
        wg = _org(s, "Welzijnsgroep Beekdal", "initiative", muni=beek, tags=["welzijn"])
        both = _org(s, "Plusbus Veenhoven", "initiative", muni=veen, tags=["vervoer", "welzijn"])
        rows = [
            ("p@prov.example", prov, "active"),
            ("b@beek.example", beek, "active"),
            ("v@veen.example", veen, "bounced"),
            ("vd@vd.example", vd, "active"),
            ("wg@wg.example", wg, "unsubscribed"),
            ("pb@pb.example", both, "active"),
            ("los@x.example", None, "active"),
        ]
        for email, org, status in rows:
            s.add(Contact(email=email, organisation_id=org, status=status))
        s.commit()
    return engine


def emails(engine, names):
    with Session(engine) as s:
        return [r.email for r in s.execute(audience(s, names))]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["municipalities"], {"b@beek.example", "v@veen.example"}),
        (["gemeenten"], {"b@beek.example", "v@veen.example"}),
        (["initiatieven"], {"vd@vd.example", "wg@wg.example", "pb@pb.example"}),
        (["provincie"], {"p@prov.example"}),
    ],
)
def test_builtins_and_dutch_aliases_include_every_status(net, names, expected):
    assert set(emails(net, names)) == expected


def test_everyone_includes_contacts_without_organisation(net):
    assert len(emails(net, ["iedereen"])) == 7


def test_union_gives_each_contact_once_in_id_order(net):
    with Session(net) as s:
        save_segment(s, "vervoer", Rule.build(tags=["vervoer"]))
        s.commit()
        rows = s.execute(audience(s, ["initiatives", "vervoer", "everyone"])).all()
    ids = [r.id for r in rows]
    assert ids == sorted(ids) and len(ids) == len(set(ids)) == 7
    assert set(rows[0]._mapping) == {"id", "email", "name", "language", "organisation_id", "status"}


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        # a municipality by name covers the municipality and the initiatives in it
        (
            Rule.build(municipalities=["beekdal"]),
            {"b@beek.example", "vd@vd.example", "wg@wg.example"},
        ),
        (Rule.build(municipalities=["Gemeente Veenhoven"]), {"v@veen.example", "pb@pb.example"}),
        # initiatives inherit their municipality's region
        (Rule.build(regions=["noord"], kinds=["initiatief"]), {"vd@vd.example", "wg@wg.example"}),
        (Rule.build(tags=["Welzijn"]), {"wg@wg.example", "pb@pb.example"}),
        (Rule.build(tags=["vervoer"], exclude_tags=["welzijn"]), {"vd@vd.example"}),
        (
            Rule.build(exclude_tags=["vervoer", "welzijn", "gemeente"]),
            {"p@prov.example", "v@veen.example", "los@x.example"},
        ),
        (Rule.build(contacts=["LOS@x.example"]), {"los@x.example"}),
        (
            Rule.build(kinds=["provincie"], contacts=["los@x.example"]),
            {"p@prov.example", "los@x.example"},
        ),
        (Rule.build(kinds=["initiatief"], statuses=["actief"]), {"vd@vd.example", "pb@pb.example"}),
        (Rule.build(statuses=["bounced", "afgemeld"]), {"v@veen.example", "wg@wg.example"}),
    ],
)
def test_saved_rules(net, rule, expected):
    with Session(net) as s:
        save_segment(s, "r", rule)
        s.commit()
    assert set(emails(net, ["r"])) == expected


def test_organisations_of_segments(net):
    with Session(net) as s:
        save_segment(s, "los", Rule.build(contacts=["vd@vd.example"]))
        names = lambda q: {r.name for r in s.execute(q)}  # noqa: E731
        assert names(organisations(s, ["gemeenten"])) == {"Gemeente Beekdal", "Gemeente Veenhoven"}
        assert names(organisations(s, ["los"])) == {"Vervoersdienst Beekdal"}
        assert len(names(organisations(s, ["everyone"]))) == 6


def test_unknown_segment_lists_the_known_ones(net):
    with Session(net) as s:
        save_segment(s, "vervoer", Rule.build(tags=["vervoer"]))
        with pytest.raises(UnknownSegment, match=r"Onbekend segment 'nope'.*iedereen.*vervoer"):
            audience(s, ["initiatives", "nope"])
        with pytest.raises(LookupError):
            organisations(s, ["nope"])


def test_rule_words_are_checked_and_names_protected(net):
    with pytest.raises(InvalidRule, match="Onbekend soort 'dorp'"):
        Rule.build(kinds=["dorp"])
    with pytest.raises(InvalidRule, match="Onbekende status"):
        Rule.build(statuses=["weg"])
    with Session(net) as s:
        with pytest.raises(InvalidRule, match="ingebouwd"):
            save_segment(s, "Iedereen", Rule())
        save_segment(s, "x", Rule())
        with pytest.raises(InvalidRule, match="bestaat al"):
            save_segment(s, "x", Rule())


def test_rule_survives_the_database(net):
    rule = Rule.build(kinds=["gemeente"], regions=["Noord"], tags=["a"], statuses=["active"])
    with Session(net) as s:
        save_segment(s, "x", rule)
        s.commit()
    with Session(net) as s:
        from subscribers.segments import rule_for

        assert rule_for(s, "x") == rule


def test_streams_in_batches_with_one_query(engine):
    with Session(engine) as s:
        s.execute(insert(Contact), [{"email": f"c{i}@x.example"} for i in range(2500)])
        s.commit()
        result = s.execute(audience(s, ["everyone"]).execution_options(yield_per=1000))
        first = result.partitions()
        sizes = [len(p) for p in first]
        assert sizes == [1000, 1000, 500]
        assert count(s, audience(s, ["everyone"])) == 2500
