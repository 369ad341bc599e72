"""The controls on models that the host builds from the cases with known right answers.

Every model is evaluated on both engines; the findings must be identical.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from ztiam.blueprint.context import strict_context
from ztiam.controls import load_catalogue
from ztiam.engine import ENGINES, Engine, make_engine
from ztiam.plan.model import build_model
from ztiam.resources import rego_dir

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "cases"
PACKAGES = {control.id: control.package for control in load_catalogue(rego_dir())}
ADMIN_TAGS = {"ztiam:tier": "administrator"}


@pytest.fixture(scope="module")
def engines() -> Iterator[dict[str, Engine]]:
    made = {name: make_engine(name) for name in sorted(ENGINES)}
    for engine in made.values():
        engine.load(rego_dir())
    yield made
    for engine in made.values():
        engine.close()


def context(**overrides: Any) -> dict[str, Any]:
    """The strict context verify uses without a blueprint, with some values changed."""
    return {**strict_context(), **overrides}


def case(kind: str, name: str) -> dict[str, Any]:
    return yaml.safe_load((CASES / kind / f"{name}.yaml").read_text(encoding="utf-8"))


def text(document: Any) -> str:
    return document if isinstance(document, str) else json.dumps(document)


def change(address: str, after: dict[str, Any], unknown: dict[str, Any] | None = None) -> dict:
    kind, name = address.split(".")
    return {"address": address, "mode": "managed", "type": kind, "name": name,
            "change": {"actions": ["create"], "before": None, "after": after,
                       "after_unknown": unknown or {}}}


def plan(*changes: dict) -> dict:
    return {"format_version": "1.2", "terraform_version": "1.11.4",
            "resource_changes": list(changes)}


def admin_role(trust: Any, *policies: Any) -> dict:
    """A plan with an administrator role, its trust policy and one inline policy per document."""
    role = change("aws_iam_role.admin", {"name": "admin", "path": "/", "tags": ADMIN_TAGS,
                                         "max_session_duration": 3600,
                                         "assume_role_policy": text(trust)})
    inline = [change(f"aws_iam_role_policy.p{index}",
                     {"name": f"p{index}", "role": "admin", "policy": text(policy)})
              for index, policy in enumerate(policies)]
    return plan(role, *inline)


def evaluate(engines: dict[str, Engine], model: dict, control: str) -> list[dict]:
    """The findings of one control, after checking both engines agree on them."""
    results = []
    for engine in engines.values():
        engine.set_input(model)
        results.append(engine.evaluate(PACKAGES[control]))
    assert all(result == results[0] for result in results), control
    return results[0]


def statuses(findings: list[dict], address: str) -> set[str]:
    return {finding["status"] for finding in findings if finding["address"] == address}


def messages(findings: list[dict], address: str) -> str:
    return " | ".join(f["message"] for f in findings if f["address"] == address)


def test_every_control_agrees_on_a_mixed_model(engines: dict[str, Engine]) -> None:
    shapes = case("plans", "policy-text-shapes")["resources"]
    changes = [change(item["address"], {"name": item["address"].split(".")[1], "path": "/",
                                        "policy": item["policy"]}) for item in shapes]
    model = build_model(plan(*changes, *admin_role(_idc_trust())["resource_changes"]),
                        strict_context())
    for control in PACKAGES:
        evaluate(engines, model, control)


def test_unknown_policy_is_never_a_pass(engines: dict[str, Engine]) -> None:
    model = build_model(case("plans", "unknown-policy-is-not-a-pass")["plan"], strict_context())
    seen: dict[str, set[str]] = {"aws_s3_bucket_policy.p": set(), "aws_iam_role.r": set()}
    for control in PACKAGES:
        found = evaluate(engines, model, control)
        for address, found_statuses in seen.items():
            found_statuses |= statuses(found, address)
    assert seen["aws_s3_bucket_policy.p"] == {"unknown"}
    assert seen["aws_iam_role.r"] == {"unknown"}


def test_policy_text_shapes(engines: dict[str, Engine]) -> None:
    shapes = case("plans", "policy-text-shapes")["resources"]
    model = build_model(plan(*(change(item["address"], {
        "name": item["address"].split(".")[1], "path": "/", "policy": item["policy"]})
        for item in shapes)), strict_context())
    for control in ("ZT-IAM-01", "ZT-IAM-06"):
        found = evaluate(engines, model, control)
        heredoc = messages(found, "aws_iam_policy.heredoc").replace("heredoc", "X")
        assert heredoc == messages(found, "aws_iam_policy.minified").replace("minified", "X")
        for name in ("heredoc", "minified", "empty", "garbage"):
            assert statuses(found, f"aws_iam_policy.{name}") == {"fail"}
        assert "is not a valid policy" in messages(found, "aws_iam_policy.garbage")


def test_single_values_are_one_statement_each(engines: dict[str, Engine]) -> None:
    data = case("plans", "single-values-not-lists")
    model = build_model(plan(
        change("aws_iam_policy.first", {"name": "first", "path": "/", "policy": data["policy"]}),
        change("aws_iam_policy.second", {"name": "second", "path": "/",
                                         "policy": data["second_policy"]}),
    ), strict_context())
    found = evaluate(engines, model, "ZT-IAM-01")
    assert "statement 0 of" in messages(found, "aws_iam_policy.first")
    assert "0 counted condition keys" in messages(found, "aws_iam_policy.first")
    assert "1 counted condition keys (aws:principalorgid)" in messages(
        found, "aws_iam_policy.second")


def test_duplicate_sids_analyse_both_statements(engines: dict[str, Engine]) -> None:
    data = case("plans", "duplicate-sids")
    model = build_model(plan(change("aws_iam_policy.logs", {
        "name": "logs", "path": "/", "policy": data["policy"]})), strict_context())
    found = messages(evaluate(engines, model, "ZT-IAM-01"), "aws_iam_policy.logs")
    assert "statement 0 (Logs)" in found and "statement 1 (Logs)" in found


@pytest.mark.parametrize(("variant", "flagged"), [("bool", True), ("bool_if_exists", False)])
def test_mfa_bool_is_not_enforcement(engines: dict[str, Engine], variant: str,
                                     flagged: bool) -> None:
    policy = case("decisions", "mfa-bool-vs-boolifexists")["variants"][variant]
    model = build_model(admin_role(_idc_trust(), policy["identity_policies"][0]),
                        context(account_id="111122223333"))
    found = messages(evaluate(engines, model, "ZT-IAM-04"), "aws_iam_role.admin")
    assert ("does not match long-term access keys" in found) is flagged


def test_external_id(engines: dict[str, Engine]) -> None:
    trust = case("decisions", "external-id")["trust_policy"]
    accounts = context(account_id="111122223333", allowed_external_accounts=["444455556666"])
    model = build_model(admin_role(trust), accounts)
    assert statuses(evaluate(engines, model, "ZT-IAM-02"), "aws_iam_role.admin") == {"pass"}
    trust["Statement"]["Condition"] = {"StringEquals": {"STS:EXTERNALID": "Example-1234"}}
    model = build_model(admin_role(trust), accounts)
    assert statuses(evaluate(engines, model, "ZT-IAM-02"), "aws_iam_role.admin") == {"pass"}
    del trust["Statement"]["Condition"]
    model = build_model(admin_role(trust), accounts)
    found = evaluate(engines, model, "ZT-IAM-02")
    assert "has no sts:ExternalId condition" in messages(found, "aws_iam_role.admin")


@pytest.mark.parametrize(("variant", "regions", "expected"), [
    ("not_action", ["eu-central-1", "eu-west-1"], {"pass"}),
    ("action_star", ["eu-central-1", "eu-west-1"], {"pass"}),
    ("not_action", ["us-east-1"], {"fail"}),
])
def test_region_deny_variants(engines: dict[str, Engine], variant: str, regions: list[str],
                              expected: set[str]) -> None:
    policy = case("decisions", "region-deny-and-global-services")["variants"][variant]
    model = build_model(plan(change("aws_iam_policy.admin", {
        "name": "admin", "path": "/", "policy": text(policy["identity_policies"][0])})),
        context(allowed_regions=regions))
    assert statuses(evaluate(engines, model, "ZT-IAM-06"), "aws_iam_policy.admin") == expected


def test_for_all_values_is_not_counted(engines: dict[str, Engine]) -> None:
    policy = case("decisions", "forallvalues-on-absent-key")["variants"]["for_all"]
    model = build_model(plan(change("aws_iam_policy.dev", {
        "name": "dev", "path": "/", "policy": text(policy["identity_policies"][0])})),
        strict_context())
    found = messages(evaluate(engines, model, "ZT-IAM-01"), "aws_iam_policy.dev")
    assert "aws:tagkeys (ForAllValues without a Null guard)" in found


def _idc_trust() -> dict:
    pattern = ("arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/"
               "*AWSReservedSSO_Administrator_*")
    return {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
        "Action": "sts:AssumeRole", "Condition": {"ArnLike": {"aws:PrincipalArn": pattern}}}]}
