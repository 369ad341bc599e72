"""Reports built for the report, waiver and evidence tests.

Two kinds: one from hand-made findings on the real catalogue's controls (every status appears,
with count and for_each addresses and text that needs escaping), and one from the real engine
over a small plan.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any

from ztiam.blueprint.context import strict_context
from ztiam.controls import Control, load_catalogue
from ztiam.plan.model import build_model
from ztiam.resources import rego_dir
from ztiam.verify import ControlResult, Report, evaluate_model, rule_pack_sha256
from ztiam.waivers import WaiverFile, apply_waivers, load_waivers

CATALOGUE = load_catalogue(rego_dir())
CONTROLS = {control.id: control for control in CATALOGUE}
TODAY = date(2026, 6, 1)
PARTNER = 'aws_iam_role.partner["acme"]'
COUNTED = "module.app.aws_iam_role.worker[0]"
HOSTILE = '<script>alert("x")</script> & | `tick` *bold* [link](http://evil)'
EVIDENCE_NOTE = "the identity provider's MFA setting for the administrator permission set"

WAIVERS_YAML = """\
waivers:
  - control: ZT-IAM-02
    resources: ['aws_iam_role.partner["*"]']
    reason: partner onboarding before the external id is agreed
    ticket: SEC-1234
    approver: Jane Doe (CISO)
    expires: 2026-12-31
  - control: ZT-IAM-06
    resources: [aws_iam_policy.never_matches]
    reason: kept to show an unused waiver
    ticket: SEC-9
    approver: John Roe
    expires: 2026-07-01
"""


def finding(address: str, status: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"address": address, "status": status, "message": message, **extra}


def hand_made_results() -> list[ControlResult]:
    """One result per catalogue control; every status appears at least once."""
    special = {
        "ZT-IAM-01": ControlResult(CONTROLS["ZT-IAM-01"], "fail", [
            finding("aws_iam_policy.dev", "fail", f"statement 2 of aws_iam_policy.dev {HOSTILE}"),
            finding("aws_iam_policy.ops", "pass", "every Allow of aws_iam_policy.ops has 3 keys"),
        ]),
        "ZT-IAM-02": ControlResult(CONTROLS["ZT-IAM-02"], "fail", [
            finding(PARTNER, "fail", f"role {PARTNER} has no sts:ExternalId condition"),
        ]),
        "ZT-IAM-03": ControlResult(CONTROLS["ZT-IAM-03"], "unknown", [
            finding(COUNTED, "unknown", f"max_session_duration of {COUNTED} is unknown"),
        ]),
        "ZT-IAM-04": ControlResult(CONTROLS["ZT-IAM-04"], "pass", [
            finding("aws_iam_role.admin", "pass", "aws_iam_role.admin trusts only the admin set",
                    evidence=EVIDENCE_NOTE),
        ]),
        "ZT-IAM-05": ControlResult(CONTROLS["ZT-IAM-05"], "error", [],
                                   "rego_type_error: undefined function lib.nope"),
        "ZT-IAM-06": ControlResult(CONTROLS["ZT-IAM-06"], "not_applicable", [],
                                   "does not apply to a logging account"),
    }
    passing = [finding("aws_s3_bucket.data", "pass", "looked at and found right")]
    return [special.get(c.id) or ControlResult(c, "pass", list(passing)) for c in CATALOGUE]


def write_waivers(directory: Path, text: str = WAIVERS_YAML) -> Path:
    path = directory / "waivers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def load_sample_waivers(directory: Path) -> WaiverFile:
    return load_waivers(write_waivers(directory), CONTROLS, today=TODAY)


def report_of(
    results: list[ControlResult], directory: Path, waivers: WaiverFile | None = None,
    *, allow_unknown: bool = False,
) -> Report:
    """A Report as verify would build it, for a plan file written into ``directory``."""
    plan = directory / "plan.json"
    plan.write_text('{"format_version": "1.2"}\n', encoding="utf-8")
    context = {**strict_context(), "blueprint": "prod.yaml"}
    return Report(
        source=plan, source_sha256=hashlib.sha256(plan.read_bytes()).hexdigest(),
        context=context, results=apply_waivers(results, waivers),
        started="2026-06-01T12:00:00Z", engine="regorus", allow_unknown=allow_unknown,
        finished="2026-06-01T12:00:02Z", rule_pack_sha256=rule_pack_sha256(rego_dir()),
        waivers=waivers,
    )


def sample_report(directory: Path, *, allow_unknown: bool = False) -> Report:
    """The hand-made report with the sample waivers applied."""
    return report_of(hand_made_results(), directory, load_sample_waivers(directory),
                     allow_unknown=allow_unknown)


def change(address: str, after: dict[str, Any], index: Any = None) -> dict[str, Any]:
    kind, name = address.split("[")[0].split(".")[-2:]
    return {"address": address, "mode": "managed", "type": kind, "name": name, "index": index,
            "change": {"actions": ["create"], "before": None, "after": after,
                       "after_unknown": {}}}


def trust_policy(account: str) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
        "Action": "sts:AssumeRole"}]})


def engine_results() -> list[ControlResult]:
    """The real engine's results over a small plan: a partner role keyed by for_each."""
    role = change(PARTNER, {"name": "partner-acme", "path": "/", "max_session_duration": 3600,
                             "tags": {"ztiam:tier": "external"},
                             "assume_role_policy": trust_policy("999988887777")}, index="acme")
    plan = {"format_version": "1.2", "terraform_version": "1.11.4", "resource_changes": [role]}
    return evaluate_model(build_model(plan, strict_context()), CATALOGUE, "regorus")


def control(control_id: str) -> Control:
    return CONTROLS[control_id]
