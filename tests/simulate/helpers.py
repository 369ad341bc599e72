"""Policies from plain objects and one-call decisions, for the decision engine tests."""

from __future__ import annotations

from typing import Any

from ztiam.iam.evaluate import Decision, Policy, PolicySet, Request, decide, principal_of
from ztiam.iam.policy import parse_policy

VERSION = "2012-10-17"


def make_policy(statements: list[dict] | dict, kind: str = "identity", name: str = "p",
                version: str | None = VERSION) -> Policy:
    """A parsed policy from statement objects (kind: identity, trust or resource)."""
    body: dict[str, Any] = {"Statement": statements}
    if version is not None:
        body["Version"] = version
    subkind = {"identity": "managed", "trust": "trust", "resource": "other"}[kind]
    document = parse_policy(body, kind=kind, subkind=subkind)
    assert document["status"] == "ok", document["error"]
    return Policy(name, document)


def make_decision(who: str | dict, action: str, target: str, context: dict | None = None,
                  /, **layers: Any) -> Decision:
    """Decide one request; ``layers`` are PolicySet fields."""
    request = Request(principal_of(who), action, target, context or {})
    return decide(request, PolicySet(**layers))
