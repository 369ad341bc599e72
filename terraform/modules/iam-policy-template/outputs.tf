output "arn" {
  description = "ARN of the policy, written as a literal so it is known at plan time."
  value       = local.arn
  depends_on  = [aws_iam_policy.this]
}

output "name" {
  description = "Name of the policy."
  value       = try(aws_iam_policy.this.name, var.name)
}

output "policy_id" {
  description = "Stable id IAM assigns to the policy (known after apply)."
  value       = try(aws_iam_policy.this.policy_id, null)
}

output "document" {
  description = "The rendered policy document (JSON)."
  value       = local.document
}

output "size" {
  description = "Non-whitespace characters of the document, as IAM counts them."
  value       = local.size
}

output "global_services_as_of" {
  description = "Date of the global-services list exempted from the Region deny."
  value       = try(local.global_services.as_of, null)
}
