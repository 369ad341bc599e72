package ztiam.controls.archive_object_lock_test

import data.ztiam.controls.archive_object_lock

_bucket := "aws_s3_bucket.archive"

_trail := "aws_cloudtrail.main"

_lock := "aws_s3_bucket_object_lock_configuration.archive"

_versioning := {"address": "aws_s3_bucket_versioning.archive", "values": {"versioning_configuration": [{"status": "Enabled"}]}}

_retention(mode, days, years) := {"address": _lock, "values": {
	"object_lock_enabled": "Enabled",
	"rule": [{"default_retention": [{"mode": mode, "days": days, "years": years}]}],
}}

_model(versioning, lock, unknown, context) := data.ztiam.fixtures.model({
	"context": object.union(data.ztiam.fixtures.context, context),
	"resources": {
		_trail: data.ztiam.fixtures.resource(_trail, {"s3_bucket_name": "example-archive"}, []),
		_lock: data.ztiam.fixtures.resource(_lock, {}, unknown),
	},
	"buckets": {_bucket: {
		"address": _bucket, "bucket": "example-archive", "policy_address": null, "policy_document": null,
		"public_access_block": null, "versioning": versioning, "encryption": null,
		"object_lock": lock, "logging": null, "tags": {},
	}},
})

_findings(versioning, lock) := found if {
	found := archive_object_lock.findings with input as _model(versioning, lock, [], {})
}

test_allow_compliance_mode_for_2557_days if {
	found := _findings(_versioning, _retention("COMPLIANCE", 2557, null))
	data.ztiam.fixtures.statuses(found, _bucket) == {"pass"}
}

test_allow_compliance_mode_for_7_years if {
	found := _findings(_versioning, _retention("COMPLIANCE", null, 7))
	data.ztiam.fixtures.statuses(found, _bucket) == {"pass"}
}

test_allow_trail_bucket_elsewhere_is_not_applicable if {
	model := data.ztiam.fixtures.model({
		"resources": {_trail: data.ztiam.fixtures.resource(_trail, {"s3_bucket_name": "example-archive"}, [])},
	})
	found := archive_object_lock.findings with input as model
	data.ztiam.fixtures.statuses(found, _trail) == {"not_applicable"}
}

test_deny_governance_mode if {
	found := _findings(_versioning, _retention("GOVERNANCE", 2557, null))
	data.ztiam.fixtures.has_message(found, _bucket, "fail", "locks objects in GOVERNANCE mode")
}

test_deny_short_retention if {
	found := _findings(_versioning, _retention("COMPLIANCE", 365, null))
	data.ztiam.fixtures.has_message(found, _bucket, "fail", "less than 7 years")
}

test_deny_no_lock if {
	found := _findings(_versioning, null)
	data.ztiam.fixtures.has_message(found, _bucket, "fail", "has no aws_s3_bucket_object_lock_configuration")
}

test_deny_versioning_suspended if {
	suspended := {"address": "aws_s3_bucket_versioning.archive", "values": {"versioning_configuration": [{"status": "Suspended"}]}}
	found := _findings(suspended, _retention("COMPLIANCE", 2557, null))
	data.ztiam.fixtures.has_message(found, _bucket, "fail", "has versioning Suspended, not Enabled")
}

test_deny_logging_account_without_archive if {
	model := data.ztiam.fixtures.model({"context": object.union(data.ztiam.fixtures.context, {"account_kind": "logging"})})
	found := archive_object_lock.findings with input as model
	data.ztiam.fixtures.statuses(found, "context.account_kind") == {"fail"}
}

test_unknown_lock_rule if {
	lock := {"address": _lock, "values": {"object_lock_enabled": "Enabled"}}
	found := archive_object_lock.findings with input as _model(_versioning, lock, ["rule"], {})
	data.ztiam.fixtures.statuses(found, _bucket) == {"unknown"}
}
