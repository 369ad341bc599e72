"""The control catalogue, read from the package-scoped ``# METADATA`` block of each control.

regorus has no ``rego.metadata`` built-ins, so the host reads the blocks itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ztiam.engine._pack import package_of
from ztiam.errors import EngineError

CONTROLS_DIR = "controls"
SEVERITIES = ("critical", "high", "medium", "low")
_MARKER = "# METADATA"
_REQUIRED = ("id", "severity", "constraint", "applies_to", "subject", "rationale",
             "remediation", "limitations", "avoid", "prefer", "frameworks")
_SNIPPETS = ("avoid", "prefer")


@dataclass(frozen=True)
class Control:
    """One control: its identity, what it enforces and how it maps to frameworks."""

    id: str
    package: str
    title: str
    description: str
    severity: str
    constraint: int | None
    applies_to: list[str]
    subject: str | None
    rationale: str
    remediation: str
    limitations: str
    avoid: str
    prefer: str
    frameworks: dict[str, list[str]] = field(default_factory=dict)
    supporting: dict[str, list[str]] = field(default_factory=dict)
    path: Path = Path()


def load_catalogue(rego_dir: Path) -> list[Control]:
    """Every control under ``rego_dir/controls``, sorted by id."""
    paths = sorted((rego_dir / CONTROLS_DIR).glob("*.rego"))
    controls = [read_control(path) for path in paths if not path.name.endswith("_test.rego")]
    return sorted(controls, key=lambda control: control.id)


def read_control(path: Path) -> Control:
    """The control declared by one Rego file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EngineError(f"control {path}: cannot read: {exc}") from exc
    package = package_of(text)
    if package is None:
        raise EngineError(f"control {path}: no package declaration")
    return _control(_metadata(text, path), package, path)


def _metadata(text: str, path: Path) -> dict[str, Any]:
    """The package-scoped METADATA block, parsed as YAML."""
    block = metadata_block(text)
    if block is None:
        raise EngineError(f"control {path}: no # METADATA block before the package")
    try:
        parsed = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        raise EngineError(f"control {path}: METADATA is not YAML: {_first_line(exc)}") from exc
    if not isinstance(parsed, dict) or parsed.get("scope") != "package":
        raise EngineError(f"control {path}: METADATA is not a package-scoped mapping")
    return parsed


def metadata_block(text: str) -> str | None:
    """The YAML text of the METADATA comment block that precedes the package line."""
    lines = text.splitlines()
    for start, line in enumerate(lines):
        if line.strip() == _MARKER:
            return _comment_body(lines[start + 1:])
        if line.startswith("package "):
            return None
    return None


def _comment_body(lines: list[str]) -> str:
    body = []
    for line in lines:
        if not line.startswith("#"):
            break
        body.append(line[2:] if line.startswith("# ") else line[1:])
    return "\n".join(body)


def _control(meta: dict[str, Any], package: str, path: Path) -> Control:
    custom = meta.get("custom")
    if not isinstance(custom, dict):
        raise EngineError(f"control {path}: METADATA has no custom mapping")
    missing = [key for key in _REQUIRED if key not in custom]
    if missing or not isinstance(meta.get("title"), str):
        absent = ", ".join(missing or ["title"])
        raise EngineError(f"control {path}: METADATA lacks {absent}")
    _check_values(custom, path)
    return Control(
        id=custom["id"], package=package, title=meta["title"],
        description=_text(meta.get("description")), severity=custom["severity"],
        constraint=custom["constraint"], applies_to=list(custom["applies_to"]),
        subject=custom["subject"], rationale=_text(custom["rationale"]),
        remediation=_text(custom["remediation"]), limitations=_text(custom["limitations"]),
        avoid=_snippet(custom["avoid"]), prefer=_snippet(custom["prefer"]),
        frameworks=_mapping(custom["frameworks"], "frameworks", path),
        supporting=_mapping(custom.get("supporting") or {}, "supporting", path), path=path,
    )


def _check_values(custom: dict[str, Any], path: Path) -> None:
    if not isinstance(custom["id"], str) or not custom["id"]:
        raise EngineError(f"control {path}: METADATA id is not a string")
    if custom["severity"] not in SEVERITIES:
        raise EngineError(f"control {path}: METADATA severity {custom['severity']!r} is unknown")
    constraint = custom["constraint"]
    if constraint is not None and (not isinstance(constraint, int) or not 1 <= constraint <= 9):
        raise EngineError(f"control {path}: METADATA constraint {constraint!r} is not 1-9")
    if not isinstance(custom["applies_to"], list):
        raise EngineError(f"control {path}: METADATA applies_to is not a list")
    _check_snippets(custom, path)


def _check_snippets(custom: dict[str, Any], path: Path) -> None:
    """``avoid`` and ``prefer`` each hold a non-empty Terraform snippet."""
    for key in _SNIPPETS:
        if not isinstance(custom[key], str) or not custom[key].strip():
            raise EngineError(f"control {path}: METADATA {key} is not a Terraform snippet")


def _mapping(value: Any, name: str, path: Path) -> dict[str, list[str]]:
    """A framework -> identifiers mapping with string identifiers."""
    if not isinstance(value, dict):
        raise EngineError(f"control {path}: METADATA {name} is not a mapping")
    result: dict[str, list[str]] = {}
    for framework, ids in value.items():
        if not isinstance(ids, list) or not all(isinstance(item, str) for item in ids):
            where = f"{name}.{framework}"
            raise EngineError(f"control {path}: METADATA {where} is not a list of strings")
        result[str(framework)] = list(ids)
    return result


def _snippet(value: str) -> str:
    """A Terraform snippet with its indentation kept and blank edges removed."""
    return value.strip("\n").rstrip() + "\n"


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
