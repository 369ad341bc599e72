"""Session fixtures: every shipped blueprint compiled once and planned once."""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ztiam import terraform
from ztiam.blueprint import load_blueprint
from ztiam.compiler import compile_blueprint

from .support import shipped_blueprints

BLUEPRINTS = shipped_blueprints()
BLUEPRINT_IDS = [path.stem for path in BLUEPRINTS]


@dataclass(frozen=True)
class Planned:
    """A compiled root after terraform init, plan and show -json."""

    root: Path
    plan: dict[str, Any]


@pytest.fixture(scope="session")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each shipped blueprint compiled once; tests must not change these folders."""
    base = tmp_path_factory.mktemp("compiled")
    roots = {}
    for path in BLUEPRINTS:
        roots[path.stem] = base / path.stem
        compile_blueprint(load_blueprint(path), path, roots[path.stem])
    return roots


@pytest.fixture(scope="session")
def planned(
    compiled: dict[str, Path], plugin_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Planned]:
    """Each compiled root planned offline in a copy, two plans at a time (two CPU cores)."""
    base = tmp_path_factory.mktemp("planned")

    def plan(name: str) -> Planned:
        work = base / name
        shutil.copytree(compiled[name], work)
        plan_json = terraform.plan(work, offline=True, plugin_dir=plugin_dir)
        return Planned(work, json.loads(plan_json.read_text(encoding="utf-8")))

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(compiled, pool.map(plan, compiled), strict=True))
