# Human roles: effective denies of logging, key and public-access tampering pass; a missing or
# MFA-conditioned deny fails, and an administrator's failure says logging can be weakened.
locals {
  trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "sts:AssumeRole"
    }]
  })
  high_risk = [
    "cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail",
    "cloudtrail:PutEventSelectors", "kms:DisableKey", "kms:ScheduleKeyDeletion",
    "s3:PutBucketPublicAccessBlock", "s3:PutAccountPublicAccessBlock",
  ]
  allow_all = { Effect = "Allow", Action = "*", Resource = "*" }
}

resource "aws_iam_role" "pass_denied" {
  name               = "pass-denied-administrator"
  assume_role_policy = local.trust
  tags               = { "ztiam:tier" = "administrator" }
  inline_policy {
    name = "admin"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [local.allow_all, { Effect = "Deny", Action = local.high_risk, Resource = "*" }]
    })
  }
}

resource "aws_iam_role" "fail_administrator_without_denies" {
  name               = "fail-open-administrator"
  assume_role_policy = local.trust
  tags               = { "ztiam:tier" = "administrator" }
  inline_policy {
    name = "admin"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [local.allow_all]
    })
  }
}

resource "aws_iam_role" "fail_mfa_conditioned" {
  name               = "fail-mfa-operator"
  assume_role_policy = local.trust
  inline_policy {
    name = "ops"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        { Effect = "Allow", Action = "ec2:*", Resource = "*" },
        {
          Effect    = "Deny"
          Action    = local.high_risk
          Resource  = "*"
          Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
        },
      ]
    })
  }
}
