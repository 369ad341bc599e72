"""Roles with their policies and boundary, buckets with their companions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .fragments import change, plan, policy_text, refs, resource_config, strict_context

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "plans"
ACCOUNT = "111122223333"
ALLOW = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}


def trust(**principal: object) -> str:
    return policy_text({"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": principal})


def role(address: str = "aws_iam_role.r", name: str = "r", **values: object) -> dict:
    return change(address, {"name": name, "path": "/", "assume_role_policy": trust(AWS=ACCOUNT),
                            **values})


def policy(address: str, name: str, path: str = "/") -> dict:
    return change(address, {"name": name, "path": path, "policy": policy_text(ALLOW)},
                  {"arn": True})


def attachment(address: str, role_name: object, arn: object, unknown: dict | None = None,
               kind: str = "aws_iam_role_policy_attachment") -> dict:
    fields = {"aws_iam_role_policy_attachment": ("role", "policy_arn"),
              "aws_iam_role_policy_attachments_exclusive": ("role_name", "policy_arns"),
              "aws_iam_policy_attachment": ("roles", "policy_arn")}[kind]
    return change(f"{kind}.{address}", dict(zip(fields, (role_name, arn), strict=True)), unknown)


@pytest.mark.parametrize("account", [ACCOUNT, None])
def test_roles_attachments_by_literal_arn(build: Callable[..., dict], account: str | None) -> None:
    model = build(plan(
        role(), policy("aws_iam_policy.p", "p", "/team/"), policy("aws_iam_policy.q", "q"),
        attachment("a", "r", f"arn:aws:iam::{ACCOUNT}:policy/team/p"),
        attachment("b", "r", "arn:aws:iam::aws:policy/ReadOnlyAccess"),
        attachment("c", ["r", "other"], f"arn:aws:iam::{ACCOUNT}:policy/q",
                   kind="aws_iam_policy_attachment"),
        attachment("d", "r", [f"arn:aws:iam::{ACCOUNT}:policy/q", "arn:aws:iam::aws:policy/X"],
                   kind="aws_iam_role_policy_attachments_exclusive"),
        attachment("e", "someone-else", f"arn:aws:iam::{ACCOUNT}:policy/q"),
    ), strict_context(account_id=account))
    view = model["roles"]["aws_iam_role.r"]

    assert view["identity_documents"] == ["aws_iam_policy.p#policy", "aws_iam_policy.q#policy"]
    assert view["unresolved_policy_arns"] == ["arn:aws:iam::aws:policy/ReadOnlyAccess",
                                              "arn:aws:iam::aws:policy/X"]
    assert view["unknown_attachments"] == []
    assert view["arn"] == (f"arn:aws:iam::{ACCOUNT}:role/r" if account else None)


def test_roles_other_account_policy_arn_is_unresolved(build: Callable[..., dict]) -> None:
    model = build(plan(role(), policy("aws_iam_policy.p", "p"),
                       attachment("a", "r", "arn:aws:iam::444455556666:policy/p")),
                  strict_context(account_id=ACCOUNT))

    assert model["roles"]["aws_iam_role.r"]["identity_documents"] == []
    assert model["roles"]["aws_iam_role.r"]["unresolved_policy_arns"] == [
        "arn:aws:iam::444455556666:policy/p"]


def test_roles_attachments_by_reference(build: Callable[..., dict]) -> None:
    configuration = {"root_module": {"resources": [
        resource_config("aws_iam_role_policy_attachment.a", {
            "role": refs("aws_iam_role.r.name", "aws_iam_role.r"),
            "policy_arn": refs("aws_iam_policy.p.arn", "aws_iam_policy.p")}),
        resource_config("aws_iam_role_policy.i", {"role": refs("aws_iam_role.r.id",
                                                               "aws_iam_role.r")}),
    ]}}
    model = build(plan(
        role(name_prefix="r-", name=None), policy("aws_iam_policy.p", "p"),
        attachment("a", None, None, {"role": True, "policy_arn": True}),
        change("aws_iam_role_policy.i", {"policy": policy_text(ALLOW)}, {"role": True}),
        configuration=configuration))

    assert model["roles"]["aws_iam_role.r"]["identity_documents"] == [
        "aws_iam_policy.p#policy", "aws_iam_role_policy.i#policy"]
    assert model["roles"]["aws_iam_role.r"]["unknown_attachments"] == []


def test_roles_unexplained_unknown_attachments(build: Callable[..., dict]) -> None:
    model = build(plan(
        role("aws_iam_role.r", "r"), role("aws_iam_role.s", "s"),
        attachment("policy_unknown", "r", None, {"policy_arn": True}),
        attachment("role_unknown", None, "arn:aws:iam::aws:policy/X", {"role": True}),
    ))

    for address in ("aws_iam_role.r", "aws_iam_role.s"):
        assert model["roles"][address]["identity_documents"] == []
    assert model["roles"]["aws_iam_role.r"]["unknown_attachments"] == [
        "aws_iam_role_policy_attachment.policy_unknown",
        "aws_iam_role_policy_attachment.role_unknown"]
    assert model["roles"]["aws_iam_role.s"]["unknown_attachments"] == [
        "aws_iam_role_policy_attachment.role_unknown"]


def test_roles_managed_policy_arns(build: Callable[..., dict]) -> None:
    configuration = {"root_module": {"resources": [
        resource_config("aws_iam_role.declared", {"managed_policy_arns": refs("var.arns")}),
        resource_config("aws_iam_role.computed", {}),
    ]}}
    model = build(plan(
        role("aws_iam_role.literal", "literal",
             managed_policy_arns=[f"arn:aws:iam::{ACCOUNT}:policy/p", "arn:aws:iam::aws:policy/Y"]),
        change("aws_iam_role.declared", {"name": "d"}, {"managed_policy_arns": True}),
        change("aws_iam_role.computed", {"name": "c"}, {"managed_policy_arns": True}),
        policy("aws_iam_policy.p", "p"), configuration=configuration))
    roles = model["roles"]

    assert roles["aws_iam_role.literal"]["identity_documents"] == ["aws_iam_policy.p#policy"]
    assert roles["aws_iam_role.literal"]["unresolved_policy_arns"] == [
        "arn:aws:iam::aws:policy/Y"]
    assert roles["aws_iam_role.declared"]["unknown_attachments"] == ["aws_iam_role.declared"]
    assert roles["aws_iam_role.computed"]["unknown_attachments"] == []


@pytest.mark.parametrize(("values", "unknown", "references", "expected"), [
    ({}, {}, False, {"status": "none", "arn": None, "document": None}),
    ({"permissions_boundary": ""}, {}, False, {"status": "none", "arn": None, "document": None}),
    ({"permissions_boundary": f"arn:aws:iam::{ACCOUNT}:policy/b"}, {}, False,
     {"status": "resolved", "arn": f"arn:aws:iam::{ACCOUNT}:policy/b",
      "document": "aws_iam_policy.b#policy"}),
    ({"permissions_boundary": f"arn:aws:iam::{ACCOUNT}:policy/elsewhere"}, {}, False,
     {"status": "unresolved", "arn": f"arn:aws:iam::{ACCOUNT}:policy/elsewhere",
      "document": None}),
    ({}, {"permissions_boundary": True}, True,
     {"status": "resolved", "arn": f"arn:aws:iam::{ACCOUNT}:policy/b",
      "document": "aws_iam_policy.b#policy"}),
    ({}, {"permissions_boundary": True}, False,
     {"status": "unknown", "arn": None, "document": None}),
])
def test_roles_boundary(build: Callable[..., dict], values: dict, unknown: dict,
                        references: bool, expected: dict) -> None:
    expressions = {"permissions_boundary": refs("aws_iam_policy.b.arn")} if references else {}
    configuration = {"root_module": {"resources": [
        resource_config("aws_iam_role.r", expressions)]}}
    model = build(plan(change("aws_iam_role.r", {"name": "r", **values}, unknown),
                       policy("aws_iam_policy.b", "b"), configuration=configuration),
                  strict_context(account_id=ACCOUNT))

    assert model["roles"]["aws_iam_role.r"]["boundary"] == expected


@pytest.mark.parametrize(("principal", "kinds"), [
    ({"Service": "ec2.amazonaws.com"}, ["service"]),
    ({"AWS": "*"}, ["wildcard"]),
    ({"AWS": ["*", ACCOUNT]}, ["aws", "wildcard"]),
    ({"Federated": "arn:aws:iam::111122223333:oidc-provider/x", "AWS": ACCOUNT},
     ["aws", "federated"]),
])
def test_roles_principal_kinds(build: Callable[..., dict], principal: dict,
                               kinds: list[str]) -> None:
    deny = {"Effect": "Deny", "Action": "sts:AssumeRole", "Principal": {"Service": "x"}}
    text = policy_text({"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": principal},
                       deny)
    model = build(plan(change("aws_iam_role.r", {"name": "r", "assume_role_policy": text})))

    assert model["roles"]["aws_iam_role.r"]["principal_kinds"] == kinds


def test_roles_session_and_tags(build: Callable[..., dict]) -> None:
    model = build(plan(
        role("aws_iam_role.known", "k", max_session_duration=14400,
             tags={"ztiam:tier": "developer"}, tags_all={"ztiam:tier": "x", "owner": "p"}),
        change("aws_iam_role.unknown", {"name": "u"}, {"max_session_duration": True}),
    ))
    known, unknown = model["roles"]["aws_iam_role.known"], model["roles"]["aws_iam_role.unknown"]

    assert (known["max_session_duration"], known["max_session_duration_unknown"]) == (14400, False)
    assert known["tags"] == {"ztiam:tier": "developer", "owner": "p"}
    assert (unknown["max_session_duration"], unknown["max_session_duration_unknown"]) == (
        None, True)


def test_buckets_companions_by_name_and_reference(build: Callable[..., dict]) -> None:
    configuration = {"root_module": {"resources": [
        resource_config("aws_s3_bucket_public_access_block.b", {
            "bucket": refs("aws_s3_bucket.b.id", "aws_s3_bucket.b")}),
    ]}}
    public = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}
    model = build(plan(
        change("aws_s3_bucket.b", {"bucket": "example-bucket", "tags": {"class": "data"}}),
        change("aws_s3_bucket.other", {"bucket": "other"}),
        change("aws_s3_bucket_policy.b", {"bucket": "example-bucket",
                                          "policy": policy_text(public)}),
        change("aws_s3_bucket_public_access_block.b", {"block_public_acls": True},
               {"bucket": True}),
        change("aws_s3_bucket_versioning.b", {"bucket": "example-bucket",
                                              "versioning_configuration": [{"status": "Enabled"}]}),
        change("aws_s3_bucket_logging.orphan", {"bucket": "not-in-plan"}),
        configuration=configuration))
    view = model["buckets"]["aws_s3_bucket.b"]

    assert view == {
        "address": "aws_s3_bucket.b", "bucket": "example-bucket",
        "policy_address": "aws_s3_bucket_policy.b",
        "policy_document": "aws_s3_bucket_policy.b#policy",
        "public_access_block": {"address": "aws_s3_bucket_public_access_block.b",
                                "values": {"block_public_acls": True}},
        "versioning": {"address": "aws_s3_bucket_versioning.b", "values": {
            "bucket": "example-bucket", "versioning_configuration": [{"status": "Enabled"}]}},
        "encryption": None, "object_lock": None, "logging": None, "tags": {"class": "data"},
    }
    assert model["buckets"]["aws_s3_bucket.other"]["policy_document"] is None
    assert "aws_s3_bucket_logging.orphan" in model["resources"]


def test_buckets_inline_policy_argument(build: Callable[..., dict]) -> None:
    public = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}
    model = build(plan(change("aws_s3_bucket.b", {"bucket": "b", "policy": policy_text(public)})))

    assert model["buckets"]["aws_s3_bucket.b"]["policy_address"] == "aws_s3_bucket.b"
    assert model["buckets"]["aws_s3_bucket.b"]["policy_document"] == "aws_s3_bucket.b#policy"


def test_relations_from_a_state_file(build: Callable[..., dict]) -> None:
    model = build(FIXTURES / "state.json")
    view = model["roles"]["module.audit.aws_iam_role.this"]

    assert view["arn"] == "arn:aws:iam::111122223333:role/auditor"
    assert view["identity_documents"] == ["module.audit.aws_iam_policy.read#policy"]
    assert view["boundary"]["status"] == "none"
    assert view["principal_kinds"] == ["aws"]
    assert (view["max_session_duration"], view["tags"]) == (7200, {"ztiam:tier": "external"})
    statement = model["documents"][view["trust_document"]]["statements"][0]
    assert statement["principals"]["accounts"] == ["444455556666"]
    assert model["buckets"]["aws_s3_bucket.data"]["policy_document"] == (
        "aws_s3_bucket_policy.data#policy")
    read = model["documents"]["module.audit.aws_iam_policy.read#policy"]
    assert read["status"] == "ok" and read["statements"][0]["actions"] == ["s3:getobject"]
