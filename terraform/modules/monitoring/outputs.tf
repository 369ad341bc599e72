output "topic_arn" {
  description = "ARN of the security alert topic (literal, known at plan time)."
  value       = local.topic_arn
  depends_on  = [aws_sns_topic.this]
}

output "response_topic_arn" {
  description = "ARN of the topic whose alarms trigger the automated response (literal)."
  value       = local.trigger_arn
  depends_on  = [aws_sns_topic.triggers]
}

output "kms_alias" {
  description = "Alias of the key encrypting the alert topic."
  value       = var.kms_alias
}

output "kms_key_arn" {
  description = "ARN of the key encrypting the alert topic (known after apply)."
  value       = try(aws_kms_key.this.arn, null)
}

output "rule_names" {
  description = "Names of the EventBridge rules."
  value       = [for name in keys(local.rules) : "${var.name_prefix}-${name}"]
}

output "alarm_names" {
  description = "Names of the metric alarms."
  value       = local.alarm_names
}

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard."
  value       = try(aws_cloudwatch_dashboard.this.dashboard_name, null)
}
