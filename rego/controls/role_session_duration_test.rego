package ztiam.controls.role_session_duration_test

import data.ztiam.controls.role_session_duration

_statuses(found, address) := data.ztiam.fixtures.statuses(found, address)

_has_message(found, address, status, text) if {
	data.ztiam.fixtures.has_message(found, address, status, text)
}

_role := "aws_iam_role.developer"

_trust_id := "aws_iam_role.developer#assume_role_policy"

_idc_trust := data.ztiam.fixtures.statement({
	"actions": ["sts:assumerole"], "resources": null,
	"principals": data.ztiam.fixtures.principals({"AWS": ["arn:aws:iam::111122223333:root"]}),
})

_partner_trust := data.ztiam.fixtures.statement({
	"actions": ["sts:assumerole"], "resources": null,
	"principals": data.ztiam.fixtures.principals({"AWS": ["arn:aws:iam::444455556666:root"]}),
})

_service_trust := data.ztiam.fixtures.statement({
	"actions": ["sts:assumerole"], "resources": null,
	"principals": data.ztiam.fixtures.principals({"Service": ["ec2.amazonaws.com"]}),
})

_findings(statement, fields) := found if {
	model := data.ztiam.fixtures.model({
		"roles": {_role: data.ztiam.fixtures.role(_role, fields)},
		"documents": {_trust_id: data.ztiam.fixtures.document(_trust_id, "trust", "trust", [statement])},
	})
	found := role_session_duration.findings with input as model
}

test_allow_four_hours_for_people if {
	found := _findings(_idc_trust, {"max_session_duration": 14400})
	_statuses(found, _role) == {"pass"}
}

test_deny_twelve_hours_for_people if {
	found := _findings(_idc_trust, {"max_session_duration": 43200})
	_has_message(found, _role, "fail", "allows sessions of 43200 s, above the 14400 s limit")
}

test_deny_four_hours_for_a_partner if {
	found := _findings(_partner_trust, {"max_session_duration": 14400})
	_has_message(found, _role, "fail", "above the 7200 s limit for external access")
}

test_allow_two_hours_for_a_partner if {
	found := _findings(_partner_trust, {"max_session_duration": 7200})
	_statuses(found, _role) == {"pass"}
}

test_allow_default_duration_when_absent if {
	found := _findings(_idc_trust, {"max_session_duration": null})
	_has_message(found, _role, "pass", "at most 3600 s")
}

test_allow_service_roles_are_not_applicable if {
	found := _findings(_service_trust, {"max_session_duration": 43200})
	_has_message(found, _role, "not_applicable", "not limited by max_session_duration")
}

test_unknown_duration if {
	found := _findings(_idc_trust, {"max_session_duration": null, "max_session_duration_unknown": true})
	_statuses(found, _role) == {"unknown"}
}

test_unknown_trust_policy if {
	model := data.ztiam.fixtures.model({
		"roles": {_role: data.ztiam.fixtures.role(_role, {"max_session_duration": 3600})},
		"documents": {_trust_id: data.ztiam.fixtures.unreadable(_trust_id, "trust", "trust", "unknown")},
	})
	found := role_session_duration.findings with input as model
	_statuses(found, _role) == {"unknown"}
}

test_deny_invalid_trust_policy if {
	model := data.ztiam.fixtures.model({
		"roles": {_role: data.ztiam.fixtures.role(_role, {})},
		"documents": {_trust_id: data.ztiam.fixtures.unreadable(_trust_id, "trust", "trust", "invalid")},
	})
	found := role_session_duration.findings with input as model
	_statuses(found, _role) == {"fail"}
}
