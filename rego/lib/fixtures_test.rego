# Builders of inputs shaped like docs/resource-model.md, for the controls' unit tests.
# Each builder fills the fields a test leaves out with the model's neutral values.
package ztiam.fixtures

context := {
	"blueprint": "prod.yaml",
	"environment": "prod",
	"account_kind": "workload",
	"account_id": "111122223333",
	"allowed_regions": ["us-east-1"],
	"allowed_external_accounts": [],
	"exempt_principal_arns": [],
	"automation_principal_arns": ["arn:aws:iam::111122223333:role/ztiam-prod-revoker"],
	"max_session_seconds": 14400,
	"max_external_session_seconds": 7200,
	"password_policy": {"minimum_length": 14, "max_age_days": 90, "reuse_prevention": 12},
	"service_linked_roles": [],
	"data_buckets": null,
	"expects": {
		"human_roles": true, "external_access": true, "trail": true,
		"password_policy": true, "data_buckets": true,
	},
}

# A whole model from its parts; `by_type` is derived from `resources` unless given.
model(parts) := object.union(object.union(_empty, {"by_type": _by_type(parts)}), parts)

_empty := {
	"model_version": 1,
	"source": {"kind": "plan", "format_version": "1.2", "terraform_version": "1.11.4"},
	"context": context,
	"resources": {},
	"by_type": {},
	"documents": {},
	"roles": {},
	"buckets": {},
}

_by_type(parts) := {type: addresses |
	some entry in object.get(parts, "resources", {})
	type := entry.type
	addresses := sort([address |
		some address, other in parts.resources
		other.type == type
	])
}

# A statement; `condition_keys` is derived from `conditions`.
statement(fields) := object.union(merged, {"condition_keys": keys}) if {
	merged := object.union(_statement, fields)
	keys := sort({c.key | some c in merged.conditions})
}

_statement := {
	"index": 0, "sid": null, "effect": "Allow", "actions": ["s3:getobject"], "not_actions": null,
	"resources": ["*"], "not_resources": null, "principals": null, "not_principals": null,
	"conditions": [],
}

# The Principal element of a statement: lists per type over empty ones.
principals(fields) := object.union(merged, {"wildcard": "*" in merged.AWS}) if {
	merged := object.union(
		{"AWS": [], "Service": [], "Federated": [], "CanonicalUser": [], "accounts": []},
		fields,
	)
}

# One condition as the host splits it: operator, key and values.
condition(operator, key, values) := {
	"operator": operator, "base": base, "set": set_operator, "if_exists": if_exists,
	"negated": _is_negated(base), "key": lower(key), "key_raw": key, "values": values,
} if {
	[set_operator, rest] := _split_set(operator)
	[base, if_exists] := _split_if_exists(rest)
}

_split_set(operator) := ["ForAllValues", substring(operator, 13, -1)] if {
	startswith(lower(operator), "forallvalues:")
} else := ["ForAnyValue", substring(operator, 12, -1)] if {
	startswith(lower(operator), "foranyvalue:")
} else := [null, operator]

_split_if_exists(operator) := [substring(operator, 0, count(operator) - 8), true] if {
	count(operator) > 8
	endswith(lower(operator), "ifexists")
} else := [operator, false]

_is_negated(base) := true if {
	lowered := lower(base)
	_negated_form(lowered)
} else := false

_negated_form(lowered) if startswith(lowered, "stringnot")

_negated_form(lowered) if startswith(lowered, "arnnot")

_negated_form(lowered) if startswith(lowered, "notipaddress")

_negated_form(lowered) if contains(lowered, "notequals")

# A policy document with status "ok" holding the statements, indexed in order.
document(id, kind, subkind, statements) := {
	"id": id, "address": split(id, "#")[0], "attribute": split(id, "#")[1],
	"kind": kind, "subkind": subkind, "status": "ok", "error": null, "size": 400,
	"version": "2012-10-17", "statements": [object.union(s, {"index": i}) | some i, s in statements],
	"issues": [],
}

# A document that could not be read: status "unknown", "invalid" or "missing".
unreadable(id, kind, subkind, status) := {
	"id": id, "address": split(id, "#")[0], "attribute": split(id, "#")[1],
	"kind": kind, "subkind": subkind, "status": status, "error": _unreadable_error(status),
	"size": 0, "version": null, "statements": [], "issues": [],
}

_unreadable_error(status) := "not JSON: Expecting value at 1:1" if status == "invalid"

else := null

# A role view; `trust_document` defaults to the role's assume_role_policy document.
role(address, fields) := object.union(
	{
		"address": address, "name": split(address, ".")[1],
		"arn": sprintf("arn:aws:iam::111122223333:role/%s", [split(address, ".")[1]]),
		"trust_document": sprintf("%s#assume_role_policy", [address]),
		"identity_documents": [], "unresolved_policy_arns": [], "unknown_attachments": [],
		"boundary": {"status": "none", "arn": null, "document": null},
		"max_session_duration": 3600, "max_session_duration_unknown": false,
		"principal_kinds": ["aws"], "tags": {},
	},
	fields,
)

# A resource entry with known values and the paths that are unknown until apply.
resource(address, values, unknown) := {
	"address": address, "module": null, "type": split(address, ".")[0],
	"name": split(address, ".")[1], "index": null, "actions": ["create"], "values": values,
	"unknown": unknown, "references": {}, "documents": {},
}

# The statuses of the findings about one address.
statuses(findings, address) := {f.status | some f in findings; f.address == address}

# The messages of the findings about one address with one status.
messages(findings, address, status) := {f.message |
	some f in findings
	f.address == address
	f.status == status
}

# Whether some message about the address with the status contains the text.
has_message(findings, address, status, text) if {
	some message in messages(findings, address, status)
	contains(message, text)
}
