"""Helpers of the compiler tests: shipped blueprints, tree hashes, plan JSON walking."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ztiam.resources import blueprints_dir

IDENTITY_TYPES = ("aws_iam_policy", "aws_iam_role_policy")
POLICY_ATTRIBUTES = ("policy", "assume_role_policy")
DESIGN_FILES = {
    "versions.tf", "providers.tf", "variables.tf", "iam-policies.tf", "iam-roles-developer.tf",
    "iam-roles-operator.tf", "iam-roles-administrator.tf", "iam-roles-service.tf",
    "iam-cross-account.tf", "iam-password-policy.tf", "s3-bucket-policies.tf",
    "cloudwatch-monitoring.tf", "outputs.tf",
}


def shipped_blueprints() -> list[Path]:
    """Every blueprint shipped in blueprints/, prod first."""
    found = sorted(blueprints_dir().glob("*.yaml"))
    return sorted(found, key=lambda path: (path.stem != "prod", path.stem))


def tree_digest(folder: Path) -> str:
    """SHA-256 over every file's relative path, mode and bytes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(oct(path.stat().st_mode & 0o777).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def resource_changes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every resource change that will exist after apply."""
    for change in plan.get("resource_changes", []):
        if change["change"]["actions"] != ["delete"]:
            yield change


def statements(document: dict[str, Any]) -> list[dict[str, Any]]:
    found = document["Statement"]
    return found if isinstance(found, list) else [found]


def identity_documents(plan: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(address, decoded policy) of every identity policy in the plan."""
    for change in resource_changes(plan):
        if change["type"] in IDENTITY_TYPES:
            yield change["address"], json.loads(change["change"]["after"]["policy"])


def condition_keys(statement: dict[str, Any]) -> set[str]:
    """Distinct, lower-cased condition keys of a statement."""
    return {key.lower() for keys in statement.get("Condition", {}).values() for key in keys}


def module_configuration(plan: dict[str, Any], address: str) -> dict[str, Any]:
    """The configuration block of the resource at ``address`` (instance keys dropped)."""
    module: dict[str, Any] = plan["configuration"]["root_module"]
    parts = address.split(".")
    while parts[0] == "module":
        call = parts[1].split("[")[0]
        module = module["module_calls"][call]["module"]
        parts = parts[2:]
    name = f"{parts[0]}.{parts[1].split('[')[0]}"
    return next(r for r in module["resources"] if r["address"] == name)
