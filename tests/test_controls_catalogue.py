"""The control catalogue: metadata parses, identifiers exist and are confirmed, coverage holds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ztiam import compliance
from ztiam.controls import Control, load_catalogue, metadata_block, read_control
from ztiam.errors import EngineError
from ztiam.resources import rego_dir

REGO = rego_dir()
CATALOGUE = load_catalogue(REGO)
EXPECTS = {"human_roles", "external_access", "trail", "password_policy", "data_buckets"}
KINDS = {"workload", "logging"}
TEST_KINDS = ("test_deny_", "test_allow_", "test_unknown_")
_TEST_RULE = re.compile(r"^(test_\w+)\s+if\b", re.MULTILINE)
_WAIVED_KIND = re.compile(r"^# No (test_\w+?_) rule: .+", re.MULTILINE)


def _mappings(control: Control) -> list[tuple[str, str]]:
    pairs = [(framework, id_) for framework, ids in control.frameworks.items() for id_ in ids]
    return pairs + [(framework, id_) for framework, ids in control.supporting.items()
                    for id_ in ids]


def test_every_control_file_is_catalogued() -> None:
    files = [path for path in (REGO / "controls").glob("*.rego")
             if not path.name.endswith("_test.rego")]
    assert len(CATALOGUE) == len(files)


def test_metadata_yaml_parses() -> None:
    for control in CATALOGUE:
        block = metadata_block(control.path.read_text(encoding="utf-8"))
        assert isinstance(yaml.safe_load(block), dict), control.path


def test_ids_are_unique() -> None:
    ids = [control.id for control in CATALOGUE]
    assert len(ids) == len(set(ids))


def test_packages_match_file_names() -> None:
    for control in CATALOGUE:
        assert control.package == f"ztiam.controls.{control.path.stem}"


def test_every_constraint_has_a_control() -> None:
    assert {control.constraint for control in CATALOGUE} >= set(range(1, 10))


def test_subjects_and_account_kinds() -> None:
    for control in CATALOGUE:
        assert control.subject is None or control.subject in EXPECTS, control.id
        assert set(control.applies_to) <= KINDS, control.id
        assert control.title and control.description and control.rationale, control.id
        assert control.remediation and control.limitations, control.id


def test_identifiers_are_listed_and_confirmed() -> None:
    for control in CATALOGUE:
        for framework, identifier in _mappings(control):
            assert compliance.lookup(framework, identifier) is not None, (control.id, identifier)
            assert compliance.is_confirmed(framework, identifier), (control.id, identifier)


def test_supporting_marks_stay_out_of_identifiers() -> None:
    for control in CATALOGUE:
        for framework, identifier in _mappings(control):
            assert "(s)" not in identifier and "UNCONFIRMED" not in identifier.upper()
        for framework, ids in control.supporting.items():
            assert not set(ids) & set(control.frameworks.get(framework, [])), control.id


def test_weaker_entries_are_not_claimed_as_met() -> None:
    weaker = {(entry["framework"], entry["id"]) for entry in compliance.identifiers()["weaker"]}
    for control in CATALOGUE:
        claimed = {(framework, id_) for framework, ids in control.frameworks.items() for id_ in ids}
        assert not claimed & weaker, control.id


def test_identifiers_file_is_complete() -> None:
    document = compliance.identifiers()
    for key, framework in document["frameworks"].items():
        assert framework["name"] and framework["version"], key
        for identifier, entry in framework["identifiers"].items():
            assert entry["paraphrase"], (key, identifier)
            assert isinstance(entry.get("unconfirmed", False), bool), (key, identifier)
    for entry in document["weaker"]:
        assert compliance.lookup(entry["framework"], entry["id"]) is not None


@pytest.mark.parametrize("control", CATALOGUE, ids=[control.id for control in CATALOGUE])
def test_control_has_deny_allow_and_unknown_tests(control: Control) -> None:
    test_file = control.path.with_name(f"{control.path.stem}_test.rego")
    assert test_file.is_file(), test_file
    text = test_file.read_text(encoding="utf-8")
    rules = _TEST_RULE.findall(text)
    waived = set(_WAIVED_KIND.findall(text))
    for kind in TEST_KINDS:
        assert kind in waived or any(rule.startswith(kind) for rule in rules), (control.id, kind)


def test_missing_metadata_is_an_engine_error(tmp_path: Path) -> None:
    path = tmp_path / "bare.rego"
    path.write_text("package ztiam.controls.bare\n\nfindings := set()\n", encoding="utf-8")
    with pytest.raises(EngineError, match="bare.rego: no # METADATA block"):
        read_control(path)


def test_malformed_metadata_is_an_engine_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.rego"
    text = "# METADATA\n# title: [unclosed\n# scope: package\npackage ztiam.controls.broken\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EngineError, match="broken.rego: METADATA is not YAML"):
        read_control(path)


def test_incomplete_metadata_is_an_engine_error(tmp_path: Path) -> None:
    path = tmp_path / "thin.rego"
    path.write_text("# METADATA\n# title: Thin\n# scope: package\n# custom:\n#   id: X-1\n"
                    "package ztiam.controls.thin\n", encoding="utf-8")
    with pytest.raises(EngineError, match="thin.rego: METADATA lacks severity"):
        read_control(path)


def test_every_control_has_avoid_and_prefer_snippets() -> None:
    for control in CATALOGUE:
        for snippet in (control.avoid, control.prefer):
            assert snippet.strip() and snippet.endswith("\n"), control.id
            assert any(line.startswith(("resource ", "locals ", "import "))
                       for line in snippet.splitlines()), control.id
        assert control.avoid != control.prefer, control.id


def test_snippets_keep_their_indentation() -> None:
    for control in CATALOGUE:
        assert any(line.startswith("  ") for line in control.prefer.splitlines()), control.id


def _control_text(extra: str) -> str:
    return ("# METADATA\n# title: Snippets\n# scope: package\n# custom:\n#   id: X-1\n"
            "#   severity: low\n#   constraint: null\n#   applies_to: [workload]\n"
            "#   subject: null\n#   rationale: r\n#   remediation: r\n#   limitations: l\n"
            f"{extra}#   frameworks: {{}}\npackage ztiam.controls.snippets\n")


def test_metadata_without_avoid_and_prefer_is_an_engine_error(tmp_path: Path) -> None:
    path = tmp_path / "snippets.rego"
    path.write_text(_control_text(""), encoding="utf-8")
    with pytest.raises(EngineError, match="snippets.rego: METADATA lacks avoid, prefer"):
        read_control(path)


def test_empty_snippet_is_an_engine_error(tmp_path: Path) -> None:
    path = tmp_path / "snippets.rego"
    extra = '#   avoid: ""\n#   prefer: |-\n#     resource "aws_iam_role" "this" {}\n'
    path.write_text(_control_text(extra), encoding="utf-8")
    with pytest.raises(EngineError, match="snippets.rego: METADATA avoid is not a Terraform"):
        read_control(path)


def test_snippet_is_read_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "snippets.rego"
    extra = ('#   avoid: |-\n#     resource "a" "b" {\n#       x = 1\n#     }\n'
             '#   prefer: |-\n#     resource "a" "b" {\n#\n#       x = 2\n#     }\n')
    path.write_text(_control_text(extra), encoding="utf-8")
    control = read_control(path)
    assert control.avoid == 'resource "a" "b" {\n  x = 1\n}\n'
    assert control.prefer == 'resource "a" "b" {\n\n  x = 2\n}\n'
