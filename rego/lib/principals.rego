# The Principal element of trust and resource policy statements.
package ztiam.lib.principals

_of(s) := s.principals if is_object(s.principals)

else := {}

aws(s) := data.ztiam.lib.values.array_field(_of(s), "AWS")

services(s) := data.ztiam.lib.values.array_field(_of(s), "Service")

federated(s) := data.ztiam.lib.values.array_field(_of(s), "Federated")

is_wildcard(s) if _of(s).wildcard == true

is_wildcard(s) if "*" in aws(s)

# The account of an AWS principal: the account segment of an ARN, otherwise the entry as
# written ("*", a bare account id, or a unique id that names no account).
account_of(principal) := account if {
	parts := split(principal, ":")
	count(parts) > 4
	parts[0] == "arn"
	account := parts[4]
} else := principal

# The accounts of the statement's AWS principals that are not `own` (all of them when `own`
# is null); "*" stands for the wildcard principal.
external_accounts(s, own) := {account |
	some principal in aws(s)
	account := account_of(principal)
	_is_external(account, own)
}

_is_external(_, own) if own == null

_is_external(account, own) if {
	own != null
	account != own
}

# Whether the statement lets people or partners in: AWS, federated or wildcard principals.
admits_people(s) if count(aws(s)) > 0

admits_people(s) if count(federated(s)) > 0

admits_people(s) if is_wildcard(s)
