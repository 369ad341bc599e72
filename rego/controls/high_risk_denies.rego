# METADATA
# title: Human roles carry effective denies of stopping logging, destroying keys and opening buckets
# description: >-
#   Every role that people or partners assume, other than the exempted pipeline, break-glass and
#   automation roles, has, in its identity policies or its permissions boundary, an effective
#   Deny (unconditional, or exempting only the blueprint's exempted principals) on Resource "*"
#   or on the service's resources of the account for cloudtrail:StopLogging, DeleteTrail,
#   UpdateTrail and PutEventSelectors, kms:DisableKey and ScheduleKeyDeletion,
#   s3:PutBucketPublicAccessBlock, and s3:DeletePublicAccessBlock or
#   s3:PutAccountPublicAccessBlock. For administrator roles this is the rule that
#   administrators can never stop, delete or weaken logging.
# scope: package
# custom:
#   id: ZT-IAM-11
#   severity: critical
#   constraint: null
#   applies_to: [workload, logging]
#   subject: human_roles
#   rationale: >-
#     Stopping or rewriting the trail hides what happens next, disabling or deleting a key
#     destroys the data it protects, and removing a public access block exposes buckets. No
#     person, administrators included, may do these through a normal role; the break-glass role
#     is the named exception.
#   remediation: >-
#     Keep the compiled DenyTampering statement (Resource "*", no condition) in the role's
#     policies or boundary; if a condition is needed, use only ArnNotLike or StringNotEquals on
#     aws:PrincipalArn naming exactly the blueprint's exempted principals.
#   limitations: >-
#     A Deny conditioned on any other key does not count, because such keys can be absent from
#     a request. Resource patterns are matched as exact ARNs or a trailing wildcard; a pattern
#     with a wildcard inside the ARN (for example in the region) does not count. Policies whose
#     text is not in the plan make a missing Deny unknown rather than failed. SCPs are not seen.
#   avoid: |-
#     resource "aws_iam_policy" "administrator" {
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Effect    = "Allow"
#           Action    = "*"
#           Resource  = "*"
#           Condition = local.three_keys
#         }]
#       })
#     }
#   prefer: |-
#     resource "aws_iam_policy" "administrator" {
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [
#           { Effect = "Allow", Action = "*", Resource = "*", Condition = local.three_keys },
#           { Effect = "Deny", Resource = "*", Action = [
#             "cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail",
#             "cloudtrail:PutEventSelectors", "kms:DisableKey", "kms:ScheduleKeyDeletion",
#             "s3:PutBucketPublicAccessBlock", "s3:PutAccountPublicAccessBlock",
#           ] },
#         ]
#       })
#     }
#   frameworks:
#     pci_dss: ["7.2.2", "10.3.2"]
#     nist_800_53: ["AC-5", "AC-6(1)", "AC-6(10)", "AU-9(4)"]
#     soc2: ["CC6.3"]
#     nydfs: ["500.7(a)(2)"]
#     cis_aws: []
#     sox_itgc: ["APD"]
#     ffiec: ["IS II.C.15"]
#   supporting:
#     pci_dss: ["10.3.1"]
#     cis_aws: ["1.15"]
package ztiam.controls.high_risk_denies

# Each entry is satisfied when one of its actions is denied.
_required := [
	["cloudtrail:stoplogging"],
	["cloudtrail:deletetrail"],
	["cloudtrail:updatetrail"],
	["cloudtrail:puteventselectors"],
	["kms:disablekey"],
	["kms:schedulekeydeletion"],
	["s3:putbucketpublicaccessblock"],
	["s3:deletepublicaccessblock", "s3:putaccountpublicaccessblock"],
]

_logging := {"cloudtrail:stoplogging", "cloudtrail:deletetrail", "cloudtrail:updatetrail", "cloudtrail:puteventselectors"}

_context_list(key) := {item | some item in data.ztiam.lib.values.array_field(input.context, key)}

_exempt := _context_list("exempt_principal_arns")

_excluded := _exempt | _context_list("automation_principal_arns")

_account := account if {
	account := input.context.account_id
	is_string(account)
} else := "*"

_regions := data.ztiam.lib.values.array_field(input.context, "allowed_regions")

# The resources of the account that a Deny may name instead of "*", per service.
_service_resources := {
	"cloudtrail": [arn |
		some region in _regions
		arn := sprintf("arn:aws:cloudtrail:%s:%s:trail/*", [region, _account])
	],
	"kms": [arn |
		some region in _regions
		arn := sprintf("arn:aws:kms:%s:%s:key/*", [region, _account])
	],
	"s3": ["arn:aws:s3:::*"],
}

_human contains address if {
	some address, role in input.roles
	data.ztiam.lib.roles.is_human(role)
	not role.arn in _excluded
}

_is_administrator(role) if data.ztiam.lib.roles.hierarchy_tier(role) == "administrator"

findings contains finding if {
	some address in _human
	some id in data.ztiam.lib.roles.identity_document_ids(input.roles[address])
	problem := data.ztiam.lib.documents.problem(_document(id))
	message := sprintf("policy %s of human role %s %s", [id, address, problem.detail])
	finding := {"address": address, "status": problem.status, "message": message}
}

findings contains finding if {
	some address in _human
	missing := _missing[address]
	count(missing) > 0
	role := input.roles[address]
	unseen := {item.what | some item in data.ztiam.lib.roles.unseen(role)}
	finding := {
		"address": address,
		"status": _missing_status(unseen),
		"message": concat("", [_missing_text(role, missing), _unseen_text(unseen)]),
	}
}

findings contains finding if {
	some address in _human
	count(_missing[address]) == 0
	finding := {"address": address, "status": "pass", "message": _pass_text(input.roles[address])}
}

_missing_status(unseen) := "unknown" if count(unseen) > 0

else := "fail"

_unseen_text(unseen) := sprintf("; it is also bound by %s, whose text is not in the plan", [
	data.ztiam.lib.values.text_list(unseen),
]) if {
	count(unseen) > 0
} else := ""

_missing_text(role, missing) := sprintf(
	"administrator role %s can stop, delete or weaken logging: no effective Deny of %s",
	[role.address, data.ztiam.lib.values.text_list(missing)],
) if {
	_is_administrator(role)
	some action in missing
	action in _logging
} else := sprintf("human role %s has no effective Deny of %s", [
	role.address, data.ztiam.lib.values.text_list(missing),
])

_pass_text(role) := sprintf(
	"administrator role %s can never stop, delete or weaken logging: every high-risk action is denied effectively",
	[role.address],
) if {
	_is_administrator(role)
} else := sprintf(
	"human role %s has effective denies of stopping logging, disabling or deleting keys and removing public access blocks",
	[role.address],
)

_missing[address] := missing if {
	some address in _human
	denies := _deny_statements[address]
	missing := {concat(" or ", alternatives) |
		some alternatives in _required
		not _any_denied(denies, alternatives)
	}
}

_any_denied(denies, alternatives) if {
	some action in alternatives
	data.ztiam.lib.access.denied(denies, action, ["*"], _exempt)
}

_any_denied(denies, alternatives) if {
	some action in alternatives
	service := split(action, ":")[0]
	arns := _service_resources[service]
	count(arns) > 0
	data.ztiam.lib.access.denied(denies, action, arns, _exempt)
}

_deny_statements[address] := statements if {
	some address in _human
	statements := [s |
		some id in data.ztiam.lib.roles.identity_document_ids(input.roles[address])
		some s in data.ztiam.lib.documents.readable_statements(_document(id))
		data.ztiam.lib.statements.is_deny(s)
	]
}

_document(id) := doc if {
	doc := input.documents[id]
} else := data.ztiam.lib.documents.missing(id)
