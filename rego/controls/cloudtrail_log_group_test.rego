package ztiam.controls.cloudtrail_log_group_test

import data.ztiam.controls.cloudtrail_log_group

_statuses(found, address) := data.ztiam.fixtures.statuses(found, address)

_has_message(found, address, status, text) if {
	data.ztiam.fixtures.has_message(found, address, status, text)
}

_trail := "aws_cloudtrail.main"

_group := "aws_cloudwatch_log_group.trail"

_trail_resource := data.ztiam.fixtures.resource(_trail, {
	"cloud_watch_logs_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:ztiam-trail:*",
}, [])

_group_values := {
	"name": "ztiam-trail", "retention_in_days": 400,
	"kms_key_id": "arn:aws:kms:us-east-1:111122223333:alias/ztiam-logs",
}

_findings(group_values, unknown) := found if {
	model := data.ztiam.fixtures.model({"resources": {
		_trail: _trail_resource,
		_group: data.ztiam.fixtures.resource(_group, group_values, unknown),
	}})
	found := cloudtrail_log_group.findings with input as model
}

test_allow_retained_and_encrypted if {
	found := _findings(_group_values, [])
	_statuses(found, _group) == {"pass"}
}

test_allow_never_expiring if {
	found := _findings(object.union(_group_values, {"retention_in_days": 0}), [])
	_has_message(found, _group, "pass", "keeps logs without expiry")
}

test_deny_thirty_days if {
	found := _findings(object.union(_group_values, {"retention_in_days": 30}), [])
	_has_message(found, _group, "fail", "keeps logs for 30 days, fewer than 90")
}

test_deny_not_encrypted if {
	found := _findings(object.remove(_group_values, ["kms_key_id"]), [])
	_has_message(found, _group, "fail", "is not encrypted with a KMS key")
}

test_deny_group_outside_the_plan if {
	found := _findings(object.union(_group_values, {"name": "other"}), [])
	_has_message(found, _trail, "fail", "which is not defined in this plan")
}

test_unknown_retention if {
	found := _findings(object.remove(_group_values, ["retention_in_days"]), ["retention_in_days"])
	_statuses(found, _group) == {"unknown"}
}

test_unknown_group_arn_unexplained if {
	model := data.ztiam.fixtures.model({"resources": {
		_trail: data.ztiam.fixtures.resource(_trail, {}, ["cloud_watch_logs_group_arn"]),
	}})
	found := cloudtrail_log_group.findings with input as model
	_statuses(found, _trail) == {"unknown"}
}

test_allow_group_found_by_reference if {
	trail := object.union(
		data.ztiam.fixtures.resource(_trail, {}, ["cloud_watch_logs_group_arn"]),
		{"references": {"cloud_watch_logs_group_arn": [_group]}},
	)
	model := data.ztiam.fixtures.model({"resources": {
		_trail: trail,
		_group: data.ztiam.fixtures.resource(_group, _group_values, ["arn"]),
	}})
	found := cloudtrail_log_group.findings with input as model
	_statuses(found, _group) == {"pass"}
}
