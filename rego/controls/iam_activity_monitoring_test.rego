package ztiam.controls.iam_activity_monitoring_test

import data.ztiam.controls.iam_activity_monitoring

_trail := "aws_cloudtrail.main"

_api := ["AWS API Call via CloudTrail"]

_patterns := {
	"iam": {"source": ["aws.iam"], "detail-type": _api, "detail": {"eventName": [
		"CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
		"AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy",
		"PutRolePolicy", "DeleteRolePolicy", "PutUserPolicy", "DeleteUserPolicy",
		"PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary",
		"PutUserPermissionsBoundary", "DeleteUserPermissionsBoundary",
		"CreateUser", "DeleteUser", "CreateRole", "DeleteRole", "CreateAccessKey", "DeleteAccessKey",
	]}},
	"sts": {"source": ["aws.sts"], "detail": {
		"eventName": ["AssumeRole"],
		"requestParameters": {"roleArn": [{"prefix": "arn:aws:iam::111122223333:role/"}]},
	}},
	"signin": {"source": ["aws.signin"], "detail": {"eventName": ["ConsoleLogin"]}},
	"root": {"detail": {"userIdentity": {"type": ["Root"]}}},
	"admin": {"detail-type": _api, "detail": {"readOnly": [false]}},
	"s3": {"source": ["aws.s3"], "detail": {"requestParameters": {"bucketName": ["example-prod-data"]}}},
	"logging": {"source": ["aws.cloudtrail", "aws.logs"], "detail": {"eventName": [
		"StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors", "DeleteLogGroup",
	]}},
}

_rule(name, pattern) := data.ztiam.fixtures.resource(
	sprintf("aws_cloudwatch_event_rule.%s", [name]),
	{"name": name, "event_pattern": json.marshal(pattern), "state": "ENABLED"},
	[],
)

_target(name) := data.ztiam.fixtures.resource(
	sprintf("aws_cloudwatch_event_target.%s", [name]),
	{"rule": name, "arn": "arn:aws:sns:us-east-1:111122223333:alerts"},
	[],
)

_resources(patterns) := object.union(
	{_trail: data.ztiam.fixtures.resource(_trail, {"name": "main"}, [])},
	object.union(
		{sprintf("aws_cloudwatch_event_rule.%s", [name]): _rule(name, pattern) | some name, pattern in patterns},
		{sprintf("aws_cloudwatch_event_target.%s", [name]): _target(name) | some name, _ in patterns},
	),
)

_findings(resources, context) := found if {
	model := data.ztiam.fixtures.model({
		"context": object.union(data.ztiam.fixtures.context, object.union({"data_buckets": ["example-prod-data"]}, context)),
		"resources": resources,
	})
	found := iam_activity_monitoring.findings with input as model
}

_fails(found) := {f.message | some f in found; f.status == "fail"}

test_allow_every_activity_covered if {
	found := _findings(_resources(_patterns), {})
	count(_fails(found)) == 0
	count({f | some f in found; f.status == "pass"}) == 9
}

test_allow_admin_actions_outside_production_not_applicable if {
	found := _findings(_resources(object.remove(_patterns, ["admin"])), {"environment": "dev"})
	count(_fails(found)) == 0
	data.ztiam.fixtures.has_message(found, _trail, "not_applicable", "the environment is dev")
}

test_allow_alarmed_metric_filter if {
	filter := data.ztiam.fixtures.resource("aws_cloudwatch_log_metric_filter.failures", {
		"pattern": "{($.eventName=ConsoleLogin) && ($.errorMessage=\"Failed authentication\")}",
		"metric_transformation": [{"name": "ConsoleFailures", "namespace": "ztiam"}],
	}, [])
	alarm := data.ztiam.fixtures.resource("aws_cloudwatch_metric_alarm.failures", {
		"metric_name": "ConsoleFailures", "namespace": "ztiam", "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:a"],
	}, [])
	without_signin := _resources(object.remove(_patterns, ["signin"]))
	resources := object.union(without_signin, {
		"aws_cloudwatch_log_metric_filter.failures": filter, "aws_cloudwatch_metric_alarm.failures": alarm,
	})
	found := _findings(resources, {})
	data.ztiam.fixtures.has_message(found, "aws_cloudwatch_log_metric_filter.failures", "pass", "failed console sign-ins")
	data.ztiam.fixtures.has_message(found, _trail, "fail", "console sign-ins without MFA are not monitored")
}

test_deny_rule_without_target if {
	resources := object.remove(_resources(_patterns), ["aws_cloudwatch_event_target.root"])
	found := _findings(resources, {})
	data.ztiam.fixtures.has_message(found, _trail, "fail", "root user activity are not monitored")
}

test_deny_missing_boundary_events if {
	cis_only := {"source": ["aws.iam"], "detail": {"eventName": ["CreatePolicy", "DeletePolicy"]}}
	found := _findings(_resources(object.union(_patterns, {"iam": cis_only})), {})
	data.ztiam.fixtures.has_message(found, _trail, "fail", "PutRolePermissionsBoundary")
}

test_deny_sign_in_detail_type_misspelled_only if {
	signin := {"source": ["aws.signin"], "detail-type": ["AWS Console Signin via CloudTrail"], "detail": {"eventName": ["ConsoleLogin"]}}
	found := _findings(_resources(object.union(_patterns, {"signin": signin})), {})
	data.ztiam.fixtures.has_message(found, _trail, "fail", "failed console sign-ins are not monitored")
}

test_deny_filter_on_unrelated_field_does_not_count if {
	narrowed := {"source": ["aws.cloudtrail", "aws.logs"], "detail": {
		"eventName": ["StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors", "DeleteLogGroup"],
		"userIdentity": {"arn": ["arn:aws:iam::111122223333:user/nobody"]},
	}}
	found := _findings(_resources(object.union(_patterns, {"logging": narrowed})), {})
	data.ztiam.fixtures.has_message(found, _trail, "fail", "CloudTrail and logging configuration changes are not monitored")
}

test_deny_disabled_rule if {
	resources := _resources(_patterns)
	rule := resources["aws_cloudwatch_event_rule.s3"]
	disabled := object.union(rule, {"values": object.union(rule.values, {"state": "DISABLED"})})
	found := _findings(object.union(resources, {"aws_cloudwatch_event_rule.s3": disabled}), {})
	data.ztiam.fixtures.has_message(found, _trail, "fail", "accesses to sensitive buckets are not monitored")
}

test_unknown_event_pattern if {
	resources := _resources(object.remove(_patterns, ["root"]))
	unknown_rule := data.ztiam.fixtures.resource("aws_cloudwatch_event_rule.root", {"name": "root"}, ["event_pattern"])
	found := _findings(object.union(resources, {"aws_cloudwatch_event_rule.root": unknown_rule}), {})
	data.ztiam.fixtures.statuses(found, _trail) == {"unknown"}
}
