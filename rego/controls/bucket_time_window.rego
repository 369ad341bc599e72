# METADATA
# title: Data bucket policies enforce their time window with a Deny
# description: >-
#   The bucket policy of every data bucket (every bucket policy when the blueprint names none)
#   has a Deny for every principal, covering at least s3:GetObject and s3:PutObject on the
#   bucket's objects, conditioned on a Date operator over aws:CurrentTime or aws:EpochTime,
#   exempting only AWS service principals (BoolIfExists aws:PrincipalIsAWSService "false") and
#   principals the blueprint exempts (ArnNotLike aws:PrincipalArn naming only those).
# scope: package
# custom:
#   id: ZT-S3-01
#   severity: medium
#   constraint: 9
#   applies_to: [workload, logging]
#   subject: data_buckets
#   rationale: >-
#     Access to data is limited to the period it is needed for. In a resource policy only a Deny
#     restricts: an Allow with a time window adds nothing to what identity policies already grant
#     in the same account.
#   remediation: >-
#     Add Deny statements with Principal "*" on s3:* for the bucket's objects, one with
#     DateLessThan aws:CurrentTime (the start) and one with DateGreaterThan aws:CurrentTime (the
#     end), each with BoolIfExists aws:PrincipalIsAWSService "false" and ArnNotLike
#     aws:PrincipalArn the exempt principals.
#   limitations: >-
#     IAM has no recurring time-of-day operator; a business-hours window relies on a renewal
#     mechanism outside the policy that this control does not see. Date values are compared as
#     written (same-length ISO 8601 UTC text or epoch seconds) to find windows that can never
#     apply. Data buckets named by the blueprint but absent from the plan are not reported.
#   avoid: |-
#     resource "aws_s3_bucket_policy" "audit_share" {
#       bucket = "example-audit-share"
#       # an Allow with a window restricts nothing: identity policies still grant access
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [{
#           Effect    = "Allow"
#           Principal = { AWS = "arn:aws:iam::111111111111:role/auditor" }
#           Action    = ["s3:GetObject"]
#           Resource  = ["arn:aws:s3:::example-audit-share/*"]
#           Condition = {
#             DateGreaterThan = { "aws:CurrentTime" = "2026-01-05T00:00:00Z" }
#             DateLessThan    = { "aws:CurrentTime" = "2026-03-31T00:00:00Z" }
#           }
#         }]
#       })
#     }
#   prefer: |-
#     locals {
#       # the blueprint's exempt principals: the pipeline and break-glass roles
#       exempt = [
#         "arn:aws:iam::111111111111:role/ztiam-pipeline",
#         "arn:aws:iam::111111111111:role/break-glass",
#       ]
#       outside_window = {
#         DenyBeforeWindow = { DateLessThan = { "aws:CurrentTime" = "2026-01-05T00:00:00Z" } }
#         DenyAfterWindow  = { DateGreaterThan = { "aws:CurrentTime" = "2026-03-31T00:00:00Z" } }
#       }
#     }
#
#     resource "aws_s3_bucket_policy" "audit_share" {
#       bucket = "example-audit-share"
#       policy = jsonencode({
#         Version = "2012-10-17"
#         Statement = [for sid, window in local.outside_window : {
#           Sid       = sid
#           Effect    = "Deny"
#           Principal = "*"
#           Action    = "s3:*"
#           Resource  = ["arn:aws:s3:::example-audit-share/*"]
#           Condition = merge(window, {
#             BoolIfExists = { "aws:PrincipalIsAWSService" = "false" }
#             ArnNotLike   = { "aws:PrincipalArn" = local.exempt }
#           })
#         }]
#       })
#     }
#   frameworks:
#     pci_dss: []
#     nist_800_53: ["AC-2(11)"]
#     soc2: []
#     nydfs: []
#     cis_aws: []
#     sox_itgc: []
#     ffiec: []
#   supporting:
#     pci_dss: ["8.2.7"]
#     nist_800_53: ["AC-2(12)"]
#     soc2: ["CC6.1"]
#     nydfs: ["500.7(a)(3)"]
package ztiam.controls.bucket_time_window

_time_keys := {"aws:currenttime", "aws:epochtime"}

_service_key := "aws:principalisawsservice"

_exemption_key := "aws:principalarn"

_upper_bounds := {"datelessthan", "datelessthanequals"}

_lower_bounds := {"dategreaterthan", "dategreaterthanequals"}

_data_names := object.get(input.context, "data_buckets", null)

_exempt := {arn | some arn in input.context.exempt_principal_arns}

_bucket_policies := data.ztiam.lib.documents.of_subkind(input.documents, "bucket")

findings contains finding if {
	some id, name in _in_scope
	doc := _bucket_policies[id]
	problem := data.ztiam.lib.documents.problem(doc)
	message := sprintf("bucket policy %s %s", [_describe(id, name), problem.detail])
	finding := {"address": doc.address, "status": problem.status, "message": message}
}

findings contains finding if {
	some id, name in _in_scope
	id in _windowed
	not id in _blocking
	message := sprintf("bucket policy %s denies access outside its time window", [_describe(id, name)])
	finding := {"address": _bucket_policies[id].address, "status": "pass", "message": message}
}

findings contains finding if {
	some id, name in _in_scope
	_bucket_policies[id].status == "ok"
	not id in _with_candidates
	message := sprintf("bucket policy %s has no Deny conditioned on aws:CurrentTime or aws:EpochTime%s", [
		_describe(id, name), _allow_window_note(_bucket_policies[id]),
	])
	finding := {"address": _bucket_policies[id].address, "status": "fail", "message": message}
}

findings contains finding if {
	some [key, reason] in _gaps
	not key[0] in _windowed
	message := sprintf("%s of bucket policy %s does not enforce the time window: %s", [
		data.ztiam.lib.statements.label(_candidates[key]), _describe(key[0], _in_scope[key[0]]), reason,
	])
	finding := {"address": _bucket_policies[key[0]].address, "status": "fail", "message": message}
}

findings contains finding if {
	some [key, services, allow] in _service_blocks
	message := sprintf(
		concat(" ", [
			"%s of bucket policy %s denies by time without exempting AWS service principals,",
			"so it also blocks %s, which %s allows (log delivery would break)",
		]),
		[
			data.ztiam.lib.statements.label(_candidates[key]), _describe(key[0], _in_scope[key[0]]),
			services, allow,
		],
	)
	finding := {"address": _bucket_policies[key[0]].address, "status": "fail", "message": message}
}

findings contains finding if {
	is_array(_data_names)
	some bucket in input.buckets
	bucket.bucket in _data_names
	not is_string(bucket.policy_document)
	message := sprintf("data bucket %s (%s) has no bucket policy", [bucket.address, bucket.bucket])
	finding := {"address": bucket.address, "status": "fail", "message": message}
}

findings contains finding if {
	is_array(_data_names)
	some id, doc in _bucket_policies
	_bucket_name(doc) == null
	message := sprintf(
		"the bucket of policy %s is unknown at plan time, so whether it holds data cannot be told",
		[id],
	)
	finding := {"address": doc.address, "status": "unknown", "message": message}
}

# Bucket policies in scope: document id -> bucket name (null when unknown).
_in_scope[id] := _bucket_name(doc) if {
	_data_names == null
	some id, doc in _bucket_policies
}

_in_scope[id] := name if {
	is_array(_data_names)
	some id, doc in _bucket_policies
	name := _bucket_name(doc)
	name in _data_names
}

# The bucket a policy guards: from the bucket view that holds it, else from its own values.
_bucket_name(doc) := name if {
	some bucket in input.buckets
	bucket.policy_document == doc.id
	name := bucket.bucket
	is_string(name)
} else := name if {
	name := data.ztiam.lib.resources.value(input.resources[doc.address], "bucket")
	is_string(name)
} else := null

_describe(id, name) := sprintf("%s of bucket %s", [id, name]) if is_string(name)

else := id

# Deny statements that test a time key, keyed by [document id, statement index].
_candidates[[id, s.index]] := s if {
	some id, _ in _in_scope
	some s in data.ztiam.lib.documents.readable_statements(_bucket_policies[id])
	data.ztiam.lib.statements.is_deny(s)
	_has_time_key(s)
}

_has_time_key(s) if {
	some c in data.ztiam.lib.statements.conditions(s)
	c.key in _time_keys
}

_with_candidates contains key[0] if some key, _ in _candidates

_gap_keys contains gap[0] if some gap in _gaps

_blocking contains block[0][0] if some block in _service_blocks

# Documents with a candidate that falls short in nothing.
_windowed contains key[0] if {
	some key, _ in _candidates
	not key in _gap_keys
}

_gaps contains [key, "it does not apply to every principal (Principal \"*\")"] if {
	some key, s in _candidates
	not data.ztiam.lib.principals.is_wildcard(s)
}

_gaps contains [key, "it does not cover both s3:GetObject and s3:PutObject"] if {
	some key, s in _candidates
	not _covers_reads_and_writes(s)
}

_gaps contains [key, "it does not cover the bucket's objects"] if {
	some key, s in _candidates
	not _covers_objects(s, _in_scope[key[0]])
}

_gaps contains [key, reason] if {
	some key, s in _candidates
	some c in data.ztiam.lib.statements.conditions(s)
	c.key in _time_keys
	not startswith(data.ztiam.lib.statements.base(c), "date")
	reason := sprintf("it tests %s with %s, not a Date operator", [c.key_raw, c.operator])
}

_gaps contains [key, reason] if {
	some key, s in _candidates
	some c in data.ztiam.lib.statements.conditions(s)
	not c.key in (_time_keys | {_service_key, _exemption_key})
	reason := sprintf("it also tests %s, which narrows the deny", [c.key_raw])
}

_gaps contains [key, reason] if {
	some key, s in _candidates
	some c in data.ztiam.lib.statements.conditions_on(s, _service_key)
	not _is_service_exemption(c)
	reason := sprintf("it tests aws:PrincipalIsAWSService with %s %s, not BoolIfExists \"false\"", [
		c.operator, data.ztiam.lib.values.text_list(c.values),
	])
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

_gaps contains [key, "its Date conditions can never hold together, so it denies nothing"] if {
	some key, s in _candidates
	_never_holds(s)
}

# [candidate key, service principals, allowing statement] for time denies that would also
# deny an AWS service principal the same policy allows.
_service_blocks contains [key, services, data.ztiam.lib.statements.label(allow)] if {
	some key, s in _candidates
	not _exempts_services(s)
	some allow in data.ztiam.lib.documents.readable_statements(_bucket_policies[key[0]])
	data.ztiam.lib.statements.is_allow(allow)
	count(data.ztiam.lib.principals.services(allow)) > 0
	_overlaps(s, allow)
	services := data.ztiam.lib.values.text_list(data.ztiam.lib.principals.services(allow))
}

_covers_reads_and_writes(s) if {
	data.ztiam.lib.statements.covers_action(s, "s3:getobject")
	data.ztiam.lib.statements.covers_action(s, "s3:putobject")
}

_covers_objects(s, _) if data.ztiam.lib.statements.has_wildcard_resource(s)

_covers_objects(s, name) if {
	is_string(name)
	some pattern in data.ztiam.lib.values.array_field(s, "resources")
	glob.match(pattern, null, concat("", ["arn:aws:s3:::", name, "/any-object"]))
}

_covers_objects(s, name) if {
	name == null
	some pattern in data.ztiam.lib.values.array_field(s, "resources")
	startswith(pattern, "arn:aws:s3:::")
	endswith(pattern, "/*")
}

_is_service_exemption(c) if {
	data.ztiam.lib.statements.base(c) == "bool"
	c.if_exists == true
	c.set == null
	c.values == ["false"]
}

_exempts_services(s) if {
	some c in data.ztiam.lib.statements.conditions_on(s, _service_key)
	_is_service_exemption(c)
}

# Exempting exactly the blueprint's exempt principals: nobody else, and nobody left out.
_is_named_exemption(c) if {
	data.ztiam.lib.statements.base(c) in {"arnnotlike", "arnnotequals"}
	c.set == null
	{value | some value in c.values} == _exempt
}

# Whether the deny's actions meet an action the allowing statement grants.
_overlaps(deny, allow) if {
	some action in data.ztiam.lib.values.array_field(allow, "actions")
	data.ztiam.lib.statements.covers_action(deny, action)
}

_overlaps(deny, allow) if {
	some pattern in data.ztiam.lib.values.array_field(allow, "actions")
	some action in data.ztiam.lib.values.array_field(deny, "actions")
	glob.match(pattern, null, action)
}

# An upper bound at or before a lower bound on the same key: t < u and t > l cannot both hold.
_never_holds(s) if {
	some upper in data.ztiam.lib.statements.conditions(s)
	data.ztiam.lib.statements.base(upper) in _upper_bounds
	some lower_bound in data.ztiam.lib.statements.conditions(s)
	data.ztiam.lib.statements.base(lower_bound) in _lower_bounds
	upper.key == lower_bound.key
	every u in upper.values {
		every l in lower_bound.values {
			_not_after(u, l)
		}
	}
}

# Whether instant a is at or before instant b, for values written alike.
_not_after(a, b) if {
	count(a) == count(b)
	endswith(a, "Z")
	endswith(b, "Z")
	a <= b
}

_not_after(a, b) if {
	a != ""
	b != ""
	trim(a, "0123456789") == ""
	trim(b, "0123456789") == ""
	to_number(a) <= to_number(b)
}

_allow_window_note(doc) := sprintf("; %s set a time window in an Allow, which restricts nothing", [
	data.ztiam.lib.values.text_list(labels),
]) if {
	labels := {data.ztiam.lib.statements.label(s) |
		some s in data.ztiam.lib.documents.readable_statements(doc)
		data.ztiam.lib.statements.is_allow(s)
		_has_time_key(s)
	}
	count(labels) > 0
} else := ""
