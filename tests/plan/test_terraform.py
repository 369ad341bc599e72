"""Models of real plans made by Terraform from tests/fixtures/tf/estate."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from .fragments import strict_context

pytestmark = pytest.mark.terraform

ESTATE = Path(__file__).resolve().parent.parent / "fixtures" / "tf" / "estate"
ACCOUNT = "111122223333"
DEVELOPER = 'module.platform.module.role["developer"]'
OPERATOR = 'module.platform.module.role["operator"]'


@pytest.fixture(scope="module")
def estate_plan(plan_root: Callable[[Path], Path]) -> Path:
    return plan_root(ESTATE)


@pytest.fixture
def estate(build: Callable[..., dict], estate_plan: Path) -> dict:
    return build(estate_plan, strict_context(account_id=ACCOUNT))


def test_terraform_estate_resources_and_modules(estate: dict) -> None:
    resources = estate["resources"]

    assert estate["source"]["kind"] == "plan"
    assert not any(address.startswith("data.") for address in resources)
    assert resources[f"{DEVELOPER}.aws_iam_role.this"]["module"] == DEVELOPER
    assert resources["aws_iam_policy.readers[1]"]["index"] == 1
    assert resources['aws_iam_role_policy_attachment.app_by_key["reader-1"]']["index"] == "reader-1"
    assert estate["by_type"]["aws_iam_role"] == [
        "aws_iam_role.app", "aws_iam_role.worker", f"{DEVELOPER}.aws_iam_role.this",
        f"{OPERATOR}.aws_iam_role.this"]
    assert all(r["actions"] == ["create"] for r in resources.values())


def test_terraform_estate_unknown_values(estate: dict) -> None:
    queue = estate["resources"]["aws_sqs_queue.jobs"]
    worker = estate["resources"]["aws_iam_role.worker"]

    assert {"arn", "policy", "tags", "url"} <= set(queue["unknown"])
    assert "tags" not in queue["values"] and queue["values"]["name"] == "jobs"
    assert "inline_policy.0.policy" in worker["unknown"]
    assert worker["values"]["inline_policy"] == [{"name": "publish"}]


def test_terraform_estate_documents(estate: dict) -> None:
    statuses = {i: d["status"] for i, d in estate["documents"].items()}

    assert statuses == {
        "aws_iam_policy.boundary#policy": "ok",
        "aws_iam_policy.publish#policy": "unknown",
        "aws_iam_policy.readers[0]#policy": "ok",
        "aws_iam_policy.readers[1]#policy": "ok",
        "aws_iam_role.app#assume_role_policy": "ok",
        "aws_iam_role.app#inline_policy.0.policy": "ok",
        "aws_iam_role.worker#assume_role_policy": "ok",
        "aws_iam_role.worker#inline_policy.0.policy": "unknown",
        "aws_iam_role_policy.app_extra#policy": "ok",
        "aws_s3_bucket_policy.data#policy": "ok",
        "aws_sqs_queue_policy.jobs#policy": "unknown",
        "module.platform.aws_iam_policy.shared#policy": "ok",
        f"{DEVELOPER}.aws_iam_role.this#assume_role_policy": "ok",
        f"{OPERATOR}.aws_iam_role.this#assume_role_policy": "ok",
    }
    reader = estate["documents"]["aws_iam_policy.readers[0]#policy"]["statements"]
    assert reader[0]["conditions"][0]["values"] == ["true"]
    bucket = estate["documents"]["aws_s3_bucket_policy.data#policy"]["statements"][0]
    assert (bucket["sid"], bucket["actions"], bucket["principals"]["wildcard"]) == (
        "DenyInsecure", ["s3:*"], True)
    developer = estate["documents"][f"{DEVELOPER}.aws_iam_role.this#assume_role_policy"]
    assert developer["statements"][0]["principals"]["AWS"] == [f"arn:aws:iam::{ACCOUNT}:root"]


def test_terraform_estate_unknown_policies_are_explained(estate: dict) -> None:
    resources = estate["resources"]

    assert resources["aws_iam_policy.publish"]["references"]["policy"] == ["aws_sns_topic.alerts"]
    assert resources["aws_sqs_queue_policy.jobs"]["references"]["policy"] == [
        "aws_sqs_queue.jobs"]
    assert resources["aws_iam_role.worker"]["references"]["inline_policy.0.policy"] == [
        "aws_sns_topic.alerts"]


def test_terraform_estate_role_with_every_kind_of_attachment(estate: dict) -> None:
    app = estate["roles"]["aws_iam_role.app"]

    assert app["identity_documents"] == [
        "aws_iam_policy.publish#policy", "aws_iam_policy.readers[0]#policy",
        "aws_iam_policy.readers[1]#policy", "aws_iam_role.app#inline_policy.0.policy",
        "aws_iam_role_policy.app_extra#policy"]
    assert app["unresolved_policy_arns"] == ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    assert app["unknown_attachments"] == []
    assert app["boundary"] == {"status": "resolved",
                               "arn": f"arn:aws:iam::{ACCOUNT}:policy/ztiam/boundary",
                               "document": "aws_iam_policy.boundary#policy"}
    assert (app["arn"], app["max_session_duration"]) == (f"arn:aws:iam::{ACCOUNT}:role/app", 7200)
    assert (app["principal_kinds"], app["tags"]) == (["service"], {"ztiam:tier": "service"})


def test_terraform_estate_roles_in_nested_for_each_modules(estate: dict) -> None:
    for module, name in ((DEVELOPER, "prod-developer"), (OPERATOR, "prod-operator")):
        view = estate["roles"][f"{module}.aws_iam_role.this"]
        assert view["name"] == name
        assert view["identity_documents"] == ["module.platform.aws_iam_policy.shared#policy"]
        assert view["boundary"]["document"] == "aws_iam_policy.boundary#policy"
        assert (view["max_session_duration"], view["principal_kinds"]) == (14400, ["aws"])


def test_terraform_estate_role_with_managed_policy_arns_and_unknown_inline(estate: dict) -> None:
    worker = estate["roles"]["aws_iam_role.worker"]

    assert worker["identity_documents"] == ["aws_iam_policy.readers[0]#policy",
                                            "aws_iam_role.worker#inline_policy.0.policy"]
    assert worker["boundary"]["status"] == "none"
    assert worker["principal_kinds"] == ["wildcard"]


def test_terraform_estate_bucket(estate: dict) -> None:
    bucket = estate["buckets"]["aws_s3_bucket.data"]

    assert (bucket["bucket"], bucket["policy_document"]) == (
        "example-bucket", "aws_s3_bucket_policy.data#policy")
    assert bucket["public_access_block"] == {
        "address": "aws_s3_bucket_public_access_block.data",
        "values": {"block_public_acls": True, "block_public_policy": True,
                   "ignore_public_acls": True, "restrict_public_buckets": True}}
    assert bucket["versioning"] is None


def test_terraform_estate_without_account_matches_by_path_and_name(
        build: Callable[..., dict], estate_plan: Path, estate: dict) -> None:
    model = build(estate_plan, strict_context())

    assert model["context"]["account_id"] is None
    for address, view in model["roles"].items():
        expected = estate["roles"][address]
        assert view["identity_documents"] == expected["identity_documents"]
        assert view["boundary"]["document"] == expected["boundary"]["document"]
        assert view["arn"] is None


def test_terraform_estate_utf16_copy_gives_the_same_model(
        build: Callable[..., dict], estate_plan: Path, estate: dict, tmp_path: Path) -> None:
    copy = tmp_path / "plan-utf16.json"
    copy.write_bytes(estate_plan.read_text(encoding="utf-8").encode("utf-16"))

    assert build(copy, strict_context(account_id=ACCOUNT)) == estate


def test_terraform_estate_model_is_smaller_than_the_plan(estate: dict, estate_plan: Path) -> None:
    model_text = json.dumps(estate, separators=(",", ":"))

    assert len(model_text) < estate_plan.stat().st_size
    assert '\\"Statement\\"' not in model_text
