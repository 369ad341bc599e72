"""How control results become a run's exit code, and how an empty scope is judged."""

from __future__ import annotations

from pathlib import Path

import pytest

from ztiam.controls import load_catalogue
from ztiam.resources import rego_dir
from ztiam.verify import ControlResult, Report, _aggregate

CATALOGUE = load_catalogue(rego_dir())


def report(*statuses: str, allow_unknown: bool = False) -> Report:
    results = [ControlResult(CATALOGUE[i], status) for i, status in enumerate(statuses)]
    return Report(Path("plan.json"), "0" * 64, {}, results, "2026-01-01T00:00:00Z", "regorus",
                  allow_unknown=allow_unknown)


@pytest.mark.parametrize(("statuses", "allow_unknown", "code"), [
    (("pass", "not_applicable"), False, 0),
    (("pass", "unknown"), False, 1),
    (("pass", "unknown"), True, 0),
    (("fail", "unknown"), True, 1),
    (("pass", "waived"), False, 0),
    (("fail", "error"), False, 2),
    (("error", "unknown"), True, 2),
])
def test_verify_exit_code(statuses: tuple[str, ...], allow_unknown: bool, code: int) -> None:
    assert report(*statuses, allow_unknown=allow_unknown).exit_code() == code


def test_verify_finding_statuses_aggregate_worst_first() -> None:
    control = next(c for c in CATALOGUE if c.constraint == 1)
    findings = [{"address": "a", "status": "pass", "message": "m"},
                {"address": "b", "status": "unknown", "message": "m"}]

    assert _aggregate(control, findings, {})[0] == "unknown"
    assert _aggregate(control, findings + [{"address": "c", "status": "fail",
                                            "message": "m"}], {})[0] == "fail"


def test_verify_unrecognised_finding_status_is_an_error() -> None:
    control = CATALOGUE[0]
    findings = [{"address": "a", "status": "ok", "message": "m"}]
    assert _aggregate(control, findings, {})[0] == "error"


def test_verify_empty_scope_fails_when_the_subject_is_expected() -> None:
    control = next(c for c in CATALOGUE if c.constraint == 6)
    expected = {"expects": {control.subject: True}}
    absent = {"expects": {control.subject: False}}

    assert _aggregate(control, [], expected)[0] == "fail"
    assert _aggregate(control, [], absent)[0] == "not_applicable"
