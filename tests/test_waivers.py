"""Waivers: the file format, address matching, expiry, and how waived findings change results."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from reports.report_support import (
    CATALOGUE, CONTROLS, PARTNER, TODAY, WAIVERS_YAML, engine_results, hand_made_results,
    report_of, write_waivers,
)
from ztiam.errors import WaiverError
from ztiam.verify import ControlResult
from ztiam.waivers import Waiver, WaiverFile, address_matches, apply_waivers, load_waivers

IDS = [control.id for control in CATALOGUE]

ENTRY = """\
  - control: ZT-IAM-02
    resources: [{resources}]
    reason: partner onboarding
    ticket: SEC-1
    approver: Jane Doe
    expires: {expires}
"""


def waivers_text(resources: str = "'aws_iam_role.partner[\"acme\"]'", expires: str = "2026-12-31",
                 entries: int = 1) -> str:
    return "waivers:\n" + ENTRY.format(resources=resources, expires=expires) * entries


def load(tmp_path: Path, text: str, today: date = TODAY) -> WaiverFile:
    return load_waivers(write_waivers(tmp_path, text), IDS, today=today)


def error_of(tmp_path: Path, text: str, today: date = TODAY) -> str:
    with pytest.raises(WaiverError) as caught:
        load(tmp_path, text, today)
    message = str(caught.value)
    assert "\n" not in message
    return message


def waiver(*resources: str, control: str = "ZT-IAM-02") -> WaiverFile:
    entry = Waiver(control=control, resources=resources, reason="r", ticket="T-1",
                   approver="A", expires=date(2026, 12, 31))
    return WaiverFile(path=Path("waivers.yaml"), sha256="0" * 64, waivers=(entry,))


# Matching addresses


@pytest.mark.parametrize(("pattern", "address"), [
    ('aws_iam_role.partner["acme"]', 'aws_iam_role.partner["acme"]'),
    ('aws_iam_role.partner["*"]', 'aws_iam_role.partner["acme"]'),
    ("module.app.aws_iam_role.worker[0]", "module.app.aws_iam_role.worker[0]"),
    ("module.app.*", "module.app.aws_iam_role.worker[0]"),
    ("module.*.aws_iam_role.worker[*]", 'module.app["eu"].aws_iam_role.worker[12]'),
    ("*", "aws_iam_policy.dev"),
])
def test_address_matches_literal_brackets_and_wildcards(pattern: str, address: str) -> None:
    assert address_matches(pattern, address)


@pytest.mark.parametrize(("pattern", "address"), [
    ("aws_iam_role.worker[0]", "aws_iam_role.worker0"),
    ("aws_iam_role.worker[01]", "aws_iam_role.worker[0]"),
    ("aws_iam_role.worker[!0]", "aws_iam_role.worker[1]"),
    ("aws_iam_role.worker[?]", "aws_iam_role.worker[1]"),
    ('aws_iam_role.partner["acme"]', 'aws_iam_role.partner["acme2"]'),
    ('aws_iam_role.partner["acme"]', "aws_iam_role.partner[acme]"),
    ("aws_iam_role.admin", "aws_iam_role.admin_old"),
    ("aws_iam_role.ad.in", "aws_iam_role.admin"),
    ("module.app.*", "module.application.aws_iam_role.x"),
])
def test_address_matches_nothing_by_bracket_class_or_prefix(pattern: str, address: str) -> None:
    assert not address_matches(pattern, address)


def test_waiver_covers_only_its_control() -> None:
    file = waiver(PARTNER)
    assert file.covering("ZT-IAM-02", PARTNER) is not None
    assert file.covering("ZT-IAM-03", PARTNER) is None
    assert file.covering("ZT-IAM-02", None) is None


# Reading the file


def test_load_waivers_reads_every_field(tmp_path: Path) -> None:
    loaded = load(tmp_path, WAIVERS_YAML)
    first = loaded.waivers[0]
    assert (first.control, first.ticket, first.approver) == ("ZT-IAM-02", "SEC-1234",
                                                             "Jane Doe (CISO)")
    assert first.resources == ('aws_iam_role.partner["*"]',)
    assert first.expires == date(2026, 12, 31)
    assert [w.index for w in loaded.waivers] == [0, 1]
    assert len(loaded.sha256) == 64


def test_load_waivers_accepts_an_empty_list(tmp_path: Path) -> None:
    assert load(tmp_path, "waivers: []\n").waivers == ()


def test_load_waivers_expiring_today_is_valid(tmp_path: Path) -> None:
    assert load(tmp_path, waivers_text(expires="2026-06-01")).waivers


def test_load_waivers_expired_fails_naming_the_key(tmp_path: Path) -> None:
    text = waivers_text(entries=2) + ENTRY.format(resources="x", expires="2026-05-31")
    message = error_of(tmp_path, text)
    assert message.endswith("waivers.yaml: waivers[2].expires: expired on 2026-05-31")


@pytest.mark.parametrize(("text", "expected"), [
    ("", "expected a mapping with a 'waivers' list, found nothing"),
    ("- a\n", "expected a mapping with a 'waivers' list, found a list"),
    ("waivers: {}\n", "waivers: expected a list, found a mapping"),
    ("waivers: []\nextra: 1\n", "extra: unknown key (only 'waivers' is allowed)"),
    ("waivers: [\n", "invalid YAML"),
    ("waivers:\n  - 1\n", "waivers[0]: expected a mapping, found a number"),
])
def test_load_waivers_malformed_documents(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in error_of(tmp_path, text)


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("ticket: SEC-1", "ticket: SEC-1\n    owner: me", "waivers[0].owner: unknown key"),
    ("    ticket: SEC-1\n", "", "waivers[0].ticket: missing"),
    ("control: ZT-IAM-02", "control: ZT-IAM-99", "waivers[0].control: unknown control 'ZT-IAM-99'"),
    ("reason: partner onboarding", "reason: ''", "waivers[0].reason: expected a non-empty string"),
    ("expires: 2026-12-31", "expires: 31/12/2026", "waivers[0].expires: expected a date"),
    ("expires: 2026-12-31", "expires: 2026-02-30", "waivers[0].expires: 2026-02-30 is not a"),
    ("expires: 2026-12-31", "expires: 2026-12-31T00:00:00Z", "waivers[0].expires: expected a"),
    ("resources: [", "resources: [[1], ", "waivers[0].resources[0]: expected an address pattern"),
])
def test_load_waivers_bad_entries_name_the_key(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert expected in error_of(tmp_path, waivers_text().replace(old, new))


def test_load_waivers_empty_resources_fail(tmp_path: Path) -> None:
    message = error_of(tmp_path, waivers_text(resources=""))
    assert "waivers[0].resources: expected a non-empty list of address patterns" in message


def test_load_waivers_duplicate_key_fails(tmp_path: Path) -> None:
    text = waivers_text().replace("ticket: SEC-1", "ticket: SEC-1\n    ticket: SEC-2")
    assert "duplicate key 'ticket'" in error_of(tmp_path, text)


def test_load_waivers_missing_file_fails(tmp_path: Path) -> None:
    with pytest.raises(WaiverError, match=r"nope\.yaml: cannot read the waiver file"):
        load_waivers(tmp_path / "nope.yaml", IDS, today=TODAY)


# Applying waivers to results


def test_apply_waivers_turns_a_fully_waived_control_waived() -> None:
    result = ControlResult(CONTROLS["ZT-IAM-02"], "fail", [
        {"address": PARTNER, "status": "fail", "message": "no external id"},
        {"address": "aws_iam_role.ok", "status": "pass", "message": "fine"}])
    [waived] = apply_waivers([result], waiver('aws_iam_role.partner["*"]'))
    assert waived.status == "waived"
    assert waived.findings[0]["status"] == "waived"
    assert waived.findings[0]["original_status"] == "fail"
    assert waived.findings[0]["waiver"]["ticket"] == "T-1"
    assert waived.findings[1]["status"] == "pass"


def test_apply_waivers_partial_waiver_keeps_the_failure() -> None:
    result = ControlResult(CONTROLS["ZT-IAM-02"], "fail", [
        {"address": PARTNER, "status": "fail", "message": "a"},
        {"address": 'aws_iam_role.partner["other"]', "status": "unknown", "message": "b"},
        {"address": "aws_iam_role.x", "status": "fail", "message": "c"}])
    [after] = apply_waivers([result], waiver(PARTNER, 'aws_iam_role.partner["other"]'))
    assert after.status == "fail"
    assert [f["status"] for f in after.findings] == ["waived", "waived", "fail"]


def test_apply_waivers_remaining_unknown_makes_the_control_unknown() -> None:
    result = ControlResult(CONTROLS["ZT-IAM-02"], "fail", [
        {"address": PARTNER, "status": "fail", "message": "a"},
        {"address": "aws_iam_role.y", "status": "unknown", "message": "b"}])
    assert apply_waivers([result], waiver(PARTNER))[0].status == "unknown"


def test_apply_waivers_never_waives_errors_or_nothing_in_scope() -> None:
    error = ControlResult(CONTROLS["ZT-IAM-02"], "error", [], "engine failed")
    empty = ControlResult(CONTROLS["ZT-IAM-02"], "fail", [], "nothing in scope")
    after = apply_waivers([error, empty], waiver("*"))
    assert [r.status for r in after] == ["error", "fail"]


def test_apply_waivers_on_engine_results_with_for_each_address() -> None:
    results = apply_waivers(engine_results(), waiver('aws_iam_role.partner["acme"]'))
    by_id = {r.control.id: r for r in results}
    assert by_id["ZT-IAM-02"].status == "waived"
    assert {f["original_status"] for f in by_id["ZT-IAM-02"].findings} == {"fail"}
    assert by_id["ZT-SLR-02"].status == "fail"


def test_waived_control_does_not_fail_the_run(tmp_path: Path) -> None:
    results = [ControlResult(c, "pass", [{"address": "a.b", "status": "pass", "message": "m"}])
               for c in CATALOGUE if c.id != "ZT-IAM-02"]
    results.append(ControlResult(CONTROLS["ZT-IAM-02"], "fail", [
        {"address": PARTNER, "status": "fail", "message": "no external id"}]))
    report = report_of(results, tmp_path, waiver(PARTNER))
    assert report.summary()["waived"] == 1
    assert report.exit_code() == 0
    assert report.verdict() == "passed with waivers"


def test_exit_codes_keep_error_and_failure_over_waivers(tmp_path: Path) -> None:
    report = report_of(hand_made_results(), tmp_path, waiver(PARTNER))
    assert report.exit_code() == 2
    no_error = [r for r in hand_made_results() if r.status != "error"]
    assert report_of(no_error, tmp_path, waiver(PARTNER)).exit_code() == 1


def test_report_counts_findings_per_waiver(tmp_path: Path) -> None:
    file = load(tmp_path, WAIVERS_YAML)
    report = report_of(hand_made_results(), tmp_path, file)
    assert [(w.ticket, n) for w, n in report.waiver_uses()] == [("SEC-1234", 1), ("SEC-9", 0)]


# The command line


def test_cli_expired_waiver_exits_2_with_one_line(tmp_path: Path) -> None:
    path = write_waivers(tmp_path, waivers_text(expires="2020-01-31"))
    plan = tmp_path / "plan.json"
    plan.write_text('{"format_version": "1.2", "resource_changes": []}', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "ztiam", "verify", str(plan), "--waivers",
                           str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip() == (f"ztiam: error: {path}: waivers[0].expires: "
                                   "expired on 2020-01-31")
    assert done.stdout == ""


def test_verdict_names_what_a_pass_relied_on(tmp_path: Path) -> None:
    results = [ControlResult(c, "pass", [{"address": "a.b", "status": "pass", "message": "m"}])
               for c in CATALOGUE if c.id not in ("ZT-IAM-02", "ZT-IAM-03")]
    results += [
        ControlResult(CONTROLS["ZT-IAM-02"], "fail", [
            {"address": PARTNER, "status": "fail", "message": "no external id"}]),
        ControlResult(CONTROLS["ZT-IAM-03"], "unknown", [
            {"address": "aws_iam_role.x", "status": "unknown", "message": "unknown"}])]
    report = report_of(results, tmp_path, waiver(PARTNER), allow_unknown=True)
    assert report.exit_code() == 0
    assert report.verdict() == ("passed with waivers and unknown controls allowed by "
                                "--allow-unknown")
