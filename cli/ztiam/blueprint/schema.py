"""Print the blueprint JSON Schema: ``python -m ztiam.blueprint.schema > blueprint.schema.json``."""

from __future__ import annotations

import sys

from ztiam.blueprint.export import schema_text


def main() -> None:
    """Write the schema to standard output."""
    sys.stdout.write(schema_text())


if __name__ == "__main__":
    main()
