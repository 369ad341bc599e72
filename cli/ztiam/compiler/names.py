"""Names and literal ARNs of everything a compiled root creates, derived from the blueprint."""

from __future__ import annotations

from dataclasses import dataclass

from ztiam.blueprint import Blueprint

TRAIL_NAME = "ztiam-trail"
TRAIL_LOG_GROUP = "/ztiam/cloudtrail"
POLICY_PATH = "/ztiam/"
HUMAN_TIERS = ("developer", "operator", "administrator")
SERVICE_PRINCIPALS = {
    "ec2": ("ec2.amazonaws.com",),
    "lambda": ("lambda.amazonaws.com",),
    "rds_monitoring": ("monitoring.rds.amazonaws.com", "rds.amazonaws.com"),
}


@dataclass(frozen=True)
class Names:
    """Naming rules of one compiled root: ``ztiam-<environment>-...`` in the blueprint's account."""

    environment: str
    account_id: str
    region: str

    @classmethod
    def of(cls, blueprint: Blueprint) -> Names:
        """The names of ``blueprint``'s root."""
        return cls(blueprint.environment, blueprint.account_id, blueprint.region)

    @property
    def prefix(self) -> str:
        """``ztiam-<environment>``, the start of every name."""
        return f"ztiam-{self.environment}"

    def role(self, suffix: str) -> str:
        """A role or policy name ``ztiam-<environment>-<suffix>``."""
        return f"{self.prefix}-{suffix}"

    def role_arn(self, name: str) -> str:
        """The ARN of role ``name`` (path ``/``) in this account."""
        return f"arn:aws:iam::{self.account_id}:role/{name}"

    def policy_arn(self, name: str) -> str:
        """The ARN of customer-managed policy ``name`` under the ztiam path."""
        return f"arn:aws:iam::{self.account_id}:policy{POLICY_PATH}{name}"

    def boundary(self, tier: str) -> str:
        """The name of the permissions boundary of ``tier``."""
        return f"{self.prefix}-boundary-{tier}"

    def bucket_arn(self, bucket: str) -> str:
        """The ARN of a bucket."""
        return f"arn:aws:s3:::{bucket}"

    def kms_alias(self, bucket: str) -> str:
        """Alias of a bucket's key, as the s3-secure-bucket module names it."""
        return "alias/ztiam/s3/" + bucket.replace(".", "-")

    @property
    def access_log_bucket(self) -> str:
        """The bucket receiving this account's S3 server access logs."""
        return f"ztiam-access-logs-{self.account_id}-{self.region}"

    @property
    def kms_keys(self) -> str:
        """Every KMS key of this account and region (narrowed by alias conditions)."""
        return f"arn:aws:kms:{self.region}:{self.account_id}:key/*"

    def trail_arn(self, account_id: str) -> str:
        """The ARN of the ztiam trail of ``account_id``."""
        return f"arn:aws:cloudtrail:{self.region}:{account_id}:trail/{TRAIL_NAME}"

    def log_group_arns(self, pattern: str) -> list[str]:
        """A log group pattern as ARNs, with and without the ``:*`` stream suffix."""
        base = f"arn:aws:logs:{self.region}:{self.account_id}:log-group:{pattern}"
        return [base, f"{base}:*"]

    def sso_role_pattern(self, permission_set: str) -> str:
        """``aws:PrincipalArn`` pattern of the IAM Identity Center role of a permission set."""
        return (
            f"arn:aws:iam::{self.account_id}:role/aws-reserved/sso.amazonaws.com/"
            f"*AWSReservedSSO_{permission_set}_*"
        )
