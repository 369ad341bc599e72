"""A non-editable install into a fresh virtual environment gives a working ztiam."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out),
                    str(REPO)], check=True, capture_output=True, text=True)
    return next(out.glob("ztiam-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel installed with its dependencies into a new virtual environment."""
    env = tmp_path_factory.mktemp("venv")
    venv.create(env, with_pip=True)
    subprocess.run([str(env / "bin" / "pip"), "install", "--quiet", str(wheel)], check=True,
                   capture_output=True, text=True)
    return env / "bin" / "ztiam"


def test_packaging_wheel_ships_rules_modules_and_blueprints(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("ztiam/_data/rego/controls/", "ztiam/_data/terraform/modules/iam-role/",
                   "ztiam/_data/terraform/templates/", "ztiam/_data/blueprints/prod.yaml",
                   "ztiam/plan/model.schema.json", "ztiam/compliance/identifiers.yaml"):
        assert any(name.startswith(needed) for name in names), needed
    assert not any(name.startswith("tests/") for name in names)


def test_packaging_installed_cli_lists_controls(installed: Path, tmp_path: Path) -> None:
    result = subprocess.run([str(installed), "controls", "--format", "json"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert {c["constraint"] for c in json.loads(result.stdout)} >= set(range(1, 10))


def test_packaging_installed_cli_compiles_a_blueprint(installed: Path, tmp_path: Path) -> None:
    out = tmp_path / "root"
    result = subprocess.run([str(installed), "compile", str(REPO / "blueprints" / "prod.yaml"),
                             "-o", str(out)], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (out / "iam-roles-administrator.tf").is_file()
    assert (out / "modules" / "iam-role" / "main.tf").is_file()


def test_packaging_installed_cli_verifies_with_both_data_and_rules(
    installed: Path, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"format_version": "1.2", "terraform_version": "1.11.4",
                                "resource_changes": []}))
    result = subprocess.run([str(installed), "verify", str(plan), "--format", "json"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["summary"]["error"] == 0
