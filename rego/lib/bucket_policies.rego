# The bucket policies of the resource model that the S3 data-protection controls read.
# A policy is in scope when it guards a data bucket (every bucket when the blueprint names none).
package ztiam.lib.bucket_policies

# The data bucket names of the blueprint, or null (every bucket is in scope).
data_names := object.get(input.context, "data_buckets", null)

# The principals a lock-out deny must exempt: exactly these, nobody else and nobody fewer.
exempt := {arn | some arn in data.ztiam.lib.values.array_field(input.context, "exempt_principal_arns")}

policies := data.ztiam.lib.documents.of_subkind(input.documents, "bucket")

# Bucket policies in scope: document id -> bucket name (null when unknown).
in_scope[id] := bucket_name(doc) if {
	data_names == null
	some id, doc in policies
}

in_scope[id] := name if {
	is_array(data_names)
	some id, doc in policies
	name := bucket_name(doc)
	name in data_names
}

# The bucket a policy guards: from the bucket view that holds it, else from its own values.
bucket_name(doc) := name if {
	some bucket in input.buckets
	bucket.policy_document == doc.id
	name := bucket.bucket
	is_string(name)
} else := name if {
	name := data.ztiam.lib.resources.value(input.resources[doc.address], "bucket")
	is_string(name)
} else := null

# "ID of bucket NAME", or the id alone when the bucket is unknown.
describe(id, name) := sprintf("%s of bucket %s", [id, name]) if is_string(name)

else := id

# What keeps the policies in scope from being analysed, as [address, status, message]: unreadable
# text, data buckets without a policy, and policies whose bucket cannot be told.
coverage_gaps contains [doc.address, problem.status, message] if {
	some id, name in in_scope
	doc := policies[id]
	problem := data.ztiam.lib.documents.problem(doc)
	message := sprintf("bucket policy %s %s", [describe(id, name), problem.detail])
}

coverage_gaps contains [bucket.address, "fail", message] if {
	some bucket in input.buckets
	_is_data_bucket(bucket.bucket)
	not is_string(bucket.policy_document)
	message := sprintf("bucket %s (%v) has no bucket policy", [bucket.address, bucket.bucket])
}

coverage_gaps contains [doc.address, "unknown", message] if {
	is_array(data_names)
	some id, doc in policies
	bucket_name(doc) == null
	message := sprintf(
		"the bucket of policy %s is unknown at plan time, so whether it holds data cannot be told",
		[id],
	)
}

_is_data_bucket(_) if data_names == null

_is_data_bucket(name) if {
	is_array(data_names)
	name in data_names
}

# Whether the statement's actions cover every S3 action.
covers_all_s3(s) if {
	some action in data.ztiam.lib.values.array_field(s, "actions")
	action in {"s3:*", "*"}
}

# Whether the statement applies to the bucket itself and to every object in it.
covers_bucket_and_objects(s, name) if {
	_covers_arn(s, name, "")
	_covers_arn(s, name, "/any-object")
}

# Whether the statement applies to every object of the bucket.
covers_objects(s, name) if _covers_arn(s, name, "/any-object")

_covers_arn(s, _, _) if data.ztiam.lib.statements.has_wildcard_resource(s)

_covers_arn(s, name, suffix) if {
	is_string(name)
	some pattern in data.ztiam.lib.values.array_field(s, "resources")
	glob.match(pattern, null, concat("", ["arn:aws:s3:::", name, suffix]))
}

_covers_arn(s, name, "") if {
	name == null
	some pattern in data.ztiam.lib.values.array_field(s, "resources")
	startswith(pattern, "arn:aws:s3:::")
	not contains(pattern, "/")
}

_covers_arn(s, name, "/any-object") if {
	name == null
	some pattern in data.ztiam.lib.values.array_field(s, "resources")
	startswith(pattern, "arn:aws:s3:::")
	endswith(pattern, "/*")
}

# BoolIfExists aws:PrincipalIsAWSService "false": the deny leaves AWS service principals alone.
is_service_exemption(c) if {
	c.key == "aws:principalisawsservice"
	data.ztiam.lib.statements.base(c) == "bool"
	c.if_exists == true
	c.set == null
	c.values == ["false"]
}

# ArnNotLike (or ArnNotEquals) aws:PrincipalArn naming exactly the blueprint's exempt principals.
is_named_exemption(c) if {
	c.key == "aws:principalarn"
	data.ztiam.lib.statements.base(c) in {"arnnotlike", "arnnotequals"}
	c.set == null
	{value | some value in c.values} == exempt
}

exempts_services(s) if {
	some c in data.ztiam.lib.statements.conditions(s)
	is_service_exemption(c)
}

# Why an aws:PrincipalArn or aws:PrincipalIsAWSService condition is not the expected exemption.
exemption_faults(s) := {reason |
	some c in data.ztiam.lib.statements.conditions_on(s, "aws:principalarn")
	not is_named_exemption(c)
	reason := sprintf(
		"its aws:PrincipalArn exemption (%s %s) is not ArnNotLike on the blueprint's exempt principals (%s)",
		[c.operator, data.ztiam.lib.values.text_list(c.values), data.ztiam.lib.values.text_list(exempt)],
	)
} | {reason |
	some c in data.ztiam.lib.statements.conditions_on(s, "aws:principalisawsservice")
	not is_service_exemption(c)
	reason := sprintf("it tests aws:PrincipalIsAWSService with %s %s, not BoolIfExists \"false\"", [
		c.operator, data.ztiam.lib.values.text_list(c.values),
	])
}

# Condition keys outside `allowed` (lower-case) that narrow when a deny applies.
narrowing(s, allowed) := {reason |
	some c in data.ztiam.lib.statements.conditions(s)
	not c.key in allowed
	reason := sprintf("it also tests %s, which narrows the deny", [c.key_raw])
}
