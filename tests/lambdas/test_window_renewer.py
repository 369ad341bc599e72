"""The business-hours renewer against moto's IAM, across DST changes in America/New_York."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time
from typing import Any

import boto3
import pytest
from lambda_support import load_handler

renewer = load_handler("window_renewer")

ROLES = ("ztiam-prod-developer", "ztiam-prod-operator")
POLICY = "ztiam-business-hours"
TRIGGER = {"id": "run-1", "source": "aws.events", "detail-type": "Scheduled Event"}
TARGETS = renewer.Targets(ROLES, ("us-east-1",), ("iam:*", "sts:*"))
TRUST = json.dumps({"Version": "2012-10-17", "Statement": []})


def utc(text: str) -> datetime:
    """Parse an ISO 8601 UTC instant."""
    return datetime.fromisoformat(text)


@pytest.fixture
def iam(aws: None, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Governed roles carrying the closed window Terraform creates; the renewer configured."""
    client = boto3.client("iam")
    closed = json.dumps(renewer.closed_document(TARGETS))
    for role in ROLES:
        client.create_role(RoleName=role, AssumeRolePolicyDocument=TRUST)
        client.put_role_policy(RoleName=role, PolicyName=POLICY, PolicyDocument=closed)
    environment = {
        "ROLE_NAMES": ",".join(ROLES),
        "TIME_ZONE": "America/New_York",
        "DAYS": "mon,tue,wed,thu,fri",
        "START": "07:00",
        "END": "19:00",
        "ALLOWED_REGIONS": "us-east-1",
        "GLOBAL_SERVICES": "iam:*,sts:*",
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return client


def run_at(monkeypatch: pytest.MonkeyPatch, instant: str) -> dict[str, Any]:
    """Invoke the handler as if the clock read the given UTC instant."""
    monkeypatch.setattr(renewer, "utc_now", lambda: utc(instant))
    return renewer.handler(TRIGGER, None)


def document(iam: Any, role: str) -> dict[str, Any]:
    """The role's current window document."""
    return iam.get_role_policy(RoleName=role, PolicyName=POLICY)["PolicyDocument"]


def window(iam: Any, role: str) -> tuple[str, str]:
    """The (start, end) UTC instants of the role's open window."""
    statements = {s["Sid"]: s for s in document(iam, role)["Statement"]}
    start = statements["DenyBeforeWindow"]["Condition"]["DateLessThan"]["aws:CurrentTime"]
    end = statements["DenyAfterWindow"]["Condition"]["DateGreaterThan"]["aws:CurrentTime"]
    return start, end


@pytest.mark.parametrize(
    ("now", "start", "end"),
    [
        # Friday before DST starts (EST, UTC-5), then Monday after it (EDT, UTC-4).
        ("2026-03-06T10:00:00Z", "2026-03-06T12:00:00Z", "2026-03-07T00:00:00Z"),
        ("2026-03-09T10:00:00Z", "2026-03-09T11:00:00Z", "2026-03-09T23:00:00Z"),
        # Friday before DST ends (EDT), then Monday after it (EST).
        ("2026-10-30T10:00:00Z", "2026-10-30T11:00:00Z", "2026-10-30T23:00:00Z"),
        ("2026-11-02T10:00:00Z", "2026-11-02T12:00:00Z", "2026-11-03T00:00:00Z"),
        # 19:30 local on Monday is already Tuesday in UTC: still Monday's window, now past its end.
        ("2026-11-03T00:30:00Z", "2026-11-02T12:00:00Z", "2026-11-03T00:00:00Z"),
    ],
)
def test_window_is_todays_local_hours_as_utc_instants(
    iam: Any, monkeypatch: pytest.MonkeyPatch, now: str, start: str, end: str
) -> None:
    result = run_at(monkeypatch, now)

    assert result["outcomes"] == {role: "written" for role in ROLES}
    assert {window(iam, role) for role in ROLES} == {(start, end)}


@pytest.mark.parametrize(
    ("now", "start", "end"),
    [
        ("2026-03-08T15:00:00Z", "2026-03-08T11:00:00Z", "2026-03-08T23:00:00Z"),
        ("2026-11-01T15:00:00Z", "2026-11-01T12:00:00Z", "2026-11-02T00:00:00Z"),
    ],
)
def test_window_on_the_day_of_the_change_uses_that_days_offsets(
    iam: Any, monkeypatch: pytest.MonkeyPatch, now: str, start: str, end: str
) -> None:
    monkeypatch.setenv("DAYS", "sun")

    run_at(monkeypatch, now)

    assert window(iam, ROLES[0]) == (start, end)


def test_weekend_gives_a_closed_window(iam: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    run_at(monkeypatch, "2026-03-09T10:00:00Z")

    result = run_at(monkeypatch, "2026-03-07T15:00:00Z")

    assert result["outcomes"] == {role: "written" for role in ROLES}
    [closed, region_deny] = document(iam, ROLES[0])["Statement"]
    assert closed["Condition"] == {"DateGreaterThan": {"aws:CurrentTime": "2000-01-01T00:00:00Z"}}
    assert (closed["Effect"], closed["Action"], closed["Resource"]) == ("Deny", "*", "*")
    assert region_deny["Sid"] == "DenyOutsideAllowedRegions"


def test_every_document_carries_the_region_deny(iam: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    run_at(monkeypatch, "2026-03-09T10:00:00Z")

    region_deny = document(iam, ROLES[0])["Statement"][-1]
    assert region_deny == {
        "Sid": "DenyOutsideAllowedRegions",
        "Effect": "Deny",
        "NotAction": ["iam:*", "sts:*"],
        "Resource": "*",
        "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["us-east-1"]}},
    }


def test_missing_window_is_recreated_closed_then_renewed(
    iam: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    iam.delete_role_policy(RoleName=ROLES[1], PolicyName=POLICY)

    first = run_at(monkeypatch, "2026-03-09T15:00:00Z")

    assert first["outcomes"] == {ROLES[0]: "written", ROLES[1]: "recreated-closed"}
    assert document(iam, ROLES[1]) == renewer.closed_document(TARGETS)
    second = run_at(monkeypatch, "2026-03-09T15:15:00Z")
    assert second["outcomes"] == {ROLES[0]: "unchanged", ROLES[1]: "written"}
    assert window(iam, ROLES[1]) == ("2026-03-09T11:00:00Z", "2026-03-09T23:00:00Z")


def test_repeated_runs_write_nothing_new(iam: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    run_at(monkeypatch, "2026-03-09T10:00:00Z")

    result = run_at(monkeypatch, "2026-03-09T10:15:00Z")

    assert result["outcomes"] == {role: "unchanged" for role in ROLES}


def test_missing_role_fails_the_run_after_renewing_the_others(
    iam: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROLE_NAMES", f"ztiam-prod-gone,{ROLES[0]}")

    with pytest.raises(renewer.RenewalError, match="ztiam-prod-gone"):
        run_at(monkeypatch, "2026-03-09T10:00:00Z")

    assert window(iam, ROLES[0]) == ("2026-03-09T11:00:00Z", "2026-03-09T23:00:00Z")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TIME_ZONE", "America/Nowhere"),
        ("TIME_ZONE", "../etc/passwd"),
        ("DAYS", "mon,funday"),
        ("START", "7am"),
        ("END", "06:00"),
    ],
)
def test_invalid_business_hours_close_every_window_and_fail(
    iam: Any, monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    run_at(monkeypatch, "2026-03-09T10:00:00Z")
    monkeypatch.setenv(name, value)

    with pytest.raises(renewer.ConfigError):
        run_at(monkeypatch, "2026-03-09T10:15:00Z")

    assert {json.dumps(document(iam, role)) for role in ROLES} == {
        json.dumps(renewer.closed_document(TARGETS))
    }


@pytest.mark.parametrize("event", [None, "tick", ["tick"], 15])
def test_non_object_events_are_ignored(iam: Any, event: Any) -> None:
    before = document(iam, ROLES[0])

    assert renewer.handler(event, None) == {"status": "ignored"}

    assert document(iam, ROLES[0]) == before


def test_window_follows_the_local_date_not_the_utc_date() -> None:
    schedule = renewer.Schedule(
        renewer.load_zone("America/New_York"), frozenset({4}), time(7), time(19)
    )

    friday_evening_utc_saturday = datetime(2026, 3, 7, 1, 0, tzinfo=UTC)

    assert renewer.window_for(friday_evening_utc_saturday, schedule) == (
        utc("2026-03-06T12:00:00Z"),
        utc("2026-03-07T00:00:00Z"),
    )
