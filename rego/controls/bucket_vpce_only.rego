# METADATA
# title: Data buckets are reachable only through the VPC endpoints, without locking people out
# description: >-
#   The bucket policy of every data bucket (every bucket policy when the blueprint names none)
#   has a Deny for every principal on s3:* over the bucket and its objects, conditioned on a
#   negated operator over aws:SourceVpce or aws:SourceVpc, that exempts exactly the blueprint's
#   exempt principals (ArnNotLike aws:PrincipalArn) and AWS service principals (BoolIfExists
#   aws:PrincipalIsAWSService "false").
# scope: package
# custom:
#   id: ZT-S3-02
#   severity: high
#   constraint: null
#   applies_to: [workload, logging]
#   subject: data_buckets
#   rationale: >-
#     Data reached only from the company's network cannot be read with stolen credentials from
#     elsewhere. A negated operator matches requests that carry no endpoint at all (console,
#     pipeline, break-glass), so a deny without exemptions locks every principal of the account
#     out, and only the account's root user can still change or delete the bucket policy.
#   remediation: >-
#     Add a statement with Effect Deny, Principal "*", Action s3:*, Resource the bucket ARN and
#     the bucket ARN followed by "/*", and the conditions StringNotEquals aws:SourceVpce (the
#     endpoint ids), ArnNotLike aws:PrincipalArn (exactly the pipeline and break-glass role ARNs
#     the blueprint names) and BoolIfExists aws:PrincipalIsAWSService "false".
#   limitations: >-
#     Endpoint ids are not compared with the blueprint's. An aws:ViaAWSService carve-out is
#     reported as a condition that narrows the deny. Data buckets named by the blueprint but
#     absent from the plan are not reported.
#   avoid: |
#     # Denies administrators and the pipeline too: only root could recover.
#     resource "aws_s3_bucket_policy" "data" {
#       bucket = aws_s3_bucket.data.id
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Sid       = "OnlyViaEndpoint"
#           Effect    = "Deny"
#           Principal = "*"
#           Action    = "s3:*"
#           Resource  = ["arn:aws:s3:::example-data", "arn:aws:s3:::example-data/*"]
#           Condition = { StringNotEquals = { "aws:SourceVpce" = "vpce-0abc1234" } }
#         }]
#       })
#     }
#   prefer: |
#     resource "aws_s3_bucket_policy" "data" {
#       bucket = aws_s3_bucket.data.id
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Sid       = "DenyOutsideVpcEndpoints"
#           Effect    = "Deny"
#           Principal = "*"
#           Action    = "s3:*"
#           Resource  = ["arn:aws:s3:::example-data", "arn:aws:s3:::example-data/*"]
#           Condition = {
#             StringNotEquals = { "aws:SourceVpce" = ["vpce-0abc1234"] }
#             ArnNotLike = { "aws:PrincipalArn" = [
#               "arn:aws:iam::111122223333:role/ztiam-deployer",
#               "arn:aws:iam::111122223333:role/ztiam-break-glass",
#             ] }
#             BoolIfExists = { "aws:PrincipalIsAWSService" = "false" }
#           }
#         }]
#       })
#     }
#   frameworks:
#     pci_dss: ["1.4.4"]
#     nist_800_53: ["AC-3", "AC-4", "SC-7"]
#     soc2: ["CC6.1", "CC6.6"]
#     nydfs: []
#     cis_aws: []
#     sox_itgc: []
#     ffiec: ["IS II.C.9"]
#   supporting:
#     pci_dss: ["1.3.1"]
#     nydfs: ["500.7(a)(1)"]
#     sox_itgc: ["APD"]
package ztiam.controls.bucket_vpce_only

_network_keys := {"aws:sourcevpce", "aws:sourcevpc"}

_allowed_keys := _network_keys | {"aws:principalarn", "aws:principalisawsservice"}

_policies := data.ztiam.lib.bucket_policies.policies

_in_scope := data.ztiam.lib.bucket_policies.in_scope

findings contains finding if {
	some [address, status, message] in data.ztiam.lib.bucket_policies.coverage_gaps
	finding := {"address": address, "status": status, "message": message}
}

findings contains finding if {
	some id, name in _in_scope
	id in _enforced
	message := sprintf(
		"bucket policy %s denies access outside the VPC endpoints, exempting only %s and AWS services",
		[data.ztiam.lib.bucket_policies.describe(id, name), _exempt_text],
	)
	finding := {"address": _policies[id].address, "status": "pass", "message": message}
}

findings contains finding if {
	some id, name in _in_scope
	_policies[id].status == "ok"
	not id in _with_candidates
	message := sprintf("bucket policy %s has no Deny conditioned on aws:SourceVpce or aws:SourceVpc", [
		data.ztiam.lib.bucket_policies.describe(id, name),
	])
	finding := {"address": _policies[id].address, "status": "fail", "message": message}
}

findings contains finding if {
	some [key, reason] in _shortfalls
	not key[0] in _enforced
	message := sprintf("%s of bucket policy %s %s", [
		data.ztiam.lib.statements.label(_candidates[key]),
		data.ztiam.lib.bucket_policies.describe(key[0], _in_scope[key[0]]), reason,
	])
	finding := {"address": _policies[key[0]].address, "status": "fail", "message": message}
}

_exempt_text := data.ztiam.lib.values.text_list(data.ztiam.lib.bucket_policies.exempt)

# Deny statements that test the request's endpoint or VPC, keyed by [document id, statement index].
_candidates[[id, s.index]] := s if {
	some id, _ in _in_scope
	some s in data.ztiam.lib.documents.readable_statements(_policies[id])
	data.ztiam.lib.statements.is_deny(s)
	some c in data.ztiam.lib.statements.conditions(s)
	c.key in _network_keys
}

_with_candidates contains key[0] if some key, _ in _candidates

_short_keys contains shortfall[0] if some shortfall in _shortfalls

_enforced contains key[0] if {
	some key, _ in _candidates
	not key in _short_keys
}

_shortfalls contains [key, concat(" ", [
	"denies every principal of the account outside the VPC endpoints, administrators and the",
	"pipeline included: it exempts no break-glass or pipeline principal (ArnNotLike",
	"aws:PrincipalArn), so it locks everyone out and only the account's root user could still",
	"change or delete the bucket policy",
])] if {
	some key, s in _candidates
	not data.ztiam.lib.statements.has_key(s, "aws:principalarn")
}

_shortfalls contains [key, concat(" ", [
	"does not exempt AWS service principals (BoolIfExists aws:PrincipalIsAWSService \"false\"),",
	"so deliveries by AWS services to the bucket are denied",
])] if {
	some key, s in _candidates
	not data.ztiam.lib.statements.has_key(s, "aws:principalisawsservice")
}

_shortfalls contains [key, sprintf("does not enforce the endpoint: %s", [reason])] if {
	some key, s in _candidates
	some reason in data.ztiam.lib.bucket_policies.exemption_faults(s)
}

_shortfalls contains [key, "does not enforce the endpoint: it does not apply to every principal"] if {
	some key, s in _candidates
	not data.ztiam.lib.principals.is_wildcard(s)
}

_shortfalls contains [key, "does not enforce the endpoint: it does not cover every S3 action (s3:*)"] if {
	some key, s in _candidates
	not data.ztiam.lib.bucket_policies.covers_all_s3(s)
}

_shortfalls contains [key, "does not enforce the endpoint: it does not cover both the bucket and its objects"] if {
	some key, s in _candidates
	not data.ztiam.lib.bucket_policies.covers_bucket_and_objects(s, _in_scope[key[0]])
}

_shortfalls contains [key, reason] if {
	some key, s in _candidates
	some c in data.ztiam.lib.statements.conditions(s)
	c.key in _network_keys
	not c.negated
	reason := sprintf(
		"tests %s with %s, which denies requests through the endpoint instead of outside it",
		[c.key_raw, c.operator],
	)
}

_shortfalls contains [key, sprintf("does not enforce the endpoint: %s", [reason])] if {
	some key, s in _candidates
	some reason in data.ztiam.lib.bucket_policies.narrowing(s, _allowed_keys)
}
