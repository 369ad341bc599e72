"""The generated control pages, index and matrix match the controls' METADATA blocks."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from ztiam import docgen
from ztiam.controls import load_catalogue
from ztiam.resources import rego_dir

ROOT = rego_dir().parent
CATALOGUE = load_catalogue(rego_dir())
RENDERED = docgen.render_all(CATALOGUE)
FIX = f"run {docgen.COMMAND} and commit the result"


def test_generated_files_are_current() -> None:
    assert docgen.out_of_date(ROOT, RENDERED) == [], FIX


def test_every_control_has_a_page_and_an_index_row() -> None:
    index = RENDERED[docgen.INDEX]
    for control in CATALOGUE:
        assert f"{docgen.PAGES_DIR}/{control.id}.md" in RENDERED
        assert f"[{control.id}.md]({control.id}.md)" in index


@pytest.mark.parametrize("control", CATALOGUE, ids=[control.id for control in CATALOGUE])
def test_page_has_every_section(control) -> None:
    page = RENDERED[f"{docgen.PAGES_DIR}/{control.id}.md"]
    assert page.startswith(f"# {control.id}: ")
    headings = [line[3:] for line in page.splitlines() if line.startswith("## ")]
    assert headings == list(docgen.SECTIONS)
    for fact in docgen.FACTS:
        assert f"\n| {fact} | " in page, fact
    assert f"```hcl\n{control.avoid}```" in page
    assert f"```hcl\n{control.prefer}```" in page


def test_constraint_words_are_on_the_page() -> None:
    for control in CATALOGUE:
        if control.constraint is not None:
            page = RENDERED[f"{docgen.PAGES_DIR}/{control.id}.md"]
            assert docgen.CONSTRAINTS[control.constraint].split()[-1] in page, control.id


def test_unconfirmed_identifier_is_withheld() -> None:
    control = dataclasses.replace(CATALOGUE[0], frameworks={"pci_dss": ["7.2.1", "8.2.4"]},
                                  supporting={})
    page = docgen.render_page(control)
    assert "| 7.2.1 | direct |" in page
    assert "| 8.2.4 |" not in page
    assert "Withheld until confirmed" in page and "PCI DSS 8.2.4" in page
    matrix = docgen.render_matrix([control])
    assert "8.2.4" not in matrix


def test_weaker_requirements_are_noted() -> None:
    control = dataclasses.replace(CATALOGUE[0], frameworks={},
                                  supporting={"pci_dss": ["10.5.1"]})
    page = docgen.render_page(control)
    assert "| 10.5.1 | supporting |" in page
    assert "PCI DSS 10.5.1: the company requires 90 days in CloudWatch Logs" in page
    matrix = RENDERED[docgen.MATRIX]
    for framework, identifier in (("CIS AWS", "1.8"), ("NYDFS", "500.12"),
                                  ("PCI DSS", "8.4.2"), ("PCI DSS", "10.5.1")):
        assert f"- {framework} {identifier}: the company requires" in matrix


def test_output_does_not_depend_on_the_order_of_controls() -> None:
    assert docgen.render_all(list(reversed(CATALOGUE))) == RENDERED


def _written(tmp_path: Path) -> Path:
    docgen.write_all(tmp_path, RENDERED)
    return tmp_path


def test_check_names_stale_missing_and_extra_files(tmp_path: Path) -> None:
    root = _written(tmp_path)
    first, second = sorted(p for p in RENDERED if p.startswith(f"{docgen.PAGES_DIR}/ZT-"))[:2]
    (root / first).write_text("edited\n", encoding="utf-8")
    (root / second).unlink()
    (root / docgen.PAGES_DIR / "ZT-OLD-01.md").write_text("gone\n", encoding="utf-8")
    assert docgen.out_of_date(root, RENDERED) == sorted([
        f"{first}: stale", f"{second}: missing", f"{docgen.PAGES_DIR}/ZT-OLD-01.md: extra"])


def test_write_repairs_everything(tmp_path: Path) -> None:
    root = _written(tmp_path)
    (root / docgen.MATRIX).write_text("edited\n", encoding="utf-8")
    (root / docgen.PAGES_DIR / "ZT-OLD-01.md").write_text("gone\n", encoding="utf-8")
    touched = docgen.write_all(root, RENDERED)
    assert touched == [docgen.MATRIX, f"{docgen.PAGES_DIR}/ZT-OLD-01.md"]
    assert docgen.out_of_date(root, RENDERED) == []


def test_main_check_exits_1_and_names_the_file(tmp_path: Path, capsys) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "rego").symlink_to(rego_dir(), target_is_directory=True)
    _written(root)
    assert docgen.main(["--check", "--root", str(root)]) == 0
    (root / docgen.INDEX).write_text("edited\n", encoding="utf-8")
    assert docgen.main(["--check", "--root", str(root)]) == 1
    assert f"{docgen.INDEX}: stale" in capsys.readouterr().out


def test_main_reports_a_broken_catalogue(tmp_path: Path, capsys) -> None:
    (tmp_path / "rego" / "controls").mkdir(parents=True)
    (tmp_path / "rego" / "controls" / "bare.rego").write_text(
        "package ztiam.controls.bare\n", encoding="utf-8")
    assert docgen.main(["--check", "--root", str(tmp_path)]) == 2
    assert "bare.rego: no # METADATA block" in capsys.readouterr().err
