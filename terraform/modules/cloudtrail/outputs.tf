output "trail_arn" {
  description = "ARN of the trail (literal, known at plan time)."
  value       = local.trail_arn
  depends_on  = [aws_cloudtrail.this]
}

output "log_group_name" {
  description = "Name of the CloudWatch Logs group receiving the trail's events."
  value       = try(aws_cloudwatch_log_group.this.name, var.log_group_name)
}

output "log_group_arn" {
  description = "ARN of the log group without the :* suffix (literal)."
  value       = local.log_group_arn
  depends_on  = [aws_cloudwatch_log_group.this]
}

output "kms_key_arn" {
  description = "ARN of the key encrypting log files and the log group (known after apply)."
  value       = try(aws_kms_key.this.arn, null)
}

output "kms_alias" {
  description = "Alias of the key."
  value       = var.kms_alias
}

output "log_file_topic_arn" {
  description = "ARN of the SNS topic announcing each delivered log file (literal)."
  value       = local.topic_arn
  depends_on  = [aws_sns_topic.log_files]
}

output "delivery_role_arn" {
  description = "ARN of the role CloudTrail uses to write to CloudWatch Logs."
  value       = module.delivery_role.arn
}
