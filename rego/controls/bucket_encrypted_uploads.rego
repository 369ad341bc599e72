# METADATA
# title: Data bucket policies deny uploads without the encryption header
# description: >-
#   The bucket policy of every data bucket (every bucket policy when the blueprint names none)
#   denies, for every principal, s3:PutObject on the bucket's objects both when the
#   s3:x-amz-server-side-encryption header has another value (StringNotEquals) and when it is
#   missing (a separate Deny with Null "true", or a StringNotEqualsIfExists without a Null
#   guard). A single statement that pairs the value test with Null "false" lets uploads without
#   the header through and fails.
# scope: package
# custom:
#   id: ZT-S3-03
#   severity: high
#   constraint: null
#   applies_to: [workload, logging]
#   subject: data_buckets
#   rationale: >-
#     Uploads must ask for the approved encryption. Null "false" is false when the header is
#     missing, so a statement that requires it never fires for an upload that sends no header at
#     all: the policy looks strict but lets exactly the uploads it targets through.
#   remediation: >-
#     Add two Deny statements with Principal "*" on s3:PutObject over the bucket ARN followed by
#     "/*": one with StringNotEquals s3:x-amz-server-side-encryption "aws:kms", one with Null
#     s3:x-amz-server-side-encryption "true". Set SSE-KMS as the bucket's default encryption too.
#   limitations: >-
#     The header states what the client asked for, not how S3 stored the object; since January
#     2023 S3 encrypts every new object at least with SSE-S3. The required value and the KMS key
#     id header are not compared with the blueprint. Only the AWS service and blueprint principal
#     exemptions may accompany the header conditions. Data buckets named by the blueprint but
#     absent from the plan are not reported.
#   avoid: |
#     # Null "false" is false without the header: header-less uploads pass.
#     resource "aws_s3_bucket_policy" "data" {
#       bucket = aws_s3_bucket.data.id
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Effect    = "Deny"
#           Principal = "*"
#           Action    = "s3:PutObject"
#           Resource  = "arn:aws:s3:::example-data/*"
#           Condition = {
#             StringNotEqualsIfExists = { "s3:x-amz-server-side-encryption" = "aws:kms" }
#             Null                    = { "s3:x-amz-server-side-encryption" = "false" }
#           }
#         }]
#       })
#     }
#   prefer: |
#     resource "aws_s3_bucket_policy" "data" {
#       bucket = aws_s3_bucket.data.id
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [
#           {
#             Sid       = "DenyUploadsWithWrongEncryption"
#             Effect    = "Deny"
#             Principal = "*"
#             Action    = "s3:PutObject"
#             Resource  = "arn:aws:s3:::example-data/*"
#             Condition = { StringNotEquals = { "s3:x-amz-server-side-encryption" = "aws:kms" } }
#           },
#           {
#             Sid       = "DenyUploadsWithoutEncryptionHeader"
#             Effect    = "Deny"
#             Principal = "*"
#             Action    = "s3:PutObject"
#             Resource  = "arn:aws:s3:::example-data/*"
#             Condition = { Null = { "s3:x-amz-server-side-encryption" = "true" } }
#           },
#         ]
#       })
#     }
#   frameworks:
#     pci_dss: []
#     nist_800_53: ["SC-28", "SC-28(1)"]
#     soc2: ["CC6.1"]
#     nydfs: ["500.15"]
#     cis_aws: []
#     sox_itgc: []
#     ffiec: ["IS II.C.13", "IS II.C.19"]
#   supporting:
#     pci_dss: ["3.5.1"]
#     nist_800_53: ["SC-13"]
package ztiam.controls.bucket_encrypted_uploads

_key := "s3:x-amz-server-side-encryption"

_allowed_keys := {_key, "aws:principalarn", "aws:principalisawsservice"}

_policies := data.ztiam.lib.bucket_policies.policies

_in_scope := data.ztiam.lib.bucket_policies.in_scope

findings contains finding if {
	some [address, status, message] in data.ztiam.lib.bucket_policies.coverage_gaps
	finding := {"address": address, "status": status, "message": message}
}

findings contains finding if {
	some id, name in _in_scope
	id in _denies_wrong
	id in _denies_missing
	message := sprintf("bucket policy %s denies uploads with another encryption or without the header", [
		data.ztiam.lib.bucket_policies.describe(id, name),
	])
	finding := {"address": _policies[id].address, "status": "pass", "message": message}
}

findings contains finding if {
	some id, name in _in_scope
	_policies[id].status == "ok"
	not id in _denies_missing
	message := sprintf(
		"bucket policy %s does not deny uploads that send no s3:x-amz-server-side-encryption header%s",
		[data.ztiam.lib.bucket_policies.describe(id, name), _reasons_text(id)],
	)
	finding := {"address": _policies[id].address, "status": "fail", "message": message}
}

findings contains finding if {
	some id, name in _in_scope
	_policies[id].status == "ok"
	not id in _denies_wrong
	message := sprintf(
		"bucket policy %s does not deny uploads that ask for another encryption (no usable StringNotEquals on s3:x-amz-server-side-encryption)%s",
		[data.ztiam.lib.bucket_policies.describe(id, name), _reasons_text(id)],
	)
	finding := {"address": _policies[id].address, "status": "fail", "message": message}
}

# Deny statements on uploads that test the header, keyed by [document id, statement index].
_candidates[[id, s.index]] := s if {
	some id, _ in _in_scope
	some s in data.ztiam.lib.documents.readable_statements(_policies[id])
	data.ztiam.lib.statements.is_deny(s)
	data.ztiam.lib.statements.has_key(s, _key)
}

# Candidates that apply to every principal and every object, with no narrowing condition.
_usable contains key if {
	some key, s in _candidates
	not key in _flawed
}

_flawed contains shortfall[0] if some shortfall in _shortfalls

_denies_wrong contains key[0] if {
	some key in _usable
	some c in data.ztiam.lib.statements.conditions_on(_candidates[key], _key)
	_is_value_test(c)
	not _has_null_guard(_candidates[key])
}

_denies_missing contains key[0] if {
	some key in _usable
	some c in data.ztiam.lib.statements.conditions_on(_candidates[key], _key)
	_is_missing_test(c)
}

_denies_missing contains key[0] if {
	some key in _usable
	some c in data.ztiam.lib.statements.conditions_on(_candidates[key], _key)
	_is_value_test(c)
	c.if_exists == true
	not _has_null_guard(_candidates[key])
}

_is_value_test(c) if {
	data.ztiam.lib.statements.base(c) in {"stringnotequals", "stringnotequalsignorecase", "stringnotlike"}
	c.set == null
}

_is_missing_test(c) if {
	data.ztiam.lib.statements.base(c) == "null"
	c.values == ["true"]
}

_has_null_guard(s) if {
	some c in data.ztiam.lib.statements.conditions_on(s, _key)
	data.ztiam.lib.statements.base(c) == "null"
	c.values == ["false"]
}

_shortfalls contains [key, "it does not apply to every principal"] if {
	some key, s in _candidates
	not data.ztiam.lib.principals.is_wildcard(s)
}

_shortfalls contains [key, "it does not cover s3:PutObject"] if {
	some key, s in _candidates
	not data.ztiam.lib.statements.covers_action(s, "s3:putobject")
}

_shortfalls contains [key, "it does not cover every object of the bucket"] if {
	some key, s in _candidates
	not data.ztiam.lib.bucket_policies.covers_objects(s, _in_scope[key[0]])
}

_shortfalls contains [key, reason] if {
	some key, s in _candidates
	some reason in data.ztiam.lib.bucket_policies.exemption_faults(s)
}

_shortfalls contains [key, reason] if {
	some key, s in _candidates
	some reason in data.ztiam.lib.bucket_policies.narrowing(s, _allowed_keys)
}

# Why the statements that test the header fall short, for the failure message.
_notes[key[0]] contains note if {
	some key, s in _candidates
	_has_null_guard(s)
	note := sprintf(
		"%s requires the header to be present (Null \"false\"), so uploads without it are not denied",
		[data.ztiam.lib.statements.label(s)],
	)
}

_notes[key[0]] contains sprintf("%s: %s", [data.ztiam.lib.statements.label(_candidates[key]), reason]) if {
	some [key, reason] in _shortfalls
}

_reasons_text(id) := sprintf("; %s", [concat("; ", sort(_notes[id]))]) if {
	count(_notes[id]) > 0
} else := ""
