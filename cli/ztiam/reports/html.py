"""The HTML report: one self-contained page for compliance readers and auditors.

No scripts, fonts, images or style sheets are fetched: the style is inline and a Content
Security Policy forbids everything else. Every value is escaped by the template engine.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ztiam.catalogue_report import DIRECT, LABELS, SUPPORTING, framework_version, weaker_notes
from ztiam.reports.common import constraint_text, finding_status, waiver_text
from ztiam.verify import NOTEWORTHY, ControlResult, Report

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True)


def render(report: Report) -> str:
    """The HTML page of one verify run."""
    template = _environment().get_template("report.html.j2")
    return template.render(page=page(report))


def page(report: Report) -> dict[str, Any]:
    """Everything the page shows, already worded; the template only lays it out."""
    meta = report.metadata()
    return {
        "title": f"ztiam verify {report.source.name}: {report.verdict()}",
        "verdict": report.verdict(), "exit_code": report.exit_code(), "run": _run(meta),
        "version": meta["version"],
        "summary": [(status, n) for status, n in report.summary().items()],
        "controls": [_control(result) for result in report.results],
        "waivers": [_waiver(w, n) for w, n in report.waiver_uses()],
        "versions": [(LABELS.get(k, k), v) for k, v in meta["framework_versions"].items()],
        "weaker": weaker_notes(), "mappings": meta["mappings"],
    }


def _run(meta: dict[str, Any]) -> list[tuple[str, str]]:
    waivers = (f"{meta['waivers']} (SHA-256 {meta['waivers_sha256']})" if meta["waivers"]
               else "none")
    rows = [("Started (UTC)", meta["started"]), ("Finished (UTC)", meta["finished"]),
            ("Tool", f"ztiam {meta['version']}"), ("Input", meta["input"]),
            ("Input SHA-256", meta["input_sha256"]), ("Engine", meta["engine"]),
            ("Blueprint", meta["blueprint"] or "none (strictest defaults)"),
            ("Rule pack SHA-256", meta["rule_pack_sha256"]), ("Waivers", waivers),
            ("Unknown allowed", "yes (--allow-unknown)" if meta["allow_unknown"] else "no")]
    return [(name, str(value) if value else "-") for name, value in rows]


def _control(result: ControlResult) -> dict[str, Any]:
    c = result.control
    others = [f for f in result.findings if f["status"] not in NOTEWORTHY]
    return {
        "id": c.id, "title": c.title, "status": result.status, "severity": c.severity,
        "constraint": constraint_text(c.constraint), "evaluated": result.evaluated,
        "reason": result.reason, "description": c.description, "remediation": c.remediation,
        "limitations": c.limitations, "frameworks": _frameworks(result),
        "findings": [_finding(f) for f in result.noteworthy],
        "others": [_finding(f) for f in others], "evidence": result.evidence,
        "waivers": [_waiver_dict(w) for w in result.waivers],
    }


def _frameworks(result: ControlResult) -> list[dict[str, str]]:
    c = result.control
    keys = list(dict.fromkeys([*c.frameworks, *c.supporting]))
    rows = []
    for key in keys:
        direct, supporting = c.frameworks.get(key, []), c.supporting.get(key, [])
        if direct or supporting:
            rows.append({"name": LABELS.get(key, key), "version": framework_version(key),
                         DIRECT: ", ".join(direct) or "-",
                         SUPPORTING: ", ".join(f"{i} (s)" for i in supporting) or "-"})
    return rows


def _finding(finding: dict[str, Any]) -> dict[str, str]:
    waiver = finding.get("waiver")
    return {"status": finding_status(finding), "css": str(finding["status"]),
            "address": str(finding.get("address") or "-"),
            "message": str(finding.get("message", "")),
            "waiver": waiver_text(waiver) if waiver else ""}


def _waiver_dict(waiver: dict[str, Any]) -> dict[str, str]:
    return {"ticket": waiver["ticket"], "approver": waiver["approver"],
            "expires": waiver["expires"], "reason": waiver["reason"],
            "resources": ", ".join(waiver["resources"])}


def _waiver(waiver: Any, count: int) -> dict[str, str]:
    return {**_waiver_dict(waiver.as_dict()), "control": waiver.control, "count": str(count)}
