# Constraint 1: an Allow with a single condition key fails; three keys pass.
resource "aws_iam_policy" "fail_one_key" {
  name = "fail-one-key"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "ReadData"
        Effect    = "Allow"
        Action    = "s3:GetObject"
        Resource  = "arn:aws:s3:::example-bucket/*"
        Condition = { StringEquals = { "aws:SourceVpce" = "vpce-0abc1234" } }
      },
      local.region_deny,
    ]
  })
}

resource "aws_iam_policy" "pass_three_keys" {
  name = "pass-three-keys"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "ReadData"
        Effect    = "Allow"
        Action    = "s3:GetObject"
        Resource  = "arn:aws:s3:::example-bucket/*"
        Condition = local.three_keys
      },
      local.region_deny,
    ]
  })
}
