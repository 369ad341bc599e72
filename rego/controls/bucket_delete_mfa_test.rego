package ztiam.controls.bucket_delete_mfa_test

import data.ztiam.controls.bucket_delete_mfa

_policy := data.ztiam.fixtures.buckets.policy

_deletes := ["s3:deleteobject", "s3:deleteobjectversion"]

_delete_deny(operator) := data.ztiam.fixtures.buckets.deny(_deletes, data.ztiam.fixtures.buckets.objects, [
	data.ztiam.fixtures.condition(operator, "aws:MultiFactorAuthPresent", ["false"]),
	data.ztiam.fixtures.buckets.service_exemption,
	data.ztiam.fixtures.buckets.principal_exemption,
])

_findings(statements) := found if {
	found := bucket_delete_mfa.findings with input as data.ztiam.fixtures.buckets.model(statements, {})
}

test_allow_bool_if_exists if {
	found := _findings([_delete_deny("BoolIfExists")])
	data.ztiam.fixtures.statuses(found, _policy) == {"pass"}
}

test_allow_without_exemptions if {
	statement := data.ztiam.fixtures.buckets.deny(["s3:delete*"], data.ztiam.fixtures.buckets.objects, [
		data.ztiam.fixtures.condition("BoolIfExists", "aws:MultiFactorAuthPresent", ["false"]),
	])
	found := _findings([statement])
	data.ztiam.fixtures.statuses(found, _policy) == {"pass"}
}

test_deny_plain_bool_misses_long_term_keys if {
	found := _findings([_delete_deny("Bool")])
	data.ztiam.fixtures.has_message(found, _policy, "fail", "long-term access keys")
}

test_deny_delete_object_only if {
	statement := object.union(_delete_deny("BoolIfExists"), {"actions": ["s3:deleteobject"]})
	found := _findings([statement])
	data.ztiam.fixtures.has_message(found, _policy, "fail", "does not cover s3:deleteobjectversion")
}

test_deny_wrong_exemption if {
	wide := data.ztiam.fixtures.condition("ArnNotLike", "aws:PrincipalArn", ["arn:aws:iam::111122223333:role/*"])
	statement := data.ztiam.fixtures.buckets.deny(_deletes, data.ztiam.fixtures.buckets.objects, [
		data.ztiam.fixtures.condition("BoolIfExists", "aws:MultiFactorAuthPresent", ["false"]), wide,
	])
	found := _findings([statement])
	data.ztiam.fixtures.has_message(found, _policy, "fail", "is not ArnNotLike on the blueprint's exempt principals")
}

test_deny_no_mfa_statement if {
	found := _findings([])
	data.ztiam.fixtures.has_message(found, _policy, "fail", "has no Deny conditioned on aws:MultiFactorAuthPresent")
}

test_unknown_policy_text if {
	found := bucket_delete_mfa.findings with input as data.ztiam.fixtures.buckets.unknown_model
	data.ztiam.fixtures.statuses(found, _policy) == {"unknown"}
}
