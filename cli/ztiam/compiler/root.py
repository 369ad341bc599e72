"""Everything one compiled root holds, as plain values the templates render."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ztiam.blueprint import Blueprint, ExternalAccess, Grant, format_timestamp
from ztiam.blueprint.context import exempt_principal_arns
from ztiam.compiler import policies
from ztiam.compiler.buckets import BucketSpec, bucket_specs, module_key
from ztiam.compiler.documents import ROLE_POLICY_LIMIT, Statement, pack
from ztiam.compiler.hcl import Raw
from ztiam.compiler.names import HUMAN_TIERS, TRAIL_LOG_GROUP, TRAIL_NAME
from ztiam.compiler.policies import Scope, ServiceRole
from ztiam.compiler.trust import service_trust, tier_trust
from ztiam.errors import ZtiamError

TIER_DESCRIPTIONS = {
    "developer": "Developers: build and run applications; no IAM or security configuration",
    "operator": "Operators: compute, storage and networking; no IAM changes, no application data",
    "administrator": "Administrators: everything except tampering with logging and security",
}


@dataclass(frozen=True)
class PolicySpec:
    """One call of the iam-policy-template module."""

    key: str
    name: str
    description: str
    tier: str
    statements: list[Statement]

    @property
    def arn(self) -> Raw:
        """The policy ARN as a module output reference (literal, known at plan time)."""
        return Raw(f"module.{self.key}.arn")


@dataclass(frozen=True)
class RoleSpec:
    """One call of the iam-role module."""

    key: str
    name: str
    description: str
    tier: str
    trust: dict[str, Any]
    max_session: int
    boundary: PolicySpec
    policies: list[PolicySpec]
    instance_profile: bool = False

    @property
    def policy_arns(self) -> list[Raw]:
        """References to the ARNs of the attached policies."""
        return [policy.arn for policy in self.policies]


@dataclass(frozen=True)
class ExternalSpec:
    """One call of the cross-account-role module."""

    key: str
    name: str
    description: str
    entry: ExternalAccess
    window: dict[str, str]
    boundary: PolicySpec
    policies: list[PolicySpec]

    @property
    def policy_arns(self) -> list[Raw]:
        """References to the ARNs of the attached policies."""
        return [policy.arn for policy in self.policies]


@dataclass(frozen=True)
class Root:
    """The content of one compiled root."""

    blueprint: Blueprint
    blueprint_name: str
    scope: Scope
    boundaries: dict[str, PolicySpec]
    human_roles: dict[str, RoleSpec | None]
    service_roles: list[RoleSpec]
    external_roles: list[ExternalSpec]
    buckets: list[BucketSpec]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def outputs(self) -> list[dict[str, Any]]:
        """The root's outputs: name, description and value (literals or module references)."""
        return root_outputs(self)

    @property
    def policies(self) -> list[PolicySpec]:
        """Every customer-managed policy: boundaries first, then role policies."""
        roles = [r for r in self.human_roles.values() if r] + self.service_roles
        attached = [p for role in [*roles, *self.external_roles] for p in role.policies]
        return [*self.boundaries.values(), *attached]


def _key(prefix: str, name: str) -> str:
    return prefix + "_" + re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def managed_policies(
    scope: Scope, name: str, tier: str, statements: list[Statement], description: str
) -> list[PolicySpec]:
    """Split ``statements`` into as few managed policies ``name-1``, ``name-2``... as fit."""
    chunks = pack(statements, tier, scope.blueprint.allowed_regions, f"policy {name}")
    if len(chunks) > ROLE_POLICY_LIMIT:
        raise ZtiamError(
            f"policy {name} needs {len(chunks)} managed policies; a role takes {ROLE_POLICY_LIMIT}"
        )
    short = name.removeprefix(scope.names.prefix + "-")
    return [
        PolicySpec(_key("policy", f"{short}-{n}"), f"{name}-{n}", description, tier, chunk)
        for n, chunk in enumerate(chunks, 1)
    ]


def boundary(scope: Scope, tier: str) -> PolicySpec:
    """The permissions boundary of roles of ``tier``; it must fit one managed policy."""
    name = scope.names.boundary(tier)
    statements = policies.BOUNDARIES[tier](scope)
    description = f"Permissions boundary of ztiam {tier} roles in {scope.blueprint.environment}"
    (spec, *rest) = managed_policies(scope, name, tier, statements, description)
    if rest:
        raise ZtiamError(f"boundary {name} does not fit one managed policy of 6144 characters")
    return PolicySpec(_key("boundary", tier), name, description, tier, spec.statements)


def boundaries(scope: Scope) -> dict[str, PolicySpec]:
    """The boundaries this root needs, keyed by tier."""
    bp = scope.blueprint
    tiers = [t for t in HUMAN_TIERS if getattr(bp.identity_center.permission_sets, t)]
    tiers += ["grant"] if bp.grants else []
    tiers += ["external"] if bp.external_access else []
    return {tier: boundary(scope, tier) for tier in [*tiers, "service"]}


def human_role(scope: Scope, tier: str, bounds: dict[str, PolicySpec]) -> RoleSpec | None:
    """The role of one human tier, or None where the tier has no role (logging developer)."""
    session = getattr(scope.blueprint.sessions, tier)
    if session is None:
        return None
    name = scope.names.role(tier)
    statements = policies.TIER_STATEMENTS[tier](scope)
    attached = managed_policies(scope, name, tier, statements, TIER_DESCRIPTIONS[tier])
    trust = tier_trust(scope, tier)
    return RoleSpec(
        _key("role", tier), name, TIER_DESCRIPTIONS[tier], tier, trust, session,
        bounds[tier], attached,
    )


def service_role(scope: Scope, role: ServiceRole, bounds: dict[str, PolicySpec]) -> RoleSpec:
    """A role for EC2, Lambda or RDS enhanced monitoring with only what it needs."""
    description = f"Service role for {role.services[0]} in {scope.blueprint.environment}"
    statements = policies.service_statements(scope, role)
    name = scope.names.role(f"service-{role.name}")
    attached = (
        managed_policies(scope, name, "service", statements, description) if statements else []
    )
    trust = service_trust(scope, role)
    return RoleSpec(
        _key("role", role.kind), role.name, description, "service", trust, 3600,
        bounds["service"], attached, instance_profile=role.kind == "ec2",
    )


def external_role(
    scope: Scope, entry: ExternalAccess, bounds: dict[str, PolicySpec]
) -> ExternalSpec:
    """A role another organisation's account assumes with its external id."""
    name = scope.names.role(f"external-{entry.name}")
    description = f"External access {entry.name}: {entry.kind} in account {entry.account_id}"
    statements = policies.external_statements(scope, entry)
    attached = managed_policies(scope, name, "external", statements, description)
    window = {
        "not_before": format_timestamp(entry.window.not_before),
        "not_after": format_timestamp(entry.window.not_after),
    }
    key = _key("external", entry.name)
    return ExternalSpec(key, name, description, entry, window, bounds["external"], attached)


def build_root(blueprint: Blueprint, blueprint_path: Path) -> Root:
    """Work out every policy, role and bucket of ``blueprint``'s root."""
    scope = Scope(blueprint)
    bounds = boundaries(scope)
    return Root(
        blueprint=blueprint,
        blueprint_name=blueprint_path.name,
        scope=scope,
        boundaries=bounds,
        human_roles={tier: human_role(scope, tier, bounds) for tier in HUMAN_TIERS},
        service_roles=[service_role(scope, role, bounds) for role in scope.service_roles],
        external_roles=[external_role(scope, e, bounds) for e in blueprint.external_access],
        buckets=bucket_specs(scope),
        extra=extras(scope),
    )


def extras(scope: Scope) -> dict[str, Any]:
    """Values the monitoring, grant and business-hours templates need."""
    bp, names = scope.blueprint, scope.names
    trail_key = module_key(bp.monitoring.trail_bucket)
    local_trail = any(b.name == bp.monitoring.trail_bucket for b in bp.buckets)
    return {
        "trail_name": TRAIL_NAME,
        "trail_log_group": TRAIL_LOG_GROUP,
        "trail_bucket": Raw(f"module.{trail_key}.bucket") if local_trail else
        bp.monitoring.trail_bucket,
        "reader_accounts": reader_accounts(bp),
        "exempt_arns": exempt_principal_arns(bp),
        "break_glass_arn": names.role_arn(bp.break_glass_role),
        "grants": [grant_values(grant) for grant in bp.grants],
        "service_linked_roles": service_linked_roles(bp),
    }


def reader_accounts(bp: Blueprint) -> list[str]:
    """The logging account (named ``logging`` in the organisation) reads every trail's logs."""
    logging = bp.organization.accounts.get("logging")
    return [logging] if logging and logging != bp.account_id else []


def grant_values(grant: Grant) -> dict[str, Any]:
    """The time-limited-access module inputs of one grant."""
    approved = grant.approved_at
    return {
        "key": _key("grant", grant.name),
        "grant": grant,
        "not_after": format_timestamp(grant.not_after),
        "approved_at": format_timestamp(approved) if approved else None,
    }


def service_linked_roles(bp: Blueprint) -> list[dict[str, Any]]:
    """One aws_iam_service_linked_role per declared service-linked role."""
    roles = []
    for role in bp.service_linked_roles:
        name = role.service.removesuffix(".amazonaws.com")
        key = _key("slr", f"{name}-{role.suffix}" if role.suffix else name).removeprefix("slr_")
        roles.append({"key": key, "service": role.service, "suffix": role.suffix})
    return roles


def _refs(specs: dict[str, str], attribute: str) -> dict[str, Raw]:
    return {name: Raw(f"module.{key}.{attribute}") for name, key in specs.items()}


def root_outputs(root: Root) -> list[dict[str, Any]]:
    """Outputs every root has, then those of optional parts."""
    humans = {tier: role.key for tier, role in root.human_roles.items() if role}
    services = {role.name: role.key for role in root.service_roles}
    external = {role.entry.name: role.key for role in root.external_roles}
    outputs = [
        ("account_id", "Account this root manages.", root.blueprint.account_id),
        ("human_role_arns", "ARNs of the tier roles people assume.", _refs(humans, "arn")),
        ("service_role_arns", "ARNs of the service roles.", _refs(services, "arn")),
        ("external_role_arns", "ARNs of the external access roles.", _refs(external, "arn")),
        ("boundary_arns", "ARNs of the permissions boundaries, by tier.",
         {tier: spec.arn for tier, spec in root.boundaries.items()}),
        ("bucket_names", "Buckets this root manages.",
         [Raw(f"module.{b.key}.bucket") for b in root.buckets]),
        ("trail_arn", "ARN of the account's CloudTrail trail.", Raw("module.trail.trail_arn")),
        ("alert_topic_arn", "SNS topic receiving every security alert.",
         Raw("module.monitoring.topic_arn")),
        ("dashboard_name", "CloudWatch dashboard of IAM activity.",
         Raw("module.monitoring.dashboard_name")),
    ]
    return [{"name": n, "description": d, "value": v} for n, d, v in outputs + _optional(root)]


def _optional(root: Root) -> list[tuple[str, str, Any]]:
    grants = {g["grant"].name: g["key"] for g in root.extra["grants"]}
    optional = []
    if grants:
        optional.append(("grant_role_arns", "Roles of the time-limited grants.",
                         _refs(grants, "role_arn")))
    if root.blueprint.business_hours is not None:
        optional.append(("window_renewer_role_arn", "Role renewing the business-hours window.",
                         Raw("module.business_hours.renewer_role_arn")))
    return optional
