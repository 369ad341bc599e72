"""The blueprint: its typed model, loading with one-line key-path errors, and its JSON Schema."""

from ztiam.blueprint.context import strict_context
from ztiam.blueprint.export import blueprint_schema, schema_text
from ztiam.blueprint.fields import format_duration, format_timestamp, parse_duration
from ztiam.blueprint.loader import load_blueprint, parse_yaml, validate_blueprint
from ztiam.blueprint.model import (
    Blueprint,
    Bucket,
    BusinessHours,
    ExternalAccess,
    Grant,
    Window,
)

__all__ = [
    "Blueprint",
    "Bucket",
    "BusinessHours",
    "ExternalAccess",
    "Grant",
    "Window",
    "blueprint_schema",
    "format_duration",
    "format_timestamp",
    "load_blueprint",
    "parse_duration",
    "parse_yaml",
    "schema_text",
    "strict_context",
    "validate_blueprint",
]
