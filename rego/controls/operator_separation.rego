# METADATA
# title: Operators cannot change IAM, read application data or reach production without MFA
# description: >-
#   For every operator role (tier tag operator, or an untagged role named *-operator), the
#   effective permissions include no IAM write, permissions-management or tagging action (user
#   creation included; iam:PassRole is judged by ZT-IAM-10) and no application data read:
#   s3:GetObject on data buckets, secretsmanager:GetSecretValue, rds-data, rds-db:connect and
#   DynamoDB item reads. In production, every trust Allow admitting people requires an MFA
#   session tag.
# scope: package
# custom:
#   id: ZT-IAM-08
#   severity: high
#   constraint: null
#   applies_to: [workload, logging]
#   subject: human_roles
#   rationale: >-
#     Operators run infrastructure; they must not grant themselves more, create identities or
#     read the data the infrastructure holds, and production changes need proof of MFA.
#   remediation: >-
#     Add unconditional Deny statements for IAM changes and application data reads to the
#     operator role's policies or boundary (s3:GetObject on the data buckets' objects), and
#     require the identity provider's MFA session tag (StringEquals aws:PrincipalTag/mfa "true")
#     in the production operator trust policy.
#   limitations: >-
#     kms:Decrypt on data keys is not judged: key ids are random at plan time and the data
#     buckets' object reads are what the Deny must stop. The MFA session tag is recognised by a
#     positive condition on an aws:PrincipalTag key whose name contains "mfa", or by Bool
#     aws:MultiFactorAuthPresent "true"; whether the identity provider sets it per sign-in is
#     evidence from outside the plan. Allow conditions are not evaluated; a Deny counts only when
#     unconditional or exempting only the exempted principals.
#   avoid: |-
#     resource "aws_iam_policy" "operator" {
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{ Effect = "Allow", Action = ["s3:*", "iam:*"], Resource = "*" }]
#       })
#     }
#   prefer: |-
#     resource "aws_iam_policy" "operator" {
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [
#           { Effect = "Allow", Action = ["s3:*", "ec2:*"], Resource = "*", Condition = local.three_keys },
#           { Effect = "Deny", Action = ["iam:Create*", "iam:Put*", "iam:Attach*"], Resource = "*" },
#           { Effect = "Deny", Action = "s3:GetObject", Resource = "arn:aws:s3:::example-prod-data/*" },
#         ]
#       })
#     }
#   frameworks:
#     pci_dss: ["7.2.1", "7.2.2", "7.2.6"]
#     nist_800_53: ["AC-5", "AC-6(1)", "AC-6(10)"]
#     soc2: ["CC6.3"]
#     nydfs: ["500.7(a)(1)", "500.7(a)(2)"]
#     cis_aws: []
#     sox_itgc: ["APD"]
#     ffiec: ["IS II.C.15"]
#   supporting:
#     nist_800_53: ["CM-5"]
#     cis_aws: ["1.15"]
package ztiam.controls.operator_separation

_iam_changes := {"W", "P", "T"}

_data_reads := {
	"secretsmanager:getsecretvalue", "rds-db:connect", "dynamodb:getitem",
	"dynamodb:batchgetitem", "dynamodb:query", "dynamodb:scan", "dynamodb:partiqlselect",
} | data.ztiam.lib.access.expand("rds-data:*")

_object_reads := {"s3:getobject", "s3:getobjectversion"}

_is_production if {
	environment := object.get(input.context, "environment", null)
	is_string(environment)
	lower(environment) in {"prod", "production"}
}

# The object ARNs of the data buckets; "*" when the blueprint names none (every bucket).
_data_objects := ["*"] if not is_array(input.context.data_buckets)

_data_objects := objects if {
	is_array(input.context.data_buckets)
	objects := [arn |
		some name in input.context.data_buckets
		arn := sprintf("arn:aws:s3:::%s/*", [name])
	]
}

_operators contains address if {
	some address, role in input.roles
	data.ztiam.lib.roles.hierarchy_tier(role) == "operator"
}

findings contains finding if {
	some address in _operators
	some item in _problems_of[address]
	finding := {"address": address, "status": item.status, "message": item.message}
}

findings contains finding if {
	some address in _operators
	not address in _flagged
	message := sprintf(
		"operator role %s has no effective IAM changes or application data reads%s",
		[address, _mfa_text],
	)
	finding := {"address": address, "status": "pass", "message": message}
}

_mfa_text := " and its trust requires an MFA session tag" if _is_production

else := ""

_flagged contains address if {
	some address in _operators
	count(_problems_of[address]) > 0
}

_problems_of[address] := _problems(input.roles[address]) if some address in _operators

_problems(role) := ((_iam_changes_of(role) | _data_reads_of(role)) | _object_reads_of(role)) | (
	_trust_problems(role) | _unseen(role)
)

_iam_changes_of(role) := {item |
	some [doc_id, s] in _allows(role)
	kept := _effective(role, s, _iam_grants(s))
	count(kept) > 0
	item := _fail(role, doc_id, s, "IAM changes", kept)
}

_data_reads_of(role) := {item |
	some [doc_id, s] in _allows(role)
	kept := _effective(role, s, _covered(s, _data_reads))
	count(kept) > 0
	item := _fail(role, doc_id, s, "application data reads", kept)
}

_object_reads_of(role) := {item |
	some [doc_id, s] in _allows(role)
	some arn in _data_objects
	data.ztiam.lib.access.covers_resources(s, [arn])
	kept := {action |
		some action in _object_reads
		data.ztiam.lib.statements.covers_action(s, action)
		not data.ztiam.lib.access.denied(_deny_statements[role.address], action, [arn], _exempt_for[role.address])
		_within_boundary(role, action, [arn])
	}
	count(kept) > 0
	item := _fail(role, doc_id, s, sprintf("reads of %s", [arn]), kept)
}

# IAM changes the statement grants; iam:PassRole is left to the boundary control.
_iam_grants(s) := {action |
	some action in data.ztiam.lib.access.granted(s, {"iam"}, _iam_changes)
	action != "iam:passrole"
}

_covered(s, actions) := {action |
	some action in actions
	data.ztiam.lib.statements.covers_action(s, action)
}

_trust_problems(role) := {item |
	_is_production
	trust := _document(role.trust_document)
	some s in data.ztiam.lib.documents.readable_statements(trust)
	data.ztiam.lib.statements.is_allow(s)
	data.ztiam.lib.principals.admits_people(s)
	not _has_mfa_tag(s)
	message := sprintf(
		"%s of the trust policy of production operator role %s admits callers without an MFA session tag",
		[data.ztiam.lib.statements.label(s), role.address],
	)
	item := {"status": "fail", "message": message}
}

_has_mfa_tag(s) if {
	some c in data.ztiam.lib.statements.conditions(s)
	startswith(c.key, "aws:principaltag/")
	contains(c.key, "mfa")
	c.negated == false
	data.ztiam.lib.statements.is_plain(c)
}

_has_mfa_tag(s) if {
	some c in data.ztiam.lib.statements.conditions_on(s, "aws:multifactorauthpresent")
	data.ztiam.lib.statements.is_plain(c)
	c.values == ["true"]
}

_unseen(role) := {item |
	some unseen in data.ztiam.lib.roles.unseen(role)
	message := sprintf("operator role %s is bound by %s, whose grants cannot be judged", [
		role.address, unseen.what,
	])
	item := {"status": "unknown", "message": message}
} | {item |
	some id in array.concat([role.trust_document], data.ztiam.lib.roles.identity_document_ids(role))
	problem := data.ztiam.lib.documents.problem(_document(id))
	message := sprintf("policy %s of operator role %s %s", [id, role.address, problem.detail])
	item := {"status": problem.status, "message": message}
}

_fail(role, doc_id, s, what, actions) := {"status": "fail", "message": message} if {
	message := sprintf("%s of policy %s gives operator role %s %s: %s", [
		data.ztiam.lib.statements.label(s), doc_id, role.address, what,
		data.ztiam.lib.access.sample(actions),
	])
}

# The actions of `actions` that survive the role's Denies and its boundary.
_effective(role, s, actions) := {action |
	arns := _arns(s)
	denies := _deny_statements[role.address]
	exempt := _exempt_for[role.address]
	some action in actions
	not data.ztiam.lib.access.denied(denies, action, arns, exempt)
	_within_boundary(role, action, arns)
}

_arns(s) := s.resources if is_array(s.resources)

else := ["*"]

# [document id, statement] of every Allow the role's identity policies grant.
_allows(role) := {[id, s] |
	some id in data.ztiam.lib.values.array_field(role, "identity_documents")
	some s in data.ztiam.lib.documents.readable_statements(_document(id))
	data.ztiam.lib.statements.is_allow(s)
}

_deny_statements[address] := statements if {
	some address, role in input.roles
	statements := [s |
		some id in data.ztiam.lib.roles.identity_document_ids(role)
		some s in data.ztiam.lib.documents.readable_statements(_document(id))
		data.ztiam.lib.statements.is_deny(s)
	]
}

_boundary_statements[address] := data.ztiam.lib.documents.readable_statements(doc) if {
	some address, role in input.roles
	role.boundary.status == "resolved"
	doc := _document(role.boundary.document)
}

_within_boundary(role, _, _) if role.boundary.status != "resolved"

_within_boundary(role, action, arns) if {
	data.ztiam.lib.access.allowed(_boundary_statements[role.address], action, arns)
}

_exempt_for[address] := exempt if {
	some address, role in input.roles
	exempt := {arn |
		some arn in data.ztiam.lib.values.array_field(input.context, "exempt_principal_arns")
		arn != role.arn
	}
}

_document(id) := doc if {
	doc := input.documents[id]
} else := data.ztiam.lib.documents.missing(id)
