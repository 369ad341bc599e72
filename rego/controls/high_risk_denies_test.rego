package ztiam.controls.high_risk_denies_test

import data.ztiam.controls.high_risk_denies

_role := "aws_iam_role.administrator"

_policy := "aws_iam_policy.administrator#policy"

_high_risk := [
	"cloudtrail:stoplogging", "cloudtrail:deletetrail", "cloudtrail:updatetrail",
	"cloudtrail:puteventselectors", "kms:disablekey", "kms:schedulekeydeletion",
	"s3:putbucketpublicaccessblock", "s3:putaccountpublicaccessblock",
]

_allow := data.ztiam.fixtures.statement({"actions": ["*"]})

_deny(actions, resources, conditions) := data.ztiam.fixtures.statement({
	"effect": "Deny", "actions": actions, "resources": resources, "conditions": conditions,
})

_exempt := ["arn:aws:iam::111122223333:role/break-glass"]

_findings(role_fields, statements) := found if {
	model := data.ztiam.fixtures.model({
		"context": object.union(data.ztiam.fixtures.context, {"exempt_principal_arns": _exempt}),
		"roles": {_role: data.ztiam.fixtures.role(_role, object.union(
			{"tags": {"ztiam:tier": "administrator"}, "identity_documents": [_policy]},
			role_fields,
		))},
		"documents": {_policy: data.ztiam.fixtures.document(_policy, "identity", "managed", statements)},
	})
	found := high_risk_denies.findings with input as model
}

test_allow_unconditional_deny_on_everything if {
	found := _findings({}, [_allow, _deny(_high_risk, ["*"], [])])
	data.ztiam.fixtures.has_message(found, _role, "pass", "can never stop, delete or weaken logging")
}

test_allow_wildcard_patterns_and_exact_exemption if {
	exemption := data.ztiam.fixtures.condition("ArnNotLike", "aws:PrincipalArn", _exempt)
	deny := _deny(["cloudtrail:*", "kms:disable*", "kms:schedulekeydeletion", "s3:put*publicaccessblock"], ["*"], [exemption])
	found := _findings({}, [_allow, deny])
	data.ztiam.fixtures.statuses(found, _role) == {"pass"}
}

test_allow_deny_on_the_services_resources if {
	denies := [
		_deny(array.slice(_high_risk, 0, 4), ["arn:aws:cloudtrail:us-east-1:111122223333:trail/*"], []),
		_deny(["kms:disablekey", "kms:schedulekeydeletion"], ["arn:aws:kms:us-east-1:111122223333:key/*"], []),
		_deny(["s3:putbucketpublicaccessblock", "s3:deletepublicaccessblock"], ["arn:aws:s3:::*"], []),
	]
	found := _findings({}, array.concat([_allow], denies))
	data.ztiam.fixtures.statuses(found, _role) == {"pass"}
}

test_deny_administrator_without_logging_denies if {
	found := _findings({}, [_allow, _deny(array.slice(_high_risk, 4, 8), ["*"], [])])
	data.ztiam.fixtures.has_message(found, _role, "fail", "administrator role aws_iam_role.administrator can stop, delete or weaken logging")
}

test_deny_other_role_names_missing_actions if {
	found := _findings({"tags": {"ztiam:tier": "operator"}}, [_allow, _deny(array.slice(_high_risk, 0, 6), ["*"], [])])
	data.ztiam.fixtures.has_message(found, _role, "fail", "has no effective Deny of s3:deletepublicaccessblock or s3:putaccountpublicaccessblock, s3:putbucketpublicaccessblock")
}

test_deny_condition_on_absent_prone_key if {
	mfa := data.ztiam.fixtures.condition("BoolIfExists", "aws:MultiFactorAuthPresent", ["false"])
	found := _findings({}, [_allow, _deny(_high_risk, ["*"], [mfa])])
	data.ztiam.fixtures.statuses(found, _role) == {"fail"}
}

test_deny_exemption_of_someone_else if {
	exemption := data.ztiam.fixtures.condition("ArnNotLike", "aws:PrincipalArn", ["arn:aws:iam::111122223333:role/*"])
	found := _findings({}, [_allow, _deny(_high_risk, ["*"], [exemption])])
	data.ztiam.fixtures.statuses(found, _role) == {"fail"}
}

test_allow_deny_in_boundary if {
	boundary := "aws_iam_policy.boundary#policy"
	model := data.ztiam.fixtures.model({
		"roles": {_role: data.ztiam.fixtures.role(_role, {
			"identity_documents": [_policy],
			"boundary": {"status": "resolved", "arn": "arn:aws:iam::111122223333:policy/b", "document": boundary},
		})},
		"documents": {
			_policy: data.ztiam.fixtures.document(_policy, "identity", "managed", [_allow]),
			boundary: data.ztiam.fixtures.document(boundary, "identity", "managed", [_allow, _deny(_high_risk, ["*"], [])]),
		},
	})
	found := high_risk_denies.findings with input as model
	data.ztiam.fixtures.statuses(found, _role) == {"pass"}
}

test_unknown_missing_deny_with_unseen_policy if {
	found := _findings({"unresolved_policy_arns": ["arn:aws:iam::111122223333:policy/other"]}, [_allow])
	data.ztiam.fixtures.has_message(found, _role, "unknown", "whose text is not in the plan")
}

test_unknown_policy_text if {
	model := data.ztiam.fixtures.model({
		"roles": {_role: data.ztiam.fixtures.role(_role, {"identity_documents": [_policy]})},
		"documents": {_policy: data.ztiam.fixtures.unreadable(_policy, "identity", "managed", "unknown")},
	})
	found := high_risk_denies.findings with input as model
	"unknown" in data.ztiam.fixtures.statuses(found, _role)
}
