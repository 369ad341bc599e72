"""Policy-bearing attributes become documents: ok, invalid, unknown or missing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .fragments import change, plan, policy_text, resource_config

ALLOW = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}
PUBLIC = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}
TRUST = {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "x"}}


@pytest.mark.parametrize(("address", "attribute", "text", "kind", "subkind"), [
    ("aws_iam_policy.p", "policy", policy_text(ALLOW), "identity", "managed"),
    ("aws_iam_role_policy.p", "policy", policy_text(ALLOW), "identity", "inline"),
    ("aws_iam_user_policy.p", "policy", policy_text(ALLOW), "identity", "inline"),
    ("aws_iam_group_policy.p", "policy", policy_text(ALLOW), "identity", "inline"),
    ("aws_iam_role.p", "assume_role_policy", policy_text(TRUST), "trust", "trust"),
    ("aws_s3_bucket_policy.p", "policy", policy_text(PUBLIC), "resource", "bucket"),
    ("aws_s3_bucket.p", "policy", policy_text(PUBLIC), "resource", "bucket"),
    ("aws_sns_topic_policy.p", "policy", policy_text(PUBLIC), "resource", "topic"),
    ("aws_sns_topic.p", "policy", policy_text(PUBLIC), "resource", "topic"),
    ("aws_sqs_queue_policy.p", "policy", policy_text(PUBLIC), "resource", "queue"),
    ("aws_sqs_queue.p", "policy", policy_text(PUBLIC), "resource", "queue"),
    ("aws_kms_key.p", "policy", policy_text(PUBLIC), "resource", "key"),
    ("aws_cloudwatch_event_bus_policy.p", "policy", policy_text(PUBLIC), "resource", "other"),
])
def test_documents_kind_and_subkind_per_attribute(build: Callable[..., dict], address: str,
                                                  attribute: str, text: str, kind: str,
                                                  subkind: str) -> None:
    model = build(plan(change(address, {attribute: text})))
    document = model["documents"][f"{address}#{attribute}"]

    assert (document["kind"], document["subkind"], document["status"]) == (kind, subkind, "ok")
    assert (document["address"], document["attribute"]) == (address, attribute)
    assert document["issues"] == []
    assert model["resources"][address]["documents"] == {attribute: document["id"]}
    assert attribute not in model["resources"][address]["values"]


def test_documents_lambda_permission_is_not_a_document(build: Callable[..., dict]) -> None:
    model = build(plan(change("aws_lambda_permission.p", {"principal": "*", "action": "x"})))

    assert model["documents"] == {}


@pytest.mark.parametrize("address", [
    "aws_iam_policy.p", "aws_iam_role_policy.p", "aws_s3_bucket_policy.p"])
def test_documents_required_policy_absent_or_null_is_missing(build: Callable[..., dict],
                                                             address: str) -> None:
    model = build(plan(change(address, {"name": "p"}), change(f"{address}x", {"policy": None})))

    for document in model["documents"].values():
        assert document["status"] == "missing"
        assert document["size"] is None and document["statements"] == []


def test_documents_role_without_trust_is_missing(build: Callable[..., dict]) -> None:
    model = build(plan(change("aws_iam_role.r", {"name": "r"})))

    assert model["documents"]["aws_iam_role.r#assume_role_policy"]["status"] == "missing"


def test_documents_optional_policy_absent_gives_no_document(build: Callable[..., dict]) -> None:
    model = build(plan(change("aws_kms_key.k", {"description": "k"}),
                       change("aws_sns_topic.t", {"name": "t", "policy": None})))

    assert model["documents"] == {}


def test_documents_empty_text_is_invalid_not_missing(build: Callable[..., dict]) -> None:
    model = build(plan(change("aws_sns_topic.t", {"policy": ""})))

    assert model["documents"]["aws_sns_topic.t#policy"]["status"] == "invalid"


def test_documents_unknown_required_policy_is_unknown(build: Callable[..., dict]) -> None:
    model = build(plan(change("aws_iam_policy.p", {"name": "p"}, {"policy": True})))
    document = model["documents"]["aws_iam_policy.p#policy"]

    assert document["status"] == "unknown"
    assert document["error"] == "the policy text is known only after apply"
    assert document["statements"] == [] and document["size"] is None


def test_documents_optional_policy_unknown_counts_only_when_configured(
        build: Callable[..., dict]) -> None:
    configuration = {"root_module": {"resources": [
        resource_config("aws_kms_key.set", {"policy": {"references": ["var.x"]}}),
        resource_config("aws_kms_key.unset", {"description": {"constant_value": "k"}}),
    ]}}
    model = build(plan(change("aws_kms_key.set", {}, {"policy": True}),
                       change("aws_kms_key.unset", {}, {"policy": True}),
                       configuration=configuration))

    assert list(model["documents"]) == ["aws_kms_key.set#policy"]
    assert model["documents"]["aws_kms_key.set#policy"]["status"] == "unknown"


def test_documents_inline_policy_blocks(build: Callable[..., dict]) -> None:
    blocks = [{"name": "a", "policy": policy_text(ALLOW)}, {"name": "b"},
              {"name": "", "policy": ""}, {"name": "c", "policy": "oops"}]
    model = build(plan(change("aws_iam_role.r", {
        "name": "r", "assume_role_policy": policy_text(TRUST), "inline_policy": blocks,
    }, {"inline_policy": [{}, {"policy": True}, {}, {}]})))
    resource = model["resources"]["aws_iam_role.r"]
    statuses = {attribute: model["documents"][i]["status"]
                for attribute, i in resource["documents"].items()}

    assert statuses == {"assume_role_policy": "ok", "inline_policy.0.policy": "ok",
                        "inline_policy.1.policy": "unknown", "inline_policy.3.policy": "invalid"}
    assert model["documents"]["aws_iam_role.r#inline_policy.0.policy"]["subkind"] == "inline"
    assert resource["values"]["inline_policy"] == [{"name": "a"}, {"name": "b"},
                                                   {"name": ""}, {"name": "c"}]


def test_documents_inline_policy_wholly_unknown(build: Callable[..., dict]) -> None:
    configuration = {"root_module": {"resources": [
        resource_config("aws_iam_role.declared", {"inline_policy": [{"name": {}}]}),
        resource_config("aws_iam_role.computed", {"name": {"constant_value": "c"}}),
    ]}}
    trust = policy_text(TRUST)
    model = build(plan(
        change("aws_iam_role.declared", {"assume_role_policy": trust}, {"inline_policy": True}),
        change("aws_iam_role.computed", {"assume_role_policy": trust}, {"inline_policy": True}),
        configuration=configuration))

    assert model["documents"]["aws_iam_role.declared#inline_policy"]["status"] == "unknown"
    assert "aws_iam_role.computed#inline_policy" not in model["documents"]
    assert model["roles"]["aws_iam_role.declared"]["identity_documents"] == [
        "aws_iam_role.declared#inline_policy"]
