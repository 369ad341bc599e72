"""The statements of every identity policy a compiled root holds, per tier and per role.

Statements are written in the iam-policy-template module's input shape (sid, effect, actions,
resources, conditions); the module adds the standard condition keys and the region deny.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ztiam.blueprint import Blueprint, ExternalAccess, format_timestamp
from ztiam.compiler import catalog as c
from ztiam.compiler.documents import Statement
from ztiam.compiler.names import SERVICE_PRINCIPALS, Names


def allow(
    sid: str, actions: Sequence[str], resources: Sequence[str] = ("*",), **conditions: Any
) -> Statement:
    """An Allow statement; keyword arguments are condition operators (``StringEquals=...``)."""
    return _statement(sid, "Allow", actions, resources, conditions)


def deny(
    sid: str, actions: Sequence[str], resources: Sequence[str] = ("*",), **conditions: Any
) -> Statement:
    """A Deny statement; keyword arguments are condition operators."""
    return _statement(sid, "Deny", actions, resources, conditions)


def _statement(
    sid: str, effect: str, actions: Sequence[str], resources: Sequence[str], conditions: dict
) -> Statement:
    statement: Statement = {"sid": sid, "effect": effect, "actions": sorted(set(actions))}
    statement["resources"] = list(resources)
    if conditions:
        statement["conditions"] = {op.replace("__", ":"): keys for op, keys in conditions.items()}
    return statement


@dataclass(frozen=True)
class ServiceRole:
    """A declared service role: its kind (ec2, lambda, rds_monitoring), name and buckets."""

    kind: str
    name: str
    buckets: tuple[str, ...]

    @property
    def services(self) -> tuple[str, ...]:
        """Service principals the role is passed to, the one that assumes it first."""
        return SERVICE_PRINCIPALS[self.kind]


@dataclass(frozen=True)
class Scope:
    """What the policies of one root are written against: the blueprint and its names."""

    blueprint: Blueprint

    @cached_property
    def names(self) -> Names:
        """The naming rules of this root."""
        return Names.of(self.blueprint)

    @cached_property
    def service_roles(self) -> tuple[ServiceRole, ...]:
        """The declared service roles, EC2 first."""
        roles = self.blueprint.service_roles
        declared = (("ec2", roles.ec2), ("lambda", roles.lambda_))
        found = [ServiceRole(k, r.name, tuple(r.buckets)) for k, r in declared if r is not None]
        if roles.rds_monitoring is not None:
            found.append(ServiceRole("rds_monitoring", roles.rds_monitoring.name, ()))
        return tuple(found)

    @cached_property
    def data_buckets(self) -> tuple[str, ...]:
        """Names of the buckets classed as data."""
        return tuple(b.name for b in self.blueprint.buckets if b.class_ == "data")

    @cached_property
    def protected_buckets(self) -> tuple[str, ...]:
        """Every bucket this root manages, the access-log bucket included."""
        return (*(b.name for b in self.blueprint.buckets), self.names.access_log_bucket)

    def role_arns(self, roles: Sequence[ServiceRole]) -> list[str]:
        """The ARNs of ``roles``."""
        return [self.names.role_arn(role.name) for role in roles]

    def bucket_arns(self, buckets: Sequence[str]) -> list[str]:
        """The ARNs of ``buckets``."""
        return [self.names.bucket_arn(bucket) for bucket in buckets]

    def object_arns(self, buckets: Sequence[str]) -> list[str]:
        """The ARNs of every object of ``buckets``."""
        return [f"{arn}/*" for arn in self.bucket_arns(buckets)]


# ---------------------------------------------------------------- shared pieces


def pass_service_roles(scope: Scope) -> list[Statement]:
    """Allow passing each declared service role, only to its own service."""
    return [
        allow(
            f"Pass{_camel(role.kind)}Role",
            ["iam:PassRole"],
            [scope.names.role_arn(role.name)],
            StringEquals={"iam:PassedToService": list(role.services)},
        )
        for role in scope.service_roles
    ]


def guardrails(scope: Scope) -> list[Statement]:
    """The high-risk denies every human role carries."""
    buckets = scope.bucket_arns(scope.protected_buckets)
    return [
        deny("DenyTampering", c.TAMPERING_ANYWHERE),
        deny("DenyMonitoringTampering", c.MONITORING_TAMPERING, _monitoring_resources(scope.names)),
        deny("DenyProtectedBucketChanges", c.PROTECTED_BUCKET_CHANGES, buckets),
    ]


def _monitoring_resources(n: Names) -> list[str]:
    scope = f"{n.region}:{n.account_id}"
    return [
        *n.log_group_arns("/ztiam/*"),
        *n.log_group_arns(f"/aws/lambda/{n.prefix}-*"),
        f"arn:aws:cloudwatch:{scope}:alarm:ztiam-*",
        f"arn:aws:events:{scope}:rule/ztiam-*",
        f"arn:aws:kms:{scope}:alias/ztiam/*",
        f"arn:aws:lambda:{scope}:function:ztiam-*",
        f"arn:aws:scheduler:{scope}:schedule/*/ztiam-*",
        f"arn:aws:sns:{scope}:ztiam-*",
    ]


def no_identity_changes() -> Statement:
    """Deny changing identities and security configuration."""
    return deny("DenyIdentityAndSecurityChanges", (*c.IAM_WRITES, *c.SECURITY_WRITES))


def _camel(text: str) -> str:
    return "".join(part.capitalize() for part in text.replace("-", "_").split("_"))


# ---------------------------------------------------------------- human tiers


def developer_statements(scope: Scope) -> list[Statement]:
    """Full access in development and staging, read-only in production; never IAM."""
    if scope.blueprint.tier == "production":
        return _production_developer(scope)
    return [
        allow("BuildAndRunApplications", c.DEVELOPER_SERVICES),
        allow("UseKeys", c.KEY_USE, [scope.names.kms_keys]),
        allow("ReadConfiguration", c.READ_CONFIGURATION),
        *pass_service_roles(scope),
        no_identity_changes(),
        *guardrails(scope),
    ]


def _production_developer(scope: Scope) -> list[Statement]:
    return [
        allow("ReadProduction", c.PRODUCTION_READ_ONLY),
        allow("ReadConfiguration", c.READ_CONFIGURATION),
        deny("DenyApplicationDataReads", (*c.DATA_READS, *c.OBJECT_READS)),
        no_identity_changes(),
        *guardrails(scope),
    ]


def operator_statements(scope: Scope) -> list[Statement]:
    """Compute, storage and networking everywhere; no IAM changes, no application data."""
    statements = [
        allow("ManageInfrastructure", c.OPERATOR_SERVICES),
        allow("UseKeys", c.KEY_USE, [scope.names.kms_keys]),
        allow("ReadConfiguration", c.READ_CONFIGURATION),
        *pass_service_roles(scope),
        deny("DenyApplicationDataReads", c.DATA_READS),
    ]
    if scope.data_buckets:
        objects = scope.object_arns(scope.data_buckets)
        statements.append(deny("DenyDataBucketReads", c.OBJECT_READS, objects))
    return [*statements, no_identity_changes(), *guardrails(scope)]


def administrator_statements(scope: Scope) -> list[Statement]:
    """Everything, except tampering with logging, monitoring and security services."""
    return [allow("Administer", ["*"]), *guardrails(scope)]


TIER_STATEMENTS = {
    "developer": developer_statements,
    "operator": operator_statements,
    "administrator": administrator_statements,
}


# ---------------------------------------------------------------- boundaries


def human_boundary(scope: Scope) -> list[Statement]:
    """The ceiling of people's roles and grants: everything but escalation and tampering."""
    return [allow("Ceiling", ["*"]), *escalation_denies(scope), *guardrails(scope)]


def escalation_denies(scope: Scope) -> list[Statement]:
    """Close the known privilege-escalation paths through IAM."""
    n = scope.names
    protected = [
        n.role_arn("ztiam-*"),
        n.role_arn("aws-reserved/*"),
        *scope.role_arns(scope.service_roles),
        n.policy_arn("*"),
    ]
    return [
        deny("DenyPrivilegeEscalation", c.ESCALATION),
        deny("DenyProtectedRoleChanges", c.PROTECTED_ROLE_CHANGES, protected),
        deny(
            "DenyPrincipalsWithoutBoundary",
            c.PRINCIPAL_CREATION,
            StringNotEquals={"iam:PermissionsBoundary": [n.policy_arn(n.boundary("service"))]},
        ),
        *pass_role_denies(scope),
    ]


def pass_role_denies(scope: Scope) -> list[Statement]:
    """Deny passing any role but the declared service roles, and those to other services."""
    declared = scope.role_arns(scope.service_roles)
    if not declared:
        return [deny("DenyPassingRoles", ["iam:PassRole"])]
    services = sorted({service for role in scope.service_roles for service in role.services})
    undeclared: Statement = {"sid": "DenyPassingUndeclaredRoles", "effect": "Deny"}
    undeclared.update(actions=["iam:PassRole"], not_resources=declared)
    return [
        undeclared,
        deny(
            "DenyPassingRolesToOtherServices",
            ["iam:PassRole"],
            declared,
            StringNotEquals={"iam:PassedToService": services},
        ),
    ]


def service_boundary(scope: Scope) -> list[Statement]:
    """The ceiling of service roles and of every role an administrator creates."""
    return [
        allow("Ceiling", c.WORKLOAD_SERVICES),
        deny("DenyIdentityChanges", (*c.IAM_WRITES, "iam:PassRole", *c.SECURITY_WRITES)),
        deny("DenyTampering", c.TAMPERING_ANYWHERE),
    ]


def external_boundary(scope: Scope) -> list[Statement]:
    """The ceiling of roles assumed by other organisations: read and use, never change IAM."""
    ceiling = (*c.AUDIT_EVIDENCE, *c.BUCKET_LIST, *c.OBJECT_READ_WRITE, *c.KEY_USE)
    return [
        allow("Ceiling", ceiling),
        deny("DenyIdentityChanges", (*c.IAM_WRITES, "iam:PassRole", *c.SECURITY_WRITES)),
        *guardrails(scope),
    ]


BOUNDARIES = {
    "developer": human_boundary,
    "operator": human_boundary,
    "administrator": human_boundary,
    "grant": human_boundary,
    "service": service_boundary,
    "external": external_boundary,
}


# ---------------------------------------------------------------- service roles


def bucket_access(scope: Scope, buckets: Sequence[str], sid: str) -> list[Statement]:
    """Read and write objects of ``buckets`` and use their keys (named by alias)."""
    if not buckets:
        return []
    aliases = [scope.names.kms_alias(bucket) for bucket in buckets]
    return [
        allow(f"{sid}Buckets", c.BUCKET_LIST, scope.bucket_arns(buckets)),
        allow(f"{sid}Objects", c.OBJECT_READ_WRITE, scope.object_arns(buckets)),
        allow(
            f"{sid}BucketKeys",
            c.KEY_USE,
            [scope.names.kms_keys],
            ForAnyValue__StringEquals={"kms:ResourceAliases": aliases},
        ),
    ]


def service_statements(scope: Scope, role: ServiceRole) -> list[Statement]:
    """What each service role needs and nothing else (possibly nothing at all)."""
    if role.kind == "rds_monitoring":
        return rds_monitoring_statements(scope)
    statements = bucket_access(scope, role.buckets, "Application")
    if role.kind == "lambda":
        groups = scope.names.log_group_arns("/aws/lambda/*")
        ztiam = scope.names.log_group_arns("/aws/lambda/ztiam-*")
        statements.insert(0, allow("WriteFunctionLogs", c.LOG_WRITES, groups))
        statements.append(deny("DenyZtiamFunctionLogs", c.LOG_WRITES, ztiam))
    return statements


def rds_monitoring_statements(scope: Scope) -> list[Statement]:
    """The customer-managed equivalent of AmazonRDSEnhancedMonitoringRole."""
    group = scope.names.log_group_arns(c.RDS_MONITORING_LOG_GROUP)[0]
    return [
        allow("CreateMetricsLogGroup", c.RDS_MONITORING_GROUP, [group]),
        allow("WriteMetricsLogStreams", c.RDS_MONITORING_STREAMS, [f"{group}:log-stream:*"]),
    ]


# ---------------------------------------------------------------- external access


def external_statements(scope: Scope, entry: ExternalAccess) -> list[Statement]:
    """Auditors read audit evidence; partners use their listed buckets; both in their window."""
    if entry.kind == "partner":
        statements = bucket_access(scope, entry.buckets, "Exchange")
    else:
        statements = [allow("ReadAuditEvidence", c.AUDIT_EVIDENCE), *_trail_archive(scope)]
    window = {
        "DateGreaterThan": {"aws:CurrentTime": [format_timestamp(entry.window.not_before)]},
        "DateLessThan": {"aws:CurrentTime": [format_timestamp(entry.window.not_after)]},
    }
    return [{**s, "conditions": {**s.get("conditions", {}), **window}} for s in statements]


def _trail_archive(scope: Scope) -> list[Statement]:
    """In the logging account, auditors also read the CloudTrail archive."""
    bp = scope.blueprint
    if bp.tier != "logging":
        return []
    bucket = bp.monitoring.trail_bucket
    accounts = sorted(set(bp.organization.accounts.values()))
    keys = [f"arn:aws:kms:{scope.names.region}:{a}:key/*" for a in accounts]
    return [
        allow("ListTrailArchive", c.BUCKET_LIST, scope.bucket_arns([bucket])),
        allow("ReadTrailArchive", ["s3:GetObject"], scope.object_arns([bucket])),
        allow(
            "DecryptTrailArchive",
            ["kms:Decrypt"],
            keys,
            StringLike={"kms:EncryptionContext:aws:cloudtrail:arn": ["arn:aws:cloudtrail:*"]},
        ),
    ]
