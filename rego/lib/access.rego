# Effective access of a role: access levels of actions, what Allows grant and what Denies take
# away. Levels come from data.ztiam.data.iam_access_levels (scripts/iam_access_levels.py).
package ztiam.lib.access

_services := data.ztiam.data.iam_access_levels.services

# ["svc", "name"] of a lower-case action or pattern; undefined without exactly one colon.
split_action(action) := parts if {
	parts := split(action, ":")
	count(parts) == 2
}

# The access level letter of a known action: L, R, W, P or T.
level(action) := substring(_services[parts[0]][parts[1]], 0, 1) if {
	parts := split_action(action)
}

# Whether a known action supports resource-level permissions (its Resource can be narrowed).
has_resource_level(action) if {
	parts := split_action(action)
	not endswith(_services[parts[0]][parts[1]], "*")
}

# Whether the service of a pattern is in the access-level data.
is_known_service(pattern) if {
	parts := split_action(pattern)
	_services[parts[0]]
}

# Whether a pattern reaches beyond one service ("*", "*:*", "s*:get*").
is_broad(pattern) if not split_action(pattern)

is_broad(pattern) if {
	parts := split_action(pattern)
	contains(parts[0], "*")
}

is_broad(pattern) if {
	parts := split_action(pattern)
	contains(parts[0], "?")
}

# The known actions a single-service pattern names.
expand(pattern) := {action |
	[service, name] := split_action(pattern)
	some known, _ in _services[service]
	_name_matches(name, known)
	action := concat(":", [service, known])
}

# The known actions of the services that the pattern or a NotAction statement could name,
# restricted to the given services and access levels.
expand_in(pattern, services, levels) := {action |
	some service in services
	some known, code in _services[service]
	substring(code, 0, 1) in levels
	action := concat(":", [service, known])
	data.ztiam.lib.statements.matches_any({pattern}, action)
}

_name_matches(name, known) if name == known

_name_matches(name, known) if {
	endswith(name, "*")
	prefix := trim_suffix(name, "*")
	not contains(prefix, "*")
	not contains(prefix, "?")
	startswith(known, prefix)
}

_name_matches(name, known) if {
	_has_inner_wildcard(name)
	glob.match(name, [], known)
}

_has_inner_wildcard(name) if contains(trim_suffix(name, "*"), "*")

_has_inner_wildcard(name) if contains(name, "?")

# The actions of the given services and levels that an Allow statement grants.
granted(s, services, levels) := {action |
	some pattern in data.ztiam.lib.values.array_field(s, "actions")
	some action in _pattern_actions(pattern, services, levels)
} | _not_action_grants(s, services, levels)

_pattern_actions(pattern, services, levels) := expand_in(pattern, services, levels) if {
	is_broad(pattern)
}

_pattern_actions(pattern, services, levels) := _narrow_actions(pattern, services, levels) if {
	not is_broad(pattern)
}

_narrow_actions(pattern, services, levels) := {named |
	parts := split_action(pattern)
	parts[0] in services
	some named in expand(pattern)
	level(named) in levels
}

_not_action_grants(s, services, levels) := {action |
	is_array(s.not_actions)
	some service in services
	some known, code in _services[service]
	substring(code, 0, 1) in levels
	action := concat(":", [service, known])
	not data.ztiam.lib.statements.matches_any(s.not_actions, action)
}

# Whether a Deny applies to every caller except the exempted principals: no conditions, or
# only negated aws:PrincipalArn conditions that name nobody outside `exempt`.
is_effective_deny(s, exempt) if {
	data.ztiam.lib.statements.is_deny(s)
	every c in data.ztiam.lib.statements.conditions(s) {
		is_exemption(c, exempt)
	}
}

is_exemption(c, exempt) if {
	c.key == "aws:principalarn"
	c.negated == true
	c.set == null
	count(c.values) > 0
	every value in c.values {
		value in exempt
	}
}

# Whether the statement's Resource (or NotResource) covers every ARN of `arns`.
covers_resources(s, _) if "*" in data.ztiam.lib.values.array_field(s, "resources")

covers_resources(s, arns) if {
	count(arns) > 0
	patterns := data.ztiam.lib.values.array_field(s, "resources")
	every arn in arns {
		_resource_matches(patterns, arn)
	}
}

covers_resources(s, arns) if {
	is_array(s.not_resources)
	count(arns) > 0
	every arn in arns {
		arn != "*"
		not _resource_matches(s.not_resources, arn)
	}
}

_resource_matches(patterns, arn) if arn in patterns

_resource_matches(patterns, arn) if {
	some pattern in patterns
	endswith(pattern, "*")
	startswith(arn, trim_suffix(pattern, "*"))
}

# Whether one of the Deny statements takes the action away on every ARN of `arns`.
denied(denies, action, arns, exempt) if {
	some s in denies
	is_effective_deny(s, exempt)
	data.ztiam.lib.statements.covers_action(s, action)
	covers_resources(s, arns)
}

# Whether some Allow statement of `statements` covers the action on every ARN of `arns`.
allowed(statements, action, arns) if {
	some s in statements
	data.ztiam.lib.statements.is_allow(s)
	data.ztiam.lib.statements.covers_action(s, action)
	covers_resources(s, arns)
}

# The actions of a set, sorted, at most five named, for a message.
sample(actions) := concat(", ", array.slice(sort(actions), 0, 5)) if count(actions) <= 5

else := sprintf("%s and %d more", [
	concat(", ", array.slice(sort(actions), 0, 5)),
	count(actions) - 5,
])
