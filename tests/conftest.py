"""Fixtures shared by the whole suite: the provider mirror and real Terraform plans."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ztiam import terraform

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def plugin_dir() -> Path:
    """The local hashicorp/aws mirror; the suite cannot plan without one."""
    found = terraform.find_plugin_dir()
    if found is None:
        pytest.fail("no hashicorp/aws provider mirror found: set ZTIAM_PLUGIN_DIR")
    return found


@pytest.fixture(scope="session")
def plan_root(plugin_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """Plan a Terraform root offline (copied to a temporary folder) and return its plan.json."""
    cache: dict[Path, Path] = {}

    def _plan(source: Path) -> Path:
        if source not in cache:
            work = tmp_path_factory.mktemp(source.name)
            shutil.copytree(source, work, dirs_exist_ok=True)
            cache[source] = terraform.plan(work, offline=True, plugin_dir=plugin_dir)
        return cache[source]

    return _plan
