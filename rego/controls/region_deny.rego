# METADATA
# title: Every identity policy explicitly denies unapproved regions
# description: >-
#   Every identity-based policy document has a Deny statement on Resource "*" covering every
#   action (Action "*", or NotAction limited to the dated list of global services), conditioned
#   with StringNotEquals on aws:RequestedRegion to a subset of the allowed regions, and with no
#   other condition key except an ArnNotLike aws:PrincipalArn naming only principals the
#   blueprint exempts.
# scope: package
# custom:
#   id: ZT-IAM-06
#   severity: high
#   constraint: 8
#   applies_to: [workload, logging]
#   subject: human_roles
#   rationale: >-
#     Data and workloads must stay in the approved regions; an explicit deny in every policy
#     holds even when another policy grants too much, and it blocks use of regions nobody
#     watches.
#   remediation: >-
#     Add the region deny of docs/policy-conventions.md: Effect Deny, NotAction the global
#     services list, Resource "*", StringNotEquals aws:RequestedRegion the allowed regions,
#     and no other condition key.
#   limitations: >-
#     aws:RequestedRegion names the endpoint called, not where an effect lands (S3 replication,
#     for example). Global services are exempted by a dated copy of the Control Tower list.
#     AWS-managed policies are failed without their text; policies outside the plan are unknown.
#     Service-linked roles are outside this control.
#   avoid: |-
#     resource "aws_iam_policy" "operator" {
#       name = "operator"
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           # the only region restriction is a condition on an Allow
#           Sid      = "ManageInstances"
#           Effect   = "Allow"
#           Action   = ["ec2:StartInstances", "ec2:StopInstances"]
#           Resource = ["arn:aws:ec2:us-east-1:111111111111:instance/*"]
#           Condition = {
#             StringEquals = {
#               "aws:RequestedRegion"         = ["us-east-1"]
#               "aws:PrincipalTag/ztiam:tier" = ["operator"]
#             }
#             Bool = { "aws:SecureTransport" = "true" }
#           }
#         }]
#       })
#     }
#   prefer: |-
#     resource "aws_iam_policy" "operator" {
#       name = "operator"
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [
#           {
#             Sid       = "DenyUnapprovedRegions"
#             Effect    = "Deny"
#             NotAction = ["iam:*", "organizations:*", "sts:*", "support:*"] # global services
#             Resource  = "*"
#             Condition = {
#               StringNotEquals = { "aws:RequestedRegion" = ["us-east-1"] }
#             }
#           },
#           # ... the Allow statements, each with its three condition keys
#         ]
#       })
#     }
#   frameworks:
#     pci_dss: []
#     nist_800_53: ["SA-9(5)"]
#     soc2: []
#     nydfs: []
#     cis_aws: []
#     sox_itgc: []
#     ffiec: []
#   supporting:
#     nist_800_53: ["AC-3", "CM-7"]
#     soc2: ["CC6.1"]
#     ffiec: ["AIO"]
package ztiam.controls.region_deny

_identity := data.ztiam.lib.documents.of_kind(input.documents, "identity")

_region_key := "aws:requestedregion"

_exemption_key := "aws:principalarn"

_allowed := {region | some region in input.context.allowed_regions}

_allowed_lower := {lower(region) | some region in _allowed}

_exempt := {arn | some arn in input.context.exempt_principal_arns}

_global := {lower(action) | some action in data.ztiam.data.global_services.actions}

findings contains finding if {
	some doc in _identity
	problem := data.ztiam.lib.documents.problem(doc)
	message := sprintf("identity policy %s %s", [doc.id, problem.detail])
	finding := {"address": doc.address, "status": problem.status, "message": message}
}

findings contains finding if {
	some id in _denying
	doc := _identity[id]
	message := sprintf("identity policy %s denies every non-global action outside %s", [
		id, data.ztiam.lib.values.text_list(_allowed),
	])
	finding := {"address": doc.address, "status": "pass", "message": message}
}

findings contains finding if {
	some id, doc in _identity
	doc.status == "ok"
	not id in _with_candidates
	message := sprintf("identity policy %s has no Deny statement conditioned on aws:RequestedRegion", [id])
	finding := {"address": doc.address, "status": "fail", "message": message}
}

findings contains finding if {
	some [key, reason] in _gaps
	not key[0] in _denying
	doc := _identity[key[0]]
	message := sprintf("%s of identity policy %s does not deny unapproved regions: %s", [
		data.ztiam.lib.statements.label(_candidates[key]), key[0], reason,
	])
	finding := {"address": doc.address, "status": "fail", "message": message}
}

findings contains finding if {
	some role in input.roles
	some item in data.ztiam.lib.roles.unseen(role)
	finding := _unseen_finding(role, item)
}

# Deny statements that test aws:RequestedRegion, keyed by [document id, statement index].
_candidates[[id, s.index]] := s if {
	some id, doc in _identity
	some s in data.ztiam.lib.documents.readable_statements(doc)
	data.ztiam.lib.statements.is_deny(s)
	data.ztiam.lib.statements.has_key(s, _region_key)
}

_with_candidates contains key[0] if some key, _ in _candidates

_gap_keys contains gap[0] if some gap in _gaps

# Documents with at least one candidate that falls short in nothing.
_denying contains key[0] if {
	some key, _ in _candidates
	not key in _gap_keys
}

# [candidate key, reason] for every way a candidate falls short of a region deny.
_gaps contains [key, "its Resource is not \"*\""] if {
	some key, s in _candidates
	not data.ztiam.lib.statements.has_wildcard_resource(s)
}

_gaps contains [key, "its Action does not cover every action"] if {
	some key, s in _candidates
	is_array(s.actions)
	count({action | some action in s.actions; action in {"*", "*:*"}}) == 0
}

_gaps contains [key, reason] if {
	some key, s in _candidates
	some action in data.ztiam.lib.values.array_field(s, "not_actions")
	not _is_global(action)
	reason := sprintf("its NotAction exempts %s, which is not a global service", [action])
}

_gaps contains [key, "it has neither Action nor NotAction"] if {
	some key, s in _candidates
	not is_array(s.actions)
	not is_array(s.not_actions)
}

_gaps contains [key, reason] if {
	some key, s in _candidates
	some c in data.ztiam.lib.statements.conditions_on(s, _region_key)
	not _is_region_operator(c)
	reason := sprintf("it tests aws:RequestedRegion with %s, not StringNotEquals", [c.operator])
}

_gaps contains [key, reason] if {
	some key, s in _candidates
	some c in data.ztiam.lib.statements.conditions_on(s, _region_key)
	outside := {value | some value in c.values; not lower(value) in _allowed_lower}
	count(outside) > 0
	reason := sprintf("its aws:RequestedRegion values include %s, which is not an allowed region", [
		data.ztiam.lib.values.text_list(outside),
	])
}

_gaps contains [key, reason] if {
	some key, s in _candidates
	some c in data.ztiam.lib.statements.conditions(s)
	not c.key in {_region_key, _exemption_key}
	reason := sprintf("it also tests %s, which narrows the deny", [c.key_raw])
}

_gaps contains [key, reason] if {
	some key, s in _candidates
	some c in data.ztiam.lib.statements.conditions_on(s, _exemption_key)
	not _is_named_exemption(c)
	reason := sprintf(
		"its aws:PrincipalArn exemption (%s %s) is not ArnNotLike on the blueprint's exempt principals (%s)",
		[c.operator, data.ztiam.lib.values.text_list(c.values), data.ztiam.lib.values.text_list(_exempt)],
	)
}

# A NotAction entry within the global services: listed as such, or narrower than a listed
# pattern. The list is read directly: passing it to a helper per entry costs far more.
_is_global(action) if action in _global

_is_global(action) if {
	not action in _global
	some pattern in _global
	glob.match(pattern, null, action)
}

_is_region_operator(c) if {
	data.ztiam.lib.statements.base(c) in {"stringnotequals", "stringnotequalsignorecase"}
	c.set == null
	count(c.values) > 0
}

# Exempting exactly the blueprint's exempt principals: nobody else, and nobody left out.
_is_named_exemption(c) if {
	data.ztiam.lib.statements.base(c) in {"arnnotlike", "arnnotequals"}
	c.set == null
	{value | some value in c.values} == _exempt
}

_unseen_finding(role, item) := {"address": role.address, "status": "fail", "message": message} if {
	item.aws_managed
	message := sprintf("role %s is bound by AWS-managed %s, which has no region deny", [
		role.address, item.what,
	])
} else := {"address": role.address, "status": "unknown", "message": message} if {
	message := sprintf("role %s is bound by %s, whose statements are not in the plan", [
		role.address, item.what,
	])
}
