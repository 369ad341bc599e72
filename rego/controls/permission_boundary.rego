# METADATA
# title: Every human role has a permissions boundary that closes privilege escalation
# description: >-
#   Every role that people or partners assume (trust admits AWS, federated or wildcard
#   principals), other than the exempted pipeline, break-glass and automation roles, has a
#   permissions boundary defined in the plan whose text denies policy-version changes,
#   boundary removal, user policy changes, role policy and trust changes on ztiam roles, role
#   and user creation without the boundary, and keeps iam:PassRole off "*".
# scope: package
# custom:
#   id: ZT-IAM-10
#   severity: critical
#   constraint: null
#   applies_to: [workload, logging]
#   subject: human_roles
#   rationale: >-
#     A boundary caps what a role can ever do, whatever policies are attached later. Without
#     denies on the IAM actions that rewrite policies, remove the boundary, create unbounded
#     principals or pass powerful roles, anyone holding the role can grant themselves more.
#   remediation: >-
#     Attach the compiled human boundary (permissions_boundary on the role) and keep its
#     DenyPrivilegeEscalation, DenyProtectedRoleChanges, DenyPrincipalsWithoutBoundary and
#     iam:PassRole denies; a Deny on iam:CreateRole and iam:CreateUser may carry only
#     StringNotEquals on iam:PermissionsBoundary.
#   limitations: >-
#     Only the boundary's own text is judged; denies in the role's identity policies do not
#     count, since those policies can be changed by whoever may attach policies. A Deny counts
#     when it is unconditional or exempts only the blueprint's exempted principals. Role policy
#     changes are checked on the ztiam-* role names of the account; other protected roles are
#     not enumerated. Resource patterns with a wildcard inside an ARN are not matched.
#   avoid: |-
#     resource "aws_iam_role" "developer" {
#       name               = "ztiam-prod-developer"
#       assume_role_policy = local.developer_trust
#       # no permissions_boundary: attached policies are the only limit
#     }
#   prefer: |-
#     resource "aws_iam_role" "developer" {
#       name                 = "ztiam-prod-developer"
#       assume_role_policy   = local.developer_trust
#       permissions_boundary = aws_iam_policy.boundary_developer.arn
#     }
#   frameworks:
#     pci_dss: ["7.2.1", "7.2.2"]
#     nist_800_53: ["AC-6", "AC-6(1)", "AC-6(10)", "AC-2(7)"]
#     soc2: ["CC6.1", "CC6.3"]
#     nydfs: ["500.7(a)(2)"]
#     cis_aws: []
#     sox_itgc: ["APD"]
#     ffiec: []
#   supporting:
#     pci_dss: ["7.2.5"]
#     nist_800_53: ["CM-5"]
#     ffiec: ["IS II.C.15"]
#     cis_aws: ["1.15"]
package ztiam.controls.permission_boundary

# Denied on every resource.
_everywhere := {
	"iam:createpolicyversion", "iam:setdefaultpolicyversion",
	"iam:deleterolepermissionsboundary", "iam:putrolepermissionsboundary",
	"iam:attachuserpolicy", "iam:putuserpolicy",
}

# Denied at least on the ztiam roles of the account.
_role_changes := {
	"iam:attachrolepolicy", "iam:putrolepolicy", "iam:detachrolepolicy",
	"iam:updateassumerolepolicy",
}

# Denied unless the new principal carries a boundary.
_creation := {"iam:createrole", "iam:createuser"}

_context_list(key) := {item | some item in data.ztiam.lib.values.array_field(input.context, key)}

_exempt := _context_list("exempt_principal_arns")

_excluded := _exempt | _context_list("automation_principal_arns")

_account := account if {
	account := input.context.account_id
	is_string(account)
} else := "*"

_ztiam_roles := sprintf("arn:aws:iam::%s:role/ztiam-*", [_account])

_human contains address if {
	some address, role in input.roles
	data.ztiam.lib.roles.is_human(role)
	not role.arn in _excluded
}

findings contains finding if {
	some address in _human
	role := input.roles[address]
	role.boundary.status == "none"
	message := sprintf("human role %s has no permissions boundary", [address])
	finding := {"address": address, "status": "fail", "message": message}
}

findings contains finding if {
	some address in _human
	role := input.roles[address]
	role.boundary.status == "unresolved"
	message := sprintf(
		"human role %s has permissions boundary %v, which is not defined in this plan, so its text cannot be checked",
		[address, role.boundary.arn],
	)
	finding := {"address": address, "status": "fail", "message": message}
}

findings contains finding if {
	some address in _human
	role := input.roles[address]
	not role.boundary.status in {"none", "unresolved", "resolved"}
	message := sprintf("the permissions boundary of human role %s is unknown at plan time", [address])
	finding := {"address": address, "status": "unknown", "message": message}
}

findings contains finding if {
	some address in _human
	doc := _boundary_document(input.roles[address])
	problem := data.ztiam.lib.documents.problem(doc)
	message := sprintf("permissions boundary %s of human role %s %s", [doc.id, address, problem.detail])
	finding := {"address": address, "status": problem.status, "message": message}
}

findings contains finding if {
	some address in _human
	some gap in _gaps[address]
	doc := _boundary_document(input.roles[address])
	message := sprintf("permissions boundary %s of human role %s %s", [doc.id, address, gap])
	finding := {"address": address, "status": "fail", "message": message}
}

findings contains finding if {
	some address in _human
	doc := _boundary_document(input.roles[address])
	doc.status == "ok"
	count(_gaps[address]) == 0
	message := sprintf(
		"permissions boundary %s of human role %s denies policy rewrites, boundary removal, unbounded principals and iam:PassRole on every role",
		[doc.id, address],
	)
	finding := {"address": address, "status": "pass", "message": message}
}

_boundary_document(role) := doc if {
	role.boundary.status == "resolved"
	doc := _document(role.boundary.document)
}

_gaps[address] := gaps if {
	some address in _human
	doc := _boundary_document(input.roles[address])
	doc.status == "ok"
	statements := data.ztiam.lib.documents.readable_statements(doc)
	gaps := _gaps_of(statements)
}

_gaps_of(statements) := ((_everywhere_gap(statements) | _role_change_gap(statements)) | _creation_gap(statements)) | _pass_role_gap(statements)

_denies(statements) := [s |
	some s in statements
	data.ztiam.lib.statements.is_deny(s)
]

_everywhere_gap(statements) := {gap |
	denies := _denies(statements)
	missing := {action |
		some action in _everywhere
		not data.ztiam.lib.access.denied(denies, action, ["*"], _exempt)
	}
	count(missing) > 0
	gap := sprintf("does not deny %s on every resource", [data.ztiam.lib.values.text_list(missing)])
}

_role_change_gap(statements) := {gap |
	denies := _denies(statements)
	missing := {action |
		some action in _role_changes
		not data.ztiam.lib.access.denied(denies, action, [_ztiam_roles], _exempt)
	}
	count(missing) > 0
	gap := sprintf("does not deny %s on the ztiam roles (%s)", [
		data.ztiam.lib.values.text_list(missing), _ztiam_roles,
	])
}

_creation_gap(statements) := {gap |
	denies := _denies(statements)
	missing := {action |
		some action in _creation
		not _creation_denied(denies, action)
	}
	count(missing) > 0
	gap := sprintf("does not deny %s unless the new principal carries a permissions boundary", [
		data.ztiam.lib.values.text_list(missing),
	])
}

_creation_denied(denies, action) if data.ztiam.lib.access.denied(denies, action, ["*"], _exempt)

_creation_denied(denies, action) if {
	some s in denies
	data.ztiam.lib.statements.covers_action(s, action)
	data.ztiam.lib.access.covers_resources(s, ["*"])
	some c in data.ztiam.lib.statements.conditions(s)
	_requires_boundary(c)
	every other in data.ztiam.lib.statements.conditions(s) {
		_boundary_or_exemption(other)
	}
}

_boundary_or_exemption(c) if _requires_boundary(c)

_boundary_or_exemption(c) if data.ztiam.lib.access.is_exemption(c, _exempt)

_requires_boundary(c) if {
	c.key == "iam:permissionsboundary"
	c.negated == true
	c.set == null
	data.ztiam.lib.statements.base(c) in {"stringnotequals", "arnnotequals", "stringnotlike", "arnnotlike"}
	count(c.values) > 0
}

_pass_role_gap(statements) := set() if _pass_role_confined(statements)

else := {`leaves iam:PassRole allowed on every role (Resource "*")`}

_pass_role_confined(statements) if {
	data.ztiam.lib.access.denied(_denies(statements), "iam:passrole", ["*"], _exempt)
}

_pass_role_confined(statements) if {
	some s in _denies(statements)
	data.ztiam.lib.access.is_effective_deny(s, _exempt)
	data.ztiam.lib.statements.covers_action(s, "iam:passrole")
	is_array(s.not_resources)
	every arn in s.not_resources {
		not contains(arn, "*")
	}
}

_pass_role_confined(statements) if not _pass_role_allowed_broadly(statements)

_pass_role_allowed_broadly(statements) if {
	some s in statements
	data.ztiam.lib.statements.is_allow(s)
	data.ztiam.lib.statements.covers_action(s, "iam:passrole")
	some arn in data.ztiam.lib.values.array_field(s, "resources")
	contains(arn, "*")
}

_pass_role_allowed_broadly(statements) if {
	some s in statements
	data.ztiam.lib.statements.is_allow(s)
	data.ztiam.lib.statements.covers_action(s, "iam:passrole")
	is_array(s.not_resources)
}

_document(id) := doc if {
	doc := input.documents[id]
} else := data.ztiam.lib.documents.missing(id)
