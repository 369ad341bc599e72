# Builders of bucket-policy inputs for the S3 data-protection controls' unit tests.
package ztiam.fixtures.buckets

bucket := "aws_s3_bucket.data"

policy := "aws_s3_bucket_policy.data"

id := "aws_s3_bucket_policy.data#policy"

name := "example-prod-data"

exempt := [
	"arn:aws:iam::111122223333:role/ztiam-breakglass",
	"arn:aws:iam::111122223333:role/ztiam-deployer",
]

everyone := data.ztiam.fixtures.principals({"AWS": ["*"]})

bucket_and_objects := ["arn:aws:s3:::example-prod-data", "arn:aws:s3:::example-prod-data/*"]

objects := ["arn:aws:s3:::example-prod-data/*"]

service_exemption := data.ztiam.fixtures.condition("BoolIfExists", "aws:PrincipalIsAWSService", ["false"])

principal_exemption := data.ztiam.fixtures.condition("ArnNotLike", "aws:PrincipalArn", exempt)

# A Deny for every principal with the given actions, resources and conditions.
deny(actions, resources, conditions) := data.ztiam.fixtures.statement({
	"effect": "Deny", "actions": actions, "principals": everyone, "resources": resources,
	"conditions": conditions,
})

# A model with one data bucket whose policy holds the statements.
model(statements, context) := data.ztiam.fixtures.model({
	"context": object.union(object.union(data.ztiam.fixtures.context, {"exempt_principal_arns": exempt}), context),
	"resources": {policy: data.ztiam.fixtures.resource(policy, {"bucket": name}, [])},
	"buckets": {bucket: view(policy, id, null)},
	"documents": {id: data.ztiam.fixtures.document(id, "resource", "bucket", statements)},
})

# A model whose bucket policy text is unknown at plan time.
unknown_model := data.ztiam.fixtures.model({
	"resources": {policy: data.ztiam.fixtures.resource(policy, {}, ["bucket", "id", "policy"])},
	"documents": {id: data.ztiam.fixtures.unreadable(id, "resource", "bucket", "unknown")},
})

# A model with a named data bucket that has no policy.
unguarded_model := data.ztiam.fixtures.model({
	"context": object.union(data.ztiam.fixtures.context, {"data_buckets": [name]}),
	"buckets": {bucket: view(null, null, null)},
})

# The bucket view of the data bucket.
view(policy_address, document, block) := {
	"address": bucket, "bucket": name, "policy_address": policy_address,
	"policy_document": document, "public_access_block": block, "versioning": null,
	"encryption": null, "object_lock": null, "logging": null, "tags": {},
}
