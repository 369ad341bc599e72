"""Waivers: approved, expiring exceptions for named findings, read from a YAML file.

A waiver names one control, the Terraform addresses it covers (``*`` is the only wildcard;
everything else, ``[``, ``]`` and ``"`` included, matches literally), the reason, the ticket,
the approver and the expiry date. A malformed file or an expired waiver fails the run.
Applying waivers marks the failing and unknown findings they cover as waived.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ztiam.blueprint.loader import BlueprintLoader
from ztiam.errors import WaiverError

if TYPE_CHECKING:
    from ztiam.verify import ControlResult

FIELDS = ("control", "resources", "reason", "ticket", "approver", "expires")
_TEXT_FIELDS = ("reason", "ticket", "approver")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Waiver:
    """One approved exception: a control, the addresses it covers and who approved it until when."""

    control: str
    resources: tuple[str, ...]
    reason: str
    ticket: str
    approver: str
    expires: date
    index: int = 0

    def covers(self, control_id: str, address: str | None) -> bool:
        """Whether this waiver covers a finding of ``control_id`` about ``address``."""
        if control_id != self.control or not address:
            return False
        return any(address_matches(pattern, address) for pattern in self.resources)

    def as_dict(self) -> dict[str, Any]:
        return {
            "control": self.control, "resources": list(self.resources), "reason": self.reason,
            "ticket": self.ticket, "approver": self.approver, "expires": self.expires.isoformat(),
        }


@dataclass(frozen=True)
class WaiverFile:
    """The waivers of one file, with the file's path and SHA-256 for the evidence."""

    path: Path
    sha256: str
    waivers: tuple[Waiver, ...]

    def covering(self, control_id: str, address: str | None) -> Waiver | None:
        """The first waiver that covers the finding, or None."""
        return next((w for w in self.waivers if w.covers(control_id, address)), None)


def apply_waivers(
    results: list[ControlResult], waivers: WaiverFile | None
) -> list[ControlResult]:
    """Mark failing and unknown findings that a waiver covers as waived, then re-aggregate.

    A control whose only non-passing findings are waived becomes ``waived``; errors and
    failures without a finding to waive (nothing in scope) are never waived.
    """
    if waivers is None:
        return results
    return [_waive(result, waivers) for result in results]


def _waive(result: ControlResult, waivers: WaiverFile) -> ControlResult:
    if result.status not in ("fail", "unknown"):
        return result
    findings = [_waive_finding(f, result.control.id, waivers) for f in result.findings]
    waived = sum(1 for f in findings if f["status"] == "waived")
    if not waived:
        return result
    remaining = {f["status"] for f in findings} & {"fail", "unknown"}
    if remaining:
        status = "fail" if "fail" in remaining else "unknown"
        return replace(result, status=status, findings=findings)
    reason = f"every non-passing finding is waived ({waived})"
    return replace(result, status="waived", findings=findings, reason=reason)


def _waive_finding(
    finding: dict[str, Any], control_id: str, waivers: WaiverFile
) -> dict[str, Any]:
    if finding.get("status") not in ("fail", "unknown"):
        return finding
    waiver = waivers.covering(control_id, finding.get("address"))
    if waiver is None:
        return finding
    record = {**waiver.as_dict(), "index": waiver.index, "file": str(waivers.path)}
    return {**finding, "status": "waived", "original_status": finding["status"],
            "waiver": record}


def address_matches(pattern: str, address: str) -> bool:
    """Whether ``address`` matches ``pattern``, where ``*`` matches any run of characters."""
    parts = [re.escape(part) for part in pattern.split("*")]
    return re.fullmatch(".*".join(parts), address, flags=re.DOTALL) is not None


def load_waivers(
    path: Path, control_ids: Iterable[str], *, today: date | None = None
) -> WaiverFile:
    """Read and check the waiver file at ``path``; raise WaiverError with one line if bad."""
    raw = _read(path)
    document = _parse(raw, path)
    entries = _entries(document, path)
    known = set(control_ids)
    day = today or datetime.now(timezone.utc).date()
    waivers = tuple(_waiver(entry, index, path, known, day) for index, entry in enumerate(entries))
    return WaiverFile(path=path, sha256=hashlib.sha256(raw).hexdigest(), waivers=waivers)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        reason = (error.strerror or type(error).__name__).lower()
        raise WaiverError(f"{path}: cannot read the waiver file: {reason}") from None


def _parse(raw: bytes, path: Path) -> Any:
    try:
        return yaml.load(raw.decode("utf-8-sig"), Loader=BlueprintLoader)
    except UnicodeDecodeError as error:
        raise WaiverError(f"{path}: byte {error.start} is not UTF-8 text") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = " ".join(str(error.problem or "unreadable").split())
        raise WaiverError(f"{path}: {where}invalid YAML: {problem}") from None
    except yaml.YAMLError as error:
        raise WaiverError(f"{path}: invalid YAML: {error}") from None


def _entries(document: Any, path: Path) -> list[Any]:
    if not isinstance(document, dict):
        found = _kind(document)
        raise WaiverError(f"{path}: expected a mapping with a 'waivers' list, found {found}")
    unknown = sorted(str(key) for key in document if key != "waivers")
    if unknown:
        raise WaiverError(f"{path}: {unknown[0]}: unknown key (only 'waivers' is allowed)")
    entries = document.get("waivers")
    if not isinstance(entries, list):
        raise WaiverError(f"{path}: waivers: expected a list, found {_kind(entries)}")
    return entries


def _waiver(entry: Any, index: int, path: Path, known: set[str], today: date) -> Waiver:
    where = f"{path}: waivers[{index}]"
    _check_keys(entry, where)
    control = _text(entry, "control", where)
    if control not in known:
        raise WaiverError(f"{where}.control: unknown control {control!r}")
    expires = _expires(entry["expires"], f"{where}.expires")
    if expires < today:
        raise WaiverError(f"{where}.expires: expired on {expires.isoformat()}")
    texts = {name: _text(entry, name, where) for name in _TEXT_FIELDS}
    resources = _resources(entry["resources"], f"{where}.resources")
    return Waiver(control=control, resources=resources, expires=expires, index=index, **texts)


def _check_keys(entry: Any, where: str) -> None:
    if not isinstance(entry, dict):
        raise WaiverError(f"{where}: expected a mapping, found {_kind(entry)}")
    unknown = sorted(str(key) for key in entry if key not in FIELDS)
    if unknown:
        raise WaiverError(f"{where}.{unknown[0]}: unknown key (allowed: {', '.join(FIELDS)})")
    missing = [name for name in FIELDS if name not in entry]
    if missing:
        raise WaiverError(f"{where}.{missing[0]}: missing")


def _text(entry: dict[str, Any], name: str, where: str) -> str:
    value = entry[name]
    if not isinstance(value, str) or not value.strip():
        raise WaiverError(f"{where}.{name}: expected a non-empty string, found {_kind(value)}")
    return value.strip()


def _resources(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise WaiverError(f"{where}: expected a non-empty list of address patterns")
    for position, pattern in enumerate(value):
        if not isinstance(pattern, str) or not pattern.strip():
            raise WaiverError(f"{where}[{position}]: expected an address pattern, "
                              f"found {_kind(pattern)}")
    return tuple(pattern.strip() for pattern in value)


def _expires(value: Any, where: str) -> date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise WaiverError(f"{where}: expected a date (YYYY-MM-DD), found {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise WaiverError(f"{where}: {value} is not a calendar date") from None


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str) and not value.strip():
        return "an empty string"
    names = {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean",
             int: "a number", float: "a number"}
    return names.get(type(value), f"a {type(value).__name__}")
