"""The JUnit XML report: one test suite, one test case per control.

fail is a failure; unknown is a failure too (skipped when --allow-unknown relaxes it); error is
an error; not_applicable is skipped with its reason; pass and waived pass, waived ones listing
their waivers in the test case's output.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ztiam.reports.common import finding_text
from ztiam.verify import ControlResult, Report

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(report: Report) -> str:
    """The JUnit XML document of one verify run."""
    root = ET.Element("testsuites", name="ztiam")
    suite = ET.SubElement(root, "testsuite", _suite_attributes(report))
    _properties(suite, report)
    for result in report.results:
        _testcase(suite, result, report.allow_unknown)
    for name, value in suite.attrib.items():
        if name in ("tests", "failures", "errors", "skipped"):
            root.set(name, value)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _suite_attributes(report: Report) -> dict[str, str]:
    outcomes = [_outcome(result, report.allow_unknown) for result in report.results]
    return {
        "name": f"ztiam verify {report.source.name}", "tests": str(len(outcomes)),
        "failures": str(outcomes.count("failure")), "errors": str(outcomes.count("error")),
        "skipped": str(outcomes.count("skipped")), "timestamp": report.started,
    }


def _properties(suite: ET.Element, report: Report) -> None:
    properties = ET.SubElement(suite, "properties")
    for name, value in report.metadata().items():
        if isinstance(value, dict):
            for key, item in value.items():
                ET.SubElement(properties, "property", name=f"{name}.{key}", value=_clean(item))
        elif value is not None:
            ET.SubElement(properties, "property", name=name, value=_clean(value))


def _outcome(result: ControlResult, allow_unknown: bool) -> str:
    """What the control is in JUnit terms: failure, error, skipped or passed."""
    if result.status == "unknown":
        return "skipped" if allow_unknown else "failure"
    return {"fail": "failure", "error": "error", "not_applicable": "skipped"}.get(
        result.status, "passed")


def _testcase(suite: ET.Element, result: ControlResult, allow_unknown: bool) -> None:
    control = result.control
    case = ET.SubElement(suite, "testcase", classname=control.package,
                         name=_clean(f"{control.id} {control.title}"))
    outcome = _outcome(result, allow_unknown)
    if outcome != "passed":
        child = ET.SubElement(case, outcome, message=_clean(_message(result, allow_unknown)))
        if outcome != "skipped":
            child.set("type", result.status)
            child.text = _clean(_details(result))
    if outcome in ("passed", "skipped") and (result.noteworthy or result.evidence):
        ET.SubElement(case, "system-out").text = _clean(_details(result))


def _message(result: ControlResult, allow_unknown: bool) -> str:
    if result.status == "unknown" and allow_unknown:
        return "unknown at plan time; allowed by --allow-unknown"
    if result.reason:
        return result.reason
    first = next(iter(result.noteworthy), None)
    return first["message"] if first else result.status


def _details(result: ControlResult) -> str:
    lines = [finding_text(finding) for finding in result.noteworthy]
    if result.reason and result.status != "waived":
        lines.insert(0, result.reason)
    lines += [f"evidence needed from outside the plan: {e}" for e in result.evidence]
    return "\n".join(lines)


def _clean(value: object) -> str:
    """Text XML 1.0 can carry: characters it forbids are dropped."""
    return _NOT_XML.sub("", str(value))
