"""The derived IAM access-level data the role and service-role controls read."""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType

from ztiam.resources import rego_dir

LEVELS = rego_dir() / "data" / "iam_access_levels.json"
GENERATOR = rego_dir().parent / "scripts" / "iam_access_levels.py"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("iam_access_levels", GENERATOR)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _services() -> dict:
    return json.loads(LEVELS.read_text(encoding="utf-8"))["ztiam"]["data"]["iam_access_levels"][
        "services"]


def test_file_matches_the_generator() -> None:
    generator = _generator()
    expected = generator.render(generator.build(*generator._definition()))
    assert LEVELS.read_text(encoding="utf-8") == expected


def test_known_actions_have_their_levels() -> None:
    services = _services()
    assert services["s3"]["getobject"] == "R"
    assert services["s3"]["listallmybuckets"] == "L*"
    assert services["iam"]["passrole"] == "P"
    assert services["cloudtrail"]["stoplogging"] == "W"


def test_codes_are_a_letter_and_an_optional_star() -> None:
    codes = {code for actions in _services().values() for code in actions.values()}
    assert codes <= {f"{letter}{star}" for letter in "LRWPT" for star in ("", "*")}
    assert LEVELS.stat().st_size < 2_000_000
