# TLS only: a deny on some objects and actions is not enough.
resource "aws_s3_bucket" "bucket_tls" {
  bucket = "example-tls-pass"
}

resource "aws_s3_bucket_policy" "pass_tls" {
  bucket = aws_s3_bucket.bucket_tls.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::example-tls-pass", "arn:aws:s3:::example-tls-pass/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }]
  })
}

resource "aws_s3_bucket" "bucket_objects_only" {
  bucket = "example-tls-fail"
}

resource "aws_s3_bucket_policy" "fail_objects_only" {
  bucket = aws_s3_bucket.bucket_objects_only.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::example-tls-fail/*", Condition = { Bool = { "aws:SecureTransport" = "false" } } }]
  })
}
