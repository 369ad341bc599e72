"""Reading the rule pack from disk and turning raw engine output into findings."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ztiam.errors import EngineError

STATUSES = frozenset({"pass", "fail", "unknown", "not_applicable"})
FINDINGS_RULE = "findings"


@dataclass(frozen=True)
class Module:
    """One Rego file of the pack: its path relative to the pack, text and package."""

    name: str
    text: str
    package: str


@dataclass(frozen=True)
class RulePack:
    """The Rego modules of a pack and the data document its rules read."""

    modules: list[Module] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


def read_pack(rego_dir: Path, include_tests: bool = False) -> RulePack:
    """Read every module under ``rego_dir`` and the JSON files of ``rego_dir/data``."""
    if not rego_dir.is_dir():
        raise EngineError(f"rule pack {rego_dir}: not a directory")
    paths = sorted(rego_dir.rglob("*.rego"))
    if not include_tests:
        paths = [path for path in paths if not path.name.endswith("_test.rego")]
    modules = [_read_module(rego_dir, path) for path in paths]
    return RulePack(modules=modules, data=_read_data(rego_dir / "data"))


def _read_module(rego_dir: Path, path: Path) -> Module:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EngineError(f"rule pack {path}: cannot read: {exc}") from exc
    name = path.relative_to(rego_dir).as_posix()
    return Module(name=name, text=text, package=package_of(text) or "?")


def _read_data(data_dir: Path) -> dict[str, Any]:
    """The data files merged into one document; each file holds its full path from the root
    (``{"ztiam": {"data": {...}}}``), so ``opa eval -d FILE`` loads it at the same place."""
    merged: dict[str, Any] = {}
    for path in sorted(data_dir.glob("*.json")) if data_dir.is_dir() else []:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise EngineError(f"rule pack {path}: cannot read data: {exc}") from exc
        if not isinstance(document, dict):
            raise EngineError(f"rule pack {path}: data is not a JSON object")
        _merge(merged, document, path)
    return merged


def _merge(into: dict[str, Any], document: dict[str, Any], path: Path) -> None:
    for key, value in document.items():
        if isinstance(into.get(key), dict) and isinstance(value, dict):
            _merge(into[key], value, path)
        elif key in into:
            raise EngineError(f"rule pack {path}: data key {key!r} is already defined")
        else:
            into[key] = value


def package_of(text: str) -> str | None:
    """The package a Rego module declares, or None."""
    for line in text.splitlines():
        words = line.split()
        if len(words) >= 2 and words[0] == "package":
            return words[1]
    return None


def package_name(package: str) -> str:
    """A control package without the ``data.`` prefix."""
    return package[5:] if package.startswith("data.") else package


def one_line(error: object) -> str:
    """The first meaningful line of an engine's error text, without locations' source excerpts."""
    text = str(error).split("Stack backtrace:")[0]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    location = next((line[4:] for line in lines if line.startswith("--> ")), None)
    message = next((line[7:] for line in lines if line.startswith("error: ")), None)
    if message is not None:
        return f"{location}: {message}" if location else message
    if len(lines) > 1 and lines[0].endswith("occurred:"):
        return f"{lines[0]} {lines[1]}"
    return lines[0] if lines else type(error).__name__


def to_findings(value: Any, package: str) -> list[dict[str, Any]]:
    """Check the shape of a control's findings and sort them by address, then message."""
    if value is None:
        raise EngineError(f"control {package}: findings is undefined")
    if not isinstance(value, list):
        raise EngineError(f"control {package}: findings is not a set")
    for position, finding in enumerate(value):
        _check_finding(finding, position, package)
    return sorted(value, key=lambda finding: (finding["address"], finding["message"]))


def _check_finding(finding: Any, position: int, package: str) -> None:
    where = f"control {package}: finding {position}"
    if not isinstance(finding, dict):
        raise EngineError(f"{where} is not an object")
    for key in ("address", "status", "message"):
        if not isinstance(finding.get(key), str):
            raise EngineError(f"{where} has no {key} string")
    if finding["status"] not in STATUSES:
        raise EngineError(f"{where} has status {finding['status']!r}")
    if "evidence" in finding and not isinstance(finding["evidence"], str):
        raise EngineError(f"{where} has evidence that is not a string")


def input_json(model: dict[str, Any]) -> str:
    """The model as JSON text (booleans stay booleans), or an EngineError."""
    try:
        return json.dumps(model, allow_nan=False, ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        raise EngineError(f"resource model is not JSON: {exc}") from exc
