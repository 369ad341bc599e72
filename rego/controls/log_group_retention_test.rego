package ztiam.controls.log_group_retention_test

import data.ztiam.controls.log_group_retention

_group := "aws_cloudwatch_log_group.function"

_trail_group := "aws_cloudwatch_log_group.trail"

_key_arn := "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

_findings(resources) := found if {
	found := log_group_retention.findings with input as data.ztiam.fixtures.model({"resources": resources})
}

_group_with(values, unknown) := data.ztiam.fixtures.resource(_group, object.union({"name": "/aws/lambda/fn"}, values), unknown)

test_allow_retention_and_key if {
	found := _findings({_group: _group_with({"retention_in_days": 365, "kms_key_id": _key_arn}, [])})
	data.ztiam.fixtures.statuses(found, _group) == {"pass"}
}

test_allow_never_expires if {
	found := _findings({_group: _group_with({"retention_in_days": 0, "kms_key_id": _key_arn}, [])})
	data.ztiam.fixtures.has_message(found, _group, "pass", "without expiry")
}

test_allow_unknown_key_of_a_key_in_the_plan if {
	group := object.union(
		_group_with({"retention_in_days": 90}, ["kms_key_id"]),
		{"references": {"kms_key_id": ["aws_kms_key.logs"]}},
	)
	key := data.ztiam.fixtures.resource("aws_kms_key.logs", {}, ["arn"])
	found := _findings({_group: group, "aws_kms_key.logs": key})
	data.ztiam.fixtures.statuses(found, _group) == {"pass"}
}

test_allow_trail_group_left_to_zt_log_02 if {
	trail := data.ztiam.fixtures.resource("aws_cloudtrail.main", {
		"cloud_watch_logs_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:/ztiam/cloudtrail:*",
	}, [])
	group := data.ztiam.fixtures.resource(_trail_group, {"name": "/ztiam/cloudtrail", "retention_in_days": 7}, [])
	found := _findings({"aws_cloudtrail.main": trail, _trail_group: group})
	count(found) == 0
}

test_deny_short_retention if {
	found := _findings({_group: _group_with({"retention_in_days": 30, "kms_key_id": _key_arn}, [])})
	data.ztiam.fixtures.has_message(found, _group, "fail", "keeps logs for 30 days, fewer than 90")
}

test_deny_no_key if {
	found := _findings({_group: _group_with({"retention_in_days": 365}, [])})
	data.ztiam.fixtures.has_message(found, _group, "fail", "is not encrypted with a KMS key")
}

test_unknown_retention if {
	found := _findings({_group: _group_with({"kms_key_id": _key_arn}, ["retention_in_days"])})
	data.ztiam.fixtures.statuses(found, _group) == {"unknown"}
}

test_unknown_key_unexplained if {
	found := _findings({_group: _group_with({"retention_in_days": 365}, ["kms_key_id"])})
	data.ztiam.fixtures.statuses(found, _group) == {"unknown"}
}
