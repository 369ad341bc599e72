"""The offline decision engine: would AWS allow a request, and which statements decided it.

Policies are documents in the normalised shape of ``ztiam.iam.policy.parse_policy``. The rules
follow AWS's evaluation logic: an explicit Deny anywhere wins; SCPs, permissions boundaries and
session policies only limit; identity and resource Allows combine within one account, while a
request across accounts needs both sides; trust policies and KMS key policies must allow by
themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from ztiam.iam.conditions import (
    VARIABLES_VERSION,
    Context,
    EvaluationError,
    atoms,
    check_operator,
    condition_holds,
    glob_regex,
    parse_date,
    resource_regex,
)

ALLOW, EXPLICIT_DENY, IMPLICIT_DENY = "allow", "explicit_deny", "implicit_deny"
OUTCOMES = (ALLOW, EXPLICIT_DENY, IMPLICIT_DENY)

LAYERS = ("scp", "rcp", "resource_policy", "trust_policy", "identity", "permissions_boundary",
          "session_policy")
"""Every layer a statement can come from, in the order reports list them."""

IDENTITY_KINDS = frozenset({"root", "user", "role", "session", "federated_user"})
"""Principals that are IAM identities of an account (the others have no identity policies)."""

ASSUME_ACTIONS = frozenset({"sts:assumerole", "sts:assumerolewithsaml",
                            "sts:assumerolewithwebidentity", "sts:tagsession",
                            "sts:setsourceidentity"})
"""Actions authorised by the target role's trust policy."""

_PRINCIPAL_LAYERS = frozenset({"resource_policy", "trust_policy", "rcp"})
_OPTIONAL_RESOURCE_LAYERS = frozenset({"trust_policy", "scp"})
_IAM_ARN = re.compile(r"arn:(?P<partition>[\w-]+):(?P<service>iam|sts)::(?P<account>\d{12}):"
                      r"(?P<rest>.+)")
_ACCOUNT_ID = re.compile(r"\d{12}")
_SERVICE_NAME = re.compile(r"[a-z0-9.-]+\.amazonaws\.com(\.cn)?")
_MAPPING_KINDS = {"aws": None, "service": "service", "federated": "federated",
                  "canonicaluser": "canonical"}


@dataclass(frozen=True)
class Principal:
    """Who makes the request: an IAM identity, a service, a federation provider, or anonymous."""

    kind: str
    name: str
    account: str | None = None
    role_arn: str | None = None
    partition: str = "aws"

    @property
    def root_arn(self) -> str | None:
        """The ARN that names this principal's whole account, for IAM identities."""
        return f"arn:{self.partition}:iam::{self.account}:root" if self.account else None

    @property
    def service_linked(self) -> bool:
        """Whether this is (a session of) a service-linked role."""
        return bool(self.role_arn) and ":role/aws-service-role/" in str(self.role_arn)


@dataclass(frozen=True)
class Request:
    """One API call: who, which action on which resource, and the request context.

    Context values are strings, lists of strings (multivalued keys), booleans or numbers; None
    marks a key as absent (it is then not derived either).
    """

    principal: Principal
    action: str
    resource: str
    context: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Policy:
    """A named, normalised policy document."""

    name: str
    document: Mapping[str, Any]


@dataclass(frozen=True)
class PolicySet:
    """Every policy that can take part in a decision for one principal and one resource."""

    identity: tuple[Policy, ...] = ()
    boundary: Policy | None = None
    session: Policy | None = None
    scps: tuple[Policy, ...] = ()
    rcps: tuple[Policy, ...] = ()
    resource: Policy | None = None
    resource_account: str | None = None
    trust: Policy | None = None
    role: str | None = None


@dataclass(frozen=True)
class StatementRef:
    """A statement that took part in a decision."""

    layer: str
    policy: str
    index: int
    sid: str | None
    effect: str


@dataclass(frozen=True)
class Decision:
    """The outcome, the statements that decided it, and for implicit deny the layers lacking an
    Allow. ``absent_keys`` are condition keys the request did not carry."""

    outcome: str
    statements: tuple[StatementRef, ...] = ()
    missing: tuple[str, ...] = ()
    absent_keys: tuple[str, ...] = ()
    cross_account: bool = False

    @property
    def allowed(self) -> bool:
        """Whether the outcome is allow."""
        return self.outcome == ALLOW


@dataclass(frozen=True)
class _Match:
    ref: StatementRef
    level: str


# Principals.

def principal_of(value: str | Mapping[str, Any]) -> Principal:
    """A principal from an ARN, an account id, a service principal, ``*``, or a one-key mapping
    such as ``{"Service": "sns.amazonaws.com"}``."""
    if isinstance(value, Mapping):
        return _principal_from_mapping(value)
    text = str(value).strip()
    if text in ("*", "anonymous"):
        return Principal("anonymous", "*")
    if _ACCOUNT_ID.fullmatch(text):
        return Principal("root", f"arn:aws:iam::{text}:root", text)
    found = _IAM_ARN.fullmatch(text)
    if found:
        return _principal_from_arn(text, found)
    if _SERVICE_NAME.fullmatch(text):
        return Principal("service", text)
    raise EvaluationError(f"principal {text!r}: not an account id, IAM or STS ARN, "
                          "service principal or *")


def _principal_from_mapping(value: Mapping[str, Any]) -> Principal:
    if len(value) != 1:
        raise EvaluationError(f"principal {dict(value)!r}: give exactly one of AWS, Service, "
                              "Federated, CanonicalUser")
    (key, name), = value.items()
    name = name[0] if isinstance(name, list) and len(name) == 1 else name
    if str(key).lower() not in _MAPPING_KINDS or not isinstance(name, str):
        raise EvaluationError(f"principal {dict(value)!r}: unknown principal type or value")
    kind = _MAPPING_KINDS[str(key).lower()]
    return principal_of(name) if kind is None else Principal(kind, name.strip())


_ARN_KINDS = {("iam", "user"): "user", ("iam", "role"): "role",
              ("sts", "assumed-role"): "session", ("sts", "federated-user"): "federated_user"}


def _principal_from_arn(text: str, found: re.Match[str]) -> Principal:
    partition, account, rest = found["partition"], found["account"], found["rest"]
    kind = _ARN_KINDS.get((found["service"], rest.split("/")[0]))
    if found["service"] == "iam" and rest == "root":
        return Principal("root", text, account, partition=partition)
    if kind is None or "/" not in rest or (kind == "session" and rest.count("/") < 2):
        raise EvaluationError(f"principal {text!r}: not a root, user, role or session ARN")
    role = text if kind == "role" else None
    if kind == "session":
        role = f"arn:{partition}:iam::{account}:role/{rest.split('/')[1]}"
    return Principal(kind, text, account, role, partition)


# The request context.

def request_context(request: Request, policies: PolicySet) -> dict[str, tuple[str, ...]]:
    """The request's context keys, lower-cased, plus the keys AWS derives from the principal,
    the resource and the clock unless the request sets them (or marks them absent)."""
    given = _given_context(request.context)
    for key, value in _derived_keys(request, policies, given).items():
        given.setdefault(key, value)
    return {key: value for key, value in given.items() if value}


def _given_context(context: Mapping[str, Any]) -> dict[str, tuple[str, ...] | None]:
    out: dict[str, tuple[str, ...] | None] = {}
    for key, value in context.items():
        lowered = str(key).lower()
        if lowered in out:
            raise EvaluationError(f"context key {key}: given twice (key names ignore case)")
        out[lowered] = None if value is None else _context_values(key, value)
    return out


def _context_values(key: Any, value: Any) -> tuple[str, ...] | None:
    """A context value as a tuple of strings; an empty string or list is an absent key."""
    values = tuple(_scalar(key, item) for item in value) if isinstance(value, list | tuple) \
        else (_scalar(key, value),)
    return values if any(values) else None


def _scalar(key: Any, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float | Decimal):
        return str(value)
    if isinstance(value, datetime):
        stamp = value if value.tzinfo else value.replace(tzinfo=UTC)
        return stamp.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    raise EvaluationError(f"context key {key}: {value!r} is not a string, number or boolean")


def _derived_keys(request: Request, policies: PolicySet,
                  given: Mapping[str, tuple[str, ...] | None]) -> dict[str, tuple[str, ...]]:
    """Keys every signed request carries that follow from who, what and when."""
    now = _clock(given)
    keys = {"aws:currenttime": (now.isoformat().replace("+00:00", "Z"),),
            "aws:epochtime": (str(int(now.timestamp())),)}
    account = resource_account(request, policies)
    if account:
        keys["aws:resourceaccount"] = (account,)
    keys.update(_principal_keys(request.principal))
    return keys


def _clock(given: Mapping[str, tuple[str, ...] | None]) -> datetime:
    """The request time: aws:CurrentTime or aws:EpochTime when given, else now."""
    for key in ("aws:currenttime", "aws:epochtime"):
        if given.get(key):
            return parse_date(given[key][0], f"context key {key}").replace(microsecond=0)
    return datetime.now(UTC).replace(microsecond=0)


def _principal_keys(principal: Principal) -> dict[str, tuple[str, ...]]:
    if principal.kind == "service":
        return {"aws:principalisawsservice": ("true",),
                "aws:principalservicename": (principal.name,)}
    if principal.kind not in IDENTITY_KINDS:
        return {}
    keys = {"aws:principalarn": (principal.role_arn or principal.name,),
            "aws:principalaccount": (str(principal.account),),
            "aws:principalisawsservice": ("false",)}
    if principal.kind == "user":
        keys["aws:username"] = (principal.name.rsplit("/", 1)[-1],)
    return keys


def resource_account(request: Request, policies: PolicySet) -> str | None:
    """The account owning the resource: as given, else from the resource ARN, else unknown."""
    if policies.resource_account:
        return policies.resource_account
    parts = request.resource.split(":", 5)
    is_arn = len(parts) == 6 and parts[0] == "arn"
    return parts[4] if is_arn and _ACCOUNT_ID.fullmatch(parts[4]) else None


# Matching one statement.

def action_matches(patterns: Sequence[str], action: str) -> bool:
    """Whether an action matches any pattern (case-insensitive, ``*`` and ``?`` wildcards)."""
    return any(glob_regex(pattern).fullmatch(action) for pattern in patterns)


def resource_matches(patterns: Sequence[str], resource: str, context: Context,
                     variables: bool) -> bool:
    """Whether a resource matches any pattern (case-sensitive, wildcards within an ARN segment;
    a policy variable without a value matches nothing)."""
    for pattern in patterns:
        parts = atoms(pattern, context, variables)
        if parts is not None and resource_regex(parts).fullmatch(resource):
            return True
    return False


def _scope_level(statement: Mapping[str, Any], request: Request, context: Context,
                 variables: bool, bounded: bool) -> str | None:
    """How the statement names the request (before conditions), or None if it does not."""
    if not _action_in_scope(statement, request.action):
        return None
    if not _resource_in_scope(statement, request.resource, context, variables):
        return None
    return _principal_level(statement, request.principal, bounded)


def _action_in_scope(statement: Mapping[str, Any], action: str) -> bool:
    if statement.get("actions") is not None:
        return action_matches(statement["actions"], action)
    return not action_matches(statement["not_actions"], action)


def _resource_in_scope(statement: Mapping[str, Any], resource: str, context: Context,
                       variables: bool) -> bool:
    if statement.get("resources") is not None:
        return resource_matches(statement["resources"], resource, context, variables)
    if statement.get("not_resources") is not None:
        return not resource_matches(statement["not_resources"], resource, context, variables)
    return True


def _principal_level(statement: Mapping[str, Any], principal: Principal,
                     bounded: bool) -> str | None:
    """``self`` for identity-side statements; otherwise the most direct way the Principal (or
    NotPrincipal) element names the caller."""
    if statement.get("principals") is not None:
        return _named_level(statement["principals"], principal)
    if statement.get("not_principals") is not None:
        exempt = _exempt(statement["not_principals"], principal, bounded)
        return None if exempt else "not_principal"
    return "self"


_DIRECT_LEVELS = frozenset({"session", "user", "root"})
_ENTITIES = frozenset({"user", "root"})
_STRENGTH = ("account", "wildcard", "role", "root", "user", "session", "service", "federated",
             "canonical")


def _named_level(principals: Mapping[str, Any], principal: Principal) -> str | None:
    levels = [_aws_level(entry, principal) for entry in principals.get("AWS") or []]
    if principals.get("wildcard"):
        levels.append("wildcard")
    for key, kind in (("Service", "service"), ("Federated", "federated"),
                      ("CanonicalUser", "canonical")):
        if principal.kind == kind and _listed(principal.name, principals.get(key), kind):
            levels.append(kind)
    found = [level for level in levels if level]
    return max(found, key=_STRENGTH.index) if found else None


def _listed(name: str, entries: Sequence[str] | None, kind: str) -> bool:
    """Service principal names compare without case; other names exactly."""
    if kind == "service":
        return name.lower() in (entry.lower() for entry in entries or [])
    return name in (entries or [])


def _aws_level(entry: str, principal: Principal) -> str | None:
    """How one AWS principal entry names the caller: the account, the role, the user, ..."""
    entry = f"arn:aws:iam::{entry}:root" if _ACCOUNT_ID.fullmatch(entry) else entry
    if entry == "*":
        return "wildcard"
    if principal.kind not in IDENTITY_KINDS:
        return None
    if entry == principal.root_arn:
        return "root" if principal.kind == "root" else "account"
    if entry == principal.name:
        return {"federated_user": "session", "role": "role"}.get(principal.kind, principal.kind)
    return "role" if _same_role(entry, principal) else None


def _same_role(entry: str, principal: Principal) -> bool:
    """A role ARN names a session of that role. A session ARN carries no role path, so the
    role's account and name are compared."""
    found = _IAM_ARN.fullmatch(entry)
    if principal.kind != "session" or not found or not found["rest"].startswith("role/"):
        return False
    name = found["rest"].rsplit("/", 1)[-1]
    role = f"arn:{found['partition']}:iam::{found['account']}:role/{name}"
    return found["service"] == "iam" and role == principal.role_arn


def _exempt(not_principals: Mapping[str, Any], principal: Principal, bounded: bool) -> bool:
    """Whether NotPrincipal excludes the caller: an IAM identity only when its account, role and
    session are all listed, and never when it has a permissions boundary."""
    if not_principals.get("wildcard"):
        return True
    if principal.kind not in IDENTITY_KINDS:
        return _named_level(not_principals, principal) is not None
    if bounded:
        return False
    entries = not_principals.get("AWS") or []
    return all(any(_names(entry, arn, principal) for entry in entries)
               for arn in _identity_chain(principal))


def _identity_chain(principal: Principal) -> list[str]:
    chain = [str(principal.root_arn)]
    if principal.role_arn:
        chain.append(principal.role_arn)
    if principal.name not in chain:
        chain.append(principal.name)
    return chain


def _names(entry: str, arn: str, principal: Principal) -> bool:
    entry = f"arn:aws:iam::{entry}:root" if _ACCOUNT_ID.fullmatch(entry) else entry
    return entry == arn or (arn == principal.role_arn and _same_role(entry, principal))


# Which policies apply.

def _resource_side(request: Request, policies: PolicySet) -> tuple[str, Policy | None]:
    """The resource-side layer: the role's trust policy for role assumption, else the resource
    policy."""
    if request.action.lower() not in ASSUME_ACTIONS:
        return "resource_policy", policies.resource
    if policies.role is not None and policies.role != request.resource:
        return "trust_policy", None
    return "trust_policy", policies.trust


def _applicable(request: Request, policies: PolicySet) -> list[tuple[str, Policy]]:
    """Every (layer, policy) pair that applies to this request."""
    principal, out = request.principal, []
    identity_side = [("identity", policy) for policy in policies.identity]
    identity_side += [(layer, policy) for layer, policy in
                      (("permissions_boundary", policies.boundary),
                       ("session_policy", policies.session)) if policy is not None]
    if identity_side and principal.kind not in IDENTITY_KINDS - {"root"}:
        raise EvaluationError(f"principal {principal.name}: a {principal.kind} principal has no "
                              "identity policies, permissions boundary or session policy")
    out += identity_side
    out += [("scp", policy) for policy in policies.scps if _scps_apply(principal)]
    out += [("rcp", policy) for policy in policies.rcps if not principal.service_linked]
    layer, policy = _resource_side(request, policies)
    return out + ([(layer, policy)] if policy is not None else [])


def _scps_apply(principal: Principal) -> bool:
    """SCPs limit the IAM identities of member accounts, except service-linked roles."""
    return principal.kind in IDENTITY_KINDS and not principal.service_linked


def _statements(layer: str, policy: Policy) -> list[Mapping[str, Any]]:
    """The statements of a usable document; a document that did not parse is an error."""
    document = policy.document
    if document.get("status", "ok") != "ok":
        reason = document.get("error") or document.get("status")
        raise EvaluationError(f"policy {policy.name}: cannot be evaluated: {reason}")
    statements = list(document.get("statements") or [])
    for statement in statements:
        _check_statement(statement, layer, policy.name)
    return statements


def _check_statement(statement: Mapping[str, Any], layer: str, name: str) -> None:
    """Reject what AWS itself would reject, instead of guessing what it means."""
    problem = _element_problem(statement, layer) or _condition_problem(statement)
    if problem:
        raise EvaluationError(f"policy {name} statement {statement.get('index')}: {problem}")


def _element_problem(statement: Mapping[str, Any], layer: str) -> str | None:
    if statement.get("effect") not in ("Allow", "Deny"):
        return "Effect must be Allow or Deny"
    if statement.get("actions") is None and statement.get("not_actions") is None:
        return "no Action or NotAction"
    no_resource = statement.get("resources") is None and statement.get("not_resources") is None
    if no_resource and layer not in _OPTIONAL_RESOURCE_LAYERS:
        return "no Resource or NotResource"
    named = statement.get("principals") is not None or statement.get("not_principals") is not None
    if named != (layer in _PRINCIPAL_LAYERS):
        return f"a {layer} statement {'takes no' if named else 'needs a'} Principal"
    if statement.get("not_principals") is not None and statement["effect"] == "Allow":
        return "NotPrincipal is only supported with Deny"
    return None


def _condition_problem(statement: Mapping[str, Any]) -> str | None:
    for condition in statement.get("conditions") or []:
        try:
            check_operator(condition)
        except EvaluationError as exc:
            return str(exc)
    return None


# The decision.

def decide(request: Request, policies: PolicySet) -> Decision:
    """Decide one request against a policy set: allow, explicit_deny or implicit_deny."""
    context = request_context(request, policies)
    matches, absent = _evaluate(request, policies, context)
    cross = _cross_account(request, policies)
    denies = tuple(match.ref for match in matches if match.ref.effect == "Deny")
    if denies:
        return Decision(EXPLICIT_DENY, denies, (), absent, cross)
    paths = _paths(request, policies, matches, cross)
    allowed = {match.ref.layer for match in matches}
    working = [path for path in paths if path <= allowed]
    if working:
        used = frozenset().union(*working)
        refs = tuple(match.ref for match in matches if match.ref.layer in used)
        return Decision(ALLOW, refs, (), absent, cross)
    return Decision(IMPLICIT_DENY, (), _nearest_lacking(paths, allowed), absent, cross)


def _evaluate(request: Request, policies: PolicySet,
              context: Context) -> tuple[list[_Match], tuple[str, ...]]:
    """The statements whose scope and conditions hold, and the condition keys found absent."""
    matches: list[_Match] = []
    absent: dict[str, str] = {}
    for layer, policy, statement, variables in _statements_in_play(request, policies):
        level = _scope_level(statement, request, context, variables,
                             policies.boundary is not None)
        if level is None:
            continue
        conditions = statement.get("conditions") or []
        absent.update({c["key"]: c["key_raw"] for c in conditions if c["key"] not in context})
        if all(condition_holds(condition, context, variables) for condition in conditions):
            matches.append(_Match(_ref(layer, policy, statement), level))
    return matches, tuple(sorted(absent.values(), key=str.lower))


def _statements_in_play(request: Request,
                        policies: PolicySet) -> Iterator[tuple[str, Policy, Mapping, bool]]:
    for layer, policy in _applicable(request, policies):
        variables = policy.document.get("version") == VARIABLES_VERSION
        for statement in _statements(layer, policy):
            yield layer, policy, statement, variables


def _ref(layer: str, policy: Policy, statement: Mapping[str, Any]) -> StatementRef:
    return StatementRef(layer, policy.name, int(statement.get("index", 0)),
                        statement.get("sid") or None, statement["effect"])


def _cross_account(request: Request, policies: PolicySet) -> bool:
    account = resource_account(request, policies)
    principal = request.principal
    return principal.kind in IDENTITY_KINDS and account is not None and \
        account != principal.account


def _paths(request: Request, policies: PolicySet, matches: list[_Match],
           cross: bool) -> list[frozenset[str]]:
    """The sets of layers that, each holding a matching Allow, would allow the request.

    RCPs only deny (AWS attaches RCPFullAWSAccess everywhere), so they are in no path.
    """
    principal = request.principal
    layer, policy = _resource_side(request, policies)
    guard = {"scp"} if policies.scps and _scps_apply(principal) else set()
    if principal.kind not in IDENTITY_KINDS:
        return [frozenset({layer})]
    chain = guard | _identity_layers(principal, policies)
    if cross:
        return [frozenset(chain | {layer})]
    itself = layer == "trust_policy" or _is_key_policy(request, policy)
    paths = [frozenset(chain | ({layer} if itself else set()))]
    alone = _alone_limits([m for m in matches if m.ref.layer == layer], principal, policies)
    if (policy is not None or itself) and alone is not None:
        paths.insert(0, frozenset(guard | {layer} | alone))
    return paths


def _identity_layers(principal: Principal, policies: PolicySet) -> set[str]:
    """The identity side: identity policies (the root user needs none), limited by the
    boundary and the session policy (a federated user session always has one)."""
    layers = set() if principal.kind == "root" else {"identity"}
    if policies.boundary is not None:
        layers.add("permissions_boundary")
    if policies.session is not None or principal.kind == "federated_user":
        layers.add("session_policy")
    return layers


def _alone_limits(matches: list[_Match], principal: Principal,
                  policies: PolicySet) -> set[str] | None:
    """What limits a same-account resource-policy Allow that grants without identity policy.

    Naming a session, a user or the root user grants directly; naming the role (or ``*``) is
    still limited by the boundary and session policy; naming only the account delegates to the
    account's identity policies (None: no grant on its own).
    """
    levels = {match.level for match in matches}
    wildcard_direct = "wildcard" in levels and principal.kind in _ENTITIES
    if not matches or levels & _DIRECT_LEVELS or wildcard_direct:
        return set()
    if levels & {"role", "wildcard"}:
        return _identity_layers(principal, policies) - {"identity"}
    return None


def _is_key_policy(request: Request, policy: Policy | None) -> bool:
    """KMS key policies must allow by themselves, like trust policies."""
    if policy is not None and policy.document.get("subkind") == "key":
        return True
    parts = request.resource.split(":", 5)
    return len(parts) == 6 and parts[0] == "arn" and parts[2] == "kms"


def _nearest_lacking(paths: list[frozenset[str]], allowed: set[str]) -> tuple[str, ...]:
    """The layers lacking an Allow on the path(s) closest to allowing the request."""
    lacking = [path - allowed for path in paths]
    fewest = min(len(layers) for layers in lacking)
    return _ordered(frozenset().union(*(layers for layers in lacking if len(layers) == fewest)))


def _ordered(layers: frozenset[str]) -> tuple[str, ...]:
    return tuple(layer for layer in LAYERS if layer in layers)
