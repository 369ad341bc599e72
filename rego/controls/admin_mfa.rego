# METADATA
# title: Administrative roles require MFA from everyone who can assume them
# description: >-
#   An administrative role (tier administrator, or an identity policy allowing "*", "*:*" or
#   "iam:*") is reachable only by callers whose MFA AWS checks (Bool aws:MultiFactorAuthPresent
#   "true" or NumericLessThan aws:MultiFactorAuthAge) or by IAM Identity Center permission-set
#   roles named through aws:PrincipalArn, whose MFA is shown as evidence from outside the plan.
# scope: package
# custom:
#   id: ZT-IAM-04
#   severity: critical
#   constraint: 4
#   applies_to: [workload, logging]
#   subject: human_roles
#   rationale: >-
#     Administrative actions change what everyone else may do; a password or an access key alone
#     must not be enough to perform them.
#   remediation: >-
#     Restrict the administrator role's trust to the administrator permission-set role with
#     ArnLike aws:PrincipalArn (and enforce MFA at the identity provider), or, for break-glass IAM
#     users, require Bool aws:MultiFactorAuthPresent "true"; never put MFA keys on a trust that
#     IAM Identity Center or federated users pass through, and deny without MFA with
#     BoolIfExists, not Bool.
#   limitations: >-
#     The identity provider's MFA setting for a permission set is not in the plan; passes that
#     rely on it carry evidence saying so. A role with an identity policy whose text is unknown is
#     reported as unknown. The pipeline role named as an exemption and assumed only through an
#     OIDC provider is not applicable (it cannot use MFA and has its own controls). Root-user MFA,
#     IAM-user console MFA and sign-in monitoring (CIS 1.4, 1.5, 1.9, 4.2) are not checked here.
#   avoid: |-
#     resource "aws_iam_role" "administrator" {
#       name                 = "administrator"
#       max_session_duration = 14400
#       tags                 = { "ztiam:tier" = "administrator" }
#       # any principal of the account may assume it, with or without MFA
#       assume_role_policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Effect    = "Allow"
#           Action    = "sts:AssumeRole"
#           Principal = { AWS = "arn:aws:iam::111111111111:root" }
#         }]
#       })
#     }
#   prefer: |-
#     locals {
#       sso_roles = "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com"
#     }
#
#     resource "aws_iam_role" "administrator" {
#       name                 = "administrator"
#       max_session_duration = 14400
#       tags                 = { "ztiam:tier" = "administrator" }
#       # only the administrator permission-set role; MFA is enforced at sign-in
#       assume_role_policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Effect    = "Allow"
#           Action    = "sts:AssumeRole"
#           Principal = { AWS = "arn:aws:iam::111111111111:root" }
#           Condition = {
#             ArnLike = { "aws:PrincipalArn" = "${local.sso_roles}/*AWSReservedSSO_Administrator_*" }
#           }
#         }]
#       })
#     }
#   frameworks:
#     pci_dss: ["8.4.1", "8.4.3", "8.5.1"]
#     nist_800_53: ["IA-2(1)", "IA-2(2)", "IA-2(8)", "IA-11"]
#     soc2: ["CC6.1", "CC6.6"]
#     nydfs: []
#     cis_aws: []
#     sox_itgc: ["APD"]
#     ffiec: ["AUTH", "IS II.C.15"]
#   supporting:
#     pci_dss: ["8.4.2"]
#     nist_800_53: ["CM-5"]
#     soc2: ["CC8.1"]
#     nydfs: ["500.12", "500.7(c)(1)"]
#     sox_itgc: ["PC"]
package ztiam.controls.admin_mfa

_admin_actions := {"*", "*:*", "iam:*"}

_exempt := {arn | some arn in input.context.exempt_principal_arns}

_idc_path := "/aws-reserved/sso.amazonaws.com/"

_idc_name := "AWSReservedSSO_"

findings contains finding if {
	some address in _admin
	role := input.roles[address]
	problem := data.ztiam.lib.documents.problem(_trust(role))
	message := sprintf("trust policy of administrative role %s %s", [role.address, problem.detail])
	finding := {"address": role.address, "status": problem.status, "message": message}
}

findings contains finding if {
	some address in _admin
	role := input.roles[address]
	not _is_exempt_pipeline(role)
	some s in _trust_allows(role)
	finding := object.union({"address": role.address}, _verdict(role, s))
}

findings contains finding if {
	some address in _admin
	role := input.roles[address]
	_is_exempt_pipeline(role)
	message := sprintf(
		concat(" ", [
			"administrative role %s is the exempted pipeline role, assumed only through an",
			"OIDC provider, which cannot carry MFA",
		]),
		[role.address],
	)
	finding := {"address": role.address, "status": "not_applicable", "message": message}
}

findings contains finding if {
	some address in _admin
	role := input.roles[address]
	some doc in _identity_documents(role)
	some s in data.ztiam.lib.documents.readable_statements(doc)
	_is_bool_mfa_deny(s)
	message := sprintf(
		concat(" ", [
			"%s of identity policy %s of administrative role %s denies with Bool",
			"aws:MultiFactorAuthPresent \"false\", which does not match long-term access keys",
			"(BoolIfExists does)",
		]),
		[data.ztiam.lib.statements.label(s), doc.id, role.address],
	)
	finding := {"address": role.address, "status": "fail", "message": message}
}

findings contains finding if {
	some role in input.roles
	not _is_admin(role)
	some doc in _granting_documents(role)
	doc.status == "unknown"
	message := sprintf(
		"whether role %s is administrative cannot be told: identity policy %s is unknown at plan time",
		[role.address, doc.id],
	)
	finding := {"address": role.address, "status": "unknown", "message": message}
}

# Addresses of the administrative roles.
_admin contains address if {
	some address, role in input.roles
	_is_admin(role)
}

_is_admin(role) if data.ztiam.lib.roles.tier(role) == "administrator"

_is_admin(role) if {
	some doc in _granting_documents(role)
	some s in data.ztiam.lib.documents.readable_statements(doc)
	data.ztiam.lib.statements.is_allow(s)
	some action in data.ztiam.lib.values.array_field(s, "actions")
	action in _admin_actions
}

_is_admin(role) if {
	some arn in data.ztiam.lib.values.array_field(role, "unresolved_policy_arns")
	endswith(arn, ":iam::aws:policy/AdministratorAccess")
}

# The documents that grant the role its permissions (a boundary grants nothing).
_granting_documents(role) := [doc |
	some id in data.ztiam.lib.values.array_field(role, "identity_documents")
	doc := _document(id)
]

# Every identity document that binds the role, its boundary included.
_identity_documents(role) := [doc |
	some id in data.ztiam.lib.roles.identity_document_ids(role)
	doc := _document(id)
]

_trust(role) := _document(role.trust_document)

_trust_allows(role) := [s |
	some s in data.ztiam.lib.documents.readable_statements(_trust(role))
	data.ztiam.lib.statements.is_allow(s)
]

_is_exempt_pipeline(role) if {
	role.arn in _exempt
	count(_trust_allows(role)) > 0
	every s in _trust_allows(role) {
		_is_oidc_only(s)
	}
}

_is_oidc_only(s) if {
	count(data.ztiam.lib.principals.federated(s)) > 0
	count(data.ztiam.lib.principals.aws(s)) == 0
	count(data.ztiam.lib.principals.services(s)) == 0
	every provider in data.ztiam.lib.principals.federated(s) {
		contains(provider, ":oidc-provider/")
	}
}

# The finding for one trust Allow statement of an administrative role.
_verdict(role, s) := {"status": "fail", "message": message} if {
	_is_idc_restricted(s)
	_demands_mfa(s)
	message := sprintf(
		concat(" ", [
			"%s of the trust policy of administrative role %s admits IAM Identity Center",
			"permission-set roles but also demands MFA keys, which their sessions never",
			"carry, so everyone is locked out",
		]),
		[data.ztiam.lib.statements.label(s), role.address],
	)
} else := {"status": "fail", "message": message} if {
	_is_federated_only(s)
	_demands_mfa(s)
	message := sprintf(
		concat(" ", [
			"%s of the trust policy of administrative role %s admits federated principals but",
			"demands MFA keys, which federated sessions never carry, so everyone is locked",
			"out",
		]),
		[data.ztiam.lib.statements.label(s), role.address],
	)
} else := {"status": "pass", "message": message, "evidence": evidence} if {
	_is_idc_restricted(s)
	message := sprintf(
		concat(" ", [
			"%s of the trust policy of administrative role %s admits only IAM Identity Center",
			"permission-set roles (%s)",
		]),
		[data.ztiam.lib.statements.label(s), role.address, _principal_arns(s)],
	)
	evidence := sprintf(
		concat(" ", [
			"the identity provider's MFA setting for the permission set behind %s, which the",
			"plan cannot show",
		]),
		[_principal_arns(s)],
	)
} else := {"status": "pass", "message": message} if {
	_requires_mfa(s)
	message := sprintf("%s of the trust policy of administrative role %s requires MFA", [
		data.ztiam.lib.statements.label(s), role.address,
	])
} else := {"status": "fail", "message": message} if {
	message := sprintf(
		concat(" ", [
			"%s of the trust policy of administrative role %s admits callers without MFA: no",
			"Bool aws:MultiFactorAuthPresent \"true\", no NumericLessThan",
			"aws:MultiFactorAuthAge and no aws:PrincipalArn restriction to IAM Identity",
			"Center permission-set roles",
		]),
		[data.ztiam.lib.statements.label(s), role.address],
	)
}

# MFA that AWS itself checked: a plain Bool "true" or an MFA age limit.
_requires_mfa(s) if {
	some c in data.ztiam.lib.statements.conditions_on(s, "aws:multifactorauthpresent")
	data.ztiam.lib.statements.base(c) == "bool"
	data.ztiam.lib.statements.is_plain(c)
	_all_true(c.values)
}

_requires_mfa(s) if {
	some c in data.ztiam.lib.statements.conditions_on(s, "aws:multifactorauthage")
	data.ztiam.lib.statements.base(c) in {"numericlessthan", "numericlessthanequals"}
	data.ztiam.lib.statements.is_plain(c)
}

# Any condition that a session without AWS-checked MFA cannot meet (IfExists included: these
# sessions carry aws:MultiFactorAuthPresent "false").
_demands_mfa(s) if {
	some c in data.ztiam.lib.statements.conditions_on(s, "aws:multifactorauthpresent")
	data.ztiam.lib.statements.base(c) == "bool"
	_all_true(c.values)
}

_demands_mfa(s) if {
	some c in data.ztiam.lib.statements.conditions_on(s, "aws:multifactorauthage")
	c.if_exists == false
}

_all_true(values) if {
	count(values) > 0
	every value in values {
		lower(value) == "true"
	}
}

_is_idc_restricted(s) if {
	some c in data.ztiam.lib.statements.conditions_on(s, "aws:principalarn")
	data.ztiam.lib.statements.base(c) in {"arnlike", "arnequals"}
	data.ztiam.lib.statements.is_plain(c)
	count(c.values) > 0
	every value in c.values {
		contains(value, _idc_path)
		contains(value, _idc_name)
	}
}

_is_federated_only(s) if {
	count(data.ztiam.lib.principals.federated(s)) > 0
	count(data.ztiam.lib.principals.aws(s)) == 0
}

_principal_arns(s) := concat(", ", sort({value |
	some c in data.ztiam.lib.statements.conditions_on(s, "aws:principalarn")
	some value in c.values
}))

_is_bool_mfa_deny(s) if {
	data.ztiam.lib.statements.is_deny(s)
	some c in data.ztiam.lib.statements.conditions_on(s, "aws:multifactorauthpresent")
	data.ztiam.lib.statements.base(c) == "bool"
	c.if_exists == false
	some value in c.values
	lower(value) == "false"
}

# The document with this id, or a stand-in with status "missing".
_document(id) := doc if {
	doc := input.documents[id]
} else := data.ztiam.lib.documents.missing(id)
