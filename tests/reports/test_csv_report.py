"""The CSV matrix: one row per control and framework identifier, with status and version."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from reports.report_support import sample_report
from ztiam.catalogue_report import framework_version, mappings
from ztiam.reports import csv_report


def rows_of(tmp_path: Path) -> list[dict[str, str]]:
    text = csv_report.render(sample_report(tmp_path))
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_header_is_the_documented_columns(tmp_path: Path) -> None:
    text = csv_report.render(sample_report(tmp_path))
    assert text.splitlines()[0] == ",".join(csv_report.COLUMNS)
    assert text.endswith("\r\n")


def test_csv_one_row_per_control_and_identifier(tmp_path: Path) -> None:
    report = sample_report(tmp_path)
    rows = rows_of(tmp_path)
    expected = sum(len(mappings(r.control)) for r in report.results)
    assert len(rows) == expected
    assert {row["control_id"] for row in rows} == {r.control.id for r in report.results}


def test_csv_rows_carry_status_strength_and_version(tmp_path: Path) -> None:
    rows = rows_of(tmp_path)
    row = next(r for r in rows if r["control_id"] == "ZT-IAM-05" and r["identifier"] == "1.8")
    assert (row["status"], row["framework"], row["strength"]) == ("error", "cis_aws", "supporting")
    assert row["version"] == framework_version("cis_aws")
    waived = [r for r in rows if r["control_id"] == "ZT-IAM-02"]
    assert {r["status"] for r in waived} == {"waived"}
    assert {r["waivers"] for r in waived} == {
        "waiver SEC-1234 approved by Jane Doe (CISO), expires 2026-12-31: partner onboarding "
        "before the external id is agreed"}
    assert {r["waivers"] for r in rows if r["control_id"] != "ZT-IAM-02"} == {""}
    assert {r["strength"] for r in rows} == {"direct", "supporting"}


def test_csv_guards_cells_a_spreadsheet_would_run() -> None:
    assert csv_report._safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_report._safe("-") == "-"
    assert csv_report._safe("AC-3") == "AC-3"
