output "bucket" {
  description = "Name of the bucket (literal); depending on it waits for the bucket and its policy."
  value       = var.bucket
  depends_on  = [aws_s3_bucket.this, aws_s3_bucket_policy.this]
}

output "arn" {
  description = "ARN of the bucket (literal, known at plan time)."
  value       = local.arn
  depends_on  = [aws_s3_bucket.this]
}

output "kms_key_arn" {
  description = "ARN of the bucket's KMS key, or null for access-logs buckets (SSE-S3)."
  value       = try(aws_kms_key.this[0].arn, null)
}

output "kms_alias" {
  description = "Alias of the bucket's KMS key (literal), or null for access-logs buckets."
  value       = local.uses_kms ? local.kms_alias : null
}

output "policy" {
  description = "The bucket policy (JSON)."
  value       = local.policy
}

output "class" {
  description = "Class of the bucket."
  value       = var.class
}
