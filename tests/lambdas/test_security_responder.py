"""The security responder against moto's CloudTrail, IAM and SNS."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from lambda_support import AlertInbox, load_handler

responder = load_handler("security_responder")

TRAIL = "ztiam-prod"
ACTOR = {"type": "AssumedRole", "arn": "arn:aws:sts::123456789012:assumed-role/intruder/s"}


def api_event(source: str, name: str, request: dict, **detail: Any) -> dict[str, Any]:
    """An EventBridge 'AWS API Call via CloudTrail' event."""
    body = {
        "eventSource": source,
        "eventName": name,
        "requestParameters": request,
        "userIdentity": ACTOR,
        **detail,
    }
    return {
        "id": "1",
        "source": source.split(".")[0],
        "detail-type": "AWS API Call via CloudTrail",
        "detail": body,
    }


@pytest.fixture
def trail(alerts: AlertInbox, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The ztiam trail, stopped, and a second trail; the responder configured."""
    boto3.client("s3").create_bucket(Bucket="ztiam-trail-archive")
    cloudtrail = boto3.client("cloudtrail")
    arns = {
        name: cloudtrail.create_trail(Name=name, S3BucketName="ztiam-trail-archive")["TrailARN"]
        for name in (TRAIL, "someone-elses")
    }
    monkeypatch.setenv("ZTIAM_ENVIRONMENT", "prod")
    monkeypatch.setenv("TRAIL_NAME", TRAIL)
    monkeypatch.setenv("TRAIL_ARN", arns[TRAIL])
    monkeypatch.setenv("ALERT_TOPIC_ARN", alerts.topic_arn)
    monkeypatch.setenv("APPROVAL_TAG_KEY", "ztiam:approved-by")
    return {"client": cloudtrail, "arn": arns[TRAIL]}


def is_logging(trail: dict[str, Any], name: str = TRAIL) -> bool:
    """Whether the named trail is logging."""
    return trail["client"].get_trail_status(Name=name)["IsLogging"]


@pytest.mark.parametrize("name", ["StopLogging", "UpdateTrail"])
@pytest.mark.parametrize("named_by", ["name", "arn"])
def test_trail_changes_restart_logging(
    trail: dict[str, Any], alerts: AlertInbox, name: str, named_by: str
) -> None:
    target = TRAIL if named_by == "name" else trail["arn"]

    result = responder.handler(api_event("cloudtrail.amazonaws.com", name, {"name": target}), None)

    assert result["status"] == "responded"
    assert is_logging(trail)
    [alert] = alerts.messages()
    assert (alert["kind"], alert["outcome"]) == (name, "logging-restarted")
    assert alert["actor"] == ACTOR["arn"]


def test_other_trails_are_left_alone(trail: dict[str, Any], alerts: AlertInbox) -> None:
    event = api_event("cloudtrail.amazonaws.com", "StopLogging", {"name": "someone-elses"})

    assert responder.handler(event, None)["status"] == "ignored"

    assert not is_logging(trail, "someone-elses")
    assert alerts.messages() == []


def test_deleted_trail_is_reported_as_not_restartable(
    trail: dict[str, Any], alerts: AlertInbox
) -> None:
    trail["client"].delete_trail(Name=TRAIL)

    responder.handler(api_event("cloudtrail.amazonaws.com", "DeleteTrail", {"name": TRAIL}), None)

    [alert] = alerts.messages()
    assert alert["outcome"].startswith("restart-failed: ")


@pytest.fixture
def user_key(trail: dict[str, Any]) -> dict[str, Any]:
    """An IAM user with a fresh active access key."""
    iam = boto3.client("iam")
    iam.create_user(UserName="alice")
    key = iam.create_access_key(UserName="alice")["AccessKey"]["AccessKeyId"]
    return {"client": iam, "key": key}


def key_created(key: str, request: dict, identity: dict = ACTOR) -> dict[str, Any]:
    """A CreateAccessKey event for the given key."""
    response = {"accessKey": {"accessKeyId": key, "status": "Active"}}
    return api_event(
        "iam.amazonaws.com",
        "CreateAccessKey",
        request,
        responseElements=response,
        userIdentity=identity,
    )


def key_status(user_key: dict[str, Any]) -> str:
    """Status of the user's only key."""
    [key] = user_key["client"].list_access_keys(UserName="alice")["AccessKeyMetadata"]
    return key["Status"]


def test_new_access_key_is_deactivated(user_key: dict[str, Any], alerts: AlertInbox) -> None:
    responder.handler(key_created(user_key["key"], {"userName": "alice"}), None)

    assert key_status(user_key) == "Inactive"
    [alert] = alerts.messages()
    assert (alert["outcome"], alert["user"], alert["access_key_id"]) == (
        "deactivated",
        "alice",
        user_key["key"],
    )


def test_key_a_user_made_for_itself_is_deactivated(
    user_key: dict[str, Any], alerts: AlertInbox
) -> None:
    identity = {"type": "IAMUser", "userName": "alice", "arn": "arn:aws:iam::1:user/alice"}

    responder.handler(key_created(user_key["key"], {}, identity), None)

    assert key_status(user_key) == "Inactive"


def test_repeated_key_event_is_harmless(user_key: dict[str, Any], alerts: AlertInbox) -> None:
    event = key_created(user_key["key"], {"userName": "alice"})

    responder.handler(event, None)
    responder.handler(event, None)

    assert key_status(user_key) == "Inactive"
    assert [alert["outcome"] for alert in alerts.messages()] == ["deactivated", "deactivated"]


def test_tagged_user_keeps_the_key(user_key: dict[str, Any], alerts: AlertInbox) -> None:
    tag = {"Key": "ztiam:allow-access-keys", "Value": "true"}
    user_key["client"].tag_user(UserName="alice", Tags=[tag])

    responder.handler(key_created(user_key["key"], {"userName": "alice"}), None)

    assert key_status(user_key) == "Active"
    assert [alert["outcome"] for alert in alerts.messages()] == ["allowed-by-tag"]


def test_key_of_a_vanished_user_is_reported(user_key: dict[str, Any], alerts: AlertInbox) -> None:
    responder.handler(key_created("AKIAGONE", {"userName": "bob"}), None)

    assert [alert["outcome"] for alert in alerts.messages()] == ["already-gone"]


def test_user_without_approval_tag_raises_an_alert_only(
    user_key: dict[str, Any], alerts: AlertInbox
) -> None:
    event = api_event("iam.amazonaws.com", "CreateUser", {"userName": "alice"})

    responder.handler(event, None)

    [alert] = alerts.messages()
    assert (alert["kind"], alert["outcome"], alert["user"]) == (
        "CreateUser",
        "missing-approval-tag",
        "alice",
    )
    iam = user_key["client"]
    assert iam.list_attached_user_policies(UserName="alice")["AttachedPolicies"] == []
    assert iam.list_user_policies(UserName="alice")["PolicyNames"] == []
    assert key_status(user_key) == "Active"


def test_user_with_approval_tag_is_accepted(trail: dict[str, Any], alerts: AlertInbox) -> None:
    tags = [{"key": "ztiam:approved-by", "value": "jane.doe@example.com"}]
    event = api_event("iam.amazonaws.com", "CreateUser", {"userName": "svc", "tags": tags})

    assert responder.handler(event, None)["status"] == "ignored"

    assert alerts.messages() == []


def alarm_records(topic: str, state: str) -> dict[str, Any]:
    """An SNS delivery of a CloudWatch alarm state change."""
    alarm = {
        "AlarmName": "ztiam-prod-console-signin-failures",
        "NewStateValue": state,
        "NewStateReason": "Threshold Crossed: 3 datapoints >= 3",
    }
    return {
        "Records": [
            {"EventSource": "aws:sns", "Sns": {"TopicArn": topic, "Message": json.dumps(alarm)}}
        ]
    }


def test_signin_failure_alarm_is_alerted(trail: dict[str, Any], alerts: AlertInbox) -> None:
    topic = "arn:aws:sns:us-east-1:123456789012:ztiam-prod-alarms"

    responder.handler(alarm_records(topic, "ALARM"), None)

    [alert] = alerts.messages()
    assert (alert["kind"], alert["alarm"]) == ("alarm", "ztiam-prod-console-signin-failures")


def test_alarm_back_to_ok_and_own_alerts_are_ignored(
    trail: dict[str, Any], alerts: AlertInbox
) -> None:
    topic = "arn:aws:sns:us-east-1:123456789012:ztiam-prod-alarms"

    assert responder.handler(alarm_records(topic, "OK"), None)["status"] == "ignored"
    assert responder.handler(alarm_records(alerts.topic_arn, "ALARM"), None)["status"] == "ignored"

    assert alerts.messages() == []


@pytest.mark.parametrize(
    "event",
    [
        None,
        "StopLogging",
        [],
        {},
        {"detail": "StopLogging"},
        {"Records": []},
        {"Records": "x"},
        {"Records": [{"Sns": {"Message": "not json"}}]},
        {"Records": [None, 3]},
        {"detail": {}},
        {"detail": {"eventSource": "cloudtrail.amazonaws.com"}},
        {"detail": {"eventSource": "cloudtrail.amazonaws.com", "eventName": "StopLogging"}},
        {"detail": {"eventSource": "iam.amazonaws.com", "eventName": "CreateAccessKey"}},
        {
            "detail": {
                "eventSource": "iam.amazonaws.com",
                "eventName": "CreateUser",
                "requestParameters": {"tags": "oops"},
            }
        },
        {"detail": {"eventSource": ["iam.amazonaws.com"], "eventName": ["CreateUser"]}},
        {
            "detail": {
                "eventSource": "iam.amazonaws.com",
                "eventName": "CreateAccessKey",
                "requestParameters": {"userName": ["alice"]},
                "responseElements": {"accessKey": {"accessKeyId": {"id": "AKIA"}}},
            }
        },
    ],
)
def test_malformed_events_are_logged_and_ignored(
    trail: dict[str, Any], alerts: AlertInbox, event: Any
) -> None:
    assert responder.handler(event, None) == {"status": "ignored"}

    assert not is_logging(trail)
    assert alerts.messages() == []


def test_failed_api_calls_need_no_response(trail: dict[str, Any], alerts: AlertInbox) -> None:
    event = api_event(
        "cloudtrail.amazonaws.com", "StopLogging", {"name": TRAIL}, errorCode="AccessDenied"
    )

    assert responder.handler(event, None) == {"status": "ignored"}

    assert alerts.messages() == []
