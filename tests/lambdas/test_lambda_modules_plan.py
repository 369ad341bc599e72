"""Each Lambda module, called by a tiny test root, validated and planned offline.

Every policy document in the plan must be known at plan time, and every Allow of an identity
policy must carry at least three distinct, non-vacuous condition keys.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from lambda_support import load_handler
from ztiam import terraform
from ztiam.compiler.bundle import module_files
from ztiam.errors import TerraformError

pytestmark = pytest.mark.terraform

TEST_ROOTS = Path(__file__).parent / "tf"
MODULES = ("business-hours", "security-response", "time-limited-access")
POLICY_ATTRIBUTES = ("policy", "assume_role_policy")
IDENTITY_POLICY_TYPES = ("aws_iam_role_policy", "aws_iam_policy")
Plan = dict[str, Any]


def stage(module: str, work: Path) -> Path:
    """Copy the test root and the module as the compiler bundles it (functions zipped)."""
    root = work / module
    shutil.copytree(TEST_ROOTS / module, root)
    for relative, content in module_files(module).items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return root


@pytest.fixture(scope="module")
def planned(plugin_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Plan]:
    """Plan (init included) and validate a module's test root offline, with one text edit."""
    cache: dict[tuple[str, str, str], Plan] = {}

    def _plan(module: str, old: str = "", new: str = "") -> Plan:
        if (module, old, new) not in cache:
            root = stage(module, tmp_path_factory.mktemp(module))
            main = root / "main.tf"
            assert old in main.read_text()
            main.write_text(main.read_text().replace(old, new))
            plan_json = terraform.plan(root, offline=True, plugin_dir=plugin_dir)
            terraform.run(["validate", "-no-color"], root)
            cache[(module, old, new)] = json.loads(plan_json.read_text())
        return cache[(module, old, new)]

    return _plan


def policies(plan: Plan) -> Iterator[tuple[str, str, Any, bool]]:
    """Every policy attribute in the plan: (address, attribute, value, unknown)."""
    for change in plan["resource_changes"]:
        after = change["change"]["after"] or {}
        unknown = change["change"].get("after_unknown") or {}
        for attribute in POLICY_ATTRIBUTES:
            if attribute in after or attribute in unknown:
                yield (
                    change["address"],
                    attribute,
                    after.get(attribute),
                    bool(unknown.get(attribute)),
                )


def identity_documents(plan: Plan) -> dict[str, dict[str, Any]]:
    """The parsed identity policy documents, by resource address."""
    return {
        change["address"]: json.loads(change["change"]["after"]["policy"])
        for change in plan["resource_changes"]
        if change["type"] in IDENTITY_POLICY_TYPES
    }


def resource(plan: Plan, address_suffix: str) -> dict[str, Any]:
    """The planned values of the one resource whose address ends with the suffix."""
    [after] = [
        change["change"]["after"]
        for change in plan["resource_changes"]
        if change["address"].endswith(address_suffix)
    ]
    return after


def condition_keys(statement: dict[str, Any]) -> set[str]:
    """Distinct condition keys of a statement that can restrict something."""
    keys = set()
    for operator, block in statement.get("Condition", {}).items():
        for key, value in block.items():
            values = value if isinstance(value, list) else [value]
            vacuous = "Like" in operator and "*" in values
            open_range = operator.startswith("IpAddress") and {"0.0.0.0/0", "::/0"} & set(values)
            if not (vacuous or open_range or operator.startswith("ForAllValues:")):
                keys.add(key.lower())
    return keys


@pytest.mark.parametrize("module", MODULES)
def test_every_policy_is_known_at_plan_time(planned: Callable[..., Plan], module: str) -> None:
    found = list(policies(planned(module)))

    assert found
    for address, attribute, value, unknown in found:
        assert not unknown and value, f"{address}.{attribute} is unknown at plan time"
        assert json.loads(value)["Statement"], f"{address}.{attribute} has no statements"


@pytest.mark.parametrize("module", MODULES)
def test_every_allow_has_three_condition_keys(planned: Callable[..., Plan], module: str) -> None:
    for address, document in identity_documents(planned(module)).items():
        for statement in document["Statement"]:
            if statement["Effect"] == "Allow":
                keys = condition_keys(statement)
                assert len(keys) >= 3, f"{address} {statement.get('Sid')}: only {sorted(keys)}"
                assert "aws:principaltag/ztiam:tier" in keys


@pytest.mark.parametrize("module", MODULES)
def test_every_identity_policy_denies_other_regions(
    planned: Callable[..., Plan], module: str
) -> None:
    for address, document in identity_documents(planned(module)).items():
        denies = [s for s in document["Statement"] if "NotAction" in s]
        assert len(denies) == 1, f"{address} has no region deny"
        assert denies[0]["Effect"] == "Deny" and denies[0]["Resource"] == "*"
        assert denies[0]["Condition"] == {"StringNotEquals": {"aws:RequestedRegion": ["us-east-1"]}}


def test_grant_role_is_short_bounded_and_expires(planned: Callable[..., Plan]) -> None:
    plan = planned("time-limited-access")

    role = resource(plan, "aws_iam_role.this")
    assert role["name"] == "ztiam-prod-grant-inc-4711-db-failover"
    assert role["max_session_duration"] == 3600
    assert role["force_detach_policies"] is True
    assert role["permissions_boundary"].endswith(":policy/ztiam-prod-boundary-operator")
    assert role["tags"]["ztiam:tier"] == "grant"
    assert role["tags"]["ztiam:expiry"] == "2026-01-15T18:00:00Z"
    [trust] = json.loads(role["assume_role_policy"])["Statement"]
    assert trust["Condition"]["ArnLike"]["aws:PrincipalArn"].endswith(
        ":role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_ZtiamDeveloper_*"
    )
    assert trust["Condition"]["DateLessThan"] == {"aws:CurrentTime": "2026-01-15T18:00:00Z"}


def test_grant_policy_and_revocation_are_scoped_to_the_grant(planned: Callable[..., Plan]) -> None:
    plan = planned("time-limited-access")

    documents = identity_documents(plan)
    grant = next(d for a, d in documents.items() if a.endswith("aws_iam_role_policy.grant"))
    assert grant["Statement"][0]["Action"] == ["rds:RebootDBInstance", "rds:FailoverDBCluster"]
    assert grant["Statement"][0]["Condition"]["DateLessThan"] == {
        "aws:CurrentTime": "2026-01-15T18:00:00Z"
    }
    revoker = next(d for a, d in documents.items() if a.endswith("aws_iam_role_policy.revoker"))
    assert revoker["Statement"][0]["Resource"] == (
        "arn:aws:iam::333333333333:role/ztiam-prod-grant-inc-4711-db-failover"
    )
    schedule = resource(plan, "aws_scheduler_schedule.expiry")
    assert schedule["schedule_expression"] == "at(2026-01-15T18:00:00)"
    assert schedule["schedule_expression_timezone"] == "UTC"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'not_after           = "2026-01-15T18:00:00Z"',
            'not_after           = "2026-01-19T09:30:01Z"',
            "needs a new approval",
        ),
        ('"rds:FailoverDBCluster"', '"iam:PassRole"', "cannot be granted"),
        ('"rds:FailoverDBCluster"', '"rds:*"', "whole service"),
        (
            '"arn:aws:iam::333333333333:policy/',
            '"arn:aws:iam::444444444444:policy/',
            "not in account",
        ),
    ],
)
def test_grant_refuses_unapproved_extension_and_dangerous_inputs(
    planned: Callable[..., Plan], old: str, new: str, message: str
) -> None:
    with pytest.raises(TerraformError, match=message):
        planned("time-limited-access", old, new)


def test_business_hours_start_closed_as_the_renewer_writes_it(planned: Callable[..., Plan]) -> None:
    renewer = load_handler("window_renewer")
    services = ("cloudfront:*", "iam:*", "route53:*", "sts:*", "support:*")
    roles = ("ztiam-prod-developer", "ztiam-prod-operator")
    closed = renewer.closed_document(renewer.Targets(roles, ("us-east-1",), services))

    documents = identity_documents(planned("business-hours"))

    for role in roles:
        assert documents[f'module.business_hours.aws_iam_role_policy.this["{role}"]'] == closed


def test_renewer_may_touch_only_the_governed_roles(planned: Callable[..., Plan]) -> None:
    documents = identity_documents(planned("business-hours"))

    renewer = documents["module.business_hours.aws_iam_role_policy.renewer"]
    assert renewer["Statement"][0]["Action"] == ["iam:GetRolePolicy", "iam:PutRolePolicy"]
    assert renewer["Statement"][0]["Resource"] == [
        "arn:aws:iam::333333333333:role/ztiam-prod-developer",
        "arn:aws:iam::333333333333:role/ztiam-prod-operator",
    ]


def test_business_hours_refuses_an_inverted_window(planned: Callable[..., Plan]) -> None:
    with pytest.raises(TerraformError, match="must be later than start"):
        planned("business-hours", 'end             = "19:00"', 'end             = "06:30"')


def test_response_function_is_invoked_only_by_this_environments_rules(
    planned: Callable[..., Plan],
) -> None:
    plan = planned("security-response")

    permission = resource(plan, "aws_lambda_permission.rules")
    assert permission["principal"] == "events.amazonaws.com"
    assert permission["source_arn"] == "arn:aws:events:us-east-1:333333333333:rule/ztiam-prod-*"
    assert permission["source_account"] == "333333333333"
    [policy] = identity_documents(plan).values()
    restart = next(s for s in policy["Statement"] if s["Sid"] == "RestartZtiamTrail")
    assert restart["Resource"] == "arn:aws:cloudtrail:us-east-1:333333333333:trail/ztiam-prod"
