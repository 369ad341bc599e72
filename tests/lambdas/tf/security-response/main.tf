# Test root for terraform/modules/security-response, laid out like a compiled root: the pytest
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

module "security_response" {
  source = "./modules/security-response"

  environment         = "prod"
  account_id          = "333333333333"
  trail_name          = "ztiam-prod"
  alert_topic_arn     = "arn:aws:sns:us-east-1:333333333333:ztiam-prod-alerts"
  alert_kms_key_alias = "alias/ztiam-prod-alerts"
  alarm_topic_arns    = ["arn:aws:sns:us-east-1:333333333333:ztiam-prod-alarms"]
  allowed_regions     = ["us-east-1"]
  global_services     = ["cloudfront:*", "iam:*", "route53:*", "sts:*", "support:*"]
}
