"""For each mandatory constraint, a minimal bad root planned by real Terraform fails its control."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ztiam.blueprint import strict_context
from ztiam.verify import verify

BAD = Path(__file__).parent / "bad"
ACCOUNT = "111122223333"  # the account the bad roots are written for, as a blueprint would say

# constraint -> the exact set of addresses its controls must report as failing
EXPECTED_FAILURES = {
    1: {"aws_iam_policy.fail_one_key"},
    2: {"aws_iam_role.fail_no_external_id"},
    3: {"aws_iam_role.fail_eight_hours"},
    4: {"aws_iam_role.fail_admin_no_mfa"},
    5: {"aws_cloudtrail.fail_bare_trail"},
    6: {"aws_iam_account_password_policy.fail_weak"},
    7: {"aws_lb.fail_implicit_slr"},
    8: {"aws_iam_policy.fail_no_region_deny"},
    9: {"aws_s3_bucket_policy.fail_no_window"},
}


@pytest.mark.terraform
@pytest.mark.parametrize("constraint", sorted(EXPECTED_FAILURES))
def test_constraint_bad_root_fails_naming_resource(constraint: int, plan_root) -> None:
    plan = plan_root(BAD / f"c{constraint}")
    context = strict_context() | {"account_id": ACCOUNT}
    report = verify(plan, context)

    results = [r for r in report.results if r.control.constraint == constraint]
    failing = {f["address"] for r in results for f in r.findings if f["status"] == "fail"}

    assert results, f"no control enforces constraint {constraint}"
    assert any(r.status == "fail" for r in results)
    assert failing == EXPECTED_FAILURES[constraint]
    assert report.exit_code() == 1
    json.dumps(report.as_dict())


@pytest.mark.terraform
@pytest.mark.parametrize("constraint", sorted(EXPECTED_FAILURES))
def test_constraint_bad_root_gives_identical_results_on_opa(constraint: int, plan_root) -> None:
    plan = plan_root(BAD / f"c{constraint}")
    context = strict_context() | {"account_id": ACCOUNT}

    regorus = verify(plan, context, engine_name="regorus").as_dict()["controls"]
    opa = verify(plan, context, engine_name="opa").as_dict()["controls"]

    assert regorus == opa
