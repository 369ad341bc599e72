package ztiam.controls.permission_boundary_test

import data.ztiam.controls.permission_boundary

_role := "aws_iam_role.developer"

_boundary := "aws_iam_policy.boundary#policy"

_deny(actions, resources, conditions) := data.ztiam.fixtures.statement({
	"effect": "Deny", "actions": actions, "resources": resources, "conditions": conditions,
})

_without_boundary := data.ztiam.fixtures.condition(
	"StringNotEquals", "iam:PermissionsBoundary",
	["arn:aws:iam::111122223333:policy/boundary"],
)

_good := [
	data.ztiam.fixtures.statement({"actions": ["*"]}),
	_deny(
		["iam:*permissionsboundary", "iam:createpolicyversion", "iam:setdefaultpolicyversion",
		"iam:attachuserpolicy", "iam:putuserpolicy"],
		["*"], [],
	),
	_deny(
		["iam:attachrolepolicy", "iam:detachrolepolicy", "iam:putrolepolicy", "iam:updateassumerolepolicy"],
		["arn:aws:iam::111122223333:role/ztiam-*"], [],
	),
	_deny(["iam:createrole", "iam:createuser"], ["*"], [_without_boundary]),
	data.ztiam.fixtures.statement({
		"effect": "Deny", "actions": ["iam:passrole"], "resources": null,
		"not_resources": ["arn:aws:iam::111122223333:role/app"],
	}),
]

_findings(role_fields, statements) := found if {
	model := data.ztiam.fixtures.model({
		"roles": {_role: data.ztiam.fixtures.role(_role, role_fields)},
		"documents": {_boundary: data.ztiam.fixtures.document(_boundary, "identity", "managed", statements)},
	})
	found := permission_boundary.findings with input as model
}

_bounded := {"boundary": {
	"status": "resolved", "arn": "arn:aws:iam::111122223333:policy/boundary",
	"document": _boundary,
}}

test_allow_complete_boundary if {
	found := _findings(_bounded, _good)
	data.ztiam.fixtures.statuses(found, _role) == {"pass"}
}

test_deny_no_boundary if {
	found := _findings({}, _good)
	data.ztiam.fixtures.has_message(found, _role, "fail", "has no permissions boundary")
}

test_deny_unresolved_boundary if {
	found := _findings({"boundary": {"status": "unresolved", "arn": "arn:aws:iam::111122223333:policy/x", "document": null}}, _good)
	data.ztiam.fixtures.has_message(found, _role, "fail", "not defined in this plan")
}

test_unknown_boundary_value if {
	found := _findings({"boundary": {"status": "unknown", "arn": null, "document": null}}, _good)
	data.ztiam.fixtures.statuses(found, _role) == {"unknown"}
}

test_unknown_boundary_text if {
	model := data.ztiam.fixtures.model({
		"roles": {_role: data.ztiam.fixtures.role(_role, _bounded)},
		"documents": {_boundary: data.ztiam.fixtures.unreadable(_boundary, "identity", "managed", "unknown")},
	})
	found := permission_boundary.findings with input as model
	data.ztiam.fixtures.statuses(found, _role) == {"unknown"}
}

test_deny_missing_user_policy_denies if {
	statements := array.concat([_deny(
		["iam:*permissionsboundary", "iam:createpolicyversion", "iam:setdefaultpolicyversion"],
		["*"], [],
	)], array.slice(_good, 2, 5))
	found := _findings(_bounded, array.concat([_good[0]], statements))
	data.ztiam.fixtures.has_message(found, _role, "fail", "does not deny iam:attachuserpolicy, iam:putuserpolicy on every resource")
}

test_deny_role_changes_only_on_other_roles if {
	narrow := _deny(["iam:attachrolepolicy"], ["arn:aws:iam::111122223333:role/other"], [])
	statements := [_good[0], _good[1], narrow, _good[3], _good[4]]
	found := _findings(_bounded, statements)
	data.ztiam.fixtures.has_message(found, _role, "fail", "iam:attachrolepolicy, iam:detachrolepolicy")
}

test_deny_unconditional_creation_allowed if {
	statements := [_good[0], _good[1], _good[2], _good[4]]
	found := _findings(_bounded, statements)
	data.ztiam.fixtures.has_message(found, _role, "fail", "iam:createrole, iam:createuser unless")
}

test_deny_creation_deny_on_other_key if {
	other := _deny(["iam:createrole", "iam:createuser"], ["*"], [data.ztiam.fixtures.condition("StringEquals", "aws:RequestTag/team", ["x"])])
	found := _findings(_bounded, [_good[0], _good[1], _good[2], other, _good[4]])
	data.ztiam.fixtures.statuses(found, _role) == {"fail"}
}

test_allow_unconditional_creation_deny if {
	all_creation := _deny(["iam:createrole", "iam:createuser"], ["*"], [])
	found := _findings(_bounded, [_good[0], _good[1], _good[2], all_creation, _good[4]])
	data.ztiam.fixtures.statuses(found, _role) == {"pass"}
}

test_deny_pass_role_on_everything if {
	found := _findings(_bounded, array.slice(_good, 0, 4))
	data.ztiam.fixtures.has_message(found, _role, "fail", "iam:PassRole allowed on every role")
}

test_deny_conditional_escalation_deny_does_not_count if {
	conditional := _deny(
		["iam:*permissionsboundary", "iam:createpolicyversion", "iam:setdefaultpolicyversion",
		"iam:attachuserpolicy", "iam:putuserpolicy"],
		["*"], [data.ztiam.fixtures.condition("Bool", "aws:MultiFactorAuthPresent", ["false"])],
	)
	found := _findings(_bounded, [_good[0], conditional, _good[2], _good[3], _good[4]])
	data.ztiam.fixtures.has_message(found, _role, "fail", "iam:createpolicyversion")
}

test_allow_pass_role_never_allowed_by_the_boundary if {
	ceiling := data.ztiam.fixtures.statement({"actions": ["ec2:*", "s3:*"]})
	found := _findings(_bounded, array.concat([ceiling], array.slice(_good, 1, 4)))
	data.ztiam.fixtures.statuses(found, _role) == {"pass"}
}

test_allow_service_and_exempt_roles_out_of_scope if {
	model := data.ztiam.fixtures.model({
		"context": object.union(data.ztiam.fixtures.context, {
			"exempt_principal_arns": ["arn:aws:iam::111122223333:role/pipeline"],
		}),
		"roles": {
			"aws_iam_role.pipeline": data.ztiam.fixtures.role("aws_iam_role.pipeline", {}),
			"aws_iam_role.app": data.ztiam.fixtures.role("aws_iam_role.app", {"principal_kinds": ["service"]}),
		},
	})
	found := permission_boundary.findings with input as model
	count(found) == 0
}
