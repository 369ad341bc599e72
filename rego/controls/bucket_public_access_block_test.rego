package ztiam.controls.bucket_public_access_block_test

import data.ztiam.controls.bucket_public_access_block

_bucket := data.ztiam.fixtures.buckets.bucket

_block := "aws_s3_bucket_public_access_block.data"

_all_on := {
	"block_public_acls": true, "ignore_public_acls": true,
	"block_public_policy": true, "restrict_public_buckets": true,
}

_findings(values, unknown) := found if {
	model := data.ztiam.fixtures.model({
		"resources": {_block: data.ztiam.fixtures.resource(_block, values, unknown)},
		"buckets": {_bucket: data.ztiam.fixtures.buckets.view(null, null, {"address": _block, "values": values})},
	})
	found := bucket_public_access_block.findings with input as model
}

test_allow_all_four_settings if {
	data.ztiam.fixtures.statuses(_findings(_all_on, []), _bucket) == {"pass"}
}

test_deny_policy_settings_off if {
	values := object.union(_all_on, {"block_public_policy": false, "restrict_public_buckets": false})
	found := _findings(values, [])
	data.ztiam.fixtures.has_message(found, _bucket, "fail", "with block_public_policy, restrict_public_buckets not true")
}

test_deny_setting_absent if {
	found := _findings(object.remove(_all_on, ["ignore_public_acls"]), [])
	data.ztiam.fixtures.has_message(found, _bucket, "fail", "ignore_public_acls not true")
}

test_deny_no_block if {
	model := data.ztiam.fixtures.model({"buckets": {_bucket: data.ztiam.fixtures.buckets.view(null, null, null)}})
	found := bucket_public_access_block.findings with input as model
	data.ztiam.fixtures.has_message(found, _bucket, "fail", "has no public access block")
}

test_unknown_setting if {
	found := _findings(object.remove(_all_on, ["block_public_acls"]), ["block_public_acls"])
	data.ztiam.fixtures.statuses(found, _bucket) == {"unknown"}
}
