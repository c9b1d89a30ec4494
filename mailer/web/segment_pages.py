"""Segments (the builder with its live count) and the organisations of the network.

A rule is built with ``Rule.build`` from the same words ``mailer segments
create`` takes and saved with ``save_segment``. Every count on these pages
(the list's, and the builder's live count of a rule not yet saved) is
``segments.tally``: one grouped pass over the contacts for all rules at once,
with the same conditions as the segment's audience query, so the numbers are
the ones a campaign to that segment reaches.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session
from starlette.datastructures import FormData

from mailer.campaigns import check_segment_unused
from mailer.tracking.models import DashboardUser
from mailer.web import common, refusals
from mailer.web.auth import Guard
from mailer.web.context import Web
from subscribers import segments
from subscribers.models import ContactStatus, OrganisationKind
from subscribers.overview import network_overview
from subscribers.segments import Rule

# Builder fields: (form name, Rule.build keyword); text fields take comma-separated values.
_LISTS = {"kinds": "kinds", "statuses": "statuses"}
_TEXTS = {
    "municipalities": "municipalities",
    "regions": "regions",
    "tags": "tags",
    "exclude_tags": "exclude_tags",
    "contacts": "contacts",
}


def rule_from(form: common.Fields) -> Rule:
    values: dict[str, list[str]] = {key: common.texts(form, name) for name, key in _LISTS.items()}
    for name, key in _TEXTS.items():
        values[key] = [p.strip() for p in common.text(form, name).split(",") if p.strip()]
    return Rule.build(**values)


def rule_count(session: Session, rule: Rule) -> dict[str, int]:
    """Contacts (and active ones) a rule selects; nothing is written."""
    (found,) = segments.tally(session, [rule])
    return {"total": found.total, "active": found.active}


def segment_rows(session: Session) -> list[dict[str, Any]]:
    listed = segments.list_segments(session)
    counts = segments.tally(session, [rule for _name, rule, _built_in in listed])
    return [
        {"name": name, "built_in": built_in, "rule": rule.to_json(), "contacts": found.total}
        for (name, rule, built_in), found in zip(listed, counts, strict=True)
    ]


def router(web: Web, guard: Guard) -> APIRouter:
    api = APIRouter()
    signed_in = Depends(guard.user)
    posted = Depends(guard.form)

    def page(
        request: Request, user: DashboardUser, *, form: common.Fields | None = None, error: str = ""
    ) -> HTMLResponse:
        with Session(web.engine) as session:
            rows = segment_rows(session)
        typed = {name: common.text(form, name) if form else "" for name in (*_TEXTS, "name")}
        return guard.page(
            request,
            "dashboard/segments.html",
            status=400 if error else 200,
            user=user,
            page="contacts",
            segments=rows,
            kinds=[k.value for k in OrganisationKind],
            statuses=[s.value for s in ContactStatus],
            chosen={name: common.texts(form, name) if form else [] for name in _LISTS},
            typed=typed,
            count=None,
            error=error,
            notice="",
        )

    @api.get("/contacten/segmenten", response_class=HTMLResponse)
    def segment_list(request: Request, user: DashboardUser = signed_in) -> HTMLResponse:
        return page(request, user)

    @api.get("/contacten/segmenten/telling", response_class=HTMLResponse)
    def segment_count(request: Request, user: DashboardUser = signed_in) -> HTMLResponse:
        try:
            with Session(web.engine) as session:
                count = rule_count(session, rule_from(request.query_params))
            error = ""
        except common.REFUSALS as err:
            count, error = None, refusals.shown(err, user)
        return guard.page(
            request, "dashboard/_rule_count.html", user=user, count=count, error=error
        )

    @api.post("/contacten/segmenten", response_class=HTMLResponse)
    def save(
        request: Request, user: DashboardUser = signed_in, form: FormData = posted
    ) -> Response:
        try:
            with Session(web.engine) as session:
                segments.save_segment(session, common.text(form, "name"), rule_from(form))
                session.commit()
        except common.REFUSALS as err:
            return page(request, user, form=form, error=refusals.shown(err, user))
        return RedirectResponse("/contacten/segmenten", status_code=303)

    @api.post("/contacten/segmenten/verwijderen", response_class=HTMLResponse)
    def delete(
        request: Request, user: DashboardUser = signed_in, form: FormData = posted
    ) -> Response:
        name = common.text(form, "name")
        try:
            with Session(web.engine) as session:
                check_segment_unused(session, name)
                segments.delete_segment(session, name)
                session.commit()
        except common.REFUSALS as err:
            return page(request, user, error=refusals.shown(err, user))
        return RedirectResponse("/contacten/segmenten", status_code=303)

    @api.get("/contacten/organisaties", response_class=HTMLResponse)
    def organisations(request: Request, user: DashboardUser = signed_in) -> HTMLResponse:
        with Session(web.engine) as session:
            overview = network_overview(session)
        return guard.page(
            request, "dashboard/organisations.html", user=user, page="contacts", network=overview
        )

    return api
