"""Every control against a small root planned by real Terraform.

Each folder under controls/ is named after a control id and holds a Terraform root whose
resources are named ``pass_*`` or ``fail_*``. The control must report exactly the ``fail_*``
addresses as failing and every ``pass_*`` address as passing, and both engines must agree.
An optional ``context.yaml`` overrides keys of the verify context (the strictest defaults, with
the account the roots are written for).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from ztiam.blueprint import strict_context
from ztiam.controls import load_catalogue
from ztiam.resources import rego_dir
from ztiam.verify import Report, verify

FIXTURES = Path(__file__).parent / "controls"
ACCOUNT = "111122223333"  # the account the roots are written for, as a blueprint would say
CATALOGUE = {control.id: control for control in load_catalogue(rego_dir())}
CONTROL_IDS = sorted(path.name for path in FIXTURES.iterdir() if path.is_dir())


def context_for(folder: Path) -> dict[str, Any]:
    overrides = folder / "context.yaml"
    extra = yaml.safe_load(overrides.read_text()) if overrides.exists() else {}
    return strict_context() | {"account_id": ACCOUNT} | (extra or {})


def named(plan: Path, prefix: str) -> set[str]:
    """Addresses of planned resources whose name starts with ``prefix``."""
    changes = json.loads(plan.read_text())["resource_changes"]
    return {c["address"] for c in changes
            if c["mode"] == "managed" and c["name"].startswith(prefix)}


@cache
def _verified(control_id: str, plan: Path, engine: str) -> Report:
    return verify(plan, context_for(FIXTURES / control_id), engine_name=engine)


def test_every_control_has_a_fixture() -> None:
    assert sorted(CATALOGUE) == CONTROL_IDS


def test_every_mandatory_constraint_has_a_control() -> None:
    assert {c.constraint for c in CATALOGUE.values()} >= set(range(1, 10))


@pytest.mark.terraform
@pytest.mark.parametrize("control_id", CONTROL_IDS)
def test_control_fails_exactly_the_fail_resources(control_id: str, plan_root) -> None:
    plan = plan_root(FIXTURES / control_id)
    result = next(r for r in _verified(control_id, plan, "regorus").results
                  if r.control.id == control_id)
    by_status: dict[str, set[str]] = {}
    for finding in result.findings:
        by_status.setdefault(finding["status"], set()).add(finding["address"])

    assert named(plan, "fail_"), "a fixture needs at least one fail_ resource"
    assert result.status == "fail"
    assert by_status.get("fail", set()) == named(plan, "fail_")
    assert named(plan, "pass_") <= by_status.get("pass", set())


@pytest.mark.terraform
@pytest.mark.parametrize("control_id", CONTROL_IDS)
def test_control_fixture_gives_identical_results_on_opa(control_id: str, plan_root) -> None:
    plan = plan_root(FIXTURES / control_id)
    regorus = _verified(control_id, plan, "regorus").as_dict()["controls"]
    opa = _verified(control_id, plan, "opa").as_dict()["controls"]
    assert regorus == opa
