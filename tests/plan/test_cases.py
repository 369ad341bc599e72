"""The cases with known right answers (tests/fixtures/cases/plans), checked on the model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from .fragments import change, plan

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "cases" / "plans"


def case(name: str) -> dict:
    return yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))


def policy_plan(*policies: tuple[str, str]) -> dict:
    return plan(*(change(address, {"name": address.split(".")[1], "path": "/",
                                   "policy": text}) for address, text in policies))


@pytest.fixture
def text_shapes(build: Callable[..., dict]) -> dict:
    resources = case("policy-text-shapes")["resources"]
    return build(policy_plan(*((item["address"], item["policy"]) for item in resources)))


def test_case_policy_text_shapes_heredoc_and_minified_are_identical(text_shapes: dict) -> None:
    heredoc = text_shapes["documents"]["aws_iam_policy.heredoc#policy"]
    minified = text_shapes["documents"]["aws_iam_policy.minified#policy"]

    assert heredoc["status"] == minified["status"] == "ok"
    assert heredoc["statements"] == minified["statements"]
    assert heredoc["statements"][0]["actions"] == ["iam:*"]
    assert heredoc["statements"][0]["resources"] == ["*"]
    assert heredoc["statements"][0]["conditions"] == []


@pytest.mark.parametrize(("name", "error"), [
    ("empty", "the policy text is empty"),
    ("garbage", "the policy text is not JSON: Expecting value at line 1 column 1"),
])
def test_case_policy_text_shapes_empty_and_garbage_are_invalid(text_shapes: dict, name: str,
                                                               error: str) -> None:
    document = text_shapes["documents"][f"aws_iam_policy.{name}#policy"]

    assert (document["status"], document["error"]) == ("invalid", error)
    assert document["address"] == f"aws_iam_policy.{name}"
    assert text_shapes["resources"][f"aws_iam_policy.{name}"]["documents"] == {
        "policy": f"aws_iam_policy.{name}#policy"}


def test_case_single_values_become_lists(build: Callable[..., dict]) -> None:
    data = case("single-values-not-lists")
    model = build(policy_plan(("aws_iam_policy.first", data["policy"]),
                              ("aws_iam_policy.second", data["second_policy"])))
    first = model["documents"]["aws_iam_policy.first#policy"]
    second = model["documents"]["aws_iam_policy.second#policy"]

    assert first["status"] == "ok" and len(first["statements"]) == 1
    assert first["statements"][0]["actions"] == ["*"]
    assert first["statements"][0]["resources"] == ["*"]
    assert second["status"] == "ok" and len(second["statements"]) == 1
    assert second["statements"][0]["actions"] == ["s3:get*"]
    assert second["statements"][0]["resources"] == ["arn:aws:s3:::example-bucket/*"]
    assert second["statements"][0]["condition_keys"] == ["aws:principalorgid"]
    assert second["statements"][0]["conditions"][0]["values"] == ["o-exampleorgid"]


def test_case_unknown_policy_is_not_a_pass(build: Callable[..., dict]) -> None:
    model = build(case("unknown-policy-is-not-a-pass")["plan"])
    bucket_policy = model["documents"]["aws_s3_bucket_policy.p#policy"]
    trust = model["documents"]["aws_iam_role.r#assume_role_policy"]

    assert bucket_policy["status"] == trust["status"] == "unknown"
    assert (bucket_policy["kind"], bucket_policy["subkind"]) == ("resource", "bucket")
    assert model["resources"]["aws_s3_bucket_policy.p"]["unknown"] == ["bucket", "id", "policy"]
    role = model["roles"]["aws_iam_role.r"]
    assert role["max_session_duration"] == 3600
    assert role["max_session_duration_unknown"] is False
    assert role["trust_document"] == "aws_iam_role.r#assume_role_policy"
    assert role["principal_kinds"] == []


def test_case_duplicate_sids_are_reported_and_both_statements_kept(
        build: Callable[..., dict]) -> None:
    model = build(policy_plan(("aws_iam_policy.logs", case("duplicate-sids")["policy"])))
    document = model["documents"]["aws_iam_policy.logs#policy"]

    assert document["status"] == "ok"
    assert document["issues"] == ['duplicate Sid "Logs" in statements 0 and 1']
    assert [s["actions"] for s in document["statements"]] == [
        ["logs:putlogevents"], ["iam:passrole"]]
    assert document["statements"][1]["resources"] == ["*"]
