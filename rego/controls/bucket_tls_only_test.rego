package ztiam.controls.bucket_tls_only_test

import data.ztiam.controls.bucket_tls_only

_policy := data.ztiam.fixtures.buckets.policy

_insecure := data.ztiam.fixtures.condition("Bool", "aws:SecureTransport", ["false"])

_tls_deny := data.ztiam.fixtures.buckets.deny(["s3:*"], data.ztiam.fixtures.buckets.bucket_and_objects, [_insecure])

_findings(statements, context) := found if {
	found := bucket_tls_only.findings with input as data.ztiam.fixtures.buckets.model(statements, context)
}

test_allow_tls_deny_on_bucket_and_objects if {
	found := _findings([_tls_deny], {})
	data.ztiam.fixtures.statuses(found, _policy) == {"pass"}
}

test_allow_bucket_outside_named_data_buckets if {
	count(_findings([], {"data_buckets": ["another-bucket"]})) == 0
}

test_deny_no_tls_statement if {
	found := _findings([], {})
	data.ztiam.fixtures.has_message(found, _policy, "fail", "has no Deny conditioned on aws:SecureTransport")
}

test_deny_objects_only if {
	statement := object.union(_tls_deny, {"resources": data.ztiam.fixtures.buckets.objects})
	found := _findings([statement], {})
	data.ztiam.fixtures.has_message(found, _policy, "fail", "does not cover both the bucket and its objects")
}

test_deny_some_actions_only if {
	statement := object.union(_tls_deny, {"actions": ["s3:getobject"]})
	found := _findings([statement], {})
	data.ztiam.fixtures.has_message(found, _policy, "fail", "does not cover every S3 action")
}

test_deny_wrong_value if {
	secure := data.ztiam.fixtures.condition("Bool", "aws:SecureTransport", ["true"])
	statement := data.ztiam.fixtures.buckets.deny(["s3:*"], data.ztiam.fixtures.buckets.bucket_and_objects, [secure])
	found := _findings([statement], {})
	data.ztiam.fixtures.has_message(found, _policy, "fail", "not Bool \"false\"")
}

test_deny_narrowed_by_another_key if {
	vpce := data.ztiam.fixtures.condition("StringEquals", "aws:SourceVpce", ["vpce-0abc1234"])
	statement := object.union(_tls_deny, {"conditions": [_insecure, vpce]})
	found := _findings([statement], {})
	data.ztiam.fixtures.has_message(found, _policy, "fail", "it also tests aws:SourceVpce")
}

test_deny_data_bucket_without_policy if {
	found := bucket_tls_only.findings with input as data.ztiam.fixtures.buckets.unguarded_model
	data.ztiam.fixtures.has_message(found, data.ztiam.fixtures.buckets.bucket, "fail", "has no bucket policy")
}

test_unknown_policy_text if {
	found := bucket_tls_only.findings with input as data.ztiam.fixtures.buckets.unknown_model
	data.ztiam.fixtures.statuses(found, _policy) == {"unknown"}
}
