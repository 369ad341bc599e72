# METADATA
# title: Identity policy Allow statements carry at least three condition keys
# description: >-
#   Every Allow statement of every identity-based policy document (customer-managed and inline
#   policies and permission boundaries, of human and service roles alike) is conditioned on at
#   least three distinct condition keys that can restrict something.
# scope: package
# custom:
#   id: ZT-IAM-01
#   severity: high
#   constraint: 1
#   applies_to: [workload, logging]
#   subject: human_roles
#   rationale: >-
#     Zero trust grants nothing on identity alone: each Allow also checks the request's context
#     (region, transport, the caller's tier, network, time), so a stolen credential used from
#     the wrong place or for the wrong role gets nothing.
#   remediation: >-
#     Add conditions so each Allow statement tests at least three distinct keys, for example
#     StringEquals aws:RequestedRegion, Bool aws:SecureTransport "true" and StringEquals
#     aws:PrincipalTag/ztiam:tier; replace AWS-managed policies by customer-managed equivalents.
#   limitations: >-
#     Counts keys; it does not prove that each key is present in every request it should gate
#     (aws:SourceIp is absent through VPC endpoints). A `*` value under a Like operator, an
#     any-address range and ForAllValues without a Null guard on the same key are not counted.
#     AWS-managed policies are failed without their text; policies outside the plan are unknown.
#   avoid: |-
#     resource "aws_iam_policy" "reports_reader" {
#       name = "reports-reader"
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Sid      = "ReadReports"
#           Effect   = "Allow"
#           Action   = ["s3:GetObject"]
#           Resource = ["arn:aws:s3:::example-reports/*"]
#           # one condition key: any request over TLS is enough
#           Condition = {
#             Bool = { "aws:SecureTransport" = "true" }
#           }
#         }]
#       })
#     }
#   prefer: |-
#     resource "aws_iam_policy" "reports_reader" {
#       name = "reports-reader"
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Sid      = "ReadReports"
#           Effect   = "Allow"
#           Action   = ["s3:GetObject"]
#           Resource = ["arn:aws:s3:::example-reports/*"]
#           Condition = {
#             StringEquals = {
#               "aws:RequestedRegion"         = ["us-east-1"]
#               "aws:PrincipalTag/ztiam:tier" = ["developer"]
#             }
#             Bool = { "aws:SecureTransport" = "true" }
#           }
#         }]
#       })
#     }
#   frameworks:
#     pci_dss: ["7.2.1", "7.2.2", "7.3.1", "7.3.2"]
#     nist_800_53: ["AC-3", "AC-3(13)", "AC-6", "AC-2(11)"]
#     soc2: ["CC6.1", "CC6.3"]
#     nydfs: []
#     cis_aws: []
#     sox_itgc: []
#     ffiec: []
#   supporting:
#     pci_dss: ["7.3.3"]
#     nist_800_53: ["AC-16", "SC-7"]
#     soc2: ["CC6.6"]
#     nydfs: ["500.7(a)(1)"]
#     sox_itgc: ["APD"]
#     ffiec: ["IS II.C.15", "AUTH"]
package ztiam.controls.iam_allow_conditions

_minimum := 3

_identity := data.ztiam.lib.documents.of_kind(input.documents, "identity")

findings contains finding if {
	some doc in _identity
	problem := data.ztiam.lib.documents.problem(doc)
	message := sprintf("identity policy %s %s", [doc.id, problem.detail])
	finding := {"address": doc.address, "status": problem.status, "message": message}
}

findings contains finding if {
	some doc in _identity
	some s in data.ztiam.lib.documents.readable_statements(doc)
	_is_weak(s)
	finding := {"address": doc.address, "status": "fail", "message": _weak_message(doc, s)}
}

findings contains finding if {
	some id, doc in _identity
	doc.status == "ok"
	not id in _weak_documents
	message := sprintf(
		"every Allow statement of identity policy %s carries at least %d condition keys",
		[id, _minimum],
	)
	finding := {"address": doc.address, "status": "pass", "message": message}
}

findings contains finding if {
	some role in input.roles
	some item in data.ztiam.lib.roles.unseen(role)
	finding := _unseen_finding(role, item)
}

_weak_documents contains id if {
	some id, doc in _identity
	some s in data.ztiam.lib.documents.readable_statements(doc)
	_is_weak(s)
}

_is_weak(s) if {
	data.ztiam.lib.statements.is_allow(s)
	count(_counted_keys(s)) < _minimum
}

_counted_keys(s) := {c.key |
	some c in data.ztiam.lib.statements.conditions(s)
	not _vacuity(c, s)
}

# Why a condition restricts nothing; undefined when it restricts something.
_vacuity(c, s) := "a * value under a Like operator" if {
	data.ztiam.lib.statements.base(c) in {"stringlike", "arnlike", "arnequals"}
	c.negated == false
	some value in c.values
	_is_all_stars(value)
} else := "an any-address range" if {
	data.ztiam.lib.statements.base(c) == "ipaddress"
	some value in c.values
	value in {"0.0.0.0/0", "::/0"}
} else := "ForAllValues without a Null guard" if {
	c.set == "ForAllValues"
	not _has_null_guard(s, c.key)
}

# A Null "false" on the key: the request must carry it, so ForAllValues cannot pass empty.
_has_null_guard(s, key) if {
	some guard in data.ztiam.lib.statements.conditions(s)
	guard.key == key
	data.ztiam.lib.statements.base(guard) == "null"
	guard.values == ["false"]
}

_is_all_stars(value) if {
	value != ""
	trim(value, "*") == ""
}

_weak_message(doc, s) := sprintf(
	"%s of identity policy %s allows with %d counted condition keys (%s)%s",
	[
		data.ztiam.lib.statements.label(s), doc.id, count(counted),
		data.ztiam.lib.values.text_list(counted), _ignored(s, counted),
	],
) if {
	counted := _counted_keys(s)
}

_ignored(s, counted) := sprintf("; not counted: %s", [concat(", ", sort(reasons))]) if {
	reasons := {sprintf("%s (%s)", [c.key, why]) |
		some c in data.ztiam.lib.statements.conditions(s)
		not c.key in counted
		why := _vacuity(c, s)
	}
	count(reasons) > 0
} else := ""

_unseen_finding(role, item) := {"address": role.address, "status": "fail", "message": message} if {
	item.aws_managed
	message := sprintf(
		"role %s is bound by AWS-managed %s, whose Allow statements carry no conditions",
		[role.address, item.what],
	)
} else := {"address": role.address, "status": "unknown", "message": message} if {
	message := sprintf(
		"role %s is bound by %s, whose statements are not in the plan",
		[role.address, item.what],
	)
}
