"""The Markdown report: summary table, findings with waivers, and escaping of plan text."""

from __future__ import annotations

from pathlib import Path

from reports.report_support import COUNTED, EVIDENCE_NOTE, PARTNER, sample_report
from ztiam.reports import markdown


def lines_of(tmp_path: Path) -> list[str]:
    return markdown.render(sample_report(tmp_path)).splitlines()


def test_markdown_summary_row_per_control(tmp_path: Path) -> None:
    report = sample_report(tmp_path)
    text = markdown.render(report)
    rows = [line for line in text.splitlines() if line.startswith("| ZT-")]
    summary = rows[:len(report.results)]
    assert [row.split(" | ")[0][2:] for row in summary] == [r.control.id for r in report.results]
    assert "| ZT-IAM-02 | 2 | critical | WAIVED | 1 |" in text


def test_markdown_lists_failing_unknown_and_waived_findings(tmp_path: Path) -> None:
    text = "\n".join(lines_of(tmp_path))
    assert "- `aws_iam_policy.dev` fail:" in text
    assert f"- `{COUNTED}` unknown:" in text
    assert f"- `{PARTNER}` waived (fail):" in text
    assert ("  - waiver SEC-1234 approved by Jane Doe (CISO), expires 2026-12-31: partner "
            "onboarding before the external id is agreed") in text
    assert EVIDENCE_NOTE in text


def test_markdown_escapes_text_from_the_plan(tmp_path: Path) -> None:
    line = next(line for line in lines_of(tmp_path) if "aws_iam_policy.dev` fail" in line)
    assert "<script>" not in line and "\\<script\\>" in line
    assert "[link](http://evil)" not in line and "\\[link\\]" in line
    assert "\\|" in line and "\\*bold\\*" in line


def test_markdown_waiver_register(tmp_path: Path) -> None:
    text = markdown.render(sample_report(tmp_path))
    assert "## Waivers" in text
    assert "| SEC-9 | John Roe | 2026-07-01 | kept to show an unused waiver | 0 |" in text


def test_markdown_run_metadata(tmp_path: Path) -> None:
    report = sample_report(tmp_path)
    text = markdown.render(report)
    assert f"| input SHA-256 | {report.source_sha256} |" in text
    assert f"| rule pack SHA-256 | {report.rule_pack_sha256} |" in text
    assert "**Result: ERROR: the run cannot be trusted** (exit code 2)" in text


def test_markdown_code_span_holds_backticks() -> None:
    assert markdown._code("a`b") == "``a`b``"
    assert markdown._code("`x") == "`` `x ``"
