package ztiam.controls.cross_account_trust_test

import data.ztiam.controls.cross_account_trust

_statuses(found, address) := data.ztiam.fixtures.statuses(found, address)

_has_message(found, address, status, text) if {
	data.ztiam.fixtures.has_message(found, address, status, text)
}

_role := "aws_iam_role.auditor"

_trust_id := "aws_iam_role.auditor#assume_role_policy"

_external_id := data.ztiam.fixtures.condition("StringEquals", "sts:ExternalId", ["Example-1234"])

_model(statements, context) := data.ztiam.fixtures.model({
	"context": context,
	"roles": {_role: data.ztiam.fixtures.role(_role, {})},
	"documents": {_trust_id: data.ztiam.fixtures.document(_trust_id, "trust", "trust", statements)},
})

_trust(aws, conditions) := data.ztiam.fixtures.statement({
	"actions": ["sts:assumerole"], "resources": null,
	"principals": data.ztiam.fixtures.principals({"AWS": aws}), "conditions": conditions,
})

_listed := {"allowed_external_accounts": ["444455556666"]}

_findings(statements, context) := found if {
	found := cross_account_trust.findings with input as _model(statements, context)
}

test_allow_listed_account_with_external_id if {
	found := _findings([_trust(["arn:aws:iam::444455556666:root"], [_external_id])], _listed)
	_statuses(found, _role) == {"pass"}
}

test_deny_external_id_missing if {
	found := _findings([_trust(["arn:aws:iam::444455556666:root"], [])], _listed)
	_has_message(found, _role, "fail", "has no sts:ExternalId condition")
}

test_deny_account_not_allow_listed if {
	found := _findings([_trust(["arn:aws:iam::999988887777:role/x"], [_external_id])], _listed)
	_has_message(found, _role, "fail", "admits account 999988887777, which is not allow-listed")
}

test_deny_external_id_if_exists if {
	condition := data.ztiam.fixtures.condition("StringEqualsIfExists", "sts:ExternalId", ["Example-1234"])
	found := _findings([_trust(["arn:aws:iam::444455556666:root"], [condition])], _listed)
	_has_message(found, _role, "fail", "tests sts:ExternalId with StringEqualsIfExists")
}

test_deny_external_id_like_wildcard if {
	condition := data.ztiam.fixtures.condition("StringLike", "STS:ExternalID", ["*"])
	found := _findings([_trust(["arn:aws:iam::444455556666:root"], [condition])], _listed)
	_statuses(found, _role) == {"fail"}
}

test_deny_external_id_empty_value if {
	condition := data.ztiam.fixtures.condition("StringEquals", "sts:ExternalId", [""])
	found := _findings([_trust(["arn:aws:iam::444455556666:root"], [condition])], _listed)
	_statuses(found, _role) == {"fail"}
}

test_deny_wildcard_principal if {
	found := _findings([_trust(["*"], [_external_id])], _listed)
	_has_message(found, _role, "fail", "admits any AWS principal (*)")
}

test_deny_every_account_is_external_without_account_id if {
	context := {"account_id": null, "allowed_external_accounts": []}
	found := _findings([_trust(["arn:aws:iam::111122223333:root"], [])], context)
	_has_message(found, _role, "fail", "admits account 111122223333")
}

test_allow_own_account_is_out_of_scope if {
	found := _findings([_trust(["arn:aws:iam::111122223333:root"], [])], {})
	count(found) == 0
}

test_allow_service_and_federated_principals_are_not_cross_account if {
	statement := data.ztiam.fixtures.statement({"principals": data.ztiam.fixtures.principals({
		"Service": ["ec2.amazonaws.com"],
		"Federated": ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"],
	})})
	found := _findings([statement], {})
	count(found) == 0
}

test_unknown_trust_policy if {
	model := data.ztiam.fixtures.model({
		"roles": {_role: data.ztiam.fixtures.role(_role, {})},
		"documents": {_trust_id: data.ztiam.fixtures.unreadable(_trust_id, "trust", "trust", "unknown")},
	})
	found := cross_account_trust.findings with input as model
	_statuses(found, _role) == {"unknown"}
}

test_deny_missing_trust_policy if {
	role := data.ztiam.fixtures.role(_role, {"trust_document": null})
	model := data.ztiam.fixtures.model({"roles": {_role: role}})
	found := cross_account_trust.findings with input as model
	_has_message(found, _role, "fail", "is missing")
}
