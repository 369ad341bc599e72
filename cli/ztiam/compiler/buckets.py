"""The buckets of a compiled root: declared ones plus the account's access-log bucket."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ztiam.blueprint import Bucket, format_timestamp
from ztiam.compiler.policies import Scope
from ztiam.errors import ZtiamError

ACCESS_LOGS = "access-logs"


@dataclass(frozen=True)
class BucketSpec:
    """One call of the s3-secure-bucket module."""

    key: str
    name: str
    bucket_class: str
    window: dict[str, str] | None = None
    logs_to: str | None = None
    service_writers: list[dict[str, Any]] = field(default_factory=list)


def module_key(bucket: str) -> str:
    """Terraform module name of a bucket: ``bucket_`` plus the name with _ for . and -."""
    return "bucket_" + re.sub(r"[^a-z0-9]", "_", bucket)


def bucket_specs(scope: Scope) -> list[BucketSpec]:
    """Every bucket of the root, the access-log bucket first."""
    specs = [_access_log_bucket(scope)]
    specs += [_declared(scope, bucket) for bucket in scope.blueprint.buckets]
    keys = [spec.key for spec in specs]
    for spec in specs:
        if keys.count(spec.key) > 1:
            raise ZtiamError(f"bucket {spec.name}: its module name {spec.key} is not unique")
    return specs


def _declared(scope: Scope, bucket: Bucket) -> BucketSpec:
    window = _window(scope, bucket)
    writers = trail_writers(scope) if _holds_trail(scope, bucket) else []
    access_logs = module_key(scope.names.access_log_bucket)
    key = module_key(bucket.name)
    return BucketSpec(key, bucket.name, bucket.class_, window, access_logs, writers)


def _window(scope: Scope, bucket: Bucket) -> dict[str, str] | None:
    """The bucket's window as module input; data buckets must have one."""
    if bucket.window is None:
        if bucket.class_ == "data":
            index = scope.blueprint.buckets.index(bucket)
            raise ZtiamError(
                f"blueprint {scope.blueprint.source}: buckets[{index}].window: required for "
                f"data bucket {bucket.name!r} (its policy denies access outside the window)"
            )
        return None
    return {
        "not_before": format_timestamp(bucket.window.not_before),
        "not_after": format_timestamp(bucket.window.not_after),
    }


def _holds_trail(scope: Scope, bucket: Bucket) -> bool:
    return bucket.name == scope.blueprint.monitoring.trail_bucket and bucket.class_ == "logs"


def _access_log_bucket(scope: Scope) -> BucketSpec:
    name = scope.names.access_log_bucket
    sources = [scope.names.bucket_arn(bucket.name) for bucket in scope.blueprint.buckets]
    writers = [] if not sources else [{
        "sid": "S3ServerAccessLogDelivery",
        "service": "logging.s3.amazonaws.com",
        "actions": ["s3:PutObject"],
        "resources": [f"{scope.names.bucket_arn(name)}/s3/*"],
        "source_accounts": [scope.names.account_id],
        "source_arns": sources,
    }]
    return BucketSpec(module_key(name), name, ACCESS_LOGS, service_writers=writers)


def trail_writers(scope: Scope) -> list[dict[str, Any]]:
    """CloudTrail delivery for every account of the organisation, each bound to its trail."""
    accounts = scope.blueprint.organization.accounts
    bucket = scope.names.bucket_arn(scope.blueprint.monitoring.trail_bucket)
    trails = [scope.names.trail_arn(account) for account in accounts.values()]
    writers = [{
        "sid": "CloudTrailReadsBucketAcl",
        "service": "cloudtrail.amazonaws.com",
        "actions": ["s3:GetBucketAcl"],
        "resources": [bucket],
        "source_accounts": sorted(set(accounts.values())),
        "source_arns": sorted(set(trails)),
    }]
    ordered = sorted(accounts.items())
    return writers + [_trail_writer(scope, env, account, bucket) for env, account in ordered]


def _trail_writer(scope: Scope, env: str, account: str, bucket: str) -> dict[str, Any]:
    return {
        "sid": "CloudTrailWrites" + "".join(p.capitalize() for p in env.split("-")),
        "service": "cloudtrail.amazonaws.com",
        "actions": ["s3:PutObject"],
        "resources": [f"{bucket}/AWSLogs/{account}/*"],
        "source_accounts": [account],
        "source_arns": [scope.names.trail_arn(account)],
        "conditions": {"StringEquals": {"s3:x-amz-acl": ["bucket-owner-full-control"]}},
    }

