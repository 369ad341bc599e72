# METADATA
# title: Policy documents fit IAM and S3 size limits and carry nothing IAM rejects
# description: >-
#   Checks before apply what apply would fail on: customer-managed policies over 6,144
#   non-whitespace characters, a role's inline policies over 10,240 together, trust policies over
#   2,048, bucket policies over 20,480, and document issues such as duplicate Sids.
# scope: package
# custom:
#   id: ZT-IAM-09
#   severity: low
#   constraint: null
#   applies_to: [workload, logging]
#   subject: null
#   rationale: >-
#     A policy that IAM or S3 rejects fails the apply half-way, leaving roles and buckets with the
#     previous (or no) policy; finding it at plan time keeps deployments whole.
#   remediation: >-
#     Split large policies into several managed policies (up to the attachment quota), move
#     shared denies into the permissions boundary, and give every statement a unique Sid.
#   limitations: >-
#     Sizes are non-whitespace characters as IAM counts them; the S3 limit counts bytes, so a
#     bucket policy near 20,480 with much whitespace may still be refused. The trust policy limit
#     is the default quota of 2,048, which an account can raise to 4,096. Documents unknown at
#     plan time are unknown.
#   avoid: |-
#     resource "aws_iam_policy" "big" {
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [
#           { Sid = "Read", Effect = "Allow", Action = "s3:GetObject", Resource = "*" },
#           { Sid = "Read", Effect = "Allow", Action = "s3:ListBucket", Resource = "*" },
#         ]
#       })
#     }
#   prefer: |-
#     resource "aws_iam_policy" "small" {
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [
#           { Sid = "ReadObjects", Effect = "Allow", Action = "s3:GetObject", Resource = "*" },
#           { Sid = "ListBuckets", Effect = "Allow", Action = "s3:ListBucket", Resource = "*" },
#         ]
#       })
#     }
#   frameworks:
#     pci_dss: []
#     nist_800_53: []
#     soc2: []
#     nydfs: []
#     cis_aws: []
#     sox_itgc: []
#     ffiec: []
#   supporting:
#     nist_800_53: ["CM-3"]
#     soc2: ["CC8.1"]
#     sox_itgc: ["PC"]
package ztiam.controls.policy_size

_limits := {"managed": 6144, "trust": 2048, "bucket": 20480}

_inline_limit := 10240

_checked contains id if {
	some id, doc in input.documents
	doc.subkind in {"managed", "trust", "bucket", "inline"}
}

findings contains finding if {
	some id in _checked
	doc := input.documents[id]
	problem := data.ztiam.lib.documents.problem(doc)
	problem.status == "unknown"
	message := sprintf("policy %s %s, so its size cannot be checked", [id, problem.detail])
	finding := {"address": doc.address, "status": "unknown", "message": message}
}

findings contains finding if {
	some id in _checked
	doc := input.documents[id]
	limit := _limits[doc.subkind]
	doc.size > limit
	message := sprintf("%s policy %s has %d non-whitespace characters, over the limit of %d", [
		doc.subkind, id, doc.size, limit,
	])
	finding := {"address": doc.address, "status": "fail", "message": message}
}

findings contains finding if {
	some id in _checked
	doc := input.documents[id]
	some issue in data.ztiam.lib.values.array_field(doc, "issues")
	message := sprintf("policy %s has a problem IAM rejects: %s", [id, issue])
	finding := {"address": doc.address, "status": "fail", "message": message}
}

findings contains finding if {
	some address, total in _inline_totals
	total > _inline_limit
	message := sprintf(
		"inline policies of role %s have %d non-whitespace characters together, over the limit of %d",
		[address, total, _inline_limit],
	)
	finding := {"address": address, "status": "fail", "message": message}
}

findings contains finding if {
	some id in _checked
	doc := input.documents[id]
	doc.status == "ok"
	not id in _oversized
	count(data.ztiam.lib.values.array_field(doc, "issues")) == 0
	message := sprintf("%s policy %s has %d non-whitespace characters and no issues", [
		doc.subkind, id, doc.size,
	])
	finding := {"address": doc.address, "status": "pass", "message": message}
}

_oversized contains id if {
	some id in _checked
	doc := input.documents[id]
	doc.size > _limits[doc.subkind]
}

# Total size of the inline identity policies of each role.
_inline_totals[address] := total if {
	some address, role in input.roles
	total := sum([doc.size |
		some id in data.ztiam.lib.values.array_field(role, "identity_documents")
		doc := input.documents[id]
		doc.subkind == "inline"
		is_number(doc.size)
	])
}
