"""Verify a plan or state: model -> engine -> per-control results, with exit code semantics."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ztiam import __version__
from ztiam.controls import Control, load_catalogue
from ztiam.engine import make_engine
from ztiam.errors import EngineError
from ztiam.plan import load_model
from ztiam.resources import rego_dir

STATUSES = ("pass", "fail", "unknown", "not_applicable", "waived", "error")


@dataclass
class ControlResult:
    """The outcome of one control over one model."""

    control: Control
    status: str
    findings: list[dict[str, Any]] = field(default_factory=list)
    reason: str = ""

    @property
    def evaluated(self) -> int:
        return sum(1 for f in self.findings if f["status"] != "not_applicable")

    def as_dict(self) -> dict[str, Any]:
        c = self.control
        return {
            "id": c.id, "title": c.title, "constraint": c.constraint, "severity": c.severity,
            "status": self.status, "evaluated": self.evaluated, "reason": self.reason or None,
            "frameworks": c.frameworks, "supporting": c.supporting,
            "remediation": c.remediation, "findings": self.findings,
        }


@dataclass
class Report:
    """Every control's result for one input, with what is needed to reproduce the run."""

    source: Path
    source_sha256: str
    context: dict[str, Any]
    results: list[ControlResult]
    started: str
    engine: str
    allow_unknown: bool = False

    def summary(self) -> dict[str, int]:
        counts = {status: 0 for status in STATUSES}
        for result in self.results:
            counts[result.status] += 1
        return counts

    def exit_code(self) -> int:
        """0 all passed; 1 a control failed or is unknown; 2 a control errored (2 wins)."""
        statuses = {r.status for r in self.results}
        if "error" in statuses:
            return 2
        if "fail" in statuses or ("unknown" in statuses and not self.allow_unknown):
            return 1
        return 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "tool": {"name": "ztiam", "version": __version__},
            "input": {"path": str(self.source), "sha256": self.source_sha256},
            "started": self.started, "engine": self.engine,
            "context": self.context, "summary": self.summary(),
            "exit_code": self.exit_code(),
            "controls": [r.as_dict() for r in self.results],
        }


def verify(
    plan_path: Path,
    context: dict[str, Any],
    *,
    engine_name: str = "regorus",
    allow_unknown: bool = False,
) -> Report:
    """Evaluate every control of the shipped rule pack against the plan or state at plan_path."""
    started = _now()
    model = load_model(plan_path, context)
    catalogue = load_catalogue(rego_dir())
    results = evaluate_model(model, catalogue, engine_name)
    return Report(
        source=plan_path, source_sha256=_sha256(plan_path), context=model["context"],
        results=results, started=started, engine=engine_name, allow_unknown=allow_unknown,
    )


def evaluate_model(
    model: dict[str, Any], catalogue: list[Control], engine_name: str
) -> list[ControlResult]:
    """Run each control in its own evaluation so one control's error cannot sink the others."""
    engine = make_engine(engine_name)
    try:
        engine.load(rego_dir())
        engine.set_input(model)
        return [_evaluate(engine, control, model["context"]) for control in catalogue]
    finally:
        engine.close()


def _evaluate(engine: Any, control: Control, context: dict[str, Any]) -> ControlResult:
    kind = context.get("account_kind")
    if kind and control.applies_to and kind not in control.applies_to:
        reason = f"does not apply to a {kind} account"
        return ControlResult(control, "not_applicable", reason=reason)
    try:
        findings = engine.evaluate(control.package)
    except EngineError as error:
        return ControlResult(control, "error", reason=str(error))
    return ControlResult(control, *_aggregate(control, findings, context))


def _aggregate(
    control: Control, findings: list[dict[str, Any]], context: dict[str, Any]
) -> tuple[str, list[dict[str, Any]], str]:
    statuses = {f.get("status") for f in findings}
    malformed = statuses - {"pass", "fail", "unknown", "not_applicable"}
    if malformed:
        return "error", findings, f"rule returned findings with status {sorted(map(str, malformed))}"
    for status in ("fail", "unknown", "pass"):
        if status in statuses:
            return status, findings, ""
    return _nothing_in_scope(control, findings, context)


def _nothing_in_scope(
    control: Control, findings: list[dict[str, Any]], context: dict[str, Any]
) -> tuple[str, list[dict[str, Any]], str]:
    expected = context.get("expects", {}).get(control.subject, True) if control.subject else False
    if control.constraint is not None and expected:
        return "fail", findings, f"nothing in scope, but {control.subject} are expected"
    if findings:
        return "not_applicable", findings, findings[0]["message"]
    return "not_applicable", findings, "nothing in scope"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
