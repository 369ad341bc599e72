package ztiam.controls.developer_separation_test

import data.ztiam.controls.developer_separation

_role := "aws_iam_role.developer"

_policy := "aws_iam_policy.developer#policy"

_findings(statements, context) := found if {
	model := data.ztiam.fixtures.model({
		"context": object.union(data.ztiam.fixtures.context, context),
		"roles": {_role: data.ztiam.fixtures.role(_role, {
			"tags": {"ztiam:tier": "developer"}, "identity_documents": [_policy],
		})},
		"documents": {_policy: data.ztiam.fixtures.document(_policy, "identity", "managed", statements)},
	})
	found := developer_separation.findings with input as model
}

_allow(actions) := data.ztiam.fixtures.statement({"actions": actions})

_deny(actions) := data.ztiam.fixtures.statement({"effect": "Deny", "actions": actions})

test_allow_read_only_in_production if {
	found := _findings([_allow(["ec2:describe*", "logs:getlogevents"])], {})
	data.ztiam.fixtures.statuses(found, _role) == {"pass"}
}

test_deny_write_in_production if {
	found := _findings([_allow(["ec2:runinstances"])], {})
	data.ztiam.fixtures.has_message(found, _role, "fail", "production changes: ec2:runinstances")
}

test_allow_write_outside_production if {
	found := _findings([_allow(["ec2:runinstances"])], {"environment": "dev"})
	data.ztiam.fixtures.statuses(found, _role) == {"pass"}
}

test_deny_iam_changes_anywhere if {
	found := _findings([_allow(["iam:createuser"])], {"environment": "dev"})
	data.ztiam.fixtures.has_message(found, _role, "fail", "security-configuration changes: iam:createuser")
}

test_allow_iam_change_taken_away_by_unconditional_deny if {
	found := _findings([_allow(["iam:createuser"]), _deny(["iam:*"])], {"environment": "dev"})
	data.ztiam.fixtures.statuses(found, _role) == {"pass"}
}

test_deny_conditional_deny_does_not_count if {
	deny := data.ztiam.fixtures.statement({
		"effect": "Deny", "actions": ["iam:*"],
		"conditions": [data.ztiam.fixtures.condition("StringEquals", "aws:RequestTag/x", ["y"])],
	})
	found := _findings([_allow(["iam:createuser"]), deny], {"environment": "dev"})
	data.ztiam.fixtures.statuses(found, _role) == {"fail"}
}

test_deny_database_access_in_production if {
	found := _findings([_allow(["dynamodb:getitem"])], {})
	data.ztiam.fixtures.has_message(found, _role, "fail", "database data access: dynamodb:getitem")
}

test_deny_action_star_in_production if {
	found := _findings([_allow(["*"])], {})
	data.ztiam.fixtures.has_message(found, _role, "fail", "every action in production")
}

test_allow_untagged_role_by_name_is_in_scope if {
	model := data.ztiam.fixtures.model({
		"roles": {"aws_iam_role.x": data.ztiam.fixtures.role("aws_iam_role.x", {
			"name": "team-developer", "identity_documents": [_policy],
		})},
		"documents": {_policy: data.ztiam.fixtures.document(_policy, "identity", "managed", [
			_allow(["s3:putobject"]),
		])},
	})
	found := developer_separation.findings with input as model
	data.ztiam.fixtures.statuses(found, "aws_iam_role.x") == {"fail"}
}

test_unknown_policy_text if {
	model := data.ztiam.fixtures.model({
		"roles": {_role: data.ztiam.fixtures.role(_role, {
			"tags": {"ztiam:tier": "developer"}, "identity_documents": [_policy],
		})},
		"documents": {_policy: data.ztiam.fixtures.unreadable(_policy, "identity", "managed", "unknown")},
	})
	found := developer_separation.findings with input as model
	data.ztiam.fixtures.statuses(found, _role) == {"unknown"}
}
