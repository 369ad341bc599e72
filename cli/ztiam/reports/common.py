"""Wording shared by the report formats, so each finding and waiver reads the same everywhere."""

from __future__ import annotations

from typing import Any


def waiver_text(waiver: dict[str, Any]) -> str:
    """One line naming a waiver's ticket, approver, expiry and reason."""
    return (f"waiver {waiver['ticket']} approved by {waiver['approver']}, expires "
            f"{waiver['expires']}: {waiver['reason']}")


def finding_status(finding: dict[str, Any]) -> str:
    """The finding's status, with what a waived finding was before its waiver."""
    if finding["status"] == "waived" and finding.get("original_status"):
        return f"waived ({finding['original_status']})"
    return str(finding["status"])


def finding_text(finding: dict[str, Any]) -> str:
    """The finding's status and message, with its waiver when it is waived."""
    line = f"{finding_status(finding)}: {finding.get('message', '')}"
    if "waiver" in finding:
        line += f" [{waiver_text(finding['waiver'])}]"
    return line


def constraint_text(constraint: int | None) -> str:
    """The mandatory constraint a control enforces, or '-' for a supplementary control."""
    return str(constraint) if constraint is not None else "-"
