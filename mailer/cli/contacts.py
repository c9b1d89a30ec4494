"""``mailer contacts`` (import, list, export, show, forget) and ``mailer network show``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from mailer.cli.failures import error_line, say
from mailer.cli.runtime import console, console_err, print_json, runtime
from mailer.db import session_scope
from mailer.i18n import _, ngettext
from subscribers import privacy
from subscribers.errors import SubscriberError
from subscribers.export import FORMATS, contact_rows, export_contacts
from subscribers.importer import ImportResult, import_contacts
from subscribers.overview import network_overview


def _segment_help() -> str:
    return _("Segment (may be repeated); default: everyone.")


@contextmanager
def friendly_errors() -> Iterator[None]:
    """The store's refusals as one clear line and exit code 1, not a traceback.

    The root (``mailer.cli.run``) does the same for anything that escapes; this
    stays for command groups that are run on their own (tests).
    """
    try:
        yield
    except SubscriberError as err:
        say(error_line(err))
        raise typer.Exit(1) from err


def _progress_bar(enabled: bool) -> Any:
    if not enabled:
        return None
    return Progress(
        TextColumn(_("Importing")),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeRemainingColumn(),
        console=console_err,
        transient=True,
    )


def _print_summary(result: ImportResult, rejects: Path | None) -> None:
    title = _("Dry run (nothing stored)") if result.dry_run else _("Import")
    table = Table(title=title, show_header=False)
    rows = [
        (_("read"), result.read),
        (_("imported"), result.imported),
        (_("updated"), result.updated),
        (_("rejected"), result.rejected),
        (_("blank lines"), result.blank),
        (_("organisations created"), result.organisations_created),
    ]
    for label, value in rows:
        table.add_row(label, str(value))
    console.print(table)
    if result.ignored_columns:
        columns = ", ".join(repr(c) for c in result.ignored_columns)
        console.print(
            _("Warning: columns not imported (not known): {columns}").format(columns=columns),
            style="yellow",
            markup=False,
        )
    for reject in result.rejects[:20]:
        line = _("  line {line}: {reason}").format(line=reject["line"], reason=reject["reason"])
        console.print(line, markup=False)
    if result.rejected > 20:
        console.print(_("  … and {count} more").format(count=result.rejected - 20))
    if result.rejected and rejects:
        console.print(_("Rejected rows written to {path}").format(path=rejects), markup=False)


def _register_contacts(app: typer.Typer) -> None:
    group = typer.Typer(help=_("Contacts."), no_args_is_help=True)

    @group.command(
        "import",
        help=_("Import contacts; every row is imported, updated or rejected with a reason."),
    )
    def import_cmd(
        ctx: typer.Context,
        file: Path = typer.Argument(..., help=_("CSV or XLSX file.")),
        dry_run: bool = typer.Option(False, "--dry-run", help=_("Check only; store nothing.")),
        update: bool = typer.Option(False, "--update", help=_("Also update existing contacts.")),
        rejects: Path | None = typer.Option(
            None, "--rejects", help=_("Write the rejected rows to this file.")
        ),
        as_json: bool = typer.Option(False, "--json", help=_("Summary as JSON.")),
        sheet: str | None = typer.Option(
            None, "--sheet", help=_("XLSX: the sheet to import (default: the first).")
        ),
    ) -> None:
        """Import contacts; every row is imported, updated, or rejected with a reason."""
        engine = runtime(ctx).engine
        bar = _progress_bar(console_err.is_terminal and not as_json and file.exists())
        with friendly_errors(), session_scope(engine) as session:
            if bar is None:
                result = import_contacts(
                    session,
                    file,
                    update=update,
                    dry_run=dry_run,
                    rejects_path=rejects,
                    sheet=sheet,
                    secret=runtime(ctx).settings.secret(),
                )
            else:
                with bar:
                    task = bar.add_task("import", total=None)

                    def advance(done: int, total: int) -> None:
                        bar.update(task, completed=done, total=total or None)

                    result = import_contacts(
                        session,
                        file,
                        update=update,
                        dry_run=dry_run,
                        rejects_path=rejects,
                        progress=advance,
                        secret=runtime(ctx).settings.secret(),
                        sheet=sheet,
                    )
        if as_json:
            print_json(result.to_json())
        else:
            _print_summary(result, rejects)

    @group.command("list", help=_("Show the contacts of one or more segments."))
    def list_cmd(
        ctx: typer.Context,
        segment: list[str] = typer.Option(["everyone"], "--segment", "-s", help=_segment_help()),
        limit: int = typer.Option(100, help=_("Rows in the table at most (0: all).")),
        as_json: bool = typer.Option(False, "--json", help=_("All contacts as JSON.")),
    ) -> None:
        """Show the contacts of one or more segments."""
        with friendly_errors(), session_scope(runtime(ctx).engine) as session:
            rows = contact_rows(session, segment)
            if as_json:
                _stream_json(rows)
                return
            table = Table(_("email"), _("name"), _("organisation"), _("language"), _("status"))
            shown = total = 0
            for row in rows:
                total += 1
                if not limit or shown < limit:
                    shown += 1
                    table.add_row(
                        row["email"],
                        row["name"],
                        row["organisation"],
                        row["language"],
                        row["status"],
                    )
            console.print(table)
            console.print(_("{total} contacts ({shown} shown)").format(total=total, shown=shown))

    @group.command(
        "export", help=_("Export contacts (the columns can be imported again with --update).")
    )
    def export_cmd(
        ctx: typer.Context,
        out: Path = typer.Option(..., "--out", "-o", help=_("Output file.")),
        fmt: str = typer.Option("csv", "--format", "-f", help=_("csv, xlsx or json.")),
        segment: list[str] = typer.Option(["everyone"], "--segment", "-s", help=_segment_help()),
        delimiter: str = typer.Option(";", help=_("CSV: delimiter (';' for Dutch Excel).")),
        encoding: str = typer.Option("utf-8-sig", help=_("CSV: 'utf-8-sig' (a BOM, for Excel).")),
    ) -> None:
        """Export contacts (streamed; the columns can be imported again with --update)."""
        with friendly_errors(), session_scope(runtime(ctx).engine) as session:
            count = export_contacts(
                session,
                out,
                fmt=fmt.lower(),
                segments=segment,
                delimiter=delimiter,
                encoding=encoding,
            )
        console.print(
            _("{count} contacts exported to {path}").format(count=count, path=out), markup=False
        )

    @group.command("show", help=_("Everything stored about one person (GDPR request for access)."))
    def show_cmd(
        ctx: typer.Context,
        email: str = typer.Argument(..., help=_("Email address.")),
        as_json: bool = typer.Option(False, "--json", help=_("As JSON.")),
    ) -> None:
        """Everything stored about one person (AVG/GDPR inzageverzoek)."""
        with friendly_errors(), session_scope(runtime(ctx).engine) as session:
            record = privacy.person_record(session, email, runtime(ctx).settings.secret())
        if as_json:
            print_json(record)
        else:
            console.print_json(json.dumps(record, ensure_ascii=False, default=str))

    @group.command(
        "forget",
        help=_("Erase a person's data; only a hash stays, so the address is never mailed again."),
    )
    def forget_cmd(
        ctx: typer.Context,
        email: str = typer.Argument(..., help=_("Email address.")),
        yes: bool = typer.Option(False, "--yes", "-y", help=_("Do not ask first.")),
        as_json: bool = typer.Option(False, "--json", help=_("As JSON.")),
    ) -> None:
        """Erase a person's data; only a hash stays, so the address is never mailed again."""
        if not yes:
            typer.confirm(_("Erase all data of {email}?").format(email=email), abort=True)
        with friendly_errors(), session_scope(runtime(ctx).engine) as session:
            done = privacy.forget(session, email, runtime(ctx).settings.secret())
        if as_json:
            print_json(done)
            return
        console.print(_("Erased: {email}").format(email=done["email"]), markup=False)
        for table, rows in done["scrubbed"].items():
            console.print(
                ngettext(
                    "  {table}: {n} row anonymised", "  {table}: {n} rows anonymised", rows
                ).format(table=table, n=rows)
            )
        console.print(_("Address suppressed (as a hash)"))

    app.add_typer(group, name="contacts")


def _stream_json(rows: Iterator[dict[str, Any]]) -> None:
    """A JSON array on stdout, one contact at a time (no list of all contacts in memory)."""
    typer.echo("[", nl=False)
    for index, row in enumerate(rows):
        typer.echo(("," if index else "") + "\n  " + json.dumps(row, ensure_ascii=False), nl=False)
    typer.echo("\n]")


def _register_network(app: typer.Typer) -> None:
    group = typer.Typer(help=_("The network."), no_args_is_help=True)

    @group.command(
        "show", help=_("Province, regions, municipalities and initiatives, with contact counts.")
    )
    def show_cmd(
        ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help=_("As JSON."))
    ) -> None:
        """Province, regions, municipalities and initiatives, with contact counts."""
        with session_scope(runtime(ctx).engine) as session:
            overview = network_overview(session)
        if as_json:
            print_json(overview)
            return
        console.print(_tree(overview))

    app.add_typer(group, name="network")


def _label(org: dict[str, Any]) -> Text:
    counts = _("{active}/{total} active").format(active=org["active"], total=org["contacts"])
    return Text.from_markup(f"{escape(org['name'])} [dim]({escape(counts)})[/]")


def _tree(overview: dict[str, Any]) -> Tree:
    totals = overview["totals"]
    summary = _("{organisations} organisations, {contacts} contacts ({active} active)").format(
        organisations=totals["organisations"], contacts=totals["contacts"], active=totals["active"]
    )
    title = _("Network")
    tree = Tree(Text.from_markup(f"[bold]{escape(title)}[/]: {escape(summary)}"))
    for org in overview["provinces"]:
        tree.add(_label(org))
    for region in overview["regions"]:
        branch = tree.add(Text.from_markup(f"[bold]{escape(region['name'])}[/]"))
        for muni in region["municipalities"]:
            node = branch.add(_label(muni))
            for initiative in muni["initiatives"]:
                node.add(_label(initiative))
    if overview["other"]:
        other = _("Other")
        branch = tree.add(Text.from_markup(f"[bold]{escape(other)}[/]"))
        for org in overview["other"]:
            branch.add(_label(org))
    return tree


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    _register_contacts(app)
    _register_network(app)


__all__ = ["FORMATS", "friendly_errors", "register"]
