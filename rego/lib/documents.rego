# The parsed policy documents of the resource model.
package ztiam.lib.documents

_known_statuses := {"ok", "unknown", "invalid", "missing"}

# The documents of one kind ("identity", "trust" or "resource"), keyed by id.
of_kind(documents, kind) := {id: doc |
	some id, doc in documents
	doc.kind == kind
}

# The documents of one subkind ("bucket", "managed", ...), keyed by id.
of_subkind(documents, subkind) := {id: doc |
	some id, doc in documents
	doc.subkind == subkind
}

# A stand-in for a document the model does not have. Controls look documents up in
# input.documents themselves: passing that whole object to a helper is slow on OPA.
missing(id) := {"id": id, "address": null, "status": "missing", "error": null, "statements": []}

# The statements of a document whose text was read; none for any other status.
readable_statements(doc) := data.ztiam.lib.values.array_field(doc, "statements") if doc.status == "ok"

else := []

# Why a document cannot be analysed: {"status", "detail"}; undefined for a readable one.
problem(doc) := {"status": "unknown", "detail": "is unknown at plan time"} if {
	doc.status == "unknown"
} else := {"status": "fail", "detail": sprintf("is not a valid policy (%s)", [_error(doc)])} if {
	doc.status == "invalid"
} else := {"status": "fail", "detail": "is missing where a policy is required"} if {
	doc.status == "missing"
} else := {"status": "fail", "detail": sprintf("has the unexpected status %v", [_status(doc)])} if {
	not _status(doc) in _known_statuses
}

_status(doc) := object.get(doc, "status", null)

_error(doc) := doc.error if {
	is_string(doc.error)
	doc.error != ""
} else := "no reason given"
