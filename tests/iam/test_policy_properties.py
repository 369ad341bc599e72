"""Properties of the policy normaliser that must hold for every input shape."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from ztiam.iam.policy import parse_policy

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
SCALARS = st.one_of(TEXT, st.booleans(), st.integers(-10**6, 10**6))
ONE_OR_MANY = st.one_of(TEXT, st.lists(TEXT, min_size=1, max_size=4))
CONDITION_VALUES = st.one_of(SCALARS, st.lists(SCALARS, min_size=1, max_size=4))
OPERATORS = st.sampled_from([
    "StringEquals", "StringNotLike", "ArnLike", "Bool", "BoolIfExists", "NumericLessThan",
    "ForAllValues:StringEquals", "ForAnyValue:StringLikeIfExists", "NotIpAddress", "Null",
])
PRINCIPALS = st.one_of(
    st.just("*"),
    st.dictionaries(st.sampled_from(["AWS", "Service", "Federated", "CanonicalUser"]),
                    st.one_of(ONE_OR_MANY, st.just("*"), st.just("111122223333")),
                    min_size=1),
)
STATEMENTS = st.fixed_dictionaries(
    {"Effect": st.sampled_from(["Allow", "Deny"]), "Action": ONE_OR_MANY,
     "Resource": ONE_OR_MANY},
    optional={
        "Sid": TEXT, "Principal": PRINCIPALS,
        "Condition": st.dictionaries(OPERATORS, st.dictionaries(TEXT, CONDITION_VALUES,
                                                                min_size=1, max_size=3),
                                     max_size=3),
    },
)
POLICIES = st.fixed_dictionaries(
    {"Statement": st.one_of(STATEMENTS, st.lists(STATEMENTS, min_size=1, max_size=4))},
    optional={"Version": st.sampled_from(["2012-10-17", "2008-10-17"]), "Id": TEXT},
)


def as_list(value: object) -> list:
    return value if isinstance(value, list) else [value]


def as_text(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def parse(text: object) -> dict:
    return parse_policy(text, kind="resource", subkind="bucket")


@given(POLICIES)
@settings(max_examples=200)
def test_normaliser_any_scalar_or_list_shape_gives_lists(policy: dict) -> None:
    document = parse(json.dumps(policy))
    raw_statements = as_list(policy["Statement"])

    assert document["status"] == "ok"
    assert len(document["statements"]) == len(raw_statements)
    for raw, statement in zip(raw_statements, document["statements"], strict=True):
        assert statement["actions"] == [action.lower() for action in as_list(raw["Action"])]
        assert statement["resources"] == as_list(raw["Resource"])
        for condition in statement["conditions"]:
            written = raw["Condition"][condition["operator"]][condition["key_raw"]]
            assert condition["values"] == [as_text(value) for value in as_list(written)]
        for kind in ("AWS", "Service", "Federated", "CanonicalUser"):
            assert isinstance((statement["principals"] or {}).get(kind, []), list)


@given(POLICIES, st.sampled_from([None, 0, 1, 2, 4]), st.booleans(), st.booleans())
@settings(max_examples=200)
def test_normaliser_text_equals_minified_text(policy: dict, indent: int | None, crlf: bool,
                                              bom: bool) -> None:
    text = json.dumps(policy, indent=indent) + "\n"
    text = ("\ufeff" if bom else "") + (text.replace("\n", "\r\n") if crlf else text)
    minified = json.dumps(json.loads(text.lstrip("\ufeff")), separators=(",", ":"))

    assert parse(text) == parse(minified)


@given(POLICIES)
def test_normaliser_decoded_object_equals_text_but_for_size(policy: dict) -> None:
    from_text, from_object = parse(json.dumps(policy)), parse(policy)

    assert {**from_text, "size": None} == {**from_object, "size": None}


@given(st.text(max_size=60))
def test_normaliser_any_text_is_ok_or_invalid_never_an_exception(text: str) -> None:
    document = parse(text)

    assert document["status"] in ("ok", "invalid")
    assert (document["error"] is None) == (document["status"] == "ok")


@given(st.recursive(st.one_of(st.none(), SCALARS, st.floats(allow_nan=False)),
                    lambda inner: st.one_of(st.lists(inner, max_size=3),
                                            st.dictionaries(TEXT, inner, max_size=3)),
                    max_leaves=12))
def test_normaliser_any_json_value_is_handled(value: object) -> None:
    document = parse({"Statement": value, "Version": value})

    assert document["status"] in ("ok", "invalid")
    for statement in document["statements"]:
        assert statement["actions"] != [] and statement["resources"] != []
