"""Loading blueprint files: the shipped ones load, and every file-level failure is one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from ztiam.blueprint import Blueprint, load_blueprint, parse_yaml, validate_blueprint
from ztiam.errors import BlueprintError

from blueprint_support import BLUEPRINTS, SHIPPED


def _message(path: Path) -> str:
    with pytest.raises(BlueprintError) as caught:
        load_blueprint(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


def _file(tmp_path: Path, content: str | bytes, name: str = "x.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", SHIPPED)
def test_load_blueprint_shipped_files_load(name: str) -> None:
    path = BLUEPRINTS / f"{name}.yaml"
    blueprint = load_blueprint(path)
    assert isinstance(blueprint, Blueprint)
    assert blueprint.environment == name
    assert blueprint.source == str(path)


def test_load_blueprint_accepts_a_string_path() -> None:
    assert load_blueprint(str(BLUEPRINTS / "prod.yaml")).account_id == "333333333333"


def test_load_blueprint_durations_are_seconds() -> None:
    blueprint = load_blueprint(BLUEPRINTS / "prod.yaml")
    assert blueprint.sessions.developer == 14400
    assert blueprint.sessions.external == 7200
    assert blueprint.external_access[0].max_session == 3600


def test_load_blueprint_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    assert _message(path) == f"blueprint {path}: cannot read the file: no such file or directory"


def test_load_blueprint_directory(tmp_path: Path) -> None:
    assert _message(tmp_path) == f"blueprint {tmp_path}: cannot read the file: is a directory"


def test_load_blueprint_not_utf8(tmp_path: Path) -> None:
    path = _file(tmp_path, b"version: \xff\n")
    assert _message(path) == f"blueprint {path}: byte 9 is not UTF-8 text"


def test_load_blueprint_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = _file(tmp_path, "version: 1\nsessions: [1h\nregion: us-east-1\n")
    assert _message(path) == (
        f"blueprint {path}: line 3, column 7: invalid YAML: expected ',' or ']', but got ':'"
    )


def test_load_blueprint_tab_indentation(tmp_path: Path) -> None:
    path = _file(tmp_path, "sessions:\n\tdeveloper: 1h\n")
    assert _message(path).startswith(f"blueprint {path}: line 2, column 1: invalid YAML: ")


@pytest.mark.parametrize("content", ["", "\n\n", "# nothing but a comment\n", "---\n"])
def test_load_blueprint_empty_file(tmp_path: Path, content: str) -> None:
    path = _file(tmp_path, content)
    assert _message(path) == f"blueprint {path}: the file is empty"


@pytest.mark.parametrize(
    ("content", "found"),
    [
        ("- a\n- b\n", "a list"),
        ("just text\n", "the string 'just text'"),
        ("42\n", "the number 42"),
    ],
)
def test_load_blueprint_top_level_not_a_mapping(tmp_path: Path, content: str, found: str) -> None:
    path = _file(tmp_path, content)
    assert _message(path) == f"blueprint {path}: the top level is {found}, not a mapping"


def test_load_blueprint_duplicate_top_level_key(tmp_path: Path) -> None:
    text = (BLUEPRINTS / "prod.yaml").read_text(encoding="utf-8") + "tier: development\n"
    path = _file(tmp_path, text)
    line = text.count("\n")
    first = (
        text.splitlines().index(
            "tier: production            # development | staging | production | logging"
        )
        + 1
    )
    assert _message(path) == (
        f"blueprint {path}: line {line}, column 1: duplicate key 'tier' (first at line {first})"
    )


def test_load_blueprint_duplicate_nested_key(tmp_path: Path) -> None:
    path = _file(tmp_path, "sessions:\n  developer: 1h\n  operator: 1h\n  developer: 4h\n")
    assert _message(path) == (
        f"blueprint {path}: line 4, column 3: duplicate key 'developer' (first at line 2)"
    )


def test_load_blueprint_several_documents(tmp_path: Path) -> None:
    path = _file(tmp_path, "version: 1\n---\nversion: 1\n")
    assert _message(path) == (
        f"blueprint {path}: line 2, column 1: invalid YAML: expected a single document in the "
        "stream but found another document"
    )


def test_load_blueprint_python_tags_refused(tmp_path: Path) -> None:
    path = _file(tmp_path, "version: !!python/object/apply:os.system ['true']\n")
    assert "invalid YAML: could not determine a constructor" in _message(path)


def test_load_blueprint_validation_error_names_the_file(tmp_path: Path) -> None:
    text = (
        (BLUEPRINTS / "prod.yaml")
        .read_text(encoding="utf-8")
        .replace("developer: 4h", "developer: 6h")
    )
    path = _file(tmp_path, text, "prod.yaml")
    assert _message(path) == f"blueprint {path}: sessions.developer: 6h exceeds the 4h limit"


def test_parse_yaml_reads_yaml_1_2_scalars() -> None:
    text = "a: 19:00\nb: no\nc: on\nd: 2027-01-01T00:00:00Z\ne: 0123\nf: true\ng: ~\nh: 1.5\n"
    assert parse_yaml(text, "x.yaml") == {
        "a": "19:00",
        "b": "no",
        "c": "on",
        "d": "2027-01-01T00:00:00Z",
        "e": 123,
        "f": True,
        "g": None,
        "h": 1.5,
    }


def test_parse_yaml_merge_keys_may_be_overridden() -> None:
    text = "base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n"
    assert parse_yaml(text, "x.yaml")["other"] == {"x": 1, "y": 3}


def test_load_blueprint_unquoted_time_is_kept_as_text(tmp_path: Path) -> None:
    text = (BLUEPRINTS / "prod.yaml").read_text(encoding="utf-8").replace('"19:00"', "19:00")
    blueprint = load_blueprint(_file(tmp_path, text))
    assert blueprint.business_hours is not None
    assert blueprint.business_hours.end.hour == 19


@pytest.mark.parametrize("name", SHIPPED)
def test_validate_blueprint_json_dump_round_trips(name: str) -> None:
    blueprint = load_blueprint(BLUEPRINTS / f"{name}.yaml")
    dumped = blueprint.model_dump(mode="json", by_alias=True, exclude_none=True)
    assert validate_blueprint(dumped, name).model_dump() == blueprint.model_dump()
