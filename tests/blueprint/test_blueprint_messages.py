"""Each invalid key is reported as one line: the file, the key path and the problem."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from blueprint_support import Change, problem_of, shipped_data

Data = dict[str, Any]
Broken = Callable[[Change], str]


def _parent(data: Data, path: str) -> tuple[Any, Any]:
    """The container holding the dotted ``path`` (``a.b.0.c``) and the last key in it."""
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    return node, int(last) if isinstance(node, list) else last


def _set(path: str, value: object) -> Change:
    """A change that sets the value at a dotted path of the blueprint data."""

    def change(data: Data) -> None:
        node, key = _parent(data, path)
        node[key] = value

    return change


def _drop(path: str) -> Change:
    """A change that removes the key at a dotted path of the blueprint data."""

    def change(data: Data) -> None:
        node, key = _parent(data, path)
        del node[key]

    return change


CASES: list[tuple[str, Change, str]] = [
    (
        "session_over_limit",
        _set("sessions.developer", "6h"),
        "sessions.developer: 6h exceeds the 4h limit",
    ),
    (
        "session_under_minimum",
        _set("sessions.operator", "45m"),
        "sessions.operator: 45m is below the 1h minimum (IAM's shortest maximum session)",
    ),
    (
        "session_not_a_duration",
        _set("sessions.administrator", "4 hours"),
        "sessions.administrator: '4 hours' is not a duration such as 1h, 90m or 1h30m",
    ),
    (
        "session_seconds_number",
        _set("sessions.administrator", 14400),
        "sessions.administrator: 14400 is not a duration such as 1h, 90m or 1h30m",
    ),
    (
        "external_session_over_limit",
        _set("sessions.external", "3h"),
        "sessions.external: 3h exceeds the 2h limit",
    ),
    (
        "unknown_key_in_list_entry",
        _set("external_access.0.extrnal_id", "x"),
        "external_access[0]: unknown key 'extrnal_id'",
    ),
    ("unknown_top_level_key", _set("sesions", {}), "unknown key 'sesions'"),
    (
        "invalid_cidr",
        _set("network.allowed_cidrs.1", "10.0.0.0/33"),
        "network.allowed_cidrs[1]: '10.0.0.0/33' is not a valid CIDR",
    ),
    (
        "cidr_without_prefix",
        _set("network.allowed_cidrs.1", "10.0.0.1"),
        "network.allowed_cidrs[1]: '10.0.0.1' is not a valid CIDR",
    ),
    (
        "cidr_everything",
        _set("network.allowed_cidrs.0", "0.0.0.0/0"),
        "network.allowed_cidrs[0]: '0.0.0.0/0' allows every address",
    ),
    (
        "cidr_everything_v6",
        _set("network.allowed_cidrs.0", "::/0"),
        "network.allowed_cidrs[0]: '::/0' allows every address",
    ),
    (
        "cidr_host_bits",
        _set("network.allowed_cidrs.0", "203.0.113.7/24"),
        "network.allowed_cidrs[0]: '203.0.113.7/24' has host bits set (the network is "
        "203.0.113.0/24)",
    ),
    (
        "cidr_twice",
        _set("network.allowed_cidrs.1", "203.0.113.0/24"),
        "network.allowed_cidrs[1]: '203.0.113.0/24' is listed twice",
    ),
    ("cidrs_empty", _set("network.allowed_cidrs", []), "network.allowed_cidrs: must not be empty"),
    (
        "vpc_endpoint_id",
        _set("network.vpc_endpoint_ids.0", "vpc-0abc1234"),
        "network.vpc_endpoint_ids[0]: 'vpc-0abc1234' is not a VPC endpoint id such as "
        "vpce-0abc1234",
    ),
    (
        "external_id_missing",
        _drop("external_access.1.external_id"),
        "external_access[1].external_id: required for external account 666666666666",
    ),
    (
        "external_id_too_short",
        _set("external_access.0.external_id", "x"),
        "external_access[0].external_id: 'x' is not an external id of 2 to 1224 characters",
    ),
    (
        "external_id_characters",
        _set("external_access.0.external_id", "has space"),
        "external_access[0].external_id: 'has space' holds characters other than letters, "
        "digits and _+=,.@:/-",
    ),
    (
        "external_session_over_limit_entry",
        _set("external_access.0.max_session", "3h"),
        "external_access[0].max_session: 3h exceeds the 2h limit",
    ),
    (
        "account_id_short",
        _set("account_id", "12345"),
        "account_id: '12345' is not a 12-digit AWS account id",
    ),
    (
        "account_id_unquoted",
        _set("account_id", 333333333333),
        "account_id: 333333333333 must be a quoted string of 12 digits (YAML reads bare digits "
        "as a number)",
    ),
    (
        "external_account_id",
        _set("external_access.0.account_id", "55555555555a"),
        "external_access[0].account_id: '55555555555a' is not a 12-digit AWS account id",
    ),
    ("version", _set("version", 2), "version: 2 is not a blueprint version this ztiam reads (1)"),
    (
        "tier",
        _set("tier", "prd"),
        "tier: 'prd' is not one of 'development', 'staging', 'production' or 'logging'",
    ),
    (
        "environment_case",
        _set("environment", "Prod"),
        "environment: 'Prod' is not a short lowercase identifier such as prod (letters, digits, "
        "inner hyphens; 16 at most)",
    ),
    (
        "region_not_home",
        _set("region", "eu-west-1"),
        "region: 'eu-west-1' is not supported: the home region must be us-east-1",
    ),
    (
        "allowed_regions_without_home",
        _set("allowed_regions", ["eu-west-1"]),
        "allowed_regions: does not include the home region us-east-1",
    ),
    (
        "allowed_region_name",
        _set("allowed_regions", ["us-east-1", "Europe"]),
        "allowed_regions[1]: 'Europe' is not an AWS region name such as us-east-1",
    ),
    (
        "organization_id",
        _set("organization.id", "org-1"),
        "organization.id: 'org-1' is not an AWS Organizations id such as o-a1b2c3d4e5",
    ),
    (
        "organization_accounts_disagree",
        _set("organization.accounts.prod", "111111111111"),
        "organization.accounts.prod: '111111111111' differs from account_id '333333333333'",
    ),
    (
        "organization_accounts_without_env",
        _drop("organization.accounts.prod"),
        "organization.accounts: has no entry for this environment 'prod'",
    ),
    ("section_missing", _drop("network"), "network: required"),
    ("section_null", _set("network", None), "network: expected a mapping, found nothing"),
    ("section_list", _set("monitoring", []), "monitoring: expected a mapping, found a list"),
    (
        "list_expected",
        _set("allowed_regions", "us-east-1"),
        "allowed_regions: expected a list, found the string 'us-east-1'",
    ),
    (
        "time_zone",
        _set("business_hours.time_zone", "Eastern"),
        "business_hours.time_zone: 'Eastern' is not an IANA time zone such as America/New_York",
    ),
    (
        "time_zone_path",
        _set("business_hours.time_zone", "../../etc/passwd"),
        "business_hours.time_zone: '../../etc/passwd' is not an IANA time zone such as "
        "America/New_York",
    ),
    (
        "business_hours_order",
        _set("business_hours.end", "06:00"),
        'business_hours.end: "06:00" is not later than start "07:00"',
    ),
    (
        "business_hours_time",
        _set("business_hours.start", "7am"),
        "business_hours.start: '7am' is not a time of day such as \"07:30\" (24-hour HH:MM, "
        "quoted)",
    ),
    (
        "business_hours_sexagesimal",
        _set("business_hours.end", 1140),
        'business_hours.end: 1140 is not a time of day such as "07:30" (24-hour HH:MM, quoted)',
    ),
    (
        "business_hours_day",
        _set("business_hours.days.0", "monday"),
        "business_hours.days[0]: 'monday' is not one of 'mon', 'tue', 'wed', 'thu', 'fri', "
        "'sat' or 'sun'",
    ),
    (
        "business_hours_role",
        _set("business_hours.roles", ["administrator"]),
        "business_hours.roles[0]: 'administrator' is not one of 'developer' or 'operator'",
    ),
    (
        "external_kind",
        _set("external_access.0.kind", "vendor"),
        "external_access[0].kind: 'vendor' is not one of 'auditor' or 'partner'",
    ),
    (
        "partner_bucket_undeclared",
        _set("external_access.1.buckets", ["example-other"]),
        "external_access[1].buckets[0]: 'example-other' is not a bucket declared under buckets",
    ),
    (
        "partner_without_buckets",
        _set("external_access.1.buckets", []),
        "external_access[1].buckets: required for a partner: the declared buckets it may use",
    ),
    (
        "auditor_with_buckets",
        _set("external_access.0.buckets", ["example-prod-data"]),
        "external_access[0].buckets: auditors read audit evidence only; buckets are for partners",
    ),
    (
        "external_own_account",
        _set("external_access.0.account_id", "333333333333"),
        "external_access[0].account_id: '333333333333' is this blueprint's own account",
    ),
    (
        "external_over_sessions_external",
        lambda d: (
            d["sessions"].update(external="1h") or d["external_access"][0].update(max_session="90m")
        ),
        "external_access[0].max_session: 1h30m exceeds sessions.external (1h)",
    ),
    (
        "external_name_twice",
        lambda d: d["external_access"][1].update(name="auditor"),
        "external_access[1].name: 'auditor' is already used by external_access[0]",
    ),
    (
        "window_order",
        _set("external_access.0.window.not_before", "2028-01-01T00:00:00Z"),
        "external_access[0].window.not_after: 2027-06-30T23:59:59Z is not later than not_before "
        "2028-01-01T00:00:00Z",
    ),
    (
        "window_not_utc",
        _set("external_access.0.window.not_before", "2026-01-01T00:00:00+01:00"),
        "external_access[0].window.not_before: '2026-01-01T00:00:00+01:00' is not a UTC "
        "timestamp such as 2027-01-31T18:00:00Z",
    ),
    (
        "window_bad_date",
        _set("buckets.0.window.not_after", "2027-02-30T00:00:00Z"),
        "buckets[0].window.not_after: '2027-02-30T00:00:00Z' is not a valid date and time",
    ),
    (
        "window_missing",
        _drop("external_access.0.window"),
        "external_access[0].window: required for external account 555555555555",
    ),
    (
        "bucket_name",
        _set("buckets.0.name", "Example_Data"),
        "buckets[0].name: 'Example_Data' is not a valid S3 bucket name (3 to 63 of a-z, 0-9, "
        "'.', '-')",
    ),
    (
        "bucket_name_ip",
        _set("buckets.0.name", "192.168.5.4"),
        "buckets[0].name: '192.168.5.4' is not a valid S3 bucket name (formatted as an IP address)",
    ),
    (
        "bucket_name_reserved",
        _set("buckets.0.name", "example--ol-s3"),
        "buckets[0].name: 'example--ol-s3' is not a valid S3 bucket name (reserved suffix --ol-s3)",
    ),
    (
        "bucket_twice",
        _set("buckets.1.name", "example-prod-data"),
        "buckets[1].name: 'example-prod-data' is already used by buckets[0]",
    ),
    (
        "bucket_class",
        _set("buckets.0.class", "secret"),
        "buckets[0].class: 'secret' is not one of 'data' or 'logs'",
    ),
    (
        "data_bucket_without_window",
        _drop("buckets.0.window"),
        "buckets[0].window: required for a data bucket: its policy denies access outside the "
        "window",
    ),
    (
        "service_role_bucket",
        _set("service_roles.lambda.buckets", ["example-nope"]),
        "service_roles.lambda.buckets[0]: 'example-nope' is not a bucket declared under buckets",
    ),
    (
        "service_role_unknown_kind",
        _set("service_roles.ecs", {"name": "x"}),
        "service_roles: unknown key 'ecs'",
    ),
    (
        "rds_monitoring_buckets",
        _set("service_roles.rds_monitoring.buckets", []),
        "service_roles.rds_monitoring: unknown key 'buckets'",
    ),
    (
        "role_name",
        _set("pipeline_role", "deployer role"),
        "pipeline_role: 'deployer role' is not an IAM role name (1 to 64 letters, digits and "
        "_+=,.@-)",
    ),
    (
        "role_name_reused",
        _set("break_glass_role", "ztiam-deployer"),
        "break_glass_role: 'ztiam-deployer' is already the name of pipeline_role",
    ),
    (
        "role_name_renewer",
        _set("service_roles.ec2.name", "ztiam-prod-window-renewer"),
        "service_roles.ec2.name: 'ztiam-prod-window-renewer' is already the name of the "
        "business-hours window renewer",
    ),
    (
        "permission_set_reused",
        _set("identity_center.permission_sets.administrator", "ZtiamOperator"),
        "identity_center.permission_sets.administrator: 'ZtiamOperator' is already the operator "
        "permission set",
    ),
    (
        "developer_permission_set_missing",
        _drop("identity_center.permission_sets.developer"),
        "identity_center.permission_sets.developer: required in the production tier",
    ),
    (
        "developer_session_missing",
        _drop("sessions.developer"),
        "sessions.developer: required in the production tier",
    ),
    (
        "slr_service",
        _set("service_linked_roles.0.service", "autoscaling"),
        "service_linked_roles[0].service: 'autoscaling' is not an AWS service principal such as "
        "rds.amazonaws.com",
    ),
    (
        "slr_enhanced_monitoring",
        _set("service_linked_roles.1.service", "monitoring.rds.amazonaws.com"),
        "service_linked_roles[1].service: RDS enhanced monitoring uses an ordinary role: declare "
        "service_roles.rds_monitoring",
    ),
    (
        "slr_twice",
        _set("service_linked_roles.1", {"service": "autoscaling.amazonaws.com", "suffix": "ztiam"}),
        "service_linked_roles[1]: the same role as service_linked_roles[0]",
    ),
    (
        "grant_iam_action",
        _set("grants.0.actions.1", "iam:AttachRolePolicy"),
        "grants[0].actions[1]: 'iam:AttachRolePolicy' is an identity action (iam:*), which a "
        "grant may not give",
    ),
    (
        "grant_sts_action",
        _set("grants.0.actions.0", "sts:AssumeRole"),
        "grants[0].actions[0]: 'sts:AssumeRole' is an identity action (sts:*), which a grant may "
        "not give",
    ),
    (
        "grant_wildcard",
        _set("grants.0.actions.0", "rds:*"),
        "grants[0].actions[0]: 'rds:*' is not an action such as rds:RebootDBInstance (no "
        "wildcards)",
    ),
    (
        "grant_too_long",
        _set("grants.0.approved_at", "2027-01-08T17:59:59Z"),
        "grants[0].not_after: 2027-01-15T18:00:00Z is more than 7 days after approved_at "
        "2027-01-08T17:59:59Z",
    ),
    (
        "grant_approved_after_end",
        _set("grants.0.approved_at", "2027-01-16T00:00:00Z"),
        "grants[0].not_after: 2027-01-15T18:00:00Z is not later than approved_at "
        "2027-01-16T00:00:00Z",
    ),
    (
        "grant_role",
        _set("grants.0.role", "root"),
        "grants[0].role: 'root' is not one of 'developer', 'operator' or 'administrator'",
    ),
    ("grant_without_actions", _set("grants.0.actions", []), "grants[0].actions: must not be empty"),
    (
        "grant_approver",
        _set("grants.0.approved_by", "jane"),
        "grants[0].approved_by: 'jane' is not an email address",
    ),
    ("grant_ticket_missing", _drop("grants.0.ticket"), "grants[0].ticket: required"),
    (
        "retention_short",
        _set("monitoring.log_retention_days", 30),
        "monitoring.log_retention_days: 30 is below the 90-day minimum",
    ),
    (
        "retention_value",
        _set("monitoring.log_retention_days", 100),
        "monitoring.log_retention_days: 100 is not a CloudWatch Logs retention value (90, 120, "
        "150, 180, 365, ...)",
    ),
    (
        "retention_text",
        _set("monitoring.log_retention_days", "365"),
        "monitoring.log_retention_days: '365' is not a number of days",
    ),
    (
        "siem_http",
        _set("monitoring.siem_endpoint", "http://siem.example.com"),
        "monitoring.siem_endpoint: 'http://siem.example.com' is not an https:// URL",
    ),
    (
        "siem_credentials",
        _set("monitoring.siem_endpoint", "https://u:p@siem.example.com/"),
        "monitoring.siem_endpoint: 'https://u:p@siem.example.com/' embeds credentials; keep "
        "them out of the blueprint",
    ),
    (
        "alert_emails_empty",
        _set("monitoring.alert_emails", []),
        "monitoring.alert_emails: must not be empty",
    ),
    (
        "trail_bucket_is_data",
        _set("monitoring.trail_bucket", "example-prod-data"),
        "monitoring.trail_bucket: 'example-prod-data' is declared as a data bucket; the trail "
        "bucket holds logs",
    ),
    (
        "mfa_tag_value_boolean",
        _set("identity_center.mfa_session_tag.value", True),
        "identity_center.mfa_session_tag.value: true is not a tag value (1 to 256 of letters, "
        "digits, space, _.:/=+-@)",
    ),
]


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_validate_blueprint_reports_key_path_and_problem(
    broken_prod: Broken, change: Change, expected: str
) -> None:
    assert broken_prod(change) == f"blueprint prod.yaml: {expected}"


def test_validate_blueprint_counts_further_problems(broken_prod: Broken) -> None:
    def change(data: Data) -> None:
        data["sessions"]["developer"] = "6h"
        data["account_id"] = "1"
        data["tier"] = "prd"

    assert broken_prod(change) == (
        "blueprint prod.yaml: tier: 'prd' is not one of 'development', 'staging', 'production' "
        "or 'logging' (and 2 more problems)"
    )


def test_validate_blueprint_non_string_key(broken_prod: Broken) -> None:
    message = broken_prod(lambda data: data["sessions"].update({5: "1h"}))
    assert message == "blueprint prod.yaml: sessions: key 5 is not a string"


def test_validate_blueprint_bad_map_key(broken_prod: Broken) -> None:
    message = broken_prod(lambda data: data["organization"]["accounts"].update(Dev="111111111111"))
    assert message == (
        "blueprint prod.yaml: organization.accounts: 'Dev' is not a short lowercase identifier "
        "such as prod (letters, digits, inner hyphens; 16 at most)"
    )


def test_validate_blueprint_logging_tier_refuses_developer() -> None:
    data = shipped_data("logging")
    data["identity_center"]["permission_sets"]["developer"] = "ZtiamDeveloper"
    assert problem_of(data, "logging.yaml") == (
        "blueprint logging.yaml: identity_center.permission_sets.developer: the logging tier "
        "has no developer role"
    )


def test_validate_blueprint_logging_tier_refuses_developer_session() -> None:
    data = shipped_data("logging")
    data["sessions"]["developer"] = "1h"
    assert problem_of(data, "logging.yaml") == (
        "blueprint logging.yaml: sessions.developer: the logging tier has no developer role"
    )


def test_validate_blueprint_logging_tier_refuses_business_hours() -> None:
    data = shipped_data("logging")
    data["business_hours"] = shipped_data("prod")["business_hours"] | {"roles": ["operator"]}
    assert problem_of(data, "logging.yaml") == (
        "blueprint logging.yaml: business_hours: the logging tier has no business hours"
    )


def test_validate_blueprint_logging_tier_refuses_developer_grant() -> None:
    data = shipped_data("logging")
    data["grants"] = [shipped_data("prod")["grants"][0] | {"role": "developer"}]
    assert problem_of(data, "logging.yaml") == (
        "blueprint logging.yaml: grants[0].role: the logging tier has no developer role"
    )


def test_validate_blueprint_logging_tier_needs_its_trail_bucket() -> None:
    data = shipped_data("logging")
    data["buckets"] = []
    assert problem_of(data, "logging.yaml") == (
        "blueprint logging.yaml: monitoring.trail_bucket: 'example-org-cloudtrail-archive' "
        "must be declared under buckets with class logs in the logging tier"
    )


def test_validate_blueprint_partner_bucket_must_hold_data() -> None:
    data = shipped_data("logging")
    data["external_access"][0] |= {"kind": "partner", "buckets": ["example-org-cloudtrail-archive"]}
    assert problem_of(data, "logging.yaml") == (
        "blueprint logging.yaml: external_access[0].buckets[0]: 'example-org-cloudtrail-archive' "
        "is a logs bucket; partners use data buckets"
    )


def test_validate_blueprint_top_level_not_a_mapping() -> None:
    from ztiam.blueprint import validate_blueprint
    from ztiam.errors import BlueprintError

    with pytest.raises(
        BlueprintError, match=r"^blueprint x: the top level is a list, not a mapping$"
    ):
        validate_blueprint([], "x")
