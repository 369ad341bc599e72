"""Revoke one time-limited grant when it expires.

The function acts on the single grant role named in its environment: it puts an inline
`ztiam-revoked` policy that denies every session issued before now, removes the role's other
inline policies and publishes what it did to the alert topic. Running it again is harmless.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from typing import Any

import boto3
from botocore.exceptions import ClientError

REVOKED_POLICY = "ztiam-revoked"


class ConfigError(RuntimeError):
    """The function's environment is incomplete."""


def log(level: str, message: str, **fields: Any) -> None:
    """Write one structured JSON log line."""
    record = {"level": level, "message": message, "function": "grant-revoker", **fields}
    print(json.dumps(record, default=str, sort_keys=True))


def utc_now() -> datetime:
    """Return the current instant in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def iso(instant: datetime) -> str:
    """Format an instant as the ISO 8601 UTC form IAM date conditions take."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def load_config(environ: dict[str, str]) -> dict[str, str]:
    """Read the grant, its role and the alert topic from the environment."""
    names = {"grant": "GRANT_NAME", "role_name": "GRANT_ROLE_NAME", "topic": "ALERT_TOPIC_ARN"}
    missing = [var for var in names.values() if not environ.get(var)]
    if missing:
        raise ConfigError(f"missing environment variables: {', '.join(missing)}")
    config = {key: environ[var] for key, var in names.items()}
    config["environment"] = environ.get("ZTIAM_ENVIRONMENT", "")
    return config


def is_revocation_request(event: Any, grant: str) -> bool:
    """Tell whether the event asks to revoke this function's grant."""
    if not isinstance(event, dict):
        return False
    return event.get("action") == "revoke" and event.get("grant") == grant


def revoked_document(issued_before: datetime) -> dict[str, Any]:
    """Deny every action to sessions whose credentials were issued before the instant."""
    statement = {
        "Sid": "DenySessionsIssuedBeforeRevocation",
        "Effect": "Deny",
        "Action": "*",
        "Resource": "*",
        "Condition": {"DateLessThan": {"aws:TokenIssueTime": iso(issued_before)}},
    }
    return {"Version": "2012-10-17", "Statement": [statement]}


def error_code(error: ClientError) -> str:
    """Return the AWS error code of a client error."""
    return str(error.response.get("Error", {}).get("Code", ""))


def inline_policy_names(iam: Any, role_name: str) -> list[str]:
    """List every inline policy name of the role."""
    pages = iam.get_paginator("list_role_policies").paginate(RoleName=role_name)
    return [name for page in pages for name in page["PolicyNames"]]


def delete_policy(iam: Any, role_name: str, policy_name: str) -> None:
    """Delete one inline policy; one already gone counts as deleted."""
    try:
        iam.delete_role_policy(RoleName=role_name, PolicyName=policy_name)
    except ClientError as error:
        if error_code(error) != "NoSuchEntity":
            raise


def remove_other_policies(iam: Any, role_name: str) -> list[str]:
    """Delete every inline policy except the revocation and return their names."""
    removed = [name for name in inline_policy_names(iam, role_name) if name != REVOKED_POLICY]
    for name in removed:
        delete_policy(iam, role_name, name)
    return sorted(removed)


def revoke(iam: Any, role_name: str, now: datetime) -> dict[str, Any]:
    """Deny the role's live sessions, then strip its other inline policies."""
    document = json.dumps(revoked_document(now))
    try:
        iam.put_role_policy(RoleName=role_name, PolicyName=REVOKED_POLICY, PolicyDocument=document)
        removed = remove_other_policies(iam, role_name)
    except ClientError as error:
        if error_code(error) != "NoSuchEntity":
            raise
        log("WARNING", "grant role not found; nothing to revoke", role=role_name)
        return {"status": "role-missing", "role": role_name}
    result = {"status": "revoked", "role": role_name, "sessions_issued_before": iso(now)}
    return {**result, "removed_policies": removed}


def notify(sns: Any, config: dict[str, str], result: dict[str, Any]) -> None:
    """Publish the outcome to the alert topic."""
    message = {
        "source": "ztiam-grant-revoker",
        "environment": config["environment"],
        "grant": config["grant"],
        **result,
    }
    subject = f"ztiam grant {config['grant']}: {result['status']}"[:100]
    sns.publish(TopicArn=config["topic"], Subject=subject, Message=json.dumps(message))


def handler(event: Any, context: Any) -> dict[str, Any]:
    """Revoke the configured grant when the expiry schedule asks for it."""
    config = load_config(dict(os.environ))
    if not is_revocation_request(event, config["grant"]):
        log("WARNING", "event ignored: not a revocation request for this grant", event=event)
        return {"status": "ignored"}
    result = revoke(boto3.client("iam"), config["role_name"], utc_now())
    log("INFO", "grant revocation finished", grant=config["grant"], **result)
    notify(boto3.client("sns"), config, result)
    return result
