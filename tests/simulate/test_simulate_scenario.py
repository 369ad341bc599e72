"""Scenario files: loading with key-path errors, running, reports, single requests, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ztiam.errors import ZtiamError
from ztiam.simulate import (
    ScenarioError,
    exit_code,
    load_scenario,
    parse_context_args,
    render_text,
    run_scenario,
    simulate_one,
)

ROLE = "arn:aws:iam::111122223333:role/app"
READ = {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
BASE = f"""
principal: {ROLE}
identity_policies:
  - {json.dumps(READ)}
requests:
  - action: s3:GetObject
    resource: arn:aws:s3:::example-bucket/a
"""


def write(tmp_path: Path, text: str, name: str = "scenario.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str) -> str:
    with pytest.raises(ScenarioError) as caught:
        run_scenario(load_scenario(write(tmp_path, text)))
    message = str(caught.value)
    assert "\n" not in message and "scenario.yaml" in message
    return message


def test_minimal_scenario_runs(tmp_path: Path):
    results = run_scenario(load_scenario(write(tmp_path, BASE)))
    assert [r["decision"] for r in results] == ["allow"]
    assert results[0]["expected"] is None and results[0]["met"] is None
    assert exit_code(results) == 0
    json.dumps(results)


def test_scenario_error_is_a_ztiam_error():
    assert issubclass(ScenarioError, ZtiamError)


@pytest.mark.parametrize("text, where", [
    ("principal: [unclosed", "not valid YAML"),
    ("- a\n- b\n", "must be a mapping"),
    (BASE + "identity_policy: []\n", "identity_policy: unknown key"),
    (BASE.replace(f"principal: {ROLE}", "principal: alice"), "principal: principal 'alice'"),
    (BASE.replace(json.dumps(READ), "'not json {'"), "identity_policies[0]:"),
    (BASE.replace(json.dumps(READ), '""'), "identity_policies[0]: the policy text is empty"),
    (BASE + "    expect: allowed\n", "requests[0].expect: 'allowed' is not one of"),
    (BASE + "    expect: {x: allow}\n", "requests[0].expect.x: no variant of that name"),
    (BASE + "    context: [a]\n", "requests[0].context: must be a mapping"),
    (BASE + "    color: red\n", "requests[0].color: unknown key"),
    (BASE.replace("    resource: arn:aws:s3:::example-bucket/a\n", ""),
     "requests[0].resource: must be a non-empty string"),
    (BASE.replace(f"principal: {ROLE}\n", ""), "principal: no principal"),
    (BASE + "resource_account: 12345\n", "resource_account: '12345' is not a 12-digit"),
    (BASE + "variants: {a: {requests: []}}\n", "variants.a.requests: unknown key"),
    (BASE + "identity_policies: x\n", ""),
    (BASE + "caller_identity_policies: []\n",
     "caller_identity_policies: give either caller_identity_policies or identity_policies"),
    (BASE.replace(json.dumps(READ), "missing.json"), "identity_policies[0]: cannot read"),
    (BASE + "    context: {aws:SourceIp: 1.2.3.4, AWS:SOURCEIP: 1.2.3.5}\n", "given twice"),
])
def test_bad_input_names_file_and_key(tmp_path: Path, text: str, where: str):
    assert where in error_of(tmp_path, text)


def test_evaluation_error_names_request_and_variant(tmp_path: Path):
    bad = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*",
           "Resource": "*", "Condition": {"StringEqualz": {"k": "v"}}}]}
    text = BASE + f"variants:\n  odd:\n    identity_policies: [{json.dumps(bad)}]\n"
    message = error_of(tmp_path, text)
    assert "requests[0] (variant odd)" in message and "unknown condition operator" in message


def test_tilde_marks_a_key_absent(tmp_path: Path):
    path = write(tmp_path, BASE.replace('"Resource": "*"', '"Resource": "*", "Condition": '
                                        '{"Null": {"aws:SourceVpce": "true"}}')
                 + "    context: {aws:SourceVpce: ~, aws:SourceIp: '~'}\n")
    result = run_scenario(load_scenario(path))[0]
    assert result["decision"] == "allow"
    assert result["request"]["context"] == {"aws:SourceVpce": None, "aws:SourceIp": None}


def test_policies_from_files_and_named(tmp_path: Path):
    write(tmp_path, json.dumps(READ), "read.json")
    text = BASE.replace(f"  - {json.dumps(READ)}", "  - read.json\n"
                        "  - {name: inline-read, policy: " + json.dumps(READ) + "}\n"
                        "  - {name: from-file, file: read.json}")
    results = run_scenario(load_scenario(write(tmp_path, text)))
    assert [s["policy"] for s in results[0]["statements"]] == \
        ["read.json", "inline-read", "from-file"]


def test_variants_and_expectations(tmp_path: Path):
    text = BASE + """    expect: {open: allow, closed: implicit_deny}
  - action: s3:PutObject
    resource: arn:aws:s3:::example-bucket/a
    expect: implicit_deny
variants:
  open: {}
  closed:
    identity_policies: []
"""
    results = run_scenario(load_scenario(write(tmp_path, text)))
    assert [(r["path"], r["variant"], r["decision"], r["met"]) for r in results] == [
        ("requests[0]", "open", "allow", True), ("requests[0]", "closed", "implicit_deny", True),
        ("requests[1]", "open", "implicit_deny", True),
        ("requests[1]", "closed", "implicit_deny", True)]
    assert exit_code(results) == 0


def test_request_principal_overrides_the_scenario(tmp_path: Path):
    text = BASE + "    principal: {Service: sns.amazonaws.com}\n"
    with pytest.raises(ScenarioError, match="no identity policies"):
        run_scenario(load_scenario(write(tmp_path, text)))


@pytest.mark.parametrize("rows, code", [
    ([("allow", None)], 0), ([("implicit_deny", None)], 1),
    ([("explicit_deny", "explicit_deny")], 0), ([("allow", "implicit_deny")], 1),
    ([("allow", None), ("implicit_deny", "implicit_deny")], 0),
    ([("implicit_deny", None), ("implicit_deny", "implicit_deny")], 1)])
def test_exit_code(rows, code):
    results = [{"decision": d, "expected": e, "met": None if e is None else d == e}
               for d, e in rows]
    assert exit_code(results) == code


def test_render_text(tmp_path: Path):
    results = run_scenario(load_scenario(write(tmp_path, BASE + "    expect: explicit_deny\n")))
    text = render_text(results)
    assert text.startswith(f"requests[0]: {ROLE} s3:GetObject arn:aws:s3:::example-bucket/a: "
                           "allow (expected explicit_deny: MISMATCH)\n")
    assert "  Allow identity identity_policies[0] statement 0\n" in text
    assert exit_code(results) == 1


def test_simulate_one(tmp_path: Path):
    read = write(tmp_path, json.dumps(READ), "read.json")
    result = simulate_one(ROLE, "s3:GetObject", "arn:aws:s3:::b/a", {}, identity=[read])
    assert result["decision"] == "allow"
    assert result["statements"][0]["policy"] == "read.json"
    assert simulate_one(ROLE, "s3:PutObject", "arn:aws:s3:::b/a",
                        identity=[read])["missing"] == ["identity"]


@pytest.mark.parametrize("kwargs, message", [
    ({"identity": ["nope.json"]}, "--identity nope.json: cannot be read"),
    ({"resource_account": "12"}, "--resource-account 12"),
    ({"boundary": "bad.json"}, "--boundary bad.json: the policy text is not JSON"),
])
def test_simulate_one_errors_name_the_flag(tmp_path: Path, monkeypatch, kwargs, message):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "{", "bad.json")
    with pytest.raises(ScenarioError, match=message):
        simulate_one(ROLE, "s3:GetObject", "*", **kwargs)
    with pytest.raises(ScenarioError, match="--principal alice"):
        simulate_one("alice", "s3:GetObject", "*")


def test_parse_context_args():
    assert parse_context_args(["aws:SourceIp=203.0.113.9", "aws:TagKeys=a", "aws:TagKeys=b",
                               "aws:SourceVpce=~", "k=a=b"]) == {
        "aws:SourceIp": "203.0.113.9", "aws:TagKeys": ["a", "b"], "aws:SourceVpce": None,
        "k": "a=b"}
    with pytest.raises(ScenarioError, match="--context novalue"):
        parse_context_args(["novalue"])


def test_worked_example_in_the_docs_is_true(tmp_path: Path):
    docs = Path(__file__).resolve().parents[2] / "docs" / "simulate.md"
    section = docs.read_text(encoding="utf-8").split("## Worked example", 1)[1]
    scenario = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    printed = section.split("```text\n", 1)[1].split("```", 1)[0]
    results = run_scenario(load_scenario(write(tmp_path, scenario)))
    assert render_text(results) == printed
    assert exit_code(results) == 0
