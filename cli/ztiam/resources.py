"""Locate the data shipped with ztiam: the rule pack, Terraform modules and blueprints.

In a wheel they live under ``ztiam/_data``; in a source checkout at the repository root.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the directory of shipped data ``name`` (``rego``, ``terraform``, ``blueprints``)."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"ztiam installation is missing its {name}/ data")


def rego_dir() -> Path:
    return data_dir("rego")


def terraform_dir() -> Path:
    return data_dir("terraform")


def blueprints_dir() -> Path:
    return data_dir("blueprints")
