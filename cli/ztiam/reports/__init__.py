"""Report formats behind one interface: each module renders a Report to text."""

from __future__ import annotations

from collections.abc import Callable

from ztiam.reports import csv_report, html, json_report, junit, markdown, sarif, text
from ztiam.verify import Report

Renderer = Callable[[Report], str]

FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "markdown": markdown.render,
    "csv": csv_report.render,
    "html": html.render,
}


def render(report: Report, fmt: str) -> str:
    """Render ``report`` in format ``fmt`` (one of FORMATS)."""
    return FORMATS[fmt](report)
