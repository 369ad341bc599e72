"""The blueprint JSON Schema: generated from the model, described, current, and agreeing."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from ztiam.blueprint import blueprint_schema, schema_text

from blueprint_support import BLUEPRINTS, REPO, SHIPPED, shipped_data

SCHEMA_FILE = BLUEPRINTS / "blueprint.schema.json"
REGENERATE = "python -m ztiam.blueprint.schema > blueprints/blueprint.schema.json"


def _properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, definition in {"Blueprint": schema, **schema["$defs"]}.items():
        for key, prop in definition.get("properties", {}).items():
            yield f"{name}.{key}", prop


def test_schema_file_is_current() -> None:
    checked_in = SCHEMA_FILE.read_text(encoding="utf-8")
    assert checked_in == schema_text(), f"the schema is stale; regenerate it: {REGENERATE}"


def test_schema_module_prints_the_schema() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "ztiam.blueprint.schema"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    assert run.stdout == schema_text()
    assert run.stderr == ""


def test_blueprint_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = blueprint_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_blueprint_schema_describes_every_field() -> None:
    undescribed = [
        name for name, prop in _properties(blueprint_schema()) if not prop.get("description")
    ]
    assert undescribed == []


def test_blueprint_schema_describes_every_section() -> None:
    schema = blueprint_schema()
    assert all(definition.get("description") for definition in schema["$defs"].values())


def test_blueprint_schema_forbids_unknown_keys() -> None:
    schema = blueprint_schema()
    for definition in [schema, *schema["$defs"].values()]:
        assert definition["additionalProperties"] is False


def test_blueprint_schema_uses_yaml_key_names() -> None:
    defs = blueprint_schema()["$defs"]
    assert "lambda" in defs["ServiceRoles"]["properties"]
    assert "class" in defs["Bucket"]["properties"]


@pytest.mark.parametrize("name", SHIPPED)
def test_blueprint_schema_accepts_shipped_blueprints(name: str) -> None:
    jsonschema.validate(shipped_data(name), blueprint_schema())


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("sessions", "developer"), 14400),
        (("account_id",), 333333333333),
        (("region",), "eu-west-1"),
        (("network", "extra"), 1),
        (("monitoring", "log_retention_days"), 100),
    ],
)
def test_blueprint_schema_refuses_what_the_loader_refuses(
    path: tuple[str, ...], value: object
) -> None:
    data = shipped_data("prod")
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, blueprint_schema())


def test_schema_text_is_stable_json() -> None:
    assert json.loads(schema_text()) == blueprint_schema()
    assert schema_text().endswith("}\n")
