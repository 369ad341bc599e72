"""Policy engines behind one small interface: regorus by default, OPA as the reference."""

from __future__ import annotations

from ztiam.engine.base import Engine
from ztiam.engine.opa_engine import OpaEngine
from ztiam.engine.regorus_engine import RegorusEngine
from ztiam.errors import EngineError

ENGINES = {"regorus": RegorusEngine, "opa": OpaEngine}
DEFAULT_ENGINE = "regorus"

__all__ = ["DEFAULT_ENGINE", "ENGINES", "Engine", "OpaEngine", "RegorusEngine", "make_engine"]


def make_engine(name: str = DEFAULT_ENGINE) -> Engine:
    """A new engine by name (``regorus`` or ``opa``)."""
    factory = ENGINES.get(name)
    if factory is None:
        choices = " or ".join(sorted(ENGINES))
        raise EngineError(f"unknown engine {name!r} (choose {choices})")
    return factory()
