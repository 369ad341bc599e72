"""Condition operators and value patterns of IAM policies, evaluated against a request context.

A context maps lower-cased condition keys to a non-empty tuple of string values; a key that is
absent from the request is absent from the mapping. Conditions come in the normalised shape of
``ztiam.iam.policy`` (``base``, ``set``, ``if_exists``, ``key``, ``values``).
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from ztiam.errors import ZtiamError

Context = Mapping[str, tuple[str, ...]]

VARIABLES_VERSION = "2012-10-17"

_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_VARIABLE_BODY = re.compile(r"\s*([^,\s]+)\s*(?:,\s*'([^']*)'\s*)?")
_ESCAPES = {"*": "*", "?": "?", "$": "$"}


class EvaluationError(ZtiamError):
    """A policy or request the simulator cannot evaluate faithfully (never guessed at)."""


# Value patterns: literal text, wildcards and policy variables.

# ("text", str) from the policy, ("value", str) substituted, ("star" | "qmark", None)
Atom = tuple[str, Any]


def atoms(pattern: str, context: Context, variables: bool) -> list[Atom] | None:
    """Split a policy value into atoms, substituting ``${key}`` variables when enabled.

    Returns None when a variable has no value in the context and no default (matches nothing).
    """
    out: list[Atom] = []
    pos = 0
    for found in _VARIABLE.finditer(pattern) if variables else ():
        out.extend(_wildcard_atoms(pattern[pos:found.start()]))
        value = _variable_value(found.group(1), context)
        if value is None:
            return None
        out.append(("value", value))
        pos = found.end()
    out.extend(_wildcard_atoms(pattern[pos:]))
    return out


def _wildcard_atoms(text: str) -> list[Atom]:
    """Text from the policy itself, with ``*`` and ``?`` as wildcards."""
    out: list[Atom] = []
    for piece in re.split(r"([*?])", text):
        if piece == "*":
            out.append(("star", None))
        elif piece == "?":
            out.append(("qmark", None))
        elif piece:
            out.append(("text", piece))
    return out


def _variable_value(body: str, context: Context) -> str | None:
    """The value of ``${body}``: an escape, a single-valued context key, or the default."""
    if body in _ESCAPES:
        return _ESCAPES[body]
    parsed = _VARIABLE_BODY.fullmatch(body)
    if parsed is None:
        return "${" + body + "}"
    values = context.get(parsed.group(1).lower())
    if values is not None and len(values) == 1:
        return values[0]
    return parsed.group(2)


def literal(parts: list[Atom]) -> str:
    """The atoms read as plain text (wildcards are literal characters under Equals operators)."""
    return "".join("*" if kind == "star" else "?" if kind == "qmark" else text
                   for kind, text in parts)


def like_regex(parts: list[Atom]) -> re.Pattern[str]:
    """A regex for the atoms with ``*`` and ``?`` as wildcards (case-sensitive, whole value)."""
    wildcards = {"star": ".*", "qmark": "."}
    out = [wildcards.get(kind) or re.escape(text) for kind, text in parts]
    return re.compile("".join(out), re.DOTALL)


def resource_regex(parts: list[Atom]) -> re.Pattern[str]:
    """A regex for a Resource pattern: wildcards stay inside one colon-separated segment.

    A ``*`` that ends a segment (followed by ``:`` or the end) may run past the colon.
    """
    out = []
    for position, (kind, text) in enumerate(parts):
        if kind == "star":
            out.append(".*" if _ends_segment(parts, position) else "[^:]*")
        else:
            out.append("[^:]" if kind == "qmark" else re.escape(text))
    return re.compile("".join(out), re.DOTALL)


def _ends_segment(parts: list[Atom], position: int) -> bool:
    following = parts[position + 1] if position + 1 < len(parts) else None
    return following is None or (following[0] == "text" and following[1].startswith(":"))


def arn_parts(parts: list[Atom]) -> list[list[Atom]]:
    """Split atoms into colon-separated ARN parts; only the policy's own colons separate."""
    split: list[list[Atom]] = [[]]
    for kind, text in parts:
        if kind != "text" or len(split) == 6:
            split[-1].append((kind, text))
            continue
        pieces = text.split(":", 6 - len(split))
        split[-1].append(("text", pieces[0]))
        split.extend([("text", piece)] for piece in pieces[1:])
    return split


# Typed values.

def parse_number(value: str, where: str) -> Decimal:
    """A decimal number from a policy or context value."""
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        raise EvaluationError(f"{where}: {value!r} is not a number") from None
    if not number.is_finite():
        raise EvaluationError(f"{where}: {value!r} is not a number")
    return number


def parse_date(value: str, where: str) -> datetime:
    """An instant from W3C ISO 8601 text or epoch seconds; naive times are UTC."""
    text = value.strip()
    try:
        if re.fullmatch(r"-?\d+(\.\d+)?", text):
            return datetime.fromtimestamp(float(text), tz=UTC)
        parsed = datetime.fromisoformat(text)
    except (ValueError, OverflowError):
        raise EvaluationError(f"{where}: {value!r} is not an ISO 8601 date or epoch") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_network(value: str, where: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    """A CIDR block (IPv4 or IPv6); a bare address is a single-address block."""
    try:
        return ipaddress.ip_network(value.strip(), strict=False)
    except ValueError:
        raise EvaluationError(f"{where}: {value!r} is not an IP address or CIDR block") from None


def parse_address(value: str, where: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """A single IP address from the request context."""
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        raise EvaluationError(f"{where}: {value!r} is not an IP address") from None


def parse_binary(value: str, where: str) -> bytes:
    """Bytes from base64 text."""
    try:
        return base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise EvaluationError(f"{where}: {value!r} is not base64") from None


# Operator families: prepare a policy value once, then test request values against it.

Prepared = Any
Prepare = Callable[[str, Context, bool, str], Prepared]
Test = Callable[[str, Prepared, str], bool]


@dataclass(frozen=True)
class Family:
    """How one operator family reads policy values and compares a request value to them."""

    prepare: Prepare
    test: Test


def _prepare_text(value: str, context: Context, variables: bool, where: str) -> str | None:
    parts = atoms(value, context, variables)
    return None if parts is None else literal(parts)


def _prepare_like(value: str, context: Context, variables: bool, where: str) -> Any:
    parts = atoms(value, context, variables)
    return None if parts is None else like_regex(parts)


def _prepare_arn(value: str, context: Context, variables: bool, where: str) -> Any:
    parts = atoms(value, context, variables)
    if parts is None:
        return None
    split = arn_parts(parts)
    return [like_regex(part) for part in split] if len(split) == 6 else None


def _test_arn(value: str, prepared: list[re.Pattern[str]], where: str) -> bool:
    pieces = value.split(":", 5)
    if len(pieces) != 6:
        return False
    return all(part.fullmatch(piece) for part, piece in zip(prepared, pieces, strict=True))


def _no_variables(parse: Callable[[str, str], Any]) -> Prepare:
    return lambda value, context, variables, where: parse(value, where)


def _compare(parse: Callable[[str, str], Any], compare: Callable[[Any, Any], bool]) -> Test:
    return lambda value, prepared, where: compare(parse(value, where), prepared)


def _in_network(value: str, prepared: Any, where: str) -> bool:
    address = parse_address(value, where)
    return address.version == prepared.version and address in prepared


_TEXT = Family(_prepare_text, lambda value, prepared, where: value == prepared)
_TEXT_IC = Family(_prepare_text,
                  lambda value, prepared, where: value.casefold() == prepared.casefold())
_LIKE = Family(_prepare_like, lambda value, prepared, where: bool(prepared.fullmatch(value)))
_ARN = Family(_prepare_arn, _test_arn)
_BOOL = Family(_no_variables(lambda value, where: value.strip().lower()),
               lambda value, prepared, where: value.strip().lower() == prepared)
_BINARY = Family(_no_variables(parse_binary), _compare(parse_binary, operator.eq))
_IP = Family(_no_variables(parse_network), _in_network)

_COMPARISONS = {"Equals": operator.eq, "LessThan": operator.lt, "LessThanEquals": operator.le,
                "GreaterThan": operator.gt, "GreaterThanEquals": operator.ge}


def _ordered_families() -> dict[str, tuple[Family, bool]]:
    table: dict[str, tuple[Family, bool]] = {}
    for kind, parse in (("Numeric", parse_number), ("Date", parse_date)):
        for suffix, compare in _COMPARISONS.items():
            table[kind + suffix] = (Family(_no_variables(parse), _compare(parse, compare)), False)
        table[kind + "NotEquals"] = (table[kind + "Equals"][0], True)
    return table


OPERATORS: dict[str, tuple[Family, bool]] = {
    "StringEquals": (_TEXT, False), "StringNotEquals": (_TEXT, True),
    "StringEqualsIgnoreCase": (_TEXT_IC, False), "StringNotEqualsIgnoreCase": (_TEXT_IC, True),
    "StringLike": (_LIKE, False), "StringNotLike": (_LIKE, True),
    "ArnEquals": (_ARN, False), "ArnLike": (_ARN, False),
    "ArnNotEquals": (_ARN, True), "ArnNotLike": (_ARN, True),
    "Bool": (_BOOL, False), "BinaryEquals": (_BINARY, False),
    "IpAddress": (_IP, False), "NotIpAddress": (_IP, True),
    **_ordered_families(),
}
"""Every base operator (no set prefix, no IfExists): its family and whether it is negated."""

_VARIABLE_FAMILIES = (_TEXT, _TEXT_IC, _LIKE, _ARN)
_SETS = (None, "ForAllValues", "ForAnyValue")


def condition_holds(condition: Mapping[str, Any], context: Context, variables: bool) -> bool:
    """Whether one (operator, key) condition is true for the request context.

    ``variables`` enables policy variables (documents with Version 2012-10-17).
    """
    base, where = condition["base"], f"condition {condition['operator']} {condition['key_raw']}"
    if base == "Null":
        return _null_holds(condition, context, where)
    family, negated = _operator(condition, where)
    present = context.get(condition["key"])
    if not present:
        return _absent_holds(condition, negated)
    enabled = variables and family in _VARIABLE_FAMILIES
    prepared = [family.prepare(v, context, enabled, where) for v in condition["values"]]
    return _set_holds(condition["set"], present, family, prepared, negated, where)


def check_operator(condition: Mapping[str, Any]) -> None:
    """Raise EvaluationError unless the condition's operator is one IAM knows."""
    where = f"condition {condition['operator']} {condition['key_raw']}"
    if condition["base"] != "Null":
        _operator(condition, where)
    elif condition.get("set") or condition.get("if_exists"):
        raise EvaluationError(f"{where}: Null takes no set operator and no IfExists")


def _operator(condition: Mapping[str, Any], where: str) -> tuple[Family, bool]:
    """The family of a known operator; anything else is an error, never true or false."""
    found = OPERATORS.get(condition["base"])
    if found is None or condition.get("set") not in _SETS:
        raise EvaluationError(f"{where}: unknown condition operator")
    return found


def _null_holds(condition: Mapping[str, Any], context: Context, where: str) -> bool:
    """``Null`` "true" holds when the key is absent, "false" when it is present; values OR."""
    check_operator(condition)
    absent = not context.get(condition["key"])
    wanted = [value.strip().lower() for value in condition["values"]]
    if any(value not in ("true", "false") for value in wanted):
        raise EvaluationError(f"{where}: Null takes \"true\" or \"false\"")
    return any((value == "true") == absent for value in wanted)


def _absent_holds(condition: Mapping[str, Any], negated: bool) -> bool:
    """An absent or empty key: IfExists and ForAllValues hold, ForAnyValue does not; otherwise
    a negated operator holds and a positive one does not."""
    if condition.get("if_exists") or condition.get("set") == "ForAllValues":
        return True
    if condition.get("set") == "ForAnyValue":
        return False
    return negated


def _set_holds(kind: str | None, present: Iterable[str], family: Family, prepared: list[Any],
               negated: bool, where: str) -> bool:
    """ForAllValues: every request value passes; ForAnyValue: at least one does. Without a set
    operator the key matches when any of its values does, and a negated operator inverts that."""
    if kind is None:
        matched = any(_matches(value, family, prepared, where) for value in present)
        return matched != negated
    results = (_matches(value, family, prepared, where) != negated for value in present)
    return all(results) if kind == "ForAllValues" else any(results)


def _matches(value: str, family: Family, prepared: list[Any], where: str) -> bool:
    """Whether a request value matches any policy value (values OR; unresolved ones never)."""
    return any(p is not None and family.test(value, p, where) for p in prepared)


@lru_cache(maxsize=4096)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """A case-insensitive regex for an action pattern with ``*`` and ``?``."""
    return re.compile(like_regex(_wildcard_atoms(pattern)).pattern, re.IGNORECASE | re.DOTALL)
