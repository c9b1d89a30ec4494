"""The attendance list as a file for the door: CSV and XLSX bytes, one row per person.

The same rows and columns as ``mailer rsvp list --format csv|xlsx`` (one row
per attendee, one per organisation without names, refused names as
``refused``), made in memory for a download. No cell runs as a formula when a
spreadsheet opens it (``subscribers.safefile``); XLSX cells are always text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from subscribers.safefile import neutralise, write_only_book, xlsx_row

COLUMNS = ["organisation", "status", "name", "email", "late", "source", "answered_at", "review"]
SHEET = "aanmeldingen"


def rows(data: list[dict[str, Any]]) -> Iterator[list[str]]:
    """``data`` is ``Line.as_dict`` per organisation, as ``mailer rsvp list --json`` prints."""
    for line in data:
        shared = {
            "organisation": line["organisation"],
            "late": "yes" if line["late"] else "",
            "source": line["source"],
            "answered_at": line["answered_at"] or "",
            "review": "yes" if line["review"] else "",
        }
        people = [(line["status"], p) for p in line["attendees"]]
        people += [("refused", p) for p in line["refused"]]
        if not people:
            people = [(line["status"], {"name": "", "email": None})]
        for status, person in people:
            row = {
                **shared,
                "status": status,
                "name": person["name"],
                "email": person["email"] or "",
            }
            yield [str(row[c]) for c in COLUMNS]


def csv_bytes(data: list[dict[str, Any]]) -> bytes:
    """UTF-8 with a byte-order mark (Excel reads the accents right), cells neutralised."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows(data):
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(data: list[dict[str, Any]]) -> bytes:
    book = write_only_book()
    sheet = book.create_sheet(SHEET)
    sheet.append(xlsx_row(sheet, COLUMNS))
    for row in rows(data):
        sheet.append(xlsx_row(sheet, row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
