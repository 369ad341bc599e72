"""Relations resolve inside each module instance when names repeat across modules.

How build time grows with the plan is measured by bench/model_scale.py, not asserted here.
"""

from __future__ import annotations

from collections.abc import Callable

from ztiam.plan import build_model

from .fragments import change, plan, policy_text, refs, resource_config, strict_context

ALLOW = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
         "Condition": {"Bool": {"aws:SecureTransport": True}}}
TRUST = {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "111122223333"}}


def copies(count: int) -> dict:
    """``count`` instances of one module, each with a role, policies, attachments, a bucket."""
    changes = []
    for copy in range(count):
        module = f'module.env["{copy}"]'
        changes += [
            change(f"{module}.aws_iam_role.app", {"name": "app", "path": "/",
                                                 "assume_role_policy": policy_text(TRUST)},
                   {"arn": True, "inline_policy": True}, module=module),
            change(f"{module}.aws_iam_policy.read", {"name": "read", "path": "/",
                                                    "policy": policy_text(ALLOW)},
                   {"arn": True}, module=module),
            change(f"{module}.aws_iam_role_policy_attachment.literal", {
                "role": "app", "policy_arn": "arn:aws:iam::111122223333:policy/read"},
                module=module),
            change(f"{module}.aws_iam_role_policy_attachment.referenced", {},
                   {"role": True, "policy_arn": True}, module=module),
            change(f"{module}.aws_s3_bucket.data", {"bucket": "data"}, module=module),
            change(f"{module}.aws_s3_bucket_policy.data", {
                "bucket": "data", "policy": policy_text({**ALLOW, "Principal": "*"})},
                module=module),
        ]
    configuration = {"root_module": {"module_calls": {"env": {"module": {"resources": [
        resource_config("aws_iam_role_policy_attachment.referenced", {
            "role": refs("aws_iam_role.app.name", "aws_iam_role.app"),
            "policy_arn": refs("aws_iam_policy.read.arn", "aws_iam_policy.read")}),
    ]}}}}}
    return plan(*changes, configuration=configuration)


def test_scale_repeated_names_resolve_inside_each_module(build: Callable[..., dict]) -> None:
    model = build(copies(3), strict_context(account_id="111122223333"))

    for copy in range(3):
        module = f'module.env["{copy}"]'
        view = model["roles"][f"{module}.aws_iam_role.app"]
        assert view["identity_documents"] == [f"{module}.aws_iam_policy.read#policy"]
        assert model["buckets"][f"{module}.aws_s3_bucket.data"]["policy_document"] == (
            f"{module}.aws_s3_bucket_policy.data#policy")
