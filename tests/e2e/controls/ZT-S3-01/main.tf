# Constraint 9: a bucket policy without a time-window deny fails; an Allow window does not count.
resource "aws_s3_bucket" "data" {
  bucket = "example-bucket"
}

resource "aws_s3_bucket_policy" "fail_no_window" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::example-bucket", "arn:aws:s3:::example-bucket/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Sid       = "AllowWindowOnly"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/app" }
        Action    = "s3:GetObject"
        Resource  = "arn:aws:s3:::example-bucket/*"
        Condition = {
          DateGreaterThan = { "aws:CurrentTime" = "2026-01-01T00:00:00Z" }
          DateLessThan    = { "aws:CurrentTime" = "2027-01-01T00:00:00Z" }
        }
      },
    ]
  })
}

resource "aws_s3_bucket" "other" {
  bucket = "example-other-bucket"
}

resource "aws_s3_bucket_policy" "pass_window" {
  bucket = aws_s3_bucket.other.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyOutsideWindow"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::example-other-bucket", "arn:aws:s3:::example-other-bucket/*"]
      Condition = {
        DateGreaterThan = { "aws:CurrentTime" = "2027-01-01T00:00:00Z" }
      }
    }]
  })
}
