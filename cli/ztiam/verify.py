"""Verify a plan or state: model -> engine -> per-control results, with exit code semantics."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ztiam import __version__
from ztiam.catalogue_report import (
    Mapping, framework_version, mapping_source, mappings, ordered_frameworks,
)
from ztiam.controls import Control, load_catalogue
from ztiam.engine import make_engine
from ztiam.errors import EngineError
from ztiam.plan import load_model
from ztiam.resources import rego_dir
from ztiam.waivers import Waiver, WaiverFile, apply_waivers

STATUSES = ("pass", "fail", "unknown", "not_applicable", "waived", "error")
NOTEWORTHY = ("fail", "unknown", "waived")
VERDICTS = {0: "all controls passed", 1: "FAILED", 2: "ERROR: the run cannot be trusted"}


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

    @property
    def noteworthy(self) -> list[dict[str, Any]]:
        """The findings a reader must see: failing, unknown and waived ones."""
        return [f for f in self.findings if f["status"] in NOTEWORTHY]

    @property
    def evidence(self) -> list[str]:
        """What must be shown from outside the plan for this control's findings to hold."""
        return sorted({f["evidence"] for f in self.findings if f.get("evidence")})

    @property
    def waivers(self) -> list[dict[str, Any]]:
        """The distinct waivers applied to this control's findings, in file order."""
        seen: dict[str, dict[str, Any]] = {}
        for finding in self.findings:
            if "waiver" in finding:
                seen.setdefault(repr(finding["waiver"]), finding["waiver"])
        return list(seen.values())

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
    finished: str = ""
    rule_pack_sha256: str = ""
    waivers: WaiverFile | None = None

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

    def verdict(self) -> str:
        """The run's outcome in words, from the exit code; a pass says what it relied on."""
        code, statuses = self.exit_code(), {r.status for r in self.results}
        relied = [words for status, words in (("waived", "waivers"), (
            "unknown", "unknown controls allowed by --allow-unknown")) if status in statuses]
        if code == 0 and relied:
            return f"passed with {' and '.join(relied)}"
        return VERDICTS[code]

    def noteworthy(self) -> list[tuple[ControlResult, dict[str, Any]]]:
        """Every failing, unknown or waived finding, with the result it belongs to."""
        return [(result, finding) for result in self.results for finding in result.noteworthy]

    def matrix(self) -> list[tuple[ControlResult, Mapping]]:
        """One row per control and framework identifier it maps to, with the control's result."""
        return [(result, row) for result in self.results for row in mappings(result.control)]

    def waiver_uses(self) -> list[tuple[Waiver, int]]:
        """Every waiver of the file with the number of findings it waived (0: it matched none)."""
        if self.waivers is None:
            return []
        counts = {waiver.index: 0 for waiver in self.waivers.waivers}
        for _, finding in self.noteworthy():
            if "waiver" in finding:
                counts[finding["waiver"]["index"]] += 1
        return [(waiver, counts[waiver.index]) for waiver in self.waivers.waivers]

    def metadata(self) -> dict[str, Any]:
        """What identifies the run: tool, time, input, engine, rule pack, waivers and mappings."""
        frameworks = ordered_frameworks(result.control for result in self.results)
        return {
            "tool": "ztiam", "version": __version__, "started": self.started,
            "finished": self.finished or None, "input": str(self.source),
            "input_sha256": self.source_sha256, "engine": self.engine,
            "blueprint": self.context.get("blueprint") or None,
            "rule_pack_sha256": self.rule_pack_sha256 or None,
            "waivers": str(self.waivers.path) if self.waivers else None,
            "waivers_sha256": self.waivers.sha256 if self.waivers else None,
            "allow_unknown": self.allow_unknown, "mappings": mapping_source(),
            "framework_versions": {key: framework_version(key) for key in frameworks},
        }

    def as_dict(self) -> dict[str, Any]:
        meta = self.metadata()
        return {
            "tool": {"name": "ztiam", "version": __version__},
            "input": {"path": str(self.source), "sha256": self.source_sha256},
            "started": self.started, "finished": meta["finished"], "engine": self.engine,
            "rule_pack": {"sha256": meta["rule_pack_sha256"]},
            "waivers": self._waivers_dict(), "framework_versions": meta["framework_versions"],
            "context": self.context, "summary": self.summary(),
            "exit_code": self.exit_code(),
            "controls": [r.as_dict() for r in self.results],
        }

    def _waivers_dict(self) -> dict[str, Any] | None:
        if self.waivers is None:
            return None
        entries = [{**waiver.as_dict(), "waived_findings": count}
                   for waiver, count in self.waiver_uses()]
        return {"path": str(self.waivers.path), "sha256": self.waivers.sha256, "entries": entries}


def verify(
    plan_path: Path,
    context: dict[str, Any],
    *,
    engine_name: str = "regorus",
    allow_unknown: bool = False,
    waivers: WaiverFile | None = None,
) -> Report:
    """Evaluate every control of the shipped rule pack against the plan or state at plan_path."""
    started = _now()
    model = load_model(plan_path, context)
    catalogue = load_catalogue(rego_dir())
    results = apply_waivers(evaluate_model(model, catalogue, engine_name), waivers)
    return Report(
        source=plan_path, source_sha256=_sha256(plan_path), context=model["context"],
        results=results, started=started, engine=engine_name, allow_unknown=allow_unknown,
        finished=_now(), rule_pack_sha256=rule_pack_sha256(rego_dir()), waivers=waivers,
    )


def rule_pack_files(rego: Path) -> dict[str, str]:
    """The SHA-256 of every .rego and data .json file of the rule pack, by relative path."""
    paths = [p for p in rego.rglob("*") if p.is_file() and p.suffix in (".rego", ".json")]
    return {p.relative_to(rego).as_posix(): _sha256(p)
            for p in sorted(paths, key=lambda p: p.relative_to(rego).as_posix())}


def rule_pack_sha256(rego: Path) -> str:
    """One digest of the rule pack (see pack_digest)."""
    return pack_digest(rule_pack_files(rego))


def pack_digest(files: dict[str, str]) -> str:
    """SHA-256 of ``sha256sum``-style lines ("<sha256>  <path>"), sorted by path."""
    lines = "".join(f"{files[name]}  {name}\n" for name in sorted(files))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


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
        reason = f"rule returned findings with status {sorted(map(str, malformed))}"
        return "error", findings, reason
    for status in ("fail", "unknown", "pass"):
        if status in statuses:
            return status, findings, ""
    return _nothing_in_scope(control, findings, context)


def _nothing_in_scope(
    control: Control, findings: list[dict[str, Any]], context: dict[str, Any]
) -> tuple[str, list[dict[str, Any]], str]:
    expected = context.get("expects", {}).get(control.subject, True) if control.subject else False
    if control.constraint is not None and expected:
        reason = f"nothing in scope, but the account is expected to have {control.subject}"
        return "fail", findings, reason
    if findings:
        return "not_applicable", findings, findings[0]["message"]
    return "not_applicable", findings, "nothing in scope"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
