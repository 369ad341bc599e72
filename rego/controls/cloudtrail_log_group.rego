# METADATA
# title: The trail's CloudWatch Logs group keeps logs 90 days and is KMS-encrypted
# description: >-
#   The log group each CloudTrail trail delivers to (matched by name in the plan, or by the
#   trail's configuration reference) keeps events for at least 90 days (or never expires) and
#   is encrypted with a KMS key.
# scope: package
# custom:
#   id: ZT-LOG-02
#   severity: high
#   constraint: 5
#   applies_to: [workload, logging]
#   subject: trail
#   rationale: >-
#     CloudWatch Logs is where alarms and investigations read the trail; events must stay
#     there long enough to investigate and be encrypted under a key the company controls.
#   remediation: >-
#     Set retention_in_days to 90 or more (120 covers three calendar months) and kms_key_id to
#     a customer-managed key on the trail's log group, and define the group in the same
#     configuration as the trail.
#   limitations: >-
#     A log group outside the plan is failed because its settings cannot be shown. Exactly 90
#     days can fall short of PCI DSS 10.5.1's three months. Trails without a CloudWatch Logs
#     group are reported by ZT-LOG-01.
#   avoid: |-
#     resource "aws_cloudwatch_log_group" "trail" {
#       name              = "/aws/cloudtrail/main"
#       retention_in_days = 30
#       # no kms_key_id: encrypted only with the service's own key
#     }
#   prefer: |-
#     resource "aws_cloudwatch_log_group" "trail" {
#       name              = "/aws/cloudtrail/main"
#       retention_in_days = 120 # 90 is the minimum; 120 covers three calendar months
#       kms_key_id        = aws_kms_key.trail.arn
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
#     nist_800_53: ["SI-12", "AU-6(3)"]
#     soc2: ["CC6.1"]
#     nydfs: ["500.15"]
#     sox_itgc: ["APD"]
package ztiam.controls.cloudtrail_log_group

_minimum_days := 90

_trails := data.ztiam.lib.resources.addresses(input.by_type, "aws_cloudtrail")

_groups := data.ztiam.lib.resources.addresses(input.by_type, "aws_cloudwatch_log_group")

findings contains finding if {
	some [trail, group] in _deliveries
	some [status, detail] in _group_shortfalls[group]
	message := sprintf("log group %s of trail %s %s", [group, trail, detail])
	finding := {"address": group, "status": status, "message": message}
}

findings contains finding if {
	some [trail, group] in _deliveries
	count(_group_shortfalls[group]) == 0
	message := sprintf("log group %s of trail %s keeps logs %s and is KMS-encrypted", [
		group, trail, _retention_text(input.resources[group]),
	])
	finding := {"address": group, "status": "pass", "message": message}
}

findings contains finding if {
	some trail in _trails
	name := _group_name(input.resources[trail])
	count(_named(name)) == 0
	message := sprintf(
		concat(" ", [
			"trail %s delivers to log group %s, which is not defined in this plan, so its",
			"retention and encryption cannot be shown",
		]),
		[trail, name],
	)
	finding := {"address": trail, "status": "fail", "message": message}
}

findings contains finding if {
	some trail in _trails
	resource := input.resources[trail]
	data.ztiam.lib.resources.is_unknown(resource, "cloud_watch_logs_group_arn")
	count(_referenced(resource)) == 0
	message := sprintf(
		concat(" ", [
			"trail %s delivers to a log group whose ARN is unknown at plan time and not",
			"explained by a log group in the plan",
		]),
		[trail],
	)
	finding := {"address": trail, "status": "unknown", "message": message}
}

# Pairs [trail address, log group address] of trails and the groups they deliver to.
_deliveries contains [trail, group] if {
	some trail in _trails
	some group in _named(_group_name(input.resources[trail]))
}

_deliveries contains [trail, group] if {
	some trail in _trails
	resource := input.resources[trail]
	data.ztiam.lib.resources.is_unknown(resource, "cloud_watch_logs_group_arn")
	some group in _referenced(resource)
}

# What keeps each log group that a trail delivers to from the baseline, by address.
_group_shortfalls := {group: _shortfalls(input.resources[group]) | some group in _delivered}

_delivered contains delivery[1] if some delivery in _deliveries

# The log group name in a known ARN arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*.
_group_name(trail) := parts[6] if {
	arn := trail.values.cloud_watch_logs_group_arn
	is_string(arn)
	parts := split(arn, ":")
	count(parts) > 6
	parts[5] == "log-group"
}

_named(name) := {group |
	some group in _groups
	input.resources[group].values.name == name
}

_referenced(trail) := data.ztiam.lib.resources.referenced(
	trail, "cloud_watch_logs_group_arn", "aws_cloudwatch_log_group", input.by_type,
)

# What keeps a log group from the baseline, as [status, detail] pairs.
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
