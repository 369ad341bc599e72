package ztiam.controls.cross_account_source_identity_test

import data.ztiam.controls.cross_account_source_identity

_role := "aws_iam_role.partner"

_trust := "aws_iam_role.partner#assume_role_policy"

_source_identity := data.ztiam.fixtures.condition("Null", "sts:SourceIdentity", ["false"])

_external_id := data.ztiam.fixtures.condition("StringEquals", "sts:ExternalId", ["acme"])

_statement(actions, conditions) := data.ztiam.fixtures.statement({
	"actions": actions, "resources": null, "conditions": conditions,
	"principals": data.ztiam.fixtures.principals({
		"AWS": ["arn:aws:iam::444455556666:root"], "accounts": ["444455556666"],
	}),
})

_findings(statements) := found if {
	model := data.ztiam.fixtures.model({
		"context": object.union(data.ztiam.fixtures.context, {"allowed_external_accounts": ["444455556666"]}),
		"roles": {_role: data.ztiam.fixtures.role(_role, {})},
		"documents": {_trust: data.ztiam.fixtures.document(_trust, "trust", "trust", statements)},
	})
	found := cross_account_source_identity.findings with input as model
}

test_allow_null_source_identity if {
	found := _findings([_statement(["sts:assumerole", "sts:setsourceidentity"], [_external_id, _source_identity])])
	data.ztiam.fixtures.has_message(found, _role, "pass", "requires a source identity from account 444455556666 and allows no session tags")
}

test_allow_positive_source_identity_and_constrained_tags if {
	like := data.ztiam.fixtures.condition("StringLike", "sts:SourceIdentity", ["*@acme.example"])
	keys := data.ztiam.fixtures.condition("ForAllValues:StringEquals", "aws:TagKeys", ["team"])
	found := _findings([_statement(["sts:assumerole", "sts:tagsession"], [_external_id, like, keys])])
	data.ztiam.fixtures.statuses(found, _role) == {"pass"}
}

test_deny_no_source_identity if {
	found := _findings([_statement(["sts:assumerole"], [_external_id])])
	data.ztiam.fixtures.has_message(found, _role, "fail", "does not require a source identity")
}

test_deny_negated_source_identity if {
	negated := data.ztiam.fixtures.condition("StringNotEquals", "sts:SourceIdentity", ["x"])
	found := _findings([_statement(["sts:assumerole"], [_external_id, negated])])
	data.ztiam.fixtures.statuses(found, _role) == {"fail"}
}

test_deny_if_exists_source_identity if {
	if_exists := data.ztiam.fixtures.condition("StringLikeIfExists", "sts:SourceIdentity", ["*"])
	found := _findings([_statement(["sts:assumerole"], [_external_id, if_exists])])
	data.ztiam.fixtures.statuses(found, _role) == {"fail"}
}

test_deny_unconstrained_tag_session if {
	found := _findings([_statement(["sts:assumerole", "sts:tagsession"], [_external_id, _source_identity])])
	data.ztiam.fixtures.has_message(found, _role, "fail", "allows sts:TagSession without")
}

test_deny_tag_session_in_separate_statement if {
	found := _findings([
		_statement(["sts:assumerole"], [_external_id, _source_identity]),
		_statement(["sts:tagsession"], [_external_id]),
	])
	data.ztiam.fixtures.has_message(found, _role, "fail", "allows sts:TagSession without")
}

test_allow_own_account_is_out_of_scope if {
	own := data.ztiam.fixtures.statement({
		"actions": ["sts:assumerole"], "resources": null,
		"principals": data.ztiam.fixtures.principals({"AWS": ["arn:aws:iam::111122223333:root"]}),
	})
	found := _findings([own])
	count(found) == 0
}

test_unknown_trust_text_is_left_to_zt_iam_02 if {
	model := data.ztiam.fixtures.model({
		"roles": {_role: data.ztiam.fixtures.role(_role, {})},
		"documents": {_trust: data.ztiam.fixtures.unreadable(_trust, "trust", "trust", "unknown")},
	})
	found := cross_account_source_identity.findings with input as model
	count(found) == 0
}
