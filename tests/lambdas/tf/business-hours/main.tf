# Test root for terraform/modules/business-hours, laid out like a compiled root: the pytest
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

module "business_hours" {
  source = "./modules/business-hours"

  environment     = "prod"
  account_id      = "333333333333"
  role_names      = ["ztiam-prod-developer", "ztiam-prod-operator"]
  time_zone       = "America/New_York"
  days            = ["mon", "tue", "wed", "thu", "fri"]
  start           = "07:00"
  end             = "19:00"
  alert_topic_arn = "arn:aws:sns:us-east-1:333333333333:ztiam-prod-alerts"
  allowed_regions = ["us-east-1"]
  global_services = ["cloudfront:*", "iam:*", "route53:*", "sts:*", "support:*"]
}
