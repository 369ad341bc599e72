"""The grant revoker against moto's IAM and SNS."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from lambda_support import AlertInbox, load_handler

revoker = load_handler("grant_revoker")

GRANT = "inc-4711-db-failover"
ROLE = f"ztiam-prod-grant-{GRANT}"
REQUEST = {"action": "revoke", "grant": GRANT}
EXPIRY = datetime(2027, 1, 15, 18, 0, 2, tzinfo=UTC)
ALLOW_ALL = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "rds:RebootDBInstance", "Resource": "*"}],
    }
)


@pytest.fixture
def grant_role(alerts: AlertInbox, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A grant role with its grant policy and one more inline policy; the revoker configured."""
    iam = boto3.client("iam")
    iam.create_role(RoleName=ROLE, AssumeRolePolicyDocument=ALLOW_ALL)
    for name in ("ztiam-grant", "added-by-hand"):
        iam.put_role_policy(RoleName=ROLE, PolicyName=name, PolicyDocument=ALLOW_ALL)
    monkeypatch.setenv("GRANT_NAME", GRANT)
    monkeypatch.setenv("GRANT_ROLE_NAME", ROLE)
    monkeypatch.setenv("ALERT_TOPIC_ARN", alerts.topic_arn)
    monkeypatch.setenv("ZTIAM_ENVIRONMENT", "prod")
    monkeypatch.setattr(revoker, "utc_now", lambda: EXPIRY)
    return iam


def inline_policies(iam: Any) -> list[str]:
    """Names of the grant role's inline policies."""
    return sorted(iam.list_role_policies(RoleName=ROLE)["PolicyNames"])


def test_revocation_denies_earlier_sessions_and_removes_other_policies(
    grant_role: Any, alerts: AlertInbox
) -> None:
    result = revoker.handler(REQUEST, None)

    assert inline_policies(grant_role) == ["ztiam-revoked"]
    document = grant_role.get_role_policy(RoleName=ROLE, PolicyName="ztiam-revoked")
    [statement] = document["PolicyDocument"]["Statement"]
    assert (statement["Effect"], statement["Action"], statement["Resource"]) == ("Deny", "*", "*")
    assert statement["Condition"] == {
        "DateLessThan": {"aws:TokenIssueTime": "2027-01-15T18:00:02Z"}
    }
    assert result["removed_policies"] == ["added-by-hand", "ztiam-grant"]
    [alert] = alerts.messages()
    assert (alert["grant"], alert["status"]) == (GRANT, "revoked")
    assert alert["sessions_issued_before"] == "2027-01-15T18:00:02Z"


def test_revocation_repeated_keeps_only_the_deny(
    grant_role: Any, alerts: AlertInbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    revoker.handler(REQUEST, None)
    later = datetime(2027, 1, 15, 18, 5, tzinfo=UTC)
    monkeypatch.setattr(revoker, "utc_now", lambda: later)

    result = revoker.handler(REQUEST, None)

    assert inline_policies(grant_role) == ["ztiam-revoked"]
    assert result["removed_policies"] == []
    document = grant_role.get_role_policy(RoleName=ROLE, PolicyName="ztiam-revoked")
    condition = document["PolicyDocument"]["Statement"][0]["Condition"]
    assert condition["DateLessThan"]["aws:TokenIssueTime"] == "2027-01-15T18:05:00Z"
    assert [alert["status"] for alert in alerts.messages()] == ["revoked", "revoked"]


@pytest.mark.parametrize(
    "event",
    [
        None,
        "revoke",
        [REQUEST],
        {},
        {"action": "revoke"},
        {"action": "revoke", "grant": "another-grant"},
        {"action": "extend", "grant": GRANT},
    ],
)
def test_other_or_malformed_events_change_nothing(
    grant_role: Any, alerts: AlertInbox, event: Any
) -> None:
    assert revoker.handler(event, None) == {"status": "ignored"}

    assert inline_policies(grant_role) == ["added-by-hand", "ztiam-grant"]
    assert alerts.messages() == []


def test_missing_role_is_reported_not_raised(grant_role: Any, alerts: AlertInbox) -> None:
    for name in inline_policies(grant_role):
        grant_role.delete_role_policy(RoleName=ROLE, PolicyName=name)
    grant_role.delete_role(RoleName=ROLE)

    result = revoker.handler(REQUEST, None)

    assert result == {"status": "role-missing", "role": ROLE}
    assert [alert["status"] for alert in alerts.messages()] == ["role-missing"]


def test_incomplete_environment_fails_loudly(
    grant_role: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GRANT_ROLE_NAME")

    with pytest.raises(revoker.ConfigError, match="GRANT_ROLE_NAME"):
        revoker.handler(REQUEST, None)
