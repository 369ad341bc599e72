output "arn" {
  description = "ARN of the role (literal, known at plan time)."
  value       = module.role.arn

  precondition {
    condition     = var.external_account_id != var.account_id
    error_message = "external_account_id ${var.external_account_id} is the role's own account; cross-account access needs another account."
  }
}

output "name" {
  description = "Name of the role."
  value       = module.role.name
}

output "trust_policy" {
  description = "The trust policy of the role (JSON)."
  value       = local.trust_policy
}

output "window" {
  description = "UTC instants between which the role may be assumed."
  value       = var.window
}
