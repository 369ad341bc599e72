"""Benchmark: how building the resource model grows with the plan (names repeated per module).

Usage: .venv/bin/python bench/model_scale.py [COPIES ...]   (default 100 200 400 800)

Prints the fastest of three builds for each size and the time per module copy; linear growth
shows as a flat last column. Figures are printed, never asserted.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from plan.test_scale import copies  # noqa: E402
from ztiam.blueprint import strict_context  # noqa: E402
from ztiam.plan import build_model  # noqa: E402


def fastest(document: dict, runs: int = 3) -> float:
    context = strict_context() | {"account_id": "111122223333"}
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        build_model(document, context)
        timings.append(time.perf_counter() - start)
    return min(timings)


def main(sizes: list[int]) -> None:
    print(f"{'copies':>7} {'resources':>9} {'build s':>8} {'ms/copy':>8}")
    for size in sizes:
        seconds = fastest(copies(size))
        print(f"{size:>7} {6 * size:>9} {seconds:>8.3f} {1000 * seconds / size:>8.2f}", flush=True)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [100, 200, 400, 800])
