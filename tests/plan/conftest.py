"""Fixtures for the plan loader: models built from documents or files, checked by the schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from ztiam.plan import MODEL_SCHEMA, build_model, load_model

from .fragments import strict_context


@pytest.fixture(scope="session")
def model_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(MODEL_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture
def build(model_validator: jsonschema.Draft202012Validator) -> Callable[..., dict]:
    """Build a model from a decoded document (or load it from a path) and check its schema."""

    def _build(source: dict | Path, context: dict | None = None) -> dict:
        context = strict_context() if context is None else context
        if isinstance(source, Path):
            model = load_model(source, context)
        else:
            model = build_model(source, context)
        model_validator.validate(json.loads(json.dumps(model)))
        return model

    return _build
