# Uploads without the header: the combined IfExists + Null "false" statement lets them through.
resource "aws_s3_bucket" "bucket_two_statements" {
  bucket = "example-sse-pass"
}

resource "aws_s3_bucket_policy" "pass_two_statements" {
  bucket = aws_s3_bucket.bucket_two_statements.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:PutObject", Resource = "arn:aws:s3:::example-sse-pass/*", Condition = { StringNotEquals = { "s3:x-amz-server-side-encryption" = "aws:kms" } } }, { Effect = "Deny", Principal = "*", Action = "s3:PutObject", Resource = "arn:aws:s3:::example-sse-pass/*", Condition = { Null = { "s3:x-amz-server-side-encryption" = "true" } } }]
  })
}

resource "aws_s3_bucket" "bucket_combined" {
  bucket = "example-sse-fail"
}

resource "aws_s3_bucket_policy" "fail_combined" {
  bucket = aws_s3_bucket.bucket_combined.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:PutObject", Resource = "arn:aws:s3:::example-sse-fail/*", Condition = { StringNotEqualsIfExists = { "s3:x-amz-server-side-encryption" = "aws:kms" }, Null = { "s3:x-amz-server-side-encryption" = "false" } } }]
  })
}
