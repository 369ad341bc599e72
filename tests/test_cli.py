"""The command line as users and CI pipelines meet it: exit codes, one-line errors, JSON shape."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "tests" / "fixtures" / "cases" / "plans"


def ztiam(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the installed entry point the way a user does, in a child process."""
    environment = {**os.environ, **env}
    return subprocess.run([sys.executable, "-m", "ztiam", *args], capture_output=True,
                          text=True, cwd=cwd or REPO, env=environment)


def assert_one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("ztiam: error: ")
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0]


@pytest.fixture()
def unknown_plan(tmp_path: Path) -> Path:
    case = yaml.safe_load((CASES / "unknown-policy-is-not-a-pass.yaml").read_text())
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(case["plan"]))
    return path


def test_cli_verify_unknown_policies_is_not_a_pass(unknown_plan: Path) -> None:
    result = ztiam("verify", str(unknown_plan), "--format", "json")

    report = json.loads(result.stdout)
    unknown = {f["address"] for c in report["controls"] for f in c["findings"]
               if f["status"] == "unknown"}
    passed = {(c["id"], f["address"]) for c in report["controls"] for f in c["findings"]
              if f["status"] == "pass"}
    assert result.returncode == 1
    assert {"aws_s3_bucket_policy.p", "aws_iam_role.r"} <= unknown
    assert all(address != "aws_s3_bucket_policy.p" for _, address in passed)


def test_cli_verify_json_has_the_documented_shape(unknown_plan: Path) -> None:
    report = json.loads(ztiam("verify", str(unknown_plan), "--format", "json").stdout)

    assert set(report["summary"]) >= {"pass", "fail", "unknown", "not_applicable", "error"}
    for control in report["controls"]:
        assert {"id", "title", "constraint", "severity", "status", "evaluated",
                "findings"} <= set(control)
        assert control["constraint"] is None or 1 <= control["constraint"] <= 9
        for finding in control["findings"]:
            assert {"address", "status", "message"} <= set(finding)


def test_cli_allow_unknown_never_hides_a_failure(unknown_plan: Path) -> None:
    result = ztiam("verify", str(unknown_plan), "--allow-unknown", "--format", "json")

    statuses = {c["status"] for c in json.loads(result.stdout)["controls"]}
    assert "fail" in statuses
    assert result.returncode == 1


def test_cli_verify_missing_file_is_one_line() -> None:
    assert_one_line_error(ztiam("verify", "no-such-plan.json"), "no-such-plan.json")


def test_cli_verify_not_json_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "plan.json"
    bad.write_text("not json {")
    assert_one_line_error(ztiam("verify", str(bad)), "plan.json")


def test_cli_verify_json_that_is_not_a_plan_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "plan.json"
    bad.write_text('{"hello": "world"}')
    assert_one_line_error(ztiam("verify", str(bad)), "plan.json")


def test_cli_bad_blueprint_names_file_and_key(tmp_path: Path) -> None:
    text = (REPO / "blueprints" / "prod.yaml").read_text()
    bad = tmp_path / "prod.yaml"
    bad.write_text(text.replace("developer: 4h", "developer: 6h", 1))

    result = ztiam("compile", str(bad), "-o", str(tmp_path / "out"))

    assert_one_line_error(result, "prod.yaml", "sessions.developer")
    assert not (tmp_path / "out").exists()


def test_cli_unknown_format_is_one_line(unknown_plan: Path) -> None:
    assert_one_line_error(ztiam("verify", str(unknown_plan), "--format", "xml"), "--format")


def test_cli_output_to_missing_directory_is_one_line(unknown_plan: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.json"
    assert_one_line_error(ztiam("verify", str(unknown_plan), "-o", str(target)), "--output")


def test_cli_output_file_is_written_whole(unknown_plan: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = ztiam("verify", str(unknown_plan), "--format", "json", "-o", str(target))

    assert result.returncode == 1
    assert result.stdout == ""
    assert json.loads(target.read_text())["controls"]
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json", "report.json"]


def test_cli_plan_without_terraform_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "root"
    result = ztiam("plan", "blueprints/dev.yaml", "-o", str(out), "--offline",
                   ZTIAM_TERRAFORM="no-such-terraform")

    assert_one_line_error(result, "terraform")
    assert not out.exists()


def test_cli_schema_matches_the_shipped_schema() -> None:
    shipped = json.loads((REPO / "blueprints" / "blueprint.schema.json").read_text())
    assert json.loads(ztiam("schema").stdout) == shipped


def test_cli_every_command_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text()
    help_text = ztiam("--help").stdout
    commands = re.findall(r"^│ (\w+) ", help_text, flags=re.MULTILINE)

    assert {"compile", "plan", "verify", "check", "controls", "schema", "simulate"} <= set(
        commands)
    for command in commands:
        assert f"`ztiam {command}" in readme, command
