# METADATA
# title: Every other CloudWatch Logs group keeps logs 90 days and is KMS-encrypted
# description: >-
#   Every aws_cloudwatch_log_group that no CloudTrail trail delivers to (the trail's group is
#   ZT-LOG-02's) keeps events for at least 90 days or never expires, and is encrypted with a
#   KMS key (kms_key_id known, or unknown but referring to an aws_kms_key in the plan).
# scope: package
# custom:
#   id: ZT-LOG-03
#   severity: medium
#   constraint: 5
#   applies_to: [workload, logging]
#   subject: null
#   rationale: >-
#     Function and service logs are part of the record an investigation reads; they must stay
#     long enough and be encrypted under a key the company controls, like the trail's.
#   remediation: >-
#     Set retention_in_days to 90 or more (120 covers three calendar months) and kms_key_id to a
#     customer-managed key whose policy lets the CloudWatch Logs service use it.
#   limitations: >-
#     Log groups that services create on their own (outside Terraform) are not in the plan and
#     not checked. Exactly 90 days can fall short of PCI DSS 10.5.1's three months.
#   avoid: |
#     resource "aws_cloudwatch_log_group" "function" {
#       name              = "/aws/lambda/example"
#       retention_in_days = 14
#     }
#   prefer: |
#     resource "aws_cloudwatch_log_group" "function" {
#       name              = "/aws/lambda/example"
#       retention_in_days = 365
#       kms_key_id        = aws_kms_key.logs.arn
#     }
#   frameworks:
#     pci_dss: []
#     nist_800_53: ["AU-9", "AU-11", "SC-28(1)"]
#     soc2: ["CC7.2"]
#     nydfs: ["500.6(a)(2)"]
#     cis_aws: []
#     sox_itgc: ["CO"]
#     ffiec: ["IS II.C.22"]
#   supporting:
#     pci_dss: ["10.5.1"]
#     nist_800_53: ["SI-12"]
#     nydfs: ["500.15"]
package ztiam.controls.log_group_retention

_minimum_days := 90

_groups := data.ztiam.lib.resources.addresses(input.by_type, "aws_cloudwatch_log_group")

_trails := data.ztiam.lib.resources.addresses(input.by_type, "aws_cloudtrail")

findings contains finding if {
	some address in _in_scope
	some [status, detail] in _shortfalls(input.resources[address])
	message := sprintf("log group %s %s", [address, detail])
	finding := {"address": address, "status": status, "message": message}
}

findings contains finding if {
	some address in _in_scope
	group := input.resources[address]
	count(_shortfalls(group)) == 0
	message := sprintf("log group %s keeps logs %s and is KMS-encrypted", [address, _retention_text(group)])
	finding := {"address": address, "status": "pass", "message": message}
}

_in_scope contains address if {
	some address in _groups
	not address in _trail_groups
}

# Log groups a trail delivers to, by the name in its ARN or by configuration reference.
_trail_groups contains address if {
	some trail in _trails
	name := _group_name(input.resources[trail])
	some address in _groups
	input.resources[address].values.name == name
}

_trail_groups contains address if {
	some trail in _trails
	some address in data.ztiam.lib.resources.referenced(
		input.resources[trail], "cloud_watch_logs_group_arn", "aws_cloudwatch_log_group", input.by_type,
	)
}

_group_name(trail) := parts[6] if {
	arn := trail.values.cloud_watch_logs_group_arn
	is_string(arn)
	parts := split(arn, ":")
	count(parts) > 6
	parts[5] == "log-group"
}

_shortfalls(group) := _retention_shortfalls(group) | _kms_shortfalls(group)

_retention_shortfalls(group) := {["unknown", "has retention_in_days unknown at plan time"]} if {
	data.ztiam.lib.resources.is_unknown(group, "retention_in_days")
} else := {["fail", sprintf("keeps logs for %v days, fewer than %d", [days, _minimum_days])]} if {
	days := data.ztiam.lib.resources.value(group, "retention_in_days")
	is_number(days)
	days > 0
	days < _minimum_days
} else := {["fail", sprintf("has retention_in_days %v, not a number of days", [days])]} if {
	days := data.ztiam.lib.resources.value(group, "retention_in_days")
	days != null
	not is_number(days)
} else := set()

_kms_shortfalls(group) := {["unknown", detail]} if {
	data.ztiam.lib.resources.is_unknown(group, "kms_key_id")
	count(data.ztiam.lib.resources.referenced(group, "kms_key_id", "aws_kms_key", input.by_type)) == 0
	detail := "has kms_key_id unknown at plan time and not explained by an aws_kms_key in the plan"
} else := {["fail", "is not encrypted with a KMS key (kms_key_id is not set)"]} if {
	not data.ztiam.lib.resources.is_unknown(group, "kms_key_id")
	not data.ztiam.lib.resources.has_text(group, "kms_key_id")
} else := set()

_retention_text(group) := sprintf("for %v days", [days]) if {
	days := data.ztiam.lib.resources.value(group, "retention_in_days")
	is_number(days)
	days > 0
} else := "without expiry"
