output "function_name" {
  description = "Name of the response function, for EventBridge targets and SNS subscriptions."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the response function, built from the inputs (known at plan time)."
  value       = local.function_arn
  depends_on  = [aws_lambda_function.this, aws_lambda_permission.rules]
}

output "role_name" {
  description = "Name of the function's execution role."
  value       = aws_iam_role.this.name
}

output "role_arn" {
  description = "ARN of the function's execution role (an automation exemption to name)."
  value       = local.role_arn
}

output "rules_source_arn" {
  description = "Pattern of the EventBridge rule ARNs allowed to invoke the function."
  value       = local.rules_arn
}
