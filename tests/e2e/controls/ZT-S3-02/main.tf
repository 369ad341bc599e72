# Endpoint-only denies: without the exempt principals the deny locks everyone out.
resource "aws_s3_bucket" "bucket_exempted" {
  bucket = "example-vpce-pass"
}

resource "aws_s3_bucket_policy" "pass_exempted" {
  bucket = aws_s3_bucket.bucket_exempted.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::example-vpce-pass", "arn:aws:s3:::example-vpce-pass/*"], Condition = { StringNotEquals = { "aws:SourceVpce" = "vpce-0abc1234" }, ArnNotLike = { "aws:PrincipalArn" = ["arn:aws:iam::111122223333:role/ztiam-deployer", "arn:aws:iam::111122223333:role/ztiam-break-glass"] }, BoolIfExists = { "aws:PrincipalIsAWSService" = "false" } } }]
  })
}

resource "aws_s3_bucket" "bucket_lock_out" {
  bucket = "example-vpce-fail"
}

resource "aws_s3_bucket_policy" "fail_lock_out" {
  bucket = aws_s3_bucket.bucket_lock_out.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::example-vpce-fail", "arn:aws:s3:::example-vpce-fail/*"], Condition = { StringNotEquals = { "aws:SourceVpce" = "vpce-0abc1234" } } }]
  })
}
