# MFA for deletes: plain Bool does not catch long-term access keys.
resource "aws_s3_bucket" "bucket_if_exists" {
  bucket = "example-mfa-pass"
}

resource "aws_s3_bucket_policy" "pass_if_exists" {
  bucket = aws_s3_bucket.bucket_if_exists.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Principal = "*", Action = ["s3:DeleteObject", "s3:DeleteObjectVersion"], Resource = "arn:aws:s3:::example-mfa-pass/*", Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false", "aws:PrincipalIsAWSService" = "false" }, ArnNotLike = { "aws:PrincipalArn" = ["arn:aws:iam::111122223333:role/ztiam-deployer", "arn:aws:iam::111122223333:role/ztiam-break-glass"] } } }]
  })
}

resource "aws_s3_bucket" "bucket_plain_bool" {
  bucket = "example-mfa-fail"
}

resource "aws_s3_bucket_policy" "fail_plain_bool" {
  bucket = aws_s3_bucket.bucket_plain_bool.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Principal = "*", Action = ["s3:DeleteObject", "s3:DeleteObjectVersion"], Resource = "arn:aws:s3:::example-mfa-fail/*", Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } } }]
  })
}
