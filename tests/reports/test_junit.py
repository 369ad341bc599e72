"""The JUnit report: one suite, one case per control, outcomes that match the exit code."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from junitparser import Error, Failure, JUnitXml, Skipped

from reports.report_support import EVIDENCE_NOTE, HOSTILE, report_of, engine_results, sample_report
from ztiam.reports import junit
from ztiam.verify import Report


def parse(report: Report, tmp_path: Path) -> JUnitXml:
    path = tmp_path / "report.junit.xml"
    path.write_text(junit.render(report), encoding="utf-8")
    return JUnitXml.fromfile(str(path))


def cases(xml: JUnitXml) -> dict[str, object]:
    [suite] = list(xml)
    return {case.name.split()[0]: case for case in suite}


def test_junit_has_one_suite_and_one_case_per_control(tmp_path: Path) -> None:
    report = sample_report(tmp_path)
    xml = parse(report, tmp_path)
    [suite] = list(xml)
    assert suite.tests == len(report.results)
    assert (suite.failures, suite.errors, suite.skipped) == (2, 1, 1)
    assert list(cases(xml)) == [r.control.id for r in report.results]


def test_junit_outcomes_per_status(tmp_path: Path) -> None:
    by_id = cases(parse(sample_report(tmp_path), tmp_path))
    assert isinstance(by_id["ZT-IAM-01"].result[0], Failure)
    assert by_id["ZT-IAM-01"].result[0].type == "fail"
    assert by_id["ZT-IAM-03"].result[0].type == "unknown"
    assert isinstance(by_id["ZT-IAM-05"].result[0], Error)
    skipped = by_id["ZT-IAM-06"].result[0]
    assert isinstance(skipped, Skipped)
    assert skipped.message == "does not apply to a logging account"
    assert by_id["ZT-IAM-02"].is_passed and by_id["ZT-LOG-01"].is_passed


def test_junit_waived_case_lists_its_waiver(tmp_path: Path) -> None:
    waived = cases(parse(sample_report(tmp_path), tmp_path))["ZT-IAM-02"]
    assert "waiver SEC-1234 approved by Jane Doe (CISO), expires 2026-12-31" in waived.system_out


def test_junit_failure_text_names_the_address(tmp_path: Path) -> None:
    failure = cases(parse(sample_report(tmp_path), tmp_path))["ZT-IAM-01"].result[0]
    assert "aws_iam_policy.dev" in failure.text and HOSTILE in failure.text


def test_junit_allowed_unknown_is_skipped_not_passed(tmp_path: Path) -> None:
    by_id = cases(parse(sample_report(tmp_path, allow_unknown=True), tmp_path))
    skipped = by_id["ZT-IAM-03"].result[0]
    assert isinstance(skipped, Skipped) and "--allow-unknown" in skipped.message


def test_junit_pass_with_evidence_says_what_is_needed(tmp_path: Path) -> None:
    admin = cases(parse(sample_report(tmp_path), tmp_path))["ZT-IAM-04"]
    assert admin.is_passed and EVIDENCE_NOTE in admin.system_out


def test_junit_properties_carry_the_run_metadata(tmp_path: Path) -> None:
    report = sample_report(tmp_path)
    root = ET.fromstring(junit.render(report))
    properties = {p.get("name"): p.get("value") for p in root.iter("property")}
    assert properties["input_sha256"] == report.source_sha256
    assert properties["rule_pack_sha256"] == report.rule_pack_sha256
    assert properties["framework_versions.pci_dss"].startswith("v4.0.1")


def test_junit_strips_characters_xml_cannot_hold(tmp_path: Path) -> None:
    results = engine_results()
    results[1].findings[0]["message"] += "\x00\x1b bell"
    ET.fromstring(junit.render(report_of(results, tmp_path)))
