"""The reference engine: OPA's Go evaluator, embedded through opa-golib-python-bindings.

The model is stored once as a data document and bound to ``input`` in each query, which avoids
encoding and parsing the whole model again for every control.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ztiam.engine._pack import (
    FINDINGS_RULE, RulePack, input_json, one_line, package_name, read_pack, to_findings,
)
from ztiam.errors import EngineError

try:
    import opa_bindings
except ImportError:  # the reference engine is optional
    opa_bindings = None

MODEL_PATH = "ztiam_input_model"


class OpaEngine:
    """OPA behind the ztiam engine interface."""

    name = "opa"

    def __init__(self) -> None:
        if opa_bindings is None:
            raise EngineError("engine opa: opa-golib-python-bindings is not installed")
        self._engine: Any = opa_bindings.OpaEngine()
        self._pack = RulePack()
        self._has_input = False

    def load(self, rego_dir: Path, *, include_tests: bool = False) -> None:
        self._pack = read_pack(rego_dir, include_tests)
        self._add_pack()

    def _add_pack(self) -> None:
        engine = self._open()
        for module in self._pack.modules:
            try:
                engine.add_policy(module.name, module.text)
            except opa_bindings.OpaError as exc:
                where = f"{module.name} (package {module.package})"
                raise EngineError(f"engine opa: cannot load {where}: {one_line(exc)}") from exc
        self._add_data(self._pack.data, "")

    def set_input(self, model: dict[str, Any]) -> None:
        input_json(model)
        if self._has_input:
            self._open().close()
            self._engine = opa_bindings.OpaEngine()
            self._add_pack()
        self._add_data(model, MODEL_PATH)
        self._has_input = True

    def _add_data(self, value: Any, path: str) -> None:
        try:
            self._open().add_data(value, path)
        except opa_bindings.OpaError as exc:
            raise EngineError(f"engine opa: cannot add data: {one_line(exc)}") from exc

    def evaluate(self, package: str) -> list[dict[str, Any]]:
        name = package_name(package)
        try:
            value = self._query(f"data.{name}.{FINDINGS_RULE}")
        except opa_bindings.OpaError as exc:
            raise EngineError(f"control {name}: {one_line(exc)}") from exc
        if value is None:
            raise EngineError(f"control {name}: findings is undefined")
        return to_findings(value, name)

    def evaluate_document(self, path: str) -> Any:
        try:
            return self._query(f"data.{package_name(path)}")
        except opa_bindings.OpaError as exc:
            raise EngineError(f"document {path}: {one_line(exc)}") from exc

    def _query(self, ref: str) -> Any:
        """The value of a reference, with the stored model as input; None when undefined."""
        binding = f" with input as data.{MODEL_PATH}" if self._has_input else ""
        results = self._open().eval_query(f"value := {ref}{binding}")
        return results[0]["value"] if results else None

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None

    def _open(self) -> Any:
        if self._engine is None:
            raise EngineError("engine opa: already closed")
        return self._engine
