# The role views of the resource model.
package ztiam.lib.roles

# The value of the role's ztiam:tier tag, or null.
tier(role) := value if {
	value := data.ztiam.lib.values.object_field(role, "tags")["ztiam:tier"]
	is_string(value)
} else := null

# Ids of the identity documents that bind the role: attached and inline policies and its
# boundary when the boundary's text is in the plan.
identity_document_ids(role) := array.concat(
	data.ztiam.lib.values.array_field(role, "identity_documents"),
	_boundary_ids(role),
)

_boundary_ids(role) := [id] if {
	role.boundary.status == "resolved"
	id := role.boundary.document
	is_string(id)
} else := []

# Policies that bind the role but whose text the plan does not show, as {"what", "aws_managed"}.
unseen(role) := (_unresolved(role) | _unseen_boundary(role)) | _unknown_attachments(role)

_unresolved(role) := {item |
	some arn in data.ztiam.lib.values.array_field(role, "unresolved_policy_arns")
	item := {"what": sprintf("attached policy %v", [arn]), "aws_managed": is_aws_managed(arn)}
}

_unseen_boundary(role) := {item} if {
	role.boundary.status == "unresolved"
	arn := role.boundary.arn
	item := {"what": sprintf("permissions boundary %v", [arn]), "aws_managed": is_aws_managed(arn)}
} else := {item} if {
	not role.boundary.status in {"none", "resolved"}
	item := {"what": "a permissions boundary whose value is unknown", "aws_managed": false}
} else := set()

_unknown_attachments(role) := {item |
	some address in data.ztiam.lib.values.array_field(role, "unknown_attachments")
	item := {"what": sprintf("attachment %v", [address]), "aws_managed": false}
}

# Whether a policy ARN names an AWS-managed policy.
is_aws_managed(arn) := true if {
	is_string(arn)
	contains(arn, ":iam::aws:policy/")
} else := false

# The tier of a role in the hierarchy: its ztiam:tier tag, otherwise the suffix of its name
# (-developer, -operator, -administrator); null when neither says.
hierarchy_tier(role) := tier(role) if {
	tier(role) != null
} else := suffix if {
	name := data.ztiam.lib.values.string_field(role, "name")
	is_string(name)
	some suffix in ["developer", "operator", "administrator"]
	endswith(name, concat("", ["-", suffix]))
} else := null

# Whether people or partners assume the role: its trust admits AWS or federated principals.
is_human(role) if {
	some kind in data.ztiam.lib.values.array_field(role, "principal_kinds")
	kind in {"aws", "federated", "wildcard"}
}
