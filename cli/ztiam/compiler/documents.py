"""Identity policy documents exactly as the iam-policy-template module renders them.

The module adds the standard condition keys to every Allow and appends the region deny; this
mirror lets the compiler measure each document and split statements across managed policies.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from ztiam.errors import ZtiamError
from ztiam.resources import terraform_dir

Statement = dict[str, Any]
MANAGED_POLICY_LIMIT = 6144
ROLE_POLICY_LIMIT = 10
REGION_DENY_SID = "DenyUnapprovedRegions"
HOME_REGION = "us-east-1"
_FIELDS = (
    ("Action", "actions"),
    ("NotAction", "not_actions"),
    ("Resource", "resources"),
    ("NotResource", "not_resources"),
)


@cache
def global_services() -> tuple[str, ...]:
    """The dated NotAction list of the region deny, shipped with the iam-policy-template module."""
    path = terraform_dir() / "modules" / "iam-policy-template" / "global-services.json"
    return tuple(json.loads(path.read_text(encoding="utf-8"))["actions"])


def standard_conditions(tier: str, allowed_regions: Sequence[str]) -> dict[str, dict]:
    """The three condition keys every Allow of an identity policy carries."""
    regions = sorted({*allowed_regions, HOME_REGION})
    return {
        "StringEquals": {"aws:RequestedRegion": regions, "aws:PrincipalTag/ztiam:tier": [tier]},
        "Bool": {"aws:SecureTransport": ["true"]},
    }


def region_deny(allowed_regions: Sequence[str]) -> Statement:
    """The region deny: everything but the global services outside the allowed regions."""
    return {
        "Sid": REGION_DENY_SID,
        "Effect": "Deny",
        "NotAction": list(global_services()),
        "Resource": ["*"],
        "Condition": {"StringNotEquals": {"aws:RequestedRegion": list(allowed_regions)}},
    }


def render_statement(statement: Statement, standard: dict[str, dict]) -> Statement:
    """One module input statement as IAM JSON, the standard keys merged into Allows."""
    rendered: Statement = {"Sid": statement["sid"], "Effect": statement["effect"]}
    for name, field in _FIELDS:
        if statement.get(field) is not None:
            rendered[name] = statement[field]
    conditions = statement.get("conditions") or {}
    if statement["effect"] == "Allow":
        conditions = _merge(conditions, standard)
    if conditions:
        rendered["Condition"] = conditions
    return rendered


def _merge(own: dict[str, dict], standard: dict[str, dict]) -> dict[str, dict]:
    merged = {operator: dict(keys) for operator, keys in own.items()}
    for operator, keys in standard.items():
        merged[operator] = {**merged.get(operator, {}), **keys}
    return merged


def identity_document(
    statements: Iterable[Statement], tier: str, allowed_regions: Sequence[str]
) -> dict[str, Any]:
    """The full document the module renders from ``statements``."""
    standard = standard_conditions(tier, allowed_regions)
    rendered = [render_statement(statement, standard) for statement in statements]
    return {"Version": "2012-10-17", "Statement": [*rendered, region_deny(allowed_regions)]}


def policy_size(document: dict[str, Any]) -> int:
    """Characters IAM counts against its quotas: everything except whitespace."""
    text = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
    return sum(1 for char in text if not char.isspace())


def pack(
    statements: Sequence[Statement], tier: str, allowed_regions: Sequence[str], label: str
) -> list[list[Statement]]:
    """Split statements, in order, into as few documents as fit the managed-policy quota."""
    chunks: list[list[Statement]] = [[]]
    for statement in statements:
        _fits_alone(statement, tier, allowed_regions, label)
        candidate = [*chunks[-1], statement]
        if policy_size(identity_document(candidate, tier, allowed_regions)) > MANAGED_POLICY_LIMIT:
            chunks.append([statement])
        else:
            chunks[-1] = candidate
    return [chunk for chunk in chunks if chunk]


def _fits_alone(statement: Statement, tier: str, regions: Sequence[str], label: str) -> None:
    size = policy_size(identity_document([statement], tier, regions))
    if size > MANAGED_POLICY_LIMIT:
        raise ZtiamError(
            f"{label}: statement {statement['sid']} needs {size} characters with the region "
            f"deny; a managed policy allows {MANAGED_POLICY_LIMIT}"
        )
