"""Importing a CSV or XLSX upload, with the report of refused rows to download.

The upload is written under ``<data dir>/web-imports/<random>/`` and handed to
``import_contacts`` (the CLI's ``mailer contacts import``), with the rejects
file beside it; the page shows the summary and links to the rejects file by
the random folder name. Every row is imported, updated or refused with a
reason, as on the command line.
"""

from __future__ import annotations

import re
import secrets
import shutil
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from sqlmodel import Session
from starlette.datastructures import FormData, UploadFile

from mailer.errors import InvalidInput
from mailer.i18n import _
from mailer.tracking.models import DashboardUser
from mailer.web import common, refusals
from mailer.web.auth import Guard
from mailer.web.context import Web
from mailer.web.lang import gettext_for
from subscribers.importer import import_contacts

MAX_UPLOAD = 50 * 1024 * 1024  # far beyond any network's address list
_FOLDER = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
REJECTS_STEM = "weigeringen"


def uploads(web: Web) -> Path:
    return web.settings.data_dir / "web-imports"


def safe_name(filename: str) -> str:
    """The upload's own name, reduced to harmless characters (it is the consent source)."""
    name = _UNSAFE.sub("-", Path(filename or "upload.csv").name).strip(".-") or "upload.csv"
    return name[-100:]


def store_upload(upload: UploadFile, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=False)
    target = folder / safe_name(upload.filename or "")
    written = 0
    with target.open("wb") as out:
        while chunk := upload.file.read(1024 * 1024):
            written += len(chunk)
            if written > MAX_UPLOAD:
                raise InvalidInput(
                    _("The file is larger than {mb} MB").format(mb=MAX_UPLOAD // (1024 * 1024))
                )
            out.write(chunk)
    return target


def rejects_file(folder: Path) -> Path | None:
    found = sorted(folder.glob(f"{REJECTS_STEM}.*"))
    return found[0] if found else None


def router(web: Web, guard: Guard) -> APIRouter:
    api = APIRouter()
    signed_in = Depends(guard.user)
    posted = Depends(guard.form)

    def page(
        request: Request, user: DashboardUser, status: int = 200, **context: object
    ) -> HTMLResponse:
        values = {
            "result": None,
            "folder": "",
            "has_rejects": False,
            "error": "",
            "say": refusals.speaker(user),  # each row's reason, made in the process language
            **context,
        }
        return guard.page(
            request, "dashboard/import.html", status=status, user=user, page="contacts", **values
        )

    @api.get("/contacten/importeren", response_class=HTMLResponse)
    def import_form(request: Request, user: DashboardUser = signed_in) -> HTMLResponse:
        return page(request, user)

    @api.post("/contacten/importeren", response_class=HTMLResponse)
    def run_import(
        request: Request, user: DashboardUser = signed_in, form: FormData = posted
    ) -> HTMLResponse:
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            message = gettext_for(user.language)("Choose a CSV or XLSX file first.")
            return page(request, user, status=400, error=message)
        folder_name = secrets.token_urlsafe(18)
        folder = uploads(web) / folder_name
        try:
            source = store_upload(upload, folder)
            rejects = (
                folder / f"{REJECTS_STEM}{'.xlsx' if source.suffix.lower() == '.xlsx' else '.csv'}"
            )
            with Session(web.engine) as session:
                result = import_contacts(
                    session,
                    source,
                    update=common.text(form, "update") == "yes",
                    dry_run=common.text(form, "dry_run") == "yes",
                    rejects_path=rejects,
                    secret=web.settings.secret(),
                )
        except common.REFUSALS as err:
            shutil.rmtree(folder, ignore_errors=True)
            return page(request, user, status=400, error=refusals.shown(err, user))
        finally:
            upload.file.close()  # the spooled copy; the import read ours
        source.unlink(missing_ok=True)  # the contacts are in the database now; keep no copy
        return page(
            request,
            user,
            result=result,
            folder=folder_name,
            has_rejects=rejects_file(folder) is not None,
        )

    @api.get("/contacten/importeren/{folder}/weigeringen")
    def download_rejects(folder: str, user: DashboardUser = signed_in) -> Response:
        if not _FOLDER.match(folder):
            return Response(status_code=404)
        found = rejects_file(uploads(web) / folder)
        if found is None:
            return Response(status_code=404)
        return FileResponse(found, filename=found.name)

    return api
