package ztiam.controls.admin_mfa_test

import data.ztiam.controls.admin_mfa

_statuses(found, address) := data.ztiam.fixtures.statuses(found, address)

_has_message(found, address, status, text) if {
	data.ztiam.fixtures.has_message(found, address, status, text)
}

_role := "aws_iam_role.administrator"

_trust_id := "aws_iam_role.administrator#assume_role_policy"

_policy_id := "aws_iam_policy.administrator#policy"

_admin := {"tags": {"ztiam:tier": "administrator"}}

_idc_arn := "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_Administrator_*"

_trust(principals, conditions) := data.ztiam.fixtures.statement({
	"actions": ["sts:assumerole"], "resources": null,
	"principals": data.ztiam.fixtures.principals(principals), "conditions": conditions,
})

_account_root := {"AWS": ["arn:aws:iam::111122223333:root"]}

_idc := data.ztiam.fixtures.condition("ArnLike", "aws:PrincipalArn", [_idc_arn])

_mfa := data.ztiam.fixtures.condition("Bool", "aws:MultiFactorAuthPresent", ["true"])

_findings(statement, fields, documents) := found if {
	model := data.ztiam.fixtures.model({
		"roles": {_role: data.ztiam.fixtures.role(_role, fields)},
		"documents": object.union(
			{_trust_id: data.ztiam.fixtures.document(_trust_id, "trust", "trust", [statement])},
			documents,
		),
	})
	found := admin_mfa.findings with input as model
}

test_allow_idc_permission_set_with_evidence if {
	found := _findings(_trust(_account_root, [_idc]), _admin, {})
	_statuses(found, _role) == {"pass"}
	some f in found
	contains(f.evidence, "MFA setting for the permission set")
}

test_allow_break_glass_user_with_mfa if {
	found := _findings(_trust({"AWS": ["arn:aws:iam::111122223333:user/breakglass"]}, [_mfa]), _admin, {})
	_statuses(found, _role) == {"pass"}
	every f in found {
		not f.evidence
	}
}

test_allow_mfa_age if {
	age := data.ztiam.fixtures.condition("NumericLessThan", "aws:MultiFactorAuthAge", ["3600"])
	found := _findings(_trust(_account_root, [age]), _admin, {})
	_statuses(found, _role) == {"pass"}
}

test_deny_no_mfa if {
	found := _findings(_trust(_account_root, []), _admin, {})
	_has_message(found, _role, "fail", "admits callers without MFA")
}

test_deny_bool_if_exists_lets_keys_in if {
	condition := data.ztiam.fixtures.condition("BoolIfExists", "aws:MultiFactorAuthPresent", ["true"])
	found := _findings(_trust(_account_root, [condition]), _admin, {})
	_has_message(found, _role, "fail", "admits callers without MFA")
}

test_deny_idc_with_mfa_keys_locks_everyone_out if {
	found := _findings(_trust(_account_root, [_idc, _mfa]), _admin, {})
	_has_message(found, _role, "fail", "locked out")
}

test_deny_saml_with_mfa_keys_locks_everyone_out if {
	saml := {"Federated": ["arn:aws:iam::111122223333:saml-provider/corp"]}
	found := _findings(_trust(saml, [_mfa]), _admin, {})
	_has_message(found, _role, "fail", "locked out")
}

test_deny_admin_by_policy_without_tier_tag if {
	policy := data.ztiam.fixtures.document(_policy_id, "identity", "managed", [
		data.ztiam.fixtures.statement({"actions": ["*"]}),
	])
	found := _findings(_trust(_account_root, []), {"identity_documents": [_policy_id]}, {_policy_id: policy})
	_statuses(found, _role) == {"fail"}
}

test_deny_bool_mfa_deny_in_identity_policy if {
	deny := data.ztiam.fixtures.statement({
		"effect": "Deny", "actions": ["*"],
		"conditions": [data.ztiam.fixtures.condition("Bool", "aws:MultiFactorAuthPresent", ["false"])],
	})
	policy := data.ztiam.fixtures.document(_policy_id, "identity", "managed", [deny])
	fields := object.union(_admin, {"identity_documents": [_policy_id]})
	found := _findings(_trust(_account_root, [_idc]), fields, {_policy_id: policy})
	_has_message(found, _role, "fail", "does not match long-term access keys")
}

test_allow_bool_if_exists_deny_in_identity_policy if {
	deny := data.ztiam.fixtures.statement({
		"effect": "Deny", "actions": ["*"],
		"conditions": [
			data.ztiam.fixtures.condition("BoolIfExists", "aws:MultiFactorAuthPresent", ["false"]),
		],
	})
	policy := data.ztiam.fixtures.document(_policy_id, "identity", "managed", [deny])
	fields := object.union(_admin, {"identity_documents": [_policy_id]})
	found := _findings(_trust(_account_root, [_idc]), fields, {_policy_id: policy})
	_statuses(found, _role) == {"pass"}
}

test_allow_non_admin_roles_are_out_of_scope if {
	found := _findings(_trust(_account_root, []), {"tags": {"ztiam:tier": "developer"}}, {})
	count(found) == 0
}

test_allow_exempt_pipeline_is_not_applicable if {
	oidc := {"Federated": ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"]}
	model := data.ztiam.fixtures.model({
		"context": {"exempt_principal_arns": ["arn:aws:iam::111122223333:role/administrator"]},
		"roles": {_role: data.ztiam.fixtures.role(_role, _admin)},
		"documents": {
			_trust_id: data.ztiam.fixtures.document(_trust_id, "trust", "trust", [_trust(oidc, [])]),
		},
	})
	found := admin_mfa.findings with input as model
	_statuses(found, _role) == {"not_applicable"}
}

test_unknown_trust_policy if {
	model := data.ztiam.fixtures.model({
		"roles": {_role: data.ztiam.fixtures.role(_role, _admin)},
		"documents": {_trust_id: data.ztiam.fixtures.unreadable(_trust_id, "trust", "trust", "unknown")},
	})
	found := admin_mfa.findings with input as model
	_statuses(found, _role) == {"unknown"}
}

test_unknown_identity_policy_of_untagged_role if {
	policy := data.ztiam.fixtures.unreadable(_policy_id, "identity", "managed", "unknown")
	found := _findings(_trust(_account_root, []), {"identity_documents": [_policy_id]}, {_policy_id: policy})
	_statuses(found, _role) == {"unknown"}
}

test_allow_boundary_allowing_everything_is_not_administrative if {
	boundary_id := "aws_iam_policy.boundary#policy"
	boundary := data.ztiam.fixtures.document(boundary_id, "identity", "managed", [
		data.ztiam.fixtures.statement({"actions": ["*"]}),
	])
	fields := {"tags": {"ztiam:tier": "service"}, "boundary": {
		"status": "resolved", "arn": "arn:aws:iam::111122223333:policy/boundary", "document": boundary_id,
	}}
	service := data.ztiam.fixtures.principals({"Service": ["ec2.amazonaws.com"]})
	found := _findings(_trust(service, []), fields, {boundary_id: boundary})
	count(found) == 0
}
