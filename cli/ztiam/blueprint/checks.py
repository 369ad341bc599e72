"""Rules that tie several blueprint keys together; each rejects with the culprit's key path."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import TYPE_CHECKING

from ztiam.blueprint.fields import fail, format_duration, format_timestamp

if TYPE_CHECKING:
    from ztiam.blueprint.model import Blueprint, Grant

GRANT_MAX_SPAN = timedelta(days=7)
ENHANCED_MONITORING = "monitoring.rds.amazonaws.com"
_ENHANCED_MONITORING_ROLE = "RDS enhanced monitoring uses an ordinary role"


def grant_span(grant: Grant) -> None:
    """A grant ends after its approval and at most 7 days later."""
    if grant.approved_at is None:
        return
    end, start = format_timestamp(grant.not_after), format_timestamp(grant.approved_at)
    if grant.not_after <= grant.approved_at:
        fail(f"{end} is not later than approved_at {start}", "not_after")
    if grant.not_after - grant.approved_at > GRANT_MAX_SPAN:
        fail(f"{end} is more than 7 days after approved_at {start}", "not_after")


def blueprint(bp: Blueprint) -> None:
    """Run every cross-key rule, in the order the keys appear in a blueprint."""
    for rule in _RULES:
        rule(bp)


def _unique_names(names: Iterable[str], section: str, key: str = "name") -> None:
    first: dict[str, int] = {}
    for index, name in enumerate(names):
        if name in first:
            fail(f"{name!r} is already used by {section}[{first[name]}]", section, index, key)
        first[name] = index


def _regions(bp: Blueprint) -> None:
    if bp.region not in bp.allowed_regions:
        fail(f"does not include the home region {bp.region}", "allowed_regions")


def _organization(bp: Blueprint) -> None:
    accounts = bp.organization.accounts
    if bp.environment not in accounts:
        fail(f"has no entry for this environment {bp.environment!r}", "organization", "accounts")
    listed = accounts[bp.environment]
    if listed != bp.account_id:
        at = ("organization", "accounts", bp.environment)
        fail(f"'{listed}' differs from account_id '{bp.account_id}'", *at)


def _developer_tier(bp: Blueprint) -> None:
    places = [
        (bp.identity_center.permission_sets.developer, "identity_center", "permission_sets"),
        (bp.sessions.developer, "sessions"),
    ]
    for value, *parents in places:
        path = (*parents, "developer")
        if bp.tier == "logging" and value is not None:
            fail("the logging tier has no developer role", *path)
        if bp.tier != "logging" and value is None:
            fail(f"required in the {bp.tier} tier", *path)


def _permission_sets(bp: Blueprint) -> None:
    sets = bp.identity_center.permission_sets
    seen: dict[str, str] = {}
    for tier in ("developer", "operator", "administrator"):
        name = getattr(sets, tier)
        if name in seen:
            at = ("identity_center", "permission_sets", tier)
            fail(f"{name!r} is already the {seen[name]} permission set", *at)
        if name is not None:
            seen[name] = tier


def _role_names(bp: Blueprint) -> None:
    roles = [(bp.pipeline_role, ("pipeline_role",)), (bp.break_glass_role, ("break_glass_role",))]
    for kind, role in bp.service_roles:
        if role is not None:
            alias = "lambda" if kind == "lambda_" else kind
            roles.append((role.name, ("service_roles", alias, "name")))
    owner: dict[str, str] = {}
    if bp.window_renewer_role:
        owner[bp.window_renewer_role] = "the business-hours window renewer"
    for name, path in roles:
        if name in owner:
            fail(f"{name!r} is already the name of {owner[name]}", *path)
        owner[name] = ".".join(path)


def _logging_tier(bp: Blueprint) -> None:
    if bp.tier != "logging":
        return
    if bp.business_hours is not None:
        fail("the logging tier has no business hours", "business_hours")
    for index, grant in enumerate(bp.grants):
        if grant.role == "developer":
            fail("the logging tier has no developer role", "grants", index, "role")


def _buckets(bp: Blueprint) -> None:
    _unique_names((bucket.name for bucket in bp.buckets), "buckets")
    for index, bucket in enumerate(bp.buckets):
        if bucket.class_ == "data" and bucket.window is None:
            message = "required for a data bucket: its policy denies access outside the window"
            fail(message, "buckets", index, "window")


def _declared(bp: Blueprint, names: list[str], *path: str | int) -> None:
    declared = {bucket.name for bucket in bp.buckets}
    for index, name in enumerate(names):
        if name not in declared:
            fail(f"{name!r} is not a bucket declared under buckets", *path, index)


def _external_access(bp: Blueprint) -> None:
    _unique_names((entry.name for entry in bp.external_access), "external_access")
    for index, entry in enumerate(bp.external_access):
        at = ("external_access", index)
        if entry.account_id == bp.account_id:
            fail(f"'{entry.account_id}' is this blueprint's own account", *at, "account_id")
        if entry.max_session > bp.sessions.external:
            limit, asked = (format_duration(s) for s in (bp.sessions.external, entry.max_session))
            fail(f"{asked} exceeds sessions.external ({limit})", *at, "max_session")
        _external_buckets(bp, entry.kind, entry.buckets, at)


def _external_buckets(bp: Blueprint, kind: str, names: list[str], at: tuple) -> None:
    if kind == "auditor" and names:
        fail("auditors read audit evidence only; buckets are for partners", *at, "buckets")
    if kind == "partner" and not names:
        fail("required for a partner: the declared buckets it may use", *at, "buckets")
    _declared(bp, names, *at, "buckets")
    classes = {bucket.name: bucket.class_ for bucket in bp.buckets}
    for index, name in enumerate(names):
        if classes[name] != "data":
            message = f"{name!r} is a {classes[name]} bucket; partners use data buckets"
            fail(message, *at, "buckets", index)


def _service_roles(bp: Blueprint) -> None:
    for kind in ("ec2", "lambda"):
        role = bp.service_roles.ec2 if kind == "ec2" else bp.service_roles.lambda_
        if role is not None:
            _declared(bp, role.buckets, "service_roles", kind, "buckets")


def _service_linked_roles(bp: Blueprint) -> None:
    seen: dict[tuple[str, str | None], int] = {}
    for index, role in enumerate(bp.service_linked_roles):
        at = ("service_linked_roles", index)
        if role.service == ENHANCED_MONITORING:
            fail(
                f"{_ENHANCED_MONITORING_ROLE}: declare service_roles.rds_monitoring", *at, "service"
            )
        key = (role.service, role.suffix)
        if key in seen:
            fail(f"the same role as service_linked_roles[{seen[key]}]", *at)
        seen[key] = index


def _grants(bp: Blueprint) -> None:
    _unique_names((grant.name for grant in bp.grants), "grants")


def _trail_bucket(bp: Blueprint) -> None:
    name, at = bp.monitoring.trail_bucket, ("monitoring", "trail_bucket")
    classes = {bucket.name: bucket.class_ for bucket in bp.buckets}
    if bp.tier == "logging" and name not in classes:
        fail(f"{name!r} must be declared under buckets with class logs in the logging tier", *at)
    if classes.get(name, "logs") != "logs":
        fail(f"{name!r} is declared as a {classes[name]} bucket; the trail bucket holds logs", *at)


_RULES: tuple[Callable[[Blueprint], None], ...] = (
    _regions,
    _organization,
    _developer_tier,
    _permission_sets,
    _role_names,
    _logging_tier,
    _buckets,
    _external_access,
    _service_roles,
    _service_linked_roles,
    _grants,
    _trail_bucket,
)
