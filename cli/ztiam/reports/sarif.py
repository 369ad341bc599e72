"""The SARIF 2.1.0 report: one rule per control, one result per failing, unknown or waived finding.

Failing and unknown findings are results of kind ``fail`` (both fail the gate); a waived finding
keeps its result and carries an accepted external suppression naming the waiver. The Terraform
address is the result's logical location; the plan file is its physical location.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ztiam import __version__
from ztiam.catalogue_report import SUPPORTING, mappings
from ztiam.controls import Control
from ztiam.verify import ControlResult, Report

SCHEMA_URI = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
              "sarif-schema-2.1.0.json")
LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0"}
PLAN = 0


def render(report: Report) -> str:
    """The SARIF log of one verify run, as JSON text."""
    return json.dumps(sarif_log(report), indent=2) + "\n"


def sarif_log(report: Report) -> dict[str, Any]:
    """The SARIF log object with a single run."""
    run = {
        "tool": {"driver": {"name": "ztiam", "version": __version__,
                            "semanticVersion": __version__,
                            "rules": [_rule(r.control) for r in report.results]}},
        "invocations": [_invocation(report)],
        "artifacts": _artifacts(report),
        "results": _results(report),
        "properties": {"summary": report.summary(), "verdict": report.verdict(),
                       "metadata": report.metadata()},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _rule(control: Control) -> dict[str, Any]:
    return {
        "id": control.id,
        "name": "".join(word.title() for word in control.package.split(".")[-1].split("_")),
        "shortDescription": {"text": control.title},
        "fullDescription": {"text": control.description or control.title},
        "help": {"text": f"{control.remediation}\n\nLimitations: {control.limitations}"},
        "defaultConfiguration": {"level": LEVELS[control.severity]},
        "properties": _rule_properties(control),
    }


def _rule_properties(control: Control) -> dict[str, Any]:
    rows = mappings(control)
    tags = ["security", "compliance"] + [
        f"{row.framework}:{row.identifier}" + (" (s)" if row.strength == SUPPORTING else "")
        for row in rows]
    frameworks: dict[str, dict[str, list[str]]] = {}
    for row in rows:
        frameworks.setdefault(row.framework, {"direct": [], "supporting": []})[
            row.strength].append(row.identifier)
    return {
        "tags": list(dict.fromkeys(tags)), "security-severity": SECURITY_SEVERITY[control.severity],
        "severity": control.severity, "constraint": control.constraint,
        "rationale": control.rationale, "frameworks": frameworks,
    }


def _invocation(report: Report) -> dict[str, Any]:
    invocation: dict[str, Any] = {
        "executionSuccessful": report.exit_code() != 2, "exitCode": report.exit_code(),
        "startTimeUtc": report.started,
        "toolExecutionNotifications": [_notification(i, r) for i, r in enumerate(report.results)
                                       if r.status == "error"],
        "properties": {"engine": report.engine, "allowUnknown": report.allow_unknown},
    }
    if report.finished:
        invocation["endTimeUtc"] = report.finished
    return invocation


def _notification(index: int, result: ControlResult) -> dict[str, Any]:
    return {
        "level": "error", "message": {"text": f"{result.control.id}: {result.reason}"},
        "associatedRule": {"id": result.control.id, "index": index},
    }


def _artifacts(report: Report) -> list[dict[str, Any]]:
    artifacts = [{"location": {"uri": file_uri(report.source)}, "roles": ["analysisTarget"],
                  "hashes": {"sha-256": report.source_sha256}}]
    if report.waivers is not None:
        artifacts.append({"location": {"uri": file_uri(report.waivers.path)},
                          "roles": ["userSpecifiedConfiguration"],
                          "hashes": {"sha-256": report.waivers.sha256}})
    return artifacts


def file_uri(path: Path) -> str:
    """A URI reference for a local path: file:// when absolute, a relative reference otherwise."""
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix(), safe="/")


def _results(report: Report) -> list[dict[str, Any]]:
    results = []
    for index, result in enumerate(report.results):
        results += [_finding_result(report, index, result, f) for f in result.noteworthy]
        if result.status in ("fail", "unknown") and not result.noteworthy:
            results.append(_control_result(report, index, result))
    return results


def _finding_result(
    report: Report, index: int, result: ControlResult, finding: dict[str, Any]
) -> dict[str, Any]:
    status = finding.get("original_status", finding["status"])
    address = str(finding.get("address") or "")
    sarif = _base(report, index, result, status, finding.get("message", ""))
    sarif["locations"][0]["logicalLocations"] = [
        {"fullyQualifiedName": address, "name": address, "kind": "resource"}]
    sarif["partialFingerprints"] = {"ztiamFinding/v1": _fingerprint(
        result.control.id, address, finding.get("message", ""))}
    sarif["properties"] = _finding_properties(finding, status)
    if "waiver" in finding:
        sarif["suppressions"] = [_suppression(finding["waiver"])]
    return sarif


def _control_result(report: Report, index: int, result: ControlResult) -> dict[str, Any]:
    sarif = _base(report, index, result, result.status, result.reason or result.status)
    sarif["partialFingerprints"] = {"ztiamFinding/v1": _fingerprint(
        result.control.id, "", result.reason)}
    sarif["properties"] = {"status": result.status, "scope": "control"}
    return sarif


def _base(
    report: Report, index: int, result: ControlResult, status: str, message: str
) -> dict[str, Any]:
    level = LEVELS[result.control.severity] if status == "fail" else "warning"
    location = {"physicalLocation": {"artifactLocation": {
        "uri": file_uri(report.source), "index": PLAN}}}
    return {"ruleId": result.control.id, "ruleIndex": index, "kind": "fail", "level": level,
            "message": {"text": message}, "locations": [location]}


def _finding_properties(finding: dict[str, Any], status: str) -> dict[str, Any]:
    properties: dict[str, Any] = {"status": finding["status"], "original_status": status}
    if finding.get("evidence"):
        properties["evidence"] = finding["evidence"]
    return properties


def _suppression(waiver: dict[str, Any]) -> dict[str, Any]:
    suppression = {
        "kind": "external", "status": "accepted", "justification": waiver["reason"],
        "properties": {key: waiver[key] for key in ("ticket", "approver", "expires", "resources")},
    }
    if waiver.get("file"):
        suppression["location"] = {"physicalLocation": {"artifactLocation": {
            "uri": file_uri(Path(waiver["file"]))}}}
    return suppression


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
