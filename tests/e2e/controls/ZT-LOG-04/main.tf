# The trail archive: versioned, COMPLIANCE-mode object lock for 7 years; GOVERNANCE fails.
resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "example-archive-pass"
}

resource "aws_cloudtrail" "second" {
  name           = "second"
  s3_bucket_name = "example-archive-fail"
}

resource "aws_s3_bucket" "pass_archive" {
  bucket              = "example-archive-pass"
  object_lock_enabled = true
}

resource "aws_s3_bucket_versioning" "archive" {
  bucket = aws_s3_bucket.pass_archive.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_object_lock_configuration" "archive" {
  bucket = aws_s3_bucket.pass_archive.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 2557
    }
  }
}

resource "aws_s3_bucket" "fail_governance" {
  bucket              = "example-archive-fail"
  object_lock_enabled = true
}

resource "aws_s3_bucket_versioning" "governance" {
  bucket = aws_s3_bucket.fail_governance.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_object_lock_configuration" "governance" {
  bucket = aws_s3_bucket.fail_governance.id
  rule {
    default_retention {
      mode  = "GOVERNANCE"
      years = 7
    }
  }
}
