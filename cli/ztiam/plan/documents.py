"""Find the policy documents embedded in resource attributes and parse them."""

from __future__ import annotations

from typing import Any

from ztiam.iam.policy import parse_policy

INLINE = "inline_policy"

# resource type -> (attribute, kind, subkind, required): a required attribute that is null or
# absent gives a "missing" document; an optional one that is unknown counts only when the
# configuration sets it (otherwise the provider computes it and the plan merely cannot show it).
POLICY_ATTRIBUTES: dict[str, tuple[tuple[str, str, str, bool], ...]] = {
    "aws_iam_policy": (("policy", "identity", "managed", True),),
    "aws_iam_role_policy": (("policy", "identity", "inline", True),),
    "aws_iam_user_policy": (("policy", "identity", "inline", True),),
    "aws_iam_group_policy": (("policy", "identity", "inline", True),),
    "aws_iam_role": (("assume_role_policy", "trust", "trust", True),
                     (INLINE, "identity", "inline", False)),
    "aws_ssoadmin_permission_set_inline_policy": (
        ("inline_policy", "identity", "inline", True),),
    "aws_s3_bucket_policy": (("policy", "resource", "bucket", True),),
    "aws_s3_bucket": (("policy", "resource", "bucket", False),),
    "aws_sns_topic_policy": (("policy", "resource", "topic", True),),
    "aws_sns_topic": (("policy", "resource", "topic", False),),
    "aws_sqs_queue_policy": (("policy", "resource", "queue", True),),
    "aws_sqs_queue": (("policy", "resource", "queue", False),),
    "aws_kms_key": (("policy", "resource", "key", False),),
    "aws_cloudwatch_event_bus_policy": (("policy", "resource", "other", True),),
    "aws_cloudwatch_log_resource_policy": (("policy_document", "resource", "other", True),),
    "aws_secretsmanager_secret_policy": (("policy", "resource", "other", True),),
    "aws_ecr_repository_policy": (("policy", "resource", "other", True),),
    "aws_glacier_vault": (("access_policy", "resource", "other", False),),
}


def documents_of(record: dict, expressions: dict | None) -> list[dict]:
    """Parse every policy attribute of a resource record into model documents."""
    documents = []
    for attribute, kind, subkind, required in POLICY_ATTRIBUTES.get(record["type"], ()):
        if record["type"] == "aws_iam_role" and attribute == INLINE:
            documents.extend(_inline_documents(record, expressions))
            continue
        if is_unknown(record, attribute):
            if required or _declares(expressions, attribute):
                documents.append(_unknown(record, attribute, kind, subkind))
        elif required or record["values"].get(attribute) is not None:
            text = record["values"].get(attribute)
            documents.append(_parsed(record, attribute, kind, subkind, text))
    return documents


def without_policy_text(values: dict, attributes: list[str]) -> dict:
    """Return ``values`` without the policy texts now held in documents (copies, never edits)."""
    result = {key: value for key, value in values.items() if key not in attributes}
    if isinstance(values.get(INLINE), list) and any(a.startswith(f"{INLINE}.") for a in attributes):
        result[INLINE] = [_without_policy(block) for block in values[INLINE]]
    return result


def is_unknown(record: dict, attribute: str) -> bool:
    """Tell whether ``attribute`` (a dotted path) or anything containing it is unknown."""
    unknown = record["unknown"]
    if not unknown:
        return False
    parts = attribute.split(".")
    return any(".".join(parts[:end]) in unknown for end in range(1, len(parts) + 1))


def _inline_documents(record: dict, expressions: dict | None) -> list[dict]:
    if is_unknown(record, INLINE):
        declared = _declares(expressions, INLINE)
        return [_unknown(record, INLINE, "identity", "inline")] if declared else []
    documents = []
    blocks = record["values"].get(INLINE)
    for position, block in enumerate(blocks if isinstance(blocks, list) else []):
        attribute = f"{INLINE}.{position}.policy"
        if is_unknown(record, attribute):
            documents.append(_unknown(record, attribute, "identity", "inline"))
        elif isinstance(block, dict) and (block.get("name") or block.get("policy")):
            documents.append(_parsed(record, attribute, "identity", "inline", block.get("policy")))
    return documents


def _declares(expressions: dict | None, attribute: str) -> bool:
    return bool(expressions) and attribute in expressions


def _parsed(record: dict, attribute: str, kind: str, subkind: str, text: Any) -> dict:
    return _with_id(record, attribute, parse_policy(text, kind=kind, subkind=subkind))


def _unknown(record: dict, attribute: str, kind: str, subkind: str) -> dict:
    document = parse_policy(None, kind=kind, subkind=subkind)
    document.update(status="unknown", error="the policy text is known only after apply")
    return _with_id(record, attribute, document)


def _with_id(record: dict, attribute: str, document: dict) -> dict:
    address = record["address"]
    return {"id": f"{address}#{attribute}", "address": address, "attribute": attribute,
            **document}


def _without_policy(block: Any) -> Any:
    if not isinstance(block, dict):
        return block
    return {key: value for key, value in block.items() if key != "policy"}
