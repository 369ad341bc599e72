# METADATA
# title: Every bucket blocks public access with all four settings
# description: >-
#   Every aws_s3_bucket in the plan has an aws_s3_bucket_public_access_block with
#   block_public_acls, ignore_public_acls, block_public_policy and restrict_public_buckets all
#   true.
# scope: package
# custom:
#   id: ZT-S3-06
#   severity: high
#   constraint: null
#   applies_to: [workload, logging]
#   subject: null
#   rationale: >-
#     A bucket policy or ACL written by mistake must not make data public. The four settings are
#     independent: each closes a different way in, and turning one off re-exposes whatever
#     public grant already exists.
#   remediation: >-
#     Add an aws_s3_bucket_public_access_block for the bucket with all four settings true.
#   limitations: >-
#     The account-level block (aws_s3_account_public_access_block) is not taken into account;
#     each bucket needs its own. Access point blocks are not checked.
#   avoid: |
#     resource "aws_s3_bucket_public_access_block" "data" {
#       bucket                  = aws_s3_bucket.data.id
#       block_public_acls       = true
#       ignore_public_acls      = true
#       block_public_policy     = false
#       restrict_public_buckets = false
#     }
#   prefer: |
#     resource "aws_s3_bucket_public_access_block" "data" {
#       bucket                  = aws_s3_bucket.data.id
#       block_public_acls       = true
#       ignore_public_acls      = true
#       block_public_policy     = true
#       restrict_public_buckets = true
#     }
#   frameworks:
#     pci_dss: ["1.4.4"]
#     nist_800_53: ["AC-3", "AC-21", "SC-7"]
#     soc2: ["CC6.1", "CC6.6"]
#     nydfs: []
#     cis_aws: ["2.1.4"]
#     sox_itgc: []
#     ffiec: ["IS II.C.9"]
#   supporting:
#     pci_dss: ["1.3.1"]
#     nydfs: ["500.7(a)(1)"]
#     sox_itgc: ["APD"]
package ztiam.controls.bucket_public_access_block

_settings := ["block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"]

findings contains finding if {
	some address, bucket in input.buckets
	not is_object(bucket.public_access_block)
	message := sprintf("bucket %s (%v) has no public access block", [address, bucket.bucket])
	finding := {"address": address, "status": "fail", "message": message}
}

findings contains finding if {
	some address, bucket in input.buckets
	block := bucket.public_access_block
	is_object(block)
	count(_off(block)) > 0
	message := sprintf("bucket %s (%v) has a public access block (%v) with %s not true", [
		address, bucket.bucket, block.address, concat(", ", _off(block)),
	])
	finding := {"address": address, "status": "fail", "message": message}
}

findings contains finding if {
	some address, bucket in input.buckets
	block := bucket.public_access_block
	is_object(block)
	count(_off(block)) == 0
	count(_unknown(block)) > 0
	message := sprintf("bucket %s (%v) has a public access block with %s unknown at plan time", [
		address, bucket.bucket, concat(", ", _unknown(block)),
	])
	finding := {"address": address, "status": "unknown", "message": message}
}

findings contains finding if {
	some address, bucket in input.buckets
	block := bucket.public_access_block
	is_object(block)
	count(_off(block)) == 0
	count(_unknown(block)) == 0
	message := sprintf("bucket %s (%v) blocks public ACLs and policies with all four settings", [
		address, bucket.bucket,
	])
	finding := {"address": address, "status": "pass", "message": message}
}

# Settings known to be something other than true, or absent and not unknown.
_off(block) := [setting |
	some setting in _settings
	not setting in _unknown(block)
	object.get(data.ztiam.lib.values.object_field(block, "values"), setting, null) != true
]

_unknown(block) := [setting |
	some setting in _settings
	data.ztiam.lib.resources.is_unknown(object.get(input.resources, block.address, {}), setting)
]
