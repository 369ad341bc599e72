"""The default engine: regorus, embedded through its Python bindings.

regorus is always handed JSON text: its ``set_input(dict)`` and ``add_data(dict)`` turn Python
booleans into numbers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import regorus

from ztiam.engine._pack import (
    FINDINGS_RULE, input_json, one_line, package_name, read_pack, to_findings,
)
from ztiam.errors import EngineError

_UNDEFINED_PATH = "not a valid rule path"
_ERRORS = (RuntimeError, ValueError, TypeError)  # what the bindings raise for engine errors


class RegorusEngine:
    """regorus behind the ztiam engine interface."""

    name = "regorus"

    def __init__(self) -> None:
        self._engine: regorus.Engine | None = regorus.Engine()

    def load(self, rego_dir: Path, *, include_tests: bool = False) -> None:
        pack = read_pack(rego_dir, include_tests)
        engine = self._open()
        for module in pack.modules:
            try:
                engine.add_policy(module.name, module.text)
            except _ERRORS as exc:
                where = f"{module.name} (package {module.package})"
                raise EngineError(f"engine regorus: cannot load {where}: {one_line(exc)}") from exc
        self._add_data(pack.data)

    def _add_data(self, data: dict[str, Any]) -> None:
        try:
            self._open().add_data_json(json.dumps(data))
        except _ERRORS as exc:
            raise EngineError(f"engine regorus: cannot add data: {one_line(exc)}") from exc

    def set_input(self, model: dict[str, Any]) -> None:
        text = input_json(model)
        try:
            self._open().set_input_json(text)
        except _ERRORS as exc:
            raise EngineError(f"engine regorus: cannot set input: {one_line(exc)}") from exc

    def evaluate(self, package: str) -> list[dict[str, Any]]:
        name = package_name(package)
        try:
            value = self._rule_json(f"data.{name}.{FINDINGS_RULE}")
        except _ERRORS as exc:
            raise EngineError(f"control {name}: {_message(exc)}") from exc
        return to_findings(value, name)

    def evaluate_document(self, path: str) -> Any:
        try:
            text = self._open().eval_query_as_json(path)
        except _ERRORS as exc:
            raise EngineError(f"document {path}: {one_line(exc)}") from exc
        results = json.loads(text).get("result") or []
        return results[0]["expressions"][0]["value"] if results else None

    def _rule_json(self, rule: str) -> Any:
        text = self._open().eval_rule_as_json(rule)
        return None if text is None else json.loads(text)

    def close(self) -> None:
        self._engine = None

    def _open(self) -> regorus.Engine:
        if self._engine is None:
            raise EngineError("engine regorus: already closed")
        return self._engine


def _message(error: Exception) -> str:
    line = one_line(error)
    return "findings is undefined (package not loaded)" if line == _UNDEFINED_PATH else line
