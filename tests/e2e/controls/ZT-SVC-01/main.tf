# Service roles: named actions on named resources pass; wildcards, permissions management,
# Resource "*" for scoped actions or an AWS-managed policy fail.
locals {
  trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role" "pass_scoped" {
  name               = "pass-scoped"
  assume_role_policy = local.trust
  inline_policy {
    name = "app"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        { Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "arn:aws:s3:::example-data/*" },
        { Effect = "Allow", Action = ["xray:PutTraceSegments"], Resource = "*" },
      ]
    })
  }
}

resource "aws_iam_role" "fail_wildcards" {
  name               = "fail-wildcards"
  assume_role_policy = local.trust
  inline_policy {
    name = "app"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        { Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::example-data/*" },
        { Effect = "Allow", Action = "dynamodb:GetItem", Resource = "*" },
      ]
    })
  }
}

resource "aws_iam_role" "fail_permissions_management" {
  name               = "fail-permissions-management"
  assume_role_policy = local.trust
  inline_policy {
    name = "app"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect   = "Allow"
        Action   = "iam:AttachRolePolicy"
        Resource = "arn:aws:iam::111122223333:role/fail-permissions-management"
      }]
    })
  }
}

resource "aws_iam_role" "fail_aws_managed" {
  name                = "fail-aws-managed"
  assume_role_policy  = local.trust
  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]
}
