"""The blueprint model: one environment's zero-trust IAM settings, typed and checked."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
    model_validator,
)

from ztiam.blueprint import checks
from ztiam.blueprint.context import blueprint_context
from ztiam.blueprint.fields import (
    UNIQUE,
    AccountId,
    Action,
    BucketName,
    Cidr,
    Email,
    EntryName,
    EnvironmentName,
    ExternalId,
    ExternalSession,
    HttpsUrl,
    HumanSession,
    OrganizationId,
    PermissionSetName,
    Region,
    RetentionDays,
    RoleName,
    RoleSuffix,
    ServicePrincipal,
    TagKey,
    TagValue,
    Ticket,
    TimeOfDay,
    Timestamp,
    TimeZone,
    VpcEndpointId,
    VpcId,
    fail,
    format_timestamp,
    show,
)

Tier = Literal["development", "staging", "production", "logging"]
HumanTier = Literal["developer", "operator", "administrator"]
Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
HOME_REGION = "us-east-1"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _version(value: object) -> int:
    if value != 1 or isinstance(value, bool) or not isinstance(value, int):
        fail(f"{show(value)} is not a blueprint version this ztiam reads (1)")
    return 1


def _home_region(value: object) -> str:
    if value != HOME_REGION:
        fail(f"{show(value)} is not supported: the home region must be {HOME_REGION}")
    return HOME_REGION


Version = Annotated[int, BeforeValidator(_version), WithJsonSchema({"const": 1})]
HomeRegion = Annotated[str, BeforeValidator(_home_region), WithJsonSchema({"const": HOME_REGION})]


class Organization(_Section):
    """The AWS organization and the account of each environment in it."""

    id: OrganizationId = Field(description="Organization id (o-...), used in aws:PrincipalOrgID.")
    accounts: dict[EnvironmentName, AccountId] = Field(
        min_length=1,
        description="Account id of each environment, keyed by environment name; must include "
        "this blueprint's environment with its account_id.",
    )


class Network(_Section):
    """Where requests may come from."""

    allowed_cidrs: Annotated[list[Cidr], UNIQUE] = Field(
        min_length=1,
        description="Source address ranges people may call AWS from (aws:SourceIp); never "
        "0.0.0.0/0 or ::/0, no host bits set.",
    )
    vpc_endpoint_ids: Annotated[list[VpcEndpointId], UNIQUE] = Field(
        min_length=1,
        description="VPC endpoints through which data buckets may be reached (aws:SourceVpce).",
    )
    vpc_ids: Annotated[list[VpcId], UNIQUE] = Field(
        default_factory=list,
        description="VPCs whose requests count as internal (aws:SourceVpc). Default: none.",
    )


class MfaSessionTag(_Section):
    """The session tag the identity provider sets when the person signed in with MFA."""

    key: TagKey = Field(description="Tag key, tested as aws:PrincipalTag/<key>.")
    value: TagValue = Field(description="Tag value that proves MFA at sign-in (a string).")


class PermissionSets(_Section):
    """IAM Identity Center permission sets whose roles may assume each tier role."""

    developer: PermissionSetName | None = Field(
        None,
        description="Permission set of developers; required except in the logging tier, "
        "where it must be absent.",
    )
    operator: PermissionSetName = Field(description="Permission set of operators.")
    administrator: PermissionSetName = Field(description="Permission set of administrators.")


class IdentityCenter(_Section):
    """How people arrive: IAM Identity Center permission sets, optionally an MFA session tag."""

    permission_sets: PermissionSets = Field(description="Permission set name of each tier.")
    mfa_session_tag: MfaSessionTag | None = Field(
        None,
        description="Session tag the identity provider computes per sign-in when MFA was "
        "used; when set, the administrator role (and the production operator role) trusts "
        "only sessions that carry it. Default: none.",
    )


class Sessions(_Section):
    """Maximum session length of each role tier (1h to 4h for people, 1h to 2h external)."""

    developer: HumanSession | None = Field(
        None,
        description="Developer role session, 1h to 4h; required except in the logging "
        "tier, where it must be absent.",
    )
    operator: HumanSession = Field(description="Operator role session, 1h to 4h.")
    administrator: HumanSession = Field(description="Administrator role session, 1h to 4h.")
    external: ExternalSession = Field(
        description="Longest session any external access entry may ask for, 1h to 2h."
    )


class BusinessHours(_Section):
    """Recurring hours outside which the listed roles cannot be assumed."""

    time_zone: TimeZone = Field(description="IANA time zone of start and end.")
    days: Annotated[list[Day], UNIQUE] = Field(
        min_length=1,
        description="Working days, lower-case three-letter names (mon ... sun).",
    )
    start: TimeOfDay = Field(description='Opening time, quoted 24-hour "HH:MM".')
    end: TimeOfDay = Field(description='Closing time, quoted "HH:MM", later than start.')
    roles: Annotated[list[Literal["developer", "operator"]], UNIQUE] = Field(
        min_length=1,
        description="Tier roles held to business hours; the administrator role never is.",
    )

    @model_validator(mode="after")
    def _order(self) -> BusinessHours:
        if self.start >= self.end:
            fail(f'"{self.end:%H:%M}" is not later than start "{self.start:%H:%M}"', "end")
        return self


class Window(_Section):
    """A fixed period in UTC outside which access is denied."""

    not_before: Timestamp = Field(description="First moment of access, UTC (...Z).")
    not_after: Timestamp = Field(description="Last moment of access, UTC (...Z).")

    @model_validator(mode="after")
    def _order(self) -> Window:
        if self.not_before >= self.not_after:
            end, start = (format_timestamp(t) for t in (self.not_after, self.not_before))
            fail(f"{end} is not later than not_before {start}", "not_after")
        return self


class ExternalAccess(_Section):
    """A role that another organisation's account may assume, with an external id."""

    name: EntryName = Field(description="Short name, unique in the blueprint; names the role.")
    kind: Literal["auditor", "partner"] = Field(
        description="auditor: read-only audit evidence; partner: the listed buckets only."
    )
    account_id: AccountId = Field(description="The external AWS account, quoted 12 digits.")
    external_id: ExternalId = Field(
        description="sts:ExternalId the external party must send, 2 to 1224 characters."
    )
    max_session: ExternalSession = Field(
        description="Session length, 1h to 2h and at most sessions.external."
    )
    buckets: Annotated[list[BucketName], UNIQUE] = Field(
        default_factory=list,
        description="Partners only: declared buckets the partner may use. Default: none.",
    )
    window: Window = Field(description="Engagement period; the trust denies outside it.")


class Bucket(_Section):
    """An S3 bucket the blueprint owns and protects."""

    name: BucketName = Field(description="Bucket name, globally unique in S3.")
    class_: Literal["data", "logs"] = Field(
        alias="class",
        description="data: application data, in scope of the data-protection controls; "
        "logs: log archives.",
    )
    window: Window | None = Field(
        None,
        description="Period outside which the bucket policy denies access (the pipeline, "
        "break-glass and log-delivery principals exempted); required for data buckets, "
        "optional for logs buckets.",
    )


class ServiceRole(_Section):
    """A role assumed by an AWS service for the application."""

    name: RoleName = Field(description="IAM role name.")
    buckets: Annotated[list[BucketName], UNIQUE] = Field(
        default_factory=list,
        description="Declared buckets the role may read and write. Default: none.",
    )


class MonitoringRole(_Section):
    """The ordinary role RDS enhanced monitoring assumes (it is not service-linked)."""

    name: RoleName = Field(description="IAM role name.")


class ServiceRoles(_Section):
    """Roles for EC2 instances, Lambda functions and RDS enhanced monitoring."""

    ec2: ServiceRole | None = Field(None, description="EC2 instance role. Default: none.")
    lambda_: ServiceRole | None = Field(
        None, alias="lambda", description="Lambda execution role. Default: none."
    )
    rds_monitoring: MonitoringRole | None = Field(
        None, description="RDS enhanced monitoring role. Default: none."
    )


class ServiceLinkedRole(_Section):
    """A service-linked role this root creates instead of leaving it to auto-creation."""

    service: ServicePrincipal = Field(description="Service principal, e.g. rds.amazonaws.com.")
    suffix: RoleSuffix | None = Field(
        None, description="Custom suffix, only for services that support one. Default: none."
    )


class Grant(_Section):
    """Time-limited elevation: extra actions on a tier role for one permission set."""

    name: EntryName = Field(description="Short name, unique in the blueprint.")
    role: HumanTier = Field(description="The tier role whose access is elevated.")
    grantee_permission_set: PermissionSetName = Field(
        description="Permission set whose role may assume the elevated access."
    )
    actions: Annotated[list[Action], UNIQUE] = Field(
        min_length=1,
        description="Exact service:Action names, no wildcards, no IAM or identity actions.",
    )
    not_after: Timestamp = Field(description="When the grant expires by itself, UTC (...Z).")
    approved_at: Timestamp | None = Field(
        None,
        description="When it was approved, UTC; not_after may be at most 7 days later. "
        "Default: unknown.",
    )
    approved_by: Email = Field(description="Email of the approver.")
    ticket: Ticket = Field(description="Change or incident ticket that records the approval.")

    @model_validator(mode="after")
    def _span(self) -> Grant:
        checks.grant_span(self)
        return self


class Monitoring(_Section):
    """Where alerts go and how long logs are kept."""

    alert_emails: Annotated[list[Email], UNIQUE] = Field(
        min_length=1,
        description="Addresses subscribed to the security alert topic.",
    )
    siem_endpoint: HttpsUrl | None = Field(
        None, description="https URL that receives security events. Default: none."
    )
    log_retention_days: RetentionDays = Field(
        365,
        description="CloudWatch Logs retention in days: a CloudWatch value of 90 or more. "
        "Default: 365.",
    )
    trail_bucket: BucketName = Field(
        description="Organisation CloudTrail archive bucket (in the logging account)."
    )


class Blueprint(_Section):
    """A ztiam blueprint: everything one account's zero-trust IAM root is compiled from."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="ztiam blueprint")

    version: Version = Field(description="Blueprint format version; always 1.")
    environment: EnvironmentName = Field(description="Environment name, e.g. prod.")
    tier: Tier = Field(description="development, staging, production or logging.")
    account_id: AccountId = Field(description="This account's id, quoted 12 digits.")
    region: HomeRegion = Field(
        description="Home region; us-east-1, where IAM and STS global events arrive.",
    )
    allowed_regions: Annotated[list[Region], UNIQUE] = Field(
        min_length=1,
        description="Regions requests may target; must include region.",
    )
    organization: Organization = Field(description="The organization and its accounts.")
    network: Network = Field(description="Allowed source ranges, VPC endpoints and VPCs.")
    identity_center: IdentityCenter = Field(description="How people reach the tier roles.")
    pipeline_role: RoleName = Field(
        description="Role name of the deployment pipeline, exempted from lock-out denies."
    )
    break_glass_role: RoleName = Field(
        description="Role name of emergency access, exempted from lock-out denies."
    )
    sessions: Sessions = Field(description="Maximum session length per tier.")
    business_hours: BusinessHours | None = Field(
        None, description="Recurring working hours; not in the logging tier. Default: none."
    )
    external_access: list[ExternalAccess] = Field(
        default_factory=list, description="Roles for auditors and partners. Default: none."
    )
    buckets: list[Bucket] = Field(default_factory=list, description="Buckets. Default: none.")
    service_roles: ServiceRoles = Field(
        default_factory=ServiceRoles, description="Roles of AWS services. Default: none."
    )
    service_linked_roles: list[ServiceLinkedRole] = Field(
        default_factory=list,
        description="Service-linked roles this root creates explicitly. Default: none.",
    )
    grants: list[Grant] = Field(
        default_factory=list, description="Time-limited elevations. Default: none."
    )
    monitoring: Monitoring = Field(description="Alerting and log retention.")

    _source: str | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _consistent(self) -> Blueprint:
        checks.blueprint(self)
        return self

    @property
    def source(self) -> str | None:
        """The file this blueprint was loaded from, as given to ``load_blueprint``."""
        return self._source

    def role_arn(self, name: str) -> str:
        """The ARN of role ``name`` in this blueprint's account."""
        return f"arn:aws:iam::{self.account_id}:role/{name}"

    @property
    def window_renewer_role(self) -> str | None:
        """Name of the role that renews the business-hours window, when there are hours."""
        return f"ztiam-{self.environment}-window-renewer" if self.business_hours else None

    @property
    def automation_roles(self) -> list[str]:
        """Names of ztiam's own automation roles, as the Lambda-backed modules name them."""
        names = [f"ztiam-{self.environment}-security-response"]
        if self.window_renewer_role:
            names.append(self.window_renewer_role)
        for grant in self.grants:
            names += [f"ztiam-{self.environment}-revoke-{grant.name}",
                      f"ztiam-{self.environment}-expire-{grant.name}"]
        return names

    def verify_context(self) -> dict[str, Any]:
        """The ``context`` object of the resource model that verify checks this account against."""
        return blueprint_context(self)
