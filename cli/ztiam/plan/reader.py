"""Read a `terraform show -json` file and tell a plan from a state."""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

from ztiam.errors import PlanError

PLAN_KEYS = ("planned_values", "resource_changes", "prior_state", "configuration",
             "resource_drift", "output_changes")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def read_json(path: Path) -> Any:
    """Read UTF-8 or UTF-16 JSON text (with or without a byte order mark) from ``path``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PlanError(f"plan {path}: cannot be read: {exc.strerror or exc}") from exc
    try:
        text = data.decode(_encoding(data))
    except UnicodeDecodeError as exc:
        raise PlanError(f"plan {path}: is neither UTF-8 nor UTF-16 text") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        reason = exc.msg.removesuffix(" at")
        raise PlanError(f"plan {path}: not JSON: {reason} at {where}") from exc


def source_kind(document: Any, name: str) -> str:
    """Return ``plan`` or ``state`` for a Terraform JSON document; raise PlanError otherwise."""
    if not isinstance(document, dict):
        raise PlanError(f"plan {name}: not a Terraform plan or state (the JSON is not an object)")
    _check_format_version(document, name)
    if any(key in document for key in PLAN_KEYS):
        _check_changes(document.get("resource_changes"), name)
        return "plan"
    if "values" in document or set(document) <= {"format_version", "terraform_version"}:
        return "state"
    raise PlanError(f"plan {name}: not a Terraform plan or state "
                    "(no planned_values, resource_changes or values)")


def _check_changes(changes: Any, name: str) -> None:
    """Every resource change names its address, mode, type and planned actions."""
    if changes is None:
        return
    if not isinstance(changes, list):
        raise PlanError(f"plan {name}: resource_changes: expected a list")
    for index, change in enumerate(changes):
        where = f"plan {name}: resource_changes[{index}]"
        if not isinstance(change, dict):
            raise PlanError(f"{where}: expected an object")
        missing = [k for k in ("address", "mode", "type") if not isinstance(change.get(k), str)]
        body = change.get("change")
        actions = body.get("actions") if isinstance(body, dict) else None
        if missing or not isinstance(actions, list):
            what = ", ".join(missing + ([] if isinstance(actions, list) else ["change.actions"]))
            raise PlanError(f"{where}: not a Terraform resource change (missing {what})")


def _encoding(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    if len(data) > 1 and data[0] and not data[1]:
        return "utf-16-le"
    if len(data) > 1 and not data[0] and data[1]:
        return "utf-16-be"
    return "utf-8"


def _check_format_version(document: dict, name: str) -> None:
    version = document.get("format_version")
    if version is None:
        hint = "; run terraform show -json on it first" if "lineage" in document else ""
        raise PlanError(f"plan {name}: not a Terraform plan or state (no format_version){hint}")
    if not isinstance(version, str) or version.split(".")[0] != "1":
        raise PlanError(f"plan {name}: unsupported format_version {json.dumps(version)} "
                        "(ztiam reads 1.x)")
