"""The compiler's mirror of iam-policy-template: conditions, region deny, size and splitting."""

from __future__ import annotations

import pytest

from ztiam.compiler.documents import (
    MANAGED_POLICY_LIMIT,
    global_services,
    identity_document,
    pack,
    policy_size,
)
from ztiam.compiler.policies import allow, deny
from ztiam.errors import ZtiamError


def test_allow_statements_get_the_three_standard_keys_merged() -> None:
    passed = {"iam:PassedToService": ["ec2.amazonaws.com"]}
    own = allow("Pass", ["iam:PassRole"], StringEquals=passed)
    document = identity_document([own], "operator", ["us-east-1"])
    condition = document["Statement"][0]["Condition"]
    assert condition["StringEquals"] == {
        "iam:PassedToService": ["ec2.amazonaws.com"],
        "aws:RequestedRegion": ["us-east-1"],
        "aws:PrincipalTag/ztiam:tier": ["operator"],
    }
    assert condition["Bool"] == {"aws:SecureTransport": ["true"]}


def test_deny_statements_are_kept_as_given() -> None:
    document = identity_document([deny("NoIam", ["iam:*"])], "developer", ["us-east-1"])
    assert "Condition" not in document["Statement"][0]


def test_every_document_ends_with_the_region_deny() -> None:
    document = identity_document([allow("Read", ["s3:GetObject"])], "service", ["us-east-1"])
    region_deny = document["Statement"][-1]
    assert region_deny["NotAction"] == list(global_services())
    assert region_deny["Condition"] == {"StringNotEquals": {"aws:RequestedRegion": ["us-east-1"]}}
    assert region_deny["Resource"] == ["*"]


def test_allowed_regions_of_allows_always_include_us_east_1() -> None:
    document = identity_document([allow("Read", ["s3:GetObject"])], "service", ["eu-west-1"])
    regions = document["Statement"][0]["Condition"]["StringEquals"]["aws:RequestedRegion"]
    assert regions == ["eu-west-1", "us-east-1"]
    assert document["Statement"][-1]["Condition"]["StringNotEquals"] == {
        "aws:RequestedRegion": ["eu-west-1"]
    }


def test_policy_size_ignores_whitespace() -> None:
    assert policy_size({"a": "b c"}) == len('{"a":"bc"}')


def test_pack_splits_statements_in_order_to_fit_the_quota() -> None:
    statements = [allow(f"S{n}", [f"s3:Action{n}{'x' * 400}"]) for n in range(20)]
    chunks = pack(statements, "developer", ["us-east-1"], "policy test")
    assert len(chunks) > 1
    assert [s for chunk in chunks for s in chunk] == statements
    for chunk in chunks:
        assert policy_size(identity_document(chunk, "developer", ["us-east-1"])) <= (
            MANAGED_POLICY_LIMIT
        )


def test_pack_refuses_a_statement_that_cannot_fit_any_policy() -> None:
    huge = allow("Huge", [f"s3:Action{n:04d}" for n in range(600)])
    with pytest.raises(ZtiamError, match="policy test: statement Huge needs"):
        pack([huge], "developer", ["us-east-1"], "policy test")
