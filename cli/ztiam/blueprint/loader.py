"""Reading a blueprint file into the model, every failure told in one line."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import ValidationError
from yaml.constructor import ConstructorError

from ztiam.blueprint.messages import describe_validation, found
from ztiam.blueprint.model import Blueprint
from ztiam.errors import BlueprintError

_BOOL, _INT = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int"
_FLOAT, _TIMESTAMP = "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"


class DuplicateKeyError(ConstructorError):
    """A mapping names the same key twice; YAML would silently keep the last one."""


class BlueprintLoader(yaml.SafeLoader):
    """Safe YAML loader with YAML 1.2 core scalars, refusing duplicate keys.

    ``yes``/``no``/``on``/``off`` stay strings, ``19:00`` is not a number of minutes, dates stay
    strings, and digits are decimal (``0123`` is not octal).
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        self._refuse_duplicates(node)
        return super().construct_mapping(node, deep=deep)

    def _refuse_duplicates(self, node: yaml.MappingNode) -> None:
        first_line: dict[object, int] = {}
        for key_node, _ in node.value:
            key = None if key_node.tag == _MERGE else self.construct_object(key_node, deep=True)
            if key is None or not isinstance(key, str | int | float | bool):
                continue
            if key in first_line:
                problem = f"duplicate key {key!r} (first at line {first_line[key]})"
                raise DuplicateKeyError(None, None, problem, key_node.start_mark)
            first_line[key] = key_node.start_mark.line + 1

    def construct_decimal(self, node: yaml.ScalarNode) -> int:
        text = str(self.construct_scalar(node))
        if not re.fullmatch(r"[-+]?[0-9]+", text):
            problem = f"{text!r} is not a decimal integer"
            raise ConstructorError(None, None, problem, node.start_mark)
        return int(text)


BlueprintLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in entries if tag not in (_BOOL, _INT, _FLOAT, _TIMESTAMP)]
    for first, entries in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
BlueprintLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
BlueprintLoader.add_implicit_resolver(_INT, re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
BlueprintLoader.add_implicit_resolver(
    _FLOAT,
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$|^[-+]?\.(?:inf|Inf|INF)$"),
    list("-+.0123456789"),
)
BlueprintLoader.add_constructor(_INT, BlueprintLoader.construct_decimal)


def load_blueprint(path: str | Path) -> Blueprint:
    """Read and validate the blueprint at ``path``; raise BlueprintError with one line if bad."""
    name = str(path)
    return validate_blueprint(parse_yaml(_read(Path(path), name), name), name)


def validate_blueprint(data: object, source: str = "<blueprint>") -> Blueprint:
    """Validate already parsed blueprint data; ``source`` names it in messages and the context."""
    if not isinstance(data, dict):
        raise BlueprintError(f"blueprint {source}: the top level is {found(data)}, not a mapping")
    try:
        blueprint = Blueprint.model_validate(data)
    except ValidationError as err:
        raise BlueprintError(f"blueprint {source}: {describe_validation(err)}") from None
    blueprint._source = source
    return blueprint


def parse_yaml(text: str, source: str) -> object:
    """Parse blueprint YAML text; refuse syntax errors, duplicate keys and empty documents."""
    try:
        data = yaml.load(text, Loader=BlueprintLoader)
    except yaml.MarkedYAMLError as err:
        raise BlueprintError(f"blueprint {source}: {_yaml_problem(err)}") from None
    except yaml.YAMLError as err:
        raise BlueprintError(f"blueprint {source}: invalid YAML: {err}") from None
    if data is None:
        raise BlueprintError(f"blueprint {source}: the file is empty")
    return data


def _read(path: Path, name: str) -> str:
    try:
        raw = path.read_bytes()
    except OSError as err:
        reason = (err.strerror or type(err).__name__).lower()
        raise BlueprintError(f"blueprint {name}: cannot read the file: {reason}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise BlueprintError(f"blueprint {name}: byte {err.start} is not UTF-8 text") from None


def _yaml_problem(err: yaml.MarkedYAMLError) -> str:
    problem = str(err.problem or "unreadable")
    if err.context and problem.startswith("but "):
        problem = f"{err.context} {problem}"
    mark = err.problem_mark or err.context_mark
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
    text = " ".join(problem.split())
    return where + (text if isinstance(err, DuplicateKeyError) else f"invalid YAML: {text}")
