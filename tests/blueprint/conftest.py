"""Fixtures of the blueprint tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from blueprint_support import Change, changed, problem_of, shipped_data


@pytest.fixture(scope="session")
def prod_data() -> dict[str, Any]:
    """The prod blueprint's data; tests must copy it before changing it."""
    return shipped_data("prod")


@pytest.fixture
def broken_prod(prod_data: dict[str, Any]) -> Callable[[Change], str]:
    """Apply a change to a copy of the prod blueprint and return the resulting message."""
    return lambda change: problem_of(changed(prod_data, change))
