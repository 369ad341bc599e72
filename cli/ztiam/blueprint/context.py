"""The ``context`` object of the resource model: what ``ztiam verify`` checks an account against."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from ztiam.blueprint.fields import EXTERNAL_SESSION_LIMIT, HUMAN_SESSION_LIMIT

if TYPE_CHECKING:
    from ztiam.blueprint.model import Blueprint

PASSWORD_POLICY = {"minimum_length": 14, "max_age_days": 90, "reuse_prevention": 12}

_STRICT: dict[str, Any] = {
    "blueprint": None,
    "environment": None,
    "account_kind": None,
    "account_id": None,
    "allowed_regions": ["us-east-1"],
    "allowed_external_accounts": [],
    "exempt_principal_arns": [],
    "automation_principal_arns": [],
    "max_session_seconds": HUMAN_SESSION_LIMIT,
    "max_external_session_seconds": EXTERNAL_SESSION_LIMIT,
    "password_policy": PASSWORD_POLICY,
    "service_linked_roles": [],
    "data_buckets": None,
    "expects": {
        "human_roles": True,
        "external_access": True,
        "trail": True,
        "password_policy": True,
        "data_buckets": True,
    },
}


def strict_context() -> dict[str, Any]:
    """The context verify uses without a blueprint: the strictest defaults, a fresh copy."""
    return copy.deepcopy(_STRICT)


def blueprint_context(bp: Blueprint) -> dict[str, Any]:
    """The context derived from a blueprint (see docs/resource-model.md)."""
    data_buckets = [bucket.name for bucket in bp.buckets if bucket.class_ == "data"]
    return {
        "blueprint": bp.source,
        "environment": bp.environment,
        "account_kind": "logging" if bp.tier == "logging" else "workload",
        "account_id": bp.account_id,
        "allowed_regions": list(bp.allowed_regions),
        "allowed_external_accounts": sorted({entry.account_id for entry in bp.external_access}),
        "exempt_principal_arns": exempt_principal_arns(bp),
        "automation_principal_arns": automation_principal_arns(bp),
        "max_session_seconds": min(_longest_human_session(bp), HUMAN_SESSION_LIMIT),
        "max_external_session_seconds": min(bp.sessions.external, EXTERNAL_SESSION_LIMIT),
        "password_policy": dict(PASSWORD_POLICY),
        "service_linked_roles": list(dict.fromkeys(r.service for r in bp.service_linked_roles)),
        "data_buckets": data_buckets,
        "expects": _expects(bp, bool(data_buckets)),
    }


def exempt_principal_arns(bp: Blueprint) -> list[str]:
    """ARNs of the pipeline and break-glass roles: the principals lock-out denies exempt."""
    return [bp.role_arn(bp.pipeline_role), bp.role_arn(bp.break_glass_role)]


def automation_principal_arns(bp: Blueprint) -> list[str]:
    """ARNs of ztiam's own automation roles, the narrow exemption escalation controls name."""
    return [bp.role_arn(name) for name in bp.automation_roles]


def _longest_human_session(bp: Blueprint) -> int:
    tiers = (bp.sessions.developer, bp.sessions.operator, bp.sessions.administrator)
    return max(seconds for seconds in tiers if seconds is not None)


def _expects(bp: Blueprint, has_data_buckets: bool) -> dict[str, bool]:
    return {
        "human_roles": True,
        "external_access": bool(bp.external_access),
        "trail": True,
        "password_policy": True,
        "data_buckets": has_data_buckets,
    }
