package ztiam.controls.region_deny_test

import data.ztiam.controls.region_deny

_statuses(found, address) := data.ztiam.fixtures.statuses(found, address)

_has_message(found, address, status, text) if {
	data.ztiam.fixtures.has_message(found, address, status, text)
}

_id := "aws_iam_policy.dev#policy"

_address := "aws_iam_policy.dev"

_allow_all := data.ztiam.fixtures.statement({"actions": ["*"]})

_region(operator, regions) := data.ztiam.fixtures.condition(operator, "aws:RequestedRegion", regions)

_deny(fields) := data.ztiam.fixtures.statement(object.union(
	{
		"effect": "Deny", "actions": null,
		"not_actions": [lower(a) | some a in data.ztiam.data.global_services.actions],
		"conditions": [_region("StringNotEquals", ["us-east-1"])],
	},
	fields,
))

_findings(statements, context) := found if {
	model := data.ztiam.fixtures.model({
		"context": context,
		"documents": {_id: data.ztiam.fixtures.document(_id, "identity", "managed", statements)},
	})
	found := region_deny.findings with input as model
}

test_allow_conventional_region_deny if {
	found := _findings([_allow_all, _deny({})], {})
	_statuses(found, _address) == {"pass"}
}

test_allow_action_star_with_if_exists_operator if {
	statement := _deny({
		"actions": ["*"], "not_actions": null,
		"conditions": [_region("StringNotEqualsIfExists", ["us-east-1"])],
	})
	found := _findings([statement], {})
	_statuses(found, _address) == {"pass"}
}

test_allow_exact_exemptions if {
	exempt := [
		"arn:aws:iam::111122223333:role/ztiam-breakglass",
		"arn:aws:iam::111122223333:role/ztiam-deployer",
	]
	conditions := [
		_region("StringNotEquals", ["us-east-1"]),
		data.ztiam.fixtures.condition("ArnNotLike", "aws:PrincipalArn", exempt),
	]
	found := _findings([_deny({"conditions": conditions})], {"exempt_principal_arns": exempt})
	_statuses(found, _address) == {"pass"}
}

test_deny_exemption_without_blueprint_exemptions if {
	conditions := [
		_region("StringNotEquals", ["us-east-1"]),
		data.ztiam.fixtures.condition("ArnNotLike", "aws:PrincipalArn", ["arn:aws:iam::*:role/ztiam-deployer"]),
	]
	found := _findings([_deny({"conditions": conditions})], {})
	_statuses(found, _address) == {"fail"}
}

test_deny_extra_exemption if {
	conditions := [
		_region("StringNotEquals", ["us-east-1"]),
		data.ztiam.fixtures.condition("ArnNotLike", "aws:PrincipalArn", ["arn:aws:iam::*:role/*"]),
	]
	found := _findings([_deny({"conditions": conditions})], {})
	_has_message(found, _address, "fail", "is not ArnNotLike on the blueprint's exempt principals")
}

test_deny_no_region_deny if {
	found := _findings([_allow_all], {})
	_has_message(found, _address, "fail", "has no Deny statement conditioned on aws:RequestedRegion")
}

test_deny_regional_service_exempted if {
	statement := _deny({"not_actions": ["iam:*", "ec2:*"]})
	found := _findings([statement], {})
	_has_message(found, _address, "fail", "its NotAction exempts ec2:*, which is not a global service")
}

test_deny_region_outside_allowed if {
	statement := _deny({"conditions": [_region("StringNotEquals", ["us-east-1", "eu-west-1"])]})
	found := _findings([statement], {})
	_has_message(found, _address, "fail", "include eu-west-1")
}

test_deny_other_condition_key if {
	conditions := [
		_region("StringNotEquals", ["us-east-1"]),
		data.ztiam.fixtures.condition("Bool", "aws:ViaAWSService", ["false"]),
	]
	found := _findings([_deny({"conditions": conditions})], {})
	_has_message(found, _address, "fail", "it also tests aws:ViaAWSService")
}

test_deny_positive_operator if {
	found := _findings([_deny({"conditions": [_region("StringEquals", ["us-east-1"])]})], {})
	_has_message(found, _address, "fail", "with StringEquals, not StringNotEquals")
}

test_deny_scoped_resource if {
	found := _findings([_deny({"resources": ["arn:aws:s3:::example-bucket/*"]})], {})
	_has_message(found, _address, "fail", "its Resource is not")
}

# The case of decisions/region-deny-and-global-services: both variants deny what they should
# once the allowed regions are the ones they name.
test_allow_case_not_action_variant if {
	statement := _deny({
		"not_actions": ["cloudfront:*", "iam:*", "route53:*", "support:*"],
		"conditions": [_region("StringNotEquals", ["eu-central-1", "eu-west-1"])],
	})
	found := _findings([_allow_all, statement], {"allowed_regions": ["eu-central-1", "eu-west-1"]})
	_statuses(found, _address) == {"pass"}
}

test_deny_case_variants_with_default_region if {
	statement := _deny({
		"not_actions": ["cloudfront:*", "iam:*", "route53:*", "support:*"],
		"conditions": [_region("StringNotEquals", ["eu-central-1", "eu-west-1"])],
	})
	found := _findings([_allow_all, statement], {})
	_statuses(found, _address) == {"fail"}
}

test_allow_one_good_statement_is_enough if {
	bad := _deny({"not_actions": ["ec2:*"]})
	good := object.union(_deny({}), {"index": 2})
	found := _findings([_allow_all, bad, good], {})
	_statuses(found, _address) == {"pass"}
}

test_unknown_policy_text if {
	unknown := data.ztiam.fixtures.unreadable(_id, "identity", "managed", "unknown")
	model := data.ztiam.fixtures.model({"documents": {_id: unknown}})
	found := region_deny.findings with input as model
	_statuses(found, _address) == {"unknown"}
}

test_deny_aws_managed_policy if {
	managed := ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
	role := data.ztiam.fixtures.role("aws_iam_role.ops", {"unresolved_policy_arns": managed})
	model := data.ztiam.fixtures.model({"roles": {"aws_iam_role.ops": role}})
	found := region_deny.findings with input as model
	_has_message(found, "aws_iam_role.ops", "fail", "which has no region deny")
}

test_deny_fewer_exemptions_than_the_blueprint_names if {
	exempt := [
		"arn:aws:iam::111122223333:role/ztiam-breakglass",
		"arn:aws:iam::111122223333:role/ztiam-deployer",
	]
	conditions := [
		_region("StringNotEquals", ["us-east-1"]),
		data.ztiam.fixtures.condition("ArnNotLike", "aws:PrincipalArn", [exempt[0]]),
	]
	found := _findings([_deny({"conditions": conditions})], {"exempt_principal_arns": exempt})
	_statuses(found, _address) == {"fail"}
}

test_allow_exactly_the_exemptions_the_blueprint_names if {
	exempt := [
		"arn:aws:iam::111122223333:role/ztiam-breakglass",
		"arn:aws:iam::111122223333:role/ztiam-deployer",
	]
	conditions := [
		_region("StringNotEquals", ["us-east-1"]),
		data.ztiam.fixtures.condition("ArnNotLike", "aws:PrincipalArn", exempt),
	]
	found := _findings([_deny({"conditions": conditions})], {"exempt_principal_arns": exempt})
	_statuses(found, _address) == {"pass"}
}
