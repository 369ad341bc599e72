# Developers in production: read-only passes; writes, IAM changes or database reads fail.
locals {
  trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "sts:AssumeRole"
    }]
  })
  tier = { "ztiam:tier" = "developer" }
}

resource "aws_iam_role" "pass_read_only" {
  name               = "pass-read-only-developer"
  assume_role_policy = local.trust
  tags               = local.tier
  inline_policy {
    name = "read"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        { Effect = "Allow", Action = ["ec2:Describe*", "logs:GetLogEvents"], Resource = "*" },
        { Effect = "Allow", Action = "iam:CreateUser", Resource = "*" },
        { Effect = "Deny", Action = "iam:*", Resource = "*" },
      ]
    })
  }
}

resource "aws_iam_role" "fail_writes_in_production" {
  name               = "fail-writes-developer"
  assume_role_policy = local.trust
  tags               = local.tier
  inline_policy {
    name = "write"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "ec2:RunInstances", Resource = "*" }]
    })
  }
}

resource "aws_iam_role" "fail_database_reads" {
  name               = "fail-database-developer"
  assume_role_policy = local.trust
  inline_policy {
    name = "data"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "dynamodb:GetItem", Resource = "*" }]
    })
  }
}
