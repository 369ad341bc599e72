output "minimum_password_length" {
  description = "Minimum password length in effect."
  value       = try(aws_iam_account_password_policy.this.minimum_password_length, var.minimum_password_length)
}

output "max_password_age" {
  description = "Password expiry in days."
  value       = try(aws_iam_account_password_policy.this.max_password_age, var.max_password_age)
}

output "password_reuse_prevention" {
  description = "Number of remembered passwords."
  value       = try(aws_iam_account_password_policy.this.password_reuse_prevention, var.password_reuse_prevention)
}

output "expire_passwords" {
  description = "Whether passwords expire (known after apply)."
  value       = try(aws_iam_account_password_policy.this.expire_passwords, null)
}
