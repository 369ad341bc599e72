"""Fixtures for the decision engine tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ztiam.iam.evaluate import Decision, Policy

from .helpers import make_decision, make_policy


@pytest.fixture
def policy() -> Callable[..., Policy]:
    return make_policy


@pytest.fixture
def ask() -> Callable[..., Decision]:
    return make_decision
