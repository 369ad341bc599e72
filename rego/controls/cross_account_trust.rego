# METADATA
# title: Cross-account trust admits only allow-listed accounts with an external id
# description: >-
#   Every trust-policy Allow statement whose AWS principals include another account (or a
#   wildcard) names only accounts on the blueprint's allow-list and requires a positive
#   StringEquals sts:ExternalId condition with non-empty values.
# scope: package
# custom:
#   id: ZT-IAM-02
#   severity: critical
#   constraint: 2
#   applies_to: [workload, logging]
#   subject: external_access
#   rationale: >-
#     A role that trusts another account hands that account's administrators the power to act
#     here; only vetted partners may get it, and the external id protects a partner acting for
#     several customers from being used as a confused deputy.
#   remediation: >-
#     Trust only accounts in the blueprint's external accounts, and add
#     "StringEquals": {"sts:ExternalId": "<agreed id>"} to the trust statement (not IfExists,
#     not a Like pattern).
#   limitations: >-
#     Without an account id in the blueprint or provider configuration every AWS principal is
#     treated as external. Federated and service principals are not cross-account trust. Session
#     tags and source identity are not required by this control.
#   avoid: |-
#     resource "aws_iam_role" "partner" {
#       name                 = "partner-acme"
#       max_session_duration = 7200
#       # an account nobody allow-listed, and no external id
#       assume_role_policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Effect    = "Allow"
#           Action    = "sts:AssumeRole"
#           Principal = { AWS = "arn:aws:iam::999999999999:root" }
#         }]
#       })
#     }
#   prefer: |-
#     resource "aws_iam_role" "partner" {
#       name                 = "partner-acme"
#       max_session_duration = 7200
#       # 222222222222 is on the blueprint's list of external accounts
#       assume_role_policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Effect    = "Allow"
#           Action    = "sts:AssumeRole"
#           Principal = { AWS = "arn:aws:iam::222222222222:root" }
#           Condition = {
#             StringEquals = { "sts:ExternalId" = "acme-7f3c9d2e" }
#           }
#         }]
#       })
#     }
#   frameworks:
#     pci_dss: ["8.2.7", "7.2.4"]
#     nist_800_53: ["AC-3", "AC-20", "SA-9", "IA-8", "AC-16", "AU-3", "AU-10"]
#     soc2: ["CC6.1", "CC6.2", "CC6.3", "CC9.2"]
#     nydfs: ["500.7(a)(1)", "500.7(a)(4)"]
#     cis_aws: ["1.19"]
#     sox_itgc: ["APD"]
#     ffiec: ["IS II.C.20", "IS II.C.15", "AUTH"]
#   supporting:
#     pci_dss: ["8.2.2", "10.2.2", "12.8.1", "12.8.2", "12.8.4", "12.8.5"]
#     nist_800_53: ["IA-9"]
package ztiam.controls.cross_account_trust

_own_account := object.get(input.context, "account_id", null)

_allow_listed := {account | some account in input.context.allowed_external_accounts}

findings contains finding if {
	some role in input.roles
	trust := _document(role.trust_document)
	problem := data.ztiam.lib.documents.problem(trust)
	message := sprintf("trust policy of role %s %s", [role.address, problem.detail])
	finding := {"address": role.address, "status": problem.status, "message": message}
}

findings contains finding if {
	some role in input.roles
	some s in _crossing_statements(role)
	some gap in _gaps(s)
	message := sprintf("%s of the trust policy of role %s %s", [
		data.ztiam.lib.statements.label(s), role.address, gap,
	])
	finding := {"address": role.address, "status": "fail", "message": message}
}

findings contains finding if {
	some role in input.roles
	some s in _crossing_statements(role)
	count(_gaps(s)) == 0
	message := sprintf(
		"%s of the trust policy of role %s admits allow-listed account %s with an sts:ExternalId condition",
		[data.ztiam.lib.statements.label(s), role.address, data.ztiam.lib.values.text_list(_external(s))],
	)
	finding := {"address": role.address, "status": "pass", "message": message}
}

# Allow statements of the role's trust policy whose AWS principals include another account.
_crossing_statements(role) := [s |
	trust := _document(role.trust_document)
	some s in data.ztiam.lib.documents.readable_statements(trust)
	data.ztiam.lib.statements.is_allow(s)
	count(_external(s)) > 0
]

_external(s) := data.ztiam.lib.principals.external_accounts(s, _own_account)

_gaps(s) := (_wildcard_gap(s) | _account_gap(s)) | _external_id_gap(s)

_wildcard_gap(s) := {"admits any AWS principal (*)" | "*" in _external(s)}

_account_gap(s) := {gap |
	unlisted := {account |
		some account in _external(s)
		account != "*"
		not account in _allow_listed
	}
	count(unlisted) > 0
	gap := sprintf("admits account %s, which is not allow-listed", [
		data.ztiam.lib.values.text_list(unlisted),
	])
}

_external_id_gap(s) := {gap |
	not _has_external_id(s)
	gap := _external_id_problem(s)
}

_has_external_id(s) if {
	some c in data.ztiam.lib.statements.conditions_on(s, "sts:externalid")
	_is_exact_match(c)
	count(c.values) > 0
	every value in c.values {
		value != ""
	}
}

_is_exact_match(c) if {
	data.ztiam.lib.statements.base(c) == "stringequals"
	data.ztiam.lib.statements.is_plain(c)
}

_is_exact_match(c) if {
	data.ztiam.lib.statements.base(c) == "stringlike"
	data.ztiam.lib.statements.is_plain(c)
	every value in c.values {
		not _has_wildcard(value)
	}
}

_has_wildcard(value) if contains(value, "*")

_has_wildcard(value) if contains(value, "?")

_external_id_problem(s) := "has no sts:ExternalId condition" if {
	count(data.ztiam.lib.statements.conditions_on(s, "sts:externalid")) == 0
} else := sprintf(
	"tests sts:ExternalId with %s, not a positive StringEquals with non-empty values",
	[operators],
) if {
	operators := concat(", ", sort({c.operator |
		some c in data.ztiam.lib.statements.conditions_on(s, "sts:externalid")
	}))
}

# The document with this id, or a stand-in with status "missing".
_document(id) := doc if {
	doc := input.documents[id]
} else := data.ztiam.lib.documents.missing(id)
