"""docs/blueprint.md stays true: its example loads and it documents every key of the model."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel

from ztiam.blueprint import Blueprint, parse_yaml, validate_blueprint

from blueprint_support import REPO

DOC = REPO / "docs" / "blueprint.md"


def _keys(model: type[BaseModel]) -> Iterator[str]:
    for name, field in model.model_fields.items():
        yield field.alias or name
        for candidate in (field.annotation, *getattr(field.annotation, "__args__", ())):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                yield from _keys(candidate)


def test_blueprint_doc_example_loads() -> None:
    example = re.search(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert example is not None
    blueprint = validate_blueprint(parse_yaml(example.group(1), "example"), "example")
    assert blueprint.tier == "production"


def test_blueprint_doc_names_every_key() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = sorted({key for key in _keys(Blueprint) if f"`{key}" not in text})
    assert missing == []
