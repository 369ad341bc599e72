package ztiam.controls.iam_allow_conditions_test

import data.ztiam.controls.iam_allow_conditions

_statuses(found, address) := data.ztiam.fixtures.statuses(found, address)

_has_message(found, address, status, text) if {
	data.ztiam.fixtures.has_message(found, address, status, text)
}

_id := "aws_iam_policy.dev#policy"

_address := "aws_iam_policy.dev"

_three_keys := [
	data.ztiam.fixtures.condition("StringEquals", "aws:RequestedRegion", ["us-east-1"]),
	data.ztiam.fixtures.condition("Bool", "aws:SecureTransport", ["true"]),
	data.ztiam.fixtures.condition("StringEquals", "aws:PrincipalTag/ztiam:tier", ["developer"]),
]

_findings(statements) := found if {
	found := iam_allow_conditions.findings with input as data.ztiam.fixtures.model({
		"documents": {_id: data.ztiam.fixtures.document(_id, "identity", "managed", statements)},
	})
}

test_allow_three_keys if {
	found := _findings([data.ztiam.fixtures.statement({"conditions": _three_keys})])
	_statuses(found, _address) == {"pass"}
}

test_allow_deny_statements_need_no_keys if {
	found := _findings([
		data.ztiam.fixtures.statement({"conditions": _three_keys}),
		data.ztiam.fixtures.statement({"effect": "Deny", "actions": ["*"]}),
	])
	_statuses(found, _address) == {"pass"}
}

test_deny_two_keys if {
	two_keys := array.slice(_three_keys, 0, 2)
	found := _findings([data.ztiam.fixtures.statement({"sid": "AllowS3", "conditions": two_keys})])
	_statuses(found, _address) == {"fail"}
	_has_message(found, _address, "fail", "statement 0 (AllowS3)")
	_has_message(found, _address, "fail", "2 counted condition keys")
}

test_deny_unconditioned_action_star if {
	found := _findings([data.ztiam.fixtures.statement({"actions": ["*"]})])
	_has_message(found, _address, "fail", "0 counted condition keys (none)")
}

test_deny_one_key_twice_counts_once if {
	conditions := [
		data.ztiam.fixtures.condition("StringEquals", "aws:SourceVpce", ["vpce-0abc1234"]),
		data.ztiam.fixtures.condition("StringLike", "AWS:SourceVpce", ["vpce-*"]),
		data.ztiam.fixtures.condition("Bool", "aws:SecureTransport", ["true"]),
	]
	found := _findings([data.ztiam.fixtures.statement({"conditions": conditions})])
	_has_message(found, _address, "fail", "2 counted condition keys")
}

test_deny_like_star_is_vacuous if {
	conditions := array.concat(
		array.slice(_three_keys, 0, 2),
		[data.ztiam.fixtures.condition("StringLike", "aws:PrincipalTag/team", ["*"])],
	)
	found := _findings([data.ztiam.fixtures.statement({"conditions": conditions})])
	_has_message(found, _address, "fail", "aws:principaltag/team (a * value under a Like operator)")
}

test_deny_any_address_is_vacuous if {
	conditions := array.concat(
		array.slice(_three_keys, 0, 2),
		[data.ztiam.fixtures.condition("IpAddress", "aws:SourceIp", ["203.0.113.0/24", "0.0.0.0/0"])],
	)
	found := _findings([data.ztiam.fixtures.statement({"conditions": conditions})])
	_has_message(found, _address, "fail", "aws:sourceip (an any-address range)")
}

test_deny_for_all_values_without_null_guard if {
	conditions := array.concat(
		array.slice(_three_keys, 0, 2),
		[data.ztiam.fixtures.condition("ForAllValues:StringEquals", "aws:TagKeys", ["costcenter", "stack"])],
	)
	found := _findings([data.ztiam.fixtures.statement({"conditions": conditions})])
	_has_message(found, _address, "fail", "aws:tagkeys (ForAllValues without a Null guard)")
}

test_allow_for_all_values_with_null_guard if {
	conditions := array.concat(array.slice(_three_keys, 0, 2), [
		data.ztiam.fixtures.condition("ForAllValues:StringEquals", "aws:TagKeys", ["costcenter", "stack"]),
		data.ztiam.fixtures.condition("Null", "aws:TagKeys", ["false"]),
	])
	found := _findings([data.ztiam.fixtures.statement({"conditions": conditions})])
	_statuses(found, _address) == {"pass"}
}

test_allow_negated_like_star_counts if {
	conditions := array.concat(
		array.slice(_three_keys, 0, 2),
		[data.ztiam.fixtures.condition("StringNotLike", "aws:PrincipalTag/team", ["*"])],
	)
	found := _findings([data.ztiam.fixtures.statement({"conditions": conditions})])
	_statuses(found, _address) == {"pass"}
}

test_deny_every_statement_is_analysed_with_duplicate_sids if {
	found := _findings([
		data.ztiam.fixtures.statement({
			"sid": "Logs", "actions": ["logs:putlogevents"], "conditions": _three_keys,
		}),
		data.ztiam.fixtures.statement({"sid": "Logs", "actions": ["iam:passrole"]}),
	])
	_has_message(found, _address, "fail", "statement 1 (Logs)")
}

test_deny_invalid_policy if {
	found := iam_allow_conditions.findings with input as data.ztiam.fixtures.model({"documents": {
		_id: data.ztiam.fixtures.unreadable(_id, "identity", "managed", "invalid"),
	}})
	_statuses(found, _address) == {"fail"}
	_has_message(found, _address, "fail", "is not a valid policy (not JSON")
}

test_unknown_policy_text if {
	found := iam_allow_conditions.findings with input as data.ztiam.fixtures.model({"documents": {
		_id: data.ztiam.fixtures.unreadable(_id, "identity", "managed", "unknown"),
	}})
	_statuses(found, _address) == {"unknown"}
}

test_deny_aws_managed_attachment if {
	role := data.ztiam.fixtures.role("aws_iam_role.ops", {
		"unresolved_policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
	})
	found := iam_allow_conditions.findings with input as data.ztiam.fixtures.model({
		"roles": {"aws_iam_role.ops": role},
	})
	_statuses(found, "aws_iam_role.ops") == {"fail"}
}

test_unknown_policy_outside_the_plan if {
	role := data.ztiam.fixtures.role("aws_iam_role.ops", {
		"boundary": {"status": "unresolved", "arn": "arn:aws:iam::111122223333:policy/b", "document": null},
	})
	found := iam_allow_conditions.findings with input as data.ztiam.fixtures.model({
		"roles": {"aws_iam_role.ops": role},
	})
	_statuses(found, "aws_iam_role.ops") == {"unknown"}
}

test_unknown_boundary_value if {
	boundary := {"status": "unknown", "arn": null, "document": null}
	role := data.ztiam.fixtures.role("aws_iam_role.ops", {"boundary": boundary})
	found := iam_allow_conditions.findings with input as data.ztiam.fixtures.model({
		"roles": {"aws_iam_role.ops": role},
	})
	_statuses(found, "aws_iam_role.ops") == {"unknown"}
}
