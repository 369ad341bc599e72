output "policy_name" {
  description = "Name of the inline window policy on every governed role."
  value       = local.policy_name
}

output "governed_role_arns" {
  description = "ARNs of the roles limited to business hours."
  value       = local.role_arns
}

output "renewer_role_name" {
  description = "Name of the renewer's execution role."
  value       = aws_iam_role.renewer.name
}

output "renewer_role_arn" {
  description = "ARN of the renewer's role: the exemption escalation controls must name."
  value       = local.renewer_arn
}

output "function_name" {
  description = "Name of the renewal function."
  value       = aws_lambda_function.renewer.function_name
}

output "function_arn" {
  description = "ARN of the renewal function."
  value       = local.function_arn
}

output "renewal_rule_name" {
  description = "Name of the EventBridge rule that runs the renewal every 15 minutes."
  value       = aws_cloudwatch_event_rule.renewal.name
}

output "tamper_rule_names" {
  description = "EventBridge rules that alert on window changes by others and renewer misuse."
  value = [
    aws_cloudwatch_event_rule.tamper.name, aws_cloudwatch_event_rule.renewer_misuse.name,
  ]
}
