"""Small hand-made pieces of `terraform show -json` output for focused tests."""

from __future__ import annotations

import json
from typing import Any

from ztiam.blueprint.context import strict_context as blueprint_strict_context


def strict_context(**overrides: object) -> dict:
    """The context verify uses without a blueprint, with some entries replaced."""
    return {**blueprint_strict_context(), **overrides}


def policy_text(*statements: dict) -> str:
    """A minified policy text with the given statements, as jsonencode writes it."""
    document = {"Version": "2012-10-17", "Statement": list(statements)}
    return json.dumps(document, separators=(",", ":"), sort_keys=True)


def change(address: str, after: dict | None = None, unknown: dict | None = None, *,
           actions: tuple[str, ...] = ("create",), module: str | None = None,
           mode: str = "managed") -> dict:
    """One ``resource_changes`` entry; type, name and index come from the address."""
    local = address[len(module) + 1:] if module else address
    local = local[len("data."):] if mode == "data" else local
    kind, _, rest = local.partition(".")
    name, _, key = rest.partition("[")
    entry: dict[str, Any] = {
        "address": address, "mode": mode, "type": kind, "name": name,
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": {"actions": list(actions), "before": None, "after": after,
                   "after_unknown": unknown or {}},
    }
    if module:
        entry["module_address"] = module
    if key:
        entry["index"] = json.loads(key.rstrip("]"))
    return entry


def plan(*changes: dict, configuration: dict | None = None, **sections: Any) -> dict:
    """A plan document with the given resource changes and optional other sections."""
    document = {"format_version": "1.2", "terraform_version": "1.11.4",
                "resource_changes": list(changes), **sections}
    if configuration is not None:
        document["configuration"] = configuration
    return document


def resource_config(address: str, expressions: dict, mode: str = "managed") -> dict:
    """One resource of a ``configuration`` module: ``TYPE.NAME`` with its expressions."""
    kind, name = address.removeprefix("data.").split(".")
    return {"address": address, "mode": mode, "type": kind, "name": name,
            "provider_config_key": "aws", "expressions": expressions, "schema_version": 0}


def refs(*references: str) -> dict:
    """An expression that refers to the given things."""
    return {"references": list(references)}
