package ztiam.controls.bucket_encrypted_uploads_test

import data.ztiam.controls.bucket_encrypted_uploads

_policy := data.ztiam.fixtures.buckets.policy

_header := "s3:x-amz-server-side-encryption"

_upload_deny(conditions) := data.ztiam.fixtures.buckets.deny(
	["s3:putobject"], data.ztiam.fixtures.buckets.objects, conditions,
)

_wrong_value := _upload_deny([data.ztiam.fixtures.condition("StringNotEquals", _header, ["aws:kms"])])

_missing := _upload_deny([data.ztiam.fixtures.condition("Null", _header, ["true"])])

_findings(statements) := found if {
	found := bucket_encrypted_uploads.findings with input as data.ztiam.fixtures.buckets.model(statements, {})
}

test_allow_two_statement_form if {
	found := _findings([_wrong_value, _missing])
	data.ztiam.fixtures.statuses(found, _policy) == {"pass"}
}

test_allow_if_exists_without_null_guard if {
	statement := _upload_deny([data.ztiam.fixtures.condition("StringNotEqualsIfExists", _header, ["aws:kms"])])
	found := _findings([statement])
	data.ztiam.fixtures.statuses(found, _policy) == {"pass"}
}

test_allow_service_exemption if {
	exempted := object.union(_missing, {"conditions": array.concat(
		_missing.conditions,
		[data.ztiam.fixtures.buckets.service_exemption],
	)})
	found := _findings([_wrong_value, exempted])
	data.ztiam.fixtures.statuses(found, _policy) == {"pass"}
}

test_deny_combined_statement_lets_missing_header_through if {
	combined := _upload_deny([
		data.ztiam.fixtures.condition("StringNotEqualsIfExists", _header, ["aws:kms"]),
		data.ztiam.fixtures.condition("Null", _header, ["false"]),
	])
	found := _findings([combined])
	data.ztiam.fixtures.has_message(found, _policy, "fail", "does not deny uploads that send no")
	data.ztiam.fixtures.has_message(found, _policy, "fail", "requires the header to be present (Null \"false\")")
	data.ztiam.fixtures.statuses(found, _policy) == {"fail"}
}

test_deny_value_check_only if {
	found := _findings([_wrong_value])
	data.ztiam.fixtures.has_message(found, _policy, "fail", "does not deny uploads that send no")
}

test_deny_missing_header_check_only if {
	found := _findings([_missing])
	data.ztiam.fixtures.has_message(found, _policy, "fail", "does not deny uploads that ask for another encryption")
}

test_deny_not_every_principal if {
	app := data.ztiam.fixtures.principals({"AWS": ["arn:aws:iam::111122223333:role/app"]})
	found := _findings([_wrong_value, object.union(_missing, {"principals": app})])
	data.ztiam.fixtures.has_message(found, _policy, "fail", "does not apply to every principal")
}

test_deny_no_statement if {
	found := _findings([])
	data.ztiam.fixtures.statuses(found, _policy) == {"fail"}
}

test_unknown_policy_text if {
	found := bucket_encrypted_uploads.findings with input as data.ztiam.fixtures.buckets.unknown_model
	data.ztiam.fixtures.statuses(found, _policy) == {"unknown"}
}
