"""The CSV control matrix: one row per control and framework identifier, with the result.

Columns: control_id, title, constraint, status, framework, identifier, strength (direct or
supporting), version (the framework's version pin) and waivers (the waivers a waived control
rests on). A cell that a spreadsheet would run as a formula (starting with =, +, -, @, tab or
carriage return) is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io

from ztiam.catalogue_report import framework_version
from ztiam.reports.common import waiver_text
from ztiam.verify import ControlResult, Report

COLUMNS = ("control_id", "title", "constraint", "status", "framework", "identifier",
           "strength", "version", "waivers")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render(report: Report) -> str:
    """The matrix as CSV text with a header row and CRLF line ends (RFC 4180)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([_safe(cell) for cell in row] for row in rows(report))
    return buffer.getvalue()


def rows(report: Report) -> list[tuple[str, ...]]:
    """The matrix rows; a control that maps to no framework still gets one row."""
    matrix = report.matrix()
    mapped = {result.control.id for result, _ in matrix}
    found = [(*_control(result), row.framework, row.identifier, row.strength,
              framework_version(row.framework), _waivers(result)) for result, row in matrix]
    unmapped = [(*_control(result), "", "", "", "", _waivers(result)) for result in report.results
                if result.control.id not in mapped]
    return found + unmapped


def _control(result: ControlResult) -> tuple[str, str, str, str]:
    c = result.control
    constraint = str(c.constraint) if c.constraint is not None else ""
    return c.id, c.title, constraint, result.status


def _waivers(result: ControlResult) -> str:
    return "; ".join(waiver_text(waiver) for waiver in result.waivers)


def _safe(cell: str) -> str:
    return f"'{cell}" if len(cell) > 1 and cell.startswith(_FORMULA_START) else cell
