package ztiam.controls.service_linked_roles_declared_test

import data.ztiam.controls.service_linked_roles_declared

_statuses(found, address) := data.ztiam.fixtures.statuses(found, address)

_has_message(found, address, status, text) if {
	data.ztiam.fixtures.has_message(found, address, status, text)
}

_rds := "aws_iam_service_linked_role.rds"

_db := "aws_db_instance.main"

_declaration(service, unknown) := data.ztiam.fixtures.resource(_rds, {"aws_service_name": service}, unknown)

_db_resource := data.ztiam.fixtures.resource(_db, {"engine": "postgres"}, ["arn"])

_findings(resources, context) := found if {
	model := data.ztiam.fixtures.model({"resources": resources, "context": context})
	found := service_linked_roles_declared.findings with input as model
}

test_allow_database_with_declared_role if {
	found := _findings({_db: _db_resource, _rds: _declaration("rds.amazonaws.com", [])}, {})
	_statuses(found, _db) == {"pass"}
	_statuses(found, _rds) == {"pass"}
}

test_deny_database_without_declared_role if {
	found := _findings({_db: _db_resource}, {})
	_has_message(found, _db, "fail", "AWS would create it on first use")
}

test_deny_blueprint_service_not_declared if {
	found := _findings({}, {"service_linked_roles": ["autoscaling.amazonaws.com"]})
	_has_message(found, "context.service_linked_roles", "fail", "autoscaling.amazonaws.com")
}

test_allow_blueprint_service_declared if {
	context := {"service_linked_roles": ["rds.amazonaws.com"]}
	found := _findings({_rds: _declaration("rds.amazonaws.com", [])}, context)
	_statuses(found, "context.service_linked_roles") == set()
	_statuses(found, _rds) == {"pass"}
}

test_unknown_declared_service if {
	found := _findings({_db: _db_resource, _rds: _declaration(null, ["aws_service_name"])}, {})
	_statuses(found, _db) == {"unknown"}
	_statuses(found, _rds) == {"unknown"}
}

test_allow_nothing_in_use_gives_no_findings if {
	count(_findings({}, {})) == 0
}
