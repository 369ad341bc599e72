# Operators: infrastructure with data reads denied and an MFA-tagged trust passes.
locals {
  tier = { "ztiam:tier" = "operator" }
  trust_with_mfa_tag = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:PrincipalTag/mfa" = "true" } }
    }]
  })
}

resource "aws_iam_role" "pass_infrastructure_only" {
  name               = "pass-infrastructure-operator"
  assume_role_policy = local.trust_with_mfa_tag
  tags               = local.tier
  inline_policy {
    name = "infrastructure"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        { Effect = "Allow", Action = ["ec2:*", "s3:*"], Resource = "*" },
        { Effect = "Deny", Action = "s3:GetObject*", Resource = "arn:aws:s3:::example-data/*" },
      ]
    })
  }
}

resource "aws_iam_role" "fail_reads_data" {
  name               = "fail-data-operator"
  assume_role_policy = local.trust_with_mfa_tag
  tags               = local.tier
  inline_policy {
    name = "data"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["s3:*", "iam:CreateUser"], Resource = "*" }]
    })
  }
}

resource "aws_iam_role" "fail_trust_without_mfa_tag" {
  name = "fail-no-mfa-operator"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = local.tier
}
