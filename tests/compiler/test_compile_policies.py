"""What each compiled role may and may not do, read from the compiler's own documents."""

from __future__ import annotations

from typing import Any

import pytest

from ztiam.blueprint import Blueprint, load_blueprint
from ztiam.compiler.documents import identity_document
from ztiam.compiler.root import PolicySpec, Root, build_root

from .conftest import BLUEPRINT_IDS, BLUEPRINTS
from .support import condition_keys


def root_of(name: str) -> Root:
    path = next(p for p in BLUEPRINTS if p.stem == name)
    return build_root(load_blueprint(path), path)


def rendered(spec: PolicySpec, blueprint: Blueprint) -> list[dict[str, Any]]:
    return identity_document(spec.statements, spec.tier, blueprint.allowed_regions)["Statement"]


def effect_actions(statements: list[dict[str, Any]], effect: str) -> set[str]:
    return {a for s in statements if s["Effect"] == effect for a in s.get("Action", [])}


def role_statements(root: Root, tier: str) -> list[dict[str, Any]]:
    role = root.human_roles[tier]
    assert role is not None
    return [s for spec in role.policies for s in rendered(spec, root.blueprint)]


@pytest.fixture(scope="module")
def prod() -> Root:
    return root_of("prod")


@pytest.mark.parametrize("name", BLUEPRINT_IDS)
def test_every_allow_has_three_condition_keys_and_every_document_a_region_deny(
    name: str,
) -> None:
    root = root_of(name)
    for spec in root.policies:
        statements = rendered(spec, root.blueprint)
        assert statements[-1]["Sid"] == "DenyUnapprovedRegions", spec.name
        for statement in statements:
            if statement["Effect"] == "Allow":
                assert len(condition_keys(statement)) >= 3, (spec.name, statement["Sid"])


def test_prod_developer_is_read_only_without_application_data(prod: Root) -> None:
    statements = role_statements(prod, "developer")
    allowed = effect_actions(statements, "Allow")
    verbs = ("Describe", "Get", "List", "Filter", "StartQuery", "BatchGet", "GET", "Validate",
             "Lookup")
    assert all(action.split(":")[1].startswith(verbs) for action in allowed), allowed
    denied = effect_actions(statements, "Deny")
    assert {"s3:GetObject", "rds-data:*", "rds-db:connect", "dynamodb:GetItem"} <= denied
    assert "secretsmanager:GetSecretValue" in denied


def test_dev_developer_builds_but_never_changes_iam() -> None:
    statements = role_statements(root_of("dev"), "developer")
    assert {"ec2:*", "lambda:*", "s3:*", "rds:*"} <= effect_actions(statements, "Allow")
    iam_allowed = {a for a in effect_actions(statements, "Allow") if a.startswith("iam:")}
    assert iam_allowed == {"iam:Get*", "iam:List*", "iam:PassRole"}
    assert {"iam:Create*", "iam:Put*", "iam:Attach*"} <= effect_actions(statements, "Deny")


def test_operator_cannot_read_data_buckets_or_change_iam(prod: Root) -> None:
    statements = role_statements(prod, "operator")
    object_denies = [s for s in statements if s["Sid"] == "DenyDataBucketReads"]
    assert object_denies[0]["Resource"] == [
        "arn:aws:s3:::example-prod-data/*", "arn:aws:s3:::example-prod-exchange/*",
    ]
    denied = effect_actions(statements, "Deny")
    assert {"iam:Create*", "iam:Put*", "secretsmanager:GetSecretValue", "rds-data:*"} <= denied


def test_passing_roles_is_limited_to_declared_service_roles(prod: Root) -> None:
    statements = role_statements(prod, "operator")
    passes = [s for s in statements if s.get("Action") == ["iam:PassRole"]]
    assert {s["Resource"][0].split("/")[-1] for s in passes} == {
        "app-instance", "app-function", "rds-enhanced-monitoring",
    }
    for statement in passes:
        assert "iam:PassedToService" in statement["Condition"]["StringEquals"]


def test_human_boundaries_close_escalation_paths(prod: Root) -> None:
    for tier in ("developer", "operator", "administrator", "grant"):
        statements = rendered(prod.boundaries[tier], prod.blueprint)
        denied = effect_actions(statements, "Deny")
        assert {"iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion",
                "iam:*PermissionsBoundary", "iam:CreateServiceLinkedRole",
                "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:PutRolePolicy",
                "iam:CreateRole", "iam:CreateUser"} <= denied
        without_boundary = next(
            s for s in statements if s["Sid"] == "DenyPrincipalsWithoutBoundary"
        )
        assert without_boundary["Condition"]["StringNotEquals"]["iam:PermissionsBoundary"] == [
            "arn:aws:iam::333333333333:policy/ztiam/ztiam-prod-boundary-service"
        ]
        undeclared = next(s for s in statements if s["Sid"] == "DenyPassingUndeclaredRoles")
        assert len(undeclared["NotResource"]) == 3


def test_every_human_role_carries_the_high_risk_denies(prod: Root) -> None:
    for tier in ("developer", "operator", "administrator"):
        for statements in (role_statements(prod, tier),
                           rendered(prod.boundaries[tier], prod.blueprint)):
            denied = effect_actions(statements, "Deny")
            assert {"cloudtrail:StopLogging", "cloudtrail:Delete*", "kms:ScheduleKeyDeletion",
                    "kms:Disable*", "s3:Put*PublicAccessBlock", "s3:PutEncryptionConfiguration",
                    "logs:Delete*", "events:Delete*"} <= denied


def test_administrator_trust_requires_mfa_tag_and_admin_permission_set(prod: Root) -> None:
    role = prod.human_roles["administrator"]
    assert role is not None and role.max_session == 14400
    condition = role.trust["Statement"][0]["Condition"]
    assert condition["StringEquals"] == {"aws:PrincipalTag/mfa": ["true"]}
    assert condition["ArnLike"]["aws:PrincipalArn"] == [
        "arn:aws:iam::333333333333:role/aws-reserved/sso.amazonaws.com/"
        "*AWSReservedSSO_ZtiamAdministrator_*"
    ]
    assert "aws:MultiFactorAuthPresent" not in str(role.trust)


def test_operator_needs_the_mfa_tag_in_production_only(prod: Root) -> None:
    assert "StringEquals" in prod.human_roles["operator"].trust["Statement"][0]["Condition"]
    dev_operator = root_of("dev").human_roles["operator"]
    assert "StringEquals" not in dev_operator.trust["Statement"][0]["Condition"]


def test_logging_root_has_no_developer_role_and_holds_the_archive() -> None:
    root = root_of("logging")
    assert root.human_roles["developer"] is None
    archive = next(b for b in root.buckets if b.name == "example-org-cloudtrail-archive")
    assert archive.bucket_class == "logs"
    writers = {w["sid"]: w for w in archive.service_writers}
    accounts = root.blueprint.organization.accounts
    assert writers["CloudTrailReadsBucketAcl"]["source_accounts"] == sorted(accounts.values())
    for env, account in accounts.items():
        writer = writers["CloudTrailWrites" + env.capitalize()]
        assert writer["resources"] == [
            f"arn:aws:s3:::example-org-cloudtrail-archive/AWSLogs/{account}/*"
        ]
        trail = f"arn:aws:cloudtrail:us-east-1:{account}:trail/ztiam-trail"
        assert writer["source_arns"] == [trail]


def test_service_roles_use_only_customer_managed_policies(prod: Root) -> None:
    roles = {role.name: role for role in prod.service_roles}
    assert roles["app-instance"].instance_profile
    monitoring = rendered(roles["rds-enhanced-monitoring"].policies[0], prod.blueprint)
    resources = {r for s in monitoring if s["Effect"] == "Allow" for r in s["Resource"]}
    assert resources == {
        "arn:aws:logs:us-east-1:333333333333:log-group:RDSOSMetrics",
        "arn:aws:logs:us-east-1:333333333333:log-group:RDSOSMetrics:log-stream:*",
    }
    assert roles["rds-enhanced-monitoring"].trust["Statement"][0]["Condition"] == {
        "StringEquals": {"aws:SourceAccount": ["333333333333"]}
    }


def test_external_policies_carry_the_engagement_window(prod: Root) -> None:
    for role in prod.external_roles:
        for statement in rendered(role.policies[0], prod.blueprint)[:-1]:
            not_after = {"aws:CurrentTime": [role.window["not_after"]]}
            assert statement["Condition"]["DateLessThan"] == not_after
