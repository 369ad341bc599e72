package ztiam.controls.policy_size_test

import data.ztiam.controls.policy_size

_id := "aws_iam_policy.big#policy"

_address := "aws_iam_policy.big"

_findings(doc) := found if {
	found := policy_size.findings with input as data.ztiam.fixtures.model({"documents": {doc.id: doc}})
}

_managed(fields) := object.union(
	data.ztiam.fixtures.document(_id, "identity", "managed", [data.ztiam.fixtures.statement({})]),
	fields,
)

test_allow_small_policy if {
	data.ztiam.fixtures.statuses(_findings(_managed({})), _address) == {"pass"}
}

test_deny_managed_policy_over_the_limit if {
	found := _findings(_managed({"size": 6145}))
	data.ztiam.fixtures.has_message(found, _address, "fail", "6145 non-whitespace characters")
}

test_deny_duplicate_sid if {
	found := _findings(_managed({"issues": ["duplicate Sid \"Read\" in statements 0 and 1"]}))
	data.ztiam.fixtures.has_message(found, _address, "fail", "duplicate Sid \"Read\"")
}

test_deny_trust_policy_over_the_default_quota if {
	trust_id := "aws_iam_role.r#assume_role_policy"
	doc := object.union(
		data.ztiam.fixtures.document(trust_id, "trust", "trust", [data.ztiam.fixtures.statement({})]),
		{"size": 2049},
	)
	data.ztiam.fixtures.statuses(_findings(doc), "aws_iam_role.r") == {"fail"}
}

test_deny_inline_policies_over_the_role_total if {
	ids := ["aws_iam_role_policy.a#policy", "aws_iam_role_policy.b#policy"]
	docs := {id: object.union(
		data.ztiam.fixtures.document(id, "identity", "inline", [data.ztiam.fixtures.statement({})]),
		{"size": 6000},
	) | some id in ids}
	model := data.ztiam.fixtures.model({
		"documents": docs,
		"roles": {"aws_iam_role.r": data.ztiam.fixtures.role("aws_iam_role.r", {"identity_documents": ids})},
	})
	found := policy_size.findings with input as model
	data.ztiam.fixtures.has_message(found, "aws_iam_role.r", "fail", "12000 non-whitespace characters together")
}

test_unknown_policy_text if {
	doc := data.ztiam.fixtures.unreadable(_id, "identity", "managed", "unknown")
	data.ztiam.fixtures.statuses(_findings(doc), _address) == {"unknown"}
}
