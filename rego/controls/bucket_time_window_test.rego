package ztiam.controls.bucket_time_window_test

import data.ztiam.controls.bucket_time_window

_statuses(found, address) := data.ztiam.fixtures.statuses(found, address)

_has_message(found, address, status, text) if {
	data.ztiam.fixtures.has_message(found, address, status, text)
}

_bucket := "aws_s3_bucket.data"

_policy := "aws_s3_bucket_policy.data"

_id := "aws_s3_bucket_policy.data#policy"

_exempt := [
	"arn:aws:iam::111122223333:role/ztiam-breakglass",
	"arn:aws:iam::111122223333:role/ztiam-deployer",
]

_account_root := data.ztiam.fixtures.principals({"AWS": ["arn:aws:iam::111122223333:root"]})

_end := "2026-12-31T23:59:59Z"

_everyone := data.ztiam.fixtures.principals({"AWS": ["*"]})

_service_exemption := data.ztiam.fixtures.condition("BoolIfExists", "aws:PrincipalIsAWSService", ["false"])

_principal_exemption := data.ztiam.fixtures.condition("ArnNotLike", "aws:PrincipalArn", _exempt)

_window(operator, instant, extra) := data.ztiam.fixtures.statement({
	"effect": "Deny", "actions": ["s3:*"], "principals": _everyone,
	"resources": ["arn:aws:s3:::example-prod-data", "arn:aws:s3:::example-prod-data/*"],
	"conditions": array.concat(
		[data.ztiam.fixtures.condition(operator, "aws:CurrentTime", [instant])],
		extra,
	),
})

_exemptions := [_service_exemption, _principal_exemption]

_before := _window("DateLessThan", "2026-01-01T00:00:00Z", _exemptions)

_after := _window("DateGreaterThan", _end, _exemptions)

_log_delivery := data.ztiam.fixtures.statement({
	"actions": ["s3:putobject"], "resources": ["arn:aws:s3:::example-prod-data/logs/*"],
	"principals": data.ztiam.fixtures.principals({"Service": ["logging.s3.amazonaws.com"]}),
})

_model(statements, context) := data.ztiam.fixtures.model({
	"context": object.union({"exempt_principal_arns": _exempt}, context),
	"resources": {_policy: data.ztiam.fixtures.resource(_policy, {"bucket": "example-prod-data"}, [])},
	"buckets": {_bucket: {
		"address": _bucket, "bucket": "example-prod-data", "policy_address": _policy, "policy_document": _id,
		"public_access_block": null, "versioning": null, "encryption": null, "object_lock": null,
		"logging": null, "tags": {},
	}},
	"documents": {_id: data.ztiam.fixtures.document(_id, "resource", "bucket", statements)},
})

_findings(statements, context) := found if {
	found := bucket_time_window.findings with input as _model(statements, context)
}

test_allow_window_as_two_denies if {
	found := _findings([_log_delivery, _before, _after], {})
	_statuses(found, _policy) == {"pass"}
}

test_allow_named_data_bucket if {
	found := _findings([_before, _after], {"data_buckets": ["example-prod-data"]})
	_statuses(found, _policy) == {"pass"}
}

test_allow_other_buckets_out_of_scope if {
	found := _findings([], {"data_buckets": ["another-bucket"]})
	count(found) == 0
}

test_deny_window_in_an_allow if {
	allow := data.ztiam.fixtures.statement({
		"actions": ["s3:getobject"], "principals": _account_root,
		"conditions": [data.ztiam.fixtures.condition("DateLessThan", "aws:CurrentTime", [_end])],
	})
	found := _findings([allow], {})
	_has_message(found, _policy, "fail", "time window in an Allow, which restricts nothing")
}

test_deny_window_blocks_log_delivery if {
	found := _findings([_log_delivery, _window("DateGreaterThan", _end, [_principal_exemption])], {})
	_has_message(found, _policy, "fail", "also blocks logging.s3.amazonaws.com")
}

test_deny_window_in_one_statement_never_applies if {
	both := _window("DateLessThan", "2026-01-01T00:00:00Z", array.concat(_exemptions, [
		data.ztiam.fixtures.condition("DateGreaterThan", "aws:CurrentTime", ["2026-12-31T23:59:59Z"]),
	]))
	found := _findings([both], {})
	_has_message(found, _policy, "fail", "can never hold together")
}

test_deny_fewer_exemptions if {
	fewer := data.ztiam.fixtures.condition("ArnNotLike", "aws:PrincipalArn", [_exempt[0]])
	found := _findings([_window("DateGreaterThan", _end, [_service_exemption, fewer])], {})
	_has_message(found, _policy, "fail", "is not ArnNotLike on the blueprint's exempt principals")
}

test_deny_extra_exemption if {
	wide := data.ztiam.fixtures.condition("ArnNotLike", "aws:PrincipalArn", ["arn:aws:iam::*:role/*"])
	found := _findings([_window("DateGreaterThan", _end, [_service_exemption, wide])], {})
	_has_message(found, _policy, "fail", "is not ArnNotLike on the blueprint's exempt principals")
}

test_deny_other_condition_key if {
	vpce := data.ztiam.fixtures.condition("StringNotEquals", "aws:SourceVpce", ["vpce-0abc1234"])
	found := _findings([_window("DateGreaterThan", _end, array.concat(_exemptions, [vpce]))], {})
	_has_message(found, _policy, "fail", "it also tests aws:SourceVpce")
}

test_deny_only_some_actions if {
	statement := object.union(_after, {"actions": ["s3:getobject"]})
	found := _findings([statement], {})
	_has_message(found, _policy, "fail", "does not cover both s3:GetObject and s3:PutObject")
}

test_deny_not_every_principal if {
	statement := object.union(_after, {"principals": _account_root})
	found := _findings([statement], {})
	_has_message(found, _policy, "fail", "does not apply to every principal")
}

test_deny_no_time_condition if {
	found := _findings([_log_delivery], {})
	_has_message(found, _policy, "fail", "has no Deny conditioned on aws:CurrentTime")
}

test_deny_data_bucket_without_policy if {
	model := data.ztiam.fixtures.model({
		"context": {"data_buckets": ["example-prod-data"]},
		"buckets": {_bucket: {
			"address": _bucket, "bucket": "example-prod-data",
			"policy_address": null, "policy_document": null,
		}},
	})
	found := bucket_time_window.findings with input as model
	_has_message(found, _bucket, "fail", "has no bucket policy")
}

test_unknown_policy_text if {
	model := data.ztiam.fixtures.model({
		"resources": {_policy: data.ztiam.fixtures.resource(_policy, {}, ["bucket", "id", "policy"])},
		"documents": {_id: data.ztiam.fixtures.unreadable(_id, "resource", "bucket", "unknown")},
	})
	found := bucket_time_window.findings with input as model
	_statuses(found, _policy) == {"unknown"}
}

test_unknown_bucket_of_policy_with_named_data_buckets if {
	model := data.ztiam.fixtures.model({
		"context": {"data_buckets": ["example-prod-data"]},
		"resources": {_policy: data.ztiam.fixtures.resource(_policy, {}, ["bucket", "id", "policy"])},
		"documents": {_id: data.ztiam.fixtures.unreadable(_id, "resource", "bucket", "unknown")},
	})
	found := bucket_time_window.findings with input as model
	_statuses(found, _policy) == {"unknown"}
}
