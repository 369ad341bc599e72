# METADATA
# title: Data bucket policies deny object deletion without MFA, long-term keys included
# description: >-
#   The bucket policy of every data bucket (every bucket policy when the blueprint names none)
#   has a Deny for every principal on s3:DeleteObject and s3:DeleteObjectVersion over the
#   bucket's objects, conditioned on BoolIfExists aws:MultiFactorAuthPresent "false"; exemptions,
#   when present, are exactly the blueprint's exempt principals and AWS service principals.
# scope: package
# custom:
#   id: ZT-S3-05
#   severity: medium
#   constraint: null
#   applies_to: [workload, logging]
#   subject: data_buckets
#   rationale: >-
#     Deleting data needs a second factor. Requests signed with long-term access keys carry no
#     aws:MultiFactorAuthPresent key, and a plain Bool test does not match an absent key, so
#     Bool "false" lets every access key delete without MFA; BoolIfExists catches them.
#   remediation: >-
#     Add a statement with Effect Deny, Principal "*", Action s3:DeleteObject and
#     s3:DeleteObjectVersion, Resource the bucket ARN followed by "/*", and Condition BoolIfExists
#     aws:MultiFactorAuthPresent "false", with ArnNotLike aws:PrincipalArn the blueprint's exempt
#     principals and BoolIfExists aws:PrincipalIsAWSService "false" where those must delete.
#   limitations: >-
#     This is MFA-protected API access, not the versioning MFA Delete setting that only the root
#     user can enable; neither is checked against the other. People who sign in through IAM
#     Identity Center carry no MFA key, so deletion falls to the exempt principals. Data buckets
#     named by the blueprint but absent from the plan are not reported.
#   avoid: |
#     # Bool does not match long-term keys, which carry no MFA key.
#     resource "aws_s3_bucket_policy" "data" {
#       bucket = aws_s3_bucket.data.id
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Effect    = "Deny"
#           Principal = "*"
#           Action    = ["s3:DeleteObject", "s3:DeleteObjectVersion"]
#           Resource  = "arn:aws:s3:::example-data/*"
#           Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } }
#         }]
#       })
#     }
#   prefer: |
#     resource "aws_s3_bucket_policy" "data" {
#       bucket = aws_s3_bucket.data.id
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Sid       = "DenyDeleteWithoutMfa"
#           Effect    = "Deny"
#           Principal = "*"
#           Action    = ["s3:DeleteObject", "s3:DeleteObjectVersion"]
#           Resource  = "arn:aws:s3:::example-data/*"
#           Condition = {
#             BoolIfExists = {
#               "aws:MultiFactorAuthPresent" = "false"
#               "aws:PrincipalIsAWSService"  = "false"
#             }
#             ArnNotLike = { "aws:PrincipalArn" = [
#               "arn:aws:iam::111122223333:role/ztiam-deployer",
#               "arn:aws:iam::111122223333:role/ztiam-break-glass",
#             ] }
#           }
#         }]
#       })
#     }
#   frameworks:
#     pci_dss: []
#     nist_800_53: ["AC-3"]
#     soc2: ["CC6.1"]
#     nydfs: []
#     cis_aws: []
#     sox_itgc: []
#     ffiec: []
#   supporting:
#     nist_800_53: ["CM-3"]
#     cis_aws: ["2.1.2"]
#     sox_itgc: ["APD"]
package ztiam.controls.bucket_delete_mfa

_key := "aws:multifactorauthpresent"

_allowed_keys := {_key, "aws:principalarn", "aws:principalisawsservice"}

_deletes := ["s3:deleteobject", "s3:deleteobjectversion"]

_policies := data.ztiam.lib.bucket_policies.policies

_in_scope := data.ztiam.lib.bucket_policies.in_scope

findings contains finding if {
	some [address, status, message] in data.ztiam.lib.bucket_policies.coverage_gaps
	finding := {"address": address, "status": status, "message": message}
}

findings contains finding if {
	some id, name in _in_scope
	id in _enforced
	message := sprintf("bucket policy %s denies object deletion without MFA, long-term keys included", [
		data.ztiam.lib.bucket_policies.describe(id, name),
	])
	finding := {"address": _policies[id].address, "status": "pass", "message": message}
}

findings contains finding if {
	some id, name in _in_scope
	_policies[id].status == "ok"
	not id in _with_candidates
	message := sprintf("bucket policy %s has no Deny conditioned on aws:MultiFactorAuthPresent", [
		data.ztiam.lib.bucket_policies.describe(id, name),
	])
	finding := {"address": _policies[id].address, "status": "fail", "message": message}
}

findings contains finding if {
	some [key, reason] in _shortfalls
	not key[0] in _enforced
	message := sprintf("%s of bucket policy %s does not deny deletion without MFA: %s", [
		data.ztiam.lib.statements.label(_candidates[key]),
		data.ztiam.lib.bucket_policies.describe(key[0], _in_scope[key[0]]), reason,
	])
	finding := {"address": _policies[key[0]].address, "status": "fail", "message": message}
}

# Deny statements that test aws:MultiFactorAuthPresent, keyed by [document id, statement index].
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

_shortfalls contains [key, reason] if {
	some key, s in _candidates
	some c in data.ztiam.lib.statements.conditions_on(s, _key)
	data.ztiam.lib.statements.base(c) == "bool"
	c.if_exists == false
	reason := concat(" ", [
		"it tests aws:MultiFactorAuthPresent with Bool, which does not match requests signed with",
		"long-term access keys (they carry no MFA key), so those delete without MFA; use BoolIfExists",
	])
}

_shortfalls contains [key, reason] if {
	some key, s in _candidates
	some c in data.ztiam.lib.statements.conditions_on(s, _key)
	not _is_mfa_test(c)
	not _is_plain_bool(c)
	reason := sprintf("it tests aws:MultiFactorAuthPresent with %s %s, not BoolIfExists \"false\"", [
		c.operator, data.ztiam.lib.values.text_list(c.values),
	])
}

_shortfalls contains [key, "it does not apply to every principal"] if {
	some key, s in _candidates
	not data.ztiam.lib.principals.is_wildcard(s)
}

_shortfalls contains [key, reason] if {
	some key, s in _candidates
	some action in _deletes
	not data.ztiam.lib.statements.covers_action(s, action)
	reason := sprintf("it does not cover %s", [action])
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

_is_mfa_test(c) if {
	data.ztiam.lib.statements.base(c) == "bool"
	c.if_exists == true
	c.set == null
	c.values == ["false"]
}

_is_plain_bool(c) if {
	data.ztiam.lib.statements.base(c) == "bool"
	c.if_exists == false
}
