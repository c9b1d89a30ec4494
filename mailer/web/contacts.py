"""Contacten: search and filter, and one person's data (export as JSON, erasure).

The search is a plain read over the contact table (filters combined with
AND, a page of 50 at a time, the segment filter through the segment's own
query). A person's data is ``privacy.person_record`` and erasure is
``privacy.forget``, exactly what ``mailer contacts show|forget`` call; erasure
asks first, on a page of its own. Segments, organisations and the import
have routers of their own (``segment_pages``, ``imports``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import func, or_
from sqlmodel import Session, col, select
from starlette.datastructures import FormData

from mailer.tracking.models import DashboardUser
from mailer.web import common, imports, segment_pages
from mailer.web.auth import Guard
from mailer.web.context import Web
from mailer.web.lang import gettext_for
from subscribers import privacy, segments
from subscribers.errors import UnknownContact
from subscribers.models import Contact, ContactStatus, Organisation

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

    def where(self, session: Session, query: Any) -> Any:
        if self.q:
            pattern = f"%{self.q.lower()}%"
            query = query.where(
                or_(col(Contact.email).like(pattern), func.lower(col(Contact.name)).like(pattern))
            )
        if self.status:
            query = query.where(col(Contact.status) == self.status)
        if self.organisation is not None:
            query = query.where(col(Contact.organisation_id) == self.organisation)
        if self.segment:
            members = segments.audience(session, [self.segment]).subquery()
            query = query.where(col(Contact.id).in_(select(members.c.id)))
        return query


def search(session: Session, wanted: Search) -> dict[str, Any]:
    rows = session.execute(
        wanted.where(
            session,
            select(Contact, col(Organisation.name))
            .outerjoin(Organisation, col(Organisation.id) == col(Contact.organisation_id))
            .order_by(col(Contact.id))
            .offset(wanted.page * PAGE_SIZE)
            .limit(PAGE_SIZE),
        )
    ).all()
    total = session.execute(
        wanted.where(session, select(func.count()).select_from(Contact))
    ).scalar_one()
    organisations = session.execute(
        select(col(Organisation.id), col(Organisation.name)).order_by(col(Organisation.name))
    ).all()
    return {
        "rows": rows,
        "total": int(total),
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
            error = str(err)
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
                error=str(err),
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
                error=str(err),
            )
        return guard.page(
            request, "dashboard/forgotten.html", user=user, page="contacts", done=done
        )

    api.include_router(segment_pages.router(web, guard))
    api.include_router(imports.router(web, guard))
    return api
