# A human role whose boundary leaves iam:CreateServiceLinkedRole open fails.
resource "aws_iam_policy" "open_boundary" {
  name = "open-boundary"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "All", Effect = "Allow", Action = "*", Resource = "*", Condition = local.three_keys },
      local.region_deny,
    ]
  })
}

resource "aws_iam_policy" "closed_boundary" {
  name = "closed-boundary"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "All", Effect = "Allow", Action = "*", Resource = "*", Condition = local.three_keys },
      { Sid = "NoSlr", Effect = "Deny", Action = "iam:CreateServiceLinkedRole", Resource = "*" },
      local.region_deny,
    ]
  })
}

locals {
  people_trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "sts:AssumeRole"
      Condition = {
        ArnLike = {
          "aws:PrincipalArn" = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_Dev_*"
        }
      }
    }]
  })
}

resource "aws_iam_role" "fail_can_create_slr" {
  name                 = "fail-can-create-slr"
  assume_role_policy   = local.people_trust
  permissions_boundary = "arn:aws:iam::111122223333:policy/open-boundary"
}

resource "aws_iam_role" "pass_cannot_create_slr" {
  name                 = "pass-cannot-create-slr"
  assume_role_policy   = local.people_trust
  permissions_boundary = "arn:aws:iam::111122223333:policy/closed-boundary"
}
