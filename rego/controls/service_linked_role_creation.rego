# METADATA
# title: Human roles cannot create service-linked roles
# description: >-
#   Every role that people or partners assume (tiers developer, operator, administrator,
#   external and grant, or an untagged role trusted by AWS accounts or a SAML provider) is
#   denied iam:CreateServiceLinkedRole, unconditionally, by its permissions boundary or one of
#   its identity policies, so no one leaves a service-linked role to implicit creation.
# scope: package
# custom:
#   id: ZT-SLR-02
#   severity: medium
#   constraint: 7
#   applies_to: [workload, logging]
#   subject: human_roles
#   rationale: >-
#     When a person can create a resource whose service needs a service-linked role, AWS
#     creates that role silently on their behalf; denying the action keeps service-linked roles
#     in the declared configuration only.
#   remediation: >-
#     Add a Deny of iam:CreateServiceLinkedRole on "*" without conditions to the human roles'
#     permissions boundary.
#   limitations: >-
#     Only unconditional Deny statements with Resource "*" (or a pattern covering every
#     service-linked role ARN) count; a deny scoped by iam:AWSServiceName does not. Roles named
#     as exempt principals in the blueprint are not applicable.
#   avoid: |-
#     resource "aws_iam_policy" "developer_boundary" {
#       name = "developer-boundary"
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           # scoped to one service: every other service-linked role can still be created
#           Sid      = "DenyCreateRdsServiceLinkedRole"
#           Effect   = "Deny"
#           Action   = ["iam:CreateServiceLinkedRole"]
#           Resource = "*"
#           Condition = {
#             StringEquals = { "iam:AWSServiceName" = "rds.amazonaws.com" }
#           }
#         }]
#       })
#     }
#   prefer: |-
#     resource "aws_iam_policy" "developer_boundary" {
#       name = "developer-boundary"
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [
#           {
#             Sid      = "DenyCreateServiceLinkedRole"
#             Effect   = "Deny"
#             Action   = ["iam:CreateServiceLinkedRole"]
#             Resource = "*"
#           },
#           # ... the boundary's other statements
#         ]
#       })
#     }
#   frameworks:
#     pci_dss: ["7.2.5"]
#     nist_800_53: ["AC-2", "AC-6"]
#     soc2: ["CC6.1", "CC6.3"]
#     nydfs: []
#     cis_aws: []
#     sox_itgc: []
#     ffiec: []
#   supporting:
#     nydfs: ["500.7(a)(2)"]
#     sox_itgc: ["APD"]
#     ffiec: ["IS II.C.15"]
package ztiam.controls.service_linked_role_creation

_action := "iam:createservicelinkedrole"

_human_tiers := {"developer", "operator", "administrator", "external", "grant"}

_exempt := {arn | some arn in input.context.exempt_principal_arns}

findings contains finding if {
	some address in _human
	input.roles[address].arn in _exempt
	message := sprintf("role %s is named as an exempt principal in the blueprint", [address])
	finding := {"address": address, "status": "not_applicable", "message": message}
}

findings contains finding if {
	some [address, doc_id, label] in _denials
	message := sprintf("%s of %s denies iam:CreateServiceLinkedRole to role %s", [label, doc_id, address])
	finding := {"address": address, "status": "pass", "message": message}
}

findings contains finding if {
	some address in _human
	role := input.roles[address]
	not role.arn in _exempt
	not address in _denied
	finding := _undenied_finding(role)
}

findings contains finding if {
	some address, role in input.roles
	data.ztiam.lib.roles.tier(role) == null
	problem := data.ztiam.lib.documents.problem(_trust(role))
	problem.status == "unknown"
	message := sprintf("whether role %s is assumed by people cannot be told: its trust policy %s", [
		address, problem.detail,
	])
	finding := {"address": address, "status": "unknown", "message": message}
}

# Addresses of the roles people or partners assume.
_human contains address if {
	some address, role in input.roles
	data.ztiam.lib.roles.tier(role) in _human_tiers
}

_human contains address if {
	some address, role in input.roles
	data.ztiam.lib.roles.tier(role) == null
	some s in data.ztiam.lib.documents.readable_statements(_trust(role))
	data.ztiam.lib.statements.is_allow(s)
	_admits_person(s)
}

# [role address, document id, statement label] of each unconditional denial of creation.
_denials contains [address, id, label] if {
	some address in _human
	role := input.roles[address]
	not role.arn in _exempt
	some id in data.ztiam.lib.roles.identity_document_ids(role)
	some label in object.get(_denying_statements, id, set())
}

# Labels of the statements that deny creation, by identity document id; each document is
# read once, however many roles share it.
_denying_statements := {id: labels |
	some id, doc in input.documents
	doc.kind == "identity"
	labels := {data.ztiam.lib.statements.label(s) | some s in _creation_denies(doc)}
	count(labels) > 0
}

_denied contains denial[0] if some denial in _denials

_admits_person(s) if count(data.ztiam.lib.principals.aws(s)) > 0

_admits_person(s) if data.ztiam.lib.principals.is_wildcard(s)

_admits_person(s) if {
	some provider in data.ztiam.lib.principals.federated(s)
	contains(provider, ":saml-provider/")
}

_trust(role) := _document(role.trust_document)

_documents(role) := [doc |
	some id in data.ztiam.lib.roles.identity_document_ids(role)
	doc := _document(id)
]

_creation_denies(doc) := [s |
	some s in data.ztiam.lib.documents.readable_statements(doc)
	data.ztiam.lib.statements.is_deny(s)
	count(data.ztiam.lib.statements.conditions(s)) == 0
	data.ztiam.lib.statements.covers_action(s, _action)
	_covers_every_service_linked_role(s)
]

_covers_every_service_linked_role(s) if data.ztiam.lib.statements.has_wildcard_resource(s)

_covers_every_service_linked_role(s) if {
	some pattern in data.ztiam.lib.values.array_field(s, "resources")
	glob.match(pattern, null, _sample_arn(pattern))
}

# A service-linked role ARN of a made-up service, in the pattern's own account.
_sample_arn(pattern) := sprintf(
	"arn:aws:iam::%s:role/aws-service-role/ztiam-sample.amazonaws.com/AWSServiceRoleForZtiamSample",
	[data.ztiam.lib.principals.account_of(pattern)],
)

_undenied_finding(role) := {"address": role.address, "status": "unknown", "message": message} if {
	count(_unreadable(role)) > 0
	message := sprintf(
		concat(" ", [
			"role %s is not denied iam:CreateServiceLinkedRole by the policies in the plan,",
			"and %s cannot be read",
		]),
		[role.address, data.ztiam.lib.values.text_list(_unreadable(role))],
	)
} else := {"address": role.address, "status": "fail", "message": message} if {
	message := sprintf(
		concat(" ", [
			"human role %s is not denied iam:CreateServiceLinkedRole by its boundary or",
			"policies, so services it uses can create service-linked roles implicitly",
		]),
		[role.address],
	)
}

# What binds the role but cannot be read: unknown documents and policies outside the plan.
_unreadable(role) := {what |
	some doc in _documents(role)
	doc.status != "ok"
	what := doc.id
} | {item.what |
	some item in data.ztiam.lib.roles.unseen(role)
	not item.aws_managed
}

# The document with this id, or a stand-in with status "missing".
_document(id) := doc if {
	doc := input.documents[id]
} else := data.ztiam.lib.documents.missing(id)
