"""Write a compiled root atomically, replacing only a previous ztiam output."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ztiam.errors import ZtiamError

MARKER = ".ztiam-root"
# Terraform's own working data in a root survives recompiling: the plugin cache, the lock file
# and local state. Everything else in the directory is generated and replaced.
PRESERVED = (".terraform", ".terraform.lock.hcl", "terraform.tfstate", "terraform.tfstate.backup",
             "terraform.tfstate.d")


def check_target(out_dir: Path) -> None:
    """Refuse a target that exists and is neither empty nor a previous ztiam output."""
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise ZtiamError(f"output {out_dir}: exists and is not a directory")
    if any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise ZtiamError(
            f"output {out_dir}: not a previous ztiam output (no {MARKER}); refusing to replace it"
        )


def write_root(files: dict[str, bytes], out_dir: Path) -> list[Path]:
    """Write ``files`` (relative path -> bytes) as ``out_dir``, all at once or not at all."""
    check_target(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        _write_all(staging, files)
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted(out_dir / rel for rel in files)


def _write_all(folder: Path, files: dict[str, bytes]) -> None:
    os.chmod(folder, 0o755)
    for rel, data in sorted(files.items()):
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        os.chmod(path, 0o644)


def _swap(staging: Path, out_dir: Path) -> None:
    """Move Terraform's working data into ``staging``, then put ``staging`` in place."""
    if not out_dir.exists():
        staging.rename(out_dir)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old.", dir=out_dir.parent))
    retired.rmdir()
    out_dir.rename(retired)
    try:
        for name in PRESERVED:
            if (retired / name).exists():
                (retired / name).rename(staging / name)
        staging.rename(out_dir)
    except BaseException:
        _restore(retired, staging, out_dir)
        raise
    shutil.rmtree(retired)


def _restore(retired: Path, staging: Path, out_dir: Path) -> None:
    for name in PRESERVED:
        if (staging / name).exists() and not (retired / name).exists():
            (staging / name).rename(retired / name)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    retired.rename(out_dir)
