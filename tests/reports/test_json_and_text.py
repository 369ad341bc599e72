"""The JSON and text reports show waived results with their waivers and the run's hashes."""

from __future__ import annotations

import json
from pathlib import Path

from reports.report_support import PARTNER, sample_report
from ztiam.reports import json_report, text


def test_json_report_carries_waivers_and_hashes(tmp_path: Path) -> None:
    report = sample_report(tmp_path)
    data = json.loads(json_report.render(report))
    assert data["summary"]["waived"] == 1 and data["exit_code"] == 2
    assert data["rule_pack"]["sha256"] == report.rule_pack_sha256
    assert data["waivers"]["sha256"] == report.waivers.sha256
    assert [e["waived_findings"] for e in data["waivers"]["entries"]] == [1, 0]
    control = next(c for c in data["controls"] if c["id"] == "ZT-IAM-02")
    [finding] = control["findings"]
    assert (control["status"], finding["address"], finding["status"]) == (
        "waived", PARTNER, "waived")
    assert finding["original_status"] == "fail"
    assert finding["waiver"]["ticket"] == "SEC-1234"


def test_text_report_shows_waived_findings_with_their_waiver(tmp_path: Path) -> None:
    output = text.render(sample_report(tmp_path), width=200)
    assert "ZT-IAM-02 WAIVED:" in output
    assert f"waived (fail): role {PARTNER} has no sts:ExternalId condition" in output
    assert "[waiver SEC-1234 approved by Jane Doe (CISO), expires 2026-12-31:" in output
    assert output.rstrip().endswith("ERROR: the run cannot be trusted")
