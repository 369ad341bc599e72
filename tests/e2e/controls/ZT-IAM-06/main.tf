# Constraint 8: a policy without an explicit region deny fails.
resource "aws_iam_policy" "fail_no_region_deny" {
  name = "fail-no-region-deny"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ReadData"
      Effect    = "Allow"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::example-bucket/*"
      Condition = local.three_keys
    }]
  })
}

resource "aws_iam_policy" "pass_region_deny" {
  name = "pass-region-deny"
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
