"""Condition operators: every family, absent keys, IfExists, Null, set operators, variables."""

from __future__ import annotations

import pytest

from ztiam.errors import ZtiamError
from ztiam.iam.conditions import OPERATORS, EvaluationError, condition_holds
from ztiam.iam.policy import parse_policy


def cond(operator: str, key: str, values: object) -> dict:
    """One normalised condition, parsed from a statement as the parser gives it."""
    statement = {"Effect": "Allow", "Action": "*", "Resource": "*",
                 "Condition": {operator: {key: values}}}
    document = parse_policy({"Version": "2012-10-17", "Statement": statement},
                            kind="identity", subkind="managed")
    return document["statements"][0]["conditions"][0]


def holds(operator: str, key: str, values: object, context: dict,
          variables: bool = True) -> bool:
    ctx = {k.lower(): tuple(v) if isinstance(v, list) else (v,) for k, v in context.items()}
    return condition_holds(cond(operator, key, values), ctx, variables)


NEGATED = {"StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike", "ArnNotEquals",
           "ArnNotLike", "NotIpAddress", "NumericNotEquals", "DateNotEquals"}
SAMPLE = {"String": "x", "Arn": "arn:aws:iam::111122223333:root", "Numeric": "1",
          "Date": "2026-01-01T00:00:00Z", "Bool": "true", "Binary": "QUJD",
          "IpAddress": "10.0.0.0/8", "NotIpAddress": "10.0.0.0/8"}


def _sample(base: str) -> str:
    return next(value for prefix, value in SAMPLE.items() if base.startswith(prefix))


# Absent keys.

@pytest.mark.parametrize("base", sorted(OPERATORS))
def test_absent_key_negated_true_positive_false(base: str):
    assert holds(base, "aws:Missing", _sample(base), {}) is (base in NEGATED)


@pytest.mark.parametrize("base", sorted(OPERATORS))
def test_absent_key_if_exists_true(base: str):
    assert holds(base + "IfExists", "aws:Missing", _sample(base), {}) is True


def test_every_negated_operator_is_known():
    assert {base for base, (_, negated) in OPERATORS.items() if negated} == NEGATED


def test_parser_and_engine_agree_on_negation():
    for base, (_, negated) in OPERATORS.items():
        assert cond(base, "k", "v")["negated"] is negated, base


def test_empty_value_list_is_absent():
    assert holds("StringNotEquals", "k", "a", {"k": []}) is True
    assert holds("Null", "k", "true", {"k": []}) is True


# Null.

@pytest.mark.parametrize("value, present, expected", [
    ("true", False, True), ("true", True, False), ("false", False, False), ("false", True, True),
    (True, False, True), ("TRUE", False, True)])
def test_null(value: object, present: bool, expected: bool):
    context = {"s3:x-amz-server-side-encryption": "AES256"} if present else {}
    assert holds("Null", "s3:x-amz-server-side-encryption", value, context) is expected


@pytest.mark.parametrize("operator", ["NullIfExists", "ForAllValues:Null"])
def test_null_takes_no_modifiers(operator: str):
    with pytest.raises(EvaluationError):
        holds(operator, "k", "true", {})


def test_null_rejects_other_values():
    with pytest.raises(EvaluationError):
        holds("Null", "k", "maybe", {})


# Strings.

def test_string_equals_is_case_sensitive_and_literal():
    assert holds("StringEquals", "k", "Example-1234", {"k": "Example-1234"})
    assert not holds("StringEquals", "k", "Example-1234", {"k": "example-1234"})
    assert not holds("StringEquals", "k", "vpce-*", {"k": "vpce-0abc1234"})
    assert holds("StringEquals", "k", "vpce-*", {"k": "vpce-*"})


def test_string_ignore_case():
    assert holds("StringEqualsIgnoreCase", "k", "ABC", {"k": "abc"})
    assert not holds("StringNotEqualsIgnoreCase", "k", "ABC", {"k": "abc"})


def test_string_like_wildcards_cross_colons():
    assert holds("StringLike", "k", "arn:aws:iam::*", {"k": "arn:aws:iam::1:role/x"})
    assert holds("StringLike", "k", "a?c", {"k": "abc"})
    assert not holds("StringLike", "k", "a?c", {"k": "abbc"})
    assert not holds("StringLike", "k", "A*", {"k": "abc"})


def test_values_or_for_positive_operators():
    assert holds("StringEquals", "k", ["a", "b"], {"k": "b"})
    assert not holds("StringEquals", "k", ["a", "b"], {"k": "c"})


@pytest.mark.parametrize("operator, values, value, expected", [
    ("StringNotEquals", ["eu-central-1", "eu-west-1"], "eu-west-1", False),
    ("StringNotEquals", ["eu-central-1", "eu-west-1"], "us-east-1", True),
    ("StringNotLike", ["a*", "b*"], "bcd", False),
    ("StringNotLike", ["a*", "b*"], "cde", True),
    ("NotIpAddress", ["203.0.113.0/24", "198.51.100.0/24"], "198.51.100.7", False),
    ("NotIpAddress", ["203.0.113.0/24", "198.51.100.0/24"], "192.0.2.1", True),
    ("NumericNotEquals", ["1", "2"], "2", False),
    ("DateNotEquals", ["2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"], "1798761600", False),
])
def test_negated_operators_with_several_values_and(operator, values, value, expected):
    assert holds(operator, "k", values, {"k": value}) is expected


# Numbers, dates, booleans, binary.

@pytest.mark.parametrize("operator, value, expected", [
    ("NumericLessThan", "3599", True), ("NumericLessThan", "3600", False),
    ("NumericLessThanEquals", "3600", True), ("NumericGreaterThan", "3600.5", True),
    ("NumericGreaterThanEquals", "3600", True), ("NumericEquals", "3600.0", True),
    ("NumericNotEquals", "3600", False)])
def test_numeric(operator: str, value: str, expected: bool):
    assert holds(operator, "aws:MultiFactorAuthAge", "3600", {"aws:MultiFactorAuthAge": value}) \
        is expected


def test_numeric_less_than_if_exists():
    key = "aws:MultiFactorAuthAge"
    assert holds("NumericLessThanIfExists", key, "3600", {}) is True
    assert holds("NumericLessThanIfExists", key, "3600", {key: "100"}) is True
    assert holds("NumericLessThanIfExists", key, "3600", {key: "7200"}) is False


def test_numeric_errors_name_the_value():
    with pytest.raises(EvaluationError, match="'abc' is not a number"):
        holds("NumericEquals", "k", "1", {"k": "abc"})
    with pytest.raises(EvaluationError):
        holds("NumericEquals", "k", "NaN", {"k": "1"})


@pytest.mark.parametrize("policy_value, request_value, operator, expected", [
    ("2026-01-31T23:59:59Z", "2026-01-31T23:59:58Z", "DateLessThan", True),
    ("2026-01-31T23:59:59Z", "2026-02-01T00:00:00Z", "DateLessThan", False),
    ("2026-01-31T23:59:59Z", "2026-02-01T01:00:00+02:00", "DateLessThan", True),
    ("2026-01-31", "2026-01-31T00:00:00Z", "DateEquals", True),
    ("1769903999", "2026-01-31T23:59:59Z", "DateEquals", True),
    ("2026-01-31T23:59:59Z", "1769903999", "DateGreaterThanEquals", True),
    ("2026-01-31T23:59:59.500Z", "2026-01-31T23:59:59Z", "DateLessThanEquals", True),
])
def test_dates_iso_and_epoch(policy_value, request_value, operator, expected):
    assert holds(operator, "aws:CurrentTime", policy_value,
                 {"aws:CurrentTime": request_value}) is expected


def test_date_errors():
    with pytest.raises(EvaluationError, match="ISO 8601"):
        holds("DateLessThan", "aws:CurrentTime", "09:00:00Z", {"aws:CurrentTime": "2026-01-01"})


def test_bool():
    assert holds("Bool", "aws:SecureTransport", "true", {"aws:SecureTransport": "TRUE"})
    assert holds("Bool", "aws:SecureTransport", True, {"aws:SecureTransport": "true"})
    assert not holds("Bool", "aws:SecureTransport", "false", {"aws:SecureTransport": "true"})


def test_binary_equals_compares_bytes():
    assert holds("BinaryEquals", "k", "QUJD", {"k": "QUJD"})
    assert not holds("BinaryEquals", "k", "QUJD", {"k": "QUJE"})
    with pytest.raises(EvaluationError, match="base64"):
        holds("BinaryEquals", "k", "not base64!", {"k": "QUJD"})


# IP addresses.

@pytest.mark.parametrize("cidr, address, expected", [
    ("203.0.113.0/24", "203.0.113.9", True), ("203.0.113.0/24", "203.0.114.9", False),
    ("203.0.113.9", "203.0.113.9", True), ("203.0.113.9", "203.0.113.10", False),
    ("2001:db8::/32", "2001:db8:1::5", True), ("2001:db8::/32", "2001:db9::5", False),
    ("2001:db8::5", "2001:db8::5", True), ("0.0.0.0/0", "2001:db8::5", False),
    ("203.0.113.1/24", "203.0.113.200", True)])
def test_ip_address(cidr: str, address: str, expected: bool):
    assert holds("IpAddress", "aws:SourceIp", cidr, {"aws:SourceIp": address}) is expected
    assert holds("NotIpAddress", "aws:SourceIp", cidr, {"aws:SourceIp": address}) is not expected


def test_ip_errors():
    with pytest.raises(EvaluationError):
        holds("IpAddress", "aws:SourceIp", "10.0.0.0/33", {"aws:SourceIp": "10.0.0.1"})
    with pytest.raises(EvaluationError):
        holds("IpAddress", "aws:SourceIp", "10.0.0.0/8", {"aws:SourceIp": "vpce-1"})


# ARNs.

def test_arn_like_matches_each_part():
    key, arn = "aws:PrincipalArn", "arn:aws:iam::111122223333:role/admin"
    assert holds("ArnLike", key, "arn:aws:iam::*:role/*", {key: arn})
    assert holds("ArnEquals", key, "arn:aws:iam::111122223333:role/adm?n", {key: arn})
    assert not holds("ArnLike", key, "arn:aws:iam::*", {key: arn})
    assert holds("StringLike", key, "arn:aws:iam::*", {key: arn})
    assert not holds("ArnLike", key, "arn:aws:iam::111122223333:role/Admin", {key: arn})


def test_arn_not_like_vs_string_not_like_across_colons():
    key, arn = "aws:PrincipalArn", "arn:aws:iam::111122223333:role/pipeline"
    assert holds("ArnNotLike", key, "arn:aws:iam::*", {key: arn}) is True
    assert holds("StringNotLike", key, "arn:aws:iam::*", {key: arn}) is False
    assert holds("ArnNotLike", key, "arn:aws:iam::*:role/pipeline", {key: arn}) is False


def test_arn_resource_part_may_hold_colons():
    key = "aws:SourceArn"
    value = "arn:aws:logs:us-east-1:111122223333:log-group:trail:*"
    assert holds("ArnLike", key, "arn:aws:logs:us-east-1:111122223333:log-group:*",
                 {key: value})


def test_arn_value_that_is_not_an_arn_never_matches():
    assert not holds("ArnLike", "k", "*:*:*:*:*:*", {"k": "not-an-arn"})
    assert holds("ArnNotLike", "k", "*:*:*:*:*:*", {"k": "not-an-arn"})


# Set operators.

@pytest.mark.parametrize("context, for_all, for_any", [
    ({}, True, False), ({"aws:TagKeys": []}, True, False),
    ({"aws:TagKeys": ["costcenter"]}, True, True),
    ({"aws:TagKeys": ["costcenter", "owner"]}, False, True),
    ({"aws:TagKeys": ["owner"]}, False, False)])
def test_set_operators(context: dict, for_all: bool, for_any: bool):
    values = ["costcenter", "stack"]
    assert holds("ForAllValues:StringEquals", "aws:TagKeys", values, context) is for_all
    assert holds("ForAnyValue:StringEquals", "aws:TagKeys", values, context) is for_any


def test_negated_set_operators_apply_per_value():
    key, values = "aws:TagKeys", ["secret", "admin"]
    assert holds("ForAllValues:StringNotEquals", key, values, {key: ["a", "b"]}) is True
    assert holds("ForAllValues:StringNotEquals", key, values, {key: ["a", "admin"]}) is False
    assert holds("ForAnyValue:StringNotLike", key, ["s*"], {key: ["secret", "b"]}) is True
    assert holds("ForAnyValue:StringNotLike", key, ["s*"], {key: ["secret"]}) is False
    assert holds("ForAnyValue:StringNotEquals", key, values, {}) is False
    assert holds("ForAllValues:StringNotEquals", key, values, {}) is True


def test_set_operator_on_single_valued_key_is_not_made_plain():
    key = "aws:PrincipalOrgID"
    assert holds("ForAllValues:StringEquals", key, "o-exampleorgid", {}) is True
    assert holds("ForAnyValue:StringEquals", key, "o-exampleorgid", {key: "o-exampleorgid"})


def test_plain_operator_on_multivalued_key_matches_any_value():
    assert holds("StringEquals", "k", "a", {"k": ["b", "a"]}) is True
    assert holds("StringNotEquals", "k", "a", {"k": ["b", "a"]}) is False


# Policy variables.

def test_variables_substitute_with_version_2012():
    ctx = {"aws:username": "alice"}
    assert holds("StringEquals", "k", "home/${aws:username}", {**ctx, "k": "home/alice"})
    assert not holds("StringEquals", "k", "home/${aws:username}", {**ctx, "k": "home/alice"},
                     variables=False)
    assert holds("StringEquals", "k", "home/${aws:username}",
                 {**ctx, "k": "home/${aws:username}"}, variables=False)


def test_variable_names_ignore_case_and_values_stay_literal():
    ctx = {"aws:PrincipalTag/Team": "a*"}
    assert holds("StringLike", "k", "${AWS:principaltag/team}/*", {**ctx, "k": "a*/x"})
    assert not holds("StringLike", "k", "${aws:PrincipalTag/team}/*", {**ctx, "k": "ab/x"})


def test_variable_defaults_and_escapes():
    assert holds("StringEquals", "k", "${aws:PrincipalTag/team, 'none'}", {"k": "none"})
    assert holds("StringEquals", "k", "${aws:PrincipalTag/team,'none'}",
                 {"k": "red", "aws:PrincipalTag/team": "red"})
    assert holds("StringLike", "k", "a${*}b", {"k": "a*b"})
    assert not holds("StringLike", "k", "a${*}b", {"k": "axb"})
    assert holds("StringEquals", "k", "${$}{x}${?}", {"k": "${x}?"})


def test_variable_without_value_positive_false_negated_true():
    assert not holds("StringEquals", "k", "${aws:username}", {"k": "alice"})
    assert holds("StringNotEquals", "k", "${aws:username}", {"k": "alice"})


def test_variables_do_not_apply_to_numeric_date_bool_ip():
    ctx = {"aws:username": "5", "k": "5"}
    with pytest.raises(EvaluationError):
        holds("NumericEquals", "k", "${aws:username}", ctx)
    assert not holds("Bool", "k", "${aws:username}", {"aws:username": "true", "k": "true"})


# Key names.

def test_condition_keys_ignore_case_including_tag_keys():
    assert holds("StringEquals", "AWS:SOURCEACCOUNT", "1", {"aws:SourceAccount": "1"})
    assert holds("StringEquals", "aws:ResourceTag/Env", "prod", {"aws:resourcetag/env": "prod"})
    assert not holds("StringEquals", "aws:ResourceTag/Env", "prod", {"aws:resourcetag/env": "Prod"})


# Unknown operators.

@pytest.mark.parametrize("operator", ["StringEqualz", "IpAddressEquals", "BinaryNotEquals",
                                      "ForSomeValues:StringEquals", "stringequals"])
def test_unknown_operator_is_an_error(operator: str):
    with pytest.raises(ZtiamError, match="unknown condition operator"):
        holds(operator, "k", "v", {"k": "v"})
    with pytest.raises(ZtiamError, match="unknown condition operator"):
        holds(operator, "k", "v", {})
