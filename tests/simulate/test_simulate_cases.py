"""Every decision case with a known right answer, every request under every variant."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ztiam.simulate import exit_code, load_scenario, run_scenario

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "cases" / "decisions"
CASE_FILES = sorted(CASES.glob("*.yaml"))


def _expected(path: Path) -> list[tuple[str, str | None, str]]:
    """(request index, variant, outcome) read straight from the case file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    variants = list(data.get("variants") or [None])
    rows = []
    for index, request in enumerate(data["requests"]):
        expect = request["expect"]
        for variant in variants:
            outcome = expect[variant] if isinstance(expect, dict) else expect
            rows.append((f"requests[{index}]", variant, outcome))
    return rows


def test_case_files_are_present():
    assert len(CASE_FILES) >= 8


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_case_decisions_match_aws(path: Path):
    results = run_scenario(load_scenario(path))
    actual = [(r["path"], r["variant"], r["decision"]) for r in results]
    assert actual == _expected(path)
    assert all(r["met"] for r in results)
    assert exit_code(results) == 0


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_case_denies_name_their_statements(path: Path):
    for r in run_scenario(load_scenario(path)):
        if r["decision"] == "explicit_deny":
            assert r["statements"] and all(s["effect"] == "Deny" for s in r["statements"])
        elif r["decision"] == "implicit_deny":
            assert r["missing"] and not r["statements"]
        else:
            assert r["statements"] and all(s["effect"] == "Allow" for s in r["statements"])
