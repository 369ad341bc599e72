"""Automated response to IAM and logging events of one ztiam environment.

EventBridge rules deliver CloudTrail API events; an SNS topic delivers CloudWatch alarm state
changes. The function restarts logging on the ztiam trail after StopLogging, DeleteTrail or
UpdateTrail, deactivates new IAM user access keys unless the user is tagged
`ztiam:allow-access-keys=true`, alerts on users created without the approval tag and on alarms
(repeated console sign-in failures). Every response is published to the alert topic. Events it
does not recognise are logged and ignored; every action is safe to repeat.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.exceptions import ClientError

ACCESS_KEY_TAG = "ztiam:allow-access-keys"
TRAIL_EVENTS = ("StopLogging", "DeleteTrail", "UpdateTrail")


class ConfigError(RuntimeError):
    """The function's environment is incomplete."""


@dataclass(frozen=True)
class Config:
    """What the function protects and where it reports."""

    environment: str
    trail_name: str
    trail_arn: str
    alert_topic_arn: str
    approval_tag_key: str


def log(level: str, message: str, **fields: Any) -> None:
    """Write one structured JSON log line."""
    record = {"level": level, "message": message, "function": "security-responder", **fields}
    print(json.dumps(record, default=str, sort_keys=True))


def load_config(environ: dict[str, str]) -> Config:
    """Read the trail, the alert topic and the approval tag from the environment."""
    names = ("ZTIAM_ENVIRONMENT", "TRAIL_NAME", "TRAIL_ARN", "ALERT_TOPIC_ARN", "APPROVAL_TAG_KEY")
    missing = [name for name in names if not environ.get(name)]
    if missing:
        raise ConfigError(f"missing environment variables: {', '.join(missing)}")
    return Config(*(environ[name] for name in names))


def error_code(error: ClientError) -> str:
    """Return the AWS error code of a client error."""
    return str(error.response.get("Error", {}).get("Code", ""))


def field(data: Any, *path: str) -> Any:
    """Follow a key path through nested objects; None where it breaks off."""
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def publish(sns: Any, config: Config, kind: str, outcome: str, **details: Any) -> dict:
    """Publish one response to the alert topic and return it."""
    message = {
        "source": "ztiam-security-response",
        "environment": config.environment,
        "kind": kind,
        "outcome": outcome,
        **details,
    }
    subject = f"ztiam {config.environment}: {kind} {outcome}"[:100]
    sns.publish(TopicArn=config.alert_topic_arn, Subject=subject, Message=json.dumps(message))
    log("INFO", "response published", **message)
    return message


def names_trail(value: Any, config: Config) -> bool:
    """Tell whether a trail name or ARN from an event is the ztiam trail."""
    return value in (config.trail_name, config.trail_arn)


def respond_trail(detail: dict, config: Config, clients: dict) -> dict | None:
    """Turn logging back on after the ztiam trail was stopped, deleted or updated."""
    name = field(detail, "requestParameters", "name")
    if not names_trail(name, config):
        log("INFO", "trail event for another trail ignored", trail=name)
        return None
    try:
        clients["cloudtrail"].start_logging(Name=config.trail_arn)
        outcome = "logging-restarted"
    except ClientError as error:
        outcome = f"restart-failed: {error_code(error)}"
    return publish(
        clients["sns"],
        config,
        detail["eventName"],
        outcome,
        trail=config.trail_arn,
        actor=field(detail, "userIdentity", "arn"),
    )


def key_owner(detail: dict) -> str | None:
    """The user whose key was created: named in the request, or the caller itself."""
    named = field(detail, "requestParameters", "userName")
    if field(detail, "userIdentity", "type") == "IAMUser" and not named:
        named = field(detail, "userIdentity", "userName")
    return named if isinstance(named, str) and named else None


def keys_allowed(iam: Any, user: str) -> bool:
    """Tell whether the user is tagged to keep access keys."""
    pages = iam.get_paginator("list_user_tags").paginate(UserName=user)
    tags = {tag["Key"]: tag["Value"] for page in pages for tag in page["Tags"]}
    return tags.get(ACCESS_KEY_TAG, "").lower() == "true"


def deactivate_key(iam: Any, user: str, key_id: str) -> str:
    """Deactivate a key unless its user is allowed keys; return the outcome."""
    try:
        if keys_allowed(iam, user):
            return "allowed-by-tag"
        iam.update_access_key(UserName=user, AccessKeyId=key_id, Status="Inactive")
        return "deactivated"
    except ClientError as error:
        if error_code(error) == "NoSuchEntity":
            return "already-gone"
        return f"deactivation-failed: {error_code(error)}"


def respond_access_key(detail: dict, config: Config, clients: dict) -> dict | None:
    """Deactivate a newly created access key of an IAM user."""
    key_id = field(detail, "responseElements", "accessKey", "accessKeyId")
    user = key_owner(detail)
    if not isinstance(key_id, str) or not key_id:
        log("WARNING", "CreateAccessKey event without a key id ignored", user=user)
        return None
    if user:
        outcome = deactivate_key(clients["iam"], user, key_id)
    else:
        outcome = "not-deactivated: no IAM user (root or unknown caller)"
    return publish(
        clients["sns"],
        config,
        "CreateAccessKey",
        outcome,
        user=user,
        access_key_id=key_id,
        actor=field(detail, "userIdentity", "arn"),
    )


def request_tags(detail: dict) -> dict[str, str]:
    """The tags passed in a CreateUser request, whichever key case CloudTrail used."""
    tags = field(detail, "requestParameters", "tags")
    pairs = tags if isinstance(tags, list) else []
    return {
        str(t.get("key", t.get("Key"))): str(t.get("value", t.get("Value", "")))
        for t in pairs
        if isinstance(t, dict)
    }


def respond_create_user(detail: dict, config: Config, clients: dict) -> dict | None:
    """Alert on a user created without the approval tag; change nothing."""
    user = field(detail, "requestParameters", "userName")
    if not isinstance(user, str) or not user:
        log("WARNING", "CreateUser event without a user name ignored")
        return None
    if request_tags(detail).get(config.approval_tag_key):
        log("INFO", "user created with approval tag", user=user)
        return None
    return publish(
        clients["sns"],
        config,
        "CreateUser",
        "missing-approval-tag",
        user=user,
        approval_tag=config.approval_tag_key,
        actor=field(detail, "userIdentity", "arn"),
    )


Responder = Callable[[dict, Config, dict], "dict | None"]
RESPONDERS: dict[tuple[str, str], Responder] = {
    **{("cloudtrail.amazonaws.com", name): respond_trail for name in TRAIL_EVENTS},
    ("iam.amazonaws.com", "CreateAccessKey"): respond_access_key,
    ("iam.amazonaws.com", "CreateUser"): respond_create_user,
}


def handle_api_event(event: dict, config: Config, clients: dict) -> dict[str, Any]:
    """Dispatch one CloudTrail API call delivered by EventBridge."""
    detail = event["detail"]
    key = (str(detail.get("eventSource")), str(detail.get("eventName")))
    responder = RESPONDERS.get(key)
    if responder is None or detail.get("errorCode"):
        log(
            "INFO",
            "API event needs no response",
            event_source=key[0],
            event_name=key[1],
            error_code=detail.get("errorCode"),
        )
        return {"status": "ignored"}
    response = responder(detail, config, clients)
    if response is None:
        return {"status": "ignored"}
    return {"status": "responded", "responses": [response]}


def alarm_message(record: Any, config: Config) -> dict | None:
    """The CloudWatch alarm carried by one SNS record, or None."""
    if field(record, "Sns", "TopicArn") == config.alert_topic_arn:
        return None
    try:
        message = json.loads(field(record, "Sns", "Message") or "")
    except (TypeError, ValueError):
        return None
    return message if isinstance(message, dict) and message.get("AlarmName") else None


def handle_alarm_records(records: list, config: Config, clients: dict) -> dict[str, Any]:
    """Alert on every alarm that entered the ALARM state."""
    responses = []
    for record in records:
        alarm = alarm_message(record, config)
        if alarm is None or alarm.get("NewStateValue") != "ALARM":
            log("INFO", "SNS record needs no response", topic=field(record, "Sns", "TopicArn"))
            continue
        responses.append(
            publish(
                clients["sns"],
                config,
                "alarm",
                "raised",
                alarm=alarm["AlarmName"],
                reason=alarm.get("NewStateReason"),
            )
        )
    return {"status": "responded", "responses": responses} if responses else {"status": "ignored"}


def event_kind(event: Any) -> str:
    """Classify an invocation: an API event, SNS records, or malformed."""
    if isinstance(event, dict) and isinstance(event.get("detail"), dict):
        return "api"
    records = event.get("Records") if isinstance(event, dict) else None
    if isinstance(records, list) and records:
        return "sns"
    return "malformed"


def handler(event: Any, context: Any) -> dict[str, Any]:
    """Respond to one delivered event; malformed events are logged and ignored."""
    kind = event_kind(event)
    if kind == "malformed":
        log("WARNING", "malformed event ignored", event=event)
        return {"status": "ignored"}
    config = load_config(dict(os.environ))
    clients = {name: boto3.client(name) for name in ("cloudtrail", "iam", "sns")}
    if kind == "api":
        return handle_api_event(event, config, clients)
    return handle_alarm_records(event["Records"], config, clients)
