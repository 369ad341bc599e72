"""The run context is copied into the model; a missing account id may come from the provider."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .fragments import change, plan, strict_context


def provider(name: str, expression: dict | None) -> dict:
    expressions = {"region": {"constant_value": "us-east-1"}}
    if expression is not None:
        expressions["allowed_account_ids"] = expression
    return {"name": name, "full_name": f"registry.terraform.io/hashicorp/{name}",
            "expressions": expressions}


def with_providers(**providers: dict) -> dict:
    return plan(change("aws_sns_topic.t", {"name": "t"}),
                configuration={"provider_config": providers, "root_module": {}})


@pytest.mark.parametrize(("providers", "account"), [
    ({"aws": provider("aws", {"constant_value": ["111122223333"]})}, "111122223333"),
    ({"aws": provider("aws", {"constant_value": ["111122223333"]}),
      "aws.west": provider("aws", {"constant_value": ["111122223333"]}),
      "module.m:aws": provider("aws", None)}, "111122223333"),
    ({"aws": provider("aws", {"constant_value": ["111122223333", "444455556666"]})}, None),
    ({"aws": provider("aws", {"constant_value": ["111122223333"]}),
      "aws.other": provider("aws", {"constant_value": ["444455556666"]})}, None),
    ({"aws": provider("aws", {"references": ["var.account_id"]})}, None),
    ({"aws": provider("aws", {"constant_value": None})}, None),
    ({"google": provider("google", {"constant_value": ["111122223333"]})}, None),
    ({}, None),
])
def test_context_account_from_allowed_account_ids(build: Callable[..., dict], providers: dict,
                                                   account: str | None) -> None:
    model = build(with_providers(**providers))

    assert model["context"]["account_id"] == account


def test_context_given_account_wins(build: Callable[..., dict]) -> None:
    document = with_providers(aws=provider("aws", {"constant_value": ["111122223333"]}))

    model = build(document, strict_context(account_id="999988887777"))

    assert model["context"]["account_id"] == "999988887777"


def test_context_is_copied_unchanged(build: Callable[..., dict]) -> None:
    context = strict_context(environment="prod", data_buckets=["example-bucket"])

    model = build(plan(change("aws_sns_topic.t", {"name": "t"})), context)

    assert model["context"] == context
    assert model["context"] is not context
    model["context"]["allowed_regions"].append("eu-west-1")
    assert context["allowed_regions"] == ["us-east-1"]
