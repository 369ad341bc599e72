# METADATA
# title: The account password policy meets the company's minimums
# description: >-
#   The account has exactly one aws_iam_account_password_policy, requiring at least the
#   blueprint's minimum length, all four character classes, expiry within the blueprint's
#   maximum age, and at least the blueprint's number of remembered passwords.
# scope: package
# custom:
#   id: ZT-IAM-05
#   severity: medium
#   constraint: 6
#   applies_to: [workload, logging]
#   subject: password_policy
#   rationale: >-
#     IAM users that keep console passwords (break-glass users above all) must not be guessable,
#     reused or kept forever.
#   remediation: >-
#     Declare one aws_iam_account_password_policy with minimum_password_length 14 or more, the
#     four require_* arguments true, max_password_age between 1 and 90, and
#     password_reuse_prevention 12 or more (24 also meets CIS 1.8).
#   limitations: >-
#     IAM cannot lock accounts after failed sign-ins, screen common or compromised passwords, or
#     protect password resets with MFA; those need the identity provider or compensating controls.
#     The company's 12 remembered passwords are fewer than CIS 1.8 expects (24).
#   avoid: |-
#     resource "aws_iam_account_password_policy" "this" {
#       minimum_password_length        = 8
#       require_lowercase_characters   = true
#       require_uppercase_characters   = true
#       require_numbers                = true
#       require_symbols                = false
#       allow_users_to_change_password = true
#       # no max_password_age and no password_reuse_prevention
#     }
#   prefer: |-
#     resource "aws_iam_account_password_policy" "this" {
#       minimum_password_length        = 14
#       require_lowercase_characters   = true
#       require_uppercase_characters   = true
#       require_numbers                = true
#       require_symbols                = true
#       allow_users_to_change_password = true
#       max_password_age               = 90
#       password_reuse_prevention      = 24
#     }
#   frameworks:
#     pci_dss: ["8.3.6", "8.3.7", "8.3.9"]
#     nist_800_53: ["IA-5", "IA-5(1)"]
#     soc2: ["CC6.1"]
#     nydfs: ["500.7(b)"]
#     cis_aws: ["1.7"]
#     sox_itgc: ["APD"]
#     ffiec: ["IS II.C.15", "AUTH"]
#   supporting:
#     pci_dss: ["8.3.1"]
#     soc2: ["CC6.2"]
#     cis_aws: ["1.8"]
package ztiam.controls.password_policy

_policies := data.ztiam.lib.resources.addresses(input.by_type, "aws_iam_account_password_policy")

_expected := input.context.password_policy

_classes := {
	"require_lowercase_characters": "lowercase letters",
	"require_uppercase_characters": "uppercase letters",
	"require_numbers": "numbers",
	"require_symbols": "symbols",
}

findings contains finding if {
	some [address, status, detail] in _shortfalls
	message := sprintf("password policy %s %s", [address, detail])
	finding := {"address": address, "status": status, "message": message}
}

findings contains finding if {
	some address in _policies
	not address in _short
	message := sprintf(
		concat(" ", [
			"password policy %s requires %v+ characters of four classes, expiry within %v",
			"days and %v remembered passwords",
		]),
		[
			address, _value(address, "minimum_password_length"), _value(address, "max_password_age"),
			_value(address, "password_reuse_prevention"),
		],
	)
	finding := {"address": address, "status": "pass", "message": message}
}

_value(address, attribute) := data.ztiam.lib.resources.value(input.resources[address], attribute)

_is_unknown(address, attribute) if data.ztiam.lib.resources.is_unknown(input.resources[address], attribute)

_short contains shortfall[0] if some shortfall in _shortfalls

# [address, status, detail] for every way a policy falls short.
_shortfalls contains [address, "fail", detail] if {
	count(_policies) > 1
	some address in _policies
	detail := sprintf("is one of %d password policies (%s); an account has one and the last apply wins", [
		count(_policies), data.ztiam.lib.values.text_list(_policies),
	])
}

_shortfalls contains [address, status, detail] if {
	some address in _policies
	some attribute in ["minimum_password_length", "max_password_age", "password_reuse_prevention"]
	[status, detail] := _number_state(address, attribute)
}

_shortfalls contains [address, status, detail] if {
	some address in _policies
	some attribute, what in _classes
	[status, detail] := _class_state(address, attribute, what)
}

_shortfalls contains [address, "fail", detail] if {
	some address in _policies
	length := _value(address, "minimum_password_length")
	is_number(length)
	length < _expected.minimum_length
	detail := sprintf("requires %v characters, fewer than %v", [length, _expected.minimum_length])
}

_shortfalls contains [address, "fail", detail] if {
	some address in _policies
	age := _value(address, "max_password_age")
	is_number(age)
	not _within_age(age)
	detail := sprintf("lets passwords live %v days, outside 1 to %v", [age, _expected.max_age_days])
}

_shortfalls contains [address, "fail", detail] if {
	some address in _policies
	reuse := _value(address, "password_reuse_prevention")
	is_number(reuse)
	reuse < _expected.reuse_prevention
	detail := sprintf("remembers %v passwords, fewer than %v", [reuse, _expected.reuse_prevention])
}

_within_age(age) if {
	age >= 1
	age <= _expected.max_age_days
}

_number_state(address, attribute) := ["unknown", _unknown_detail(attribute)] if {
	_is_unknown(address, attribute)
} else := ["fail", sprintf("does not set %s", [attribute])] if {
	_value(address, attribute) == null
} else := ["fail", sprintf("has %s %v, not a number", [attribute, value])] if {
	value := _value(address, attribute)
	not is_number(value)
}

_class_state(address, attribute, what) := ["unknown", _unknown_detail(attribute)] if {
	_is_unknown(address, attribute)
} else := ["fail", sprintf("does not require %s (%s is %v)", [what, attribute, value])] if {
	value := _value(address, attribute)
	value != true
}

_unknown_detail(attribute) := sprintf("has %s unknown at plan time", [attribute])
