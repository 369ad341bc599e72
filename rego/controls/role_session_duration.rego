# METADATA
# title: Roles that people and partners assume keep sessions within the limits
# description: >-
#   A role whose trust policy admits AWS or federated principals has a maximum session
#   duration of at most the blueprint's limit (4 hours), and at most the external limit
#   (2 hours) when it trusts another account. Roles assumed only by AWS services are reported
#   as not applicable: max_session_duration does not bind their sessions.
# scope: package
# custom:
#   id: ZT-IAM-03
#   severity: medium
#   constraint: 3
#   applies_to: [workload, logging]
#   subject: human_roles
#   rationale: >-
#     Short sessions bound how long leaked temporary credentials stay useful and force people
#     and partners to re-authenticate, where MFA and the identity provider's checks run again.
#   remediation: >-
#     Set max_session_duration to at most 14400 seconds (7200 for roles that trust another
#     account), or to the blueprint's lower limits.
#   limitations: >-
#     The role setting does not limit sessions of AWS services (EC2 instance profiles, Lambda);
#     those roles are reported as not applicable. Chained sessions (IAM Identity Center to a
#     tier role) are capped at one hour by AWS whatever the setting. A session cap is not an
#     idle timeout.
#   avoid: |-
#     locals {
#       sso_roles = "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com"
#     }
#
#     resource "aws_iam_role" "developer" {
#       name                 = "developer"
#       max_session_duration = 43200 # 12 hours
#       assume_role_policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Effect    = "Allow"
#           Action    = "sts:AssumeRole"
#           Principal = { AWS = "arn:aws:iam::111111111111:root" }
#           Condition = {
#             ArnLike = { "aws:PrincipalArn" = "${local.sso_roles}/*AWSReservedSSO_Developer_*" }
#           }
#         }]
#       })
#     }
#   prefer: |-
#     locals {
#       sso_roles = "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com"
#     }
#
#     resource "aws_iam_role" "developer" {
#       name                 = "developer"
#       max_session_duration = 14400 # 4 hours
#       assume_role_policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Effect    = "Allow"
#           Action    = "sts:AssumeRole"
#           Principal = { AWS = "arn:aws:iam::111111111111:root" }
#           Condition = {
#             ArnLike = { "aws:PrincipalArn" = "${local.sso_roles}/*AWSReservedSSO_Developer_*" }
#           }
#         }]
#       })
#     }
#   frameworks:
#     pci_dss: []
#     nist_800_53: ["AC-12", "IA-11"]
#     soc2: []
#     nydfs: []
#     cis_aws: []
#     sox_itgc: []
#     ffiec: []
#   supporting:
#     pci_dss: ["8.2.7"]
#     nist_800_53: ["AC-11"]
#     soc2: ["CC6.1", "CC6.2"]
#     nydfs: ["500.7(a)(3)"]
#     sox_itgc: ["APD"]
#     ffiec: ["AUTH", "IS II.C.15"]
package ztiam.controls.role_session_duration

_default_duration := 3600

_own_account := object.get(input.context, "account_id", null)

_people_limit := input.context.max_session_seconds

_external_limit := min([_people_limit, input.context.max_external_session_seconds])

findings contains finding if {
	some role in input.roles
	problem := data.ztiam.lib.documents.problem(_trust(role))
	message := sprintf("trust policy of role %s %s, so who assumes the role cannot be told", [
		role.address, problem.detail,
	])
	finding := {"address": role.address, "status": problem.status, "message": message}
}

findings contains finding if {
	some role in input.roles
	_trust(role).status == "ok"
	not _admits_people(role)
	message := sprintf(
		concat(" ", [
			"role %s is assumed only by AWS service principals (%s); sessions of roles",
			"assumed by AWS services are not limited by max_session_duration",
		]),
		[role.address, data.ztiam.lib.values.text_list(_services(role))],
	)
	finding := {"address": role.address, "status": "not_applicable", "message": message}
}

findings contains finding if {
	some role in input.roles
	_admits_people(role)
	role.max_session_duration_unknown == true
	message := sprintf("max_session_duration of role %s is unknown at plan time", [role.address])
	finding := {"address": role.address, "status": "unknown", "message": message}
}

findings contains finding if {
	some role in input.roles
	_admits_people(role)
	not role.max_session_duration_unknown
	not is_number(_duration(role))
	message := sprintf("max_session_duration of role %s is %v, not a number of seconds", [
		role.address, _duration(role),
	])
	finding := {"address": role.address, "status": "fail", "message": message}
}

findings contains finding if {
	some role in input.roles
	_admits_people(role)
	not role.max_session_duration_unknown
	is_number(_duration(role))
	_duration(role) > _limit(role)
	finding := {"address": role.address, "status": "fail", "message": _over_message(role)}
}

findings contains finding if {
	some role in input.roles
	_admits_people(role)
	not role.max_session_duration_unknown
	is_number(_duration(role))
	_duration(role) <= _limit(role)
	message := sprintf("role %s allows sessions of at most %v s, within the %v s limit%s", [
		role.address, _duration(role), _limit(role), _external_note(role),
	])
	finding := {"address": role.address, "status": "pass", "message": message}
}

_trust(role) := _document(role.trust_document)

_allows(role) := [s |
	some s in data.ztiam.lib.documents.readable_statements(_trust(role))
	data.ztiam.lib.statements.is_allow(s)
]

_admits_people(role) if {
	some s in _allows(role)
	data.ztiam.lib.principals.admits_people(s)
}

_services(role) := {service |
	some s in _allows(role)
	some service in data.ztiam.lib.principals.services(s)
}

_external_accounts(role) := {account |
	some s in _allows(role)
	some account in data.ztiam.lib.principals.external_accounts(s, _own_account)
}

_duration(role) := object.get(role, "max_session_duration", null) if {
	object.get(role, "max_session_duration", null) != null
} else := _default_duration

_limit(role) := _external_limit if count(_external_accounts(role)) > 0

else := _people_limit

_external_note(role) := sprintf(" for a role that trusts external account %s", [
	data.ztiam.lib.values.text_list(_external_accounts(role)),
]) if {
	count(_external_accounts(role)) > 0
} else := ""

_over_message(role) := sprintf(
	concat(" ", [
		"role %s trusts external account %s and allows sessions of %v s, above the %v s limit",
		"for external access",
	]),
	[role.address, data.ztiam.lib.values.text_list(_external_accounts(role)), _duration(role), _limit(role)],
) if {
	count(_external_accounts(role)) > 0
} else := sprintf(
	"role %s, assumed by people or partners, allows sessions of %v s, above the %v s limit",
	[role.address, _duration(role), _limit(role)],
)

# The document with this id, or a stand-in with status "missing".
_document(id) := doc if {
	doc := input.documents[id]
} else := data.ztiam.lib.documents.missing(id)
