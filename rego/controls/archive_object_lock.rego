# METADATA
# title: The trail archive is versioned and locked in compliance mode for 7 years
# description: >-
#   Every bucket in the plan that a CloudTrail trail delivers to (its s3_bucket_name) has
#   versioning enabled and an aws_s3_bucket_object_lock_configuration whose default retention
#   is in COMPLIANCE mode for at least 2,557 days or 7 years. A logging account whose plan holds
#   no such bucket fails.
# scope: package
# custom:
#   id: ZT-LOG-04
#   severity: high
#   constraint: 5
#   applies_to: [workload, logging]
#   subject: null
#   rationale: >-
#     The trail is the evidence of what happened; it must survive an intruder or an
#     administrator who wants it gone. In compliance mode nobody, the root user included, can
#     delete a locked version or shorten its retention; governance mode yields to anyone allowed
#     s3:BypassGovernanceRetention.
#   remediation: >-
#     Enable versioning on the archive bucket and add an aws_s3_bucket_object_lock_configuration
#     with rule.default_retention mode "COMPLIANCE" and days = 2557 (or years = 7).
#   limitations: >-
#     Workload accounts usually deliver to a bucket of the logging account; there the trail is
#     reported as not applicable and the bucket is checked in the logging account's plan. Object
#     versions written before the lock was configured, and per-object retention settings, are not
#     seen. The lifecycle rules that delete versions after the period are not checked.
#   avoid: |
#     resource "aws_s3_bucket_object_lock_configuration" "archive" {
#       bucket = aws_s3_bucket.archive.id
#       rule {
#         default_retention {
#           mode = "GOVERNANCE"
#           days = 365
#         }
#       }
#     }
#   prefer: |
#     resource "aws_s3_bucket_versioning" "archive" {
#       bucket = aws_s3_bucket.archive.id
#       versioning_configuration {
#         status = "Enabled"
#       }
#     }
#
#     resource "aws_s3_bucket_object_lock_configuration" "archive" {
#       bucket = aws_s3_bucket.archive.id
#       rule {
#         default_retention {
#           mode = "COMPLIANCE"
#           days = 2557
#         }
#       }
#     }
#   frameworks:
#     pci_dss: ["10.3.2", "10.3.3"]
#     nist_800_53: ["AU-9", "AU-9(2)", "AU-11", "AU-11(1)"]
#     soc2: ["CC7.2"]
#     nydfs: ["500.6(b)"]
#     cis_aws: []
#     sox_itgc: ["CO"]
#     ffiec: ["IS II.C.22"]
#   supporting:
#     pci_dss: ["10.5.1"]
#     nist_800_53: ["SI-12"]
package ztiam.controls.archive_object_lock

_minimum_days := 2557

_minimum_years := 7

_trails := data.ztiam.lib.resources.addresses(input.by_type, "aws_cloudtrail")

findings contains finding if {
	some address in _archives
	some [status, detail] in _shortfalls(input.buckets[address])
	message := sprintf("archive bucket %s (%v) %s", [address, input.buckets[address].bucket, detail])
	finding := {"address": address, "status": status, "message": message}
}

findings contains finding if {
	some address in _archives
	count(_shortfalls(input.buckets[address])) == 0
	message := sprintf(
		"archive bucket %s (%v) is versioned and locked in compliance mode for %s",
		[address, input.buckets[address].bucket, _period_text(input.buckets[address].object_lock)],
	)
	finding := {"address": address, "status": "pass", "message": message}
}

findings contains finding if {
	some trail in _trails
	name := data.ztiam.lib.resources.value(input.resources[trail], "s3_bucket_name")
	is_string(name)
	count(_archives_of(trail)) == 0
	message := sprintf(
		"trail %s delivers to bucket %s, which is outside this plan and is checked where it is defined",
		[trail, name],
	)
	finding := {"address": trail, "status": "not_applicable", "message": message}
}

findings contains finding if {
	some trail in _trails
	data.ztiam.lib.resources.is_unknown(input.resources[trail], "s3_bucket_name")
	count(_archives_of(trail)) == 0
	message := sprintf(
		"trail %s delivers to a bucket whose name is unknown at plan time and not explained by a bucket in the plan",
		[trail],
	)
	finding := {"address": trail, "status": "unknown", "message": message}
}

findings contains finding if {
	input.context.account_kind == "logging"
	count(_archives) == 0
	message := "the logging account's plan has no bucket that a trail names as its archive"
	finding := {"address": "context.account_kind", "status": "fail", "message": message}
}

_archives contains address if {
	some trail in _trails
	some address in _archives_of(trail)
}

# Buckets of the plan a trail delivers to, by known name or by configuration reference.
_archives_of(trail) := {address |
	name := data.ztiam.lib.resources.value(input.resources[trail], "s3_bucket_name")
	is_string(name)
	some address, bucket in input.buckets
	bucket.bucket == name
} | data.ztiam.lib.resources.referenced(input.resources[trail], "s3_bucket_name", "aws_s3_bucket", input.by_type)

# What keeps an archive bucket from immutability, as [status, detail] pairs.
_shortfalls(bucket) := _versioning_shortfalls(bucket.versioning) | _lock_shortfalls(bucket.object_lock)

_versioning_shortfalls(versioning) := {["fail", "has no aws_s3_bucket_versioning"]} if {
	not is_object(versioning)
} else := set() if {
	_versioning_status(versioning) == "Enabled"
} else := {["unknown", "has its versioning status unknown at plan time"]} if {
	_has_unknown(versioning, "versioning_configuration")
} else := {["fail", sprintf("has versioning %v, not Enabled", [status])]} if {
	status := _versioning_status(versioning)
	status != "Enabled"
} else := set()

_versioning_status(versioning) := status if {
	status := versioning.values.versioning_configuration[0].status
} else := "not set"

_lock_shortfalls(lock) := {["fail", "has no aws_s3_bucket_object_lock_configuration"]} if {
	not is_object(lock)
} else := {["unknown", "has its object lock rule unknown at plan time"]} if {
	not _retention(lock)
	_has_unknown(lock, "rule")
} else := {["fail", "has object lock without a default retention rule"]} if {
	not _retention(lock)
} else := {["fail", detail]} if {
	mode := object.get(_retention(lock), "mode", null)
	mode != "COMPLIANCE"
	detail := sprintf(
		"locks objects in %v mode, which anyone allowed s3:BypassGovernanceRetention can lift; COMPLIANCE is required",
		[mode],
	)
} else := {["fail", detail]} if {
	not _long_enough(_retention(lock))
	detail := sprintf("locks objects for %s, less than 7 years (2557 days)", [_period_text(lock)])
} else := set()

_retention(lock) := lock.values.rule[0].default_retention[0]

_long_enough(retention) if _number(retention, "days") >= _minimum_days

_long_enough(retention) if _number(retention, "years") >= _minimum_years

_number(obj, key) := value if {
	value := obj[key]
	is_number(value)
} else := 0

_period_text(lock) := sprintf("%v days", [days]) if {
	days := _number(_retention(lock), "days")
	days > 0
} else := sprintf("%v years", [_number(_retention(lock), "years")])

_has_unknown(companion, prefix) if {
	some path in data.ztiam.lib.values.array_field(object.get(input.resources, companion.address, {}), "unknown")
	startswith(path, prefix)
}
