"""Reading `terraform show -json` plans and states into the resource model."""

from pathlib import Path

from ztiam.plan.model import MODEL_VERSION, build_model, load_model

MODEL_SCHEMA = Path(__file__).with_name("model.schema.json")

__all__ = ["MODEL_SCHEMA", "MODEL_VERSION", "build_model", "load_model"]
