"""Renew the business-hours window on the governed roles.

Each run computes today's window in the configured IANA time zone and writes it, as two Deny
statements on absolute UTC instants plus the region deny, into the inline policy
`ztiam-business-hours` of every governed role. Outside business days the window is closed. If
runs stop, the last window written stays in force, so the roles are shut after its end.
"""

from __future__ import annotations

import json
import os
import re
import urllib.parse
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import boto3
from botocore.exceptions import ClientError

POLICY_NAME = "ztiam-business-hours"
CLOSED_SINCE = "2000-01-01T00:00:00Z"
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CLOCK = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")


class ConfigError(RuntimeError):
    """The function's environment is incomplete or invalid."""


class RenewalError(RuntimeError):
    """At least one governed role could not be renewed."""


@dataclass(frozen=True)
class Targets:
    """The roles to govern and the region deny every document carries."""

    role_names: tuple[str, ...]
    allowed_regions: tuple[str, ...]
    global_services: tuple[str, ...]


@dataclass(frozen=True)
class Schedule:
    """The recurring business hours, in local wall-clock time."""

    zone: ZoneInfo
    days: frozenset[int]
    start: time
    end: time


def log(level: str, message: str, **fields: Any) -> None:
    """Write one structured JSON log line."""
    record = {"level": level, "message": message, "function": "window-renewer", **fields}
    print(json.dumps(record, default=str, sort_keys=True))


def utc_now() -> datetime:
    """Return the current instant in UTC."""
    return datetime.now(UTC)


def iso(instant: datetime) -> str:
    """Format an instant as the ISO 8601 UTC form IAM date conditions take."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def split_list(environ: dict[str, str], name: str) -> tuple[str, ...]:
    """Read a non-empty comma-separated list from the environment."""
    items = tuple(item.strip() for item in environ.get(name, "").split(",") if item.strip())
    if not items:
        raise ConfigError(f"environment variable {name} is missing or empty")
    return items


def load_targets(environ: dict[str, str]) -> Targets:
    """Read the governed roles and the region deny lists."""
    return Targets(
        role_names=split_list(environ, "ROLE_NAMES"),
        allowed_regions=split_list(environ, "ALLOWED_REGIONS"),
        global_services=split_list(environ, "GLOBAL_SERVICES"),
    )


def parse_clock(value: str, name: str) -> time:
    """Parse an HH:MM wall-clock time."""
    match = CLOCK.match(value)
    if not match:
        raise ConfigError(f"{name} {value!r} is not a HH:MM time")
    return time(int(match.group(1)), int(match.group(2)))


def parse_days(values: tuple[str, ...]) -> frozenset[int]:
    """Turn day names (mon..sun) into weekday numbers (0..6)."""
    unknown = [day for day in values if day.lower() not in DAY_NAMES]
    if unknown:
        raise ConfigError(f"DAYS has unknown day names: {', '.join(unknown)}")
    return frozenset(DAY_NAMES.index(day.lower()) for day in values)


def load_zone(name: str) -> ZoneInfo:
    """Load an IANA time zone by name."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ConfigError(f"TIME_ZONE {name!r} is not a known IANA time zone") from error


def load_schedule(environ: dict[str, str]) -> Schedule:
    """Read and check the business hours from the environment."""
    start = parse_clock(environ.get("START", ""), "START")
    end = parse_clock(environ.get("END", ""), "END")
    if end <= start:
        raise ConfigError(f"END {end:%H:%M} is not after START {start:%H:%M}")
    days = parse_days(split_list(environ, "DAYS"))
    return Schedule(load_zone(environ.get("TIME_ZONE", "")), days, start, end)


def window_for(now: datetime, schedule: Schedule) -> tuple[datetime, datetime] | None:
    """Return today's window as UTC instants, or None when today is not a business day."""
    today: date = now.astimezone(schedule.zone).date()
    if today.weekday() not in schedule.days:
        return None
    start = datetime.combine(today, schedule.start, tzinfo=schedule.zone)
    end = datetime.combine(today, schedule.end, tzinfo=schedule.zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def deny_all(sid: str, operator: str, instant: str) -> dict[str, Any]:
    """A statement denying every action on one side of an instant."""
    condition = {operator: {"aws:CurrentTime": instant}}
    return {"Sid": sid, "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": condition}


def region_deny(targets: Targets) -> dict[str, Any]:
    """The region deny every ztiam policy carries."""
    return {
        "Sid": "DenyOutsideAllowedRegions",
        "Effect": "Deny",
        "NotAction": list(targets.global_services),
        "Resource": "*",
        "Condition": {"StringNotEquals": {"aws:RequestedRegion": list(targets.allowed_regions)}},
    }


def closed_document(targets: Targets) -> dict[str, Any]:
    """A window that is shut: deny everything since 2000."""
    statements = [deny_all("WindowClosed", "DateGreaterThan", CLOSED_SINCE), region_deny(targets)]
    return {"Version": "2012-10-17", "Statement": statements}


def window_document(window: tuple[datetime, datetime], targets: Targets) -> dict[str, Any]:
    """A window open between two UTC instants and shut on either side."""
    statements = [
        deny_all("DenyBeforeWindow", "DateLessThan", iso(window[0])),
        deny_all("DenyAfterWindow", "DateGreaterThan", iso(window[1])),
        region_deny(targets),
    ]
    return {"Version": "2012-10-17", "Statement": statements}


def desired_document(now: datetime, schedule: Schedule, targets: Targets) -> dict[str, Any]:
    """The document every governed role should carry at this instant."""
    window = window_for(now, schedule)
    return closed_document(targets) if window is None else window_document(window, targets)


def error_code(error: ClientError) -> str:
    """Return the AWS error code of a client error."""
    return str(error.response.get("Error", {}).get("Code", ""))


def read_policy(iam: Any, role_name: str) -> dict[str, Any] | None:
    """Return the role's current window document, or None when it is missing."""
    try:
        document = iam.get_role_policy(RoleName=role_name, PolicyName=POLICY_NAME)["PolicyDocument"]
    except ClientError as error:
        if error_code(error) == "NoSuchEntity":
            return None
        raise
    if isinstance(document, str):
        document = json.loads(urllib.parse.unquote(document))
    return document


def write_policy(iam: Any, role_name: str, document: dict[str, Any]) -> None:
    """Put the window document on the role."""
    text = json.dumps(document, separators=(",", ":"))
    iam.put_role_policy(RoleName=role_name, PolicyName=POLICY_NAME, PolicyDocument=text)


def renew_role(iam: Any, role_name: str, desired: dict[str, Any], closed: dict[str, Any]) -> str:
    """Bring one role's window up to date; a missing window comes back closed."""
    current = read_policy(iam, role_name)
    if current is None:
        write_policy(iam, role_name, closed)
        return "recreated-closed"
    if current == desired:
        return "unchanged"
    write_policy(iam, role_name, desired)
    return "written"


def renew_all(iam: Any, names: tuple[str, ...], desired: dict, closed: dict) -> dict[str, str]:
    """Renew every governed role, recording failures instead of stopping at the first."""
    outcomes: dict[str, str] = {}
    for name in names:
        try:
            outcomes[name] = renew_role(iam, name, desired, closed)
        except ClientError as error:
            outcomes[name] = f"failed: {error_code(error)}"
        level = "ERROR" if outcomes[name].startswith("failed") else "INFO"
        log(level, "window renewal", role=name, outcome=outcomes[name])
    return outcomes


def close_all(iam: Any, targets: Targets) -> None:
    """Shut the window on every governed role after a configuration error."""
    closed = closed_document(targets)
    for name in targets.role_names:
        try:
            write_policy(iam, name, closed)
        except ClientError as error:
            log("ERROR", "could not close window", role=name, error=error_code(error))


def describe_trigger(event: Any) -> dict[str, Any]:
    """Summarise the triggering event for the log; its content is never trusted."""
    if not isinstance(event, dict):
        return {"type": type(event).__name__}
    return {"id": event.get("id"), "source": event.get("source"), "time": event.get("time")}


def load_schedule_or_close(iam: Any, targets: Targets) -> Schedule:
    """Read the business hours; if they are invalid, shut every window before failing."""
    try:
        return load_schedule(dict(os.environ))
    except ConfigError as error:
        log("ERROR", "invalid business hours; closing every window", error=str(error))
        close_all(iam, targets)
        raise


def handler(event: Any, context: Any) -> dict[str, Any]:
    """Write today's window (or a closed one) into every governed role."""
    if not isinstance(event, dict):
        log("WARNING", "event ignored: not a JSON object", trigger=describe_trigger(event))
        return {"status": "ignored"}
    iam = boto3.client("iam")
    targets = load_targets(dict(os.environ))
    schedule = load_schedule_or_close(iam, targets)
    desired = desired_document(utc_now(), schedule, targets)
    outcomes = renew_all(iam, targets.role_names, desired, closed_document(targets))
    failed = sorted(name for name, outcome in outcomes.items() if outcome.startswith("failed"))
    if failed:
        raise RenewalError(f"window not renewed on: {', '.join(failed)}")
    log("INFO", "renewal finished", trigger=describe_trigger(event), outcomes=outcomes)
    return {"status": "renewed", "outcomes": outcomes}
