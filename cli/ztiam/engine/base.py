"""The interface every policy engine of ztiam offers."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol


class Engine(Protocol):
    """Loads the rule pack once, takes one resource model, evaluates one control at a time."""

    name: str

    def load(self, rego_dir: Path, *, include_tests: bool = False) -> None:
        """Add every module under ``rego_dir`` and the data of ``rego_dir/data``."""

    def set_input(self, model: dict[str, Any]) -> None:
        """Make ``model`` the ``input`` of every later evaluation."""

    def evaluate(self, package: str) -> list[dict[str, Any]]:
        """The ``findings`` of a control package, sorted by address then message."""

    def evaluate_document(self, path: str) -> Any:
        """The value of a rule or a whole package by its ``data.`` path; None when undefined."""

    def close(self) -> None:
        """Release the engine; it cannot be used afterwards."""
