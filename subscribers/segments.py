"""Segments: saved audience rules that resolve to one streaming SQL query.

A rule's organisation criteria (kind, municipality, region, tags) are ANDed;
within one criterion the values are alternatives. A contact is in the segment
when its organisation matches, or when it is listed explicitly; the status
filter then applies to both. Several segments together are their union: the
conditions are ORed in the same single query, so each contact comes once.

The dashboard counts and filters with the same conditions without building
the audience: ``restrict`` adds a rule's conditions to a query over contacts
(its organisation criteria decided per organisation first, passed on as a
list of ids), and ``tally`` counts contacts per (organisation, status) first
and decides each rule once per group, so listing fifty segments is one pass
over an index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    case,
    cast,
    exists,
    false,
    func,
    null,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from mailer.i18n import N_, _
from subscribers.errors import InvalidRule, UnknownSegment
from subscribers.models import Contact, ContactStatus, Organisation, OrganisationKind, Segment
from subscribers.models import OrganisationTag as Tag

KIND_WORDS = {
    "gemeente": "municipality",
    "gemeenten": "municipality",
    "municipality": "municipality",
    "municipalities": "municipality",
    "initiatief": "initiative",
    "initiatieven": "initiative",
    "initiative": "initiative",
    "initiatives": "initiative",
    "provincie": "province",
    "province": "province",
    "overig": "other",
    "overige": "other",
    "anders": "other",
    "other": "other",
}
# The words a coordinator types for a kind, in the operator's language.
KINDS = N_("municipality, initiative, province, other")
STATUS_WORDS = {
    "actief": "active",
    "afgemeld": "unsubscribed",
    "gebounced": "bounced",
    "klacht": "complained",
    **{s.value: s.value for s in ContactStatus},
}


def parse_kind(word: str) -> str:
    """``gemeente`` → ``municipality``; an unknown word names the accepted ones."""
    kind = KIND_WORDS.get(word.strip().lower())
    if kind is None:
        raise InvalidRule(
            _("Unknown kind {word!r} (choose {accepted})").format(word=word, accepted=_(KINDS))
        )
    return kind


def parse_status(word: str) -> str:
    status = STATUS_WORDS.get(word.strip().lower())
    if status is None:
        accepted = ", ".join(s.value for s in ContactStatus)
        raise InvalidRule(
            _("Unknown status {word!r} (choose {accepted})").format(word=word, accepted=accepted)
        )
    return status


def municipality_key(name: str) -> str:
    """'Gemeente Beekdal' and 'beekdal' name the same municipality."""
    key = " ".join(name.lower().split())
    return key.removeprefix("gemeente ")


@dataclass(frozen=True)
class Rule:
    kinds: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    exclude_tags: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

    @classmethod
    def build(cls, **values: Any) -> Rule:
        """A rule from user words: Dutch kinds and statuses accepted, tags lowercased."""
        clean = {k: tuple(v or ()) for k, v in values.items()}
        return cls(
            kinds=tuple(dict.fromkeys(parse_kind(k) for k in clean.get("kinds", ()))),
            municipalities=tuple(m.strip() for m in clean.get("municipalities", ())),
            regions=tuple(r.strip() for r in clean.get("regions", ())),
            tags=tuple(t.strip().lower() for t in clean.get("tags", ())),
            exclude_tags=tuple(t.strip().lower() for t in clean.get("exclude_tags", ())),
            contacts=tuple(c.strip().lower() for c in clean.get("contacts", ())),
            statuses=tuple(dict.fromkeys(parse_status(s) for s in clean.get("statuses", ()))),
        )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Rule:
        return cls(**{f: tuple(data.get(f, ())) for f in cls.__dataclass_fields__})

    def to_json(self) -> dict[str, list[str]]:
        return {k: list(v) for k, v in asdict(self).items() if v}

    def only_status(self, status: str) -> Rule | None:
        """This rule kept to contacts of one status; None when it leaves that status out."""
        if self.statuses and status not in self.statuses:
            return None
        return replace(self, statuses=(status,))

    @property
    def has_org_criteria(self) -> bool:
        return bool(
            self.kinds or self.municipalities or self.regions or self.tags or self.exclude_tags
        )


BUILTIN: dict[str, Rule] = {
    "municipalities": Rule(kinds=("municipality",)),
    "initiatives": Rule(kinds=("initiative",)),
    "province": Rule(kinds=("province",)),
    "everyone": Rule(),
}
ALIASES = {
    "gemeenten": "municipalities",
    "initiatieven": "initiatives",
    "provincie": "province",
    "iedereen": "everyone",
}


@dataclass
class _Joins:
    """The aliases one query needs: the contact's organisation and its municipality."""

    org: Any = field(default_factory=lambda: aliased(Organisation, name="org"))
    muni: Any = field(default_factory=lambda: aliased(Organisation, name="muni"))


def _org_condition(rule: Rule, j: _Joins) -> ColumnElement[bool]:
    parts: list[ColumnElement[bool]] = []
    if rule.kinds:
        parts.append(j.org.kind.in_(rule.kinds))
    if rule.municipalities:
        keys = {municipality_key(m) for m in rule.municipalities}
        names = keys | {f"gemeente {k}" for k in keys}
        own = and_(
            j.org.kind == OrganisationKind.MUNICIPALITY.value, func.lower(j.org.name).in_(names)
        )
        parts.append(or_(own, func.lower(j.muni.name).in_(names)))
    if rule.regions:
        regions = [r.lower() for r in rule.regions]
        parts.append(func.lower(func.coalesce(j.org.region, j.muni.region)).in_(regions))
    if rule.tags:
        parts.append(
            exists().where(col(Tag.organisation_id) == j.org.id, col(Tag.tag).in_(rule.tags))
        )
    if rule.exclude_tags:
        parts.append(
            ~exists().where(
                col(Tag.organisation_id) == j.org.id, col(Tag.tag).in_(rule.exclude_tags)
            )
        )
    return and_(true(), *parts)


def _contact_condition(rule: Rule, j: _Joins) -> ColumnElement[bool]:
    if rule.has_org_criteria and rule.contacts:
        who = or_(_org_condition(rule, j), col(Contact.email).in_(rule.contacts))
    elif rule.has_org_criteria:
        who = _org_condition(rule, j)
    elif rule.contacts:
        who = col(Contact.email).in_(rule.contacts)
    else:
        who = true()
    if rule.statuses:
        return and_(who, col(Contact.status).in_(rule.statuses))
    return who


def known_names(session: Session) -> list[str]:
    saved = session.execute(select(col(Segment.name)).order_by(col(Segment.name))).scalars()
    return [*BUILTIN, *ALIASES, *saved]


def rule_for(session: Session, name: str) -> Rule:
    """The rule behind a built-in name, a Dutch alias, or a saved segment."""
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    if key in BUILTIN:
        return BUILTIN[key]
    saved = session.execute(
        select(Segment).where(col(Segment.name) == name.strip())
    ).scalar_one_or_none()
    if saved is None:
        known = ", ".join(known_names(session))
        raise UnknownSegment(
            _("Unknown segment {name!r}; known are: {known}").format(name=name, known=known)
        )
    return Rule.from_json(saved.rule)


def _rules(session: Session, names: list[str]) -> list[Rule]:
    if not names:
        raise UnknownSegment(_("No segment given"))
    return [rule_for(session, n) for n in names]


def audience(session: Session, names: list[str]) -> Select[*tuple[Any, ...]]:
    """One query for the union of the named segments, ordered by contact id; stream it."""
    rules = _rules(session, names)
    j = _Joins()
    return (
        select(
            col(Contact.id),
            col(Contact.email),
            col(Contact.name),
            col(Contact.language),
            col(Contact.organisation_id),
            col(Contact.status),
        )
        .outerjoin(j.org, col(Contact.organisation_id) == j.org.id)
        .outerjoin(j.muni, j.org.municipality_id == j.muni.id)
        .where(or_(false(), *(_contact_condition(r, j) for r in rules)))
        .order_by(col(Contact.id))
    )


def organisations(session: Session, names: list[str]) -> Select[*tuple[Any, ...]]:
    """Organisations the named segments aim at (their org rules, or listed contacts' orgs)."""
    rules = _rules(session, names)
    j = _Joins()
    conditions: list[ColumnElement[bool]] = []
    for rule in rules:
        if rule.has_org_criteria or not rule.contacts:
            conditions.append(_org_condition(rule, j))
        if rule.contacts:
            listed = select(col(Contact.organisation_id)).where(
                col(Contact.email).in_(rule.contacts)
            )
            conditions.append(j.org.id.in_(listed))
    return (
        select(j.org.id, j.org.name)
        .select_from(j.org)
        .outerjoin(j.muni, j.org.municipality_id == j.muni.id)
        .where(or_(false(), *conditions))
        .order_by(j.org.id)
    )


def save_segment(session: Session, name: str, rule: Rule) -> Segment:
    """Store a rule under a new name; built-in names and existing ones are refused."""
    clean = name.strip()
    if not clean:
        raise InvalidRule(_("A segment needs a name"))
    if clean.lower() in BUILTIN or clean.lower() in ALIASES:
        raise InvalidRule(_("{name!r} is a built-in segment").format(name=clean))
    exists_q = select(col(Segment.id)).where(col(Segment.name) == clean)
    if session.execute(exists_q).first() is not None:
        raise InvalidRule(_("Segment {name!r} already exists").format(name=clean))
    segment = Segment(name=clean, rule=rule.to_json())
    session.add(segment)
    session.flush()
    return segment


def delete_segment(session: Session, name: str) -> None:
    saved = session.execute(
        select(Segment).where(col(Segment.name) == name.strip())
    ).scalar_one_or_none()
    if saved is None:
        raise UnknownSegment(_("Unknown segment {name!r}").format(name=name))
    session.delete(saved)
    session.flush()


def list_segments(session: Session) -> list[tuple[str, Rule, bool]]:
    """(name, rule, built_in) for every segment, built-ins first."""
    rows: list[tuple[str, Rule, bool]] = [(n, r, True) for n, r in BUILTIN.items()]
    saved = session.execute(select(Segment).order_by(col(Segment.name))).scalars()
    rows.extend((s.name, Rule.from_json(s.rule), False) for s in saved)
    return rows


def count(session: Session, query: Select[*tuple[Any, ...]]) -> int:
    return int(session.execute(select(func.count()).select_from(query.subquery())).scalar_one())


def restrict(
    session: Session, query: Select[*tuple[Any, ...]], rules: Sequence[Rule]
) -> Select[*tuple[Any, ...]]:
    """``query`` (over ``Contact``) kept to the union of ``rules``, as ``audience`` selects.

    The organisation criteria are decided first, once per organisation, and
    reach the contacts as a list of organisation ids: no join, and a condition
    whose size the planner can see. (Joined, PostgreSQL guessed a handful of
    contacts for "initiatives in region 1" and sorted all 17,000 of them for a
    page; with the ids it reads contacts in id order and stops after the page.)
    """
    return query.where(or_(false(), *(_as_contact_condition(session, r) for r in rules)))


def _organisations_matching(session: Session, rule: Rule) -> list[int | None]:
    """Ids of the organisations the rule's criteria select, and None among them
    when a contact without organisation meets the criteria too (a rule that
    only excludes tags): the same outer join as ``audience``, one row each."""
    j = _Joins()
    candidates = union_all(
        select(col(Organisation.id).label("id")), select(cast(null(), Integer).label("id"))
    ).subquery("candidate")
    query = (
        select(candidates.c.id)
        .select_from(candidates)
        .outerjoin(j.org, candidates.c.id == j.org.id)
        .outerjoin(j.muni, j.org.municipality_id == j.muni.id)
        .where(_org_condition(rule, j))
    )
    return list(session.execute(query).scalars())


def _as_contact_condition(session: Session, rule: Rule) -> ColumnElement[bool]:
    parts: list[ColumnElement[bool]] = []
    if rule.has_org_criteria:
        ids = _organisations_matching(session, rule)
        parts.append(col(Contact.organisation_id).in_([i for i in ids if i is not None]))
        if None in ids:
            parts.append(col(Contact.organisation_id).is_(None))
    if rule.contacts:
        parts.append(col(Contact.email).in_(rule.contacts))
    who = or_(*parts) if parts else true()
    return and_(who, col(Contact.status).in_(rule.statuses)) if rule.statuses else who


@dataclass(frozen=True)
class Tally:
    total: int
    active: int


def _by_organisation(rule: Rule, j: _Joins, status: Any) -> ColumnElement[bool]:
    """Whether a group of contacts (one organisation, one status) is in the rule."""
    if rule.contacts and not rule.has_org_criteria:
        return false()  # only the listed addresses
    who = _org_condition(rule, j)
    return and_(who, status.in_(rule.statuses)) if rule.statuses else who


def _by_address(rule: Rule, j: _Joins) -> ColumnElement[bool]:
    """Whether a listed contact is in the rule and not already counted with its organisation."""
    if not rule.contacts:
        return false()
    parts: list[ColumnElement[bool]] = [col(Contact.email).in_(rule.contacts)]
    if rule.has_org_criteria:
        # "not true" rather than "false": an organisation criterion on a contact
        # without organisation is NULL, and the address still counts.
        parts.append(case((_org_condition(rule, j), 0), else_=1) == 1)
    if rule.statuses:
        parts.append(col(Contact.status).in_(rule.statuses))
    return and_(*parts)


def _sum_by_status(session: Session, query: Select[*tuple[Any, ...]]) -> dict[str, list[int]]:
    return {row[0]: [int(n or 0) for n in row[1:]] for row in session.execute(query)}


def tally(
    session: Session, rules: Sequence[Rule], where: Sequence[ColumnElement[bool]] = ()
) -> list[Tally]:
    """How many contacts (and active ones) each rule selects: the counts of ``audience``.

    Contacts are counted per (organisation, status) first, an index-only scan,
    and each rule's organisation criteria are then decided once per group
    instead of once per contact; only the addresses a rule lists are looked
    at one by one. ``where`` narrows the contacts (conditions on ``Contact``);
    a status belongs in the rule (``Rule.only_status``), where it is decided per
    group: as a condition it would steer SQLite to the status index and a read
    of every row.
    """
    if not rules:
        return []
    grouped = (
        select(
            col(Contact.organisation_id).label("organisation_id"),
            col(Contact.status).label("status"),
            func.count().label("n"),
        )
        .where(*where)
        .group_by(col(Contact.organisation_id), col(Contact.status))
        .subquery("grouped")
    )
    j = _Joins()
    per_group = _sum_by_status(
        session,
        select(
            grouped.c.status,
            *(
                func.sum(case((_by_organisation(r, j, grouped.c.status), grouped.c.n), else_=0))
                for r in rules
            ),
        )
        .select_from(grouped)
        .outerjoin(j.org, grouped.c.organisation_id == j.org.id)
        .outerjoin(j.muni, j.org.municipality_id == j.muni.id)
        .group_by(grouped.c.status),
    )
    listed = sorted({email for r in rules for email in r.contacts})
    per_address = (
        _sum_by_status(
            session,
            select(
                col(Contact.status),
                *(func.sum(case((_by_address(r, j), 1), else_=0)) for r in rules),
            )
            .outerjoin(j.org, col(Contact.organisation_id) == j.org.id)
            .outerjoin(j.muni, j.org.municipality_id == j.muni.id)
            .where(col(Contact.email).in_(listed), *where)
            .group_by(col(Contact.status)),
        )
        if listed
        else {}
    )
    return [_tally(i, per_group, per_address) for i in range(len(rules))]


def _tally(i: int, *counts: dict[str, list[int]]) -> Tally:
    by_status = [(status, ns[i]) for found in counts for status, ns in found.items()]
    return Tally(
        total=sum(n for _status, n in by_status),
        active=sum(n for status, n in by_status if status == ContactStatus.ACTIVE.value),
    )
