# Public access block: all four settings on every bucket.
resource "aws_s3_bucket" "pass_blocked" {
  bucket = "example-pab-pass"
}

resource "aws_s3_bucket_public_access_block" "blocked" {
  bucket                  = aws_s3_bucket.pass_blocked.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "fail_partial" {
  bucket = "example-pab-partial"
}

resource "aws_s3_bucket_public_access_block" "partial" {
  bucket                  = aws_s3_bucket.fail_partial.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = false
  restrict_public_buckets = false
}

resource "aws_s3_bucket" "fail_unblocked" {
  bucket = "example-pab-none"
}
