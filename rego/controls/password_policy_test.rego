package ztiam.controls.password_policy_test

import data.ztiam.controls.password_policy

_statuses(found, address) := data.ztiam.fixtures.statuses(found, address)

_has_message(found, address, status, text) if {
	data.ztiam.fixtures.has_message(found, address, status, text)
}

_policy := "aws_iam_account_password_policy.this"

_values := {
	"minimum_password_length": 14, "require_lowercase_characters": true,
	"require_uppercase_characters": true, "require_numbers": true, "require_symbols": true,
	"max_password_age": 90, "password_reuse_prevention": 24,
	"allow_users_to_change_password": true, "hard_expiry": false,
}

_findings(resources) := found if {
	found := password_policy.findings with input as data.ztiam.fixtures.model({"resources": resources})
}

_with(changes, unknown) := {_policy: policy} if {
	policy := data.ztiam.fixtures.resource(_policy, object.union(_values, changes), unknown)
}

test_allow_company_policy if {
	found := _findings(_with({}, []))
	_statuses(found, _policy) == {"pass"}
}

test_allow_twelve_remembered if {
	found := _findings(_with({"password_reuse_prevention": 12}, []))
	_statuses(found, _policy) == {"pass"}
}

test_deny_short_length if {
	found := _findings(_with({"minimum_password_length": 8}, []))
	_has_message(found, _policy, "fail", "requires 8 characters, fewer than 14")
}

test_deny_missing_symbols if {
	found := _findings(_with({"require_symbols": false}, []))
	_has_message(found, _policy, "fail", "does not require symbols")
}

test_deny_no_expiry if {
	found := _findings(_with({"max_password_age": 0}, []))
	_has_message(found, _policy, "fail", "lets passwords live 0 days")
}

test_deny_long_expiry if {
	found := _findings(_with({"max_password_age": 180}, []))
	_statuses(found, _policy) == {"fail"}
}

test_deny_few_remembered if {
	found := _findings(_with({"password_reuse_prevention": 5}, []))
	_has_message(found, _policy, "fail", "remembers 5 passwords, fewer than 12")
}

test_deny_unset_reuse if {
	values := object.remove(_values, ["password_reuse_prevention"])
	found := _findings({_policy: data.ztiam.fixtures.resource(_policy, values, [])})
	_has_message(found, _policy, "fail", "does not set password_reuse_prevention")
}

test_deny_two_policies if {
	other := "aws_iam_account_password_policy.legacy"
	resources := object.union(_with({}, []), {other: data.ztiam.fixtures.resource(other, _values, [])})
	found := _findings(resources)
	_has_message(found, _policy, "fail", "is one of 2 password policies")
	_statuses(found, other) == {"fail"}
}

test_deny_age_over_stricter_context if {
	model := data.ztiam.fixtures.model({
		"resources": _with({"minimum_password_length": 16}, []),
		"context": {"password_policy": {"minimum_length": 16, "max_age_days": 60, "reuse_prevention": 24}},
	})
	found := password_policy.findings with input as model
	_has_message(found, _policy, "fail", "outside 1 to 60")
}

test_unknown_length if {
	values := object.remove(_values, ["minimum_password_length"])
	found := _findings({_policy: data.ztiam.fixtures.resource(_policy, values, ["minimum_password_length"])})
	_statuses(found, _policy) == {"unknown"}
}
