package ztiam.controls.service_role_least_privilege_test

import data.ztiam.controls.service_role_least_privilege

_role := "aws_iam_role.app"

_policy := "aws_iam_policy.app#policy"

_findings(role_fields, statements) := found if {
	model := data.ztiam.fixtures.model({
		"roles": {_role: data.ztiam.fixtures.role(_role, object.union(
			{"principal_kinds": ["service"], "identity_documents": [_policy]},
			role_fields,
		))},
		"documents": {_policy: data.ztiam.fixtures.document(_policy, "identity", "managed", statements)},
	})
	found := service_role_least_privilege.findings with input as model
}

_allow(actions, resources) := data.ztiam.fixtures.statement({"actions": actions, "resources": resources})

test_allow_named_actions_and_resources if {
	found := _findings({}, [
		_allow(["s3:getobject", "s3:putobject"], ["arn:aws:s3:::data/*"]),
		_allow(["xray:puttracesegments"], ["*"]),
		_allow(["iam:passrole"], ["arn:aws:iam::111122223333:role/worker"]),
	])
	data.ztiam.fixtures.statuses(found, _role) == {"pass"}
}

test_deny_action_star if {
	found := _findings({}, [_allow(["*"], ["*"])])
	data.ztiam.fixtures.has_message(found, _role, "fail", "allows *")
}

test_deny_whole_service if {
	found := _findings({}, [_allow(["s3:*"], ["arn:aws:s3:::data/*"])])
	data.ztiam.fixtures.has_message(found, _role, "fail", "allows s3:*")
}

test_deny_not_action if {
	statement := data.ztiam.fixtures.statement({"actions": null, "not_actions": ["iam:*"]})
	found := _findings({}, [statement])
	data.ztiam.fixtures.has_message(found, _role, "fail", "allows with NotAction")
}

test_deny_permissions_management if {
	found := _findings({}, [_allow(["iam:putrolepolicy"], ["arn:aws:iam::111122223333:role/x"])])
	data.ztiam.fixtures.has_message(found, _role, "fail", "permissions-management actions iam:putrolepolicy")
}

test_deny_pass_role_on_wildcard if {
	found := _findings({}, [_allow(["iam:passrole"], ["arn:aws:iam::111122223333:role/*"])])
	data.ztiam.fixtures.has_message(found, _role, "fail", "iam:passrole")
}

test_deny_resource_star_with_resource_level_actions if {
	found := _findings({}, [_allow(["s3:getobject"], ["*"])])
	data.ztiam.fixtures.has_message(found, _role, "fail", "s3:getobject on Resource \"*\"")
}

test_deny_aws_managed_policy if {
	found := _findings({"unresolved_policy_arns": ["arn:aws:iam::aws:policy/AmazonS3FullAccess"]}, [])
	data.ztiam.fixtures.has_message(found, _role, "fail", "AWS-managed policy arn:aws:iam::aws:policy/AmazonS3FullAccess attached, whose text is not in the plan")
}

_revoker := {"arn": "arn:aws:iam::111122223333:role/ztiam-prod-revoker", "name": "ztiam-prod-revoker"}

test_allow_automation_management_on_named_arns if {
	fields := _revoker
	found := _findings(fields, [_allow(["iam:deleterolepolicy"], ["arn:aws:iam::111122223333:role/ztiam-grant"])])
	data.ztiam.fixtures.statuses(found, _role) == {"pass"}
}

test_deny_role_tagged_automation_but_not_named_in_context if {
	fields := {"name": "ztiam-prod-lookalike", "tags": {"ztiam:tier": "automation"}}
	found := _findings(fields, [_allow(["iam:deleterolepolicy"], ["arn:aws:iam::111122223333:role/ztiam-grant"])])
	data.ztiam.fixtures.statuses(found, _role) == {"fail"}
}

test_deny_automation_management_on_star if {
	fields := _revoker
	found := _findings(fields, [_allow(["iam:deleterolepolicy"], ["*"])])
	data.ztiam.fixtures.statuses(found, _role) == {"fail"}
}

test_allow_human_roles_out_of_scope if {
	found := _findings({"principal_kinds": ["service", "aws"]}, [_allow(["*"], ["*"])])
	count(found) == 0
}

test_unknown_policy_text if {
	model := data.ztiam.fixtures.model({
		"roles": {_role: data.ztiam.fixtures.role(_role, {"principal_kinds": ["service"], "identity_documents": [_policy]})},
		"documents": {_policy: data.ztiam.fixtures.unreadable(_policy, "identity", "managed", "unknown")},
	})
	found := service_role_least_privilege.findings with input as model
	data.ztiam.fixtures.statuses(found, _role) == {"unknown"}
}

test_unknown_action if {
	found := _findings({}, [_allow(["s3:frobnicate"], ["arn:aws:s3:::data/*"])])
	data.ztiam.fixtures.has_message(found, _role, "unknown", "s3:frobnicate")
}
