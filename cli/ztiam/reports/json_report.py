"""The JSON report: the stable, scriptable shape of a verify run."""

from __future__ import annotations

import json

from ztiam.verify import Report


def render(report: Report) -> str:
    return json.dumps(report.as_dict(), indent=2, sort_keys=False) + "\n"
