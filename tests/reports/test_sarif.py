"""The SARIF report validates against the official 2.1.0 schema and carries every finding."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from reports.report_support import COUNTED, PARTNER, engine_results, report_of, sample_report
from ztiam.reports import sarif

SCHEMAS = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"
SCHEMA_PATH = SCHEMAS / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "ddddcccbf95c7c50c037b5b07eff4140556278ca574ff374db46786b5fce7949"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    raw = SCHEMA_PATH.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SCHEMA_SHA256, "vendored SARIF schema changed"
    schema = json.loads(raw)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def run_of(text: str) -> dict[str, Any]:
    log = json.loads(text)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    return log["runs"][0]


def results_for(run: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [result for result in run["results"] if result["ruleId"] == rule]


def test_sarif_sample_report_is_valid(
    tmp_path: Path, validator: jsonschema.Draft4Validator
) -> None:
    validator.validate(json.loads(sarif.render(sample_report(tmp_path))))


def test_sarif_engine_report_is_valid(
    tmp_path: Path, validator: jsonschema.Draft4Validator
) -> None:
    validator.validate(json.loads(sarif.render(report_of(engine_results(), tmp_path))))


def test_sarif_has_one_rule_per_control_with_framework_tags(tmp_path: Path) -> None:
    report = sample_report(tmp_path)
    rules = run_of(sarif.render(report))["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [r.control.id for r in report.results]
    password = next(rule for rule in rules if rule["id"] == "ZT-IAM-05")
    assert "cis_aws:1.7" in password["properties"]["tags"]
    assert "cis_aws:1.8 (s)" in password["properties"]["tags"]
    assert password["properties"]["frameworks"]["cis_aws"] == {"direct": ["1.7"],
                                                               "supporting": ["1.8"]}
    assert password["shortDescription"]["text"] == report.results[4].control.title


def test_sarif_results_cover_fail_unknown_and_waived_findings(tmp_path: Path) -> None:
    run = run_of(sarif.render(sample_report(tmp_path)))
    assert {r["ruleId"] for r in run["results"]} == {"ZT-IAM-01", "ZT-IAM-02", "ZT-IAM-03"}
    unknown = results_for(run, "ZT-IAM-03")[0]
    assert unknown["properties"]["status"] == "unknown"
    names = unknown["locations"][0]["logicalLocations"][0]
    assert names["fullyQualifiedName"] == COUNTED and names["kind"] == "resource"


def test_sarif_waived_finding_has_an_accepted_suppression(tmp_path: Path) -> None:
    run = run_of(sarif.render(sample_report(tmp_path)))
    [waived] = results_for(run, "ZT-IAM-02")
    assert waived["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == PARTNER
    [suppression] = waived["suppressions"]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert suppression["properties"]["ticket"] == "SEC-1234"
    assert suppression["properties"]["approver"] == "Jane Doe (CISO)"
    assert suppression["properties"]["expires"] == "2026-12-31"
    assert "partner onboarding" in suppression["justification"]
    assert [a["roles"] for a in run["artifacts"]] == [["analysisTarget"],
                                                      ["userSpecifiedConfiguration"]]


def test_sarif_errored_control_is_a_notification(tmp_path: Path) -> None:
    invocation = run_of(sarif.render(sample_report(tmp_path)))["invocations"][0]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
    [note] = invocation["toolExecutionNotifications"]
    assert note["associatedRule"]["id"] == "ZT-IAM-05" and note["level"] == "error"


def test_sarif_control_failing_without_findings_still_has_a_result(tmp_path: Path) -> None:
    run = run_of(sarif.render(report_of(engine_results(), tmp_path)))
    [trail] = results_for(run, "ZT-LOG-01")
    assert trail["message"]["text"].startswith("nothing in scope")
    assert trail["properties"]["scope"] == "control"


def test_sarif_fingerprints_are_distinct(tmp_path: Path) -> None:
    run = run_of(sarif.render(report_of(engine_results(), tmp_path)))
    prints = [r["partialFingerprints"]["ztiamFinding/v1"] for r in run["results"]]
    assert len(prints) == len(set(prints))


def test_sarif_plan_hash_is_the_artifact_hash(tmp_path: Path) -> None:
    report = sample_report(tmp_path)
    artifact = run_of(sarif.render(report))["artifacts"][0]
    assert artifact["hashes"]["sha-256"] == report.source_sha256
    assert artifact["location"]["uri"] == report.source.as_uri()


def test_file_uri_escapes_relative_paths() -> None:
    assert sarif.file_uri(Path("build/prod env/plan.json")) == "build/prod%20env/plan.json"


def test_sarif_schema_rejects_a_broken_log(
    tmp_path: Path, validator: jsonschema.Draft4Validator
) -> None:
    log = json.loads(sarif.render(sample_report(tmp_path)))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(log)
