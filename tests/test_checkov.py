"""The compiled roots of the shipped blueprints pass checkov's Terraform scan with .checkov.yaml.

checkov lives in .venv-checkov, apart from ztiam's environment, whose pins it would break;
scripts/setup --test installs it. Every check the config skips carries its reason and is still
needed by at least one root.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from ztiam.blueprint import load_blueprint
from ztiam.compiler import compile_blueprint
from ztiam.resources import blueprints_dir

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / ".checkov.yaml"
BLUEPRINTS = sorted(blueprints_dir().glob("*.yaml"))
SKIP_ITEM = re.compile(r"^\s*-\s*(CKV2?_[A-Z0-9]+_\d+)\s*$")
Scan = dict[str, Any]


def checkov_binary() -> str:
    """checkov from .venv-checkov, else from PATH; without it the suite fails, never skips."""
    for candidate in (REPO / ".venv-checkov" / "bin" / "checkov", shutil.which("checkov")):
        if candidate and os.access(candidate, os.X_OK):
            return str(candidate)
    pytest.fail("checkov not found in .venv-checkov or on PATH: run scripts/setup --test")


def skip_reasons(text: str) -> dict[str, str]:
    """Each check id listed under skip-check, with the comment lines right above it."""
    reasons: dict[str, str] = {}
    comment: list[str] = []
    for line in text.splitlines():
        if line.strip().startswith("#"):
            comment.append(line.strip().lstrip("#").strip())
            continue
        if match := SKIP_ITEM.match(line):
            reasons[match.group(1)] = " ".join(comment)
        comment = []
    return reasons


def skipped_ids() -> list[str]:
    """The check ids .checkov.yaml skips, as checkov reads them."""
    return list(yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["skip-check"])


def start_checkov(folder: Path, *args: str) -> subprocess.Popen[str]:
    """Start checkov on every root under ``folder``, JSON on stdout."""
    command = [checkov_binary(), "-d", str(folder), "-o", "json", *args]
    return subprocess.Popen(
        command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish(process: subprocess.Popen[str]) -> Scan:
    """Wait for checkov; its report, failing the test if checkov itself broke."""
    stdout, stderr = process.communicate(timeout=1800)
    if process.returncode not in (0, 1) or not stdout.strip():
        pytest.fail(f"checkov exited {process.returncode}: {stderr[-2000:]}")
    report = json.loads(stdout)
    return report[0] if isinstance(report, list) else report


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> tuple[Scan, Scan]:
    """Both scans of the compiled roots, run at once: with the config, and the skips alone."""
    folder = tmp_path_factory.mktemp("checkov")
    for path in BLUEPRINTS:
        compile_blueprint(load_blueprint(path), path, folder / path.stem)
    configured = start_checkov(folder, "--config-file", str(CONFIG))
    only_skipped = start_checkov(
        folder, "--framework", "terraform", "--skip-download",
        "--download-external-modules", "false", "--check", ",".join(skipped_ids()),
    )
    return finish(configured), finish(only_skipped)


def results(scan: Scan, kind: str, blueprint: str) -> list[dict[str, Any]]:
    """The ``kind`` ('passed' or 'failed') check results of one blueprint's root."""
    found = scan["results"].get(f"{kind}_checks", [])
    return [r for r in found if r["file_path"].lstrip("/").startswith(f"{blueprint}/")]


@pytest.mark.parametrize("blueprint", [path.stem for path in BLUEPRINTS])
def test_compiled_root_has_no_failed_checkov_check(
    blueprint: str, scans: tuple[Scan, Scan]
) -> None:
    configured, _ = scans
    failed = [
        f"{r['check_id']} {r['resource']} ({r['file_path']}): {r['check_name']}"
        for r in results(configured, "failed", blueprint)
    ]

    assert results(configured, "passed", blueprint), f"checkov scanned nothing in {blueprint}"
    assert not failed, "\n".join(failed)


def test_every_skip_has_a_reason() -> None:
    reasons = skip_reasons(CONFIG.read_text(encoding="utf-8"))

    assert sorted(reasons) == sorted(skipped_ids()), "skip-check entries not one per line"
    for check, reason in reasons.items():
        assert len(reason.split()) >= 12, f"{check}: no reason comment right above it"


def test_every_skip_is_still_needed(scans: tuple[Scan, Scan]) -> None:
    _, only_skipped = scans
    failing = {r["check_id"] for r in only_skipped["results"].get("failed_checks", [])}

    unused = sorted(set(skipped_ids()) - failing)
    assert not unused, f"no compiled root fails {unused}: remove them from .checkov.yaml"
