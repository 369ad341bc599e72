"""Every ``test_*`` rule of every ``*_test.rego`` file holds on both engines.

Each test package is evaluated once per engine as a whole document (OPA prepares one query per
distinct path, which costs far more than the evaluation), then each rule is checked in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ztiam.engine import ENGINES, make_engine
from ztiam.resources import rego_dir

REGO = rego_dir()
_PACKAGE = re.compile(r"^package\s+(\S+)", re.MULTILINE)
_TEST_RULE = re.compile(r"^(test_\w+)\s+if\b", re.MULTILINE)


def _test_rules() -> list[tuple[Path, str, str]]:
    """(file, package, rule) of every test rule, found by reading the test files."""
    found = []
    for path in sorted(REGO.rglob("*_test.rego")):
        text = path.read_text(encoding="utf-8")
        package = _PACKAGE.search(text)
        rules = sorted(set(_TEST_RULE.findall(text)))
        found.extend((path, package.group(1), rule) for rule in rules if package)
    return found


RULES = _test_rules()


class PackageResults:
    """An engine with the test pack loaded, evaluating each test package once."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.engine = make_engine(name)
        self.engine.load(REGO, include_tests=True)
        self._cache: dict[str, Any] = {}

    def rule(self, package: str, rule: str) -> Any:
        if package not in self._cache:
            self._cache[package] = self.engine.evaluate_document(f"data.{package}") or {}
        return self._cache[package].get(rule)


@pytest.fixture(scope="module", params=sorted(ENGINES))
def results(request: pytest.FixtureRequest) -> Iterator[PackageResults]:
    loaded = PackageResults(request.param)
    yield loaded
    loaded.engine.close()


def test_every_control_has_tests() -> None:
    tested = {path.name for path, _, _ in RULES}
    controls = [path for path in (REGO / "controls").glob("*.rego")
                if not path.name.endswith("_test.rego")]
    for control in controls:
        assert control.name.replace(".rego", "_test.rego") in tested


@pytest.mark.parametrize(("path", "package", "rule"), RULES,
                         ids=[f"{path.stem}.{rule}" for path, _, rule in RULES])
def test_rule_holds(results: PackageResults, path: Path, package: str, rule: str) -> None:
    assert results.rule(package, rule) is True, f"{path.name}: {rule} on {results.name}"
