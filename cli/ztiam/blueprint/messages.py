"""Turning pydantic's validation errors into one line: the key path, then the problem."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ztiam.blueprint.fields import show


def describe_validation(err: ValidationError) -> str:
    """The first problem of a failed validation, with a count of the others."""
    # An unknown key usually explains a "required" one (a misspelt name), so it comes first.
    errors = sorted(err.errors(include_url=False), key=lambda e: e["type"] != "extra_forbidden")
    first, more = describe_error(errors[0]), len(errors) - 1
    if not more:
        return first
    return f"{first} (and {more} more problem{'s' if more > 1 else ''})"


def describe_error(error: ErrorDetails) -> str:
    """One problem as ``key.path[0]: what is wrong``."""
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    loc = [*error["loc"], *ctx.get("at", ())]
    kind, value = error["type"], error.get("input")
    if kind == "extra_forbidden":
        return _at(loc[:-1], f"unknown key {loc[-1]!r}")
    if kind == "invalid_key":
        return _at(loc[:-1], f"key {show(value)} is not a string")
    if loc and loc[-1] == "[key]":
        loc = loc[:-2]
    return _at(loc, _problem(kind, value, ctx, loc, error["msg"]))


def key_path(loc: Sequence[str | int]) -> str:
    """Write a location as a blueprint author reads it: ``external_access[1].external_id``."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def found(value: object) -> str:
    """Name what was found where something else was expected."""
    if isinstance(value, str):
        return f"the string {show(value)}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"the number {value}"
    return "nothing" if value is None else show(value)


def _at(loc: Sequence[str | int], problem: str) -> str:
    path = key_path(loc)
    return f"{path}: {problem}" if path else problem


def _problem(kind: str, value: Any, ctx: dict[str, Any], loc: list, msg: str) -> str:
    if kind == "blueprint":
        return str(ctx["message"])
    if kind == "missing":
        return _missing(value, loc)
    if kind == "literal_error":
        return f"{show(value)} is not one of {ctx['expected']}"
    if kind == "too_short":
        return _too_short(int(ctx.get("min_length", 1)))
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, found {found(value)}"
    return msg[:1].lower() + msg[1:]


_EXPECTED = {
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "dict_type": "a mapping",
    "list_type": "a list",
    "string_type": "a string",
    "int_type": "a whole number",
}


def _missing(parent: Any, loc: list) -> str:
    account = parent.get("account_id") if isinstance(parent, dict) else None
    if loc[:1] == ["external_access"] and isinstance(account, str):
        return f"required for external account {account}"
    return "required"


def _too_short(minimum: int) -> str:
    return "must not be empty" if minimum == 1 else f"needs at least {minimum} entries"
