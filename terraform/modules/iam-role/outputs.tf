output "arn" {
  description = "ARN of the role, written as a literal so it is known at plan time."
  value       = local.arn
  depends_on  = [aws_iam_role.this]
}

output "name" {
  description = "Name of the role."
  value       = try(aws_iam_role.this.name, var.name)
}

output "unique_id" {
  description = "Stable id IAM assigns to the role (known after apply)."
  value       = try(aws_iam_role.this.unique_id, null)
}

output "instance_profile_name" {
  description = "Name of the instance profile, or null when none was created."
  value       = try(aws_iam_instance_profile.this[0].name, null)
}

output "instance_profile_arn" {
  description = "ARN of the instance profile, or null when none was created."
  value       = try(aws_iam_instance_profile.this[0].arn, null)
}

output "max_session_duration" {
  description = "Maximum session length of the role in seconds."
  value       = try(aws_iam_role.this.max_session_duration, var.max_session_duration)
}
