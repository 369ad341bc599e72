"""The verify context derived from a blueprint, and the strict defaults without one."""

from __future__ import annotations

import json
import re

from ztiam.blueprint import load_blueprint, strict_context, validate_blueprint

from blueprint_support import BLUEPRINTS, REPO, changed, shipped_data

RESOURCE_MODEL = REPO / "docs" / "resource-model.md"


def _documented_strict_context() -> dict:
    text = RESOURCE_MODEL.read_text(encoding="utf-8")
    section = text.split("## `context`", 1)[1]
    block = re.search(r"```json\n(.*?)```", section, re.DOTALL)
    assert block is not None
    return json.loads(block.group(1))


def test_verify_context_prod() -> None:
    path = BLUEPRINTS / "prod.yaml"
    assert load_blueprint(path).verify_context() == {
        "blueprint": str(path),
        "environment": "prod",
        "account_kind": "workload",
        "account_id": "333333333333",
        "allowed_regions": ["us-east-1"],
        "allowed_external_accounts": ["555555555555", "666666666666"],
        "exempt_principal_arns": [
            "arn:aws:iam::333333333333:role/ztiam-deployer",
            "arn:aws:iam::333333333333:role/ztiam-break-glass",
        ],
        "automation_principal_arns": [
            "arn:aws:iam::333333333333:role/ztiam-prod-security-response",
            "arn:aws:iam::333333333333:role/ztiam-prod-window-renewer",
            "arn:aws:iam::333333333333:role/ztiam-prod-revoke-inc-4711-db-failover",
            "arn:aws:iam::333333333333:role/ztiam-prod-expire-inc-4711-db-failover",
        ],
        "max_session_seconds": 14400,
        "max_external_session_seconds": 7200,
        "password_policy": {"minimum_length": 14, "max_age_days": 90, "reuse_prevention": 12},
        "service_linked_roles": ["autoscaling.amazonaws.com", "elasticloadbalancing.amazonaws.com"],
        "data_buckets": ["example-prod-data", "example-prod-exchange"],
        "expects": {
            "human_roles": True,
            "external_access": True,
            "trail": True,
            "password_policy": True,
            "data_buckets": True,
        },
    }


def test_verify_context_logging_account() -> None:
    context = load_blueprint(BLUEPRINTS / "logging.yaml").verify_context()
    assert context["account_kind"] == "logging"
    assert context["exempt_principal_arns"] == [
        "arn:aws:iam::444444444444:role/ztiam-deployer",
        "arn:aws:iam::444444444444:role/ztiam-break-glass",
    ]
    assert context["max_session_seconds"] == 7200
    assert context["max_external_session_seconds"] == 3600
    assert context["allowed_external_accounts"] == ["555555555555"]
    assert context["data_buckets"] == []
    assert context["expects"]["human_roles"] is True
    assert context["expects"]["data_buckets"] is False


def test_verify_context_dev_without_external_access() -> None:
    context = load_blueprint(BLUEPRINTS / "dev.yaml").verify_context()
    assert context["allowed_external_accounts"] == []
    assert context["expects"]["external_access"] is False
    assert len(context["exempt_principal_arns"]) == 2


def test_verify_context_takes_the_longest_human_session() -> None:
    def change(data: dict) -> None:
        data["sessions"] |= {"developer": "1h", "operator": "90m", "administrator": "2h"}

    blueprint = validate_blueprint(changed(shipped_data("prod"), change), "prod.yaml")
    assert blueprint.verify_context()["max_session_seconds"] == 7200


def test_verify_context_is_json_serialisable() -> None:
    context = load_blueprint(BLUEPRINTS / "staging.yaml").verify_context()
    assert json.loads(json.dumps(context)) == context


def test_strict_context_matches_the_resource_model_doc() -> None:
    assert strict_context() == _documented_strict_context()


def test_strict_context_is_a_fresh_copy() -> None:
    first = strict_context()
    first["allowed_regions"].append("eu-west-1")
    first["expects"]["trail"] = False
    assert strict_context()["allowed_regions"] == ["us-east-1"]
    assert strict_context()["expects"]["trail"] is True


def test_verify_context_has_the_strict_context_keys() -> None:
    context = load_blueprint(BLUEPRINTS / "prod.yaml").verify_context()
    assert context.keys() == strict_context().keys()
    assert context["expects"].keys() == strict_context()["expects"].keys()
