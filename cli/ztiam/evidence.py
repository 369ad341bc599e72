"""The evidence pack: every report format of one run plus a manifest of SHA-256 hashes.

The pack is written into a temporary directory beside the target and renamed into place, so a
failure leaves either the previous pack or nothing, never a half-written one. A directory that
exists is replaced only when it is empty or a previous pack (manifest.json and report files).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ztiam import __version__
from ztiam.errors import ZtiamError
from ztiam.reports import render
from ztiam.resources import rego_dir
from ztiam.verify import Report, pack_digest, rule_pack_files

EVIDENCE_FILES = {
    "report.text": "text", "report.json": "json", "report.sarif": "sarif",
    "report.junit.xml": "junit", "report.md": "markdown", "matrix.csv": "csv",
    "report.html": "html",
}
MANIFEST = "manifest.json"


def write_evidence(report: Report, directory: Path) -> dict[str, Any]:
    """Write the evidence pack of ``report`` into ``directory``; return the manifest."""
    check_target(directory)
    contents = {name: render(report, fmt).encode("utf-8") for name, fmt in EVIDENCE_FILES.items()}
    manifest = build_manifest(report, contents)
    contents[MANIFEST] = (json.dumps(manifest, indent=2) + "\n").encode("utf-8")
    _write_atomically(directory, contents)
    return manifest


def build_manifest(report: Report, contents: dict[str, bytes]) -> dict[str, Any]:
    """What an auditor needs to tie the pack to its inputs: hashes, versions and the time."""
    meta = report.metadata()
    run = {key: meta[key] for key in ("started", "finished", "engine", "blueprint")}
    return {
        "tool": {"name": "ztiam", "version": __version__},
        "created": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "run": {**run, "exit_code": report.exit_code(), "verdict": report.verdict(),
                "summary": report.summary()},
        "input": {"path": str(report.source), "sha256": report.source_sha256},
        "rule_pack": _rule_pack(report),
        "waivers": ({"path": str(report.waivers.path), "sha256": report.waivers.sha256}
                    if report.waivers else None),
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in contents.items()},
    }


def _rule_pack(report: Report) -> dict[str, Any]:
    """The rule pack's digest and per-file hashes; it must be the pack the run evaluated."""
    files = rule_pack_files(rego_dir())
    digest = pack_digest(files)
    if report.rule_pack_sha256 and report.rule_pack_sha256 != digest:
        raise ZtiamError("--evidence: the rule pack changed after the run; run verify again")
    return {"sha256": digest, "files": files}


def check_target(directory: Path) -> None:
    """Refuse a target that is a file, or a non-empty directory that is not a previous pack."""
    if not directory.exists() and not directory.is_symlink():
        return
    if not directory.is_dir():
        raise ZtiamError(f"--evidence: {directory} exists and is not a directory")
    names = {entry.name for entry in directory.iterdir()}
    if names:
        _check_previous_pack(directory, names)


def _check_previous_pack(directory: Path, names: set[str]) -> None:
    if MANIFEST not in names:
        raise ZtiamError(f"--evidence: {directory} is not empty and is not an evidence pack "
                         f"(no {MANIFEST})")
    strangers = sorted(names - set(EVIDENCE_FILES) - {MANIFEST})
    if strangers:
        raise ZtiamError(f"--evidence: {directory} holds {strangers[0]}, which is not part of "
                         "an evidence pack; refusing to replace it")
    if not _is_manifest(directory / MANIFEST):
        raise ZtiamError(f"--evidence: {directory / MANIFEST} is not a ztiam evidence manifest")


def _is_manifest(path: Path) -> bool:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    tool = manifest.get("tool") if isinstance(manifest, dict) else None
    return isinstance(tool, dict) and tool.get("name") == "ztiam"


def _write_atomically(directory: Path, contents: dict[str, bytes]) -> None:
    parent = directory.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=parent))
    except OSError as error:
        raise ZtiamError(f"--evidence: cannot write {directory}: {error.strerror}") from None
    try:
        for name, data in contents.items():
            _write_file(staging / name, data)
        os.chmod(staging, 0o755)
        _swap(staging, directory.absolute())
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise ZtiamError(f"--evidence: cannot write {directory}: {error.strerror}") from None


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _swap(staging: Path, directory: Path) -> None:
    """Rename ``staging`` to ``directory``, moving a previous pack aside and then removing it."""
    if not directory.exists():
        os.rename(staging, directory)
        return
    previous = Path(tempfile.mkdtemp(prefix=f".{directory.name}.old.", dir=directory.parent))
    os.rename(directory, previous / directory.name)
    try:
        os.rename(staging, directory)
    except OSError:
        os.rename(previous / directory.name, directory)
        os.rmdir(previous)
        raise
    shutil.rmtree(previous, ignore_errors=True)
