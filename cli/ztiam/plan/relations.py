"""Resolve relations in the host: roles to their policies and boundary, buckets to companions."""

from __future__ import annotations

import re
from collections.abc import Callable

from ztiam.plan.documents import INLINE, is_unknown

Declares = Callable[[dict, str], bool]

# attachment type -> (role field, policy ARN field or None when the resource is the policy)
ATTACHMENTS: dict[str, tuple[str, str | None]] = {
    "aws_iam_role_policy_attachment": ("role", "policy_arn"),
    "aws_iam_role_policy_attachments_exclusive": ("role_name", "policy_arns"),
    "aws_iam_policy_attachment": ("roles", "policy_arn"),
    "aws_iam_role_policy": ("role", None),
}
BUCKET_COMPANIONS: dict[str, str] = {
    "aws_s3_bucket_policy": "policy",
    "aws_s3_bucket_public_access_block": "public_access_block",
    "aws_s3_bucket_versioning": "versioning",
    "aws_s3_bucket_server_side_encryption_configuration": "encryption",
    "aws_s3_bucket_object_lock_configuration": "object_lock",
    "aws_s3_bucket_logging": "logging",
}
DEFAULT_SESSION_SECONDS = 3600

_POLICY_ARN = re.compile(r"^arn:[^:]+:iam::([^:]*):policy(/(?:.*/)?)([^/]+)$")


class Named:
    """Resources found by a known key (name, ARN), grouped by module instance."""

    def __init__(self) -> None:
        self.groups: dict[object, dict[str | None, list[str]]] = {}
        self.keys: dict[str, object] = {}

    def add(self, key: object, record: dict) -> None:
        """Index ``record`` under ``key``."""
        self.groups.setdefault(key, {}).setdefault(record["module"], []).append(record["address"])
        self.keys[record["address"]] = key

    def find(self, key: object, record: dict, field: str) -> list[str]:
        """Return what ``key`` names; of several, those the record's ``field`` refers to, else
        those in the record's module instance, else all."""
        groups = self.groups.get(key, {})
        if len(groups) == 1 and len(next(iter(groups.values()))) == 1:
            return next(iter(groups.values()))
        referenced = [a for a in record["references"].get(field, []) if self.keys.get(a) == key]
        return referenced or groups.get(record["module"]) or [
            address for addresses in groups.values() for address in addresses]


class Lookup:
    """Indexes of the model's resources by the names and ARNs that relations use."""

    def __init__(self, resources: dict[str, dict], by_type: dict[str, list[str]],
                 documents: dict[str, dict], account_id: str | None) -> None:
        self.resources = resources
        self.documents = documents
        self.account_id = account_id
        self.roles = _named(resources, by_type.get("aws_iam_role", []), "name")
        self.buckets = _named(resources, by_type.get("aws_s3_bucket", []), "bucket")
        self.policies_by_arn = _named(resources, by_type.get("aws_iam_policy", []), "arn")
        self.policies_by_path = Named()
        for address in by_type.get("aws_iam_policy", []):
            path_name = _path_name(resources[address])
            if path_name:
                self.policies_by_path.add(path_name, resources[address])

    def referenced(self, record: dict, field: str, kind: str) -> list[str]:
        """Return the addresses of type ``kind`` that the record's ``field`` refers to."""
        found = record["references"].get(field, [])
        return [address for address in found if self.resources[address]["type"] == kind]

    def find_policies(self, arn: str, record: dict, field: str) -> list[str]:
        """Return the customer-managed policies of the plan that ``arn`` names."""
        if not isinstance(arn, str):
            return []
        if arn in self.policies_by_arn.groups:
            return self.policies_by_arn.find(arn, record, field)
        match = _POLICY_ARN.match(arn)
        if match is None or self.account_id not in (None, match.group(1)):
            return []
        return self.policies_by_path.find(match.group(2, 3), record, field)

    def arn(self, address: str, kind: str) -> str | None:
        """Return the known ARN of a role or policy, or one built from account, path and name."""
        record = self.resources[address]
        path_name = _path_name(record)
        if record["values"].get("arn") or not (self.account_id and path_name):
            return record["values"].get("arn")
        return f"arn:aws:iam::{self.account_id}:{kind}{path_name[0]}{path_name[1]}"

    def document(self, address: str) -> str | None:
        """Return the id of the policy document of a customer-managed policy."""
        return self.resources[address]["documents"].get("policy")


def role_views(lookup: Lookup, by_type: dict[str, list[str]], declares: Declares) -> dict:
    """Build the ``roles`` view: each role with its trust, identity policies and boundary."""
    views = {address: _role_view(lookup, lookup.resources[address], declares)
             for address in by_type.get("aws_iam_role", [])}
    for kind in ATTACHMENTS:
        for address in by_type.get(kind, []):
            _attach(views, lookup, lookup.resources[address])
    for view in views.values():
        for key in ("identity_documents", "unresolved_policy_arns", "unknown_attachments"):
            view[key] = sorted(set(view[key]))
    return views


def bucket_views(lookup: Lookup, by_type: dict[str, list[str]]) -> dict:
    """Build the ``buckets`` view: each bucket with its policy and companion resources."""
    views = {address: _bucket_view(lookup.resources[address])
             for address in by_type.get("aws_s3_bucket", [])}
    for kind, slot in BUCKET_COMPANIONS.items():
        for address in by_type.get(kind, []):
            record = lookup.resources[address]
            for bucket in _bucket_targets(lookup, record):
                _set_companion(views[bucket], slot, record)
    return views


def _role_view(lookup: Lookup, record: dict, declares: Declares) -> dict:
    values, documents = record["values"], record["documents"]
    trust = documents.get("assume_role_policy")
    view = {
        "address": record["address"], "name": values.get("name"),
        "arn": lookup.arn(record["address"], "role"), "trust_document": trust,
        "identity_documents": [i for a, i in documents.items() if a.startswith(INLINE)],
        "unresolved_policy_arns": [], "unknown_attachments": [],
        "boundary": _boundary(lookup, record),
        **_session(record),
        "principal_kinds": principal_kinds(lookup.documents.get(trust or "")),
        "tags": tags_of(values),
    }
    _attach_managed_arns(view, lookup, record, declares)
    return view


def _session(record: dict) -> dict:
    unknown = is_unknown(record, "max_session_duration")
    value = record["values"].get("max_session_duration")
    if value is None and not unknown:
        value = DEFAULT_SESSION_SECONDS
    return {"max_session_duration": value, "max_session_duration_unknown": unknown}


def principal_kinds(document: dict | None) -> list[str]:
    """Return the principal kinds that a trust document's Allow statements admit."""
    if not document or document["status"] != "ok":
        return []
    kinds = set()
    for statement in document["statements"]:
        principals = statement["principals"]
        if statement["effect"] != "Allow" or not principals:
            continue
        present = {
            "aws": any(entry != "*" for entry in principals["AWS"]),
            "service": principals["Service"], "federated": principals["Federated"],
            "wildcard": principals["wildcard"],
        }
        kinds.update(kind for kind, found in present.items() if found)
    return sorted(kinds)


def _boundary(lookup: Lookup, record: dict) -> dict:
    field = "permissions_boundary"
    referenced = lookup.referenced(record, field, "aws_iam_policy")
    if is_unknown(record, field):
        if len(referenced) != 1:
            return {"status": "unknown", "arn": None, "document": None}
        return _resolved(lookup, referenced[0], lookup.arn(referenced[0], "policy"))
    arn = record["values"].get(field)
    if not isinstance(arn, str) or not arn:
        return {"status": "none", "arn": None, "document": None}
    found = lookup.find_policies(arn, record, field)
    if len(found) != 1:
        return {"status": "unresolved", "arn": arn, "document": None}
    return _resolved(lookup, found[0], arn)


def _resolved(lookup: Lookup, address: str, arn: str | None) -> dict:
    return {"status": "resolved", "arn": arn, "document": lookup.document(address)}


def _attach_managed_arns(view: dict, lookup: Lookup, record: dict, declares: Declares) -> None:
    field = "managed_policy_arns"
    if is_unknown(record, field) and not declares(record, field):
        return
    documents, unresolved, undetermined = _policy_targets(lookup, record, field)
    view["identity_documents"].extend(documents)
    view["unresolved_policy_arns"].extend(unresolved)
    view["unknown_attachments"].extend([record["address"]] if undetermined else [])


def _attach(views: dict, lookup: Lookup, record: dict) -> None:
    role_field, policy_field = ATTACHMENTS[record["type"]]
    roles = _role_targets(lookup, record, role_field)
    if policy_field is None:
        documents, unresolved, undetermined = list(record["documents"].values()), [], False
    else:
        documents, unresolved, undetermined = _policy_targets(lookup, record, policy_field)
    for address in views if roles is None else roles:
        view = views[address]
        if roles is None or undetermined:
            view["unknown_attachments"].append(record["address"])
        if roles is not None:
            view["identity_documents"].extend(documents)
            view["unresolved_policy_arns"].extend(unresolved)


def _role_targets(lookup: Lookup, record: dict, field: str) -> list[str] | None:
    """Return the roles of the plan an attachment binds; None when that cannot be told."""
    referenced = lookup.referenced(record, field, "aws_iam_role")
    value = None if is_unknown(record, field) else record["values"].get(field)
    if value is None:
        return referenced or None
    names = value if isinstance(value, list) else [value]
    return [address for name in names if isinstance(name, str)
            for address in lookup.roles.find(name, record, field)]


def _policy_targets(lookup: Lookup, record: dict,
                    field: str) -> tuple[list[str], list[str], bool]:
    """Return (document ids, unresolved ARNs, undetermined) for a policy ARN field."""
    if is_unknown(record, field):
        referenced = lookup.referenced(record, field, "aws_iam_policy")
        return [lookup.document(address) for address in referenced], [], not referenced
    value = record["values"].get(field) or []
    documents, unresolved = [], []
    for arn in value if isinstance(value, list) else [value]:
        found = lookup.find_policies(arn, record, field)
        documents.extend(lookup.document(address) for address in found)
        unresolved.extend([] if found or not isinstance(arn, str) else [arn])
    return documents, unresolved, False


def _bucket_view(record: dict) -> dict:
    inline = record["documents"].get("policy")
    view = {"address": record["address"], "bucket": record["values"].get("bucket"),
            "policy_address": record["address"] if inline else None, "policy_document": inline}
    view.update({slot: None for slot in BUCKET_COMPANIONS.values() if slot != "policy"})
    view["tags"] = tags_of(record["values"])
    return view


def _bucket_targets(lookup: Lookup, record: dict) -> list[str]:
    referenced = lookup.referenced(record, "bucket", "aws_s3_bucket")
    name = None if is_unknown(record, "bucket") else record["values"].get("bucket")
    if not isinstance(name, str):
        return referenced
    return lookup.buckets.find(name, record, "bucket")


def _set_companion(view: dict, slot: str, record: dict) -> None:
    if slot == "policy":
        if view["policy_address"] in (None, view["address"]):
            view["policy_address"] = record["address"]
            view["policy_document"] = record["documents"].get("policy")
    elif view[slot] is None:
        view[slot] = {"address": record["address"], "values": record["values"]}


def tags_of(values: dict) -> dict:
    """Merge ``tags`` over ``tags_all`` where each is a known map."""
    tags = {}
    for key in ("tags_all", "tags"):
        if isinstance(values.get(key), dict):
            tags.update(values[key])
    return tags


def _path_name(record: dict) -> tuple[str, str] | None:
    """Return (path, name) of a role or policy when both are known."""
    values = record["values"]
    path = None if is_unknown(record, "path") else values.get("path") or "/"
    name = values.get("name")
    return (path, name) if path and isinstance(name, str) and name else None


def _named(resources: dict[str, dict], addresses: list[str], field: str) -> Named:
    named = Named()
    for address in addresses:
        value = resources[address]["values"].get(field)
        if isinstance(value, str) and value:
            named.add(value, resources[address])
    return named
