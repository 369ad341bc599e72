package ztiam.controls.service_linked_role_creation_test

import data.ztiam.controls.service_linked_role_creation

_statuses(found, address) := data.ztiam.fixtures.statuses(found, address)

_has_message(found, address, status, text) if {
	data.ztiam.fixtures.has_message(found, address, status, text)
}

_role := "aws_iam_role.developer"

_boundary := "aws_iam_policy.boundary#policy"

_developer := {"tags": {"ztiam:tier": "developer"}, "boundary": {
	"status": "resolved", "arn": "arn:aws:iam::111122223333:policy/boundary", "document": _boundary,
}}

_deny(fields) := data.ztiam.fixtures.statement(object.union(
	{"effect": "Deny", "actions": ["iam:createservicelinkedrole"], "resources": ["*"]},
	fields,
))

_findings(role_fields, statements) := found if {
	model := data.ztiam.fixtures.model({
		"roles": {_role: data.ztiam.fixtures.role(_role, role_fields)},
		"documents": {_boundary: data.ztiam.fixtures.document(_boundary, "identity", "managed", statements)},
	})
	found := service_linked_role_creation.findings with input as model
}

test_allow_boundary_denies_creation if {
	found := _findings(_developer, [_deny({})])
	_statuses(found, _role) == {"pass"}
}

test_allow_glob_action_and_service_role_path if {
	statement := _deny({"actions": ["iam:create*"], "resources": ["arn:aws:iam::*:role/aws-service-role/*"]})
	found := _findings(_developer, [statement])
	_statuses(found, _role) == {"pass"}
}

test_deny_no_denial if {
	found := _findings(_developer, [data.ztiam.fixtures.statement({"actions": ["s3:*"]})])
	_has_message(found, _role, "fail", "is not denied iam:CreateServiceLinkedRole")
}

test_deny_conditional_denial_does_not_count if {
	condition := data.ztiam.fixtures.condition("StringNotEquals", "iam:AWSServiceName", ["rds.amazonaws.com"])
	found := _findings(_developer, [_deny({"conditions": [condition]})])
	_statuses(found, _role) == {"fail"}
}

test_deny_one_service_path_does_not_count if {
	statement := _deny({"resources": ["arn:aws:iam::*:role/aws-service-role/rds.amazonaws.com/*"]})
	found := _findings(_developer, [statement])
	_statuses(found, _role) == {"fail"}
}

test_allow_service_roles_are_out_of_scope if {
	found := _findings({"tags": {"ztiam:tier": "service"}}, [])
	count(found) == 0
}

test_allow_exempt_role_is_not_applicable if {
	model := data.ztiam.fixtures.model({
		"context": {"exempt_principal_arns": ["arn:aws:iam::111122223333:role/developer"]},
		"roles": {_role: data.ztiam.fixtures.role(_role, _developer)},
	})
	found := service_linked_role_creation.findings with input as model
	_statuses(found, _role) == {"not_applicable"}
}

test_unknown_boundary_text if {
	model := data.ztiam.fixtures.model({
		"roles": {_role: data.ztiam.fixtures.role(_role, _developer)},
		"documents": {_boundary: data.ztiam.fixtures.unreadable(_boundary, "identity", "managed", "unknown")},
	})
	found := service_linked_role_creation.findings with input as model
	_statuses(found, _role) == {"unknown"}
}
