# METADATA
# title: Service-linked roles are declared explicitly
# description: >-
#   Every service-linked role the blueprint names, and every one a service used in the plan
#   needs (RDS, Elastic Load Balancing, EC2 Auto Scaling, ECS), is declared as an
#   aws_iam_service_linked_role instead of being left for AWS to create on first use.
# scope: package
# custom:
#   id: ZT-SLR-01
#   severity: medium
#   constraint: 7
#   applies_to: [workload, logging]
#   subject: null
#   rationale: >-
#     A role AWS creates on its own appears in no review, inventory or change record; declaring
#     it puts it under change control with the rest of the account.
#   remediation: >-
#     Add an aws_iam_service_linked_role for the service (import it when AWS already created it
#     in the account, since declaring an existing one fails at apply).
#   limitations: >-
#     Knows the services of aws_db_instance, aws_rds_cluster, aws_lb, aws_alb, aws_elb,
#     aws_autoscaling_group, aws_ecs_cluster and aws_ecs_service; other services that create
#     service-linked roles are only covered when the blueprint names them. Service-linked roles
#     are outside SCPs and their sessions cannot be revoked.
#   avoid: |-
#     resource "aws_db_instance" "ledger" {
#       identifier                  = "ledger"
#       engine                      = "postgres"
#       instance_class              = "db.t4g.medium"
#       allocated_storage           = 20
#       username                    = "ledger_admin"
#       manage_master_user_password = true
#     }
#
#     # nothing declares AWSServiceRoleForRDS: AWS creates it silently on first use
#   prefer: |-
#     resource "aws_iam_service_linked_role" "rds" {
#       aws_service_name = "rds.amazonaws.com"
#       description      = "RDS, declared so it is reviewed with the account"
#     }
#
#     # only where AWS already created the role in this account
#     import {
#       to = aws_iam_service_linked_role.rds
#       id = "arn:aws:iam::111111111111:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS"
#     }
#   frameworks:
#     pci_dss: ["7.2.5", "7.2.5.1"]
#     nist_800_53: ["AC-2", "AC-6", "CM-8"]
#     soc2: ["CC6.1", "CC6.2", "CC6.3"]
#     nydfs: []
#     cis_aws: []
#     sox_itgc: []
#     ffiec: []
#   supporting:
#     nist_800_53: ["IA-9"]
#     nydfs: ["500.7(a)(2)", "500.13(a)"]
#     sox_itgc: ["APD"]
#     ffiec: ["IS II.C.5", "IS II.C.15"]
package ztiam.controls.service_linked_roles_declared

_context_address := "context.service_linked_roles"

_needs := {
	"aws_db_instance": "rds.amazonaws.com",
	"aws_rds_cluster": "rds.amazonaws.com",
	"aws_lb": "elasticloadbalancing.amazonaws.com",
	"aws_alb": "elasticloadbalancing.amazonaws.com",
	"aws_elb": "elasticloadbalancing.amazonaws.com",
	"aws_autoscaling_group": "autoscaling.amazonaws.com",
	"aws_ecs_cluster": "ecs.amazonaws.com",
	"aws_ecs_service": "ecs.amazonaws.com",
}

_declarations := data.ztiam.lib.resources.addresses(input.by_type, "aws_iam_service_linked_role")

_declared contains service if {
	some address in _declarations
	service := data.ztiam.lib.resources.value(input.resources[address], "aws_service_name")
	is_string(service)
}

_undetermined contains address if {
	some address in _declarations
	data.ztiam.lib.resources.is_unknown(input.resources[address], "aws_service_name")
}

findings contains finding if {
	some address in _declarations
	service := data.ztiam.lib.resources.value(input.resources[address], "aws_service_name")
	is_string(service)
	message := sprintf("%s declares the service-linked role of %s", [address, service])
	finding := {"address": address, "status": "pass", "message": message}
}

findings contains finding if {
	some address in _undetermined
	message := sprintf(
		"%s declares a service-linked role whose aws_service_name is unknown at plan time",
		[address],
	)
	finding := {"address": address, "status": "unknown", "message": message}
}

findings contains finding if {
	some service in data.ztiam.lib.values.array_field(input.context, "service_linked_roles")
	not service in _declared
	message := sprintf(
		"the blueprint names the service-linked role of %s, which the plan does not declare",
		[service],
	)
	finding := {"address": _context_address, "status": _missing_status, "message": message}
}

findings contains finding if {
	some type, service in _needs
	some address in data.ztiam.lib.resources.addresses(input.by_type, type)
	service in _declared
	message := sprintf("%s uses %s, whose service-linked role is declared", [address, service])
	finding := {"address": address, "status": "pass", "message": message}
}

findings contains finding if {
	some type, service in _needs
	some address in data.ztiam.lib.resources.addresses(input.by_type, type)
	not service in _declared
	message := sprintf(
		concat(" ", [
			"%s uses %s, but no aws_iam_service_linked_role declares its service-linked role,",
			"so AWS would create it on first use",
		]),
		[address, service],
	)
	finding := {"address": address, "status": _missing_status, "message": message}
}

# A missing declaration may hide behind a declaration whose service is unknown.
_missing_status := "unknown" if count(_undetermined) > 0

else := "fail"
