"""Build the resource model of docs/resource-model.md from a plan or state document."""

from __future__ import annotations

import copy
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ztiam.errors import PlanError
from ztiam.plan.documents import documents_of, without_policy_text
from ztiam.plan.instances import plan_instances, state_instances
from ztiam.plan.reader import read_json, source_kind
from ztiam.plan.references import References
from ztiam.plan.relations import Lookup, bucket_views, role_views

MODEL_VERSION = 1


def load_model(path: Path, context: dict) -> dict:
    """Read a `terraform show -json` plan or state file and build its resource model."""
    with _collector_paused():
        return build_model(read_json(Path(path)), context, source_name=str(path))


def build_model(plan_json: dict, context: dict, *, source_name: str = "input") -> dict:
    """Build the resource model from a decoded plan or state; raise PlanError if it is neither."""
    kind = source_kind(plan_json, source_name)
    with _collector_paused():
        try:
            return _build(plan_json, kind, context)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise PlanError(f"plan {source_name}: malformed Terraform {kind} JSON "
                            f"({exc!r})") from exc


def _build(plan_json: dict, kind: str, context: dict) -> dict:
    configuration = plan_json.get("configuration") if kind == "plan" else None
    records = plan_instances(plan_json) if kind == "plan" else state_instances(plan_json)
    references = References(configuration, records)
    documents = _documents(records, references)
    resources = {record["address"]: record for record in records}
    by_type = _by_type(resources)
    model_context = context_of(context, configuration)
    lookup = Lookup(resources, by_type, documents, model_context.get("account_id"))
    return {
        "model_version": MODEL_VERSION,
        "source": _source(plan_json, kind),
        "context": model_context,
        "resources": resources,
        "by_type": by_type,
        "documents": documents,
        "roles": role_views(lookup, by_type, _declares(references)),
        "buckets": bucket_views(lookup, by_type),
    }


def context_of(context: dict, configuration: dict | None) -> dict:
    """Copy the run context; fill a missing account id from the aws provider configuration."""
    result = copy.deepcopy(context)
    if result.get("account_id") is None:
        account = provider_account((configuration or {}).get("provider_config") or {})
        if account is not None:
            result["account_id"] = account
    return result


def provider_account(provider_config: dict) -> str | None:
    """Return the one account id that the aws providers' ``allowed_account_ids`` name literally."""
    accounts: set[str] = set()
    for provider in provider_config.values():
        if not isinstance(provider, dict) or provider.get("name") != "aws":
            continue
        expression = (provider.get("expressions") or {}).get("allowed_account_ids") or {}
        if expression.get("references"):
            return None
        value = expression.get("constant_value") or []
        accounts.update(str(item) for item in (value if isinstance(value, list) else [value]))
    return accounts.pop() if len(accounts) == 1 else None


def _documents(records: list[dict], references: References) -> dict[str, dict]:
    documents: dict[str, dict] = {}
    for record in records:
        record["references"] = references.of(record)
        found = documents_of(record, references.expressions_of(record))
        record["documents"] = {document["attribute"]: document["id"] for document in found}
        record["values"] = without_policy_text(record["values"], list(record["documents"]))
        documents.update((document["id"], document) for document in found)
    return documents


def _by_type(resources: dict[str, dict]) -> dict[str, list[str]]:
    by_type: dict[str, list[str]] = {}
    for address, record in resources.items():
        by_type.setdefault(record["type"], []).append(address)
    return {kind: sorted(addresses) for kind, addresses in sorted(by_type.items())}


def _source(document: dict, kind: str) -> dict:
    return {"kind": kind, "format_version": document.get("format_version"),
            "terraform_version": document.get("terraform_version")}


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: the model is acyclic, and on a large plan the
    collector's repeated scans of the decoded JSON cost more than the building itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _declares(references: References) -> Callable[[dict, str], bool]:
    def declares(record: dict, attribute: str) -> bool:
        return attribute in (references.expressions_of(record) or {})

    return declares
