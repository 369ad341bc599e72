locals {
  source_identity_conditions = var.source_identity_pattern == null ? {} : {
    StringLike = { "sts:SourceIdentity" = [var.source_identity_pattern] }
  }

  trust_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "TrustAllowListedAccount"
        Effect    = "Allow"
        Principal = { AWS = ["arn:aws:iam::${var.external_account_id}:root"] }
        Action    = ["sts:AssumeRole", "sts:SetSourceIdentity"]
        Condition = merge(
          {
            StringEquals    = { "sts:ExternalId" = [var.external_id] }
            Null            = { "sts:SourceIdentity" = ["false"] }
            DateGreaterThan = { "aws:CurrentTime" = [var.window.not_before] }
            DateLessThan    = { "aws:CurrentTime" = [var.window.not_after] }
          },
          local.source_identity_conditions,
        )
      },
    ]
  })
}

module "role" {
  source = "../iam-role"

  name                     = var.name
  description              = var.description
  account_id               = var.account_id
  tier                     = "external"
  assume_role_policy       = local.trust_policy
  max_session_duration     = var.max_session_duration
  permissions_boundary_arn = var.permissions_boundary_arn
  managed_policy_arns      = var.managed_policy_arns
  tags                     = var.tags
}
