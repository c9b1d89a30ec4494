"""``mailer contacts`` (import, list, export, show, forget) and ``mailer network show``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.tree import Tree

from mailer.cli.runtime import console, console_err, print_json, runtime
from mailer.db import session_scope
from subscribers import privacy
from subscribers.errors import SubscriberError
from subscribers.export import FORMATS, contact_rows, export_contacts
from subscribers.importer import ImportResult, import_contacts
from subscribers.overview import network_overview

SEGMENT_HELP = "Segment (meerdere mogen / repeatable); standaard iedereen / default everyone."


@contextmanager
def friendly_errors() -> Iterator[None]:
    """The store's refusals as one clear line and exit code 1, not a traceback."""
    try:
        yield
    except SubscriberError as err:
        console_err.print(f"[bold red]Fout / error:[/] {err}")
        raise typer.Exit(1) from err


def _progress_bar(enabled: bool) -> Any:
    if not enabled:
        return None
    return Progress(
        TextColumn("Importeren / importing"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeRemainingColumn(),
        console=console_err,
        transient=True,
    )


def _print_summary(result: ImportResult, rejects: Path | None) -> None:
    title = "Proefimport (niets opgeslagen) / dry run" if result.dry_run else "Import"
    table = Table(title=title, show_header=False)
    rows = [
        ("gelezen / read", result.read),
        ("nieuw / imported", result.imported),
        ("bijgewerkt / updated", result.updated),
        ("afgewezen / rejected", result.rejected),
        ("lege regels / blank lines", result.blank),
        ("nieuwe organisaties / organisations created", result.organisations_created),
    ]
    for label, value in rows:
        table.add_row(label, str(value))
    console.print(table)
    for reject in result.rejects[:20]:
        console.print(f"  regel / line {reject['line']}: {reject['reason']}", markup=False)
    if result.rejected > 20:
        console.print(f"  … en nog {result.rejected - 20} / and {result.rejected - 20} more")
    if result.rejected and rejects:
        console.print(f"Afgewezen regels staan in / rejected rows written to {rejects}")


def _register_contacts(app: typer.Typer) -> None:
    group = typer.Typer(help="Contactpersonen / contacts.", no_args_is_help=True)

    @group.command("import")
    def import_cmd(
        ctx: typer.Context,
        file: Path = typer.Argument(..., help="CSV of XLSX / CSV or XLSX file."),
        dry_run: bool = typer.Option(False, "--dry-run", help="Alleen controleren / check only."),
        update: bool = typer.Option(False, "--update", help="Bestaande contacten bijwerken."),
        rejects: Path | None = typer.Option(None, "--rejects", help="Afgewezen regels hierheen."),
        as_json: bool = typer.Option(False, "--json", help="Samenvatting als JSON."),
    ) -> None:
        """Import contacts; every row is imported, updated, or rejected with a reason."""
        engine = runtime(ctx).engine
        bar = _progress_bar(console_err.is_terminal and not as_json and file.exists())
        with friendly_errors(), session_scope(engine) as session:
            if bar is None:
                result = import_contacts(
                    session, file, update=update, dry_run=dry_run, rejects_path=rejects
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
                    )
        if as_json:
            print_json(result.to_json())
        else:
            _print_summary(result, rejects)

    @group.command("list")
    def list_cmd(
        ctx: typer.Context,
        segment: list[str] = typer.Option(["everyone"], "--segment", "-s", help=SEGMENT_HELP),
        limit: int = typer.Option(100, help="Max. regels in de tabel (0 = alles) / table rows."),
        as_json: bool = typer.Option(False, "--json", help="Alle contacten als JSON."),
    ) -> None:
        """Show the contacts of one or more segments."""
        with friendly_errors(), session_scope(runtime(ctx).engine) as session:
            rows = contact_rows(session, segment)
            if as_json:
                _stream_json(rows)
                return
            table = Table("e-mail", "naam / name", "organisatie", "taal", "status")
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
            console.print(f"{total} contacten / contacts ({shown} getoond / shown)")

    @group.command("export")
    def export_cmd(
        ctx: typer.Context,
        out: Path = typer.Option(..., "--out", "-o", help="Doelbestand / output file."),
        fmt: str = typer.Option("csv", "--format", "-f", help="csv, xlsx of/or json."),
        segment: list[str] = typer.Option(["everyone"], "--segment", "-s", help=SEGMENT_HELP),
        delimiter: str = typer.Option(";", help="CSV: scheidingsteken (';' voor Excel NL)."),
        encoding: str = typer.Option("utf-8-sig", help="CSV: 'utf-8-sig' (BOM, voor Excel)."),
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
        console.print(f"{count} contacten geëxporteerd naar / contacts exported to {out}")

    @group.command("show")
    def show_cmd(
        ctx: typer.Context,
        email: str = typer.Argument(..., help="E-mailadres / email address."),
        as_json: bool = typer.Option(False, "--json", help="Als JSON."),
    ) -> None:
        """Everything stored about one person (AVG/GDPR inzageverzoek)."""
        with friendly_errors(), session_scope(runtime(ctx).engine) as session:
            record = privacy.person_record(session, email)
        if as_json:
            print_json(record)
        else:
            console.print_json(json.dumps(record, ensure_ascii=False, default=str))

    @group.command("forget")
    def forget_cmd(
        ctx: typer.Context,
        email: str = typer.Argument(..., help="E-mailadres / email address."),
        yes: bool = typer.Option(False, "--yes", "-y", help="Niet vragen / do not ask."),
        as_json: bool = typer.Option(False, "--json", help="Als JSON."),
    ) -> None:
        """Erase a person's data; only a hash stays, so the address is never mailed again."""
        if not yes:
            typer.confirm(f"Alle gegevens van {email} wissen? / erase all data?", abort=True)
        with friendly_errors(), session_scope(runtime(ctx).engine) as session:
            done = privacy.forget(session, email)
        if as_json:
            print_json(done)
            return
        console.print(f"Gewist / erased: {done['email']}")
        for table, rows in done["scrubbed"].items():
            console.print(f"  {table}: {rows} rij(en) geanonimiseerd / rows anonymised")
        console.print("Adres geblokkeerd (als hash) / address suppressed (as a hash)")

    app.add_typer(group, name="contacts")


def _stream_json(rows: Iterator[dict[str, Any]]) -> None:
    """A JSON array on stdout, one contact at a time (no list of all contacts in memory)."""
    typer.echo("[", nl=False)
    for index, row in enumerate(rows):
        typer.echo(("," if index else "") + "\n  " + json.dumps(row, ensure_ascii=False), nl=False)
    typer.echo("\n]")


def _register_network(app: typer.Typer) -> None:
    group = typer.Typer(help="Het netwerk / the network.", no_args_is_help=True)

    @group.command("show")
    def show_cmd(
        ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Als JSON.")
    ) -> None:
        """Province, regions, municipalities and initiatives, with contact counts."""
        with session_scope(runtime(ctx).engine) as session:
            overview = network_overview(session)
        if as_json:
            print_json(overview)
            return
        console.print(_tree(overview))

    app.add_typer(group, name="network")


def _label(org: dict[str, Any]) -> str:
    return f"{org['name']} [dim]({org['active']}/{org['contacts']} actief / active)[/]"


def _tree(overview: dict[str, Any]) -> Tree:
    totals = overview["totals"]
    tree = Tree(
        f"[bold]Netwerk / network[/]: {totals['organisations']} organisaties, "
        f"{totals['contacts']} contacten ({totals['active']} actief / active)"
    )
    for org in overview["provinces"]:
        tree.add(_label(org))
    for region in overview["regions"]:
        branch = tree.add(f"[bold]{region['name']}[/]")
        for muni in region["municipalities"]:
            node = branch.add(_label(muni))
            for initiative in muni["initiatives"]:
                node.add(_label(initiative))
    if overview["other"]:
        branch = tree.add("[bold]Overig / other[/]")
        for org in overview["other"]:
            branch.add(_label(org))
    return tree


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    _register_contacts(app)
    _register_network(app)


__all__ = ["FORMATS", "friendly_errors", "register"]
