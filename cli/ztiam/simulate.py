"""Scenarios for ``ztiam simulate``: load a YAML file of policies and requests, decide each
request offline, and compare the outcome with what the scenario expects.

The scenario format and the exit-code convention are described in docs/simulate.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from ztiam.errors import ZtiamError
from ztiam.iam.evaluate import (
    OUTCOMES,
    Decision,
    Policy,
    PolicySet,
    Principal,
    Request,
    decide,
    principal_of,
)
from ztiam.iam.policy import parse_policy

POLICY_KEYS: dict[str, tuple[str, str, bool]] = {
    "identity_policies": ("identity", "managed", True),
    "boundary": ("identity", "managed", False),
    "session_policy": ("identity", "inline", False),
    "scps": ("identity", "other", True),
    "rcps": ("resource", "other", True),
    "resource_policy": ("resource", "other", False),
    "trust_policy": ("trust", "trust", False),
}
"""Policy keys of a scenario: (kind, subkind, whether the key holds a list)."""

ALIASES = {"caller_identity_policies": "identity_policies"}
SETTING_KEYS = ("principal", "role", "resource_account")
TEXT_KEYS = ("about", "note")
REQUEST_KEYS = ("action", "resource", "context", "expect", "principal")
ABSENT = "~"


class ScenarioError(ZtiamError):
    """A scenario file that cannot be read or does not describe requests and policies."""


@dataclass(frozen=True)
class Variant:
    """One policy set of a scenario (a scenario without variants has one, named None)."""

    name: str | None
    principal: Principal | None
    policies: PolicySet


@dataclass(frozen=True)
class ScenarioRequest:
    """One request of a scenario, with the outcome expected per variant (None: any variant)."""

    path: str
    action: str
    resource: str
    context: Mapping[str, Any]
    expect: Mapping[str | None, str]
    principal: Principal | None = None


@dataclass(frozen=True)
class Scenario:
    """A loaded scenario file."""

    path: Path
    about: str | None
    variants: tuple[Variant, ...]
    requests: tuple[ScenarioRequest, ...]


# Loading.

def load_scenario(path: str | Path) -> Scenario:
    """Read and check a scenario file; any problem is a ScenarioError naming file and key."""
    path = Path(path)
    data = _read_yaml(path)
    keys = _policy_keys() + SETTING_KEYS + TEXT_KEYS + ("requests", "variants")
    _only(path, "", data, keys)
    variants = tuple(_variants(path, data))
    requests = tuple(_requests(path, data.get("requests"), variants))
    if any(variant.principal is None for variant in variants) and \
            any(request.principal is None for request in requests):
        raise _error(path, "principal", "no principal for the scenario or its requests")
    return Scenario(path, _text(data.get("about")), variants, requests)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScenarioError(f"scenario {path}: cannot be read: {_reason(exc)}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ScenarioError(f"scenario {path}: not valid YAML: {_one_line(exc)}") from None
    if not isinstance(data, dict):
        raise ScenarioError(f"scenario {path}: must be a mapping of keys")
    return data


def _policy_keys() -> tuple[str, ...]:
    return tuple(POLICY_KEYS) + tuple(ALIASES)


def _only(path: Path, where: str, data: Mapping[str, Any], allowed: Sequence[str]) -> None:
    """Refuse unknown keys: a misspelt policy key would otherwise be silently left out."""
    for key in data:
        if key not in allowed:
            raise _error(path, _join(where, str(key)), "unknown key")


def _variants(path: Path, data: Mapping[str, Any]) -> list[Variant]:
    """The scenario's policy sets: the top level, overridden by each variant."""
    variants = data.get("variants")
    if variants is None:
        return [_variant(path, None, data, {})]
    if not isinstance(variants, dict) or not variants:
        raise _error(path, "variants", "must be a mapping of variant names to keys")
    out = []
    for name, override in variants.items():
        where = f"variants.{name}"
        if not isinstance(override, dict):
            raise _error(path, where, "must be a mapping of keys")
        _only(path, where, override, _policy_keys() + SETTING_KEYS)
        out.append(_variant(path, str(name), data, override))
    return out


def _variant(path: Path, name: str | None, base: Mapping[str, Any],
             override: Mapping[str, Any]) -> Variant:
    """One policy set; keys a variant overrides are reported under the variant's path."""
    def at(key: str) -> str:
        return f"variants.{name}.{key}" if key in override else key
    data = {**base, **override}
    principal = _principal(path, at("principal"), data.get("principal"))
    return Variant(name, principal, _policy_set(path, data, at))


def _principal(path: Path, where: str, value: Any) -> Principal | None:
    if value is None:
        return None
    try:
        return principal_of(value)
    except ZtiamError as exc:
        raise _error(path, where, str(exc)) from None


def _policy_set(path: Path, data: Mapping[str, Any], at: Callable[[str], str]) -> PolicySet:
    found = {key: _policies(path, at(key), key, data.get(key)) for key in POLICY_KEYS}
    for alias, key in ALIASES.items():
        if data.get(alias) is not None:
            if data.get(key) is not None:
                raise _error(path, at(alias), f"give either {alias} or {key}, not both")
            found[key] = _policies(path, at(alias), key, data[alias])
    return PolicySet(
        identity=tuple(found["identity_policies"]), boundary=_single(found["boundary"]),
        session=_single(found["session_policy"]), scps=tuple(found["scps"]),
        rcps=tuple(found["rcps"]), resource=_single(found["resource_policy"]),
        resource_account=_account(path, at("resource_account"), data.get("resource_account")),
        trust=_single(found["trust_policy"]), role=_text(data.get("role")))


def _single(policies: list[Policy]) -> Policy | None:
    return policies[0] if policies else None


def _account(path: Path, where: str, value: Any) -> str | None:
    if value is None:
        return None
    text = str(value)
    if not _is_account(text):
        raise _error(path, where, f"{text!r} is not a 12-digit account id")
    return text


def _policies(path: Path, where: str, key: str, value: Any) -> list[Policy]:
    """The policies under one key: a list for list keys, a single policy otherwise."""
    kind, subkind, many = POLICY_KEYS[key]
    if value is None:
        return []
    if not many:
        return [_policy(path, where, value, kind, subkind)]
    if not isinstance(value, list):
        raise _error(path, where, "must be a list of policies")
    return [_policy(path, f"{where}[{i}]", item, kind, subkind) for i, item in enumerate(value)]


def _policy(path: Path, where: str, value: Any, kind: str, subkind: str) -> Policy:
    """A parsed policy; one that does not parse is an error at its key path."""
    name, source = _named_source(path, where, value)
    document = parse_policy(source, kind=kind, subkind=subkind)
    if document["status"] != "ok":
        raise _error(path, where, document["error"] or document["status"])
    return Policy(name, document)


def _named_source(path: Path, where: str, value: Any) -> tuple[str, Any]:
    """(name, object or text) of a policy given inline (object or JSON text), as a file next
    to the scenario, or as ``{name: ..., policy: ...}`` / ``{name: ..., file: ...}``."""
    if not isinstance(value, dict) or "Statement" in value:
        return _inline_or_file(path, where, where, value)
    _only(path, where, value, ("name", "policy", "file"))
    if ("policy" in value) == ("file" in value):
        raise _error(path, where, "give a policy document, or exactly one of policy and file")
    name = str(value.get("name") or where)
    if "file" in value:
        return name, _policy_file(path, _join(where, "file"), str(value["file"]))
    return _inline_or_file(path, _join(where, "policy"), name, value["policy"])


def _inline_or_file(path: Path, where: str, name: str, value: Any) -> tuple[str, Any]:
    """A string that is not JSON text names a file; its name is the policy's default name."""
    if isinstance(value, str) and value.strip() and not value.lstrip().startswith("{"):
        return (value if name == where else name), _policy_file(path, where, value)
    return name, value


def _policy_file(path: Path, where: str, name: str) -> str:
    target = path.parent / name
    try:
        return target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _error(path, where, f"cannot read policy file {target}: {_reason(exc)}") from None


def _requests(path: Path, value: Any, variants: Sequence[Variant]) -> list[ScenarioRequest]:
    if not isinstance(value, list) or not value:
        raise _error(path, "requests", "must be a non-empty list of requests")
    names = [variant.name for variant in variants]
    return [_request(path, f"requests[{i}]", item, names) for i, item in enumerate(value)]


def _request(path: Path, where: str, value: Any, names: list[str | None]) -> ScenarioRequest:
    if not isinstance(value, dict):
        raise _error(path, where, "must be a mapping with action and resource")
    _only(path, where, value, REQUEST_KEYS)
    action, resource = (_required_text(path, where, value, key) for key in ("action", "resource"))
    context = _context(path, _join(where, "context"), value.get("context"))
    expect = _expect(path, _join(where, "expect"), value.get("expect"), names)
    principal = _principal(path, _join(where, "principal"), value.get("principal"))
    return ScenarioRequest(where, action, resource, context, expect, principal)


def _required_text(path: Path, where: str, value: Mapping[str, Any], key: str) -> str:
    text = value.get(key)
    if not isinstance(text, str) or not text.strip():
        raise _error(path, _join(where, key), "must be a non-empty string")
    return text.strip()


def _context(path: Path, where: str, value: Any) -> dict[str, Any]:
    """Context keys as written; ``~`` (null or the string) marks a key absent from the request."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _error(path, where, "must be a mapping of condition keys to values")
    return {str(key): None if item is None or item == ABSENT else item
            for key, item in value.items()}


def _expect(path: Path, where: str, value: Any,
            names: list[str | None]) -> dict[str | None, str]:
    """One outcome for every variant, or a mapping of variant names to outcomes."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        return {None: _outcome(path, where, value)}
    out: dict[str | None, str] = {}
    for name, outcome in value.items():
        if str(name) not in names:
            raise _error(path, _join(where, str(name)), "no variant of that name")
        out[str(name)] = _outcome(path, _join(where, str(name)), outcome)
    return out


def _outcome(path: Path, where: str, value: Any) -> str:
    if value not in OUTCOMES:
        raise _error(path, where, f"{value!r} is not one of {', '.join(OUTCOMES)}")
    return str(value)


# Running.

def run_scenario(scenario: Scenario) -> list[dict[str, Any]]:
    """Decide every request under every variant, in the order of the file."""
    return [_run_one(scenario.path, request, variant)
            for request in scenario.requests for variant in scenario.variants]


def _run_one(source: Path | str, request: ScenarioRequest, variant: Variant) -> dict[str, Any]:
    """Decide one request; an evaluation error names the source, the request and the variant."""
    label = request.path + (f" (variant {variant.name})" if variant.name else "")
    principal = request.principal or variant.principal
    if principal is None:
        raise ScenarioError(f"scenario {source}: {label}: no principal")
    call = Request(principal, request.action, request.resource, request.context)
    try:
        decision = decide(call, variant.policies)
    except ZtiamError as exc:
        raise ScenarioError(f"scenario {source}: {label}: {exc}") from None
    expected = request.expect.get(variant.name, request.expect.get(None))
    return as_result(call, decision, expected, variant=variant.name, path=request.path)


def as_result(request: Request, decision: Decision, expected: str | None = None,
              variant: str | None = None, path: str | None = None) -> dict[str, Any]:
    """A decision as plain data (JSON-ready), with the expectation when one was given."""
    return {
        "path": path, "variant": variant,
        "request": {"principal": request.principal.name, "action": request.action,
                    "resource": request.resource, "context": dict(request.context)},
        "decision": decision.outcome,
        "statements": [asdict(ref) for ref in decision.statements],
        "missing": list(decision.missing), "absent_keys": list(decision.absent_keys),
        "cross_account": decision.cross_account,
        "expected": expected, "met": None if expected is None else expected == decision.outcome,
    }


def exit_code(results: Sequence[Mapping[str, Any]]) -> int:
    """0 when every expectation is met (a request without one must be allowed), else 1."""
    ok = all(r["met"] if r["expected"] is not None else r["decision"] == "allow"
             for r in results)
    return 0 if ok else 1


def simulate_one(principal: str, action: str, resource: str,
                 context: Mapping[str, Any] | None = None, *,
                 identity: Sequence[str | Path] = (), boundary: str | Path | None = None,
                 session: str | Path | None = None, scps: Sequence[str | Path] = (),
                 rcps: Sequence[str | Path] = (), resource_policy: str | Path | None = None,
                 resource_account: str | None = None,
                 trust: str | Path | None = None) -> dict[str, Any]:
    """Decide one request against policy files named on the command line."""
    try:
        who = principal_of(principal)
    except ZtiamError as exc:
        raise ScenarioError(f"--principal {principal}: {exc}") from None
    if resource_account is not None and not _is_account(str(resource_account)):
        raise ScenarioError(f"--resource-account {resource_account}: not a 12-digit account id")
    policies = PolicySet(
        identity=tuple(_file_policy("--identity", f, "identity_policies") for f in identity),
        boundary=_optional_file("--boundary", boundary, "boundary"),
        session=_optional_file("--session-policy", session, "session_policy"),
        scps=tuple(_file_policy("--scp", f, "scps") for f in scps),
        rcps=tuple(_file_policy("--rcp", f, "rcps") for f in rcps),
        resource=_optional_file("--resource-policy", resource_policy, "resource_policy"),
        resource_account=resource_account, trust=_optional_file("--trust-policy", trust,
                                                                "trust_policy"))
    request = ScenarioRequest("request", action, resource, dict(context or {}), {})
    return _run_one("command line", request, Variant(None, who, policies))


def _optional_file(flag: str, file: str | Path | None, key: str) -> Policy | None:
    return None if file is None else _file_policy(flag, file, key)


def _file_policy(flag: str, file: str | Path, key: str) -> Policy:
    """A policy file given by a flag; errors name the flag and the file."""
    kind, subkind, _ = POLICY_KEYS[key]
    try:
        text = Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(f"{flag} {file}: cannot be read: {_reason(exc)}") from None
    document = parse_policy(text, kind=kind, subkind=subkind)
    if document["status"] != "ok":
        raise ScenarioError(f"{flag} {file}: {document['error'] or document['status']}")
    return Policy(Path(file).name, document)


def parse_context_args(items: Sequence[str]) -> dict[str, Any]:
    """``KEY=VALUE`` arguments as a context; a repeated key is multivalued, ``KEY=~`` absent."""
    context: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ScenarioError(f"--context {item}: expected KEY=VALUE")
        key = key.strip()
        if key in context and context[key] is not None and value != ABSENT:
            previous = context[key]
            context[key] = (previous if isinstance(previous, list) else [previous]) + [value]
        else:
            context[key] = None if value == ABSENT else value
    return context


# Text report.

def render_text(results: Sequence[Mapping[str, Any]]) -> str:
    """A plain-text report: one line per decision, its deciding statements indented below."""
    return "".join(_render_one(r) for r in results)


def _render_one(r: Mapping[str, Any]) -> str:
    lines = [_headline(r)]
    lines += [f"  {s['effect']} {s['layer']} {s['policy']} statement {s['index']}"
              + (f" ({s['sid']})" if s["sid"] else "") for s in r["statements"]]
    if r["missing"]:
        lines.append(f"  no matching Allow in: {', '.join(r['missing'])}")
    if r["absent_keys"]:
        lines.append(f"  keys absent from the request: {', '.join(r['absent_keys'])}")
    return "\n".join(lines) + "\n"


def _headline(r: Mapping[str, Any]) -> str:
    """``path [variant]: principal action resource: outcome (expected ...: ok|MISMATCH)``."""
    request = r["request"]
    label = r["path"] + (f" [{r['variant']}]" if r["variant"] else "")
    verdict = r["decision"]
    if r["expected"] is not None:
        verdict += f" (expected {r['expected']}: {'ok' if r['met'] else 'MISMATCH'})"
    return f"{label}: {request['principal']} {request['action']} {request['resource']}: {verdict}"


# Errors.

def _error(path: Path, where: str, message: str) -> ScenarioError:
    return ScenarioError(f"scenario {path}: {where}: {_one_line(message)}")


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _is_account(text: str) -> bool:
    return text.isdigit() and len(text) == 12


def _reason(exc: Exception) -> str:
    """Why a file could not be read, without the errno and path noise of OSError."""
    return str(getattr(exc, "strerror", None) or _one_line(exc)).lower()


def _one_line(value: Any) -> str:
    return " ".join(str(value).split())
