output "role_name" {
  description = "Name of the grant role."
  value       = aws_iam_role.this.name
}

output "role_arn" {
  description = "ARN of the grant role, built from the inputs so it is known at plan time."
  value       = local.role_arn
}

output "not_after" {
  description = "Instant the grant stops working and is revoked."
  value       = var.not_after
}

output "revoker_function_name" {
  description = "Name of the function that revokes the grant."
  value       = aws_lambda_function.revoker.function_name
}

output "revoker_function_arn" {
  description = "ARN of the function that revokes the grant."
  value       = local.revoker_arn
}

output "revoker_role_arn" {
  description = "ARN of the revoker's execution role (an automation exemption to name)."
  value       = "arn:aws:iam::${var.account_id}:role/${local.revoker_name}"
}

output "schedule_name" {
  description = "Name of the one-time EventBridge Scheduler schedule that starts revocation."
  value       = aws_scheduler_schedule.expiry.name
}
