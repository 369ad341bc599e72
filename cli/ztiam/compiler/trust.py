"""Trust policies of the roles a compiled root creates (docs/policy-conventions.md)."""

from __future__ import annotations

from typing import Any

from ztiam.compiler.policies import Scope, ServiceRole

Document = dict[str, Any]
TIER_ACTIONS = ["sts:AssumeRole", "sts:SetSourceIdentity"]
_SIDS = {"ec2": "TrustEc2", "lambda": "TrustLambda", "rds_monitoring": "TrustRdsMonitoring"}


def document(*statements: dict[str, Any]) -> Document:
    """A policy document holding ``statements``."""
    return {"Version": "2012-10-17", "Statement": list(statements)}


def tier_trust(scope: Scope, tier: str) -> Document:
    """Trust the tier's IAM Identity Center permission set, plus the MFA tag where required."""
    bp, names = scope.blueprint, scope.names
    permission_set = getattr(bp.identity_center.permission_sets, tier)
    condition: dict[str, Any] = {
        "ArnLike": {"aws:PrincipalArn": [names.sso_role_pattern(permission_set)]}
    }
    tag = bp.identity_center.mfa_session_tag
    if tag is not None and needs_mfa_tag(bp.tier, tier):
        condition["StringEquals"] = {f"aws:PrincipalTag/{tag.key}": [tag.value]}
    return document({
        "Sid": f"Trust{tier.capitalize()}PermissionSet",
        "Effect": "Allow",
        "Principal": {"AWS": [f"arn:aws:iam::{names.account_id}:root"]},
        "Action": TIER_ACTIONS,
        "Condition": condition,
    })


def needs_mfa_tag(account_tier: str, role_tier: str) -> bool:
    """The administrator always, the operator in production: MFA proven by a session tag."""
    return role_tier == "administrator" or (
        role_tier == "operator" and account_tier == "production"
    )


def service_trust(scope: Scope, role: ServiceRole) -> Document:
    """Trust one service principal, bound to this account where the service says which."""
    statement: dict[str, Any] = {
        "Sid": _SIDS[role.kind],
        "Effect": "Allow",
        "Principal": {"Service": [role.services[0]]},
        "Action": ["sts:AssumeRole"],
    }
    if role.kind == "rds_monitoring":
        statement["Condition"] = {
            "StringEquals": {"aws:SourceAccount": [scope.names.account_id]}
        }
    return document(statement)
