"""Framework identifiers that controls may cite, with paraphrases and version pins."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ztiam.errors import EngineError

IDENTIFIERS_PATH = Path(__file__).resolve().parent / "identifiers.yaml"


@cache
def identifiers() -> dict[str, Any]:
    """The parsed identifiers file: ``frameworks`` by key and the ``weaker`` list."""
    try:
        document = yaml.safe_load(IDENTIFIERS_PATH.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise EngineError(f"{IDENTIFIERS_PATH.name}: cannot read: {exc}") from exc
    if not isinstance(document, dict) or not isinstance(document.get("frameworks"), dict):
        raise EngineError(f"{IDENTIFIERS_PATH.name}: no frameworks mapping")
    return document


def lookup(framework: str, identifier: str) -> dict[str, Any] | None:
    """The entry of one identifier of one framework, or None when it is not listed."""
    entries = identifiers()["frameworks"].get(framework, {}).get("identifiers", {})
    return entries.get(identifier)


def is_confirmed(framework: str, identifier: str) -> bool:
    """Whether the identifier is listed and was checked against a retrieved source."""
    entry = lookup(framework, identifier)
    return entry is not None and not entry.get("unconfirmed", False)
