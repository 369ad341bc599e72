"""Decisions across layers: denies, unions, boundaries, sessions, SCPs, RCPs, accounts, trust."""

from __future__ import annotations

import pytest

from ztiam.iam.evaluate import (
    EvaluationError,
    Principal,
    PolicySet,
    Request,
    principal_of,
    request_context,
)

ACCOUNT, OTHER = "111122223333", "444455556666"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/app"
SESSION = f"arn:aws:sts::{ACCOUNT}:assumed-role/app/alice"
USER = f"arn:aws:iam::{ACCOUNT}:user/alice"
ROOT = f"arn:aws:iam::{ACCOUNT}:root"
BUCKET = "arn:aws:s3:::example-bucket"
OBJECT = f"{BUCKET}/a"
KEY = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def allow(action="*", resource="*", **extra) -> dict:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def deny(action="*", resource="*", **extra) -> dict:
    return {"Effect": "Deny", "Action": action, "Resource": resource, **extra}


def bucket_allow(principal, action="s3:GetObject", **extra) -> dict:
    return allow(action, f"{BUCKET}/*", Principal=principal, **extra)


# Explicit deny and identity policies.

def test_explicit_deny_beats_every_allow(ask, policy):
    decision = ask(ROLE, "s3:GetObject", OBJECT, identity=(policy([allow(), deny(Sid="No")]),),
                   resource=policy([bucket_allow("*")], "resource"),
                   resource_account=ACCOUNT)
    assert decision.outcome == "explicit_deny"
    assert [(s.layer, s.index, s.sid) for s in decision.statements] == [("identity", 1, "No")]


def test_no_policy_is_implicit_deny(ask):
    decision = ask(ROLE, "s3:GetObject", OBJECT)
    assert (decision.outcome, decision.missing) == ("implicit_deny", ("identity",))


def test_allow_lists_the_statement(ask, policy):
    decision = ask(ROLE, "s3:GetObject", OBJECT,
                   identity=(policy([allow("s3:GetObject", Sid="Read")], name="read"),))
    assert decision.allowed
    assert [(s.policy, s.index, s.sid, s.effect) for s in decision.statements] == \
        [("read", 0, "Read", "Allow")]


def test_not_action_allow_grants_other_services(ask, policy):
    ident = (policy([{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]),)
    assert ask(ROLE, "ec2:TerminateInstances", "*", identity=ident).allowed
    assert ask(ROLE, "iam:CreateUser", USER, identity=ident).outcome == "implicit_deny"


def test_not_resource(ask, policy):
    ident = (policy([allow("s3:*"), {"Effect": "Deny", "Action": "s3:*",
                                     "NotResource": [BUCKET, f"{BUCKET}/*"]}]),)
    assert ask(ROLE, "s3:GetObject", OBJECT, identity=ident).allowed
    other = ask(ROLE, "s3:GetObject", "arn:aws:s3:::other-bucket/a", identity=ident)
    assert other.outcome == "explicit_deny"
    grant = (policy([{"Effect": "Allow", "Action": "s3:*", "NotResource": f"{BUCKET}/*"}]),)
    assert ask(ROLE, "s3:GetObject", OBJECT, identity=grant).outcome == "implicit_deny"
    assert ask(ROLE, "s3:DeleteBucket", BUCKET, identity=grant).allowed


def test_resource_case_matters_action_case_does_not(ask, policy):
    ident = (policy([allow("s3:GetObject", OBJECT)]),)
    assert ask(ROLE, "S3:getobject", OBJECT, identity=ident).allowed
    assert ask(ROLE, "s3:GetObject", OBJECT.upper(), identity=ident).outcome == "implicit_deny"


def test_version_2008_takes_variables_literally(ask, policy):
    stmt = [allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*")]
    resource = "arn:aws:s3:::home/alice/x"
    assert ask(USER, "s3:GetObject", resource, identity=(policy(stmt),)).allowed
    old = (policy(stmt, version="2008-10-17"),)
    assert ask(USER, "s3:GetObject", resource, identity=old).outcome == "implicit_deny"
    missing = (policy(stmt, version=None),)
    assert ask(USER, "s3:GetObject", resource, identity=missing).outcome == "implicit_deny"


# Permissions boundaries and session policies.

def test_boundary_intersects_identity(ask, policy):
    ident = (policy([allow()]),)
    boundary = policy([allow("s3:*")], name="b")
    assert ask(ROLE, "s3:GetObject", OBJECT, identity=ident, boundary=boundary).allowed
    decision = ask(ROLE, "iam:CreateUser", USER, identity=ident, boundary=boundary)
    assert (decision.outcome, decision.missing) == ("implicit_deny", ("permissions_boundary",))


def test_deny_in_boundary_is_explicit(ask, policy):
    boundary = policy([allow(), deny("s3:DeleteBucket")], name="b")
    decision = ask(ROLE, "s3:DeleteBucket", BUCKET, identity=(policy([allow()]),),
                   boundary=boundary)
    assert decision.outcome == "explicit_deny"
    assert decision.statements[0].layer == "permissions_boundary"


def test_session_policy_intersects(ask, policy):
    ident = (policy([allow()]),)
    session = policy([allow("s3:GetObject")], name="s")
    assert ask(SESSION, "s3:GetObject", OBJECT, identity=ident, session=session).allowed
    decision = ask(SESSION, "s3:PutObject", OBJECT, identity=ident, session=session)
    assert decision.missing == ("session_policy",)


def test_federated_user_needs_a_session_policy(ask, policy):
    fed = f"arn:aws:sts::{ACCOUNT}:federated-user/bob"
    ident = (policy([allow()]),)
    assert ask(fed, "s3:GetObject", OBJECT, identity=ident).missing == ("session_policy",)
    assert ask(fed, "s3:GetObject", OBJECT, identity=ident,
               session=policy([allow()])).allowed


# Same-account resource policies: which principal the policy names decides what limits it.

@pytest.mark.parametrize("named, caller, boundary_limits", [
    (ROLE, SESSION, True), (ROLE, ROLE, True), ("*", SESSION, True),
    (SESSION, SESSION, False), (USER, USER, False), ("*", USER, False)])
def test_same_account_resource_policy_and_boundary(ask, policy, named, caller, boundary_limits):
    resource = policy([bucket_allow({"AWS": named})], "resource")
    boundary = policy([allow("ec2:*")], name="b")
    alone = ask(caller, "s3:GetObject", OBJECT, resource=resource, resource_account=ACCOUNT)
    assert alone.allowed
    bounded = ask(caller, "s3:GetObject", OBJECT, resource=resource, resource_account=ACCOUNT,
                  boundary=boundary)
    assert bounded.allowed is not boundary_limits
    if boundary_limits:
        assert bounded.missing == ("permissions_boundary",)


def test_role_named_in_resource_policy_is_limited_by_session_policy(ask, policy):
    resource = policy([bucket_allow({"AWS": ROLE})], "resource")
    session = policy([allow("ec2:*")], name="s")
    decision = ask(SESSION, "s3:GetObject", OBJECT, resource=resource,
                   resource_account=ACCOUNT, session=session)
    assert decision.missing == ("session_policy",)


def test_account_named_in_resource_policy_delegates_to_identity(ask, policy):
    resource = policy([bucket_allow({"AWS": ACCOUNT})], "resource")
    decision = ask(ROLE, "s3:GetObject", OBJECT, resource=resource, resource_account=ACCOUNT)
    assert (decision.outcome, decision.missing) == ("implicit_deny", ("identity",))
    granted = ask(ROLE, "s3:GetObject", OBJECT, resource=resource, resource_account=ACCOUNT,
                  identity=(policy([allow("s3:GetObject")]),))
    assert granted.allowed


def test_union_lists_both_layers_that_allow(ask, policy):
    decision = ask(ROLE, "s3:GetObject", OBJECT, identity=(policy([allow()]),),
                   resource=policy([bucket_allow({"AWS": ROLE})], "resource"),
                   resource_account=ACCOUNT)
    assert {s.layer for s in decision.statements} == {"identity", "resource_policy"}


def test_resource_policy_that_allows_nothing_is_reported(ask, policy):
    resource = policy([bucket_allow({"AWS": ROLE}, "s3:PutObject")], "resource")
    decision = ask(ROLE, "s3:GetObject", OBJECT, resource=resource, resource_account=ACCOUNT)
    assert decision.missing == ("resource_policy", "identity")


# NotPrincipal.

def test_not_principal_deny_exempts_only_when_account_role_and_session_listed(ask, policy):
    listed = [ROOT, ROLE, SESSION]
    ident = (policy([allow()]),)

    def outcome(names, boundary=None):
        resource = policy([deny("s3:*", f"{BUCKET}/*", NotPrincipal={"AWS": names})],
                          "resource")
        return ask(SESSION, "s3:GetObject", OBJECT, identity=ident, resource=resource,
                   resource_account=ACCOUNT, boundary=boundary).outcome

    assert outcome(listed) == "allow"
    assert outcome([ROLE, SESSION]) == "explicit_deny"
    assert outcome([ROOT, ROLE]) == "explicit_deny"
    assert outcome(listed, boundary=policy([allow()], name="b")) == "explicit_deny"


def test_not_principal_with_allow_is_refused(ask, policy):
    resource = policy([allow("s3:*", f"{BUCKET}/*", NotPrincipal={"AWS": ROLE})], "resource")
    with pytest.raises(EvaluationError, match="NotPrincipal"):
        ask(SESSION, "s3:GetObject", OBJECT, resource=resource, resource_account=ACCOUNT)


def test_not_principal_service(ask, policy):
    resource = policy([deny("s3:*", f"{BUCKET}/*",
                            NotPrincipal={"Service": "logging.s3.amazonaws.com"}),
                       bucket_allow("*", "s3:PutObject")], "resource")
    service = {"Service": "logging.s3.amazonaws.com"}
    assert ask(service, "s3:PutObject", OBJECT, resource=resource).allowed
    assert ask({"Service": "config.amazonaws.com"}, "s3:PutObject", OBJECT,
               resource=resource).outcome == "explicit_deny"


# Cross-account: both sides must allow.

def test_cross_account_needs_identity_and_resource(ask, policy):
    caller = f"arn:aws:iam::{OTHER}:role/reader"
    ident = (policy([allow("s3:GetObject")]),)
    resource = policy([bucket_allow({"AWS": OTHER})], "resource")
    both = ask(caller, "s3:GetObject", OBJECT, identity=ident, resource=resource,
               resource_account=ACCOUNT)
    assert both.allowed and both.cross_account
    assert ask(caller, "s3:GetObject", OBJECT, identity=ident,
               resource_account=ACCOUNT).missing == ("resource_policy",)
    assert ask(caller, "s3:GetObject", OBJECT, resource=resource,
               resource_account=ACCOUNT).missing == ("identity",)


def test_cross_account_resource_policy_does_not_bypass_boundary(ask, policy):
    caller = f"arn:aws:sts::{OTHER}:assumed-role/reader/s"
    resource = policy([bucket_allow({"AWS": caller})], "resource")
    decision = ask(caller, "s3:GetObject", OBJECT, identity=(policy([allow()]),),
                   boundary=policy([allow("ec2:*")]), resource=resource,
                   resource_account=ACCOUNT)
    assert decision.missing == ("permissions_boundary",)


def test_resource_account_comes_from_the_arn(ask, policy):
    queue = f"arn:aws:sqs:us-east-1:{OTHER}:q"
    decision = ask(ROLE, "sqs:SendMessage", queue, identity=(policy([allow()]),))
    assert decision.cross_account and decision.missing == ("resource_policy",)


# Trust policies and key policies must allow by themselves.

def trust(principal, **extra):
    return {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole", **extra}


def test_same_account_trust_naming_the_caller_needs_no_identity_policy(ask, policy):
    target = f"arn:aws:iam::{ACCOUNT}:role/target"
    named = policy([trust({"AWS": ROLE})], "trust", name="trust")
    assert ask(SESSION, "sts:AssumeRole", target, trust=named).allowed


def test_trust_naming_the_account_needs_identity_policy(ask, policy):
    target = f"arn:aws:iam::{ACCOUNT}:role/target"
    account = policy([trust({"AWS": ACCOUNT})], "trust")
    assert ask(SESSION, "sts:AssumeRole", target, trust=account).missing == ("identity",)
    assert ask(SESSION, "sts:AssumeRole", target, trust=account,
               identity=(policy([allow("sts:AssumeRole")]),)).allowed


def test_identity_policy_alone_cannot_assume_a_role(ask, policy):
    target = f"arn:aws:iam::{ACCOUNT}:role/target"
    ident = (policy([allow("sts:AssumeRole")]),)
    assert ask(SESSION, "sts:AssumeRole", target, identity=ident).missing == ("trust_policy",)
    other = policy([trust({"AWS": f"arn:aws:iam::{ACCOUNT}:role/someone"})], "trust")
    assert ask(SESSION, "sts:AssumeRole", target, identity=ident,
               trust=other).missing == ("trust_policy",)


def test_trust_applies_to_its_role_only(ask, policy):
    named = policy([trust({"AWS": ROLE})], "trust")
    target = f"arn:aws:iam::{ACCOUNT}:role/target"
    elsewhere = f"arn:aws:iam::{ACCOUNT}:role/elsewhere"
    assert ask(SESSION, "sts:AssumeRole", target, trust=named, role=target).allowed
    assert not ask(SESSION, "sts:AssumeRole", elsewhere, trust=named, role=target).allowed


def test_service_assumes_role_through_trust(ask, policy):
    named = policy([trust({"Service": "lambda.amazonaws.com"})], "trust")
    target = f"arn:aws:iam::{ACCOUNT}:role/fn"
    assert ask({"Service": "lambda.amazonaws.com"}, "sts:AssumeRole", target, trust=named).allowed
    assert not ask({"Service": "ec2.amazonaws.com"}, "sts:AssumeRole", target,
                   trust=named).allowed


def test_kms_key_policy_must_allow_itself(ask, policy):
    ident = (policy([allow("kms:Decrypt")]),)
    decision = ask(ROLE, "kms:Decrypt", KEY, identity=ident)
    assert decision.missing == ("resource_policy",)
    enable_iam = policy([allow("kms:*", Principal={"AWS": ROOT})], "resource")
    assert ask(ROLE, "kms:Decrypt", KEY, identity=ident, resource=enable_iam).allowed
    assert ask(ROLE, "kms:Decrypt", KEY, resource=enable_iam).missing == ("identity",)
    direct = policy([allow("kms:Decrypt", Principal={"AWS": ROLE})], "resource")
    assert ask(ROLE, "kms:Decrypt", KEY, resource=direct).allowed


# SCPs and RCPs.

def test_scp_must_allow(ask, policy):
    ident = (policy([allow()]),)
    scp = policy([allow("s3:*")], name="scp")
    assert ask(ROLE, "s3:GetObject", OBJECT, identity=ident, scps=(scp,)).allowed
    decision = ask(ROLE, "ec2:RunInstances", "*", identity=ident, scps=(scp,))
    assert decision.missing == ("scp",)


def test_scp_limits_resource_policy_grants_too(ask, policy):
    resource = policy([bucket_allow({"AWS": SESSION})], "resource")
    decision = ask(SESSION, "s3:GetObject", OBJECT, resource=resource, resource_account=ACCOUNT,
                   scps=(policy([allow("ec2:*")]),))
    assert decision.missing == ("scp",)


def test_scp_deny_is_explicit_and_spares_service_linked_roles(ask, policy):
    scps = (policy([allow(), deny("s3:*")], name="scp"),)
    ident = (policy([allow()]),)
    assert ask(ROLE, "s3:GetObject", OBJECT, identity=ident, scps=scps).outcome == \
        "explicit_deny"
    slr = f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX"
    assert ask(slr, "s3:GetObject", OBJECT, identity=ident, scps=scps).allowed


def test_scps_do_not_apply_to_service_principals(ask, policy):
    resource = policy([bucket_allow({"Service": "cloudtrail.amazonaws.com"}, "s3:PutObject")],
                      "resource")
    assert ask({"Service": "cloudtrail.amazonaws.com"}, "s3:PutObject", OBJECT,
               resource=resource, scps=(policy([deny()]),)).allowed


def test_rcps_only_deny(ask, policy):
    ident = (policy([allow()]),)
    rcp_deny = policy([deny("s3:*", Principal="*",
                            Condition={"StringNotEqualsIfExists":
                                       {"aws:PrincipalOrgID": "o-exampleorgid"}})], "resource")
    caller = f"arn:aws:iam::{OTHER}:role/x"
    resource = policy([bucket_allow("*")], "resource")
    decision = ask(caller, "s3:GetObject", OBJECT, identity=ident, resource=resource,
                   resource_account=ACCOUNT, rcps=(rcp_deny,))
    assert decision.outcome == "explicit_deny" and decision.statements[0].layer == "rcp"
    rcp_no_allow = policy([deny("sqs:*", Principal="*")], "resource")
    assert ask(ROLE, "s3:GetObject", OBJECT, identity=ident, rcps=(rcp_no_allow,)).allowed


# Root, services and anonymous callers.

def test_root_user_needs_no_identity_policy_in_its_account(ask, policy):
    assert ask(ROOT, "s3:DeleteBucket", BUCKET, resource_account=ACCOUNT).allowed
    decision = ask(ROOT, "s3:DeleteBucket", BUCKET, resource_account=ACCOUNT,
                   scps=(policy([allow("ec2:*")]),))
    assert decision.missing == ("scp",)
    assert ask(ROOT, "s3:GetObject", OBJECT, resource_account=OTHER).missing == \
        ("resource_policy",)


def test_anonymous_needs_a_public_resource_policy(ask, policy):
    public = policy([bucket_allow("*")], "resource")
    assert ask("*", "s3:GetObject", OBJECT, resource=public).allowed
    assert ask("*", "s3:GetObject", OBJECT).missing == ("resource_policy",)
    named = policy([bucket_allow({"AWS": ACCOUNT})], "resource")
    assert not ask("*", "s3:GetObject", OBJECT, resource=named).allowed


def test_service_principal_has_no_identity_policies(ask, policy):
    with pytest.raises(EvaluationError, match="no identity policies"):
        ask({"Service": "sns.amazonaws.com"}, "sqs:SendMessage", "*",
            identity=(policy([allow()]),))


# Statements AWS would refuse are errors, not guesses.

@pytest.mark.parametrize("statement, kind, message", [
    ({"Effect": "allow", "Action": "*", "Resource": "*"}, "identity", "Effect"),
    ({"Effect": "Allow", "Resource": "*"}, "identity", "Action"),
    ({"Effect": "Allow", "Action": "*"}, "identity", "Resource"),
    ({"Effect": "Allow", "Action": "*", "Resource": "*"}, "resource", "Principal"),
    ({"Effect": "Allow", "Action": "*", "Resource": "*", "Principal": "*"}, "identity",
     "Principal"),
    ({"Effect": "Allow", "Action": "s3:Nothing", "Resource": "*",
      "Condition": {"StringEqualz": {"k": "v"}}}, "identity", "unknown condition operator")])
def test_invalid_statements_are_errors(ask, policy, statement, kind, message):
    document = policy([statement], kind)
    layer = {"identity": "identity", "resource": "resource"}[kind]
    with pytest.raises(EvaluationError, match=message):
        ask(ROLE, "s3:GetObject", OBJECT, resource_account=ACCOUNT,
            **({layer: (document,)} if layer == "identity" else {layer: document}))


# The request context.

def context_of(principal: str | dict, resource: str = OBJECT, **context) -> dict:
    request = Request(principal_of(principal), "s3:GetObject", resource, context)
    return request_context(request, PolicySet())


def test_derived_principal_keys():
    ctx = context_of(SESSION)
    assert ctx["aws:principalarn"] == (ROLE,)
    assert ctx["aws:principalaccount"] == (ACCOUNT,)
    assert ctx["aws:principalisawsservice"] == ("false",)
    assert "aws:username" not in ctx
    assert context_of(USER)["aws:username"] == ("alice",)
    service = context_of({"Service": "sns.amazonaws.com"})
    assert service["aws:principalisawsservice"] == ("true",)
    assert "aws:principalarn" not in service


def test_given_keys_override_and_tilde_removes_derived_ones():
    assert context_of(SESSION, **{"AWS:PrincipalArn": "x"})["aws:principalarn"] == ("x",)
    assert "aws:principalarn" not in context_of(SESSION, **{"aws:PrincipalArn": None})


def test_clock_keys_follow_each_other():
    ctx = context_of(ROLE, **{"aws:CurrentTime": "2026-01-31T23:59:59Z"})
    assert ctx["aws:epochtime"] == ("1769903999",)
    assert context_of(ROLE, **{"aws:EpochTime": 0})["aws:currenttime"] == \
        ("1970-01-01T00:00:00Z",)


def test_context_values_normalise():
    ctx = context_of(ROLE, **{"aws:SecureTransport": True, "aws:MultiFactorAuthAge": 30,
                              "aws:TagKeys": ["a", "b"], "aws:SourceVpce": "",
                              "aws:CalledVia": []})
    assert ctx["aws:securetransport"] == ("true",)
    assert ctx["aws:multifactorauthage"] == ("30",)
    assert ctx["aws:tagkeys"] == ("a", "b")
    assert "aws:sourcevpce" not in ctx and "aws:calledvia" not in ctx


def test_context_key_given_twice_in_different_case_is_an_error():
    with pytest.raises(EvaluationError, match="given twice"):
        context_of(ROLE, **{"aws:PrincipalTag/Env": "a", "aws:principaltag/env": "b"})


def test_tag_key_case_in_conditions(ask, policy):
    ident = (policy([allow(Condition={"StringEquals": {"aws:ResourceTag/Env": "prod"}})]),)
    assert ask(ROLE, "ec2:StopInstances", "*", {"aws:resourcetag/ENV": "prod"},
               identity=ident).allowed
    assert not ask(ROLE, "ec2:StopInstances", "*", {"aws:ResourceTag/Env": "Prod"},
                   identity=ident).allowed


def test_absent_keys_are_reported(ask, policy):
    ident = (policy([allow(Condition={"Bool": {"aws:SecureTransport": "true"},
                                      "StringEquals": {"aws:RequestedRegion": "us-east-1"}})]),)
    decision = ask(ROLE, "s3:GetObject", OBJECT, {"aws:RequestedRegion": "us-east-1"},
                   identity=ident)
    assert decision.outcome == "implicit_deny"
    assert decision.absent_keys == ("aws:SecureTransport",)


def test_principal_arn_exemption_in_bucket_deny(ask, policy):
    resource = policy([deny("s3:*", f"{BUCKET}/*", Principal="*", Condition={
        "StringNotEquals": {"aws:SourceVpce": "vpce-0abc1234"},
        "ArnNotLike": {"aws:PrincipalArn": f"arn:aws:iam::{ACCOUNT}:role/pipeline"}})],
        "resource")
    ident = (policy([allow()]),)
    pipeline = f"arn:aws:sts::{ACCOUNT}:assumed-role/pipeline/run-1"
    assert ask(pipeline, "s3:GetObject", OBJECT, identity=ident, resource=resource,
               resource_account=ACCOUNT).allowed
    assert ask(SESSION, "s3:GetObject", OBJECT, identity=ident, resource=resource,
               resource_account=ACCOUNT).outcome == "explicit_deny"


def test_root_arn_of_a_principal():
    assert Principal("role", ROLE, ACCOUNT, ROLE).root_arn == ROOT
    assert Principal("service", "sns.amazonaws.com").root_arn is None


def test_unknown_operator_is_an_error_even_where_the_statement_does_not_apply(ask, policy):
    ident = (policy([allow("ec2:*", Condition={"StringEqualsAnyCase": {"k": "v"}})]),)
    with pytest.raises(EvaluationError, match="statement 0: condition StringEqualsAnyCase k"):
        ask(ROLE, "s3:GetObject", OBJECT, identity=ident)


def test_username_variable_is_absent_for_roles(ask, policy):
    ident = (policy([allow("s3:*", "arn:aws:s3:::home/${aws:username}/*")]),)
    assert ask(USER, "s3:GetObject", "arn:aws:s3:::home/alice/x", identity=ident).allowed
    assert not ask(ROLE, "s3:GetObject", "arn:aws:s3:::home/app/x", identity=ident).allowed
    assert not ask(ROLE, "s3:GetObject", "arn:aws:s3:::home//x", identity=ident).allowed


def test_multivalued_keys_are_not_variables(ask, policy):
    ident = (policy([allow("s3:*", "arn:aws:s3:::home/${aws:TagKeys, 'none'}/*")]),)
    context = {"aws:TagKeys": ["a", "b"]}
    assert ask(ROLE, "s3:GetObject", "arn:aws:s3:::home/none/x", context,
               identity=ident).allowed
    assert not ask(ROLE, "s3:GetObject", "arn:aws:s3:::home/a/x", context,
                   identity=ident).allowed


def test_negated_operator_in_deny_on_absent_keys(ask, policy):
    not_ops = deny(Condition={"StringNotLike": {"aws:PrincipalTag/team": "ops*"}})
    ident = (policy([allow(), not_ops]),)
    assert ask(ROLE, "ec2:RunInstances", "*", identity=ident).outcome == "explicit_deny"
    assert ask(ROLE, "ec2:RunInstances", "*", {"aws:PrincipalTag/Team": "ops-1"},
               identity=ident).allowed


def test_role_with_path_names_its_sessions(ask, policy):
    target = f"arn:aws:iam::{ACCOUNT}:role/target"
    with_path = policy([trust({"AWS": f"arn:aws:iam::{ACCOUNT}:role/team/app"})], "trust")
    assert ask(SESSION, "sts:AssumeRole", target, trust=with_path).allowed
    assert not ask(f"arn:aws:sts::{ACCOUNT}:assumed-role/other/s", "sts:AssumeRole", target,
                   trust=with_path).allowed
    assert not ask(ROLE, "sts:AssumeRole", target, trust=with_path).allowed
    other_account = policy([trust({"AWS": f"arn:aws:iam::{OTHER}:role/app"})], "trust")
    assert not ask(SESSION, "sts:AssumeRole", target, trust=other_account).allowed


def test_root_user_has_no_identity_policies(ask, policy):
    with pytest.raises(EvaluationError, match="root principal has no identity policies"):
        ask(ROOT, "s3:GetObject", OBJECT, identity=(policy([allow()]),))
