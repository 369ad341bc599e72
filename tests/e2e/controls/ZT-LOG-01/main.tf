# Constraint 5: a single-region trail without validation, KMS or CloudWatch Logs fails.
resource "aws_cloudtrail" "fail_bare_trail" {
  name                          = "fail-bare-trail"
  s3_bucket_name                = "example-trail-bucket"
  is_multi_region_trail         = false
  include_global_service_events = false
  enable_log_file_validation    = false
}
