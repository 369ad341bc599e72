"""The text report: a per-control table, then what failed or could not be verified."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from ztiam.reports.common import constraint_text, finding_text
from ztiam.verify import ControlResult, Report

_STYLE = {
    "pass": "green", "fail": "bold red", "unknown": "yellow", "error": "bold magenta",
    "not_applicable": "dim", "waived": "cyan",
}


def render(report: Report, *, width: int = 120) -> str:
    """Render the table and the details of every non-passing finding."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=False, no_color=True)
    console.print(_header(report))
    console.print(_table(report))
    for result in report.results:
        _details(console, result)
    console.print(_footer(report))
    return buffer.getvalue()


def _header(report: Report) -> str:
    blueprint = report.context.get("blueprint") or "none (strictest defaults)"
    return f"ztiam verify {report.source}\nblueprint: {blueprint}"


def _table(report: Report) -> Table:
    table = Table(show_lines=False)
    for column in ("control", "constraint", "severity", "status", "evaluated", "title"):
        table.add_column(column, no_wrap=column != "title")
    for r in report.results:
        c = r.control
        status = f"[{_STYLE[r.status]}]{r.status.upper()}[/]"
        table.add_row(c.id, constraint_text(c.constraint), c.severity, status,
                      str(r.evaluated), c.title)
    return table


def _details(console: Console, result: ControlResult) -> None:
    lines = [f"  {finding_text(f)}" for f in result.noteworthy]
    if result.reason and result.status in ("fail", "error", "unknown", "waived"):
        lines.insert(0, f"  {result.reason}")
    lines += [f"  evidence needed from outside the plan: {e}" for e in result.evidence]
    if lines:
        console.print(f"\n{result.control.id} {result.status.upper()}: {result.control.title}",
                      markup=False, highlight=False)
        for line in lines:
            console.print(line, markup=False, highlight=False)


def _footer(report: Report) -> str:
    counts = ", ".join(f"{n} {s}" for s, n in report.summary().items() if n)
    return f"\n{len(report.results)} controls: {counts}. {report.verdict()}"
