# Test root for terraform/modules/time-limited-access, laid out like a compiled root: the pytest
# test writes the module there, bundled as the compiler bundles it, before terraform runs.

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
  region = "us-east-1"
}

module "grant" {
  source = "./modules/time-limited-access"

  environment         = "prod"
  account_id          = "333333333333"
  name                = "inc-4711-db-failover"
  permission_set      = "ZtiamDeveloper"
  actions             = ["rds:RebootDBInstance", "rds:FailoverDBCluster"]
  approved_at         = "2026-01-12T09:30:00Z"
  not_after           = "2026-01-15T18:00:00Z"
  approved_by         = "jane.doe@example.com"
  ticket              = "INC-4711"
  boundary_arn        = "arn:aws:iam::333333333333:policy/ztiam-prod-boundary-operator"
  alert_topic_arn     = "arn:aws:sns:us-east-1:333333333333:ztiam-prod-alerts"
  alert_kms_key_alias = "alias/ztiam-prod-alerts"
  allowed_regions     = ["us-east-1"]
  global_services     = ["cloudfront:*", "iam:*", "route53:*", "sts:*", "support:*"]
}
