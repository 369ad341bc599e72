package ztiam.controls.operator_separation_test

import data.ztiam.controls.operator_separation

_role := "aws_iam_role.operator"

_policy := "aws_iam_policy.operator#policy"

_trust := "aws_iam_role.operator#assume_role_policy"

_mfa := data.ztiam.fixtures.condition("StringEquals", "aws:PrincipalTag/mfa", ["true"])

_findings(statements, trust_conditions) := found if {
	trust := data.ztiam.fixtures.statement({
		"actions": ["sts:assumerole"], "resources": null, "conditions": trust_conditions,
		"principals": data.ztiam.fixtures.principals({"AWS": ["arn:aws:iam::111122223333:root"]}),
	})
	model := data.ztiam.fixtures.model({
		"context": object.union(data.ztiam.fixtures.context, {"data_buckets": ["example-data"]}),
		"roles": {_role: data.ztiam.fixtures.role(_role, {
			"tags": {"ztiam:tier": "operator"}, "identity_documents": [_policy],
		})},
		"documents": {
			_policy: data.ztiam.fixtures.document(_policy, "identity", "managed", statements),
			_trust: data.ztiam.fixtures.document(_trust, "trust", "trust", [trust]),
		},
	})
	found := operator_separation.findings with input as model
}

_allow(actions) := data.ztiam.fixtures.statement({"actions": actions})

_deny(actions, resources) := data.ztiam.fixtures.statement({
	"effect": "Deny", "actions": actions, "resources": resources,
})

test_allow_infrastructure_with_data_reads_denied if {
	found := _findings(
		[_allow(["ec2:*", "s3:*"]), _deny(["s3:getobject*"], ["arn:aws:s3:::example-data/*"])],
		[_mfa],
	)
	data.ztiam.fixtures.statuses(found, _role) == {"pass"}
}

test_deny_data_bucket_reads if {
	found := _findings([_allow(["s3:*"])], [_mfa])
	data.ztiam.fixtures.has_message(found, _role, "fail", "reads of arn:aws:s3:::example-data/*")
}

test_deny_iam_user_creation if {
	found := _findings([_allow(["iam:createuser"])], [_mfa])
	data.ztiam.fixtures.has_message(found, _role, "fail", "IAM changes: iam:createuser")
}

test_allow_pass_role_is_left_to_the_boundary_control if {
	found := _findings([_allow(["iam:passrole"])], [_mfa])
	data.ztiam.fixtures.statuses(found, _role) == {"pass"}
}

test_deny_secret_reads if {
	found := _findings([_allow(["secretsmanager:getsecretvalue"])], [_mfa])
	data.ztiam.fixtures.has_message(found, _role, "fail", "application data reads")
}

test_deny_production_trust_without_mfa_tag if {
	found := _findings([_allow(["ec2:describe*"])], [])
	data.ztiam.fixtures.has_message(found, _role, "fail", "without an MFA session tag")
}

test_unknown_attached_policy_outside_the_plan if {
	trust := data.ztiam.fixtures.document(_trust, "trust", "trust", [data.ztiam.fixtures.statement({
		"actions": ["sts:assumerole"], "resources": null, "conditions": [_mfa],
		"principals": data.ztiam.fixtures.principals({"AWS": ["arn:aws:iam::111122223333:root"]}),
	})])
	model := data.ztiam.fixtures.model({
		"roles": {_role: data.ztiam.fixtures.role(_role, {
			"tags": {"ztiam:tier": "operator"},
			"unresolved_policy_arns": ["arn:aws:iam::111122223333:policy/elsewhere"],
		})},
		"documents": {_trust: trust},
	})
	found := operator_separation.findings with input as model with input.context.environment as "dev"
	data.ztiam.fixtures.statuses(found, _role) == {"unknown"}
}

test_allow_unknown_environment_is_not_production if {
	not data.ztiam.controls.operator_separation._is_production with input.context as {"environment": null}
}
