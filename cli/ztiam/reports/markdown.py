"""The Markdown report: run metadata, a summary table, then what failed, is unknown or is waived.

Every piece of text from the plan or the rules is escaped, so a pull-request comment shows it
as written and cannot inject links, HTML or table cells.
"""

from __future__ import annotations

import re
from typing import Any

from ztiam.catalogue_report import md_cell
from ztiam.reports.common import constraint_text, finding_status, waiver_text
from ztiam.verify import ControlResult, Report


def render(report: Report) -> str:
    """The Markdown document of one verify run."""
    lines = [f"# ztiam verify: {md_cell(report.source.name)}", ""]
    lines += _metadata(report) + _summary(report) + _details(report) + _waivers(report)
    return "\n".join(lines).rstrip("\n") + "\n"


def _metadata(report: Report) -> list[str]:
    meta = report.metadata()
    rows = [("started (UTC)", meta["started"]), ("finished (UTC)", meta["finished"]),
            ("tool", f"ztiam {meta['version']}"), ("input", meta["input"]),
            ("input SHA-256", meta["input_sha256"]), ("engine", meta["engine"]),
            ("blueprint", meta["blueprint"] or "none (strictest defaults)"),
            ("rule pack SHA-256", meta["rule_pack_sha256"]),
            ("waivers", _waiver_file(meta)), ("framework mappings", meta["mappings"])]
    return (["| run | |", "|---|---|"]
            + [f"| {key} | {md_cell(value or '-')} |" for key, value in rows] + [""])


def _waiver_file(meta: dict[str, Any]) -> str:
    if not meta["waivers"]:
        return "none"
    return f"{meta['waivers']} (SHA-256 {meta['waivers_sha256']})"


def _summary(report: Report) -> list[str]:
    counts = ", ".join(f"{n} {s}" for s, n in report.summary().items() if n)
    lines = [f"**Result: {md_cell(report.verdict())}** (exit code {report.exit_code()}); "
             f"{len(report.results)} controls: {md_cell(counts)}.", "",
             "| control | constraint | severity | status | evaluated | title |",
             "|---|---|---|---|---|---|"]
    for r in report.results:
        cells = (r.control.id, constraint_text(r.control.constraint), r.control.severity,
                 r.status.upper(), str(r.evaluated), r.control.title)
        lines.append("| " + " | ".join(md_cell(cell) for cell in cells) + " |")
    return lines + [""]


def _details(report: Report) -> list[str]:
    shown = [r for r in report.results
             if r.status in ("fail", "unknown", "error", "waived") or r.evidence]
    if not shown:
        return []
    lines = ["## Findings that need attention", ""]
    for result in shown:
        lines += _control_details(result)
    return lines


def _control_details(result: ControlResult) -> list[str]:
    c = result.control
    lines = [f"### {md_cell(c.id)} {result.status.upper()}: {md_cell(c.title)}", ""]
    if result.reason:
        lines += [md_cell(result.reason), ""]
    for finding in result.noteworthy:
        lines.append(f"- {_code(finding.get('address') or '-')} "
                     f"{md_cell(finding_status(finding))}: {md_cell(finding.get('message', ''))}")
        if "waiver" in finding:
            lines.append(f"  - {md_cell(waiver_text(finding['waiver']))}")
    lines += [f"- evidence needed from outside the plan: {md_cell(e)}" for e in result.evidence]
    if result.status in ("fail", "unknown"):
        lines.append(f"- remediation: {md_cell(c.remediation)}")
    return lines if lines[-1] == "" else lines + [""]


def _waivers(report: Report) -> list[str]:
    uses = report.waiver_uses()
    if not uses:
        return []
    lines = ["## Waivers", "", "| control | resources | ticket | approver | expires | reason | "
             "findings waived |", "|---|---|---|---|---|---|---|"]
    for waiver, count in uses:
        cells = (waiver.control, ", ".join(waiver.resources), waiver.ticket, waiver.approver,
                 waiver.expires.isoformat(), waiver.reason, str(count))
        lines.append("| " + " | ".join(md_cell(cell) for cell in cells) + " |")
    return lines + [""]


def _code(text: str) -> str:
    """An inline code span that holds any text, backticks included."""
    text = " ".join(str(text).split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"
