# METADATA
# title: Every kind of IAM activity the design names raises an alert
# description: >-
#   For each kind of IAM activity (policy and boundary changes, role assumption and
#   cross-account assumption, failed console sign-ins, sign-ins without MFA, root use,
#   administrative actions in production, access to sensitive buckets, user, role and access-key
#   creation or deletion, CloudTrail and logging changes), every representative event is matched
#   by an enabled EventBridge rule with a target, or by a CloudWatch Logs metric filter whose
#   metric has an alarm with actions. One finding per activity.
# scope: package
# custom:
#   id: ZT-MON-01
#   severity: high
#   constraint: null
#   applies_to: [workload, logging]
#   subject: trail
#   rationale: >-
#     Logging records what happened; only an alert makes someone look in time. IAM has no
#     account lockout, so repeated sign-in failures, new keys, policy changes and a stopped
#     trail must reach people and the automated response within minutes.
#   remediation: >-
#     Add an aws_cloudwatch_event_rule whose event_pattern matches the missing events (IAM and
#     STS events arrive in us-east-1) with an aws_cloudwatch_event_target, or a metric filter on
#     the trail's log group with an aws_cloudwatch_metric_alarm that has alarm_actions.
#   limitations: >-
#     Event patterns are matched against one representative event per event name; filters on
#     fields such as requestParameters, sessionContext or the caller's account are accepted as
#     deliberate narrowing. Metric filter patterns are read as sets of equality terms, not
#     evaluated, and are not tied to the trail's log group. Whether a target delivers (topic
#     subscriptions, function permissions) is not checked. The rule's Region and event bus are
#     not checked. Administrative actions apply to production only (environment prod or
#     production, or an unknown environment).
#   avoid: |
#     resource "aws_cloudwatch_event_rule" "iam" {
#       name = "iam-changes"
#       event_pattern = jsonencode({
#         source = ["aws.iam"]
#         detail = { eventName = ["CreateUser"] }
#       })
#     }
#     # no aws_cloudwatch_event_target: nobody is told
#   prefer: |
#     resource "aws_cloudwatch_event_rule" "iam_policy_changes" {
#       name = "iam-policy-changes"
#       event_pattern = jsonencode({
#         source        = ["aws.iam"]
#         "detail-type" = ["AWS API Call via CloudTrail"]
#         detail = {
#           eventSource = ["iam.amazonaws.com"]
#           eventName = ["CreatePolicy", "DeletePolicy", "CreatePolicyVersion",
#             "AttachRolePolicy", "DetachRolePolicy", "PutRolePolicy",
#           "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary"]
#         }
#       })
#     }
#
#     resource "aws_cloudwatch_event_target" "iam_policy_changes" {
#       rule = aws_cloudwatch_event_rule.iam_policy_changes.name
#       arn  = aws_sns_topic.alerts.arn
#     }
#   frameworks:
#     pci_dss: ["10.4.1", "10.4.1.1", "10.7.2", "12.10.5"]
#     nist_800_53: ["SI-4", "SI-4(2)", "SI-4(5)", "SI-4(12)", "SI-4(20)", "AU-6", "AU-6(1)", "AC-2(4)", "AC-2(12)"]
#     soc2: ["CC7.2", "CC7.3"]
#     nydfs: ["500.14(a)(1)"]
#     cis_aws: []
#     sox_itgc: ["CO"]
#     ffiec: ["IS II.C.22", "IS III.B", "IS III.C"]
#   supporting:
#     pci_dss: ["10.4.3"]
#     nist_800_53: ["IR-4", "IR-4(1)", "CA-7"]
#     cis_aws: ["4.2", "4.3", "4.4", "4.5", "4.6"]
#     sox_itgc: ["APD"]
package ztiam.controls.iam_activity_monitoring

_api_call := "AWS API Call via CloudTrail"

_sign_in := "AWS Console Sign In via CloudTrail"

# Pattern fields a sample event leaves out on purpose: filtering on them narrows a rule to the
# account's own principals or resources, which the control accepts.
_narrowing_prefixes := [
	"detail.requestParameters.", "detail.userIdentity.sessionContext.",
	"detail.userIdentity.accountId", "detail.recipientAccountId", "account", "region",
]

_environment := object.get(input.context, "environment", null)

_rules := data.ztiam.lib.resources.addresses(input.by_type, "aws_cloudwatch_event_rule")

_targets := data.ztiam.lib.resources.addresses(input.by_type, "aws_cloudwatch_event_target")

_filters := data.ztiam.lib.resources.addresses(input.by_type, "aws_cloudwatch_log_metric_filter")

_alarms := data.ztiam.lib.resources.addresses(input.by_type, "aws_cloudwatch_metric_alarm")

# Where a finding about an activity that nothing covers is reported.
_fallback := address if {
	trails := data.ztiam.lib.resources.addresses(input.by_type, "aws_cloudtrail")
	count(trails) > 0
	address := sort(trails)[0]
} else := "monitoring"

findings contains finding if {
	some activity, reason in _not_applicable
	message := sprintf("%s: %s", [activity, reason])
	finding := {"address": _fallback, "status": "not_applicable", "message": message}
}

findings contains finding if {
	some activity in _applicable
	count(_missing[activity]) == 0
	address := sort(_coverers[activity])[0]
	message := sprintf("%s raise an alert through %s", [
		activity, data.ztiam.lib.values.text_list(_coverers[activity]),
	])
	finding := {"address": address, "status": "pass", "message": message}
}

findings contains finding if {
	some activity in _applicable
	count(_missing[activity]) > 0
	count(_unknown_rules) > 0
	message := sprintf("%s: no rule or alarm is known to cover %s; the event patterns of %s are unknown at plan time", [
		activity, data.ztiam.lib.values.text_list(_missing[activity]),
		data.ztiam.lib.values.text_list(_unknown_rules),
	])
	finding := {"address": _fallback, "status": "unknown", "message": message}
}

findings contains finding if {
	some activity in _applicable
	count(_missing[activity]) > 0
	count(_unknown_rules) == 0
	message := sprintf(
		"%s are not monitored: no EventBridge rule with a target and no alarmed metric filter matches %s",
		[activity, data.ztiam.lib.values.text_list(_missing[activity])],
	)
	finding := {"address": _fallback, "status": "fail", "message": message}
}

# The activities and the events that stand for them: activity -> label -> sample.
_activities := {
	"IAM policy changes (boundaries included)": {name: _iam(name) | some name in [
		"CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
		"AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy",
		"PutRolePolicy", "DeleteRolePolicy", "PutUserPolicy", "DeleteUserPolicy",
		"PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary",
		"PutUserPermissionsBoundary", "DeleteUserPermissionsBoundary",
	]},
	"role assumptions (cross-account ones included)": {
		"AssumeRole": _sts("AssumeRole", {"type": "AssumedRole"}),
		"AssumeRole from another account": _sts("AssumeRole", {"type": "AWSAccount"}),
	},
	"failed console sign-ins": {"ConsoleLogin failure": _console("IAMUser", {
		"responseElements": {"ConsoleLogin": "Failure"}, "errorMessage": "Failed authentication",
		"additionalEventData": {"MFAUsed": "No"},
	})},
	"console sign-ins without MFA": {"ConsoleLogin without MFA": _console("IAMUser", {
		"responseElements": {"ConsoleLogin": "Success"}, "additionalEventData": {"MFAUsed": "No"},
	})},
	"root user activity": {
		"root API call": _api("aws.ec2", "ec2.amazonaws.com", "RunInstances", {"type": "Root"}, {}),
		"root console sign-in": _console("Root", {
			"responseElements": {"ConsoleLogin": "Success"}, "additionalEventData": {"MFAUsed": "Yes"},
		}),
	},
	"administrative actions in production": {"administrator write": _api(
		"aws.ec2", "ec2.amazonaws.com", "TerminateInstances", {"type": "AssumedRole"}, {"readOnly": false},
	)},
	"accesses to sensitive buckets": {sprintf("GetObject on %s", [name]): _api(
		"aws.s3", "s3.amazonaws.com", "GetObject", {"type": "AssumedRole"},
		{"readOnly": true, "requestParameters": {"bucketName": name}},
	) | some name in _sensitive_buckets},
	"user, role and access-key creations and deletions": {name: _iam(name) | some name in [
		"CreateUser", "DeleteUser", "CreateRole", "DeleteRole", "CreateAccessKey", "DeleteAccessKey",
	]},
	"CloudTrail and logging configuration changes": {
		"StopLogging": _api("aws.cloudtrail", "cloudtrail.amazonaws.com", "StopLogging", {"type": "AssumedRole"}, {}),
		"DeleteTrail": _api("aws.cloudtrail", "cloudtrail.amazonaws.com", "DeleteTrail", {"type": "AssumedRole"}, {}),
		"UpdateTrail": _api("aws.cloudtrail", "cloudtrail.amazonaws.com", "UpdateTrail", {"type": "AssumedRole"}, {}),
		"PutEventSelectors": _api(
			"aws.cloudtrail", "cloudtrail.amazonaws.com", "PutEventSelectors", {"type": "AssumedRole"}, {},
		),
		"DeleteLogGroup": _api("aws.logs", "logs.amazonaws.com", "DeleteLogGroup", {"type": "AssumedRole"}, {}),
	},
}

_iam(name) := _api("aws.iam", "iam.amazonaws.com", name, {"type": "AssumedRole"}, {})

_sts(name, identity) := _api("aws.sts", "sts.amazonaws.com", name, identity, {})

# A sample event: its flattened fields for EventBridge patterns, its terms for metric filters.
_api(source, event_source, name, identity, extra) := _sample(
	{"source": source, "detail-type": _api_call, "detail": object.union(
		{"eventSource": event_source, "eventName": name, "userIdentity": identity},
		extra,
	)},
	_terms_of(name, identity, extra),
)

_console(identity_type, extra) := _sample(
	{"source": "aws.signin", "detail-type": _sign_in, "detail": object.union(
		{"eventSource": "signin.amazonaws.com", "eventName": "ConsoleLogin", "userIdentity": {"type": identity_type}},
		extra,
	)},
	_console_terms(identity_type, extra),
)

_sample(event, terms) := {"fields": {concat(".", path): value |
	walk(event, [path, value])
	count(path) > 0
	not is_object(value)
}, "terms": terms}

# Metric filter terms (spaces and quotes removed) that a filter must test to count the event;
# none for administrative actions, which a filter cannot tell from other writes.
_terms_of(name, identity, extra) := ["$.userIdentity.type=Root"] if {
	identity.type == "Root"
} else := [] if {
	extra.readOnly == false
} else := [sprintf("$.requestParameters.bucketName=%s", [extra.requestParameters.bucketName])] if {
	is_string(extra.requestParameters.bucketName)
} else := [sprintf("$.eventName=%s", [name])]

_console_terms("Root", _) := ["$.userIdentity.type=Root"]

_console_terms("IAMUser", extra) := ["$.eventName=ConsoleLogin", "$.errorMessage=Failedauthentication"] if {
	extra.responseElements.ConsoleLogin == "Failure"
}

_console_terms("IAMUser", extra) := ["$.eventName=ConsoleLogin", "$.additionalEventData.MFAUsed!=Yes"] if {
	extra.responseElements.ConsoleLogin == "Success"
}

_sensitive_buckets := names if {
	names := input.context.data_buckets
	is_array(names)
} else := _plan_bucket_names

_plan_bucket_names := [bucket.bucket |
	some bucket in input.buckets
	is_string(bucket.bucket)
]

_not_applicable["administrative actions in production"] := reason if {
	_environment != null
	not _environment in {"prod", "production"}
	reason := sprintf("the environment is %v, not production", [_environment])
}

_not_applicable["accesses to sensitive buckets"] := "there are no data buckets to watch" if {
	count(_sensitive_buckets) == 0
}

_applicable contains activity if {
	some activity, _ in _activities
	not _not_applicable[activity]
}

# Labels of an activity's events that nothing covers.
_missing[activity] := labels if {
	some activity in _applicable
	labels := {label |
		some label, _ in _activities[activity]
		count(_covering[[activity, label]]) == 0
	}
}

_coverers[activity] := addresses if {
	some activity in _applicable
	addresses := {address |
		some label, _ in _activities[activity]
		some address in _covering[[activity, label]]
	}
}

# What covers each event of an activity: rules and alarmed metric filters.
_covering[[activity, label]] := addresses if {
	some activity in _applicable
	some label, sample in _activities[activity]
	addresses := _rule_matches(sample) | _filter_matches(sample)
}

_rule_matches(sample) := {address |
	some address, pattern in _patterns
	_matches(pattern, sample.fields)
}

_filter_matches(sample) := {address |
	count(sample.terms) > 0
	some address, terms in _alarmed_filters
	every term in sample.terms {
		term in terms
	}
}

# Enabled rules with a target and a known, valid event pattern: address -> pattern leaves.
_patterns[address] := _leaves(json.unmarshal(text)) if {
	some address in _rules
	rule := input.resources[address]
	_is_enabled(rule)
	address in _targeted
	text := data.ztiam.lib.resources.value(rule, "event_pattern")
	is_string(text)
	json.is_valid(text)
}

_unknown_rules contains address if {
	some address in _rules
	data.ztiam.lib.resources.is_unknown(input.resources[address], "event_pattern")
}

_is_enabled(rule) if {
	not data.ztiam.lib.resources.value(rule, "state") in {"DISABLED"}
	data.ztiam.lib.resources.value(rule, "is_enabled") != false
}

_targeted contains address if {
	some target in _targets
	name := data.ztiam.lib.resources.value(input.resources[target], "rule")
	is_string(name)
	some address in _rules
	data.ztiam.lib.resources.value(input.resources[address], "name") == name
}

_targeted contains address if {
	some target in _targets
	some address in data.ztiam.lib.resources.referenced(
		input.resources[target], "rule", "aws_cloudwatch_event_rule", input.by_type,
	)
}

# The match lists of a pattern, keyed by their dotted field path.
_leaves(pattern) := {concat(".", path): value |
	walk(pattern, [path, value])
	count(path) > 0
	is_array(value)
	every segment in path {
		is_string(segment)
	}
}

_matches(leaves, fields) if {
	is_object(leaves)
	every path, expected in leaves {
		_field_matches(expected, fields, path)
	}
}

_field_matches(expected, fields, path) if {
	some candidate in expected
	_value_matches(candidate, fields[path])
}

_field_matches(_, fields, path) if {
	not _defined(fields, path)
	some prefix in _narrowing_prefixes
	startswith(path, prefix)
}

_defined(fields, path) if _ = fields[path]

_value_matches(candidate, value) if candidate == value

_value_matches(candidate, value) if {
	is_string(candidate.prefix)
	startswith(value, candidate.prefix)
}

_value_matches(candidate, value) if {
	is_string(candidate.suffix)
	endswith(value, candidate.suffix)
}

_value_matches(candidate, value) if {
	is_string(candidate["equals-ignore-case"])
	lower(candidate["equals-ignore-case"]) == lower(value)
}

_value_matches(candidate, value) if {
	candidate.exists == true
	value != null
}

_value_matches(candidate, value) if {
	excluded := candidate["anything-but"]
	is_array(excluded)
	not value in excluded
}

_value_matches(candidate, value) if {
	excluded := candidate["anything-but"]
	not is_array(excluded)
	not is_object(excluded)
	value != excluded
}

_value_matches(candidate, value) if {
	prefix := candidate["anything-but"].prefix
	is_string(prefix)
	not startswith(value, prefix)
}

# Metric filters whose metric has an alarm with actions: address -> terms of the pattern.
_alarmed_filters[address] := _terms(text) if {
	some address in _filters
	filter := input.resources[address]
	text := data.ztiam.lib.resources.value(filter, "pattern")
	is_string(text)
	transformation := filter.values.metric_transformation[0]
	some alarm in _alarms
	_alarms_on(input.resources[alarm], transformation)
}

_alarms_on(alarm, transformation) if {
	data.ztiam.lib.resources.value(alarm, "metric_name") == transformation.name
	data.ztiam.lib.resources.value(alarm, "namespace") == transformation.namespace
	_has_actions(alarm)
}

_has_actions(alarm) if count(data.ztiam.lib.values.array_field(alarm.values, "alarm_actions")) > 0

_has_actions(alarm) if {
	some path in data.ztiam.lib.values.array_field(alarm, "unknown")
	startswith(path, "alarm_actions")
}

_terms(text) := {term |
	some term in split(_separated(text), "\n")
	term != ""
}

_separated(text) := replace(replace(replace(replace(replace(replace(replace(replace(
	text, " ", ""), "\"", ""), "&&", "\n"), "||", "\n"), "(", "\n"), ")", "\n"), "{", "\n"), "}", "\n")
