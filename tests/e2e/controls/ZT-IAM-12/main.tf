# Cross-account roles: a required source identity passes; none, or unconstrained session tags,
# fails.
locals {
  partner    = { AWS = "arn:aws:iam::444455556666:root" }
  externalid = { "sts:ExternalId" = "acme-7f3c9d2e" }
}

resource "aws_iam_role" "pass_source_identity" {
  name                 = "pass-source-identity"
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = local.partner
      Action    = ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"]
      Condition = {
        StringEquals                = local.externalid
        Null                        = { "sts:SourceIdentity" = "false" }
        "ForAllValues:StringEquals" = { "aws:TagKeys" = ["team"] }
      }
    }]
  })
}

resource "aws_iam_role" "fail_no_source_identity" {
  name                 = "fail-no-source-identity"
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = local.partner
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = local.externalid }
    }]
  })
}

resource "aws_iam_role" "fail_free_session_tags" {
  name                 = "fail-free-session-tags"
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = local.partner
      Action    = ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"]
      Condition = {
        StringEquals = local.externalid
        Null         = { "sts:SourceIdentity" = "false" }
      }
    }]
  })
}
