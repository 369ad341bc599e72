"""Fixtures for the Lambda handler tests: fake credentials, moto and the alert inbox."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from lambda_support import AlertInbox
from moto import mock_aws


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A moto-backed AWS with fake credentials in us-east-1."""
    for name in ("AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    with mock_aws():
        yield


@pytest.fixture
def alerts(aws: None) -> AlertInbox:
    """The alert topic the handlers publish to."""
    return AlertInbox()
