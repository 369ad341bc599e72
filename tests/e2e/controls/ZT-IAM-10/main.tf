# Human roles: a boundary that closes escalation passes; none, or one with gaps, fails.
locals {
  trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "sts:AssumeRole"
    }]
  })
  ceiling = { Effect = "Allow", Action = "*", Resource = "*" }
}

resource "aws_iam_policy" "boundary" {
  name = "boundary"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      local.ceiling,
      {
        Effect = "Deny"
        Action = [
          "iam:*PermissionsBoundary", "iam:AttachUserPolicy", "iam:CreatePolicyVersion",
          "iam:PutUserPolicy", "iam:SetDefaultPolicyVersion",
        ]
        Resource = "*"
      },
      {
        Effect   = "Deny"
        Action   = ["iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy"]
        Resource = "arn:aws:iam::111122223333:role/ztiam-*"
      },
      {
        Effect    = "Deny"
        Action    = ["iam:CreateRole", "iam:CreateUser"]
        Resource  = "*"
        Condition = { StringNotEquals = { "iam:PermissionsBoundary" = "arn:aws:iam::111122223333:policy/boundary" } }
      },
      { Effect = "Deny", Action = "iam:PassRole", NotResource = "arn:aws:iam::111122223333:role/app" },
    ]
  })
}

resource "aws_iam_policy" "weak_boundary" {
  name = "weak-boundary"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      local.ceiling,
      { Effect = "Deny", Action = ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"], Resource = "*" },
    ]
  })
}

resource "aws_iam_role" "pass_bounded" {
  name                 = "pass-bounded"
  assume_role_policy   = local.trust
  permissions_boundary = aws_iam_policy.boundary.arn
}

resource "aws_iam_role" "fail_unbounded" {
  name               = "fail-unbounded"
  assume_role_policy = local.trust
}

resource "aws_iam_role" "fail_weak_boundary" {
  name                 = "fail-weak-boundary"
  assume_role_policy   = local.trust
  permissions_boundary = aws_iam_policy.weak_boundary.arn
}
