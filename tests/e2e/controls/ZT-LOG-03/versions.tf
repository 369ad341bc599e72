terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 6.0"
    }
  }
}

provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111122223333"]
}

locals {
  region_deny = {
    Sid       = "DenyUnapprovedRegions"
    Effect    = "Deny"
    NotAction = ["iam:*", "sts:*", "organizations:*", "support:*"]
    Resource  = "*"
    Condition = { StringNotEquals = { "aws:RequestedRegion" = ["us-east-1"] } }
  }
  three_keys = {
    StringEquals = {
      "aws:RequestedRegion"         = ["us-east-1"]
      "aws:PrincipalTag/ztiam:tier" = "developer"
    }
    Bool = { "aws:SecureTransport" = "true" }
  }
}
