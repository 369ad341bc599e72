"""`ztiam verify` with every --format, --waivers and --evidence, on a small real plan."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reports.report_support import PARTNER, change, trust_policy, write_waivers
from ztiam.cli import ReportFormat, app
from ztiam.errors import WaiverError, ZtiamError
from ztiam.reports import FORMATS

RUNNER = CliRunner()
PARSERS = {
    "text": lambda text: text.index("ZT-IAM-02"),
    "json": json.loads,
    "sarif": json.loads,
    "junit": ET.fromstring,
    "markdown": lambda text: text.index("| ZT-IAM-02 |"),
    "csv": lambda text: list(csv.reader(io.StringIO(text, newline=""))),
    "html": lambda text: text.index("<!DOCTYPE html>"),
}
WAIVER = """\
waivers:
  - control: ZT-IAM-02
    resources: ['aws_iam_role.partner["*"]']
    reason: onboarding
    ticket: SEC-7
    approver: Jane Doe
    expires: 2999-01-01
"""


@pytest.fixture()
def plan(tmp_path: Path) -> Path:
    role = change(PARTNER, {"name": "partner-acme", "path": "/", "max_session_duration": 3600,
                             "tags": {"ztiam:tier": "external"},
                             "assume_role_policy": trust_policy("999988887777")}, index="acme")
    path = tmp_path / "plan.json"
    path.write_text(json.dumps({"format_version": "1.2", "terraform_version": "1.11.4",
                                "resource_changes": [role]}), encoding="utf-8")
    return path


def verify(*args: str) -> tuple[int, str]:
    result = RUNNER.invoke(app, ["verify", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout


def test_every_report_format_is_registered() -> None:
    assert set(FORMATS) == {fmt.value for fmt in ReportFormat}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_cli_verify_every_format_parses(plan: Path, fmt: str) -> None:
    code, output = verify(str(plan), "--format", fmt)
    assert code == 1
    PARSERS[fmt](output)


def test_cli_verify_waivers_mark_the_partner_waived(plan: Path, tmp_path: Path) -> None:
    waivers = write_waivers(tmp_path, WAIVER)
    code, output = verify(str(plan), "--format", "json", "--waivers", str(waivers))
    control = next(c for c in json.loads(output)["controls"] if c["id"] == "ZT-IAM-02")
    assert control["status"] == "waived" and code == 1
    assert control["findings"][0]["waiver"]["ticket"] == "SEC-7"


def test_cli_verify_unknown_waiver_control_is_a_waiver_error(plan: Path, tmp_path: Path) -> None:
    waivers = write_waivers(tmp_path, WAIVER.replace("ZT-IAM-02", "ZT-NOPE-1"))
    with pytest.raises(WaiverError, match=r"waivers\[0\]\.control: unknown control 'ZT-NOPE-1'"):
        verify(str(plan), "--waivers", str(waivers))


def test_cli_verify_evidence_writes_the_pack(plan: Path, tmp_path: Path) -> None:
    target = tmp_path / "evidence"
    code, output = verify(str(plan), "--evidence", str(target), "--format", "json")
    manifest = json.loads((target / "manifest.json").read_text())
    assert code == 1 and json.loads(output)["exit_code"] == 1
    assert manifest["input"]["sha256"] == hashlib.sha256(plan.read_bytes()).hexdigest()
    assert (target / "report.json").read_bytes().decode() == output


def test_cli_verify_refuses_an_evidence_dir_before_running(plan: Path, tmp_path: Path) -> None:
    target = tmp_path / "evidence"
    target.mkdir()
    (target / "keep.txt").write_text("x")
    with pytest.raises(ZtiamError, match="--evidence"):
        verify(str(plan), "--evidence", str(target))


@pytest.mark.parametrize("command", ["verify", "check"])
def test_cli_documents_waivers_and_evidence(command: str) -> None:
    result = RUNNER.invoke(app, [command, "--help"], terminal_width=200)
    assert "--waivers" in result.stdout and "--evidence" in result.stdout
    assert "sarif" in result.stdout and "html" in result.stdout
