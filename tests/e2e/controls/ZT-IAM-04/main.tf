# Constraint 4: an administrator role anyone in the account can assume without MFA fails.
resource "aws_iam_role" "fail_admin_no_mfa" {
  name                 = "fail-admin-no-mfa"
  max_session_duration = 3600
  tags                 = { "ztiam:tier" = "administrator" }
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role" "pass_admin_mfa" {
  name                 = "pass-admin-mfa"
  max_session_duration = 3600
  tags                 = { "ztiam:tier" = "administrator" }
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:user/break-glass" }
      Action    = "sts:AssumeRole"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}
