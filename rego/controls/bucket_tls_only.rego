# METADATA
# title: Data bucket policies deny requests without TLS
# description: >-
#   The bucket policy of every data bucket (every bucket policy when the blueprint names none)
#   has a Deny for every principal on s3:* over the bucket and its objects, conditioned only on
#   Bool aws:SecureTransport "false".
# scope: package
# custom:
#   id: ZT-S3-04
#   severity: high
#   constraint: null
#   applies_to: [workload, logging]
#   subject: data_buckets
#   rationale: >-
#     Data must not cross a network in clear text. S3 still answers plain HTTP requests unless
#     the bucket policy refuses them; the aws:SecureTransport key is present in every request, so
#     a plain Bool test is exact.
#   remediation: >-
#     Add a statement with Effect Deny, Principal "*", Action s3:*, Resource the bucket ARN and
#     the bucket ARN followed by "/*", and Condition Bool aws:SecureTransport "false", with no
#     other condition.
#   limitations: >-
#     Does not check a minimum TLS version (s3:TlsVersion). Data buckets named by the blueprint
#     but absent from the plan are not reported.
#   avoid: |
#     resource "aws_s3_bucket_policy" "data" {
#       bucket = aws_s3_bucket.data.id
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Effect    = "Deny"
#           Principal = "*"
#           Action    = "s3:GetObject"
#           Resource  = "arn:aws:s3:::example-data/*"
#           Condition = { Bool = { "aws:SecureTransport" = "false" } }
#         }]
#       })
#     }
#   prefer: |
#     resource "aws_s3_bucket_policy" "data" {
#       bucket = aws_s3_bucket.data.id
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Sid       = "DenyInsecureTransport"
#           Effect    = "Deny"
#           Principal = "*"
#           Action    = "s3:*"
#           Resource  = ["arn:aws:s3:::example-data", "arn:aws:s3:::example-data/*"]
#           Condition = { Bool = { "aws:SecureTransport" = "false" } }
#         }]
#       })
#     }
#   frameworks:
#     pci_dss: ["4.2.1"]
#     nist_800_53: ["SC-8", "SC-8(1)"]
#     soc2: ["CC6.7"]
#     nydfs: ["500.15"]
#     cis_aws: ["2.1.1"]
#     sox_itgc: []
#     ffiec: ["IS II.C.13"]
#   supporting:
#     nist_800_53: ["SC-13"]
#     soc2: ["CC6.1"]
package ztiam.controls.bucket_tls_only

_key := "aws:securetransport"

_policies := data.ztiam.lib.bucket_policies.policies

_in_scope := data.ztiam.lib.bucket_policies.in_scope

findings contains finding if {
	some [address, status, message] in data.ztiam.lib.bucket_policies.coverage_gaps
	finding := {"address": address, "status": status, "message": message}
}

findings contains finding if {
	some id, name in _in_scope
	id in _enforced
	message := sprintf("bucket policy %s denies every request made without TLS", [
		data.ztiam.lib.bucket_policies.describe(id, name),
	])
	finding := {"address": _policies[id].address, "status": "pass", "message": message}
}

findings contains finding if {
	some id, name in _in_scope
	_policies[id].status == "ok"
	not id in _with_candidates
	message := sprintf("bucket policy %s has no Deny conditioned on aws:SecureTransport", [
		data.ztiam.lib.bucket_policies.describe(id, name),
	])
	finding := {"address": _policies[id].address, "status": "fail", "message": message}
}

findings contains finding if {
	some [key, reason] in _shortfalls
	not key[0] in _enforced
	message := sprintf("%s of bucket policy %s does not deny requests without TLS: %s", [
		data.ztiam.lib.statements.label(_candidates[key]),
		data.ztiam.lib.bucket_policies.describe(key[0], _in_scope[key[0]]), reason,
	])
	finding := {"address": _policies[key[0]].address, "status": "fail", "message": message}
}

# Deny statements that test aws:SecureTransport, keyed by [document id, statement index].
_candidates[[id, s.index]] := s if {
	some id, _ in _in_scope
	some s in data.ztiam.lib.documents.readable_statements(_policies[id])
	data.ztiam.lib.statements.is_deny(s)
	data.ztiam.lib.statements.has_key(s, _key)
}

_with_candidates contains key[0] if some key, _ in _candidates

_short_keys contains shortfall[0] if some shortfall in _shortfalls

_enforced contains key[0] if {
	some key, _ in _candidates
	not key in _short_keys
}

_shortfalls contains [key, "it does not apply to every principal (Principal \"*\")"] if {
	some key, s in _candidates
	not data.ztiam.lib.principals.is_wildcard(s)
}

_shortfalls contains [key, "it does not cover every S3 action (s3:*)"] if {
	some key, s in _candidates
	not data.ztiam.lib.bucket_policies.covers_all_s3(s)
}

_shortfalls contains [key, "it does not cover both the bucket and its objects"] if {
	some key, s in _candidates
	not data.ztiam.lib.bucket_policies.covers_bucket_and_objects(s, _in_scope[key[0]])
}

_shortfalls contains [key, reason] if {
	some key, s in _candidates
	some c in data.ztiam.lib.statements.conditions_on(s, _key)
	not _is_insecure_test(c)
	reason := sprintf("it tests aws:SecureTransport with %s %s, not Bool \"false\"", [
		c.operator, data.ztiam.lib.values.text_list(c.values),
	])
}

_shortfalls contains [key, reason] if {
	some key, s in _candidates
	some reason in data.ztiam.lib.bucket_policies.narrowing(s, {_key})
}

_is_insecure_test(c) if {
	data.ztiam.lib.statements.base(c) == "bool"
	c.set == null
	c.values == ["false"]
}
