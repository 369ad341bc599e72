# Predicates over the normalised statements of a policy document.
# Actions are lower-case in the model; condition keys are lower-case in `key`.
package ztiam.lib.statements

is_allow(s) if s.effect == "Allow"

is_deny(s) if s.effect == "Deny"

# "statement 2 (AllowRead)", or "statement 2" without a Sid.
label(s) := sprintf("statement %v (%s)", [s.index, s.sid]) if {
	is_string(s.sid)
	s.sid != ""
} else := sprintf("statement %v", [s.index])

conditions(s) := data.ztiam.lib.values.array_field(s, "conditions")

# The conditions of the statement on one lower-case key.
conditions_on(s, key) := [c |
	some c in conditions(s)
	c.key == key
]

has_key(s, key) if {
	some c in conditions(s)
	c.key == key
}

# The operator without set prefix and IfExists suffix, lower-cased.
base(c) := lower(c.base) if is_string(c.base)

else := ""

# A condition without ForAllValues/ForAnyValue and without IfExists.
is_plain(c) if {
	c.set == null
	c.if_exists == false
}

# Whether one of the action patterns (a set or an array) matches the lower-case action name.
# glob.match costs far more than string built-ins, so exact names and patterns whose only
# wildcard is a trailing * are decided without it.
matches_any(patterns, action) if action in patterns

matches_any(patterns, action) if {
	some pattern in patterns
	endswith(pattern, "*")
	startswith(action, trim_suffix(pattern, "*"))
}

matches_any(patterns, action) if {
	some pattern in patterns
	contains(trim_suffix(pattern, "*"), "*")
	glob.match(pattern, null, action)
}

matches_any(patterns, action) if {
	some pattern in patterns
	contains(pattern, "?")
	glob.match(pattern, null, action)
}

# Whether the statement's Action or NotAction covers the lower-case action name.
covers_action(s, action) if matches_any(data.ztiam.lib.values.array_field(s, "actions"), action)

covers_action(s, action) if {
	is_array(s.not_actions)
	not matches_any(s.not_actions, action)
}

has_wildcard_resource(s) if "*" in data.ztiam.lib.values.array_field(s, "resources")
