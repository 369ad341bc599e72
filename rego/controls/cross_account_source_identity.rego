# METADATA
# title: Cross-account trust requires a source identity and constrains session tags
# description: >-
#   Every trust-policy Allow statement that admits an allow-listed external account and allows
#   sts:AssumeRole requires a source identity (Null sts:SourceIdentity "false", or a positive
#   StringEquals or StringLike condition on sts:SourceIdentity); where it allows
#   sts:TagSession, it constrains the tags with aws:TagKeys or aws:RequestTag/* conditions.
# scope: package
# custom:
#   id: ZT-IAM-12
#   severity: high
#   constraint: null
#   applies_to: [workload, logging]
#   subject: external_access
#   rationale: >-
#     Sessions assumed from another account otherwise show only the role in CloudTrail; a
#     required source identity names the partner's person or system in every event, and
#     unconstrained session tags would let the partner set the tags that attribute-based
#     conditions here rely on.
#   remediation: >-
#     Add "Null": {"sts:SourceIdentity": "false"} to the trust statement and allow
#     sts:SetSourceIdentity; allow sts:TagSession only with a ForAllValues:StringEquals
#     condition on aws:TagKeys (or conditions on aws:RequestTag/<key>).
#   limitations: >-
#     Whether the external account is allow-listed and carries an external id is ZT-IAM-02's
#     check; trust policies that cannot be read are reported there. The control does not check
#     that sts:SetSourceIdentity is allowed, without which assuming the role fails rather than
#     goes unattributed.
#   avoid: |-
#     resource "aws_iam_role" "partner" {
#       name                 = "partner-acme"
#       max_session_duration = 7200
#       assume_role_policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Effect    = "Allow"
#           Action    = ["sts:AssumeRole", "sts:TagSession"]
#           Principal = { AWS = "arn:aws:iam::222222222222:root" }
#           Condition = { StringEquals = { "sts:ExternalId" = "acme-7f3c9d2e" } }
#         }]
#       })
#     }
#   prefer: |-
#     resource "aws_iam_role" "partner" {
#       name                 = "partner-acme"
#       max_session_duration = 7200
#       assume_role_policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Effect    = "Allow"
#           Action    = ["sts:AssumeRole", "sts:SetSourceIdentity"]
#           Principal = { AWS = "arn:aws:iam::222222222222:root" }
#           Condition = {
#             StringEquals = { "sts:ExternalId" = "acme-7f3c9d2e" }
#             Null         = { "sts:SourceIdentity" = "false" }
#           }
#         }]
#       })
#     }
#   frameworks:
#     pci_dss: ["8.2.7"]
#     nist_800_53: ["AC-16", "AU-3", "AU-10", "IA-8"]
#     soc2: ["CC6.1", "CC6.3"]
#     nydfs: ["500.7(a)(1)"]
#     cis_aws: []
#     sox_itgc: ["APD"]
#     ffiec: ["IS II.C.20", "AUTH"]
#   supporting:
#     pci_dss: ["8.2.2", "10.2.2"]
package ztiam.controls.cross_account_source_identity

_own_account := object.get(input.context, "account_id", null)

_allow_listed := {account | some account in data.ztiam.lib.values.array_field(input.context, "allowed_external_accounts")}

findings contains finding if {
	some role in input.roles
	some s in _admitting(role)
	some gap in _gaps(s)
	message := sprintf("%s of the trust policy of role %s admits account %s but %s", [
		data.ztiam.lib.statements.label(s), role.address, _accounts_text(s), gap,
	])
	finding := {"address": role.address, "status": "fail", "message": message}
}

findings contains finding if {
	some role in input.roles
	some s in _admitting(role)
	count(_gaps(s)) == 0
	message := sprintf("%s of the trust policy of role %s requires a source identity from account %s%s", [
		data.ztiam.lib.statements.label(s), role.address, _accounts_text(s), _tags_text(s),
	])
	finding := {"address": role.address, "status": "pass", "message": message}
}

# Allow statements of the role's trust policy that admit an allow-listed external account.
_admitting(role) := [s |
	trust := _document(role.trust_document)
	some s in data.ztiam.lib.documents.readable_statements(trust)
	data.ztiam.lib.statements.is_allow(s)
	count(_listed(s)) > 0
]

_listed(s) := {account |
	some account in data.ztiam.lib.principals.external_accounts(s, _own_account)
	account in _allow_listed
}

_accounts_text(s) := data.ztiam.lib.values.text_list(_listed(s))

_gaps(s) := _source_identity_gap(s) | _tag_gap(s)

_source_identity_gap(s) := {gap |
	data.ztiam.lib.statements.covers_action(s, "sts:assumerole")
	not _requires_source_identity(s)
	gap := `does not require a source identity (Null sts:SourceIdentity "false" or a positive condition on it)`
}

_tag_gap(s) := {"allows sts:TagSession without an aws:TagKeys or aws:RequestTag/* condition" |
	data.ztiam.lib.statements.covers_action(s, "sts:tagsession")
	not _tags_constrained(s)
}

_requires_source_identity(s) if {
	some c in data.ztiam.lib.statements.conditions_on(s, "sts:sourceidentity")
	data.ztiam.lib.statements.base(c) == "null"
	c.set == null
	c.values == ["false"]
}

_requires_source_identity(s) if {
	some c in data.ztiam.lib.statements.conditions_on(s, "sts:sourceidentity")
	data.ztiam.lib.statements.base(c) in {"stringequals", "stringlike", "stringequalsignorecase"}
	c.negated == false
	data.ztiam.lib.statements.is_plain(c)
	count(c.values) > 0
	every value in c.values {
		value != ""
	}
}

_tags_constrained(s) if {
	some c in data.ztiam.lib.statements.conditions(s)
	c.negated == false
	c.if_exists == false
	_is_tag_key(c.key)
}

_is_tag_key(key) if key == "aws:tagkeys"

_is_tag_key(key) if startswith(key, "aws:requesttag/")

_tags_text(s) := ", with session tags constrained" if {
	data.ztiam.lib.statements.covers_action(s, "sts:tagsession")
} else := " and allows no session tags"

_document(id) := doc if {
	doc := input.documents[id]
} else := data.ztiam.lib.documents.missing(id)
