"""The package logger; its level comes from ZTIAM_LOG_LEVEL (default WARNING), output to stderr."""

from __future__ import annotations

import logging
import os

logger = logging.getLogger("ztiam")


def configure() -> None:
    level = os.environ.get("ZTIAM_LOG_LEVEL", "WARNING").upper()
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("ztiam: %(levelname)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(getattr(logging, level, logging.WARNING))
