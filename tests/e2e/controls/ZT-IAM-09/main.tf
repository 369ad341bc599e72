# Sizes and issues IAM would reject at apply: a duplicate Sid fails, a plain policy passes.
resource "aws_iam_policy" "pass_plain" {
  name = "pass-plain"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "ReadObjects", Effect = "Allow", Action = "s3:GetObject", Resource = "*" }]
  })
}

resource "aws_iam_policy" "fail_duplicate_sid" {
  name = "fail-duplicate-sid"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Read", Effect = "Allow", Action = "s3:GetObject", Resource = "*" },
      { Sid = "Read", Effect = "Allow", Action = "s3:ListBucket", Resource = "*" },
    ]
  })
}

resource "aws_iam_policy" "fail_too_large" {
  name = "fail-too-large"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [for i in range(80) : {
      Sid      = "Read${i}"
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = "arn:aws:s3:::example-bucket-with-a-long-name-${i}/*"
    }]
  })
}
