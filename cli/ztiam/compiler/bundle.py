"""The modules a root uses, copied file by file, with their Lambda functions zipped."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePosixPath

from ztiam.resources import terraform_dir

ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644
FUNCTIONS = "functions"
_SKIPPED_PARTS = {"__pycache__", ".terraform", ".pytest_cache", "tests"}
_SKIPPED_SUFFIXES = {".pyc", ".zip", ".tfstate", ".hcl"}


def modules_used(names: set[str]) -> list[str]:
    """``names`` plus the modules they call, sorted."""
    calls = {"cross-account-role": {"iam-role"}, "cloudtrail": {"iam-policy-template", "iam-role"}}
    used = set(names)
    for name in names:
        used |= calls.get(name, set())
    return sorted(used)


def module_files(name: str) -> dict[str, bytes]:
    """The files of module ``name`` for the root, keyed by path under ``modules/``."""
    source = terraform_dir() / "modules" / name
    files = {
        f"modules/{name}/{rel}": path.read_bytes()
        for rel, path in _walk(source)
        if not rel.parts[0] == FUNCTIONS
    }
    for function in sorted(p for p in (source / FUNCTIONS).glob("*") if p.is_dir()):
        files[f"modules/{name}/{FUNCTIONS}/{function.name}.zip"] = zip_folder(function)
    return files


def _walk(folder: Path) -> list[tuple[PurePosixPath, Path]]:
    found = []
    for path in sorted(folder.rglob("*")):
        rel = PurePosixPath(path.relative_to(folder).as_posix())
        if path.is_file() and not _skipped(rel):
            found.append((rel, path))
    return found


def _skipped(rel: PurePosixPath) -> bool:
    hidden = any(part.startswith(".") for part in rel.parts)
    return hidden or bool(_SKIPPED_PARTS & set(rel.parts)) or rel.suffix in _SKIPPED_SUFFIXES


def zip_folder(folder: Path) -> bytes:
    """Zip ``folder`` deterministically: sorted entries, fixed time and permissions."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for rel, path in _walk(folder):
            info = zipfile.ZipInfo(str(rel), date_time=ZIP_TIMESTAMP)
            info.external_attr = FILE_MODE << 16
            info.create_system = 3
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    return buffer.getvalue()
