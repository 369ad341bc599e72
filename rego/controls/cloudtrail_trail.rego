# METADATA
# title: The account has a complete CloudTrail trail delivering to CloudWatch Logs
# description: >-
#   At least one CloudTrail trail in the plan is multi-region, includes global service events,
#   validates its log files, is encrypted with a KMS key, is logging, and delivers to a
#   CloudWatch Logs group (group ARN ending ":*" and a delivery role).
# scope: package
# custom:
#   id: ZT-LOG-01
#   severity: high
#   constraint: 5
#   applies_to: [workload, logging]
#   subject: trail
#   rationale: >-
#     Every API call, IAM and STS ones included, must leave a tamper-evident, encrypted record
#     that monitoring can read within minutes; a single-region or unvalidated trail leaves gaps
#     an intruder can use.
#   remediation: >-
#     Set is_multi_region_trail, include_global_service_events, enable_log_file_validation and
#     enable_logging to true, set kms_key_id, and set cloud_watch_logs_group_arn to the log
#     group's ARN followed by ":*" with cloud_watch_logs_role_arn naming the delivery role.
#   limitations: >-
#     Checks the trail's configuration in the plan, not that log files are validated on a
#     schedule or that failures alert. Event selectors (S3 object-level events) and the
#     7-year archive bucket are not checked. When one trail meets every requirement, the
#     account's other trails are reported as not applicable.
#   avoid: |-
#     resource "aws_cloudtrail" "main" {
#       name                          = "main"
#       s3_bucket_name                = "example-cloudtrail-logs"
#       is_multi_region_trail         = false
#       include_global_service_events = false
#       enable_log_file_validation    = false
#       # no kms_key_id, no CloudWatch Logs delivery
#     }
#   prefer: |-
#     resource "aws_cloudtrail" "main" {
#       name                          = "main"
#       s3_bucket_name                = "example-cloudtrail-logs"
#       is_multi_region_trail         = true
#       include_global_service_events = true
#       enable_log_file_validation    = true
#       enable_logging                = true
#       kms_key_id                    = aws_kms_key.trail.arn
#       cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.trail.arn}:*"
#       cloud_watch_logs_role_arn     = aws_iam_role.trail_delivery.arn
#     }
#   frameworks:
#     pci_dss:
#       - "10.2.1"
#       - "10.2.1.1"
#       - "10.2.1.2"
#       - "10.2.1.3"
#       - "10.2.1.4"
#       - "10.2.1.5"
#       - "10.2.1.6"
#       - "10.2.1.7"
#       - "10.2.2"
#       - "10.3.2"
#       - "10.3.3"
#     nist_800_53: ["AU-2", "AU-3", "AU-8", "AU-9", "AU-9(3)", "AU-12", "AU-12(1)", "SC-28(1)"]
#     soc2: ["CC7.2"]
#     nydfs: ["500.6(a)(1)", "500.6(a)(2)", "500.14(a)(1)"]
#     cis_aws: ["3.1", "3.2", "3.5"]
#     sox_itgc: ["CO"]
#     ffiec: ["IS II.C.22", "IS III.B"]
#   supporting:
#     pci_dss: ["10.3.4"]
#     nist_800_53: ["AU-6(3)"]
#     soc2: ["CC6.1"]
#     nydfs: ["500.15"]
#     sox_itgc: ["APD"]
package ztiam.controls.cloudtrail_trail

_trails := data.ztiam.lib.resources.addresses(input.by_type, "aws_cloudtrail")

_switches := {
	"is_multi_region_trail": "is not multi-region",
	"include_global_service_events": "does not include global service events",
	"enable_log_file_validation": "does not validate log files",
	"enable_logging": "is not logging",
}

findings contains finding if {
	some address in _trails
	address in _compliant
	message := sprintf(
		concat(" ", [
			"trail %s is multi-region, includes global service events, validates log files,",
			"is KMS-encrypted, is logging and delivers to CloudWatch Logs",
		]),
		[address],
	)
	finding := {"address": address, "status": "pass", "message": message}
}

findings contains finding if {
	count(_compliant) == 0
	some [address, status, detail] in _shortfalls
	message := sprintf("trail %s %s", [address, detail])
	finding := {"address": address, "status": status, "message": message}
}

findings contains finding if {
	count(_compliant) > 0
	some address in _trails
	not address in _compliant
	message := sprintf("trail %s falls short of the logging baseline; the account is covered by trail %s", [
		address, data.ztiam.lib.values.text_list(_compliant),
	])
	finding := {"address": address, "status": "not_applicable", "message": message}
}

_compliant contains address if {
	some address in _trails
	not address in _short
}

_short contains shortfall[0] if some shortfall in _shortfalls

# What keeps a trail from the baseline: [address, "fail" or "unknown", detail].
_shortfalls contains [address, status, detail] if {
	some address in _trails
	trail := input.resources[address]
	some attribute, meaning in _switches
	[status, detail] := _switch_shortfall(trail, attribute, meaning)
}

_shortfalls contains [address, status, detail] if {
	some address in _trails
	[status, detail] := _kms_shortfall(input.resources[address])
}

_shortfalls contains [address, status, detail] if {
	some address in _trails
	[status, detail] := _group_shortfall(input.resources[address])
}

_shortfalls contains [address, status, detail] if {
	some address in _trails
	[status, detail] := _role_shortfall(input.resources[address])
}

_switch_shortfall(trail, attribute, meaning) := ["unknown", detail] if {
	data.ztiam.lib.resources.is_unknown(trail, attribute)
	detail := sprintf("has %s unknown at plan time", [attribute])
} else := ["fail", sprintf("%s (%s is not set)", [meaning, attribute])] if {
	data.ztiam.lib.resources.value(trail, attribute) == null
} else := ["fail", sprintf("%s (%s is %v)", [meaning, attribute, value])] if {
	value := data.ztiam.lib.resources.value(trail, attribute)
	value != true
}

_kms_shortfall(trail) := ["unknown", _unexplained("kms_key_id", "aws_kms_key")] if {
	_is_unexplained(trail, "kms_key_id", "aws_kms_key")
} else := ["fail", "is not encrypted with a KMS key (kms_key_id is not set)"] if {
	not data.ztiam.lib.resources.is_unknown(trail, "kms_key_id")
	not data.ztiam.lib.resources.has_text(trail, "kms_key_id")
}

_group_shortfall(trail) := ["unknown", "has cloud_watch_logs_group_arn unknown at plan time"] if {
	data.ztiam.lib.resources.is_unknown(trail, "cloud_watch_logs_group_arn")
} else := ["fail", "does not deliver to CloudWatch Logs (cloud_watch_logs_group_arn is not set)"] if {
	not data.ztiam.lib.resources.has_text(trail, "cloud_watch_logs_group_arn")
} else := ["fail", detail] if {
	arn := trail.values.cloud_watch_logs_group_arn
	not endswith(arn, ":*")
	detail := sprintf("delivers to log group %s without the \":*\" suffix, which CloudTrail rejects", [arn])
}

_role_shortfall(trail) := ["unknown", _unexplained("cloud_watch_logs_role_arn", "aws_iam_role")] if {
	_is_unexplained(trail, "cloud_watch_logs_role_arn", "aws_iam_role")
} else := ["fail", "has no CloudWatch Logs delivery role (cloud_watch_logs_role_arn is not set)"] if {
	not data.ztiam.lib.resources.is_unknown(trail, "cloud_watch_logs_role_arn")
	not data.ztiam.lib.resources.has_text(trail, "cloud_watch_logs_role_arn")
}

# Unknown at plan time and not the attribute of a resource of `type` in the plan.
_is_unexplained(trail, attribute, type) if {
	data.ztiam.lib.resources.is_unknown(trail, attribute)
	count(data.ztiam.lib.resources.referenced(trail, attribute, type, input.by_type)) == 0
}

_unexplained(attribute, type) := sprintf(
	"has %s unknown at plan time and not explained by an %s in the plan",
	[attribute, type],
)
