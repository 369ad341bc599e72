"""Actions, resources and principals: wildcards, case, NotAction, NotResource, NotPrincipal."""

from __future__ import annotations

import pytest

from ztiam.iam.evaluate import EvaluationError, action_matches, principal_of, resource_matches

ROLE = "arn:aws:iam::111122223333:role/app"
SESSION = "arn:aws:sts::111122223333:assumed-role/app/alice"


@pytest.mark.parametrize("pattern, action, expected", [
    ("iam:ListAccessKeys", "IAM:listaccesskeys", True),
    ("iam:*AccessKey*", "iam:CreateAccessKey", True),
    ("s3:Get?bject", "s3:GetObject", True), ("s3:Get?bject", "s3:GetObjects", False),
    ("*", "kms:Decrypt", True), ("s3:*", "s3express:CreateSession", False)])
def test_action_patterns(pattern: str, action: str, expected: bool):
    assert action_matches([pattern.lower()], action) is expected


@pytest.mark.parametrize("pattern, resource, expected", [
    ("*", "arn:aws:s3:::example-bucket", True),
    ("arn:aws:s3:::example-bucket/*/test/*", "arn:aws:s3:::example-bucket/1/2/test/3/x", True),
    ("arn:aws:s3:::example-bucket/*", "arn:aws:s3:::example-bucket", False),
    ("arn:aws:s3:::example-bucket", "arn:aws:s3:::Example-Bucket", False),
    ("arn:aws:sqs:us-east-1:111122223333:q", "arn:aws:sqs:us-east-1:111122223333:Q", False),
    ("arn:aws:s3:::example-bucket?", "arn:aws:s3:::example-bucket2", True),
    ("arn:aws:s3:::ex*ket", "arn:aws:s3:::ex:ample-bucket", False),
    ("arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", True),
    ("arn:aws:s3:*", "arn:aws:s3:::example-bucket/a", True),
    ("arn:aws:logs:us-east-1:111122223333:log-group:trail:*",
     "arn:aws:logs:us-east-1:111122223333:log-group:trail:log-stream:x", True)])
def test_resource_patterns(pattern: str, resource: str, expected: bool):
    assert resource_matches([pattern], resource, {}, True) is expected


def test_resource_variables():
    ctx = {"aws:username": ("alice",)}
    pattern = "arn:aws:s3:::home/${aws:username}/*"
    assert resource_matches([pattern], "arn:aws:s3:::home/alice/x", ctx, True)
    assert not resource_matches([pattern], "arn:aws:s3:::home/bob/x", ctx, True)
    assert not resource_matches([pattern], "arn:aws:s3:::home/alice/x", ctx, False)
    assert not resource_matches([pattern], "arn:aws:s3:::home/alice/x", {}, True)
    assert not resource_matches([pattern], "arn:aws:s3:::home/${aws:username}/x", {}, True)


def test_resource_variable_value_is_not_a_wildcard():
    ctx = {"aws:username": ("*",)}
    assert not resource_matches(["arn:aws:s3:::home/${aws:username}"], "arn:aws:s3:::home/bob",
                                ctx, True)


@pytest.mark.parametrize("value, kind, account, role", [
    ("111122223333", "root", "111122223333", None),
    ("arn:aws:iam::111122223333:root", "root", "111122223333", None),
    ("arn:aws:iam::111122223333:user/ops/alice", "user", "111122223333", None),
    (ROLE, "role", "111122223333", ROLE),
    (SESSION, "session", "111122223333", ROLE),
    ("arn:aws:sts::111122223333:federated-user/bob", "federated_user", "111122223333", None),
    ({"Service": "sns.amazonaws.com"}, "service", None, None),
    ("cloudtrail.amazonaws.com", "service", None, None),
    ({"Federated": "cognito-identity.amazonaws.com"}, "federated", None, None),
    ({"AWS": ROLE}, "role", "111122223333", ROLE),
    ("*", "anonymous", None, None)])
def test_principal_of(value, kind, account, role):
    principal = principal_of(value)
    assert (principal.kind, principal.account, principal.role_arn) == (kind, account, role)


@pytest.mark.parametrize("value", [
    "alice", "arn:aws:s3:::bucket", "arn:aws:iam::111122223333:group/x",
    "arn:aws:sts::111122223333:assumed-role/app", {"Service": "a", "AWS": "b"}, {"Other": "x"}])
def test_principal_of_rejects_what_is_not_a_principal(value):
    with pytest.raises(EvaluationError):
        principal_of(value)


def test_service_linked_role_is_recognised():
    slr = principal_of("arn:aws:iam::111122223333:role/aws-service-role/x.amazonaws.com/AWSX")
    assert slr.service_linked and not principal_of(ROLE).service_linked
