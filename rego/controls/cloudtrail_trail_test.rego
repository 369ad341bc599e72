package ztiam.controls.cloudtrail_trail_test

import data.ztiam.controls.cloudtrail_trail

_statuses(found, address) := data.ztiam.fixtures.statuses(found, address)

_has_message(found, address, status, text) if {
	data.ztiam.fixtures.has_message(found, address, status, text)
}

_trail := "aws_cloudtrail.main"

_values := {
	"name": "ztiam-prod", "is_multi_region_trail": true, "include_global_service_events": true,
	"enable_log_file_validation": true, "enable_logging": true,
	"kms_key_id": "arn:aws:kms:us-east-1:111122223333:alias/ztiam-trail",
	"cloud_watch_logs_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:ztiam-trail:*",
	"cloud_watch_logs_role_arn": "arn:aws:iam::111122223333:role/ztiam-trail-logs",
}

_findings(resources) := found if {
	found := cloudtrail_trail.findings with input as data.ztiam.fixtures.model({"resources": resources})
}

_trail_with(changes, unknown) := data.ztiam.fixtures.resource(_trail, object.union(_values, changes), unknown)

test_allow_complete_trail if {
	found := _findings({_trail: _trail_with({}, [])})
	_statuses(found, _trail) == {"pass"}
}

test_deny_single_region_trail if {
	found := _findings({_trail: _trail_with({"is_multi_region_trail": false}, [])})
	_has_message(found, _trail, "fail", "is not multi-region (is_multi_region_trail is false)")
}

test_deny_validation_not_set if {
	values := object.remove(_values, ["enable_log_file_validation"])
	found := _findings({_trail: data.ztiam.fixtures.resource(_trail, values, [])})
	_has_message(found, _trail, "fail", "enable_log_file_validation is not set")
}

test_deny_group_arn_without_suffix if {
	arn := "arn:aws:logs:us-east-1:111122223333:log-group:ztiam-trail"
	found := _findings({_trail: _trail_with({"cloud_watch_logs_group_arn": arn}, [])})
	_has_message(found, _trail, "fail", "without the \":*\" suffix")
}

test_deny_no_cloudwatch_delivery if {
	values := object.remove(_values, ["cloud_watch_logs_group_arn", "cloud_watch_logs_role_arn"])
	found := _findings({_trail: data.ztiam.fixtures.resource(_trail, values, [])})
	_has_message(found, _trail, "fail", "does not deliver to CloudWatch Logs")
	_has_message(found, _trail, "fail", "has no CloudWatch Logs delivery role")
}

test_deny_not_encrypted if {
	values := object.remove(_values, ["kms_key_id"])
	found := _findings({_trail: data.ztiam.fixtures.resource(_trail, values, [])})
	_has_message(found, _trail, "fail", "is not encrypted with a KMS key")
}

test_allow_unknown_key_of_a_key_in_the_plan if {
	values := object.remove(_values, ["kms_key_id"])
	trail := object.union(
		data.ztiam.fixtures.resource(_trail, values, ["kms_key_id"]),
		{"references": {"kms_key_id": ["aws_kms_key.trail"]}},
	)
	key := data.ztiam.fixtures.resource("aws_kms_key.trail", {}, ["arn", "key_id"])
	key_instance := object.union(key, {"address": "aws_kms_key.trail[0]"})
	found := _findings({_trail: trail, "aws_kms_key.trail[0]": key_instance})
	_statuses(found, _trail) == {"pass"}
}

test_unknown_key_unexplained if {
	values := object.remove(_values, ["kms_key_id"])
	found := _findings({_trail: data.ztiam.fixtures.resource(_trail, values, ["kms_key_id"])})
	_statuses(found, _trail) == {"unknown"}
}

test_allow_second_trail_is_not_applicable_when_one_complies if {
	regional := object.union(_values, {"is_multi_region_trail": false})
	other := data.ztiam.fixtures.resource("aws_cloudtrail.data_events", regional, [])
	found := _findings({_trail: _trail_with({}, []), "aws_cloudtrail.data_events": other})
	_statuses(found, _trail) == {"pass"}
	_statuses(found, "aws_cloudtrail.data_events") == {"not_applicable"}
}

test_allow_no_trail_gives_no_findings if {
	count(_findings({})) == 0
}
