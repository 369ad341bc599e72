"""The dated list of global services that the region deny control exempts."""

from __future__ import annotations

import json
from datetime import date

from ztiam.resources import rego_dir, terraform_dir

LIST = rego_dir() / "data" / "global_services.json"
MODULE_LIST = terraform_dir() / "modules" / "iam-policy-template" / "global-services.json"


def _services() -> dict:
    return json.loads(LIST.read_text(encoding="utf-8"))["ztiam"]["data"]["global_services"]


def test_list_is_dated_and_sourced() -> None:
    services = _services()
    assert date.fromisoformat(services["as_of"])
    assert "Control Tower" in services["source"]
    assert services["source_url"].startswith("https://docs.aws.amazon.com/")


def test_entries_are_unique_action_patterns() -> None:
    actions = _services()["actions"]
    assert len(actions) == len({action.lower() for action in actions})
    assert all(":" in action and " " not in action for action in actions)
    assert {"iam:*", "sts:*", "organizations:*", "support:*"} <= set(actions)


def test_list_matches_what_the_compiler_emits() -> None:
    module = json.loads(MODULE_LIST.read_text(encoding="utf-8"))
    assert sorted(_services()["actions"]) == sorted(module["actions"])
    assert _services()["as_of"] == module["as_of"]
