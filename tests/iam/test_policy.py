"""Parsing and normalising IAM policy documents."""

from __future__ import annotations

import json

import pytest

from ztiam.iam.policy import (
    normalise_statement,
    parse_policy,
    policy_size,
    split_operator,
    to_strings,
)

MINIFIED = ('{"Statement":[{"Action":"iam:*","Effect":"Allow","Resource":"*"}],'
            '"Version":"2012-10-17"}')


def identity(text: object) -> dict:
    return parse_policy(text, kind="identity", subkind="managed")


def resource(text: object) -> dict:
    return parse_policy(text, kind="resource", subkind="bucket")


def test_parse_policy_minified_is_ok() -> None:
    document = identity(MINIFIED)

    assert document["status"] == "ok"
    assert document["error"] is None
    assert document["version"] == "2012-10-17"
    assert document["issues"] == []
    assert document["size"] == len(MINIFIED)
    assert document["statements"] == [{
        "index": 0, "sid": None, "effect": "Allow", "actions": ["iam:*"], "not_actions": None,
        "resources": ["*"], "not_resources": None, "principals": None, "not_principals": None,
        "conditions": [], "condition_keys": [],
    }]


def test_parse_policy_bom_crlf_and_trailing_newline_change_nothing() -> None:
    pretty = "\ufeff" + json.dumps(json.loads(MINIFIED), indent=2).replace("\n", "\r\n") + "\r\n"

    assert identity(pretty) == identity(MINIFIED)


def test_parse_policy_decoded_object_equals_text() -> None:
    assert identity(json.loads(MINIFIED)) == identity(MINIFIED)


def test_parse_policy_size_counts_non_whitespace() -> None:
    assert policy_size(' {\r\n "a" :\t"b c" }\n') == 10
    assert identity('{"Statement": []}')["size"] == 16


@pytest.mark.parametrize(("text", "error"), [
    ("", "the policy text is empty"),
    ("  \r\n", "the policy text is empty"),
    ("not json {", "the policy text is not JSON: Expecting value at line 1 column 1"),
    ('{"Statement": NaN}', "the policy text is not JSON: NaN is not a JSON value"),
    ("[1, 2]", "the policy is a JSON list, not an object"),
    ('"text"', "the policy is a JSON string, not an object"),
    ('{"Version": "2012-10-17"}', "the policy has no Statement element"),
    ('{"statement": []}', 'the policy has no Statement element (found "statement")'),
    ('{"Statement": "Allow"}', "Statement is a JSON string, not an object or a list"),
])
def test_parse_policy_unusable_text_is_invalid_with_error(text: str, error: str) -> None:
    document = identity(text)

    assert (document["status"], document["error"]) == ("invalid", error)
    assert document["statements"] == []


def test_parse_policy_decoded_list_is_invalid() -> None:
    assert identity([{"Effect": "Allow"}])["error"] == "the policy is a JSON list, not an object"


def test_parse_policy_none_is_missing() -> None:
    document = identity(None)

    assert (document["status"], document["size"]) == ("missing", None)
    assert document["error"] == "the policy is absent"


def test_parse_policy_unknown_kind_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown policy kind"):
        parse_policy("{}", kind="session", subkind="managed")


def test_parse_policy_statement_object_becomes_one_statement() -> None:
    document = identity('{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}')

    assert len(document["statements"]) == 1
    assert document["statements"][0]["actions"] == ["*"]
    assert document["version"] is None


def test_parse_policy_actions_are_lower_cased_resources_keep_case() -> None:
    statement = identity(json.dumps({"Statement": [{
        "Effect": "Allow", "NotAction": ["S3:GetObject", "IAM:List*"],
        "NotResource": "arn:aws:s3:::Bucket/Key",
    }]}))["statements"][0]

    assert statement["not_actions"] == ["s3:getobject", "iam:list*"]
    assert statement["not_resources"] == ["arn:aws:s3:::Bucket/Key"]
    assert statement["actions"] is None and statement["resources"] is None


def test_parse_policy_principal_star_is_wildcard() -> None:
    for principal in ("*", {"AWS": "*"}, {"AWS": ["arn:aws:iam::111122223333:root", "*"]}):
        statement = resource({"Statement": [{"Effect": "Allow", "Principal": principal,
                                             "Action": "s3:GetObject", "Resource": "*"}]})
        principals = statement["statements"][0]["principals"]
        assert principals["wildcard"] is True
        assert "*" in principals["AWS"]


def test_parse_policy_principal_accounts_are_expanded_and_listed() -> None:
    principals = resource({"Statement": [{
        "Effect": "Allow", "Action": "s3:*", "Resource": "*",
        "Principal": {"AWS": ["444455556666", "arn:aws:iam::111122223333:role/x"],
                      "Service": "cloudtrail.amazonaws.com"},
    }]})["statements"][0]["principals"]

    assert principals == {
        "AWS": ["arn:aws:iam::444455556666:root", "arn:aws:iam::111122223333:role/x"],
        "Service": ["cloudtrail.amazonaws.com"], "Federated": [], "CanonicalUser": [],
        "wildcard": False, "accounts": ["111122223333", "444455556666"],
    }


def test_parse_policy_not_principal_is_normalised_like_principal() -> None:
    statement = resource({"Statement": [{"Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"},
                                         "Action": "s3:*", "Resource": "*"}]})["statements"][0]

    assert statement["principals"] is None
    assert statement["not_principals"]["AWS"] == ["arn:aws:iam::111122223333:root"]


def test_parse_policy_conditions_are_split_and_stringified() -> None:
    statement = identity({"Statement": [{
        "Effect": "Deny", "Action": "*", "Resource": "*",
        "Condition": {
            "BoolIfExists": {"aws:MultiFactorAuthPresent": False},
            "ForAnyValue:StringNotLike": {"aws:TagKeys": ["a*", "b*"]},
            "NumericLessThan": {"s3:max-keys": 10, "aws:MultiFactorAuthAge": 1.5},
        },
    }]})["statements"][0]

    assert statement["conditions"] == [
        {"operator": "BoolIfExists", "base": "Bool", "set": None, "if_exists": True,
         "negated": False, "key": "aws:multifactorauthpresent",
         "key_raw": "aws:MultiFactorAuthPresent", "values": ["false"]},
        {"operator": "ForAnyValue:StringNotLike", "base": "StringNotLike", "set": "ForAnyValue",
         "if_exists": False, "negated": True, "key": "aws:tagkeys", "key_raw": "aws:TagKeys",
         "values": ["a*", "b*"]},
        {"operator": "NumericLessThan", "base": "NumericLessThan", "set": None,
         "if_exists": False, "negated": False, "key": "s3:max-keys", "key_raw": "s3:max-keys",
         "values": ["10"]},
        {"operator": "NumericLessThan", "base": "NumericLessThan", "set": None,
         "if_exists": False, "negated": False, "key": "aws:multifactorauthage",
         "key_raw": "aws:MultiFactorAuthAge", "values": ["1.5"]},
    ]
    assert statement["condition_keys"] == [
        "aws:multifactorauthage", "aws:multifactorauthpresent", "aws:tagkeys", "s3:max-keys"]


@pytest.mark.parametrize(("operator", "expected"), [
    ("StringEquals", ("StringEquals", None, False, False)),
    ("StringNotEqualsIgnoreCase", ("StringNotEqualsIgnoreCase", None, False, True)),
    ("StringNotLikeIfExists", ("StringNotLike", None, True, True)),
    ("ArnNotLike", ("ArnNotLike", None, False, True)),
    ("ArnLike", ("ArnLike", None, False, False)),
    ("NotIpAddress", ("NotIpAddress", None, False, True)),
    ("IpAddressIfExists", ("IpAddress", None, True, False)),
    ("NumericNotEquals", ("NumericNotEquals", None, False, True)),
    ("DateNotEqualsIfExists", ("DateNotEquals", None, True, True)),
    ("DateGreaterThan", ("DateGreaterThan", None, False, False)),
    ("ForAllValues:StringLike", ("StringLike", "ForAllValues", False, False)),
    ("forallvalues:StringEqualsIfExists", ("StringEquals", "ForAllValues", True, False)),
    ("ForAnyValue:ArnNotEquals", ("ArnNotEquals", "ForAnyValue", False, True)),
    ("Null", ("Null", None, False, False)),
    ("IfExists", ("IfExists", None, False, False)),
])
def test_split_operator_table(operator: str, expected: tuple) -> None:
    assert split_operator(operator) == expected


def test_parse_policy_duplicate_sids_are_an_issue_and_both_kept() -> None:
    document = identity({"Statement": [
        {"Sid": "Logs", "Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*"},
        {"Sid": "Other", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
        {"Sid": "Logs", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"},
    ]})

    assert document["status"] == "ok"
    assert document["issues"] == ['duplicate Sid "Logs" in statements 0 and 2']
    assert [s["actions"] for s in document["statements"]] == [
        ["logs:putlogevents"], ["s3:getobject"], ["iam:passrole"]]


def test_parse_policy_empty_sids_are_not_duplicates() -> None:
    statement = {"Sid": "", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}

    assert identity({"Statement": [statement, statement]})["issues"] == []


def test_parse_policy_statement_that_is_not_an_object_is_an_issue() -> None:
    document = identity({"Statement": ["Allow", {"Effect": "Allow", "Action": "*",
                                                 "Resource": "*"}]})

    assert document["status"] == "ok"
    assert document["issues"] == ["statement 0 is a JSON string, not an object"]
    assert [s["index"] for s in document["statements"]] == [1]


def test_parse_policy_unknown_effect_is_kept_as_written() -> None:
    document = identity({"Statement": [{"Effect": "allow", "Action": "*", "Resource": "*"}]})

    assert document["statements"][0]["effect"] == "allow"
    assert document["issues"] == [
        'statement 0 has Effect "allow"; IAM accepts only "Allow" or "Deny"']


def test_parse_policy_missing_effect_is_an_issue() -> None:
    document = identity({"Statement": [{"Action": "*", "Resource": "*"}]})

    assert document["statements"][0]["effect"] is None
    assert document["issues"] == ["statement 0 has no Effect"]


@pytest.mark.parametrize(("statement", "kind", "issue"), [
    ({"Effect": "Allow", "Resource": "*"}, "identity",
     "statement 0 has neither Action nor NotAction"),
    ({"Effect": "Allow", "Action": "*", "NotAction": "s3:*", "Resource": "*"}, "identity",
     "statement 0 has both Action and NotAction"),
    ({"Effect": "Allow", "Action": "*"}, "identity",
     "statement 0 has neither Resource nor NotResource"),
    ({"Effect": "Allow", "Action": "*", "Resource": "*", "Principal": "*"}, "identity",
     "statement 0 names a principal, which an identity policy cannot"),
    ({"Effect": "Allow", "Action": "sts:AssumeRole"}, "trust",
     "statement 0 has neither Principal nor NotPrincipal"),
    ({"Effect": "Allow", "Action": "*", "Resource": "*", "Principal": ["x"]}, "resource",
     'statement 0 has a Principal that is neither "*" nor an object'),
    ({"Effect": "Allow", "Action": "*", "Resource": "*", "Principal": {"aws": "*"}}, "resource",
     'statement 0 Principal has an unknown principal type "aws"'),
    ({"Effect": "Allow", "Action": [], "Resource": "*"}, "identity",
     "statement 0 has an empty Action"),
    ({"Effect": "Allow", "Action": "*", "Resource": "*", "Condtion": {}}, "identity",
     'statement 0 has an unknown element "Condtion"'),
    ({"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": []}, "identity",
     "statement 0 has a Condition that is not an object"),
    ({"Effect": "Allow", "Action": "*", "Resource": "*",
      "Condition": {"Bool": "true"}}, "identity",
     'statement 0 has condition operator "Bool" without a key object'),
    ({"Effect": "Allow", "Action": "*", "Resource": "*",
      "Condition": {"StringEquals": {"aws:SourceVpce": []}}}, "identity",
     'statement 0 has no values for StringEquals "aws:SourceVpce"'),
])
def test_parse_policy_statement_shape_issues(statement: dict, kind: str, issue: str) -> None:
    subkind = {"identity": "inline", "trust": "trust", "resource": "other"}[kind]
    document = parse_policy({"Version": "2012-10-17", "Statement": [statement]}, kind=kind,
                            subkind=subkind)

    assert document["status"] == "ok"
    assert document["issues"] == [issue]


def test_parse_policy_empty_action_is_absent_never_an_empty_list() -> None:
    statement = identity({"Statement": [{"Effect": "Allow", "Action": [],
                                         "Resource": "*"}]})["statements"][0]

    assert statement["actions"] is None


def test_parse_policy_document_level_issues() -> None:
    document = identity('{"Version": "2012-10-18", "Statement": [], "Extra": 1,'
                        ' "Statement": []}')

    assert document["status"] == "ok"
    assert document["issues"] == [
        'duplicate key "Statement" in one JSON object; only the last one is analysed',
        'unknown top-level element "Extra"',
        'unknown Version "2012-10-18"; IAM accepts 2012-10-17 or 2008-10-17',
        "the policy has no statements",
    ]


def test_parse_policy_trust_without_resource_has_no_issue() -> None:
    document = parse_policy({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "sts:AssumeRole",
        "Principal": {"Service": "lambda.amazonaws.com"},
    }]}, kind="trust", subkind="trust")

    assert document["issues"] == []
    assert document["statements"][0]["principals"]["Service"] == ["lambda.amazonaws.com"]


def test_parse_policy_does_not_modify_a_decoded_input() -> None:
    raw = {"Statement": {"Effect": "Allow", "Action": "S3:GetObject", "Resource": "*"}}
    before = json.dumps(raw)

    identity(raw)

    assert json.dumps(raw) == before


def test_normalise_statement_collects_issues_when_asked() -> None:
    issues: list[str] = []

    statement = normalise_statement({"Effect": "Permit", "Action": "S3:*"}, 4, "identity", issues)

    assert statement["index"] == 4 and statement["actions"] == ["s3:*"]
    assert issues == ["statement 4 has neither Resource nor NotResource",
                      'statement 4 has Effect "Permit"; IAM accepts only "Allow" or "Deny"']


@pytest.mark.parametrize(("value", "expected"), [
    (None, None), ("a", ["a"]), (["a", "b"], ["a", "b"]), ([], []), (True, ["true"]),
    ([False, 3, 2.5, None], ["false", "3", "2.5", "null"]), ({"b": 1, "a": 2}, ['{"a":2,"b":1}']),
])
def test_to_strings_shapes(value: object, expected: list | None) -> None:
    assert to_strings(value) == expected
