# Log groups other than the trail's: 90 days or more, KMS-encrypted.
resource "aws_kms_key" "logs" {
  description         = "log groups"
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "pass_kept" {
  name              = "/aws/lambda/kept"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_cloudwatch_log_group" "pass_forever" {
  name       = "/aws/lambda/forever"
  kms_key_id = aws_kms_key.logs.arn
}

resource "aws_cloudwatch_log_group" "fail_short" {
  name              = "/aws/lambda/short"
  retention_in_days = 14
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_cloudwatch_log_group" "fail_plain" {
  name              = "/aws/lambda/plain"
  retention_in_days = 365
}
