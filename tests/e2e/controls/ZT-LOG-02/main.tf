# A trail whose log group keeps logs 30 days without KMS fails; 365 days with KMS passes.
resource "aws_kms_key" "logs" {
  description         = "trail logs"
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "fail_short_retention" {
  name              = "fail-short-retention"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "pass_year_encrypted" {
  name              = "pass-year-encrypted"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_cloudtrail" "short" {
  name                          = "short"
  s3_bucket_name                = "example-trail-bucket"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  kms_key_id                    = aws_kms_key.logs.arn
  cloud_watch_logs_group_arn    = "arn:aws:logs:us-east-1:111122223333:log-group:fail-short-retention:*"
  cloud_watch_logs_role_arn     = "arn:aws:iam::111122223333:role/trail-to-logs"
}

resource "aws_cloudtrail" "year" {
  name                          = "year"
  s3_bucket_name                = "example-trail-bucket"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  kms_key_id                    = aws_kms_key.logs.arn
  cloud_watch_logs_group_arn    = "arn:aws:logs:us-east-1:111122223333:log-group:pass-year-encrypted:*"
  cloud_watch_logs_role_arn     = "arn:aws:iam::111122223333:role/trail-to-logs"
}
