"""Helpers for the blueprint tests: the shipped blueprints and a way to break them."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ztiam.blueprint import parse_yaml, validate_blueprint
from ztiam.errors import BlueprintError

REPO = Path(__file__).resolve().parents[2]
BLUEPRINTS = REPO / "blueprints"
SHIPPED = ("dev", "staging", "prod", "logging")

Change = Callable[[dict[str, Any]], object]


def shipped_data(name: str) -> dict[str, Any]:
    """The parsed YAML of a shipped blueprint, as a fresh dict."""
    path = BLUEPRINTS / f"{name}.yaml"
    data = parse_yaml(path.read_text(encoding="utf-8"), path.name)
    assert isinstance(data, dict)
    return data


def problem_of(data: dict[str, Any], source: str = "prod.yaml") -> str:
    """The one-line message that validating ``data`` raises."""
    with pytest.raises(BlueprintError) as caught:
        validate_blueprint(data, source)
    message = str(caught.value)
    assert "\n" not in message
    return message


def changed(base: dict[str, Any], change: Change) -> dict[str, Any]:
    """A deep copy of ``base`` with ``change`` applied."""
    data = copy.deepcopy(base)
    change(data)
    return data
