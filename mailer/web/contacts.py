"""Contacten: search and filter, and one person's data (export as JSON, erasure).

The search is a plain read over the contact table (filters combined with
AND, a page of 50 at a time). The segment filter adds the segment's own
conditions (``segments.restrict``) and counts with ``segments.tally``, so a
page of a 100,000-contact segment never builds the whole audience. A
person's data is ``privacy.person_record`` and erasure is
``privacy.forget``, exactly what ``mailer contacts show|forget`` call;
erasure asks first, on a page of its own. Segments, organisations and the
import have routers of their own (``segment_pages``, ``imports``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import ColumnElement, Select, func, or_
from sqlmodel import Session, col, select
from starlette.datastructures import FormData

from mailer.tracking.models import DashboardUser
from mailer.web import common, imports, refusals, segment_pages
from mailer.web.auth import Guard
from mailer.web.context import Web
from mailer.web.lang import gettext_for
from subscribers import privacy, segments
from subscribers.errors import UnknownContact
from subscribers.models import Contact, ContactStatus, Organisation
from subscribers.segments import Rule

PAGE_SIZE = 50


@dataclass(frozen=True)
class Search:
    q: str = ""
    status: str = ""
    organisation: int | None = None
    segment: str = ""
    page: int = 0

    @classmethod
    def read(cls, query: common.Fields) -> Search:
        organisation = common.text(query, "organisation")
        page = common.text(query, "page")
        return cls(
            q=common.text(query, "q")[:200],
            status=common.text(query, "status"),
            organisation=int(organisation) if organisation.isdigit() else None,
            segment=common.text(query, "segment"),
            page=int(page) if page.isdigit() else 0,
        )

    def filters(self, *, with_status: bool = True) -> list[ColumnElement[bool]]:
        """The conditions on the contact itself (the segment's come from its rule)."""
        found: list[ColumnElement[bool]] = []
        if self.q:
            pattern = f"%{self.q.lower()}%"
            found.append(
                or_(col(Contact.email).like(pattern), func.lower(col(Contact.name)).like(pattern))
            )
        if self.status and with_status:
            found.append(col(Contact.status) == self.status)
        if self.organisation is not None:
            found.append(col(Contact.organisation_id) == self.organisation)
        return found


def _total(session: Session, wanted: Search, rule: Rule | None, shown: int) -> int:
    """How many contacts match, counted only when the page does not tell.

    A page with fewer rows than the page size is the last one, so the total
    follows from it; a text search that finds a handful then reads the
    contacts once, not twice. Otherwise: a grouped tally for a segment (the
    status filter folded into its rule), a plain count for the rest.
    """
    if 0 < shown < PAGE_SIZE or (shown == 0 and wanted.page == 0):
        return wanted.page * PAGE_SIZE + shown
    if rule is None:
        everyone = select(func.count()).select_from(Contact).where(*wanted.filters())
        return int(session.execute(everyone).scalar_one())
    if wanted.status:
        narrowed = rule.only_status(wanted.status)
        if narrowed is None:
            return 0
        rule = narrowed
    return segments.tally(session, [rule], wanted.filters(with_status=False))[0].total


def search(session: Session, wanted: Search) -> dict[str, Any]:
    rule = segments.rule_for(session, wanted.segment) if wanted.segment else None
    page: Select[*tuple[Any, ...]] = (
        select(Contact, col(Organisation.name))
        .outerjoin(Organisation, col(Organisation.id) == col(Contact.organisation_id))
        .where(*wanted.filters())
    )
    if rule is not None:
        page = segments.restrict(session, page, [rule])
    rows = session.execute(
        page.order_by(col(Contact.id)).offset(wanted.page * PAGE_SIZE).limit(PAGE_SIZE)
    ).all()
    total = _total(session, wanted, rule, len(rows))
    organisations = session.execute(
        select(col(Organisation.id), col(Organisation.name)).order_by(col(Organisation.name))
    ).all()
    return {
        "rows": rows,
        "total": total,
        "organisations": organisations,
        "segment_names": [name for name, _rule, _built_in in segments.list_segments(session)],
        "statuses": [s.value for s in ContactStatus],
    }


def router(web: Web, guard: Guard) -> APIRouter:
    api = APIRouter()
    signed_in = Depends(guard.user)
    posted = Depends(guard.form)

    @api.get("/contacten", response_class=HTMLResponse)
    def contact_list(request: Request, user: DashboardUser = signed_in) -> HTMLResponse:
        wanted = Search.read(request.query_params)
        error = ""
        try:
            with Session(web.engine) as session:
                data = search(session, wanted)
        except common.REFUSALS as err:
            error = refusals.shown(err, user)
            with Session(web.engine) as session:
                data = search(session, Search(q=wanted.q, status=wanted.status))
        return guard.page(
            request,
            "dashboard/contacts.html",
            user=user,
            page="contacts",
            wanted=wanted,
            page_size=PAGE_SIZE,
            error=error,
            **data,
        )

    def record(email: str) -> dict[str, Any]:
        with Session(web.engine) as session:
            return privacy.person_record(session, email, web.settings.secret())

    @api.get("/contacten/persoon", response_class=HTMLResponse)
    def person(request: Request, user: DashboardUser = signed_in) -> HTMLResponse:
        email = common.text(request.query_params, "email")
        try:
            data = record(email)
        except UnknownContact as err:
            return guard.page(
                request,
                "dashboard/person.html",
                status=404,
                user=user,
                page="contacts",
                email=email,
                data=None,
                pretty="",
                error=refusals.shown(err, user),
            )
        pretty = json.dumps(data, ensure_ascii=False, indent=2, default=str)
        return guard.page(
            request,
            "dashboard/person.html",
            user=user,
            page="contacts",
            email=email,
            data=data,
            pretty=pretty,
        )

    @api.get("/contacten/persoon/export")
    def person_export(request: Request, user: DashboardUser = signed_in) -> Response:
        """Everything stored about one person, as a JSON file (a GDPR access request)."""
        email = common.text(request.query_params, "email")
        try:
            data = record(email)
        except UnknownContact:
            return Response(status_code=404)
        body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
        return Response(
            body.encode("utf-8"),
            media_type="application/json; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="persoonsgegevens.json"'},
        )

    @api.get("/contacten/persoon/vergeten", response_class=HTMLResponse)
    def ask_forget(request: Request, user: DashboardUser = signed_in) -> HTMLResponse:
        return confirm_forget(request, user, common.text(request.query_params, "email"))

    def confirm_forget(request: Request, user: DashboardUser, email: str) -> HTMLResponse:
        question = gettext_for(user.language)(
            "Erase all data of {email}? The contact, their answers, replies and deliveries "
            "are erased or anonymised; only a hash stays, so the address is never mailed "
            "again. This cannot be undone."
        ).format(email=email)
        return guard.page(
            request,
            "dashboard/confirm.html",
            user=user,
            page="contacts",
            title=email,
            question=question,
            action="/contacten/persoon/vergeten",
            back=f"/contacten/persoon?email={quote(email)}",
            danger=True,
            extra={"email": email},
        )

    @api.post("/contacten/persoon/vergeten", response_class=HTMLResponse)
    def forget(
        request: Request, user: DashboardUser = signed_in, form: FormData = posted
    ) -> HTMLResponse:
        email = common.text(form, "email")
        if common.text(form, "confirm") != "yes":
            return confirm_forget(request, user, email)
        try:
            with Session(web.engine) as session:
                done = privacy.forget(session, email, web.settings.secret())
                session.commit()
        except common.REFUSALS as err:
            return guard.page(
                request,
                "dashboard/person.html",
                status=400,
                user=user,
                page="contacts",
                email=email,
                data=None,
                pretty="",
                error=refusals.shown(err, user),
            )
        return guard.page(
            request, "dashboard/forgotten.html", user=user, page="contacts", done=done
        )

    api.include_router(segment_pages.router(web, guard))
    api.include_router(imports.router(web, guard))
    return api
