package ztiam.controls.bucket_vpce_only_test

import data.ztiam.controls.bucket_vpce_only

_policy := data.ztiam.fixtures.buckets.policy

_outside := data.ztiam.fixtures.condition("StringNotEquals", "aws:SourceVpce", ["vpce-0abc1234"])

_exemptions := [data.ztiam.fixtures.buckets.service_exemption, data.ztiam.fixtures.buckets.principal_exemption]

_vpce_deny(conditions) := data.ztiam.fixtures.buckets.deny(
	["s3:*"], data.ztiam.fixtures.buckets.bucket_and_objects, conditions,
)

_findings(statements, context) := found if {
	found := bucket_vpce_only.findings with input as data.ztiam.fixtures.buckets.model(statements, context)
}

test_allow_endpoint_deny_with_exact_exemptions if {
	found := _findings([_vpce_deny(array.concat([_outside], _exemptions))], {})
	data.ztiam.fixtures.statuses(found, _policy) == {"pass"}
}

test_allow_source_vpc if {
	vpc := data.ztiam.fixtures.condition("StringNotEqualsIfExists", "aws:SourceVpc", ["vpc-0abc1234"])
	found := _findings([_vpce_deny(array.concat([vpc], _exemptions))], {})
	data.ztiam.fixtures.statuses(found, _policy) == {"pass"}
}

test_deny_lock_out_without_exemptions if {
	found := _findings([_vpce_deny([_outside])], {})
	data.ztiam.fixtures.has_message(found, _policy, "fail", "locks everyone out")
	data.ztiam.fixtures.has_message(found, _policy, "fail", "only the account's root user")
	data.ztiam.fixtures.has_message(found, _policy, "fail", "does not exempt AWS service principals")
}

test_deny_lock_out_with_services_exempted_only if {
	found := _findings([_vpce_deny([_outside, data.ztiam.fixtures.buckets.service_exemption])], {})
	data.ztiam.fixtures.has_message(found, _policy, "fail", "locks everyone out")
}

test_deny_extra_exempt_principal if {
	wide := data.ztiam.fixtures.condition("ArnNotLike", "aws:PrincipalArn", ["arn:aws:iam::111122223333:role/*"])
	found := _findings([_vpce_deny([_outside, data.ztiam.fixtures.buckets.service_exemption, wide])], {})
	data.ztiam.fixtures.has_message(found, _policy, "fail", "is not ArnNotLike on the blueprint's exempt principals")
}

test_deny_positive_operator if {
	inside := data.ztiam.fixtures.condition("StringEquals", "aws:SourceVpce", ["vpce-0abc1234"])
	found := _findings([_vpce_deny(array.concat([inside], _exemptions))], {})
	data.ztiam.fixtures.has_message(found, _policy, "fail", "denies requests through the endpoint instead of outside it")
}

test_deny_objects_only if {
	statement := object.union(
		_vpce_deny(array.concat([_outside], _exemptions)),
		{"resources": data.ztiam.fixtures.buckets.objects},
	)
	found := _findings([statement], {})
	data.ztiam.fixtures.has_message(found, _policy, "fail", "does not cover both the bucket and its objects")
}

test_deny_no_endpoint_statement if {
	found := _findings([], {})
	data.ztiam.fixtures.has_message(found, _policy, "fail", "has no Deny conditioned on aws:SourceVpce")
}

test_unknown_policy_text if {
	found := bucket_vpce_only.findings with input as data.ztiam.fixtures.buckets.unknown_model
	data.ztiam.fixtures.statuses(found, _policy) == {"unknown"}
}
