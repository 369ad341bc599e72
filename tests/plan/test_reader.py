"""Reading plan and state files: encodings, and what is not a Terraform plan or state."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ztiam.errors import PlanError
from ztiam.plan import build_model, load_model
from ztiam.plan.reader import source_kind

from .fragments import change, plan, strict_context

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "plans"
SMALL = plan(change("aws_iam_role.r", {"name": "r", "max_session_duration": 3600},
                    {"assume_role_policy": True}))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_load_model_reads_utf8_and_utf16(tmp_path: Path, encoding: str,
                                         build: Callable[..., dict]) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(json.dumps(SMALL, indent=2).encode(encoding))

    model = build(path)

    assert list(model["resources"]) == ["aws_iam_role.r"]
    assert model["source"] == {"kind": "plan", "format_version": "1.2",
                               "terraform_version": "1.11.4"}


def test_load_model_utf16_fixture_with_bom_and_crlf(build: Callable[..., dict]) -> None:
    model = build(FIXTURES / "unknown-policy.utf16.json")

    assert model["documents"]["aws_s3_bucket_policy.p#policy"]["status"] == "unknown"
    assert model["source"]["terraform_version"] == "1.5.7"


@pytest.mark.parametrize(("content", "message"), [
    (b"", "not JSON: Expecting value at line 1 column 1"),
    (b"{not json", "not JSON: Expecting property name enclosed in double quotes"),
    (b"\xff\xfe\x00\xd8", "is neither UTF-8 nor UTF-16 text"),
    (b"[1, 2]", "not a Terraform plan or state (the JSON is not an object)"),
    (b'{"resource_changes": []}', "not a Terraform plan or state (no format_version)"),
    (b'{"version": 4, "lineage": "x", "resources": []}',
     "(no format_version); run terraform show -json on it first"),
    (b'{"format_version": "2.0", "planned_values": {}}', 'unsupported format_version "2.0"'),
    (b'{"format_version": 1, "planned_values": {}}', "unsupported format_version 1"),
    (b'{"format_version": "1.2", "hello": 1}', "no planned_values, resource_changes or values"),
    (b'{"format_version": "1.2", "resource_changes": [{"address": "x", "mode": "managed"}]}',
     "resource_changes[0]: not a Terraform resource change (missing type, change.actions)"),
    (b'{"format_version": "1.2", "resource_changes": [{"address": "x", "mode": "managed",'
     b' "type": "t", "name": "n", "change": {"actions": ["create"], "after": [1]}}]}',
     "malformed Terraform plan JSON"),
    (b'{"format_version": "1.0", "values": {"root_module": {"resources": [{"address": "a.b",'
     b' "mode": "managed", "type": null, "name": "b"}]}}}', "malformed Terraform state JSON"),
    (b'{"format_version": "1.2", "resource_changes": [], "configuration": {"provider_config":'
     b' {"aws": {"name": "aws", "expressions": "x"}}}}', "malformed Terraform plan JSON"),
])
def test_load_model_rejects_with_one_line_naming_the_file(tmp_path: Path, content: bytes,
                                                          message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)

    with pytest.raises(PlanError) as raised:
        load_model(path, strict_context())

    assert str(raised.value).startswith(f"plan {path}: ")
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_load_model_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match=r"plan .*absent\.json: cannot be read"):
        load_model(tmp_path / "absent.json", strict_context())


def test_build_model_accepts_any_1x_format_version(build: Callable[..., dict]) -> None:
    model = build({**SMALL, "format_version": "1.9", "some_future_key": {"x": 1}})

    assert model["source"]["format_version"] == "1.9"


def test_build_model_rejects_without_a_file_name() -> None:
    with pytest.raises(PlanError, match="^plan input: unsupported format_version"):
        build_model({"format_version": "0.1", "planned_values": {}}, strict_context())


def test_build_model_empty_state_has_no_resources(build: Callable[..., dict]) -> None:
    model = build({"format_version": "1.0", "terraform_version": "1.11.4"})

    assert model["source"]["kind"] == "state"
    assert model["resources"] == model["documents"] == model["roles"] == {}


@pytest.mark.parametrize(("changes", "message"), [
    ({}, "resource_changes: expected a list"),
    (["x"], "resource_changes[0]: expected an object"),
    ([{"address": "x"}], "resource_changes[0]: not a Terraform resource change (missing mode, "
                         "type, change.actions)"),
    ([{"address": "a", "mode": "managed", "type": "t", "change": {}}],
     "resource_changes[0]: not a Terraform resource change (missing change.actions)"),
])
def test_reader_malformed_resource_changes_fail_naming_the_entry(
    changes: object, message: str
) -> None:
    with pytest.raises(PlanError) as caught:
        source_kind({"format_version": "1.2", "resource_changes": changes}, "plan.json")
    assert str(caught.value) == f"plan plan.json: {message}"
