"""Parse IAM policy text into the normalised document of docs/resource-model.md.

Everything here is a pure function: no I/O, no logging, the input is never modified.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

KINDS = ("identity", "trust", "resource")
SUBKINDS = ("managed", "inline", "trust", "bucket", "topic", "queue", "key", "other")
VERSIONS = ("2012-10-17", "2008-10-17")
PRINCIPAL_TYPES = ("AWS", "Service", "Federated", "CanonicalUser")
SET_PREFIXES = {"forallvalues": "ForAllValues", "foranyvalue": "ForAnyValue"}
TOP_ELEMENTS = frozenset({"Version", "Id", "Statement"})
STATEMENT_ELEMENTS = frozenset({
    "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction",
    "Resource", "NotResource", "Condition",
})

_ACCOUNT_ID = re.compile(r"^\d{12}$")
_ARN_ACCOUNT = re.compile(r"^arn:[^:]+:[^:]+:[^:]*:(\d{12}):")


def parse_policy(text: str | dict | None, *, kind: str, subkind: str) -> dict:
    """Parse a policy given as text, as an already-decoded object, or as None (missing).

    Returns the document fields kind, subkind, status, error, size, version, statements, issues.
    """
    if kind not in KINDS or subkind not in SUBKINDS:
        raise ValueError(f"unknown policy kind {kind}/{subkind}")
    if text is None:
        return _document(kind, subkind, "missing", "the policy is absent")
    issues: list[str] = []
    decoded, size, error = _decode(text, issues)
    if error is not None:
        return _document(kind, subkind, "invalid", error, size=size, issues=issues)
    return _parse_object(decoded, kind, subkind, size, issues)


def policy_size(text: str) -> int:
    """Count the characters of ``text`` that are not whitespace, as IAM does for its quotas."""
    return sum(len(part) for part in text.split())


def to_strings(value: Any) -> list[str] | None:
    """Turn an element value into a list of strings: None stays None, a scalar becomes a list."""
    if isinstance(value, str):
        return [value]
    if value is None:
        return None
    if isinstance(value, list):
        return [_text(item) for item in value]
    return [_text(value)]


def split_operator(operator: str) -> tuple[str, str | None, bool, bool]:
    """Split a condition operator into (base, set operator or None, if_exists, negated)."""
    base, set_operator = operator, None
    head, sep, tail = operator.partition(":")
    if sep and head.lower() in SET_PREFIXES:
        base, set_operator = tail, SET_PREFIXES[head.lower()]
    if_exists = len(base) > 8 and base.lower().endswith("ifexists")
    if if_exists:
        base = base[:-8]
    return base, set_operator, if_exists, is_negated(base)


def is_negated(base: str) -> bool:
    """Tell whether a base operator matches when the request value is absent or different."""
    lowered = base.lower()
    return lowered.startswith(("stringnot", "arnnot", "notipaddress")) or "notequals" in lowered


def normalise_statement(
    raw: dict, index: int, kind: str = "identity", issues: list[str] | None = None
) -> dict:
    """Normalise one statement object; problems are appended to ``issues`` when given."""
    found = issues if issues is not None else []
    where = f"statement {index}"
    _check_statement_shape(raw, kind, where, found)
    conditions = _conditions(raw.get("Condition"), where, found)
    return {
        "index": index,
        "sid": None if raw.get("Sid") is None else _text(raw["Sid"]),
        "effect": _effect(raw, where, found),
        "actions": _lowered(_element(raw, "Action", where, found)),
        "not_actions": _lowered(_element(raw, "NotAction", where, found)),
        "resources": _element(raw, "Resource", where, found),
        "not_resources": _element(raw, "NotResource", where, found),
        "principals": _principals(raw, "Principal", where, found),
        "not_principals": _principals(raw, "NotPrincipal", where, found),
        "conditions": conditions,
        "condition_keys": sorted({condition["key"] for condition in conditions}),
    }


def _document(kind: str, subkind: str, status: str, error: str | None, *, size: int | None = None,
              version: str | None = None, statements: list | None = None,
              issues: list[str] | None = None) -> dict:
    return {
        "kind": kind, "subkind": subkind, "status": status, "error": error, "size": size,
        "version": version, "statements": statements or [], "issues": issues or [],
    }


def _decode(text: str | dict | Any, issues: list[str]) -> tuple[Any, int, str | None]:
    """Return (decoded value, size, error); a non-string input is taken as already decoded."""
    if not isinstance(text, str):
        return text, policy_size(json.dumps(text, ensure_ascii=False)), None
    body = text[1:] if text.startswith("\ufeff") else text
    size = policy_size(body)
    if not body.strip():
        return None, size, "the policy text is empty"
    try:
        return _loads(body, issues), size, None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        return None, size, f"the policy text is not JSON: {exc.msg} at {where}"
    except ValueError as exc:
        return None, size, f"the policy text is not JSON: {exc}"


class _DuplicateKeys(Exception):
    """A JSON object of the text repeats a key."""


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKeys
    return result


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")


_DECODER = json.JSONDecoder(object_pairs_hook=_unique_pairs, parse_constant=_reject_constant)


def _loads(body: str, issues: list[str]) -> Any:
    """Decode JSON text; each repeated key becomes an issue and its last value is kept."""
    try:
        return _DECODER.decode(body)
    except _DuplicateKeys:
        hook = _pairs_hook(issues)
        return json.loads(body, object_pairs_hook=hook, parse_constant=_reject_constant)


def _pairs_hook(issues: list[str]) -> Callable[[list[tuple[str, Any]]], dict]:
    def hook(pairs: list[tuple[str, Any]]) -> dict:
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                issues.append(f'duplicate key "{key}" in one JSON object; '
                              "only the last one is analysed")
            seen.add(key)
        return dict(pairs)

    return hook


def _parse_object(decoded: Any, kind: str, subkind: str, size: int, issues: list[str]) -> dict:
    if not isinstance(decoded, dict):
        error = f"the policy is a JSON {_json_type(decoded)}, not an object"
        return _document(kind, subkind, "invalid", error, size=size, issues=issues)
    raw_statements, error = _raw_statements(decoded)
    if error is not None:
        return _document(kind, subkind, "invalid", error, size=size, issues=issues)
    version = _version(decoded, issues)
    statements = _statements(raw_statements, kind, issues)
    return _document(kind, subkind, "ok", None, size=size, version=version,
                     statements=statements, issues=issues)


def _raw_statements(decoded: dict) -> tuple[list, str | None]:
    if "Statement" not in decoded:
        near = [key for key in decoded if key.lower() == "statement"]
        hint = f' (found "{near[0]}")' if near else ""
        return [], f"the policy has no Statement element{hint}"
    raw = decoded["Statement"]
    if isinstance(raw, dict):
        return [raw], None
    if isinstance(raw, list):
        return raw, None
    return [], f"Statement is a JSON {_json_type(raw)}, not an object or a list"


def _version(decoded: dict, issues: list[str]) -> str | None:
    for key in decoded:
        if key not in TOP_ELEMENTS:
            issues.append(f'unknown top-level element "{key}"')
    if decoded.get("Version") is None:
        return None
    version = _text(decoded["Version"])
    if version not in VERSIONS:
        issues.append(f'unknown Version "{version}"; IAM accepts {" or ".join(VERSIONS)}')
    return version


def _statements(raw_statements: list, kind: str, issues: list[str]) -> list[dict]:
    if not raw_statements:
        issues.append("the policy has no statements")
    statements = []
    for index, raw in enumerate(raw_statements):
        if isinstance(raw, dict):
            statements.append(normalise_statement(raw, index, kind, issues))
        else:
            issues.append(f"statement {index} is a JSON {_json_type(raw)}, not an object")
    _check_sids(statements, issues)
    return statements


def _check_sids(statements: list[dict], issues: list[str]) -> None:
    by_sid: dict[str, list[int]] = {}
    for statement in statements:
        if statement["sid"]:
            by_sid.setdefault(statement["sid"], []).append(statement["index"])
    for sid, indexes in by_sid.items():
        if len(indexes) > 1:
            issues.append(f'duplicate Sid "{sid}" in statements {_and_list(indexes)}')


def _check_statement_shape(raw: dict, kind: str, where: str, issues: list[str]) -> None:
    if not raw.keys() <= STATEMENT_ELEMENTS:
        issues.extend(f'{where} has an unknown element "{key}"'
                      for key in raw if key not in STATEMENT_ELEMENTS)
    _check_pair(raw, ("Action", "NotAction"), where, issues, required=True)
    _check_pair(raw, ("Resource", "NotResource"), where, issues, required=kind != "trust")
    has_principal = "Principal" in raw or "NotPrincipal" in raw
    _check_pair(raw, ("Principal", "NotPrincipal"), where, issues, required=kind != "identity")
    if kind == "identity" and has_principal:
        issues.append(f"{where} names a principal, which an identity policy cannot")


def _check_pair(raw: dict, pair: tuple[str, str], where: str, issues: list[str], *,
                required: bool) -> None:
    first, second = pair[0] in raw, pair[1] in raw
    if first and second:
        issues.append(f"{where} has both {pair[0]} and {pair[1]}")
    elif required and not (first or second):
        issues.append(f"{where} has neither {pair[0]} nor {pair[1]}")


def _effect(raw: dict, where: str, issues: list[str]) -> str | None:
    if raw.get("Effect") is None:
        issues.append(f"{where} has no Effect")
        return None
    effect = _text(raw["Effect"])
    if effect not in ("Allow", "Deny"):
        issues.append(f'{where} has Effect "{effect}"; IAM accepts only "Allow" or "Deny"')
    return effect


def _element(raw: dict, name: str, where: str, issues: list[str]) -> list[str] | None:
    values = to_strings(raw.get(name))
    if values == []:
        issues.append(f"{where} has an empty {name}")
        return None
    return values


def _lowered(values: list[str] | None) -> list[str] | None:
    return None if values is None else [value.lower() for value in values]


def _principals(raw: dict, name: str, where: str, issues: list[str]) -> dict | None:
    if name not in raw:
        return None
    value = raw[name]
    result: dict[str, Any] = {kind: [] for kind in PRINCIPAL_TYPES}
    result.update(wildcard=False, accounts=[])
    if value == "*":
        value = {"AWS": "*"}
    if not isinstance(value, dict):
        issues.append(f"{where} has a {name} that is neither \"*\" nor an object")
        return result
    for kind, entries in value.items():
        _add_principals(result, kind, to_strings(entries) or [], f"{where} {name}", issues)
    result["accounts"] = sorted(set(result["accounts"]))
    return result


def _add_principals(result: dict, kind: str, entries: list[str], where: str,
                    issues: list[str]) -> None:
    if kind not in PRINCIPAL_TYPES:
        issues.append(f'{where} has an unknown principal type "{kind}"')
        return
    if kind != "AWS":
        result[kind].extend(entries)
        return
    for entry in entries:
        if _ACCOUNT_ID.match(entry):
            result["accounts"].append(entry)
            entry = f"arn:aws:iam::{entry}:root"
        elif (match := _ARN_ACCOUNT.match(entry)) is not None:
            result["accounts"].append(match.group(1))
        result["wildcard"] = result["wildcard"] or entry == "*"
        result["AWS"].append(entry)


def _conditions(block: Any, where: str, issues: list[str]) -> list[dict]:
    if block is None:
        return []
    if not isinstance(block, dict):
        issues.append(f"{where} has a Condition that is not an object")
        return []
    conditions = []
    for operator, pairs in block.items():
        if not isinstance(pairs, dict):
            issues.append(f'{where} has condition operator "{operator}" without a key object')
            continue
        conditions.extend(_condition(operator, key, value, where, issues)
                          for key, value in pairs.items())
    return conditions


def _condition(operator: str, key: str, raw: Any, where: str, issues: list[str]) -> dict:
    base, set_operator, if_exists, negated = split_operator(operator)
    values = to_strings(raw) or []
    if not values:
        issues.append(f'{where} has no values for {operator} "{key}"')
    return {
        "operator": operator, "base": base, "set": set_operator, "if_exists": if_exists,
        "negated": negated, "key": key.lower(), "key_raw": key, "values": values,
    }


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _and_list(items: list[int]) -> str:
    words = [str(item) for item in items]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
