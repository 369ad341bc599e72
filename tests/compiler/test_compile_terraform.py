"""Compiled roots under real Terraform: fmt, validate, and an offline plan read directly."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from ztiam import terraform
from ztiam.blueprint import load_blueprint, strict_context
from ztiam.compiler.documents import identity_document
from ztiam.compiler.root import build_root
from ztiam.verify import verify

from .conftest import BLUEPRINT_IDS, BLUEPRINTS, Planned
from .support import (
    POLICY_ATTRIBUTES,
    condition_keys,
    identity_documents,
    module_configuration,
    resource_changes,
    statements,
)

pytestmark = pytest.mark.terraform

GLOBAL_SERVICES = Path(__file__).resolve().parents[2] / (
    "terraform/modules/iam-policy-template/global-services.json"
)


def test_compiled_roots_pass_terraform_fmt_check(compiled: dict[str, Path]) -> None:
    folder = next(iter(compiled.values())).parent
    result = subprocess.run(
        [terraform.terraform_binary(), "fmt", "-check", "-recursive", "-no-color"],
        cwd=folder, capture_output=True, text=True,
    )
    assert result.returncode == 0, f"not fmt-clean: {result.stdout}{result.stderr}"


@pytest.mark.parametrize("name", BLUEPRINT_IDS)
def test_compiled_root_validates(name: str, planned: dict[str, Planned]) -> None:
    output = terraform.run(["validate", "-json", "-no-color"], planned[name].root)
    report = json.loads(output)
    assert report["valid"], report["diagnostics"]
    assert report["error_count"] == 0


@pytest.mark.parametrize("name", BLUEPRINT_IDS)
def test_only_hashicorp_aws_is_required(name: str, planned: dict[str, Planned]) -> None:
    providers = {entry["full_name"] for entry in
                 planned[name].plan["configuration"]["provider_config"].values()}
    assert providers == {"registry.terraform.io/hashicorp/aws"}
    lock = (planned[name].root / ".terraform.lock.hcl").read_text(encoding="utf-8")
    assert lock.count('provider "') == 1


@pytest.mark.parametrize("name", BLUEPRINT_IDS)
def test_every_policy_document_is_known_at_plan_time(
    name: str, planned: dict[str, Planned]
) -> None:
    plan = planned[name].plan
    for change in resource_changes(plan):
        unknown = change["change"]["after_unknown"] or {}
        for attribute in POLICY_ATTRIBUTES:
            if unknown.get(attribute):
                # Only a computed attribute the configuration does not set may be unknown
                # (aws_s3_bucket.policy mirrors aws_s3_bucket_policy, which is known).
                expressions = module_configuration(plan, change["address"])["expressions"]
                assert attribute not in expressions, (change["address"], attribute)


@pytest.mark.parametrize("name", BLUEPRINT_IDS)
def test_every_identity_allow_has_three_keys_and_every_policy_a_region_deny(
    name: str, planned: dict[str, Planned]
) -> None:
    not_action = json.loads(GLOBAL_SERVICES.read_text(encoding="utf-8"))["actions"]
    documents = list(identity_documents(planned[name].plan))
    assert len(documents) >= 5
    for address, document in documents:
        region_denies = [
            s for s in statements(document)
            if s["Effect"] == "Deny" and sorted(s.get("NotAction", [])) == sorted(not_action)
            and "aws:RequestedRegion" in s.get("Condition", {}).get("StringNotEquals", {})
        ]
        assert region_denies, f"{address} has no region deny"
        for statement in statements(document):
            if statement["Effect"] == "Allow":
                assert len(condition_keys(statement)) >= 3, (address, statement.get("Sid"))


@pytest.mark.parametrize("path", BLUEPRINTS, ids=BLUEPRINT_IDS)
def test_plan_documents_match_the_compiler_mirror(path: Path, planned: dict[str, Planned]) -> None:
    blueprint = load_blueprint(path)
    root = build_root(blueprint, path)
    documents = dict(identity_documents(planned[path.stem].plan))
    for spec in root.policies:
        mirror = identity_document(spec.statements, spec.tier, blueprint.allowed_regions)
        assert documents[f"module.{spec.key}.aws_iam_policy.this"] == mirror, spec.name


@pytest.mark.parametrize("name", BLUEPRINT_IDS)
def test_session_limits_and_boundaries_in_the_plan(name: str, planned: dict[str, Planned]) -> None:
    for change in resource_changes(planned[name].plan):
        if change["type"] != "aws_iam_role" or "module.role_" not in change["address"]:
            continue
        after = change["change"]["after"]
        assert 3600 <= after["max_session_duration"] <= 14400
        assert after["permissions_boundary"].startswith("arn:aws:iam::")
        assert after["tags"]["ztiam:tier"]


@pytest.mark.parametrize("path", BLUEPRINTS, ids=BLUEPRINT_IDS)
def test_compiled_root_passes_every_control(path: Path, planned: dict[str, Planned]) -> None:
    context = load_blueprint(path).verify_context()
    report = verify(planned[path.stem].root / terraform.PLAN_JSON, context)
    failed = {r.control.id: r.status for r in report.results
              if r.status not in ("pass", "not_applicable")}
    assert report.results and not failed


@pytest.mark.parametrize("path", BLUEPRINTS, ids=BLUEPRINT_IDS)
def test_compiled_root_gives_identical_results_on_opa(
    path: Path, planned: dict[str, Planned]
) -> None:
    context = load_blueprint(path).verify_context()
    plan = planned[path.stem].root / terraform.PLAN_JSON
    regorus = verify(plan, context, engine_name="regorus").as_dict()["controls"]
    opa = verify(plan, context, engine_name="opa").as_dict()["controls"]
    assert regorus == opa


@pytest.mark.parametrize("path", BLUEPRINTS, ids=BLUEPRINT_IDS)
def test_automation_roles_in_the_plan_are_those_the_context_names(
    path: Path, planned: dict[str, Planned]
) -> None:
    blueprint = load_blueprint(path)
    automation = {
        change["change"]["after"]["name"] for change in resource_changes(planned[path.stem].plan)
        if change["type"] == "aws_iam_role"
        and (change["change"]["after"].get("tags") or {}).get("ztiam:tier") == "automation"
    }
    assert automation == set(blueprint.automation_roles)


@pytest.mark.parametrize("name", BLUEPRINT_IDS)
def test_compiled_root_without_blueprint_is_judged_not_errored(
    name: str, planned: dict[str, Planned]
) -> None:
    report = verify(planned[name].root / terraform.PLAN_JSON, strict_context())
    errored = {r.control.id: r.reason for r in report.results if r.status == "error"}
    assert not errored
    assert report.exit_code() == 1
