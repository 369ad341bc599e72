"""The blueprint's JSON Schema, generated from the model (for editors and other tools)."""

from __future__ import annotations

import json
from typing import Any

from ztiam.blueprint.model import Blueprint

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def blueprint_schema() -> dict[str, Any]:
    """The JSON Schema of a blueprint file; cross-key rules are enforced by the loader only."""
    return {"$schema": DIALECT, **Blueprint.model_json_schema(mode="validation")}


def schema_text() -> str:
    """The schema as written to ``blueprints/blueprint.schema.json``."""
    return json.dumps(blueprint_schema(), indent=2, ensure_ascii=False) + "\n"
