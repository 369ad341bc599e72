"""Properties of the decision engine over generated policy sets and requests."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ztiam.iam.evaluate import PolicySet, Request, decide, principal_of

from .helpers import make_policy

ACCOUNT, OTHER = "111122223333", "444455556666"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/app"
SESSION = f"arn:aws:sts::{ACCOUNT}:assumed-role/app/s"
PRINCIPALS = [ROLE, SESSION, f"arn:aws:iam::{ACCOUNT}:user/alice",
              f"arn:aws:sts::{OTHER}:assumed-role/partner/s"]
ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:DeleteBucket", "iam:CreateRole",
           "ec2:RunInstances", "sqs:SendMessage"]
ACTION_PATTERNS = ACTIONS + ["s3:*", "*", "s3:Get*", "iam:*", "ec2:Run?nstances", "S3:PUT*"]
RESOURCES = ["arn:aws:s3:::example-bucket", "arn:aws:s3:::example-bucket/a",
             f"arn:aws:iam::{ACCOUNT}:role/x", "*"]
RESOURCE_PATTERNS = RESOURCES + ["arn:aws:s3:::example-bucket/*", "arn:aws:s3:::*",
                                 "arn:aws:s3:::Example-Bucket/*"]
RESOURCE_PRINCIPALS = ["*", {"AWS": ACCOUNT}, {"AWS": ROLE}, {"AWS": SESSION},
                       {"AWS": OTHER}, {"Service": "sns.amazonaws.com"}]
CONDITIONS = [
    ("StringEquals", "aws:RequestedRegion", "us-east-1"),
    ("StringNotEquals", "aws:SourceVpce", "vpce-0abc1234"),
    ("BoolIfExists", "aws:MultiFactorAuthPresent", "false"),
    ("Bool", "aws:MultiFactorAuthPresent", "true"),
    ("IpAddress", "aws:SourceIp", "203.0.113.0/24"),
    ("NotIpAddress", "aws:SourceIp", ["203.0.113.0/24", "198.51.100.0/24"]),
    ("Null", "aws:SourceVpce", "true"),
    ("ForAllValues:StringEquals", "aws:TagKeys", ["a", "b"]),
    ("ForAnyValue:StringLike", "aws:TagKeys", "a*"),
    ("NumericLessThanIfExists", "aws:MultiFactorAuthAge", "3600"),
    ("DateLessThan", "aws:CurrentTime", "2030-01-01T00:00:00Z"),
    ("ArnNotLike", "aws:PrincipalArn", f"arn:aws:iam::{ACCOUNT}:role/pipe*"),
]
CONTEXT_VALUES: dict[str, list[Any]] = {
    "aws:RequestedRegion": ["us-east-1", "eu-west-1"],
    "aws:SourceVpce": ["vpce-0abc1234", None],
    "aws:MultiFactorAuthPresent": ["true", "false", None],
    "aws:SourceIp": ["203.0.113.9", "198.51.100.7", None],
    "aws:TagKeys": [[], ["a"], ["a", "c"], None],
    "aws:MultiFactorAuthAge": ["10", "7200", None],
    "aws:CurrentTime": ["2026-01-01T00:00:00Z"],
}


@st.composite
def statements(draw: st.DrawFn, effect: str | None = None, principal: bool = False) -> dict:
    body: dict[str, Any] = {"Effect": effect or draw(st.sampled_from(["Allow", "Allow", "Deny"]))}
    action_key = "NotAction" if draw(st.booleans()) and body["Effect"] == "Deny" else "Action"
    body[action_key] = draw(st.lists(st.sampled_from(ACTION_PATTERNS), min_size=1, max_size=3))
    body["NotResource" if draw(st.integers(0, 5)) == 0 else "Resource"] = \
        draw(st.lists(st.sampled_from(RESOURCE_PATTERNS), min_size=1, max_size=2))
    if principal:
        body["Principal"] = draw(st.sampled_from(RESOURCE_PRINCIPALS))
    conditions: dict[str, dict] = {}
    for operator, key, values in draw(st.lists(st.sampled_from(CONDITIONS), max_size=2)):
        conditions.setdefault(operator, {})[key] = values
    if conditions:
        body["Condition"] = conditions
    return body


def documents(principal: bool = False) -> st.SearchStrategy[list[dict]]:
    return st.lists(statements(principal=principal), min_size=1, max_size=3)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Request, PolicySet]:
    context = {key: draw(st.sampled_from(values)) for key, values in CONTEXT_VALUES.items()}
    request = Request(principal_of(draw(st.sampled_from(PRINCIPALS))),
                      draw(st.sampled_from(ACTIONS)), draw(st.sampled_from(RESOURCES)), context)
    optional = st.one_of(st.none(), st.none(), documents())
    resource, boundary, scp = (draw(st.none() | documents(principal=True)), draw(optional),
                               draw(optional))
    identity = draw(st.lists(documents(), max_size=3))
    if draw(st.booleans()):
        identity.append([{"Effect": "Allow", "Action": "*", "Resource": "*"}])
    policies = PolicySet(
        identity=tuple(make_policy(d) for d in identity),
        boundary=make_policy(boundary, name="b") if boundary else None,
        scps=(make_policy(scp, name="scp"),) if scp else (),
        resource=make_policy(resource, "resource", name="r") if resource else None,
        resource_account=draw(st.sampled_from([ACCOUNT, OTHER, None])))
    return request, policies


def with_identity(policies: PolicySet, statement: dict) -> PolicySet:
    return replace(policies, identity=policies.identity + (make_policy([statement], name="x"),))


def with_resource(policies: PolicySet, statement: dict) -> PolicySet:
    document = policies.resource.document if policies.resource else {"statements": []}
    raw = [_raw(s) for s in document["statements"]] + [statement]
    return replace(policies, resource=make_policy(raw, "resource", name="r"))


def _raw(statement: dict) -> dict:
    """Statement objects back from the normalised shape, for appending one more."""
    body: dict[str, Any] = {"Effect": statement["effect"]}
    for key, name in (("actions", "Action"), ("not_actions", "NotAction"),
                      ("resources", "Resource"), ("not_resources", "NotResource")):
        if statement[key] is not None:
            body[name] = statement[key]
    principals = statement["principals"]
    body["Principal"] = "*" if principals["wildcard"] else \
        {k: v for k, v in principals.items() if k in ("AWS", "Service") and v}
    conditions: dict[str, dict] = {}
    for condition in statement["conditions"]:
        conditions.setdefault(condition["operator"], {})[condition["key_raw"]] = \
            condition["values"]
    if conditions:
        body["Condition"] = conditions
    return body


SETTINGS = settings(max_examples=200, deadline=None)


@SETTINGS
@given(scenarios(), st.booleans())
def test_explicit_deny_always_wins(scenario, in_resource_policy):
    request, policies = scenario
    blanket = {"Effect": "Deny", "Action": "*", "Resource": "*"}
    changed = with_resource(policies, {**blanket, "Principal": "*"}) if in_resource_policy \
        else with_identity(policies, blanket)
    assert decide(request, changed).outcome == "explicit_deny"


@SETTINGS
@given(scenarios(), st.data())
def test_adding_an_allow_never_turns_allow_into_deny(scenario, data):
    request, policies = scenario
    before = decide(request, policies)
    if data.draw(st.booleans()):
        changed = with_identity(policies, data.draw(statements("Allow")))
    else:
        changed = with_resource(policies, data.draw(statements("Allow", principal=True)))
    after = decide(request, changed)
    assert not before.allowed or after.allowed
    assert before.outcome != "explicit_deny" or after.outcome == "explicit_deny"


@SETTINGS
@given(scenarios(), st.data())
def test_action_case_never_changes_a_decision(scenario, data):
    request, policies = scenario
    flips = data.draw(st.lists(st.booleans(), min_size=len(request.action),
                               max_size=len(request.action)))
    pairs = zip(request.action, flips, strict=True)
    action = "".join(c.swapcase() if flip else c for c, flip in pairs)
    assert decide(replace(request, action=action), policies) == decide(request, policies)


@SETTINGS
@given(st.text("abcdefgh", min_size=1, max_size=12), st.data())
def test_resource_case_changes_a_decision(name, data):
    flips = data.draw(st.lists(st.booleans(), min_size=len(name), max_size=len(name))
                      .filter(any))
    variant = "".join(c.upper() if flip else c for c, flip in zip(name, flips, strict=True))
    policies = PolicySet(identity=(make_policy([{"Effect": "Allow", "Action": "s3:GetObject",
                                                 "Resource": f"arn:aws:s3:::{name}/*"}]),))
    request = Request(principal_of(ROLE), "s3:GetObject", f"arn:aws:s3:::{name}/key", {})
    assert decide(request, policies).outcome == "allow"
    changed = replace(request, resource=f"arn:aws:s3:::{variant}/key")
    assert decide(changed, policies).outcome == "implicit_deny"
