"""The evidence pack: every format, a manifest whose hashes match, written all or nothing."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from reports.report_support import sample_report
from ztiam import evidence
from ztiam.errors import ZtiamError
from ztiam.resources import rego_dir
from ztiam.verify import pack_digest, rule_pack_files, rule_pack_sha256

FILES = set(evidence.EVIDENCE_FILES) | {evidence.MANIFEST}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def written(tmp_path: Path, name: str = "evidence") -> tuple[Path, dict]:
    target = tmp_path / name
    manifest = evidence.write_evidence(sample_report(tmp_path), target)
    return target, manifest


def test_evidence_writes_every_format_and_a_manifest(tmp_path: Path) -> None:
    target, _ = written(tmp_path)
    assert {p.name for p in target.iterdir()} == FILES
    assert json.loads((target / "report.json").read_text())["exit_code"] == 2
    assert json.loads((target / "report.sarif").read_text())["version"] == "2.1.0"
    ET.fromstring((target / "report.junit.xml").read_text())
    rows = list(csv.reader(io.StringIO((target / "matrix.csv").read_text(), newline="")))
    assert rows[0][0] == "control_id"
    assert (target / "report.html").read_text().startswith("<!DOCTYPE html>")
    assert "ZT-IAM-01" in (target / "report.md").read_text()
    assert "ZT-IAM-01" in (target / "report.text").read_text()


def test_evidence_manifest_hashes_match_the_files(tmp_path: Path) -> None:
    target, manifest = written(tmp_path)
    assert json.loads((target / evidence.MANIFEST).read_text()) == manifest
    assert set(manifest["files"]) == set(evidence.EVIDENCE_FILES)
    for name, digest in manifest["files"].items():
        assert sha256(target / name) == digest, name


def test_evidence_manifest_names_inputs_and_tool(tmp_path: Path) -> None:
    report = sample_report(tmp_path)
    manifest = evidence.write_evidence(report, tmp_path / "evidence")
    assert manifest["input"] == {"path": str(report.source), "sha256": sha256(report.source)}
    assert manifest["waivers"]["sha256"] == sha256(report.waivers.path)
    assert manifest["tool"]["name"] == "ztiam" and manifest["tool"]["version"]
    assert manifest["created"].endswith("Z") and manifest["run"]["exit_code"] == 2
    assert manifest["rule_pack"]["sha256"] == report.rule_pack_sha256


def test_rule_pack_digest_is_sha256sum_lines_sorted_by_path(tmp_path: Path) -> None:
    files = rule_pack_files(rego_dir())
    assert "controls/admin_mfa.rego" in files and "data/global_services.json" in files
    for name, digest in files.items():
        assert sha256(rego_dir() / name) == digest
    lines = "".join(f"{files[n]}  {n}\n" for n in sorted(files)).encode()
    assert rule_pack_sha256(rego_dir()) == hashlib.sha256(lines).hexdigest()
    assert pack_digest(dict(reversed(files.items()))) == pack_digest(files)


def test_rule_pack_digest_changes_with_any_rule(tmp_path: Path) -> None:
    pack = tmp_path / "rego"
    (pack / "controls").mkdir(parents=True)
    (pack / "controls" / "a.rego").write_text("package a\n")
    before = rule_pack_sha256(pack)
    (pack / "controls" / "a.rego").write_text("package a\n\nx := 1\n")
    assert rule_pack_sha256(pack) != before


def test_evidence_replaces_a_previous_pack(tmp_path: Path) -> None:
    target, _ = written(tmp_path)
    second = evidence.write_evidence(sample_report(tmp_path), target)
    assert {p.name for p in target.iterdir()} == FILES
    assert json.loads((target / evidence.MANIFEST).read_text()) == second
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".evidence")] == []


def test_evidence_accepts_an_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "evidence").mkdir()
    target, _ = written(tmp_path)
    assert {p.name for p in target.iterdir()} == FILES


def test_evidence_refuses_a_directory_with_other_files(tmp_path: Path) -> None:
    target = tmp_path / "evidence"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    with pytest.raises(ZtiamError, match=r"--evidence: .* is not empty and is not an evidence"):
        evidence.write_evidence(sample_report(tmp_path), target)
    assert (target / "notes.txt").read_text() == "mine"


def test_evidence_refuses_a_pack_with_extra_files(tmp_path: Path) -> None:
    target, _ = written(tmp_path)
    (target / "plan.json").write_text("{}")
    with pytest.raises(ZtiamError, match=r"holds plan\.json, which is not part of an evidence"):
        evidence.write_evidence(sample_report(tmp_path), target)


def test_evidence_refuses_a_foreign_manifest(tmp_path: Path) -> None:
    target = tmp_path / "evidence"
    target.mkdir()
    (target / "manifest.json").write_text('{"tool": "something else"}')
    with pytest.raises(ZtiamError, match="is not a ztiam evidence manifest"):
        evidence.write_evidence(sample_report(tmp_path), target)


def test_evidence_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "evidence"
    target.write_text("x")
    with pytest.raises(ZtiamError, match="exists and is not a directory"):
        evidence.write_evidence(sample_report(tmp_path), target)


def test_evidence_failure_leaves_nothing_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: Path, data: bytes) -> None:
        if path.name == "report.html":
            raise OSError(28, "No space left on device")
        path.write_bytes(data)

    monkeypatch.setattr(evidence, "_write_file", broken)
    with pytest.raises(ZtiamError, match=r"--evidence: cannot write .*No space left on device"):
        evidence.write_evidence(sample_report(tmp_path), tmp_path / "evidence")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json", "waivers.yaml"]


def test_evidence_failure_keeps_the_previous_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, first = written(tmp_path)

    def broken(path: Path, data: bytes) -> None:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(evidence, "_write_file", broken)
    with pytest.raises(ZtiamError):
        evidence.write_evidence(sample_report(tmp_path), target)
    assert json.loads((target / evidence.MANIFEST).read_text()) == first
